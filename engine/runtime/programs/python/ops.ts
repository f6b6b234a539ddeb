/**
 * Python's operators and conversions on the subset's values: repr/str, ==, ordering, the arithmetic
 * of int (bigint), float and bool (Objects/longobject.c, floatobject.c), sequence concatenation and
 * repetition, `%` formatting of str, and the messages of the TypeErrors they raise.
 */
import {
  PyExc, builtinClass, bytesRepr, floatRepr, hashKey, isSubclass, list, newExc, raise, rangeLen, strRepr, tuple, typeName,
  type PyInst, type PyVal,
} from './values';

/** Calls a user-defined dunder method (__str__, __repr__, __eq__ …) of an instance; undefined if none. */
export type InstHook = (inst: PyInst, dunder: string, args: PyVal[]) => PyVal | undefined;

/**
 * An int in decimal, within CPython's limit on integer string conversion (sys.int_max_str_digits, 4300 since
 * 3.11): past it a ValueError, found from the bit length before any decimal conversion (which is quadratic).
 */
function intStr(v: bigint): string {
  const limit = 4300;
  const bits = (v < 0n ? -v : v).toString(16).length * 4;
  const s = bits * 0.30103 > limit + 8 ? '' : v.toString();
  if (s === '' || s.length - (v < 0n ? 1 : 0) > limit) {
    raise('ValueError', `Exceeds the limit (${limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`);
  }
  return s;
}

export function repr(v: PyVal, hook?: InstHook): string {
  if (v === null) return 'None';
  switch (typeof v) {
    case 'boolean': return v ? 'True' : 'False';
    case 'bigint': return intStr(v);
    case 'number': return floatRepr(v);
    case 'string': return strRepr(v);
  }
  switch (v.kind) {
    case 'list': return '[' + v.items.map((x) => (x === v ? '[...]' : repr(x, hook))).join(', ') + ']';
    case 'tuple': return v.items.length === 1 ? `(${repr(v.items[0], hook)},)` : '(' + v.items.map((x) => repr(x, hook)).join(', ') + ')';
    case 'dict': return '{' + [...v.map.values()].map(([k, x]) => `${repr(k, hook)}: ${x === v ? '{...}' : repr(x, hook)}`).join(', ') + '}';
    case 'set': return v.map.size ? '{' + [...v.map.values()].map((x) => repr(x, hook)).join(', ') + '}' : 'set()';
    case 'bytes': return bytesRepr(v.data);
    case 'range': return v.step === 1n ? `range(${v.start}, ${v.stop})` : `range(${v.start}, ${v.stop}, ${v.step})`;
    case 'func': return `<function ${v.qualname} at 0x7f3a2c1b0a40>`;
    case 'builtin': return v.self !== undefined ? `<built-in method ${v.name} of ${typeName(v.self)} object at 0x7f3a2c1d2e80>` : `<built-in function ${v.name}>`;
    case 'method': return `<bound method ${v.fn.qualname} of ${repr(v.self, hook)}>`;
    case 'class': return `<class '${v.module === 'builtins' ? '' : v.module + '.'}${v.name}'>`;
    case 'module': return `<module '${v.name}' (built-in)>`;
    case 'iter': return `<${v.name} object at 0x7f3a2c1e1f90>`;
    case 'inst': {
      const r = hook?.(v, '__repr__', []);
      if (typeof r === 'string') return r;
      if (isSubclass(v.cls, builtinClass('BaseException'))) return `${v.cls.name}(${v.args.map((a) => repr(a, hook)).join(', ')})`;
      return `<${v.cls.module}.${v.cls.name} object at 0x7f3a2c1f3b60>`;
    }
  }
}

export function str(v: PyVal, hook?: InstHook): string {
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object' && v.kind === 'inst') {
    const r = hook?.(v, '__str__', []);
    if (typeof r === 'string') return r;
    if (isSubclass(v.cls, builtinClass('BaseException'))) return excStr(v, hook);
  }
  return repr(v, hook);
}

/** BaseException.__str__ (and OSError's, KeyError's). */
export function excStr(e: PyInst, hook?: InstHook): string {
  const a = e.args;
  if (isSubclass(e.cls, builtinClass('OSError')) && a.length >= 2 && typeof a[0] === 'bigint') {
    const fn = e.attrs.get('filename');
    return fn !== null && fn !== undefined ? `[Errno ${a[0]}] ${str(a[1], hook)}: ${repr(fn, hook)}` : `[Errno ${a[0]}] ${str(a[1], hook)}`;
  }
  if (a.length === 0) return '';
  if (a.length === 1) return e.cls.name === 'KeyError' ? repr(a[0], hook) : str(a[0], hook);
  return repr(tuple(a), hook);
}

const isNum = (v: PyVal): v is bigint | number | boolean => typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean';
const asInt = (v: bigint | boolean): bigint => (typeof v === 'boolean' ? (v ? 1n : 0n) : v);
const asFloat = (v: bigint | number | boolean): number => (typeof v === 'number' ? v : Number(asInt(v)));

export function eq(a: PyVal, b: PyVal, hook?: InstHook): boolean {
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  if (isNum(a) && isNum(b)) {
    if (typeof a === 'number' || typeof b === 'number') return asFloat(a) === asFloat(b);
    return asInt(a) === asInt(b);
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (a.kind !== b.kind) return false;
  if ((a.kind === 'list' || a.kind === 'tuple') && (b.kind === 'list' || b.kind === 'tuple')) {
    return a.items.length === b.items.length && a.items.every((x, i) => eq(x, b.items[i], hook));
  }
  if (a.kind === 'dict' && b.kind === 'dict') {
    if (a.map.size !== b.map.size) return false;
    for (const [k, [, v]] of a.map) { const o = b.map.get(k); if (!o || !eq(v, o[1], hook)) return false; }
    return true;
  }
  if (a.kind === 'set' && b.kind === 'set') return a.map.size === b.map.size && [...a.map.keys()].every((k) => b.map.has(k));
  if (a.kind === 'bytes' && b.kind === 'bytes') return a.data === b.data;
  if (a.kind === 'range' && b.kind === 'range') return a.start === b.start && a.stop === b.stop && a.step === b.step;
  if (a.kind === 'inst') { const r = hook?.(a, '__eq__', [b]); if (r !== undefined) return r === true; }
  return false;
}

const SYM: Readonly<Record<string, string>> = { lt: '<', le: '<=', gt: '>', ge: '>=' };

/** a < b (and friends) for numbers, str, bytes and sequences; TypeError otherwise. */
export function less(a: PyVal, b: PyVal, op: 'lt' | 'le' | 'gt' | 'ge'): boolean {
  const c = cmp(a, b, op);
  switch (op) {
    case 'lt': return c < 0;
    case 'le': return c <= 0;
    case 'gt': return c > 0;
    case 'ge': return c >= 0;
  }
}

function cmp(a: PyVal, b: PyVal, op: string): number {
  if (isNum(a) && isNum(b)) {
    if (typeof a === 'number' || typeof b === 'number') {
      const x = asFloat(a);
      const y = asFloat(b);
      return Number.isNaN(x) || Number.isNaN(y) ? NaN : x < y ? -1 : x > y ? 1 : 0;
    }
    const x = asInt(a);
    const y = asInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && a.kind === b.kind && (a.kind === 'list' || a.kind === 'tuple')) {
    const bi = (b as typeof a).items;
    for (let i = 0; i < Math.min(a.items.length, bi.length); i++) {
      if (!eq(a.items[i], bi[i])) return cmp(a.items[i], bi[i], op);
    }
    return a.items.length - bi.length;
  }
  return raise('TypeError', `'${SYM[op]}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

function unsupported(op: string, a: PyVal, b: PyVal): never {
  if (op === '+' && typeof a === 'string') raise('TypeError', `can only concatenate str (not "${typeName(b)}") to str`);
  if (op === '+' && a !== null && typeof a === 'object' && (a.kind === 'list' || a.kind === 'tuple') && b !== null && typeof b === 'object' && (b.kind === 'list' || b.kind === 'tuple')) {
    raise('TypeError', `can only concatenate ${a.kind} (not "${b.kind}") to ${a.kind}`);
  }
  if (op === '+' && a !== null && typeof a === 'object' && a.kind === 'list') raise('TypeError', `can only concatenate list (not "${typeName(b)}") to list`);
  return raise('TypeError', `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function floorDiv(x: bigint, y: bigint): bigint {
  const q = x / y;
  return (x % y !== 0n && (x < 0n) !== (y < 0n)) ? q - 1n : q;
}

function floatMod(x: number, y: number): number {
  const m = x % y;
  return m !== 0 && (m < 0) !== (y < 0) ? m + y : m === 0 ? (y < 0 ? -0 : 0) : m;
}

const zero = (what: string): never => raise('ZeroDivisionError', what);

/** The most items a repeated list may have: 8 bytes a slot in CPython, past the playground's memory budget. */
const SEQ_MAX = 8 << 20;

/** The binary operators (`op` is the source token: + - * / // % ** << >> & | ^). */
export function binop(op: string, a: PyVal, b: PyVal): PyVal {
  if (isNum(a) && isNum(b)) {
    if (typeof a !== 'number' && typeof b !== 'number') {
      const x = asInt(a);
      const y = asInt(b);
      switch (op) {
        case '+': return x + y;
        case '-': return x - y;
        case '*': return x * y;
        case '/': if (y === 0n) zero('division by zero'); return Number(x) / Number(y);
        case '//': if (y === 0n) zero('integer division or modulo by zero'); return floorDiv(x, y);
        case '%': if (y === 0n) zero('integer modulo by zero'); return x - floorDiv(x, y) * y;
        case '**': return y < 0n ? (x === 0n ? zero('zero to a negative power') : Number(x) ** Number(y)) : x ** y;
        case '<<': return x << y;
        case '>>': return x >> y;
        case '&': return typeof a === 'boolean' && typeof b === 'boolean' ? a && b : x & y;
        case '|': return typeof a === 'boolean' && typeof b === 'boolean' ? a || b : x | y;
        case '^': return typeof a === 'boolean' && typeof b === 'boolean' ? a !== b : x ^ y;
      }
    } else {
      const x = asFloat(a);
      const y = asFloat(b);
      switch (op) {
        case '+': return x + y;
        case '-': return x - y;
        case '*': return x * y;
        case '/': if (y === 0) zero('float division by zero'); return x / y;
        case '//': if (y === 0) zero('float floor division by zero'); return Math.floor(x / y);
        case '%': if (y === 0) zero('float modulo by zero'); return floatMod(x, y);
        case '**': if (x === 0 && y < 0) zero('zero to a negative power'); return x ** y;
      }
    }
    return unsupported(op, a, b);
  }
  if (typeof a === 'string') {
    if (op === '+' && typeof b === 'string') return a + b;
    if (op === '*' && (typeof b === 'bigint' || typeof b === 'boolean')) return a.repeat(Math.max(0, Number(asInt(b))));
    if (op === '%') return percentFormat(a, b);
    if (op === '*') raise('TypeError', `can't multiply sequence by non-int of type '${typeName(b)}'`);
  }
  if (typeof b === 'string' && op === '*' && (typeof a === 'bigint' || typeof a === 'boolean')) return b.repeat(Math.max(0, Number(asInt(a))));
  if (a !== null && typeof a === 'object' && (a.kind === 'list' || a.kind === 'tuple')) {
    if (op === '+' && b !== null && typeof b === 'object' && b.kind === a.kind) return a.kind === 'list' ? list([...a.items, ...b.items]) : tuple([...a.items, ...b.items]);
    if (op === '*' && (typeof b === 'bigint' || typeof b === 'boolean')) {
      const n = Math.max(0, Number(asInt(b)));
      // Past JS's longest array the list is memory the process cannot have (the kernel's OOM or budget stop),
      // checked before building it: [0] * 10**9 took 3 s and 2.6 GB on the way.
      if (n * a.items.length > SEQ_MAX) throw new RangeError('Invalid array length');
      const items: PyVal[] = [];
      for (let i = 0; i < n; i++) for (const x of a.items) items.push(x);
      return a.kind === 'list' ? list(items) : tuple(items);
    }
  }
  if (a !== null && typeof a === 'object' && a.kind === 'dict' && op === '|' && b !== null && typeof b === 'object' && b.kind === 'dict') {
    return { kind: 'dict', map: new Map([...a.map, ...b.map]) };
  }
  if (a !== null && typeof a === 'object' && a.kind === 'set' && b !== null && typeof b === 'object' && b.kind === 'set') {
    const m = new Map(a.map);
    if (op === '|') { for (const [k, v] of b.map) m.set(k, v); return { kind: 'set', map: m }; }
    if (op === '&') return { kind: 'set', map: new Map([...a.map].filter(([k]) => b.map.has(k))) };
    if (op === '-') return { kind: 'set', map: new Map([...a.map].filter(([k]) => !b.map.has(k))) };
  }
  if (a !== null && typeof a === 'object' && a.kind === 'bytes' && op === '+' && b !== null && typeof b === 'object' && b.kind === 'bytes') return { kind: 'bytes', data: a.data + b.data };
  return unsupported(op, a, b);
}

/** `x in container` (dict keys, set members, substrings, sequence items by ==). */
export function contains(container: PyVal, x: PyVal, hook?: InstHook): boolean {
  if (typeof container === 'string') {
    if (typeof x !== 'string') raise('TypeError', `'in <string>' requires string as left operand, not ${typeName(x)}`);
    return container.includes(x);
  }
  if (container !== null && typeof container === 'object') {
    switch (container.kind) {
      case 'dict': return container.map.has(hashKey(x));
      case 'set': return container.map.has(hashKey(x));
      case 'list': case 'tuple': return container.items.some((y) => eq(y, x, hook) || eq(x, y, hook));
      case 'range': {
        if (typeof x !== 'bigint') return false;
        const r = container;
        return (r.step > 0n ? x >= r.start && x < r.stop : x <= r.start && x > r.stop) && (x - r.start) % r.step === 0n && rangeLen(r) > 0n;
      }
      case 'bytes': return typeof x === 'object' && x !== null && x.kind === 'bytes' && container.data.includes(x.data);
    }
  }
  throw new PyExc(newExc('TypeError', `argument of type '${typeName(container)}' is not iterable`));
}

/** printf-style `str % args` for %s %r %d %i %f %x %% with width/precision. */
function percentFormat(fmt: string, arg: PyVal): string {
  const args = arg !== null && typeof arg === 'object' && arg.kind === 'tuple' ? arg.items : [arg];
  let n = 0;
  const out = fmt.replace(/%([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?([sdirfxXoeEgGc%])/g, (_m, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    if (n >= args.length) raise('TypeError', 'not enough arguments for format string');
    const v = args[n++];
    let s: string;
    switch (conv) {
      case 's': s = str(v); break;
      case 'r': s = repr(v); break;
      case 'd': case 'i':
        if (!isNum(v)) raise('TypeError', `%${conv} format: a real number is required, not ${typeName(v)}`);
        s = typeof v === 'number' ? BigInt(Math.trunc(v)).toString() : asInt(v).toString();
        break;
      case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
        if (!isNum(v)) raise('TypeError', `must be real number, not ${typeName(v)}`);
        s = formatFloat(asFloat(v), conv, prec === undefined ? 6 : Number(prec));
        break;
      case 'x': case 'X': case 'o': s = asInt(v as bigint).toString(conv === 'o' ? 8 : 16); if (conv === 'X') s = s.toUpperCase(); break;
      default: s = str(v);
    }
    if (prec !== undefined && conv === 's') s = s.slice(0, Number(prec));
    const w = width ? Number(width) : 0;
    if (s.length < w) s = flags.includes('-') ? s.padEnd(w) : flags.includes('0') && conv !== 's' ? s.padStart(w, '0') : s.padStart(w);
    return s;
  });
  if (n < args.length && !(args.length === 1 && arg !== null && typeof arg === 'object' && arg.kind === 'dict')) raise('TypeError', 'not all arguments converted during string formatting');
  return out;
}

/**
 * x.toFixed(prec), except that an exact tie rounds to the even digit: Python formats from the float's
 * exact decimal value with round-half-even (format(2.25, '.1f') is '2.2'), JS rounds ties up.
 */
export function toFixedEven(x: number, prec: number): string {
  const plain = x.toFixed(prec);
  if (prec > 40) return plain;
  const exact = Math.abs(x).toFixed(Math.min(100, prec + 60));
  const dot = exact.indexOf('.');
  if (!/^50*$/.test(exact.slice(dot + 1 + prec))) return plain;
  const kept = exact.slice(0, prec === 0 ? dot : dot + 1 + prec);
  if (Number(kept[kept.length - 1]) % 2 !== 0) return plain;
  return (x < 0 || Object.is(x, -0) ? '-' : '') + kept;
}

/** Fixed, exponent and general float formatting as Python's format() does it. */
export function formatFloat(x: number, conv: string, prec: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  switch (conv) {
    case 'f': case 'F': return toFixedEven(x, prec);
    case 'e': case 'E': {
      const [m, e] = x.toExponential(prec).split('e');
      const s = `${m}e${e[0] === '-' ? '-' : '+'}${e.replace(/^[+-]/, '').padStart(2, '0')}`;
      return conv === 'E' ? s.toUpperCase() : s;
    }
    default: {
      const p = prec === 0 ? 1 : prec;
      const exp = x === 0 ? 0 : Math.floor(Math.log10(Math.abs(Number(x.toPrecision(p)))));
      const s = exp < -4 || exp >= p ? formatFloat(x, 'e', p - 1).replace(/\.?0+e/, 'e') : x.toFixed(Math.max(0, p - 1 - exp)).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
      return conv === 'G' ? s.toUpperCase() : s;
    }
  }
}
