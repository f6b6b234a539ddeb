/* eslint-disable require-yield -- native functions share the generator signature of JS calls; many never block. */
/**
 * Built-in methods of Array.prototype, String.prototype and Number.prototype for the subset, with
 * their ECMA-262 results (sort's default string order, split/replace with string patterns, toFixed).
 * Regular expressions are not modelled: a RegExp argument fails plainly.
 */
import type { Js } from './interp';
import { toNumber } from './ops';
import { JsNotModelled, isCallable, isObj, toBool, type JsObj, type JsVal, type NativeCall } from './values';

type Def = (name: string, fn: NativeCall, length?: number) => void;

function definer(js: Js, target: JsObj): Def {
  return (name, fn, length = 0) => {
    target.props.set(name, js.native(name, fn, length));
    (target.hidden ??= new Set()).add(name);
  };
}

const int = (js: Js, v: JsVal, dflt: number): number => {
  if (v === undefined) return dflt;
  const n = Math.trunc(toNumber(js, v));
  return Number.isNaN(n) ? 0 : n;
};
const rel = (i: number, len: number) => (i < 0 ? Math.max(len + i, 0) : Math.min(i, len));

function arr(js: Js, self: JsVal, name: string): JsVal[] {
  if (isObj(self) && self.arr) return self.arr;
  return js.throwError('TypeError', `Array.prototype.${name} called on non-array`);
}

export function arrayMethods(js: Js, proto: JsObj): void {
  const def = definer(js, proto);
  const cb = (v: JsVal, what: string): JsObj => (isCallable(v) ? v : js.throwError('TypeError', `${js.toStr(v)} is not a function`) ?? (what as never));
  def('push', function* (self, args) { const a = arr(js, self, 'push'); a.push(...args); return a.length; }, 1);
  def('pop', function* (self) { return arr(js, self, 'pop').pop(); });
  def('shift', function* (self) { return arr(js, self, 'shift').shift(); });
  def('unshift', function* (self, args) { const a = arr(js, self, 'unshift'); a.unshift(...args); return a.length; }, 1);
  def('slice', function* (self, [s, e]) { const a = arr(js, self, 'slice'); return js.newArray(a.slice(rel(int(js, s, 0), a.length), rel(int(js, e, a.length), a.length))); }, 2);
  def('splice', function* (self, [s, n, ...items]) {
    const a = arr(js, self, 'splice');
    const start = rel(int(js, s, 0), a.length);
    return js.newArray(a.splice(start, n === undefined ? a.length - start : Math.max(0, int(js, n, 0)), ...items));
  }, 2);
  def('concat', function* (self, args) {
    const out = [...arr(js, self, 'concat')];
    for (const x of args) { if (isObj(x) && x.arr) out.push(...x.arr); else out.push(x); }
    return js.newArray(out);
  }, 1);
  def('join', function* (self, [sep]) { return arr(js, self, 'join').map((x) => (x === undefined || x === null ? '' : js.toStr(x))).join(sep === undefined ? ',' : js.toStr(sep)); }, 1);
  def('toString', function* (self) { return js.toStr(self); });
  def('indexOf', function* (self, [x]) { return arr(js, self, 'indexOf').indexOf(x); }, 1);
  def('lastIndexOf', function* (self, [x]) { return arr(js, self, 'lastIndexOf').lastIndexOf(x); }, 1);
  def('includes', function* (self, [x]) { return arr(js, self, 'includes').some((y) => y === x || (Number.isNaN(y) && Number.isNaN(x))); }, 1);
  def('at', function* (self, [i]) { const a = arr(js, self, 'at'); const n = int(js, i, 0); return a[n < 0 ? a.length + n : n]; }, 1);
  def('reverse', function* (self) { arr(js, self, 'reverse').reverse(); return self; });
  def('fill', function* (self, [v]) { const a = arr(js, self, 'fill'); a.fill(v); return self; }, 1);
  def('flat', function* (self, [d]) {
    const flat = (a: JsVal[], depth: number): JsVal[] => a.flatMap((x) => (isObj(x) && x.arr && depth > 0 ? flat(x.arr, depth - 1) : [x]));
    return js.newArray(flat(arr(js, self, 'flat'), int(js, d, 1)));
  });
  const iter = (name: string, body: (a: JsVal[], f: JsObj, thisArg: JsVal, self: JsVal) => Generator<import('../../shell/kernel').Block, JsVal, unknown>) =>
    def(name, function* (self, [f, thisArg]) { return yield* body(arr(js, self, name), cb(f, name), thisArg, self); }, 1);
  iter('forEach', function* (a, f, t, self) { for (let i = 0; i < a.length; i++) yield* js.call(f, t, [a[i], i, self]); return undefined; });
  iter('map', function* (a, f, t, self) { const out: JsVal[] = []; for (let i = 0; i < a.length; i++) out.push(yield* js.call(f, t, [a[i], i, self])); return js.newArray(out); });
  iter('filter', function* (a, f, t, self) { const out: JsVal[] = []; for (let i = 0; i < a.length; i++) if (toBool(yield* js.call(f, t, [a[i], i, self]))) out.push(a[i]); return js.newArray(out); });
  iter('find', function* (a, f, t, self) { for (let i = 0; i < a.length; i++) if (toBool(yield* js.call(f, t, [a[i], i, self]))) return a[i]; return undefined; });
  iter('findIndex', function* (a, f, t, self) { for (let i = 0; i < a.length; i++) if (toBool(yield* js.call(f, t, [a[i], i, self]))) return i; return -1; });
  iter('some', function* (a, f, t, self) { for (let i = 0; i < a.length; i++) if (toBool(yield* js.call(f, t, [a[i], i, self]))) return true; return false; });
  iter('every', function* (a, f, t, self) { for (let i = 0; i < a.length; i++) if (!toBool(yield* js.call(f, t, [a[i], i, self]))) return false; return true; });
  iter('flatMap', function* (a, f, t, self) { const out: JsVal[] = []; for (let i = 0; i < a.length; i++) { const r = yield* js.call(f, t, [a[i], i, self]); if (isObj(r) && r.arr) out.push(...r.arr); else out.push(r); } return js.newArray(out); });
  def('reduce', function* (self, args) {
    const a = arr(js, self, 'reduce');
    const f = cb(args[0], 'reduce');
    let i = 0;
    let acc: JsVal;
    if (args.length > 1) acc = args[1];
    else { if (!a.length) js.throwError('TypeError', 'Reduce of empty array with no initial value'); acc = a[i++]; }
    for (; i < a.length; i++) acc = yield* js.call(f, undefined, [acc, a[i], i, self]);
    return acc;
  }, 1);
  def('sort', function* (self, [cmp]) {
    const a = arr(js, self, 'sort');
    const keyed = a.map((v, i) => ({ v, i }));
    const defined = keyed.filter((x) => x.v !== undefined);
    // A stable merge sort, so the comparator may block (it is a JS function).
    const sorted = yield* mergeSort(defined, function* (x, y) {
      if (isCallable(cmp)) return toNumber(js, yield* js.call(cmp, undefined, [x.v, y.v]));
      const [sx, sy] = [js.toStr(x.v), js.toStr(y.v)];
      return sx < sy ? -1 : sx > sy ? 1 : 0;
    });
    a.splice(0, a.length, ...sorted.map((x) => x.v), ...keyed.filter((x) => x.v === undefined).map((x) => x.v));
    return self;
  }, 1);
  def('keys', function* (self) { return js.newArray(arr(js, self, 'keys').map((_, i) => i)); });
  def('entries', function* (self) { return js.newArray(arr(js, self, 'entries').map((v, i) => js.newArray([i, v]))); });
}

function* mergeSort<T>(a: T[], cmp: (x: T, y: T) => Generator<import('../../shell/kernel').Block, number, unknown>): Generator<import('../../shell/kernel').Block, T[], unknown> {
  if (a.length < 2) return a;
  const mid = a.length >> 1;
  const l = yield* mergeSort(a.slice(0, mid), cmp);
  const r = yield* mergeSort(a.slice(mid), cmp);
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < l.length && j < r.length) out.push((yield* cmp(r[j], l[i])) < 0 ? r[j++] : l[i++]);
  return [...out, ...l.slice(i), ...r.slice(j)];
}

function str(js: Js, self: JsVal): string {
  if (self === undefined || self === null) return js.throwError('TypeError', 'String.prototype method called on null or undefined');
  return js.toStr(self);
}

function pattern(js: Js, v: JsVal): string {
  if (isObj(v)) throw new JsNotModelled('regular expressions');
  return js.toStr(v);
}

export function stringMethods(js: Js, proto: JsObj): void {
  const def = definer(js, proto);
  def('toString', function* (self) { return str(js, self); });
  def('valueOf', function* (self) { return str(js, self); });
  def('charAt', function* (self, [i]) { return str(js, self).charAt(int(js, i, 0)); }, 1);
  def('charCodeAt', function* (self, [i]) { return str(js, self).charCodeAt(int(js, i, 0)); }, 1);
  def('at', function* (self, [i]) { const s = str(js, self); const n = int(js, i, 0); return s[n < 0 ? s.length + n : n]; }, 1);
  def('indexOf', function* (self, [x, from]) { return str(js, self).indexOf(js.toStr(x), int(js, from, 0)); }, 1);
  def('lastIndexOf', function* (self, [x]) { return str(js, self).lastIndexOf(js.toStr(x)); }, 1);
  def('includes', function* (self, [x]) { return str(js, self).includes(pattern(js, x)); }, 1);
  def('startsWith', function* (self, [x, p]) { return str(js, self).startsWith(pattern(js, x), int(js, p, 0)); }, 1);
  def('endsWith', function* (self, [x]) { return str(js, self).endsWith(pattern(js, x)); }, 1);
  def('slice', function* (self, [s, e]) { const t = str(js, self); return t.slice(int(js, s, 0), e === undefined ? undefined : int(js, e, t.length)); }, 2);
  def('substring', function* (self, [s, e]) { const t = str(js, self); return t.substring(int(js, s, 0), e === undefined ? undefined : int(js, e, t.length)); }, 2);
  def('substr', function* (self, [s, n]) { const t = str(js, self); return t.substr(int(js, s, 0), n === undefined ? undefined : int(js, n, 0)); }, 2);
  def('toUpperCase', function* (self) { return str(js, self).toUpperCase(); });
  def('toLowerCase', function* (self) { return str(js, self).toLowerCase(); });
  def('trim', function* (self) { return str(js, self).trim(); });
  def('trimStart', function* (self) { return str(js, self).trimStart(); });
  def('trimEnd', function* (self) { return str(js, self).trimEnd(); });
  def('padStart', function* (self, [n, f]) { return str(js, self).padStart(int(js, n, 0), f === undefined ? ' ' : js.toStr(f)); }, 2);
  def('padEnd', function* (self, [n, f]) { return str(js, self).padEnd(int(js, n, 0), f === undefined ? ' ' : js.toStr(f)); }, 2);
  def('repeat', function* (self, [n]) {
    const c = int(js, n, 0);
    if (c < 0 || c === Infinity) js.throwError('RangeError', `Invalid count value: ${js.toStr(n)}`);
    return str(js, self).repeat(c);
  }, 1);
  def('split', function* (self, [sep, lim]) {
    const s = str(js, self);
    if (sep === undefined) return js.newArray([s]);
    const parts = s.split(pattern(js, sep));
    return js.newArray(lim === undefined ? parts : parts.slice(0, int(js, lim, 0)));
  }, 2);
  const replace = (all: boolean): NativeCall => function* (self, [p, r]) {
    const s = str(js, self);
    const pat = pattern(js, p);
    let out = '';
    let at = 0;
    for (;;) {
      const i = s.indexOf(pat, at);
      if (i < 0) break;
      out += s.slice(at, i) + (isCallable(r) ? js.toStr(yield* js.call(r, undefined, [pat, i, s])) : js.toStr(r).replace(/\$&/g, pat));
      at = i + pat.length;
      if (!all) break;
      if (pat === '') { out += s[at] ?? ''; at++; if (at > s.length) break; }
    }
    return out + s.slice(at);
  };
  def('replace', replace(false), 2);
  def('replaceAll', replace(true), 2);
  def('concat', function* (self, args) { return str(js, self) + args.map((a) => js.toStr(a)).join(''); }, 1);
  def('localeCompare', function* (self, [o]) { const [a, b] = [str(js, self), js.toStr(o)]; return a < b ? -1 : a > b ? 1 : 0; }, 1);
}

export function numberMethods(js: Js, proto: JsObj): void {
  const def = definer(js, proto);
  const num = (self: JsVal): number => (typeof self === 'number' ? self : js.throwError('TypeError', 'Number.prototype.toString requires that \'this\' be a Number'));
  def('toFixed', function* (self, [d]) {
    const digits = int(js, d, 0);
    if (digits < 0 || digits > 100) js.throwError('RangeError', 'toFixed() digits argument must be between 0 and 100');
    return num(self).toFixed(digits);
  }, 1);
  def('toString', function* (self, [radix]) {
    const r = int(js, radix, 10);
    if (r < 2 || r > 36) js.throwError('RangeError', 'toString() radix must be between 2 and 36');
    return num(self).toString(r);
  }, 1);
  def('toPrecision', function* (self, [p]) { return p === undefined ? js.toStr(num(self)) : num(self).toPrecision(int(js, p, 1)); }, 1);
  def('valueOf', function* (self) { return num(self); });
}
