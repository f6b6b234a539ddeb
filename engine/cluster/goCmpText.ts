/**
 * go-cmp's text layer (cmp/report_text.go): the nodes a report is built from (lines, wrapped
 * nodes, lists of records) and how they print, compact on one line when they can, else one record a
 * line with keys and trailing comments aligned. go-cmp deliberately varies the space after the -/+
 * markers between releases and runs; this prints the regular space.
 */

export type DiffMode = '' | ' ' | '-' | '+';

export type TextNode = TextLine | TextWrap | TextList;
export interface TextLine { readonly k: 'line'; readonly s: string }
export interface TextWrap { readonly k: 'wrap'; readonly prefix: string; value: TextNode; readonly suffix: string }
export interface TextList { readonly k: 'list'; readonly recs: TextRecord[] }
export interface TextRecord {
  readonly diff?: DiffMode;
  readonly key?: string;
  value: TextNode;
  readonly elideComma?: boolean;
  comment?: DiffStats | string;
}

/** Counts of a run of records ("3 identical fields", "2 removed and 1 inserted elements"). */
export interface DiffStats { name: string; ignored: number; identical: number; removed: number; inserted: number; modified: number }

/** formatOptions: the diff mode, whether to print types, and the verbosity budget left. */
export interface Opts {
  readonly diff: DiffMode;
  readonly typeMode: 'emit' | 'elide' | 'auto';
  readonly verbosity: number;
  readonly limit: boolean;
}
export const verbosity = (o: Opts): number => Math.max(0, Math.min(16, o.verbosity));

export const MAX_COLUMN_LENGTH = 80;
export const line = (s: string): TextLine => ({ k: 'line', s });
export const TEXT_NIL = line('nil');
export const TEXT_ELLIPSIS = line('...');
export const wrap = (prefix: string, value: TextNode, suffix = ''): TextWrap => ({ k: 'wrap', prefix, value, suffix });

export function stats(name: string): DiffStats {
  return { name, ignored: 0, identical: 0, removed: 0, inserted: 0, modified: 0 };
}
export const numDiff = (s: DiffStats): number => s.removed + s.inserted + s.modified;
const statsZero = (s: DiffStats): boolean => s.ignored + s.identical + s.removed + s.inserted + s.modified === 0;
export function appendStats(a: DiffStats, b: DiffStats): DiffStats {
  return { name: a.name, ignored: a.ignored + b.ignored, identical: a.identical + b.identical, removed: a.removed + b.removed,
    inserted: a.inserted + b.inserted, modified: a.modified + b.modified };
}

function statsString(s: DiffStats): string {
  const labels = ['ignored', 'identical', 'removed', 'inserted', 'modified'];
  const counts = [s.ignored, s.identical, s.removed, s.inserted, s.modified];
  const parts = counts.flatMap((n, i) => (n > 0 ? [`${n} ${labels[i]}`] : []));
  const sum = counts.reduce((a, b) => a + b, 0);
  let name = s.name;
  if (sum > 1) name = `${name}s`.replace(/ys$/, 'ies');
  if (parts.length === 0) return '';
  if (parts.length <= 2) return `${parts.join(' and ')} ${name}`;
  return `${parts.slice(0, -1).join(', ')}, and ${parts[parts.length - 1]} ${name}`;
}

const commentText = (c: DiffStats | string): string => (typeof c === 'string' ? c : statsString(c));

/** Appends "..." with its stats, merging into a trailing ellipsis (textList.AppendEllipsis). */
export function appendEllipsis(list: TextRecord[], ds: DiffStats | null): void {
  const last = list[list.length - 1];
  if (!last || !equal(last.value, TEXT_ELLIPSIS)) {
    list.push(ds && !statsZero(ds) ? { value: TEXT_ELLIPSIS, elideComma: true, comment: ds } : { value: TEXT_ELLIPSIS, elideComma: true });
    return;
  }
  if (ds && !statsZero(ds)) last.comment = appendStats(last.comment as DiffStats, ds);
}

export function textLen(n: TextNode): number {
  if (n.k === 'line') return n.s.length;
  if (n.k === 'wrap') return n.prefix.length + textLen(n.value) + n.suffix.length;
  return n.recs.reduce((sum, r, i) => sum + (r.key ?? '').length + (r.key ? 2 : 0) + textLen(r.value) + (i < n.recs.length - 1 ? 2 : 0), 0);
}

export function equal(a: TextNode, b: TextNode): boolean {
  if (a.k === 'line') return b.k === 'line' && a.s === b.s;
  if (a.k === 'wrap') return b.k === 'wrap' && a.prefix === b.prefix && a.suffix === b.suffix && equal(a.value, b.value);
  return b.k === 'list' && a.recs.length === b.recs.length && a.recs.every((r, i) => {
    const o = b.recs[i];
    return (r.diff ?? '') === (o.diff ?? '') && (r.key ?? '') === (o.key ?? '') && equal(r.value, o.value)
      && (r.comment === undefined ? o.comment === undefined : o.comment !== undefined && commentText(r.comment) === commentText(o.comment));
  });
}

const isAdd = (d: DiffMode): boolean => d === '-' || d === '+';
// diffMode values combine with | in Go: ' ' | '-' is '-', ' ' | '+' is '+'.
const or = (a: DiffMode, b: DiffMode | undefined): DiffMode => (isAdd(a) ? a : b || a);

/** Renders what fits on one line as a line; returns the node to expand otherwise. */
function compact(n: TextNode, d: DiffMode): [string, TextNode] {
  if (n.k === 'line') return [n.s, n];
  if (n.k === 'wrap') {
    const [inner, value] = compact(n.value, d);
    const s = n.prefix + inner + n.suffix;
    const out = { ...n, value };
    return value.k === 'line' ? [s, line(s)] : [s, out];
  }
  let s = '';
  let multi = false;
  const recs = n.recs.map((r, i) => {
    if (r.diff === '-' || r.diff === '+') multi = true;
    s += (r.key ?? '') + (r.key ? ': ' : '');
    const [inner, value] = compact(r.value, or(d, r.diff));
    s += inner;
    if (value.k !== 'line' || r.comment !== undefined) multi = true;
    if (i < n.recs.length - 1) s += ', ';
    return { ...r, value };
  });
  if (isAdd(d) && s.length > MAX_COLUMN_LENGTH) multi = true;
  return multi ? [s, { k: 'list', recs }] : [s, line(s)];
}

function indent(n: number, d: DiffMode): string {
  return (d === '-' ? '- ' : d === '+' ? '+ ' : '  ') + '\t'.repeat(n);
}

function alignLens(recs: readonly TextRecord[], skip: (r: TextRecord) => boolean, len: (r: TextRecord) => number): number[] {
  const lens = new Array<number>(recs.length).fill(0);
  let start = 0, end = 0, max = 0;
  const flush = () => { for (let j = start; j < end; j++) lens[j] = max - len(recs[j]); };
  recs.forEach((r, i) => {
    if (skip(r)) { flush(); start = end = i + 1; max = 0; } else { max = Math.max(max, len(r)); end = i + 1; }
  });
  flush();
  return lens;
}

function expand(node: TextNode, d: DiffMode, n: number): string {
  if (node.k === 'line') return node.s;
  if (node.k === 'wrap') return node.prefix + expand(node.value, d, n) + node.suffix;
  const recs = node.recs;
  const keyPad = alignLens(recs, (r) => !r.key || r.value.k !== 'line', (r) => [...(r.key ?? '')].length);
  const valuePad = alignLens(recs, (r) => r.value.k !== 'line' || equal(r.value, TEXT_ELLIPSIS) || r.comment === undefined,
    (r) => [...(r.value as TextLine).s].length);
  if (recs.every((r) => !r.diff && !r.key && r.value.k === 'line' && r.comment === undefined)) {
    // Lists of plain values are batched several to a line.
    let out = '';
    let batch = '';
    const emit = () => { if (batch) { out += `\n${indent(n + 1, d)}${batch.trimEnd()}`; batch = ''; } };
    for (const r of recs) {
      const s = (r.value as TextLine).s;
      if (batch.length + s.length + 2 > MAX_COLUMN_LENGTH) emit();
      batch += `${s}, `;
    }
    emit();
    return `${out}\n${indent(n, d)}`;
  }
  let out = '';
  recs.forEach((r, i) => {
    out += `\n${indent(n + 1, or(d, r.diff))}${r.key ? `${r.key}: ` : ''}${' '.repeat(keyPad[i])}`;
    out += expand(r.value, or(d, r.diff), n + 1) + (r.elideComma ? '' : ',') + ' '.repeat(valuePad[i]);
    if (r.comment !== undefined) out += ` // ${commentText(r.comment)}`;
  });
  return `${out}\n${indent(n, d)}`;
}

/** The report's text (textWrap.String): compacted, then expanded from no indentation, with a final newline. */
export function render(node: TextNode): string {
  const [, c] = compact(node, '');
  return `${indent(0, '')}${expand(c, '', 0)}\n`;
}
