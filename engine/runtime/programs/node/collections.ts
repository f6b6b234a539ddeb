/* eslint-disable require-yield -- native functions share the generator signature of JS calls; many never block. */
/**
 * Map and Set (ECMA-262 §24.1, §24.2): SameValueZero keys in insertion order, iteration (for-of,
 * spread, Array.from), forEach, and inspect's `Map(2) { 'a' => 1 }` / `Set(1) { 1 }`.
 */
import type { Js } from './interp';
import { inspectEntries } from './inspect';
import { isCallable, isObj, type JsObj, type JsVal, type NativeCall } from './values';

/** SameValueZero as a Map key: NaN equals NaN, +0 equals -0, objects by identity. */
const keyOf = (v: JsVal): unknown => (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? 0 : v);

interface Store { map: Map<unknown, [JsVal, JsVal]>; set: boolean }

function installOne(js: Js, global: JsObj, name: 'Map' | 'Set'): void {
  const proto = js.newObject();
  const isSet = name === 'Set';
  const store = (self: JsVal): Store => {
    const s = isObj(self) ? self.internal as Store | undefined : undefined;
    if (!s || s.set !== isSet) return js.throwError('TypeError', `Method ${name}.prototype method called on incompatible receiver ${js.toStr(self)}`);
    return s;
  };
  const make = (): JsObj => {
    const o = js.newObject(proto, name);
    const s: Store & { iterate(): JsVal[]; inspect(): string } = {
      map: new Map(), set: isSet,
      iterate: () => [...s.map.values()].map(([k, v]) => (isSet ? k : js.newArray([k, v]))),
      inspect: () => inspectEntries(js, `${name}(${s.map.size})`, [...s.map.values()].map(([k, v]) => (isSet ? [k] : [k, v]))),
    };
    o.internal = s;
    o.getters = new Map([['size', js.native('size', function* () { return s.map.size; })]]);
    return o;
  };
  const C = js.native(name, function* (_s, [init], nt) {
    if (!nt) return js.throwError('TypeError', `Constructor ${name} requires 'new'`);
    const o = make();
    const s = o.internal as Store;
    const items = init === undefined || init === null ? [] : typeof init === 'string' ? [...init] : isObj(init) && init.arr ? init.arr
      : isObj(init) && (init.internal as { iterate?: () => JsVal[] })?.iterate ? (init.internal as { iterate: () => JsVal[] }).iterate() : js.throwError('TypeError', `${js.toStr(init)} is not iterable`);
    for (const it of items) {
      if (isSet) s.map.set(keyOf(it), [it, it]);
      else {
        const pair = isObj(it) && it.arr ? it.arr : js.throwError('TypeError', `Iterator value ${js.toStr(it)} is not an entry object`);
        s.map.set(keyOf(pair[0]), [pair[0], pair[1]]);
      }
    }
    return o;
  }, 0);
  C.props.set('prototype', proto);
  proto.props.set('constructor', C);
  const def = (n: string, fn: NativeCall, length = 0) => proto.props.set(n, js.native(n, fn, length));
  if (isSet) def('add', function* (self, [v]) { store(self).map.set(keyOf(v), [v, v]); return self; }, 1);
  else {
    def('set', function* (self, [k, v]) { store(self).map.set(keyOf(k), [k, v]); return self; }, 2);
    def('get', function* (self, [k]) { return store(self).map.get(keyOf(k))?.[1]; }, 1);
  }
  def('has', function* (self, [k]) { return store(self).map.has(keyOf(k)); }, 1);
  def('delete', function* (self, [k]) { return store(self).map.delete(keyOf(k)); }, 1);
  def('clear', function* (self) { store(self).map.clear(); return undefined; });
  def('keys', function* (self) { return js.newArray([...store(self).map.values()].map(([k]) => k)); });
  def('values', function* (self) { return js.newArray([...store(self).map.values()].map(([, v]) => v)); });
  def('entries', function* (self) { return js.newArray([...store(self).map.values()].map(([k, v]) => js.newArray([k, v]))); });
  def('forEach', function* (self, [f, thisArg]) {
    if (!isCallable(f)) return js.throwError('TypeError', `${js.toStr(f)} is not a function`);
    for (const [k, v] of [...store(self).map.values()]) yield* js.call(f, thisArg, [v, k, self]);
    return undefined;
  }, 1);
  proto.hidden = new Set(proto.props.keys());
  global.props.set(name, C);
}

export function installCollections(js: Js, global: JsObj): void {
  installOne(js, global, 'Map');
  installOne(js, global, 'Set');
}
