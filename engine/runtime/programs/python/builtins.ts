/* eslint-disable require-yield -- native functions share the generator signature of Python calls; many never block. */
/**
 * The builtins module of the subset: print, len, range, the built-in types as callables (int('x')
 * raises CPython's ValueError text), min/max/sum/sorted/enumerate/zip/map/filter, isinstance, open, input.
 */
import type { Interp } from './interp';
import { callValue, collect, iterate } from './call';
import { formatValue } from './format';
import { binop, less, repr, str } from './ops';
import { sortValues } from './methods';
import { getAttr, notModelled } from './attrs';
import { openFile } from './files';
import {
  EXCEPTION_NAMES, PyExc, STOP, builtinClass, dict, hashKey, isSubclass, list, newExc, raise, truthy, tuple, typeName,
  type Kwargs, type NativeFn, type PyClass, type PyVal,
} from './values';

const INT_RE = /^\s*[-+]?(0[xob])?[0-9a-f_]+\s*$/i;

/** int(x[, base]) as PyNumber_Long / PyLong_FromString. */
export function toInt(v: PyVal, base?: PyVal): PyVal {
  if (base !== undefined && typeof v !== 'string') raise('TypeError', "int() can't convert non-string with explicit base");
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) raise(Number.isNaN(v) ? 'ValueError' : 'OverflowError', Number.isNaN(v) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
    return BigInt(Math.trunc(v));
  }
  if (typeof v === 'string') {
    const b = base === undefined ? 10 : Number(base);
    const t = v.trim().replace(/_/g, '');
    const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, b);
    const m = /^([-+]?)(.*)$/.exec(t)!;
    const body = b === 16 ? m[2].replace(/^0x/i, '') : b === 8 ? m[2].replace(/^0o/i, '') : b === 2 ? m[2].replace(/^0b/i, '') : m[2];
    if (!INT_RE.test(v) || body === '' || ![...body.toLowerCase()].every((c) => digits.includes(c)) || (b === 10 && /^0\d/.test(body) && !/^0+$/.test(body))) {
      raise('ValueError', `invalid literal for int() with base ${b}: ${repr(v)}`);
    }
    let n = 0n;
    for (const c of body.toLowerCase()) n = n * BigInt(b) + BigInt(digits.indexOf(c));
    return m[1] === '-' ? -n : n;
  }
  return raise('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'`);
}

export function toFloat(v: PyVal): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase().replace(/_/g, '');
    if (/^[-+]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
    if (/^[-+]?nan$/.test(t)) return NaN;
    if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(t)) return Number(t);
    return raise('ValueError', `could not convert string to float: ${repr(v)}`);
  }
  return raise('TypeError', `float() argument must be a string or a real number, not '${typeName(v)}'`);
}

export function len(v: PyVal): bigint {
  if (typeof v === 'string') return BigInt([...v].length);
  if (v !== null && typeof v === 'object') {
    switch (v.kind) {
      case 'list': case 'tuple': return BigInt(v.items.length);
      case 'dict': case 'set': return BigInt(v.map.size);
      case 'bytes': return BigInt(v.data.length);
      case 'range': return v.step > 0n ? (v.stop > v.start ? (v.stop - v.start + v.step - 1n) / v.step : 0n) : (v.start > v.stop ? (v.start - v.stop - v.step - 1n) / -v.step : 0n);
    }
  }
  return raise('TypeError', `object of type '${typeName(v)}' has no len()`);
}

const TYPE_OF: Readonly<Record<string, string>> = { bool: 'bool', int: 'int', float: 'float', str: 'str', list: 'list', dict: 'dict', tuple: 'tuple', set: 'set', bytes: 'bytes', NoneType: 'NoneType' };

export function makeBuiltins(ip: Interp): Map<string, PyVal> {
  const b = new Map<string, PyVal>();
  const fn = (name: string, f: NativeFn) => b.set(name, { kind: 'builtin', name, fn: f });
  const sync = (name: string, f: (a: PyVal[], kw: Kwargs) => PyVal) => fn(name, function* (a, kw) { return f(a, kw); });
  const types = new Map<string, PyClass>();
  const type = (name: string, make: NativeFn, base = 'object') => {
    const c: PyClass = { kind: 'class', name, bases: [types.get(base) ?? builtinClass('object')], attrs: new Map(), module: 'builtins', make };
    types.set(name, c);
    b.set(name, c);
  };
  const arity = (name: string, a: PyVal[], n: number) => { if (a.length !== n) raise('TypeError', `${name}() takes exactly one argument (${a.length} given)`); };

  type('int', function* (a) { return a.length ? toInt(a[0], a[1]) : 0n; });
  type('bool', function* (a) { return a.length ? truthy(a[0]) : false; }, 'int');
  type('float', function* (a) { return a.length ? toFloat(a[0]) : 0; });
  type('str', function* (a, kw) {
    if (a.length > 1 || kw.size) {
      const x = a[0];
      if (x !== null && typeof x === 'object' && x.kind === 'bytes') return yield* callValue(ip, yield* getAttr(ip, x, 'decode'), [], new Map());
    }
    return a.length ? str(a[0], ip.hook) : '';
  });
  type('list', function* (a) { return list(a.length ? yield* collect(ip, a[0]) : []); });
  type('tuple', function* (a) { return tuple(a.length ? yield* collect(ip, a[0]) : []); });
  type('set', function* (a) { return { kind: 'set', map: new Map((a.length ? yield* collect(ip, a[0]) : []).map((v) => [hashKey(v), v])) }; });
  type('dict', function* (a, kw) {
    const d = dict();
    if (a.length) {
      const src = a[0];
      if (src !== null && typeof src === 'object' && src.kind === 'dict') for (const [k, p] of src.map) d.map.set(k, p);
      else for (const pair of yield* collect(ip, src)) { const [k, v] = yield* collect(ip, pair); d.map.set(hashKey(k), [k, v]); }
    }
    for (const [k, v] of kw) d.map.set(hashKey(k), [k, v]);
    return d;
  });
  type('bytes', function* (a) { return { kind: 'bytes', data: typeof a[0] === 'string' ? a[0] : '' }; });
  type('object', function* () { return { kind: 'inst', cls: types.get('object')!, attrs: new Map(), args: [] }; });
  type('type', function* (a) { return typeOf(a[0]); });
  for (const name of EXCEPTION_NAMES) if (name !== 'object') b.set(name, builtinClass(name));
  b.set('IOError', builtinClass('OSError'));
  b.set('EnvironmentError', builtinClass('OSError'));

  function typeOf(v: PyVal): PyVal {
    if (v !== null && typeof v === 'object') {
      if (v.kind === 'inst') return v.cls;
      if (v.kind === 'class') return types.get('type')!;
    }
    const n = TYPE_OF[typeName(v)];
    return (n && types.get(n)) || { kind: 'class', name: typeName(v), bases: [], attrs: new Map(), module: 'builtins' };
  }

  fn('print', function* (a, kw) {
    const sep = kw.get('sep') ?? ' ';
    const end = kw.get('end') ?? '\n';
    if (sep !== null && typeof sep !== 'string') raise('TypeError', `sep must be None or a string, not ${typeName(sep)}`);
    if (end !== null && typeof end !== 'string') raise('TypeError', `end must be None or a string, not ${typeName(end)}`);
    const text = a.map((x) => str(x, ip.hook)).join(sep ?? ' ') + (end ?? '\n');
    const file = kw.get('file') ?? null;
    if (file === null) yield* ip.io.write(1, text);
    else yield* callValue(ip, yield* getAttr(ip, file, 'write'), [text], new Map());
    if (truthy(kw.get('flush') ?? false)) {
      if (file === null) yield* ip.io.flush();
      else yield* callValue(ip, yield* getAttr(ip, file, 'flush'), [], new Map());
    }
    return null;
  });
  sync('len', (a) => { arity('len', a, 1); return len(a[0]); });
  sync('repr', (a) => repr(a[0], ip.hook));
  sync('abs', (a) => { const v = a[0]; if (typeof v === 'bigint') return v < 0n ? -v : v; if (typeof v === 'number') return Math.abs(v); if (typeof v === 'boolean') return v ? 1n : 0n; return raise('TypeError', `bad operand type for abs(): '${typeName(v)}'`); });
  sync('range', (a) => {
    const ints = a.map((x) => (typeof x === 'bigint' ? x : typeof x === 'boolean' ? (x ? 1n : 0n) : raise('TypeError', `'${typeName(x)}' object cannot be interpreted as an integer`)));
    if (!ints.length) raise('TypeError', 'range expected at least 1 argument, got 0');
    const [start, stop, step] = ints.length === 1 ? [0n, ints[0], 1n] : [ints[0], ints[1], ints[2] ?? 1n];
    if (step === 0n) raise('ValueError', 'range() arg 3 must not be zero');
    return { kind: 'range', start, stop, step };
  });
  const minmax = (name: 'min' | 'max') => fn(name, function* (a, kw) {
    const items = a.length === 1 ? yield* collect(ip, a[0]) : a;
    if (!items.length) {
      if (kw.has('default')) return kw.get('default')!;
      raise('ValueError', `${name}() iterable argument is empty`);
    }
    const key = kw.get('key') ?? null;
    let best = items[0];
    let bestK = key ? yield* callValue(ip, key, [best], new Map()) : best;
    for (const x of items.slice(1)) {
      const k = key ? yield* callValue(ip, key, [x], new Map()) : x;
      if (name === 'min' ? less(k, bestK, 'lt') : less(bestK, k, 'lt')) { best = x; bestK = k; }
    }
    return best;
  });
  minmax('min');
  minmax('max');
  fn('sum', function* (a) {
    let acc: PyVal = a[1] ?? 0n;
    if (typeof acc === 'string') raise('TypeError', "sum() can't sum strings [use ''.join(seq) instead]");
    for (const x of yield* collect(ip, a[0])) acc = binop('+', acc, x);
    return acc;
  });
  fn('sorted', function* (a, kw) { return list(yield* sortValues(ip, yield* collect(ip, a[0]), kw.get('key') ?? null, truthy(kw.get('reverse') ?? false))); });
  fn('reversed', function* (a) { return iterOf('list_reverseiterator', [...yield* collect(ip, a[0])].reverse()); });
  fn('enumerate', function* (a, kw) {
    let i = toInt(a[1] ?? kw.get('start') ?? 0n) as bigint;
    return iterOf('enumerate', (yield* collect(ip, a[0])).map((x) => tuple([i++, x])));
  });
  fn('zip', function* (a) {
    const cols: PyVal[][] = [];
    for (const x of a) cols.push(yield* collect(ip, x));
    const n = cols.length ? Math.min(...cols.map((c) => c.length)) : 0;
    return iterOf('zip', Array.from({ length: n }, (_, i) => tuple(cols.map((c) => c[i]))));
  });
  fn('map', function* (a) {
    const out: PyVal[] = [];
    const cols: PyVal[][] = [];
    for (const x of a.slice(1)) cols.push(yield* collect(ip, x));
    const n = cols.length ? Math.min(...cols.map((c) => c.length)) : 0;
    for (let i = 0; i < n; i++) out.push(yield* callValue(ip, a[0], cols.map((c) => c[i]), new Map()));
    return iterOf('map', out);
  });
  fn('filter', function* (a) {
    const out: PyVal[] = [];
    for (const x of yield* collect(ip, a[1])) if (truthy(a[0] === null ? x : yield* callValue(ip, a[0], [x], new Map()))) out.push(x);
    return iterOf('filter', out);
  });
  fn('any', function* (a) { for (const x of yield* collect(ip, a[0])) if (truthy(x)) return true; return false; });
  fn('all', function* (a) { for (const x of yield* collect(ip, a[0])) if (!truthy(x)) return false; return true; });
  sync('isinstance', (a) => {
    const check = (c: PyVal): boolean => {
      if (c !== null && typeof c === 'object' && c.kind === 'tuple') return c.items.some(check);
      if (c === null || typeof c !== 'object' || c.kind !== 'class') return raise('TypeError', 'isinstance() arg 2 must be a type, a tuple of types, or a union');
      const t = typeOf(a[0]);
      return t !== null && typeof t === 'object' && t.kind === 'class' && isSubclass(t, c);
    };
    return check(a[1]);
  });
  sync('issubclass', (a) => a[0] !== null && typeof a[0] === 'object' && a[0].kind === 'class' && a[1] !== null && typeof a[1] === 'object' && a[1].kind === 'class' && isSubclass(a[0], a[1]));
  sync('callable', (a) => a[0] !== null && typeof a[0] === 'object' && ['func', 'builtin', 'method', 'class'].includes(a[0].kind));
  fn('hasattr', function* (a) {
    try { yield* getAttr(ip, a[0], String(a[1])); return true; } catch (e) {
      if (e instanceof PyExc && e.exc.cls.name === 'AttributeError') return false;
      throw e;
    }
  });
  fn('getattr', function* (a) {
    try { return yield* getAttr(ip, a[0], String(a[1])); } catch (e) {
      if (a.length > 2 && e instanceof PyExc && e.exc.cls.name === 'AttributeError') return a[2];
      throw e;
    }
  });
  sync('setattr', (a) => { if (a[0] !== null && typeof a[0] === 'object' && a[0].kind === 'inst') a[0].attrs.set(String(a[1]), a[2]); return null; });
  sync('chr', (a) => String.fromCodePoint(Number(a[0])));
  sync('ord', (a) => { const s = String(a[0]); if ([...s].length !== 1) raise('TypeError', `ord() expected a character, but string of length ${[...s].length} found`); return BigInt(s.codePointAt(0)!); });
  sync('hex', (a) => { const n = toInt(a[0]) as bigint; return (n < 0n ? '-0x' : '0x') + (n < 0n ? -n : n).toString(16); });
  sync('bin', (a) => { const n = toInt(a[0]) as bigint; return (n < 0n ? '-0b' : '0b') + (n < 0n ? -n : n).toString(2); });
  sync('oct', (a) => { const n = toInt(a[0]) as bigint; return (n < 0n ? '-0o' : '0o') + (n < 0n ? -n : n).toString(8); });
  sync('divmod', (a) => tuple([binop('//', a[0], a[1]), binop('%', a[0], a[1])]));
  sync('pow', (a) => binop('**', a[0], a[1]));
  sync('round', (a) => round(a[0], a[1] ?? null));
  sync('format', (a) => formatValue(a[0], a.length > 1 ? String(a[1]) : '', ip.hook));
  sync('hash', (a) => { const k = hashKey(a[0]); return typeof k === 'string' && k[0] === 'n' ? BigInt(k.slice(1)) : notModelled('hash() of this value'); });
  sync('id', () => notModelled('id()'));
  fn('iter', function* (a) {
    const next = yield* iterate(ip, a[0]);
    const buf: PyVal[] = [];
    for (;;) { const x = yield* next(); if (x === undefined) break; buf.push(x); }
    return iterOf(`${typeName(a[0])}_iterator`, buf);
  });
  sync('next', (a) => {
    const it = a[0];
    if (it === null || typeof it !== 'object' || it.kind !== 'iter') return raise('TypeError', `'${typeName(it)}' object is not an iterator`);
    const v = it.next();
    if (v === STOP) { if (a.length > 1) return a[1]; throw new PyExc(newExc('StopIteration')); }
    return v;
  });
  const exit = (name: string) => sync(name, (a) => { throw new PyExc(newExc('SystemExit', ...a)); });
  exit('exit');
  exit('quit');
  fn('open', function* (a, kw) { return openFile(ip, a[0], a[1] ?? kw.get('mode') ?? 'r'); });
  fn('input', function* (a) {
    if (a.length) yield* ip.io.write(1, str(a[0], ip.hook));
    yield* ip.io.flush();
    const line = yield* ip.io.readLine();
    if (line === null) throw new PyExc(newExc('EOFError', 'EOF when reading a line'));
    return line.replace(/\n$/, '');
  });
  fn('super', function* () {
    const f = ip.frame;
    const cls = f.func?.cls;
    if (!cls || f.self === undefined) raise('RuntimeError', 'super(): no arguments');
    const self = f.self;
    const parent = cls.bases[0];
    const proxy: PyClass = { kind: 'class', name: 'super', bases: [], attrs: new Map(), module: 'builtins' };
    for (let c: PyClass | undefined = parent; c; c = c.bases[0]) {
      for (const [k, v] of c.attrs) if (!proxy.attrs.has(k)) proxy.attrs.set(k, v !== null && typeof v === 'object' && v.kind === 'func' ? { kind: 'method', fn: v, self } : v);
    }
    if (isSubclass(cls, builtinClass('BaseException')) && !proxy.attrs.has('__init__')) {
      proxy.attrs.set('__init__', { kind: 'builtin', name: '__init__', fn: function* (args) { if (self !== null && typeof self === 'object' && self.kind === 'inst') self.args = args; return null; } });
    }
    if (!proxy.attrs.has('__init__')) proxy.attrs.set('__init__', { kind: 'builtin', name: '__init__', fn: function* () { return null; } });
    return { kind: 'inst', cls: proxy, attrs: new Map(proxy.attrs), args: [] };
  });
  for (const name of ['eval', 'exec', 'compile', 'globals', 'locals', 'vars', 'dir', 'breakpoint', 'memoryview', 'bytearray', 'frozenset', 'property', 'staticmethod', 'classmethod', 'complex', 'help', 'aiter', 'anext', 'ascii', 'delattr', 'slice', '__import__']) {
    sync(name, () => notModelled(`${name}()`));
  }
  b.set('__name__', '__main__');
  return b;
}


function iterOf(name: string, items: PyVal[]): PyVal {
  let i = 0;
  return { kind: 'iter', name, next: () => (i < items.length ? items[i++] : STOP) };
}

/** round(): halves go to the even neighbour, judged on the float's exact decimal value (CPython's dtoa rounding). */
function round(v: PyVal, nd: PyVal): PyVal {
  if (typeof v === 'bigint' || typeof v === 'boolean') return typeof v === 'boolean' ? (v ? 1n : 0n) : v;
  if (typeof v !== 'number') return raise('TypeError', `type ${typeName(v)} doesn't define __round__ method`);
  if (nd === null) {
    if (!Number.isFinite(v)) raise(Number.isNaN(v) ? 'ValueError' : 'OverflowError', Number.isNaN(v) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
    const f = Math.floor(v);
    const diff = v - f;
    return BigInt(diff > 0.5 || (diff === 0.5 && f % 2 !== 0) ? f + 1 : f);
  }
  const digits = Number(nd);
  if (!Number.isFinite(v) || digits > 20) return v;
  if (digits < 0) { const p = 10 ** -digits; return Math.round(v / p) * p; }
  const exact = Math.abs(v).toFixed(Math.min(100, digits + 60));
  const dot = exact.indexOf('.');
  const tail = exact.slice(dot + 1 + digits);
  const kept = exact.slice(0, dot + 1 + digits).replace(/\.$/, '');
  let r: number;
  if (/^50*$/.test(tail)) {
    const lastDigit = Number(kept[kept.length - 1]);
    r = lastDigit % 2 === 0 ? Number(kept) : Number(Math.abs(v).toFixed(digits));
  } else r = Number(Math.abs(v).toFixed(digits));
  return v < 0 ? -r : r;
}
