/**
 * The object model of the Python subset: int is a bigint (arbitrary precision as in CPython), float a
 * JS number, str a JS string, bool a boolean, None null; containers, functions, classes, instances and
 * modules are tagged objects. The built-in exception hierarchy mirrors Objects/exceptions.c.
 */
import type { Expr, Param, Stmt } from './ast';
import type { Block } from '../../shell/kernel';

export type G<T> = Generator<Block, T, unknown>;

export type PyVal = null | boolean | bigint | number | string | PyObj;
export type PyObj = PyList | PyTuple | PyDict | PySet | PyBytes | PyFunc | PyBuiltin | PyMethod | PyClass | PyInst | PyModule | PyRange | PyIter;

export interface PyList { kind: 'list'; items: PyVal[] }
export interface PyTuple { kind: 'tuple'; items: PyVal[] }
export interface PySet { kind: 'set'; map: Map<Key, PyVal> }
export interface PyDict {
  kind: 'dict'; map: Map<Key, [PyVal, PyVal]>;
  /** For a mapping CPython implements in Python (os.environ): the frame its KeyError comes from. */
  origin?: TbEntry;
}
/** A dict/set key: a string for values hashed by content, the object itself for those hashed by identity. */
export type Key = string | object;
export interface PyBytes { kind: 'bytes'; data: string }
export interface PyRange { kind: 'range'; start: bigint; stop: bigint; step: bigint }
export interface PyIter { kind: 'iter'; name: string; next: () => PyVal | typeof STOP }
export interface PyModule { kind: 'module'; name: string; attrs: Map<string, PyVal> }
export type Kwargs = Map<string, PyVal>;
export type NativeFn = (args: PyVal[], kw: Kwargs) => G<PyVal>;
export interface PyBuiltin { kind: 'builtin'; name: string; fn: NativeFn; self?: PyVal; owner?: string }
export interface PyMethod { kind: 'method'; fn: PyFunc; self: PyVal }
/**
 * A namespace. Module scope: vars is globals and locals is null. Function scope: locals are the names
 * the body assigns (computed at def time). Class bodies are skipped by the functions defined in them.
 */
export interface Scope {
  vars: Map<string, PyVal>; parent: Scope | null; globals: Map<string, PyVal>; locals: Set<string> | null;
  globalNames: Set<string>; nonlocalNames?: Set<string>; className?: string;
}
export interface PyFunc {
  kind: 'func'; name: string; qualname: string; params: Param[]; defaults: (PyVal | undefined)[];
  body: Stmt[] | Expr; closure: Scope | null; globals: Map<string, PyVal>; locals: Set<string>;
  globalNames: Set<string>; nonlocalNames: Set<string>; file: string; cls?: PyClass;
}
export interface PyClass {
  kind: 'class'; name: string; bases: PyClass[]; attrs: Map<string, PyVal>; module: string;
  /** Built-in types (int, str, list …): what calling the type does. */
  make?: NativeFn;
}
export interface PyInst { kind: 'inst'; cls: PyClass; attrs: Map<string, PyVal>; args: PyVal[]; native?: unknown; tb?: TbEntry[]; tbExtra?: TbEntry[]; context?: PyInst | null; cause?: PyInst | null; suppress?: boolean }

/** One traceback line: where a frame was when the exception passed through it. */
export interface TbEntry { file: string; name: string; line: number; node: Expr | Stmt | null; stmt?: Stmt | null }

export const STOP: unique symbol = Symbol('StopIteration');

/**
 * Something the real interpreter has and the playground's does not: stops the program with a plain
 * statement of that fact (deliberately not a Python exception, so no `except` can swallow it).
 */
export class NotModelled extends Error {
  /** The source line, for syntax the parser meets (runtime cases name the running frame's line). */
  constructor(what: string, readonly line?: number) {
    super(what);
  }
}

/** A Python exception travelling through the JS stack. */
export class PyExc extends Error {
  constructor(readonly exc: PyInst) {
    super(exc.cls.name);
  }
}

const CLASSES = new Map<string, PyClass>();

function defClass(name: string, base: string | null, module = 'builtins'): PyClass {
  const c: PyClass = { kind: 'class', name, bases: base ? [CLASSES.get(base)!] : [], attrs: new Map(), module };
  CLASSES.set(name, c);
  return c;
}

// Objects/exceptions.c's hierarchy, for the exceptions the subset raises or a learner catches.
for (const [name, base] of [
  ['object', null], ['BaseException', 'object'], ['Exception', 'BaseException'], ['SystemExit', 'BaseException'], ['KeyboardInterrupt', 'BaseException'],
  ['GeneratorExit', 'BaseException'], ['ArithmeticError', 'Exception'], ['ZeroDivisionError', 'ArithmeticError'],
  ['OverflowError', 'ArithmeticError'], ['LookupError', 'Exception'], ['IndexError', 'LookupError'], ['KeyError', 'LookupError'],
  ['ValueError', 'Exception'], ['EOFError', 'Exception'], ['UnicodeError', 'ValueError'], ['UnicodeDecodeError', 'UnicodeError'], ['TypeError', 'Exception'],
  ['NameError', 'Exception'], ['UnboundLocalError', 'NameError'], ['AttributeError', 'Exception'], ['AssertionError', 'Exception'],
  ['ImportError', 'Exception'], ['ModuleNotFoundError', 'ImportError'], ['RuntimeError', 'Exception'], ['RecursionError', 'RuntimeError'],
  ['NotImplementedError', 'RuntimeError'], ['StopIteration', 'Exception'], ['SyntaxError', 'Exception'], ['IndentationError', 'SyntaxError'],
  ['OSError', 'Exception'], ['FileNotFoundError', 'OSError'], ['FileExistsError', 'OSError'], ['PermissionError', 'OSError'],
  ['IsADirectoryError', 'OSError'], ['NotADirectoryError', 'OSError'], ['TimeoutError', 'OSError'], ['ConnectionError', 'OSError'],
  ['ConnectionRefusedError', 'ConnectionError'], ['ConnectionResetError', 'ConnectionError'], ['BrokenPipeError', 'ConnectionError'],
  ['Warning', 'Exception'], ['UserWarning', 'Warning'], ['DeprecationWarning', 'Warning'],
] as const) defClass(name, base);

export function builtinClass(name: string): PyClass {
  const c = CLASSES.get(name);
  if (!c) throw new Error(`no class ${name}`);
  return c;
}

export const EXCEPTION_NAMES: readonly string[] = [...CLASSES.keys()];

/** A class of a stdlib module (socket.gaierror, json.JSONDecodeError …), made once per interpreter. */
export function moduleClass(name: string, base: PyClass, module: string): PyClass {
  return { kind: 'class', name, bases: [base], attrs: new Map(), module };
}

export function isSubclass(c: PyClass, of: PyClass): boolean {
  if (c === of) return true;
  return c.bases.some((b) => isSubclass(b, of));
}

export function newExc(cls: PyClass | string, ...args: PyVal[]): PyInst {
  return { kind: 'inst', cls: typeof cls === 'string' ? builtinClass(cls) : cls, attrs: new Map(), args };
}

export function raise(cls: PyClass | string, msg?: string): never {
  throw new PyExc(msg === undefined ? newExc(cls) : newExc(cls, msg));
}

/** An OSError subclass with errno/strerror/filename as CPython builds it from errno. */
export function osError(cls: PyClass | string, errno: number, strerror: string, filename?: string): PyExc {
  const e = filename === undefined ? newExc(cls, BigInt(errno), strerror) : newExc(cls, BigInt(errno), strerror, filename);
  e.attrs.set('errno', BigInt(errno));
  e.attrs.set('strerror', strerror);
  e.attrs.set('filename', filename ?? null);
  return new PyExc(e);
}

export function isExcInstance(v: PyVal): v is PyInst {
  return v !== null && typeof v === 'object' && v.kind === 'inst' && isSubclass(v.cls, builtinClass('BaseException'));
}

export function typeName(v: PyVal): string {
  if (v === null) return 'NoneType';
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'bigint': return 'int';
    case 'number': return 'float';
    case 'string': return 'str';
  }
  switch (v.kind) {
    case 'func': return 'function';
    case 'builtin': return 'builtin_function_or_method';
    case 'class': return 'type';
    case 'inst': return v.cls.name;
    case 'iter': return v.name;
    default: return v.kind;
  }
}

export const list = (items: PyVal[]): PyList => ({ kind: 'list', items });
export const tuple = (items: PyVal[]): PyTuple => ({ kind: 'tuple', items });
export const bytes = (data: string): PyBytes => ({ kind: 'bytes', data });

export function dict(entries: [PyVal, PyVal][] = []): PyDict {
  const d: PyDict = { kind: 'dict', map: new Map() };
  for (const [k, v] of entries) d.map.set(hashKey(k), [k, v]);
  return d;
}

/**
 * The dict/set key of a hashable value: equal numbers (1, 1.0, True) share a key, as their hashes do;
 * functions, classes, instances and modules hash by identity. (A tuple holding such objects is keyed by
 * their type names, so two different ones collide: a known simplification.)
 */
export function hashKey(v: PyVal): Key {
  if (v === null) return 'N';
  switch (typeof v) {
    case 'string': return 's' + v;
    case 'boolean': return 'n' + (v ? '1' : '0');
    case 'bigint': return 'n' + v.toString();
    case 'number': return Number.isInteger(v) ? 'n' + BigInt(v).toString() : 'f' + String(v);
  }
  switch (v.kind) {
    case 'tuple': return 't(' + v.items.map((x) => { const k = hashKey(x); return typeof k === 'string' ? k : 'o' + typeName(x); }).join(',') + ')';
    case 'bytes': return 'b' + v.data;
    case 'list': case 'dict': case 'set':
      throw new PyExc(newExc('TypeError', `unhashable type: '${v.kind}'`));
    default: return v;
  }
}

export function truthy(v: PyVal): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case 'boolean': return v;
    case 'bigint': return v !== 0n;
    case 'number': return v !== 0;
    case 'string': return v !== '';
  }
  switch (v.kind) {
    case 'list': case 'tuple': return v.items.length > 0;
    case 'dict': case 'set': return v.map.size > 0;
    case 'bytes': return v.data.length > 0;
    case 'range': return rangeLen(v) > 0n;
    default: return true;
  }
}

export function rangeLen(r: PyRange): bigint {
  if (r.step > 0n) return r.stop > r.start ? (r.stop - r.start + r.step - 1n) / r.step : 0n;
  return r.start > r.stop ? (r.start - r.stop - r.step - 1n) / -r.step : 0n;
}

/** float.__repr__: the shortest round-tripping digits, in exponent form below 1e-4 or from 1e16. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expS] = x.toExponential().split('e');
  const exp = Number(expS);
  if (exp < -4 || exp >= 16) {
    return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const digits = mant.replace('-', '').replace('.', '');
  const neg = x < 0 ? '-' : '';
  let s: string;
  if (exp >= 0) {
    s = digits.length > exp + 1 ? `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}` : `${digits.padEnd(exp + 1, '0')}.0`;
  } else s = `0.${'0'.repeat(-exp - 1)}${digits}`;
  return neg + s;
}

/** repr() of a str: single quotes unless the text has one and no double quote, escapes as unicode_repr. */
export function strRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + q;
}

export function bytesRepr(data: string): string {
  const q = data.includes("'") && !data.includes('"') ? '"' : "'";
  let out = 'b' + q;
  for (const ch of data) {
    const c = ch.charCodeAt(0);
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + q;
}
