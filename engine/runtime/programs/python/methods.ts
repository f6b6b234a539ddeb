/* eslint-disable require-yield -- native functions share the generator signature of Python calls; many never block. */
/**
 * Methods of the built-in types (str, bytes, list, dict, set) with CPython's results and errors.
 * `PUBLIC_METHODS` lists each type's real public methods: one the subset lacks fails as not modelled
 * instead of pretending to be an AttributeError.
 */
import type { Interp } from './interp';
import { utf8Bytes } from '../utf8';
import { callValue, collect } from './call';
import { strFormat } from './format';
import { eq, less, repr } from './ops';
import { PyExc, bytes, hashKey, list, newExc, raise, truthy, tuple, typeName, type G, type Kwargs, type PyVal } from './values';

export const PUBLIC_METHODS: Readonly<Record<string, readonly string[]>> = {
  str: ('capitalize casefold center count encode endswith expandtabs find format format_map index isalnum isalpha isascii isdecimal ' +
    'isdigit isidentifier islower isnumeric isprintable isspace istitle isupper join ljust lower lstrip maketrans partition removeprefix ' +
    'removesuffix replace rfind rindex rjust rpartition rsplit rstrip split splitlines startswith strip swapcase title translate upper zfill').split(' '),
  list: 'append clear copy count extend index insert pop remove reverse sort'.split(' '),
  dict: 'clear copy fromkeys get items keys pop popitem setdefault update values'.split(' '),
  set: ('add clear copy difference difference_update discard intersection intersection_update isdisjoint issubset issuperset pop remove ' +
    'symmetric_difference symmetric_difference_update union update').split(' '),
  bytes: 'capitalize center count decode endswith find fromhex hex index isalnum isalpha isascii isdigit islower isspace istitle isupper join ljust lower lstrip partition removeprefix removesuffix replace rfind rindex rjust rpartition rsplit rstrip split splitlines startswith strip swapcase title translate upper zfill'.split(' '),
  tuple: ['count', 'index'],
  int: 'as_integer_ratio bit_count bit_length conjugate denominator from_bytes imag is_integer numerator real to_bytes'.split(' '),
  float: 'as_integer_ratio conjugate fromhex hex imag is_integer real'.split(' '),
};

type M = (args: PyVal[], kw: Kwargs) => G<PyVal>;
const argStr = (v: PyVal, what: string): string => (typeof v === 'string' ? v : raise('TypeError', `${what} arg must be None or str`));

function strip(s: string, chars: PyVal, left: boolean, right: boolean): string {
  const set = chars === null || chars === undefined ? null : argStr(chars, 'strip');
  const keep = (c: string) => (set === null ? !/\s/.test(c) : !set.includes(c));
  let a = 0;
  let b = s.length;
  if (left) while (a < b && !keep(s[a])) a++;
  if (right) while (b > a && !keep(s[b - 1])) b--;
  return s.slice(a, b);
}

function split(s: string, sep: PyVal, max: number): PyVal {
  if (sep === null || sep === undefined) {
    const out: string[] = [];
    let rest = s.replace(/^\s+/, '');
    while (rest !== '') {
      if (max >= 0 && out.length === max) { out.push(rest); break; }
      const m = /\s+/.exec(rest);
      if (!m) { out.push(rest); break; }
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return list(out);
  }
  const d = argStr(sep, 'split');
  if (d === '') raise('ValueError', 'empty separator');
  const parts = s.split(d);
  if (max >= 0 && parts.length > max + 1) return list([...parts.slice(0, max), parts.slice(max).join(d)]);
  return list(parts);
}

const num = (v: PyVal | undefined, dflt: number): number => (v === undefined || v === null ? dflt : Number(v));

export function strMethod(ip: Interp, s: string, name: string): M | null {
  const f = (fn: (a: PyVal[], kw: Kwargs) => PyVal): M => function* (a, kw) { return fn(a, kw); };
  switch (name) {
    case 'upper': return f(() => s.toUpperCase());
    case 'lower': return f(() => s.toLowerCase());
    case 'strip': return f((a) => strip(s, a[0] ?? null, true, true));
    case 'lstrip': return f((a) => strip(s, a[0] ?? null, true, false));
    case 'rstrip': return f((a) => strip(s, a[0] ?? null, false, true));
    case 'split': return f((a, kw) => split(s, a[0] ?? kw.get('sep') ?? null, num(a[1] ?? kw.get('maxsplit'), -1)));
    case 'rsplit': return f((a, kw) => {
      const sep = a[0] ?? kw.get('sep') ?? null;
      const max = num(a[1] ?? kw.get('maxsplit'), -1);
      if (max < 0 || sep === null) return split(s, sep, max);
      const parts = s.split(argStr(sep, 'rsplit'));
      return parts.length > max + 1 ? list([parts.slice(0, parts.length - max).join(sep as string), ...parts.slice(parts.length - max)]) : list(parts);
    });
    case 'splitlines': return f((a) => list(s.split(/\r\n|\n|\r/).map((l, i, all) => (truthy(a[0] ?? false) && i < all.length - 1 ? l + '\n' : l)).filter((l, i, all) => i < all.length - 1 || l !== '')));
    case 'join': return function* (a) {
      const items = yield* collect(ip, a[0] ?? null);
      items.forEach((x, i) => { if (typeof x !== 'string') raise('TypeError', `sequence item ${i}: expected str instance, ${typeName(x)} found`); });
      return items.join(s);
    };
    case 'replace': return f((a) => {
      const [o, n] = [argStr(a[0], 'replace'), argStr(a[1], 'replace')];
      let count = num(a[2], -1);
      if (count < 0) return o === '' ? n + [...s].join(n) + n : s.split(o).join(n);
      let out = '';
      let rest = s;
      while (count-- > 0) { const i = rest.indexOf(o); if (i < 0) break; out += rest.slice(0, i) + n; rest = rest.slice(i + o.length); }
      return out + rest;
    });
    case 'startswith': case 'endswith': return f((a) => {
      const test = (p: PyVal) => (name === 'startswith' ? s.startsWith(argStr(p, name)) : s.endsWith(argStr(p, name)));
      const p = a[0];
      return p !== null && typeof p === 'object' && p.kind === 'tuple' ? p.items.some(test) : test(p);
    });
    case 'find': return f((a) => BigInt(s.indexOf(argStr(a[0], 'find'), num(a[1], 0))));
    case 'rfind': return f((a) => BigInt(s.lastIndexOf(argStr(a[0], 'rfind'))));
    case 'index': return f((a) => { const i = s.indexOf(argStr(a[0], 'index'), num(a[1], 0)); if (i < 0) raise('ValueError', 'substring not found'); return BigInt(i); });
    case 'count': return f((a) => BigInt(argStr(a[0], 'count') === '' ? s.length + 1 : s.split(a[0] as string).length - 1));
    case 'format': return f((a, kw) => strFormat(s, a, kw, ip.hook));
    case 'encode': return f(() => bytes(utf8Bytes(s)));
    case 'title': return f(() => s.toLowerCase().replace(/(^|[^A-Za-z])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase()));
    case 'capitalize': return f(() => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase());
    case 'isdigit': case 'isdecimal': case 'isnumeric': return f(() => /^[0-9]+$/.test(s));
    case 'isalpha': return f(() => /^[A-Za-z\u00c0-\uffff]+$/.test(s));
    case 'isalnum': return f(() => /^[A-Za-z0-9\u00c0-\uffff]+$/.test(s));
    case 'isspace': return f(() => /^\s+$/.test(s));
    case 'isupper': return f(() => /[A-Z]/.test(s) && s === s.toUpperCase());
    case 'islower': return f(() => /[a-z]/.test(s) && s === s.toLowerCase());
    case 'zfill': return f((a) => { const w = num(a[0], 0); const neg = /^[-+]/.test(s); const body = neg ? s.slice(1) : s; return (neg ? s[0] : '') + body.padStart(w - (neg ? 1 : 0), '0'); });
    case 'ljust': return f((a) => s.padEnd(num(a[0], 0), (a[1] as string) ?? ' '));
    case 'rjust': return f((a) => s.padStart(num(a[0], 0), (a[1] as string) ?? ' '));
    case 'center': return f((a) => { const w = num(a[0], 0); const pad = Math.max(0, w - s.length); const left = Math.floor(pad / 2) + (pad & w & 1); const fill = (a[1] as string) ?? ' '; return (fill.repeat(left) + s).padEnd(w, fill); });
    case 'partition': case 'rpartition': return f((a) => {
      const sep = argStr(a[0], name);
      const i = name === 'partition' ? s.indexOf(sep) : s.lastIndexOf(sep);
      if (i < 0) return name === 'partition' ? tuple([s, '', '']) : tuple(['', '', s]);
      return tuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
    });
    case 'removeprefix': return f((a) => (s.startsWith(a[0] as string) ? s.slice((a[0] as string).length) : s));
    case 'removesuffix': return f((a) => (a[0] !== '' && s.endsWith(a[0] as string) ? s.slice(0, s.length - (a[0] as string).length) : s));
    case 'swapcase': return f(() => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''));
  }
  return null;
}


/** The str of UTF-8 bytes; null when they are not valid UTF-8. */
export function decodeUtf8(b: string): string | null {
  let out = '';
  for (let i = 0; i < b.length;) {
    const c = b.charCodeAt(i);
    const n = c < 0x80 ? 0 : c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : -1;
    if (n < 0 || i + n >= b.length + (n ? 0 : 1)) return null;
    let cp = n === 0 ? c : c & (0x3f >> n);
    for (let j = 1; j <= n; j++) {
      const d = b.charCodeAt(i + j);
      if ((d & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (d & 63);
    }
    out += String.fromCodePoint(cp);
    i += n + 1;
  }
  return out;
}

export function listMethod(ip: Interp, l: { kind: 'list'; items: PyVal[] }, name: string): M | null {
  const items = l.items;
  const f = (fn: (a: PyVal[], kw: Kwargs) => PyVal): M => function* (a, kw) { return fn(a, kw); };
  switch (name) {
    case 'append': return f((a) => { items.push(a[0]); return null; });
    case 'extend': return function* (a) { items.push(...yield* collect(ip, a[0])); return null; };
    case 'insert': return f((a) => { let i = Number(a[0]); if (i < 0) i = Math.max(0, items.length + i); items.splice(i, 0, a[1]); return null; });
    case 'pop': return f((a) => {
      if (!items.length) raise('IndexError', 'pop from empty list');
      let i = a.length ? Number(a[0]) : items.length - 1;
      if (i < 0) i += items.length;
      if (i < 0 || i >= items.length) raise('IndexError', 'pop index out of range');
      return items.splice(i, 1)[0];
    });
    case 'remove': return f((a) => { const i = items.findIndex((x) => eq(x, a[0], ip.hook)); if (i < 0) raise('ValueError', 'list.remove(x): x not in list'); items.splice(i, 1); return null; });
    case 'index': return f((a) => { const i = items.findIndex((x) => eq(x, a[0], ip.hook)); if (i < 0) raise('ValueError', `${repr(a[0], ip.hook)} is not in list`); return BigInt(i); });
    case 'count': return f((a) => BigInt(items.filter((x) => eq(x, a[0], ip.hook)).length));
    case 'reverse': return f(() => { items.reverse(); return null; });
    case 'copy': return f(() => list([...items]));
    case 'clear': return f(() => { items.length = 0; return null; });
    case 'sort': return function* (_a, kw) {
      const sorted = yield* sortValues(ip, items, kw.get('key') ?? null, truthy(kw.get('reverse') ?? false));
      items.splice(0, items.length, ...sorted);
      return null;
    };
  }
  return null;
}

/** A stable sort by `key` (list.sort and sorted()), comparing with `<` as CPython does. */
export function* sortValues(ip: Interp, items: PyVal[], key: PyVal, reverse: boolean): G<PyVal[]> {
  const keyed: [PyVal, PyVal][] = [];
  for (const x of items) keyed.push([key === null ? x : yield* callValue(ip, key, [x], new Map()), x]);
  const order = keyed.map((_, i) => i);
  order.sort((i, j) => {
    const [a, b] = [keyed[i][0], keyed[j][0]];
    const c = less(a, b, 'lt') ? -1 : less(b, a, 'lt') ? 1 : 0;
    return (reverse ? -c : c) || i - j;
  });
  return order.map((i) => keyed[i][1]);
}

export function dictMethod(ip: Interp, d: { kind: 'dict'; map: Map<unknown, [PyVal, PyVal]> }, name: string): M | null {
  const m = d.map as Map<string | object, [PyVal, PyVal]>;
  const f = (fn: (a: PyVal[], kw: Kwargs) => PyVal): M => function* (a, kw) { return fn(a, kw); };
  switch (name) {
    case 'get': return f((a) => m.get(hashKey(a[0]))?.[1] ?? (a.length > 1 ? a[1] : null));
    case 'keys': return f(() => list([...m.values()].map(([k]) => k)));
    case 'values': return f(() => list([...m.values()].map(([, v]) => v)));
    case 'items': return f(() => list([...m.values()].map(([k, v]) => tuple([k, v]))));
    case 'pop': return f((a) => {
      const k = hashKey(a[0]);
      const p = m.get(k);
      if (p) { m.delete(k); return p[1]; }
      if (a.length > 1) return a[1];
      throw new PyExc(newExc('KeyError', a[0]));
    });
    case 'setdefault': return f((a) => { const k = hashKey(a[0]); if (!m.has(k)) m.set(k, [a[0], a[1] ?? null]); return m.get(k)![1]; });
    case 'update': return function* (a, kw) {
      const src = a[0];
      if (src !== undefined) {
        if (src !== null && typeof src === 'object' && src.kind === 'dict') for (const [k, p] of src.map) m.set(k, p);
        else for (const pair of yield* collect(ip, src)) { const [k, v] = yield* collect(ip, pair); m.set(hashKey(k), [k, v]); }
      }
      for (const [k, v] of kw) m.set(hashKey(k), [k, v]);
      return null;
    };
    case 'copy': return f(() => ({ kind: 'dict', map: new Map(m) }));
    case 'clear': return f(() => { m.clear(); return null; });
    case 'popitem': return f(() => { const last = [...m.keys()].pop(); if (last === undefined) raise('KeyError', 'popitem(): dictionary is empty'); const p = m.get(last)!; m.delete(last); return tuple(p); });
  }
  return null;
}

export function setMethod(s: { kind: 'set'; map: Map<unknown, PyVal> }, name: string): M | null {
  const f = (fn: (a: PyVal[]) => PyVal): M => function* (a) { return fn(a); };
  switch (name) {
    case 'add': return f((a) => { s.map.set(hashKey(a[0]), a[0]); return null; });
    case 'discard': return f((a) => { s.map.delete(hashKey(a[0])); return null; });
    case 'remove': return f((a) => { if (!s.map.delete(hashKey(a[0]))) throw new PyExc(newExc('KeyError', a[0])); return null; });
  }
  return null;
}

export function bytesMethod(b: { kind: 'bytes'; data: string }, name: string): M | null {
  if (name === 'decode') {
    return function* () {
      const s = decodeUtf8(b.data);
      if (s === null) throw new PyExc(newExc('UnicodeDecodeError', "'utf-8' codec can't decode bytes: invalid start byte"));
      return s;
    };
  }
  return null;
}
