/* eslint-disable require-yield -- native functions share the generator signature of JS calls; many never block. */
/**
 * The global object of the subset: Object, Function, Array, String, Number, Boolean, Math, JSON,
 * the Error classes, parseInt/parseFloat, Date on the virtual clock, console, process, timers and
 * require. Each behaves as V8/Node does for what a learner's script uses.
 */
import { parseRfc3339, rfc3339, utcParts } from '../../../sim/time';
import type { Js, Realm } from './interp';
import { format, inspect } from './inspect';
import { jsonParse, jsonStringify } from './json';
import { ProcessExit, type Loop } from './loop';
import { arrayMethods, numberMethods, stringMethods } from './methods';
import { requireModule } from './modules';
import { fetchFunction } from './http';
import { toNumber } from './ops';
import { JsNotModelled, isCallable, isObj, orderedKeys, type JsObj, type JsVal, type NativeCall } from './values';

/** The longest array the interpreter builds (8 bytes a slot: past the playground's memory budget). */
const ARRAY_MAX = 8 << 20;

const ERRORS = ['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError'];

export function createRealm(js: Js, loop: Loop, argv: string[]): Realm {
  const obj = (proto: JsObj | null = null): JsObj => ({ props: new Map(), proto, cls: 'Object' });
  const ObjectProto = obj();
  const FunctionProto = obj(ObjectProto);
  const realm: Realm = {
    ObjectProto, FunctionProto, ArrayProto: obj(ObjectProto), StringProto: obj(ObjectProto), NumberProto: obj(ObjectProto),
    BooleanProto: obj(ObjectProto), ErrorProto: obj(ObjectProto), errors: new Map(), global: obj(ObjectProto),
  };
  js.realm = realm;
  const g = realm.global;
  const def = (o: JsObj, name: string, fn: NativeCall, length = 0) => {
    o.props.set(name, js.native(name, fn, length));
    (o.hidden ??= new Set()).add(name);
  };
  const ctor = (name: string, proto: JsObj, fn: NativeCall, length = 1): JsObj => {
    const c = js.native(name, fn, length);
    c.props.set('prototype', proto);
    c.hidden!.add('prototype');
    proto.props.set('constructor', c);
    (proto.hidden ??= new Set()).add('constructor');
    g.props.set(name, c);
    return c;
  };

  // Object
  const O = ctor('Object', ObjectProto, function* (_s, [v]) { return isObj(v) ? v : js.newObject(); });
  def(ObjectProto, 'toString', function* (self) { return self === undefined ? '[object Undefined]' : self === null ? '[object Null]' : isObj(self) && self.arr ? '[object Array]' : '[object Object]'; });
  def(ObjectProto, 'valueOf', function* (self) { return self; });
  def(ObjectProto, 'hasOwnProperty', function* (self, [k]) { return isObj(self) && (self.props.has(js.key(k)) || (!!self.arr && Number(js.key(k)) < self.arr.length)); }, 1);
  const ownKeys = (v: JsVal): string[] => (isObj(v) ? [...(v.arr ? v.arr.map((_, i) => String(i)) : []), ...orderedKeys(v.props.keys()).filter((k) => !v.hidden?.has(k))] : typeof v === 'string' ? [...v].map((_, i) => String(i)) : []);
  def(O, 'keys', function* (_s, [v]) { return js.newArray(ownKeys(v)); }, 1);
  def(O, 'values', function* (_s, [v]) { const out: JsVal[] = []; for (const k of ownKeys(v)) out.push(yield* js.get(v, k)); return js.newArray(out); }, 1);
  def(O, 'entries', function* (_s, [v]) { const out: JsVal[] = []; for (const k of ownKeys(v)) out.push(js.newArray([k, yield* js.get(v, k)])); return js.newArray(out); }, 1);
  def(O, 'assign', function* (_s, [t, ...srcs]) {
    if (!isObj(t)) return t;
    for (const s of srcs) for (const k of ownKeys(s)) js.set(t, k, yield* js.get(s, k));
    return t;
  }, 2);
  def(O, 'fromEntries', function* (_s, [v]) {
    const o = js.newObject();
    if (isObj(v) && v.arr) for (const e of v.arr) if (isObj(e) && e.arr) o.props.set(js.key(e.arr[0]), e.arr[1]);
    return o;
  }, 1);
  def(O, 'freeze', function* (_s, [v]) { return v; }, 1);
  def(O, 'create', function* (_s, [p]) { return js.newObject(isObj(p) ? p : null); }, 2);
  def(O, 'getPrototypeOf', function* (_s, [v]) { return isObj(v) ? v.proto : js.protoOf(v); }, 1);

  // Function
  ctor('Function', FunctionProto, function* () { throw new JsNotModelled('the Function constructor'); });
  def(FunctionProto, 'call', function* (self, [t, ...args]) { return yield* js.call(self, t, args); }, 1);
  def(FunctionProto, 'apply', function* (self, [t, a]) { return yield* js.call(self, t, isObj(a) && a.arr ? [...a.arr] : []); }, 2);
  def(FunctionProto, 'bind', function* (self, [t, ...bound]) {
    const target = self;
    const f = js.native(`bound ${isObj(target) ? String(target.props.get('name') ?? '') : ''}`, function* (_s, args) { return yield* js.call(target, t, [...bound, ...args]); });
    return f;
  }, 1);
  def(FunctionProto, 'toString', function* (self) { return js.toStr(self); });

  // Array
  const A = ctor('Array', realm.ArrayProto, function* (_s, args) {
    if (args.length !== 1 || typeof args[0] !== 'number') return js.newArray(args);
    const n = args[0];
    if (!(n >= 0 && n < 2 ** 32 && Number.isInteger(n))) js.throwError('RangeError', 'Invalid array length');
    // Arrays here are dense: a length node keeps sparse (new Array(2**31)) is memory the process cannot have,
    // stopped (OOM or budget) before filling it took the host down.
    if (n > ARRAY_MAX) throw new RangeError('Invalid array length');
    return js.newArray(new Array(n).fill(undefined));
  });
  realm.ArrayProto.arr = [];
  arrayMethods(js, realm.ArrayProto);
  def(A, 'isArray', function* (_s, [v]) { return isObj(v) && !!v.arr && v !== realm.ArrayProto; }, 1);
  def(A, 'of', function* (_s, args) { return js.newArray(args); });
  def(A, 'from', function* (_s, [src, fn]) {
    let items: JsVal[];
    if (typeof src === 'string') items = [...src];
    else if (isObj(src) && src.arr) items = [...src.arr];
    else if (isObj(src) && (src.internal as { iterate?: () => JsVal[] })?.iterate) items = (src.internal as { iterate: () => JsVal[] }).iterate();
    else items = Array.from({ length: Math.max(0, Math.trunc(toNumber(js, yield* js.get(src, 'length'))) || 0) }, () => undefined);
    if (isCallable(fn)) { const out: JsVal[] = []; for (let i = 0; i < items.length; i++) out.push(yield* js.call(fn, undefined, [items[i], i])); return js.newArray(out); }
    return js.newArray(items);
  }, 1);

  // String, Number, Boolean
  const S = ctor('String', realm.StringProto, function* (_s, args) { return args.length ? (typeof args[0] === 'symbol' ? '' : js.toStr(args[0])) : ''; });
  stringMethods(js, realm.StringProto);
  def(S, 'fromCharCode', function* (_s, args) { return String.fromCharCode(...args.map((a) => toNumber(js, a))); }, 1);
  const N = ctor('Number', realm.NumberProto, function* (_s, args) { return args.length ? toNumber(js, args[0]) : 0; });
  numberMethods(js, realm.NumberProto);
  def(N, 'isInteger', function* (_s, [v]) { return typeof v === 'number' && Number.isInteger(v); }, 1);
  def(N, 'isNaN', function* (_s, [v]) { return typeof v === 'number' && Number.isNaN(v); }, 1);
  def(N, 'isFinite', function* (_s, [v]) { return typeof v === 'number' && Number.isFinite(v); }, 1);
  N.props.set('MAX_SAFE_INTEGER', Number.MAX_SAFE_INTEGER);
  N.props.set('MIN_SAFE_INTEGER', Number.MIN_SAFE_INTEGER);
  N.props.set('EPSILON', Number.EPSILON);
  ctor('Boolean', realm.BooleanProto, function* (_s, [v]) { return isObj(v) || Boolean(v); });
  def(realm.BooleanProto, 'toString', function* (self) { return String(self); });
  const parseIntF = js.native('parseInt', function* (_s, [v, r]) {
    const s = js.toStr(v).trim();
    const radix = r === undefined ? 0 : Math.trunc(toNumber(js, r));
    const m = /^[-+]?(0x)?[0-9a-z]*/i.exec(s)![0];
    return parseInt(m, radix || undefined);
  }, 2);
  const parseFloatF = js.native('parseFloat', function* (_s, [v]) { return parseFloat(js.toStr(v)); }, 1);
  g.props.set('parseInt', parseIntF);
  g.props.set('parseFloat', parseFloatF);
  N.props.set('parseInt', parseIntF);
  N.props.set('parseFloat', parseFloatF);
  def(g, 'isNaN', function* (_s, [v]) { return Number.isNaN(toNumber(js, v)); }, 1);
  def(g, 'isFinite', function* (_s, [v]) { return Number.isFinite(toNumber(js, v)); }, 1);
  g.props.set('NaN', NaN);
  g.props.set('Infinity', Infinity);
  g.props.set('globalThis', g);

  // Errors
  def(realm.ErrorProto, 'toString', function* (self) { return js.toStr(self); });
  realm.ErrorProto.props.set('message', '');
  realm.ErrorProto.hidden!.add('message');
  for (const name of ERRORS) {
    const proto = name === 'Error' ? realm.ErrorProto : obj(realm.ErrorProto);
    proto.props.set('name', name);
    (proto.hidden ??= new Set()).add('name');
    const c = ctor(name, proto, function* (_s, [msg, opts]) {
      js.frames.pop();
      try {
        const e = js.makeError(name, msg === undefined ? '' : js.toStr(msg));
        e.proto = proto;
        if (msg === undefined) { e.props.delete('message'); e.props.set('stack', String(e.props.get('stack')).replace(`${name}: `, name)); }
        if (isObj(opts) && opts.props.has('cause')) { e.props.set('cause', opts.props.get('cause')); e.hidden!.add('cause'); }
        return e;
      } finally {
        js.frames.push({ name: '', file: '<native>', line: 0, col: 0, node: null });
      }
    }, 1);
    realm.errors.set(name, c);
  }

  // Math
  const M = js.newObject();
  g.props.set('Math', M);
  for (const [k, v] of Object.entries({ PI: Math.PI, E: Math.E, LN2: Math.LN2, LN10: Math.LN10, SQRT2: Math.SQRT2 })) M.props.set(k, v);
  for (const name of ['floor', 'ceil', 'round', 'abs', 'sqrt', 'trunc', 'sign', 'log', 'log2', 'log10', 'exp', 'sin', 'cos', 'tan', 'cbrt'] as const) {
    def(M, name, function* (_s, [v]) { return Math[name](toNumber(js, v)); }, 1);
  }
  def(M, 'max', function* (_s, args) { return Math.max(...args.map((a) => toNumber(js, a))); }, 2);
  def(M, 'min', function* (_s, args) { return Math.min(...args.map((a) => toNumber(js, a))); }, 2);
  def(M, 'pow', function* (_s, [a, b]) { return toNumber(js, a) ** toNumber(js, b); }, 2);
  def(M, 'hypot', function* (_s, args) { return Math.hypot(...args.map((a) => toNumber(js, a))); }, 2);
  def(M, 'random', function* () { throw new JsNotModelled('Math.random (the simulation is deterministic)'); });

  // JSON
  const J = js.newObject();
  g.props.set('JSON', J);
  def(J, 'stringify', function* (_s, [v, rep, ind]) { return yield* jsonStringify(js, v, rep, ind); }, 3);
  def(J, 'parse', function* (_s, [text]) { return jsonParse(js, js.toStr(text)); }, 2);

  // Date on the virtual clock
  const DateProto = obj(ObjectProto);
  const D = ctor('Date', DateProto, function* (_s, args, nt) {
    const ms = args.length ? (typeof args[0] === 'string' ? parseRfc3339(args[0]) : toNumber(js, args[0])) : js.ctx.k.wallMs();
    if (!nt) return dateString(js.ctx.k.wallMs());
    const d = js.newObject(DateProto, 'Date');
    d.internal = { time: ms, inspect: () => isoOf(ms) };
    return d;
  }, 7);
  const isoOf = (ms: number) => (Number.isNaN(ms) ? 'Invalid Date' : `${rfc3339(Math.floor(ms / 1000) * 1000).replace('Z', '')}.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}Z`);
  const timeOf = (self: JsVal) => (isObj(self) ? (self.internal as { time: number }).time : NaN);
  def(D, 'now', function* () { return js.ctx.k.wallMs(); });
  def(DateProto, 'toISOString', function* (self) { return isoOf(timeOf(self)); });
  def(DateProto, 'toJSON', function* (self) { return isoOf(timeOf(self)); });
  def(DateProto, 'getTime', function* (self) { return timeOf(self); });
  def(DateProto, 'valueOf', function* (self) { return timeOf(self); });
  def(DateProto, 'toString', function* (self) { return dateString(timeOf(self)); });
  // The container's zone is UTC: local and UTC getters agree.
  const parts = (self: JsVal) => utcParts(timeOf(self));
  for (const [local, get] of [['FullYear', (c: ReturnType<typeof utcParts>) => c.y], ['Month', (c: ReturnType<typeof utcParts>) => c.m - 1], ['Date', (c: ReturnType<typeof utcParts>) => c.d],
    ['Day', (c: ReturnType<typeof utcParts>) => c.weekday], ['Hours', (c: ReturnType<typeof utcParts>) => c.hh], ['Minutes', (c: ReturnType<typeof utcParts>) => c.mm],
    ['Seconds', (c: ReturnType<typeof utcParts>) => c.ss], ['Milliseconds', (c: ReturnType<typeof utcParts>) => c.ms]] as const) {
    def(DateProto, `get${local}`, function* (self) { return get(parts(self)); });
    def(DateProto, `getUTC${local}`, function* (self) { return get(parts(self)); });
  }

  // console
  const C = js.newObject(ObjectProto, 'console');
  g.props.set('console', C);
  const out = (fd: 1 | 2): NativeCall => function* (_s, args) { yield* js.io.write(fd, format(js, args) + '\n'); return undefined; };
  for (const n of ['log', 'info', 'debug']) def(C, n, out(1));
  for (const n of ['error', 'warn', 'trace']) def(C, n, out(2));
  def(C, 'dir', function* (_s, [v]) { yield* js.io.write(1, inspect(js, v) + '\n'); return undefined; });
  def(C, 'table', function* () { throw new JsNotModelled('console.table'); });

  // process
  const P = js.newObject(ObjectProto, 'process');
  g.props.set('process', P);
  const env = js.newObject();
  for (const [k, v] of js.ctx.env) env.props.set(k, v);
  P.props.set('env', env);
  P.props.set('argv', js.newArray(argv));
  P.props.set('pid', js.ctx.p.pid);
  P.props.set('platform', 'linux');
  P.props.set('version', `v${js.version}`);
  P.props.set('exitCode', undefined);
  const versions = js.newObject();
  versions.props.set('node', js.version);
  P.props.set('versions', versions);
  def(P, 'exit', function* (_s, [code]) { throw new ProcessExit(code === undefined ? Number(P.props.get('exitCode') ?? 0) : Math.trunc(toNumber(js, code)) & 0xff); }, 1);
  def(P, 'cwd', function* () { return js.ctx.cwd; });
  def(P, 'uptime', function* () { return js.ctx.k.clock() / 1e6; });
  def(P, 'on', function* (self, [ev, fn]) {
    const name = js.toStr(ev);
    if (!isCallable(fn)) js.throwError('TypeError', `The "listener" argument must be of type function. Received ${inspect(js, fn)}`);
    if (name === 'exit') loop.exitHandlers.push(fn);
    else if (/^SIG[A-Z]+$/.test(name)) loop.signalHandlers.set(name.slice(3), [...(loop.signalHandlers.get(name.slice(3)) ?? []), fn]);
    else if (name !== 'uncaughtException' && name !== 'unhandledRejection' && name !== 'beforeExit') throw new JsNotModelled(`process.on('${name}')`);
    return self;
  }, 2);
  P.props.set('once', P.props.get('on'));
  def(P, 'nextTick', function* (_s, [fn, ...args]) { if (isCallable(fn)) loop.ticks.push({ fn, args }); return undefined; }, 1);
  for (const [name, fd] of [['stdout', 1], ['stderr', 2]] as const) {
    const s = js.newObject(ObjectProto, 'WriteStream');
    def(s, 'write', function* (_s, [v]) { yield* js.io.write(fd, typeof v === 'string' ? v : js.toStr(v)); return true; }, 1);
    s.props.set('isTTY', false);
    P.props.set(name, s);
  }

  // Timers
  const timerObj = (id: number, name: string): JsObj => {
    const t = js.newObject(ObjectProto, 'Timeout');
    t.internal = { timerId: id, inspect: () => `${name} {}` };
    def(t, 'unref', function* (self) { const tm = loop.timers.find((x) => x.id === id); if (tm) tm.ref = false; return self; });
    def(t, 'ref', function* (self) { const tm = loop.timers.find((x) => x.id === id); if (tm) tm.ref = true; return self; });
    def(t, 'hasRef', function* () { return loop.timers.find((x) => x.id === id)?.ref ?? false; });
    return t;
  };
  const delay = (v: JsVal): number => { const n = toNumber(js, v); return Number.isFinite(n) && n >= 1 ? Math.min(Math.trunc(n), 2147483647) : 1; };
  const schedule = (repeat: boolean): NativeCall => function* (_s, [fn, ms, ...args]) {
    if (!isCallable(fn)) js.throwError('TypeError', `The "callback" argument must be of type function. Received ${inspect(js, fn)}`);
    const d = delay(ms);
    const t = loop.addTimer(js.ctx.k.clock() + d * 1000, fn, args, repeat ? d : null);
    return timerObj(t.id, 'Timeout');
  };
  def(g, 'setTimeout', schedule(false), 2);
  def(g, 'setInterval', schedule(true), 2);
  def(g, 'setImmediate', function* (_s, [fn, ...args]) { if (isCallable(fn)) { const t = loop.addTimer(js.ctx.k.clock(), fn, args, null); return timerObj(t.id, 'Immediate'); } return undefined; }, 1);
  const clear: NativeCall = function* (_s, [t]) {
    const id = isObj(t) ? (t.internal as { timerId?: number })?.timerId : typeof t === 'number' ? t : undefined;
    if (id !== undefined) loop.clear(id);
    return undefined;
  };
  def(g, 'clearTimeout', clear, 1);
  def(g, 'clearInterval', clear, 1);
  def(g, 'clearImmediate', clear, 1);
  def(g, 'require', function* (_s, [name]) { return requireModule(js, loop, js.toStr(name)); }, 1);
  g.props.set('fetch', fetchFunction(js, loop));
  for (const n of ['Symbol', 'WeakMap', 'RegExp', 'Proxy', 'Reflect', 'URL', 'BigInt']) {
    def(g, n, function* () { throw new JsNotModelled(n); });
  }
  return realm;
}

/** Date.prototype.toString in the container's zone (UTC): `Mon Jan 01 2024 10:00:00 GMT+0000 (Coordinated Universal Time)`. */
function dateString(ms: number): string {
  if (Number.isNaN(ms)) return 'Invalid Date';
  const c = utcParts(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][c.weekday];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][c.m - 1];
  return `${day} ${mon} ${p2(c.d)} ${c.y} ${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)} GMT+0000 (Coordinated Universal Time)`;
}
