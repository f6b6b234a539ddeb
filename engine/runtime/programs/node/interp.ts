/**
 * The JavaScript evaluator's state: the realm's prototypes, the call stack (V8's stack trace lines:
 * `at name (file:line:col)`), error objects with their `stack`, property access on objects and
 * primitives, and calls. Every statement costs one step of the container's budget and yields a time
 * slice, as the shell's commands do.
 */
import { FLUSH, YIELD } from '../../shell/kernel';
import type { Ctx } from '../../shell/sys';
import type { NodeOf } from './ast';
import { execBlock, hoist } from './exec';
import type { Promises } from './promise';
import type { Buffers } from './buffer';
import { bindPattern, evalExpr as evalOf } from './evalExpr';
import {
  JsThrow, isCallable, isObj, numStr, type Binding, type Env, type Frame, type G, type JsObj, type JsVal, type NativeCall,
} from './values';

export interface Realm {
  ObjectProto: JsObj; FunctionProto: JsObj; ArrayProto: JsObj; StringProto: JsObj; NumberProto: JsObj; BooleanProto: JsObj;
  ErrorProto: JsObj; errors: Map<string, JsObj>; global: JsObj;
}

/** Output and blocking services of the process (console, timers' clock). */
export interface JsIO {
  write(fd: 1 | 2, s: string): G<void>;
}

export class Js {
  readonly frames: Frame[] = [];
  realm!: Realm;
  /** Where the last error was raised or thrown: the uncaught-exception header's source line. */
  site: { file: string; line: number; col: number } | null = null;
  readonly sources = new Map<string, string>();
  /** require() cache: core modules by name. */
  readonly modules = new Map<string, JsObj>();
  globalEnv!: Env;
  promises!: Promises;
  buffers!: Buffers;
  /** Node's own frames under the script's (the CommonJS loader, the timer list) for stack traces. */
  belowFrames: readonly string[] = [];

  constructor(readonly ctx: Ctx, readonly io: JsIO, readonly version: string, readonly mainFile: string) {}

  get frame(): Frame { return this.frames[this.frames.length - 1]; }

  *tick(): G<void> {
    const k = this.ctx.k;
    k.charge();
    if (k.pending >= 1000) yield FLUSH;
    else if (k.runq.length && (++k.slice & 31) === 0) yield YIELD;
  }

  /** Records the current position (1-based line, 0-based column) of the running frame. */
  at(line: number, col: number): void {
    const f = this.frame;
    f.line = line;
    f.col = col;
  }

  newObject(proto: JsObj | null = this.realm.ObjectProto, cls = 'Object'): JsObj {
    return { props: new Map(), proto, cls };
  }

  newArray(items: JsVal[]): JsObj {
    return { props: new Map(), proto: this.realm.ArrayProto, cls: 'Array', arr: items };
  }

  native(name: string, call: NativeCall, length = 0): JsObj {
    const f: JsObj = { props: new Map(), proto: this.realm?.FunctionProto ?? null, cls: 'Function', native: call };
    f.props.set('name', name);
    f.props.set('length', length);
    f.hidden = new Set(['name', 'length']);
    return f;
  }

  /** V8's stack lines for the current frames (innermost first). */
  stackLines(): string[] {
    const out: string[] = [];
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i];
      if (f.skip) continue;
      const loc = f.file === '<native>' ? '<anonymous>' : `${f.file}:${f.line}:${f.col + 1}`;
      out.push(f.name ? `    at ${f.name} (${loc})` : `    at ${loc}`);
    }
    return [...out, ...this.belowFrames];
  }

  /** An Error object of class `name` (TypeError …), with its stack captured here. */
  makeError(name: string, message: string, innerFrames: readonly string[] = []): JsObj {
    const proto = this.realm.errors.get(name)?.props.get('prototype') as JsObj | undefined ?? this.realm.ErrorProto;
    const e = this.newObject(proto, 'Error');
    // V8 keeps Error.stackTraceLimit (10) frames.
    e.props.set('stack', [`${name}: ${message}`, ...[...innerFrames, ...this.stackLines()].slice(0, 10)].join('\n'));
    e.props.set('message', message);
    e.hidden = new Set(['stack', 'message']);
    const top = [...this.frames].reverse().find((f) => f.file !== '<native>' && !f.skip);
    if (top) e.site = { file: top.file, line: top.line, col: top.col };
    return e;
  }

  /** Throws a new error of class `name` raised at (line, col) of the running frame. */
  throwError(name: string, message: string, line?: number, col?: number): never {
    if (line !== undefined && col !== undefined) this.at(line, col);
    const f = this.frame;
    this.site = { file: f.file, line: f.line, col: f.col };
    throw new JsThrow(this.makeError(name, message));
  }

  // ---- properties -------------------------------------------------------------------------------

  protoOf(v: JsVal): JsObj | null {
    if (isObj(v)) return v.proto;
    switch (typeof v) {
      case 'string': return this.realm.StringProto;
      case 'number': return this.realm.NumberProto;
      case 'boolean': return this.realm.BooleanProto;
    }
    return null;
  }

  /** [[Get]]: own data, array elements and length, string indices, getters, then the prototype chain. */
  *get(v: JsVal, key: string): G<JsVal> {
    if (typeof v === 'string') {
      if (key === 'length') return v.length;
      if (/^\d+$/.test(key)) return v[Number(key)];
    }
    for (let o: JsObj | null = isObj(v) ? v : this.protoOf(v); o; o = o.proto) {
      if (o.arr) {
        if (key === 'length') return o.arr.length;
        if (/^(0|[1-9]\d*)$/.test(key)) return o.arr[Number(key)];
      }
      const own = o.props.get(key);
      if (own !== undefined || o.props.has(key)) return own;
      const g = o.getters?.get(key);
      if (g) return yield* this.call(g, v, []);
    }
    return undefined;
  }

  set(o: JsObj, key: string, value: JsVal): void {
    if (o.arr && /^(0|[1-9]\d*)$/.test(key)) {
      const i = Number(key);
      while (o.arr.length < i) o.arr.push(undefined);
      o.arr[i] = value;
      return;
    }
    if (o.arr && key === 'length') { o.arr.length = Number(value); return; }
    o.props.set(key, value);
  }

  /** ToPropertyKey for the subset. */
  key(v: JsVal): string {
    return typeof v === 'number' ? numStr(v) : typeof v === 'string' ? v : this.toStr(v);
  }

  toStr(v: JsVal): string {
    if (v === undefined) return 'undefined';
    if (v === null) return 'null';
    if (typeof v === 'number') return numStr(v);
    if (typeof v !== 'object') return String(v);
    if (v.arr) return v.arr.map((x) => (x === undefined || x === null ? '' : this.toStr(x))).join(',');
    if (isCallable(v)) return v.closure ? v.closure.node.src : `function ${String(v.props.get('name') ?? '')}() { [native code] }`;
    if (v.hidden?.has('stack')) {
      const name = this.runSync(this.get(v, 'name'));
      const msg = String(v.props.get('message') ?? '');
      return msg ? `${this.toStr(name)}: ${msg}` : this.toStr(name);
    }
    const ts = v.proto && this.runSync(this.get(v, 'toString'));
    if (isCallable(ts) && ts !== this.realm.ObjectProto.props.get('toString')) return this.toStr(this.runSync(this.call(ts, v, [])));
    return '[object Object]';
  }

  /** Runs a computation that must not block (toString hooks, getters while formatting). */
  runSync<T>(g: G<T>): T {
    for (;;) {
      const r = g.next();
      if (r.done) return r.value;
    }
  }

  // ---- calls ------------------------------------------------------------------------------------

  *call(fn: JsVal, self: JsVal, args: JsVal[], newTarget: JsObj | null = null, frameName?: string): G<JsVal> {
    if (!isCallable(fn)) return this.throwError('TypeError', `${this.toStr(fn)} is not a function`);
    if (fn.native) {
      this.frames.push({ name: frameName ?? `${isObj(self) && self.arr ? 'Array.' : ''}${String(fn.props.get('name') ?? '')}`, file: '<native>', line: 0, col: 0, node: null });
      try {
        return yield* fn.native(self, args, newTarget);
      } catch (e) {
        // A native called with arguments it cannot use must not crash the container.
        if (e instanceof TypeError) this.throwError('TypeError', `${String(fn.props.get('name') ?? 'function')} got arguments it cannot take (the playground does not reproduce V8's exact message here)`);
        throw e;
      } finally {
        this.frames.pop();
      }
    }
    const c = fn.closure!;
    if (c.node.isAsync) return yield* this.promises.callAsync(this.body(fn, c, self, args, newTarget, frameName));
    try {
      return yield* this.body(fn, c, self, args, newTarget, frameName);
    } catch (e) {
      // The host's stack ran out before the script's frame limit: V8's RangeError, catchable by the script. A
      // string or array past what the host can hold ("Invalid string length") is memory: on to the kernel (OOM
      // or budget). Tested by its first letter: with the stack exhausted, even a regex overflows.
      if (e instanceof RangeError && e.message.charCodeAt(0) !== 73) this.throwError('RangeError', 'Maximum call stack size exceeded');
      throw e;
    }
  }

  private *body(fn: JsObj, c: NonNullable<JsObj['closure']>, self: JsVal, args: JsVal[], newTarget: JsObj | null, frameName?: string): G<JsVal> {
    const node = c.node;
    if (this.frames.length > 2000) this.throwError('RangeError', 'Maximum call stack size exceeded');
    const env: Env = { vars: new Map<string, Binding>(), parent: c.env, fn: true };
    const thisVal = node.arrow ? c.self : self;
    const name = frameName ?? this.frameName(fn, self);
    // A class's synthesized default constructor (no source) has no frame in V8's stacks.
    this.frames.push({ name, file: c.file, line: node.line, col: node.col, node, skip: node.src === '' });
    try {
      if (!node.arrow) {
        env.vars.set('this', { value: thisVal, kind: 'const', init: true });
        env.vars.set('arguments', { value: this.newArray([...args]), kind: 'var', init: true });
        if (newTarget) env.vars.set('new.target', { value: newTarget, kind: 'const', init: true });
      }
      for (let i = 0; i < node.params.length; i++) {
        const p = node.params[i];
        if (p.type === 'Rest') yield* bindPattern(this, p.arg, this.newArray(args.slice(i)), env, 'param');
        else yield* bindPattern(this, p, args[i], env, 'param');
      }
      if (!Array.isArray(node.body)) return yield* evalOf(this, node.body, env);
      hoist(this, node.body, env);
      const r = yield* execBlock(this, node.body, env, false);
      return r && r.type === 'return' ? r.value : undefined;
    } finally {
      this.frames.pop();
    }
  }

  private frameName(fn: JsObj, self: JsVal): string {
    const n = String(fn.props.get('name') ?? '');
    if (isObj(self) && self !== this.realm.global && !fn.closure?.node.arrow) {
      const cls = self.proto?.props.get('constructor');
      const cname = isObj(cls) ? String(cls.props.get('name') ?? 'Object') : 'Object';
      return n ? `${cname}.${n}` : `${cname}.<anonymous>`;
    }
    return n;
  }

  makeClosure(node: NodeOf<'Func'>, env: Env, name = node.name): JsObj {
    const self = node.arrow ? lookupThis(env) : undefined;
    const f: JsObj = { props: new Map(), proto: this.realm.FunctionProto, cls: 'Function', closure: { node, env, self, file: this.frame?.file ?? this.mainFile } };
    f.props.set('name', name);
    f.props.set('length', node.params.filter((p) => p.type !== 'Rest' && p.type !== 'Default').length);
    f.hidden = new Set(['name', 'length', 'prototype']);
    if (!node.arrow) {
      const proto = this.newObject();
      proto.props.set('constructor', f);
      proto.hidden = new Set(['constructor']);
      f.props.set('prototype', proto);
    }
    return f;
  }

  /** `new F(...)`. */
  *construct(fn: JsVal, args: JsVal[], src: string): G<JsVal> {
    if (!isCallable(fn) || fn.closure?.node.arrow) return this.throwError('TypeError', `${src} is not a constructor`);
    const protoV = fn.props.get('prototype');
    const obj = this.newObject(isObj(protoV) ? protoV : this.realm.ObjectProto, String(fn.props.get('name') ?? 'Object'));
    const r = yield* this.call(fn, obj, args, fn, `new ${String(fn.props.get('name') ?? '')}`);
    return isObj(r) ? r : obj;
  }
}

function lookupThis(env: Env): JsVal {
  for (let e: Env | null = env; e; e = e.parent) {
    const b = e.vars.get('this');
    if (b) return b.value;
  }
  return undefined;
}

