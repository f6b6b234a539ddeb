/* eslint-disable require-yield -- native functions share the generator signature of JS calls; many never block. */
/**
 * Promises (ECMA-262 §27.2) and async functions on Node's microtask queue: then/catch/finally,
 * Promise.resolve/reject/all/allSettled/race, thenable adoption, `await` suspending the async
 * function's own coroutine, and Node's crash on an unhandled rejection (exit 1).
 */
import type { Block } from '../../shell/kernel';
import type { Js } from './interp';
import type { Loop } from './loop';
import { JsThrow, isCallable, isObj, type G, type JsObj, type JsVal, type NativeCall } from './values';

interface State { state: 'pending' | 'fulfilled' | 'rejected'; value: JsVal; reactions: ((s: State) => void)[]; handled: boolean }

/** What `await` yields to the async function's driver (never reaches the kernel). */
export interface AwaitMarker { readonly k: 'await'; readonly value: JsVal }

export const stateOf = (p: JsVal): State | null => (isObj(p) && p.cls === 'Promise' ? p.internal as State : null);

export class Promises {
  proto!: JsObj;

  constructor(private readonly js: Js, private readonly loop: Loop) {}

  make(): JsObj {
    const st: State = { state: 'pending', value: undefined, reactions: [], handled: false };
    const p = this.js.newObject(this.proto, 'Promise');
    p.internal = st;
    return p;
  }

  private settle(p: JsObj, state: 'fulfilled' | 'rejected', value: JsVal): void {
    const st = p.internal as State;
    if (st.state !== 'pending') return;
    st.state = state;
    st.value = value;
    if (state === 'rejected' && !st.handled) this.loop.rejections.push(p);
    for (const r of st.reactions.splice(0)) r(st);
  }

  reject(p: JsObj, reason: JsVal): void { this.settle(p, 'rejected', reason); }

  /** The promise resolve function: adopts thenables, fulfils with anything else. */
  resolve(p: JsObj, v: JsVal): void {
    const js = this.js;
    if (v === p) { this.reject(p, js.makeError('TypeError', 'Chaining cycle detected for promise #<Promise>')); return; }
    if (isObj(v)) {
      const then = js.runSync(js.get(v, 'then'));
      if (isCallable(then)) {
        this.loop.micro.push(function* (this: Promises) {
          const [res, rej] = this.functions(p);
          try { yield* js.call(then, v, [res, rej]); } catch (e) { if (e instanceof JsThrow) this.reject(p, e.value); else throw e; }
        }.bind(this));
        return;
      }
    }
    this.settle(p, 'fulfilled', v);
  }

  functions(p: JsObj): [JsObj, JsObj] {
    let done = false;
    const once = (f: (v: JsVal) => void): NativeCall => function* (_s, [v]) { if (!done) { done = true; f(v); } return undefined; };
    return [this.js.native('', once((v) => this.resolve(p, v)), 1), this.js.native('', once((v) => this.reject(p, v)), 1)];
  }

  /** p.then(onFulfilled, onRejected): a new promise settled from the handler's result, on the microtask queue. */
  then(p: JsObj, onF: JsVal, onR: JsVal): JsObj {
    const js = this.js;
    const st = p.internal as State;
    const out = this.make();
    const react = (s: State) => {
      this.loop.micro.push(function* (this: Promises) {
        const h = s.state === 'fulfilled' ? onF : onR;
        if (!isCallable(h)) { if (s.state === 'fulfilled') this.resolve(out, s.value); else this.reject(out, s.value); return; }
        try { this.resolve(out, yield* js.call(h, undefined, [s.value])); } catch (e) { if (e instanceof JsThrow) this.reject(out, e.value); else throw e; }
      }.bind(this));
    };
    if (!st.handled) {
      st.handled = true;
      const i = this.loop.rejections.indexOf(p);
      if (i >= 0) this.loop.rejections.splice(i, 1);
    }
    if (st.state === 'pending') st.reactions.push(react); else react(st);
    return out;
  }

  /** Promise.resolve(v). */
  from(v: JsVal): JsObj {
    if (stateOf(v)) return v as JsObj;
    const p = this.make();
    this.resolve(p, v);
    return p;
  }

  /**
   * Calls an async function: its body runs now until the first `await`, then continues from the
   * microtask queue; the returned promise settles with its result. The body's stack frames are set
   * aside while it waits.
   */
  *callAsync(body: G<JsVal>): G<JsVal> {
    const p = this.make();
    yield* this.drive(p, body, { value: undefined });
    return p;
  }

  private *drive(p: JsObj, body: G<JsVal>, input: { value: JsVal } | { error: JsVal }, saved: Js['frames'] = []): G<void> {
    const js = this.js;
    const depth = js.frames.length;
    js.frames.push(...saved);
    let next: { value: JsVal } | { error: JsVal } = input;
    for (;;) {
      let r: IteratorResult<Block, JsVal>;
      try {
        r = 'error' in next ? body.throw(new JsThrow(next.error)) : body.next(next.value);
      } catch (e) {
        js.frames.length = depth;
        if (e instanceof JsThrow) { this.reject(p, e.value); return; }
        throw e;
      }
      if (r.done) { js.frames.length = depth; this.resolve(p, r.value); return; }
      const b = r.value as Block | AwaitMarker;
      if (b.k === 'await') {
        const rest = js.frames.splice(depth);
        const awaited = this.from(b.value);
        const st = awaited.internal as State;
        st.handled = true;
        const i = this.loop.rejections.indexOf(awaited);
        if (i >= 0) this.loop.rejections.splice(i, 1);
        const resume = (s: State) => this.loop.micro.push(() => this.drive(p, body, s.state === 'fulfilled' ? { value: s.value } : { error: s.value }, rest));
        if (st.state === 'pending') st.reactions.push(resume); else resume(st);
        return;
      }
      next = { value: (yield b) as JsVal };
    }
  }
}

/** The Promise constructor and its methods on the global object. */
export function installPromise(js: Js, promises: Promises, global: JsObj): void {
  const proto = js.newObject();
  promises.proto = proto;
  const P = js.native('Promise', function* (_s, [executor], nt) {
    if (!nt) return js.throwError('TypeError', "Class constructor Promise cannot be invoked without 'new'");
    if (!isCallable(executor)) return js.throwError('TypeError', `Promise resolver ${js.toStr(executor)} is not a function`);
    const p = promises.make();
    const [res, rej] = promises.functions(p);
    try { yield* js.call(executor, undefined, [res, rej]); } catch (e) { if (e instanceof JsThrow) promises.reject(p, e.value); else throw e; }
    return p;
  }, 1);
  P.props.set('prototype', proto);
  proto.props.set('constructor', P);
  proto.hidden = new Set(['constructor']);
  global.props.set('Promise', P);
  const def = (o: JsObj, name: string, fn: NativeCall, length = 1) => { o.props.set(name, js.native(name, fn, length)); (o.hidden ??= new Set()).add(name); };
  const self = (v: JsVal): JsObj => (stateOf(v) ? v as JsObj : js.throwError('TypeError', 'Method Promise.prototype.then called on incompatible receiver'));
  def(proto, 'then', function* (s, [f, r]) { return promises.then(self(s), f, r); }, 2);
  def(proto, 'catch', function* (s, [r]) { return promises.then(self(s), undefined, r); });
  def(proto, 'finally', function* (s, [f]) {
    const after = (pass: (v: JsVal) => G<JsVal>) => js.native('', function* (_t, [v]) { if (isCallable(f)) yield* js.call(f, undefined, []); return yield* pass(v); });
    return promises.then(self(s), after(function* (v) { return v; }), after(function* (v) { throw new JsThrow(v); }));
  });
  def(P, 'resolve', function* (_s, [v]) { return promises.from(v); });
  def(P, 'reject', function* (_s, [v]) { const p = promises.make(); promises.reject(p, v); return p; });
  const combinator = (name: string, settle: (p: JsObj, items: JsVal[]) => void) => def(P, name, function* (_s, [it]) {
    const p = promises.make();
    settle(p, isObj(it) && it.arr ? [...it.arr] : []);
    return p;
  });
  combinator('all', (p, items) => {
    const out: JsVal[] = new Array(items.length);
    let left = items.length;
    if (!left) promises.resolve(p, js.newArray([]));
    items.forEach((x, i) => promises.then(promises.from(x), js.native('', function* (_s, [v]) { out[i] = v; if (--left === 0) promises.resolve(p, js.newArray(out)); return undefined; }),
      js.native('', function* (_s, [e]) { promises.reject(p, e); return undefined; })));
  });
  combinator('allSettled', (p, items) => {
    const out: JsVal[] = new Array(items.length);
    let left = items.length;
    if (!left) promises.resolve(p, js.newArray([]));
    const record = (i: number, ok: boolean) => js.native('', function* (_s, [v]) {
      const o = js.newObject();
      o.props.set('status', ok ? 'fulfilled' : 'rejected');
      o.props.set(ok ? 'value' : 'reason', v);
      out[i] = o;
      if (--left === 0) promises.resolve(p, js.newArray(out));
      return undefined;
    });
    items.forEach((x, i) => promises.then(promises.from(x), record(i, true), record(i, false)));
  });
  combinator('race', (p, items) => {
    for (const x of items) promises.then(promises.from(x), js.native('', function* (_s, [v]) { promises.resolve(p, v); return undefined; }), js.native('', function* (_s, [e]) { promises.reject(p, e); return undefined; }));
  });
}
