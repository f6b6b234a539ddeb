/**
 * Source positions: 1-based line and column (UTF-16 code units, as Monaco counts them) of the
 * keys and values of a parsed document, keyed by Kubernetes field path (`spec.initContainers[0].name`).
 */

/** A 1-based line and column in the text given to the parser. */
export interface SourcePos {
  readonly line: number;
  readonly column: number;
}

/** Where a field's key (absent for sequence items and the document root) and value start. */
export interface FieldPos {
  readonly key?: SourcePos;
  readonly value: SourcePos;
}

/** Field path → positions. The root document is under the empty path `''`. */
export type PositionMap = ReadonlyMap<string, FieldPos>;

/** Maps string offsets to 1-based line/column with a binary search over line starts. */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    this.starts = starts;
  }

  /** Number of lines (a trailing newline opens one more, empty line). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** The 1-based position of a 0-based offset, clamped into the text. */
  at(offset: number): SourcePos {
    const o = Math.max(0, Math.min(Number.isFinite(offset) ? Math.floor(offset) : 0, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - (this.starts[lo] as number) + 1 };
  }

  /** The offset where a 1-based line starts (clamped). */
  lineStart(line: number): number {
    const i = Math.max(0, Math.min(line - 1, this.starts.length - 1));
    return this.starts[i] as number;
  }
}

/** Parent of a field path: `a.b[2].c` → `a.b[2]` → `a.b` → `a` → `''`. */
export function parentPath(path: string): string {
  if (path.endsWith(']')) {
    const open = path.lastIndexOf('[');
    return open <= 0 ? '' : path.slice(0, open);
  }
  const dot = path.lastIndexOf('.');
  const bracket = path.lastIndexOf(']');
  if (dot > bracket) return path.slice(0, dot);
  return bracket >= 0 ? path.slice(0, bracket + 1) : '';
}

/**
 * The position to report for a field: its key when present, else its value; for a field that is
 * not in the text (a missing required field), the nearest ancestor that is.
 */
export function positionOf(positions: PositionMap, path: string, fallback: SourcePos = { line: 1, column: 1 }): SourcePos {
  let p = path;
  for (let guard = 0; guard < 1000; guard++) {
    const hit = positions.get(p);
    if (hit) return hit.key ?? hit.value;
    if (p === '') break;
    p = parentPath(p);
  }
  return fallback;
}

/**
 * Shifts a position found in an embedded text to the enclosing file: `origin` is where the embedded
 * text's first character sits. Exact for literal block scalars (`manifests: |`), whose every line
 * has the same indentation.
 */
export function shiftPos(pos: SourcePos, origin: SourcePos): SourcePos {
  return { line: origin.line + pos.line - 1, column: pos.column + origin.column - 1 };
}
