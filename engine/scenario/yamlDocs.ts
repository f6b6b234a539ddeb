/**
 * YAML → plain values with field positions. Built on js-yaml's event parser (`parseEvents`): the
 * values come from `constructFromEvents` and the positions from one walk over the same events, so
 * both agree. Documents are split on `---` lines first, so a broken document costs only itself.
 */
import {
  EVENT_ID,
  SCALAR_STYLE,
  Schema,
  YAML11_SCHEMA,
  YAMLException,
  binaryTag,
  constructFromEvents,
  getScalarValue,
  omapTag,
  pairsTag,
  parseEvents,
  setTag,
  timestampTag,
} from 'js-yaml';
import type { Event } from 'js-yaml';
import { LineIndex } from './positions';
import type { FieldPos, SourcePos } from './positions';

// kubectl converts YAML with go-yaml v2, a YAML 1.1 reader (`yes` is a bool, `0777` octal). Types
// that JSON cannot carry (timestamps, binary, sets) are left out, so timestamps stay strings.
const SCHEMA = new Schema(
  YAML11_SCHEMA.tags.filter((t) => t !== timestampTag && t !== binaryTag && t !== setTag && t !== omapTag && t !== pairsTag),
);

/** Most nodes one parse may expand to (aliases can multiply a small text; see cloneBounded). */
export const MAX_NODES = 1_000_000;
/** Deepest nesting accepted, as js-yaml's own default. */
const MAX_DEPTH = 100;

/** One `---`-separated piece of the text. */
export interface Chunk {
  readonly text: string;
  /** Offset of the chunk in the whole text. */
  readonly offset: number;
}

/** A YAML document with its value and positions (in whole-text coordinates). */
export interface RawDoc {
  readonly value: unknown;
  readonly start: SourcePos;
  readonly positions: Map<string, FieldPos>;
}

/** A syntax error, at a whole-text position. */
export interface YamlError {
  readonly message: string;
  readonly pos: SourcePos;
}

/**
 * Splits at document markers: a line that is `---` (alone or followed by a space) at column 1
 * ends the document before it, even inside a block scalar, as YAML itself says.
 */
export function splitDocuments(text: string, maxChunks: number): Chunk[] | null {
  const chunks: Chunk[] = [];
  let start = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    if (lineStart > start && isMarker(text, lineStart, lineEnd)) {
      chunks.push({ text: text.slice(start, lineStart), offset: start });
      if (chunks.length > maxChunks) return null;
      start = lineStart;
    }
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  chunks.push({ text: text.slice(start), offset: start });
  return chunks.length > maxChunks ? null : chunks;
}

function isMarker(text: string, from: number, to: number): boolean {
  if (!text.startsWith('---', from)) return false;
  const next = from + 3 < to ? text.charCodeAt(from + 3) : -1;
  return next === -1 || next === 32 || next === 9 || next === 13;
}

/** Parses one chunk. Either documents or an error; a budget shared across chunks bounds alias expansion. */
export function parseChunk(
  chunk: Chunk,
  lines: LineIndex,
  budget: { nodes: number },
): { docs: RawDoc[]; error?: YamlError } {
  let events: Event[];
  let values: unknown[];
  try {
    events = parseEvents(chunk.text, { maxDepth: MAX_DEPTH });
    values = constructFromEvents(events, { source: chunk.text, schema: SCHEMA, maxTotalMergeKeys: 10_000 });
  } catch (e) {
    return { docs: [], error: toYamlError(e, chunk, lines) };
  }
  const walker = new PositionWalker(events, chunk, lines);
  const docs: RawDoc[] = [];
  for (let i = 0; i < values.length; i++) {
    const { positions, start } = walker.nextDocument();
    const value = cloneBounded(values[i], budget);
    if (value === TOO_BIG) {
      return { docs, error: { message: `document expands to more than ${MAX_NODES} values (too many aliases)`, pos: start } };
    }
    docs.push({ value, start, positions });
  }
  return { docs };
}

function toYamlError(e: unknown, chunk: Chunk, lines: LineIndex): YamlError {
  if (e instanceof YAMLException) {
    const mark = e.mark;
    const offset = mark && Number.isFinite(mark.position) ? mark.position : 0;
    return { message: e.reason || 'invalid YAML', pos: lines.at(chunk.offset + offset) };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { message: message || 'invalid YAML', pos: lines.at(chunk.offset) };
}

const TOO_BIG = Symbol('too big');

/**
 * Copies a constructed value into plain JSON-like data: aliases become copies (so later walks
 * cannot loop or share), non-finite numbers stay numbers, and the node count is bounded.
 */
function cloneBounded(value: unknown, budget: { nodes: number }): unknown {
  const out = cloneValue(value, budget, 0);
  return out;
}

function cloneValue(value: unknown, budget: { nodes: number }, depth: number): unknown {
  if (--budget.nodes < 0 || depth > MAX_DEPTH * 4) return TOO_BIG;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const arr: unknown[] = [];
    for (const item of value) {
      const c = cloneValue(item, budget, depth + 1);
      if (c === TOO_BIG) return TOO_BIG;
      arr.push(c);
    }
    return arr;
  }
  const obj: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const c = cloneValue((value as Record<string, unknown>)[key], budget, depth + 1);
    if (c === TOO_BIG) return TOO_BIG;
    // defineProperty so a YAML key named `__proto__` stays an ordinary key (only then: plain assignment is cheaper).
    if (key === '__proto__') Object.defineProperty(obj, key, { value: c, enumerable: true, writable: true, configurable: true });
    else obj[key] = c;
  }
  return obj;
}

/** Walks the event stream once, recording where each field path's key and value start. */
class PositionWalker {
  private i = 0;

  constructor(
    private readonly events: Event[],
    private readonly chunk: Chunk,
    private readonly lines: LineIndex,
  ) {}

  nextDocument(): { positions: Map<string, FieldPos>; start: SourcePos } {
    const positions = new Map<string, FieldPos>();
    while (this.i < this.events.length && this.events[this.i]?.type !== EVENT_ID.DOCUMENT) this.i++;
    this.i++; // the DOCUMENT event
    let start = this.lines.at(this.chunk.offset);
    if (this.i < this.events.length && this.events[this.i]?.type !== EVENT_ID.POP) {
      start = this.nodePos(this.events[this.i] as Event) ?? start;
      this.node('', undefined, positions);
    }
    this.i++; // the document's POP
    return { positions, start };
  }

  private node(path: string, key: SourcePos | undefined, out: Map<string, FieldPos>): void {
    const ev = this.events[this.i];
    if (!ev) return;
    const value = this.nodePos(ev) ?? key ?? this.lines.at(this.chunk.offset);
    if (!out.has(path)) out.set(path, key ? { key, value } : { value });
    this.i++;
    if (ev.type === EVENT_ID.MAPPING) {
      while (this.i < this.events.length && this.events[this.i]?.type !== EVENT_ID.POP) {
        const keyEv = this.events[this.i] as Event;
        const keyPos = this.nodePos(keyEv) ?? value;
        let name: string | null = null;
        if (keyEv.type === EVENT_ID.SCALAR) {
          name = getScalarValue(this.chunk.text, keyEv);
          this.i++;
        } else {
          this.skip(); // a complex key: not a Kubernetes field
        }
        if (name === null) this.skip();
        else this.node(path === '' ? name : `${path}.${name}`, keyPos, out);
      }
      this.i++;
    } else if (ev.type === EVENT_ID.SEQUENCE) {
      let n = 0;
      while (this.i < this.events.length && this.events[this.i]?.type !== EVENT_ID.POP) {
        this.node(`${path}[${n++}]`, undefined, out);
      }
      this.i++;
    }
  }

  /** Skips one node and its children. */
  private skip(): void {
    let depth = 0;
    do {
      const ev = this.events[this.i++];
      if (!ev) return;
      if (ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE) depth++;
      else if (ev.type === EVENT_ID.POP) depth--;
    } while (depth > 0);
  }

  private nodePos(ev: Event): SourcePos | undefined {
    let offset: number;
    switch (ev.type) {
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        offset = firstOf(ev.anchorStart, ev.tagStart, ev.start);
        break;
      case EVENT_ID.SCALAR: {
        // Quoted scalars report their content; point at the opening quote instead.
        const quoted = ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED;
        offset = firstOf(ev.anchorStart, ev.tagStart, quoted ? ev.valueStart - 1 : ev.valueStart);
        break;
      }
      case EVENT_ID.ALIAS:
        offset = ev.anchorStart - 1;
        break;
      default:
        return undefined;
    }
    return offset >= 0 ? this.lines.at(this.chunk.offset + offset) : undefined;
  }
}

function firstOf(...offsets: number[]): number {
  let best = -1;
  for (const o of offsets) if (o >= 0 && (best < 0 || o < best)) best = o;
  return best;
}
