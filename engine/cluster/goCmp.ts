/**
 * `cmp.Diff(x, y)` of github.com/google/go-cmp over Go values described by a small type model: the
 * comparison tree cmp builds (cmp/compare.go: structs field by field, pointers through, slices by
 * an edit script of internal/diff, maps by sorted keys, types with an Equal method as leaves) and
 * its report (cmp/report_compare.go, report_reflect.go, report_slices.go): two equal records of
 * context around each difference, `... // N identical fields`, zero-valued fields elided, types
 * printed for composite values that differ, verbosity limits (`{...}`), long strings diffed as
 * `strings.Join({...}, "")` or as `"""` line blocks. The API server renders Pod update errors with it.
 */
import { appendEllipsis, appendStats, equal, line, numDiff, render, stats, TEXT_ELLIPSIS, TEXT_NIL, textLen, wrap,
  verbosity, type DiffStats, type Opts, type TextNode, type TextRecord } from './goCmpText';
import { difference, formatDiffSlice, goString, isPrint, type EditResult } from './goCmpSlices';

export type GoType =
  | { readonly kind: 'string' | 'int' | 'bool'; readonly name: string; readonly stringer?: boolean }
  | { readonly kind: 'ptr' | 'slice'; readonly elem: GoType }
  | { readonly kind: 'map'; readonly key: GoType; readonly elem: GoType }
  | { readonly kind: 'struct'; readonly name: string; readonly fields: readonly GoField[]; readonly equalMethod?: (a: GoValue, b: GoValue) => boolean };
export interface GoField { readonly name: string; readonly type: GoType }
/** null is a nil pointer, slice or map; a pointer holds its target; a struct holds its fields in order. */
export type GoValue = string | number | boolean | null | GoValue[] | ReadonlyMap<string, GoValue>;

interface VNode {
  readonly type: GoType;
  readonly x: GoValue | undefined;
  readonly y: GoValue | undefined;
  numSame: number; numDiff: number; numCompared: number; numChildren: number; maxDepth: number;
  records?: { key?: string; node: VNode }[];
  value?: VNode;
}

export function typeString(t: GoType): string {
  switch (t.kind) {
    case 'ptr': return `*${typeString(t.elem)}`;
    case 'slice': return `[]${typeString(t.elem)}`;
    case 'map': return `map[${typeString(t.key)}]${typeString(t.elem)}`;
    default: return t.name;
  }
}

export function isZero(t: GoType, v: GoValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (t.kind === 'struct') return (v as GoValue[]).every((f, i) => isZero(t.fields[i].type, f));
  if (t.kind === 'ptr' || t.kind === 'slice' || t.kind === 'map') return false;
  return v === '' || v === 0 || v === false;
}

function leaf(n: VNode, eq: boolean, compared = 0): VNode {
  if (eq) n.numSame++; else n.numDiff++;
  n.numCompared += compared;
  return n;
}

function adopt(parent: VNode, child: VNode): VNode {
  parent.numSame += child.numSame;
  parent.numDiff += child.numDiff;
  parent.numCompared += child.numCompared;
  parent.numChildren += child.numChildren + 1;
  parent.maxDepth = Math.max(parent.maxDepth, child.maxDepth + 1);
  return child;
}

function compareAny(t: GoType, x: GoValue | undefined, y: GoValue | undefined): VNode {
  const n: VNode = { type: t, x, y, numSame: 0, numDiff: 0, numCompared: 0, numChildren: 0, maxDepth: 0 };
  if (x === undefined || y === undefined) return leaf(n, x === y);
  switch (t.kind) {
    case 'string': case 'int': case 'bool': return leaf(n, x === y);
    case 'struct': {
      if (t.equalMethod) return leaf(n, t.equalMethod(x, y), 1);
      n.records = t.fields.map((f, i) => ({ key: f.name, node: adopt(n, compareAny(f.type, (x as GoValue[])[i], (y as GoValue[])[i])) }));
      return n;
    }
    case 'ptr':
      if (x === null || y === null) return leaf(n, x === y);
      n.value = adopt(n, compareAny(t.elem, x, y));
      return n;
    case 'map': {
      if (x === null || y === null) return leaf(n, x === y);
      const mx = x as ReadonlyMap<string, GoValue>, my = y as ReadonlyMap<string, GoValue>;
      const keys = [...new Set([...mx.keys(), ...my.keys()])].sort();
      n.records = keys.map((k) => ({ key: k, node: adopt(n, compareAny(t.elem, mx.get(k), my.get(k))) }));
      return n;
    }
    case 'slice': {
      if (x === null || y === null) return leaf(n, x === y);
      const sx = x as GoValue[], sy = y as GoValue[];
      const edits = difference(sx.length, sy.length, (ix, iy): EditResult => {
        const c = compareAny(t.elem, sx[ix], sy[iy]);
        return { same: c.numSame, diff: c.numDiff };
      });
      n.records = [];
      let ix = 0, iy = 0;
      for (const e of edits) {
        const [ex, ey] = e === 'X' ? [sx[ix++], undefined] : e === 'Y' ? [undefined, sy[iy++]] : [sx[ix++], sy[iy++]];
        n.records.push({ node: adopt(n, compareAny(t.elem, ex, ey)) });
      }
      return n;
    }
  }
}


function formatType(o: Opts, t: GoType, s: TextNode): TextNode {
  if (o.typeMode === 'elide') return s;
  if (o.typeMode === 'auto') {
    if (t.kind !== 'struct' && t.kind !== 'slice' && t.kind !== 'map') return s;
    if (equal(s, TEXT_NIL) || o.diff === ' ') return s;
  }
  const name = t.kind === 'ptr' ? `(${typeString(t)})` : typeString(t);
  const delimited = s.k === 'wrap' && ((s.prefix.startsWith('(') && s.suffix.endsWith(')')) || (s.prefix.startsWith('{') && s.suffix.endsWith('}')));
  return wrap(name, delimited ? s : wrap('(', s, ')'));
}

function formatString(o: Opts, prefix: string, s: string): TextNode {
  const maxLen = o.limit ? (1 << verbosity(o)) << 5 : s.length;
  const maxLines = o.limit ? (1 << verbosity(o)) << 2 : s.split('\n').length;
  const lines = s.replace(/\n$/, '').split('\n').map((l) => l.replace(/^\r|\r$/g, ''));
  const triple = lines.length >= 4 && (o.diff === '-' || o.diff === '+') && lines.every((l) => !l.startsWith(`${prefix}"""`)
    && !l.startsWith('...') && [...l].every((ch) => isPrint(ch.codePointAt(0)!) || ch === '\t') && l.length <= maxLen);
  if (triple) {
    const recs: TextRecord[] = [{ diff: o.diff, value: line(`${prefix}"""`), elideComma: true }];
    for (let i = 0; i < lines.length; i++) {
      if (i === maxLines - 1 && lines.length - i > 1) {
        recs.push({ diff: o.diff, value: TEXT_ELLIPSIS, elideComma: true, comment: `${lines.length - i} elided lines` });
        break;
      }
      recs.push({ diff: o.diff, value: line(lines[i]), elideComma: true });
    }
    recs.push({ diff: o.diff, value: line(`${prefix}"""`), elideComma: true });
    return wrap('(', { k: 'list', recs }, ')');
  }
  if (s.length > maxLen + 3) return line(`${prefix}${goString(s.slice(0, maxLen))}...`);
  return line(prefix + goString(s));
}

function formatValue(o: Opts, t: GoType, v: GoValue | undefined): TextNode | null {
  if (v === undefined) return null;
  if ((t.kind === 'string') && t.stringer) return formatString(o, 's', v as string);
  const limit = (n: number) => (o.limit ? ((1 << verbosity(o)) >> 1) << 2 : n);
  const inner: Opts = o.limit ? { ...o, verbosity: o.verbosity - 1 } : o;
  let out: TextNode;
  switch (t.kind) {
    case 'bool': case 'int': out = line(String(v)); break;
    case 'string': out = formatString(o, '', v as string); break;
    case 'ptr':
      if (v === null) return formatType(o, t, TEXT_NIL);
      // Unnamed pointer types leave the type to the value they point to.
      return wrap('&', formatValue(o, t.elem, v)!);
    case 'struct': {
      const recs: TextRecord[] = [];
      const max = limit(t.fields.length);
      for (const [i, f] of t.fields.entries()) {
        const fv = (v as GoValue[])[i];
        if (isZero(f.type, fv)) continue;
        if (recs.length === max) { appendEllipsis(recs, null); break; }
        recs.push({ key: f.name, value: formatValue({ ...inner, typeMode: 'auto' }, f.type, fv)! });
      }
      out = wrap('{', { k: 'list', recs }, '}');
      break;
    }
    case 'slice': case 'map': {
      if (v === null) { out = TEXT_NIL; break; }
      const entries: [string | undefined, GoValue][] = t.kind === 'slice' ? (v as GoValue[]).map((e) => [undefined, e])
        : [...(v as ReadonlyMap<string, GoValue>)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const recs: TextRecord[] = [];
      const max = limit(entries.length);
      for (const [k, e] of entries) {
        if (recs.length === max) { appendEllipsis(recs, null); break; }
        recs.push({ ...(k !== undefined && t.kind === 'map' ? { key: formatMapKey(t.key, k) } : {}),
          value: formatValue({ ...inner, typeMode: 'elide' }, t.elem, e)! });
      }
      out = wrap('{', { k: 'list', recs }, '}');
      break;
    }
  }
  return formatType(o, t, out);
}

function formatMapKey(t: GoType, k: string): string {
  const out = formatValue({ diff: ' ', typeMode: 'elide', verbosity: 6, limit: true }, t, k)!;
  return render(out).trim();
}

function formatDiff(o: Opts, v: VNode): TextNode | null {
  o = o.diff === ' ' ? { ...o, verbosity: 1, limit: true } : verbosity(o) < 3 ? { ...o, verbosity: 3, limit: true } : o;
  if (canFormatDiffSlice(o, v)) return formatDiffSlice(o, v.x as string, v.y as string);
  if (v.maxDepth === 0) {
    if (o.diff === '-') return formatValue(o, v.type, v.x);
    if (o.diff === '+') return formatValue(o, v.type, v.y);
    if (v.numDiff === 0) {
      const ox = formatValue(o, v.type, v.x)!, oy = formatValue(o, v.type, v.y)!;
      return textLen(ox) < textLen(oy) ? ox : oy;
    }
    const recs: TextRecord[] = [];
    const ox = formatValue({ ...o, typeMode: 'elide' }, v.type, v.x);
    const oy = formatValue({ ...o, typeMode: 'elide' }, v.type, v.y);
    if (ox) recs.push({ diff: '-', value: ox });
    if (oy) recs.push({ diff: '+', value: oy });
    return formatType({ ...o, typeMode: 'emit' }, v.type, { k: 'list', recs });
  }
  if (v.type.kind === 'ptr') return wrap('&', formatDiff(o, v.value!)!);
  return formatType(o, v.type, formatDiffList(o, v.type, v.records!));
}

function formatDiffList(o: Opts, t: GoType, recs: { key?: string; node: VNode }[]): TextNode {
  const kind = t.kind;
  const name = kind === 'struct' ? 'field' : kind === 'map' ? 'entry' : 'element';
  o = { ...o, typeMode: kind === 'struct' ? 'auto' : 'elide' };
  const keyOf = (k: string | undefined): string | undefined => (k !== undefined && t.kind === 'map' ? formatMapKey(t.key, k) : k);
  let maxLen = -1;
  if (o.limit) {
    maxLen = o.diff === ' ' ? ((1 << verbosity(o)) >> 1) << 2 : (1 << verbosity(o)) << 1;
    o = { ...o, verbosity: o.verbosity - 1 };
  }
  const list: TextRecord[] = [];
  if (o.diff !== '') {
    let deferred = false;
    for (const r of recs) {
      if (list.length === maxLen) { deferred = true; break; }
      if (kind === 'struct') {
        const zero = o.diff === ' ' ? isZero(r.node.type, r.node.x) || isZero(r.node.type, r.node.y)
          : isZero(r.node.type, o.diff === '-' ? r.node.x : r.node.y);
        if (zero) continue;
      }
      const out = formatDiff(o, r.node);
      if (out) list.push({ key: keyOf(r.key), value: out });
    }
    if (deferred) appendEllipsis(list, null);
    return wrap('{', { k: 'list', recs: list }, '}');
  }
  const groups = coalesce(name, recs.map((r) => r.node));
  let maxGroup = stats(name);
  let numDiffs = 0;
  let rest = recs;
  const identical = (r: { key?: string; node: VNode }) => list.push({ key: keyOf(r.key), value: formatDiff({ ...o, diff: ' ' }, r.node)! });
  groups.forEach((ds, i) => {
    if (maxLen >= 0 && numDiffs >= maxLen) { maxGroup = appendStats(maxGroup, ds); return; }
    if (numDiff(ds) === 0) {
      const numEqual = ds.ignored + ds.identical;
      let lo = 0, hi = 0;
      while (lo < 2 && lo + hi < numEqual && i !== 0) lo++;
      while (hi < 2 && lo + hi < numEqual && i !== groups.length - 1) hi++;
      if (numEqual - (lo + hi) === 1) hi++;
      rest.slice(0, lo).forEach(identical);
      if (numEqual > lo + hi) appendEllipsis(list, { ...ds, identical: ds.identical - lo - hi });
      rest.slice(numEqual - hi, numEqual).forEach(identical);
      rest = rest.slice(numEqual);
      return;
    }
    for (const r of rest.slice(0, numDiff(ds))) {
      const key = keyOf(r.key);
      if (canFormatDiffSlice(o, r.node)) {
        list.push({ key, value: formatDiffSlice(o, r.node.x as string, r.node.y as string) });
      } else if (r.node.numChildren === r.node.maxDepth) {
        let ox = formatDiff({ ...o, diff: '-' }, r.node), oy = formatDiff({ ...o, diff: '+' }, r.node);
        for (let p = 0; p <= 6 && ox && oy && equal(ox, oy); p++) {
          const more = { ...o, verbosity: verbosity(o) + 2 * p };
          ox = formatDiff({ ...more, diff: '-' }, r.node);
          oy = formatDiff({ ...more, diff: '+' }, r.node);
        }
        if (ox) list.push({ diff: '-', key, value: ox });
        if (oy) list.push({ diff: '+', key, value: oy });
      } else {
        list.push({ key, value: formatDiff(o, r.node)! });
      }
    }
    rest = rest.slice(numDiff(ds));
    numDiffs += numDiff(ds);
  });
  if (numDiff(maxGroup) + maxGroup.identical + maxGroup.ignored > 0) appendEllipsis(list, maxGroup);
  return wrap('{', { k: 'list', recs: list }, '}');
}

/** Runs of equal and of unequal records (coalesceAdjacentRecords). */
function coalesce(name: string, nodes: readonly VNode[]): DiffStats[] {
  const groups: DiffStats[] = [];
  let prev = 0;
  const last = (c: number) => { if (prev !== c) { groups.push(stats(name)); prev = c; } return groups[groups.length - 1]; };
  for (const n of nodes) {
    if (n.numDiff === 0) last(1).identical++;
    else if (n.y === undefined) last(2).removed++;
    else if (n.x === undefined) last(2).inserted++;
    else last(2).modified++;
  }
  return groups;
}

function canFormatDiffSlice(o: Opts, v: VNode): boolean {
  if (o.diff !== '' || v.numDiff === 0 || v.x === undefined || v.y === undefined || v.numCompared > 0) return false;
  // Slices of numbers and bools also have a batched form; no Pod field the playground compares is one that long.
  return v.type.kind === 'string' && (v.x as string).length >= 32 && (v.y as string).length >= 32;
}

/** `cmp.Diff(x, y)` of two values of type `t`: "" when equal, else the report ending in a newline. */
export function cmpDiff(t: GoType, x: GoValue, y: GoValue): string {
  const root = compareAny(t, x, y);
  if (root.numDiff === 0) return '';
  return render(formatDiff({ diff: '', typeMode: 'auto', verbosity: 0, limit: false }, root)!);
}

