/**
 * go-cmp's edit scripts (cmp/internal/diff: a linear-budget search from both ends, pairing similar
 * elements as modified) and its specialised report of two differing strings of 32 bytes or more
 * (cmp/report_slices.go): as `"""` line blocks when both are multi-line text, else as
 * `strings.Join({...}, "")` chunks of 64 bytes, with context around each difference. go-cmp
 * starts the search from either end at random; this always starts forward.
 */
import { appendEllipsis, appendStats, equal, line, numDiff, stats, TEXT_ELLIPSIS, verbosity, wrap,
  type DiffMode, type DiffStats, type Opts, type TextNode, type TextRecord } from './goCmpText';

export interface EditResult { readonly same: number; readonly diff: number }
/** '.' identity, 'X' only in x, 'Y' only in y, 'M' modified. */
export type Edit = '.' | 'X' | 'Y' | 'M';

const zigzag = (i: number): number => (i & 1 ? ~i : i) >> 1;

export function difference(nx: number, ny: number, f: (ix: number, iy: number) => EditResult): Edit[] {
  const isEq = (r: EditResult) => r.diff === 0;
  const similar = (r: EditResult) => r.same + 1 >= r.diff;
  interface Path { dir: 1 | -1; x: number; y: number; es: Edit[] }
  const fwd: Path = { dir: 1, x: 0, y: 0, es: [] };
  const rev: Path = { dir: -1, x: nx, y: ny, es: [] };
  const append = (p: Path, e: Edit) => {
    p.es.push(e);
    if (e === '.' || e === 'M') { p.x += p.dir; p.y += p.dir; } else if (e === 'X') p.x += p.dir; else p.y += p.dir;
  };
  const connect = (p: Path, dx: number, dy: number) => {
    if (p.dir > 0) {
      while (dx > p.x && dy > p.y) {
        const r = f(p.x, p.y);
        append(p, isEq(r) ? '.' : similar(r) ? 'M' : dx - p.x >= dy - p.y ? 'X' : 'Y');
      }
      while (dx > p.x) append(p, 'X');
      while (dy > p.y) append(p, 'Y');
    } else {
      while (p.x > dx && p.y > dy) {
        const r = f(p.x - 1, p.y - 1);
        append(p, isEq(r) ? '.' : similar(r) ? 'M' : p.y - dy >= p.x - dx ? 'Y' : 'X');
      }
      while (p.x > dx) append(p, 'X');
      while (p.y > dy) append(p, 'Y');
    }
  };
  const fwdF = { x: 0, y: 0 }, revF = { x: nx, y: ny };
  let budget = 4 * (nx + ny);
  for (let forward = true; !(fwdF.x >= revF.x || fwdF.y >= revF.y || budget === 0); forward = !forward) {
    let stop1 = false, stop2 = false;
    for (let i = 0; !(stop1 && stop2) && budget > 0; i++) {
      const z = zigzag(i);
      if (forward) {
        const px = fwdF.x + z, py = fwdF.y - z;
        if (px >= rev.x || py < fwd.y) stop1 = true;
        else if (py >= rev.y || px < fwd.x) stop2 = true;
        else if (isEq(f(px, py))) {
          connect(fwd, px, py);
          append(fwd, '.');
          while (fwd.x < rev.x && fwd.y < rev.y && isEq(f(fwd.x, fwd.y))) append(fwd, '.');
          fwdF.x = fwd.x; fwdF.y = fwd.y;
          stop1 = stop2 = true;
        } else budget--;
      } else {
        const px = revF.x - z, py = revF.y + z;
        if (fwd.x >= px || rev.y < py) stop1 = true;
        else if (fwd.y >= py || rev.x < px) stop2 = true;
        else if (isEq(f(px - 1, py - 1))) {
          connect(rev, px, py);
          append(rev, '.');
          while (fwd.x < rev.x && fwd.y < rev.y && isEq(f(rev.x - 1, rev.y - 1))) append(rev, '.');
          revF.x = rev.x; revF.y = rev.y;
          stop1 = stop2 = true;
        } else budget--;
      }
    }
    if (forward) { if (rev.x - fwdF.x >= rev.y - fwdF.y) fwdF.x++; else fwdF.y++; }
    else if (revF.x - fwd.x >= revF.y - fwd.y) revF.x--; else revF.y--;
  }
  connect(fwd, rev.x, rev.y);
  return [...fwd.es, ...rev.es.reverse()];
}

export const isPrint = (c: number): boolean => c >= 0x20 && c !== 0x7f && !(c >= 0x80 && c < 0xa0) && c !== 0xfffd;

/** strconv.Quote. */
export function goQuote(s: string): string {
  const esc: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\v': '\\v' };
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out += esc[ch] ?? (isPrint(c) ? ch : c < 0x100 ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`);
  }
  return `"${out}"`;
}

/** go-cmp's formatString: quoted, or a raw `string` when quoting would escape what a raw string can hold. */
export function goString(s: string): string {
  const q = goQuote(s);
  if (q.length === s.length + 2) return q;
  return [...s].every((ch) => ch !== '`' && ch !== '\n' && (isPrint(ch.codePointAt(0)!) || ch === '\t')) ? `\`${s}\`` : q;
}

/** strconv.Unquote of what goString printed. */
function unquote(s: string): string {
  if (s.startsWith('`')) return s.slice(1, -1);
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '"': '"', '\\': '\\' };
  return s.slice(1, -1).replace(/\\(x[0-9a-f]{2}|u[0-9a-f]{4}|.)/g, (_, e: string) => (e.length > 1 ? String.fromCodePoint(parseInt(e.slice(1), 16)) : simple[e] ?? e));
}
const dist = (es: readonly Edit[]): number => es.filter((e) => e !== '.').length;

/** Context chunks, ellipses and -/+ chunks of two sequences (formatOptions.formatDiffSlice). */
function diffChunks(o: Opts, vx: readonly string[], vy: readonly string[], chunkSize: number, name: string, rec: (chunk: readonly string[], d: DiffMode) => TextRecord): TextRecord[] {
  const es = difference(vx.length, vy.length, (ix, iy) => (vx[ix] === vy[iy] ? { same: 1, diff: 0 } : { same: 0, diff: 2 }));
  const list: TextRecord[] = [];
  const chunks = (v: readonly string[], d: DiffMode): number => {
    for (let i = 0; i < v.length; i += chunkSize) list.push(rec(v.slice(i, i + chunkSize), d));
    return v.length;
  };
  const maxLen = o.limit ? (1 << verbosity(o)) << 2 : -1;
  // coalesceAdjacentEdits, then coalesceInterveningIdentical and cleanupSurroundingIdentical.
  let groups: DiffStats[] = [];
  let prev = '';
  for (const e of es) {
    const mode = e === '.' ? '=' : '!';
    if (mode !== prev) { groups.push(stats(name)); prev = mode; }
    const g = groups[groups.length - 1];
    if (e === '.') g.identical++; else if (e === 'X') g.removed++; else if (e === 'Y') g.inserted++; else g.modified++;
  }
  const merged: DiffStats[] = [];
  for (const ds of groups) {
    if (merged.length >= 2 && numDiff(ds) > 0) {
      const p = merged[merged.length - 2], c = merged[merged.length - 1];
      if ((p.removed > 0 || ds.removed > 0) && (p.inserted > 0 || ds.inserted > 0) && c.identical <= Math.floor(chunkSize / 4)) {
        merged[merged.length - 2] = appendStats(appendStats(p, c), ds);
        merged.pop();
        continue;
      }
    }
    merged.push(ds);
  }
  groups = merged;
  let ix = 0, iy = 0;
  groups.forEach((ds, i) => {
    if (numDiff(ds) === 0) { ix += ds.identical; iy += ds.identical; return; }
    let nx = ds.identical + ds.removed + ds.modified, ny = ds.identical + ds.inserted + ds.modified;
    let lead = 0, trail = 0;
    while (lead < nx && lead < ny && vx[ix + lead] === vy[iy + lead]) lead++;
    while (trail < nx && trail < ny && vx[ix + nx - 1 - trail] === vy[iy + ny - 1 - trail]) trail++;
    if (lead + trail > 0) {
      if (lead > 0 && i > 0) groups[i - 1].identical += lead;
      if (lead > 0) { ix += lead; iy += lead; }
      if (trail > 0 && i + 1 < groups.length) groups[i + 1].identical += trail;
      nx -= lead + trail; ny -= lead + trail;
      groups[i] = { ...stats(name), removed: nx, inserted: ny };
    }
    ix += nx; iy += ny;
  });
  let x = vx, y = vy;
  let numDiffs = 0;
  let maxGroup = stats(name);
  groups.forEach((ds, i) => {
    if (maxLen >= 0 && numDiffs >= maxLen) { maxGroup = appendStats(maxGroup, ds); return; }
    if (numDiff(ds) === 0) {
      const numEqual = ds.ignored + ds.identical;
      let lo = 0, hi = 0;
      while (lo < chunkSize * 2 && lo + hi < numEqual && i !== 0) lo++;
      while (hi < chunkSize * 2 && lo + hi < numEqual && i !== groups.length - 1) hi++;
      if (numEqual - (lo + hi) <= chunkSize) hi = numEqual - lo;
      chunks(x.slice(0, lo), ' ');
      if (numEqual > lo + hi) appendEllipsis(list, { ...ds, identical: ds.identical - lo - hi });
      chunks(x.slice(numEqual - hi, numEqual), ' ');
      x = x.slice(numEqual); y = y.slice(numEqual);
      return;
    }
    const len0 = list.length;
    x = x.slice(chunks(x.slice(0, ds.identical + ds.removed + ds.modified), '-'));
    y = y.slice(chunks(y.slice(0, ds.identical + ds.inserted + ds.modified), '+'));
    numDiffs += list.length - len0;
  });
  if (numDiff(maxGroup) + maxGroup.identical > 0) appendEllipsis(list, maxGroup);
  return list;
}

/** Two differing strings of at least 32 bytes (FormatDiffSlice for strings). */
export function formatDiffSlice(o: Opts, sx: string, sy: string): TextNode {
  const runes = [...(sx + sy)];
  const valid = runes.filter((r) => isPrint(r.codePointAt(0)!) || /\s/.test(r)).length;
  let numLines = 0, maxLineLen = 0, last = 0;
  for (let i = 0; i < (sx + sy).length; i++) {
    if ((sx + sy)[i] === '\n') { maxLineLen = Math.max(maxLineLen, i - last); last = i + 1; numLines++; }
  }
  let linedText = valid === runes.length && numLines >= 4 && maxLineLen <= 1024;
  const lx = sx.split('\n'), ly = sy.split('\n');
  if (linedText) {
    const esLines = difference(lx.length, ly.length, (i, j) => (lx[i] === ly[j] ? { same: 1, diff: 0 } : { same: 0, diff: 2 }));
    const esBytes = difference(sx.length, sy.length, (i, j) => (sx[i] === sy[j] ? { same: 1, diff: 0 } : { same: 0, diff: 2 }));
    const expansion = goQuote(sx + sy).length / (sx.length + sy.length);
    linedText = dist(esLines) / esLines.length < 4 * (dist(esBytes) / esBytes.length) || expansion > 1.1;
  }
  if (linedText) {
    const list = diffChunks(o, lx, ly, 1, 'line', (c, d) => ({ diff: d, value: line(goString(c[0])) }));
    const triple = tripleQuoted(list);
    if (triple) return wrap('(', { k: 'list', recs: triple }, ')');
    return wrap('strings.Join(', wrap('{', { k: 'list', recs: list }, '}'), ', "\\n")');
  }
  const list = diffChunks(o, [...sx], [...sy], 64, 'byte', (c, d) => ({ diff: d, value: line(goString(c.join(''))) }));
  return wrap('strings.Join(', wrap('{', { k: 'list', recs: list }, '}'), ', "")');
}

/** The `"""` block of a line diff, or null when a line cannot be shown raw or a removed line looks like an inserted one. */
function tripleQuoted(list: readonly TextRecord[]): TextRecord[] | null {
  const out: TextRecord[] = [{ value: line('"""'), elideComma: true }];
  let removed = new Set<string>(), inserted = new Set<string>();
  for (const r of list) {
    let next = r;
    if (!equal(r.value, TEXT_ELLIPSIS)) {
      const text = unquote((r.value as { s: string }).s).replace(/^\r|\r$/g, '');
      const norm = text.replace(/\s/g, '');
      let ok = !text.startsWith('"""') && !text.startsWith('...') && [...text].every((ch) => isPrint(ch.codePointAt(0)!) || ch === '\t');
      if (r.diff === '-') { ok &&= !inserted.has(norm); removed.add(norm); }
      if (r.diff === '+') { ok &&= !removed.has(norm); inserted.add(norm); }
      if (!ok) return null;
      next = { ...r, value: line(text), elideComma: true };
    }
    if (r.diff !== '-' && r.diff !== '+') { removed = new Set(); inserted = new Set(); }
    out.push(next);
  }
  const tail = out[out.length - 1];
  if (tail.diff === ' ' && tail.value.k === 'line' && tail.value.s === '') out.pop();
  out.push({ value: line('"""'), elideComma: true });
  return out;
}
