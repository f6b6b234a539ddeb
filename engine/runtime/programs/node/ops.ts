/** The abstract operations of ECMA-262 §7 the subset needs: ToPrimitive, ToNumber, == and ===. */
import type { Js } from './interp';
import { isCallable, isObj, type JsVal } from './values';

export function toPrimitive(js: Js, v: JsVal, hint: 'string' | 'number' | 'default'): JsVal {
  if (!isObj(v)) return v;
  if (hint !== 'string' && v.internal && typeof (v.internal as { time?: number }).time === 'number') return (v.internal as { time: number }).time;
  const order = hint === 'string' ? ['toString', 'valueOf'] : ['valueOf', 'toString'];
  for (const name of order) {
    const f = js.runSync(js.get(v, name));
    if (isCallable(f) && !(name === 'valueOf' && f === js.realm.ObjectProto.props.get('valueOf'))) {
      const r = js.runSync(js.call(f, v, []));
      if (!isObj(r)) return r;
    }
  }
  return js.toStr(v);
}

export function toNumber(js: Js, v: JsVal): number {
  if (typeof v === 'number') return v;
  if (v === undefined) return NaN;
  if (v === null || v === false) return 0;
  if (v === true) return 1;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') return 0;
    if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) || /^0[xob][0-9a-f]+$/i.test(t)) return Number(t);
    if (/^[-+]?Infinity$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
    return NaN;
  }
  return toNumber(js, toPrimitive(js, v, 'number'));
}

export function strictEq(a: JsVal, b: JsVal): boolean {
  return a === b;
}

export function looseEq(js: Js, a: JsVal, b: JsVal): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (typeof a === typeof b && !(isObj(a) !== isObj(b))) return a === b;
  if (isObj(a) && isObj(b)) return a === b;
  const pa = toPrimitive(js, a, 'default');
  const pb = toPrimitive(js, b, 'default');
  if (typeof pa === 'string' && typeof pb === 'string') return pa === pb;
  return toNumber(js, pa) === toNumber(js, pb);
}
