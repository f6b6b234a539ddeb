/* eslint-disable require-yield -- native functions share the generator signature of Python calls; many never block. */
/**
 * Attribute access and subscripting: methods of the built-in types, instance and class attributes
 * (functions become bound methods), module attributes, indexing and slicing with CPython's errors
 * (`list index out of range`, `KeyError`, `'int' object is not subscriptable`, "Did you mean").
 */
import type { Interp } from './interp';
import { findClassAttr } from './interp';
import { PUBLIC_METHODS, bytesMethod, dictMethod, listMethod, setMethod, strMethod } from './methods';
import { suggest } from './suggest';
import { NotModelled, PyExc, builtinClass, hashKey, isSubclass, list, newExc, raise, tuple, typeName, type G, type PyInst, type PyVal } from './values';

/** Something real Python has that the playground's interpreter does not implement: said plainly. */
export function notModelled(what: string): never {
  throw new NotModelled(what);
}

function attributeError(obj: PyVal, name: string, candidates: readonly string[]): never {
  const visible = name.startsWith('_') ? candidates : candidates.filter((c) => !c.startsWith('_'));
  const best = suggest(name, visible);
  const e = newExc('AttributeError', `'${typeName(obj)}' object has no attribute '${name}'${best ? `. Did you mean: '${best}'?` : ''}`);
  throw new PyExc(e);
}

export function* getAttr(ip: Interp, obj: PyVal, name: string): G<PyVal> {
  if (obj !== null && typeof obj === 'object') {
    switch (obj.kind) {
      case 'module': {
        const v = obj.attrs.get(name);
        if (v !== undefined) return v;
        if (name === '__name__') return obj.name;
        return notModelled(`${obj.name}.${name}`);
      }
      case 'class': {
        if (name === '__name__') return obj.name;
        const v = findClassAttr(obj, name);
        if (v !== undefined) return v;
        return raise('AttributeError', `type object '${obj.name}' has no attribute '${name}'`);
      }
      case 'func': if (name === '__name__') return obj.name; break;
      case 'builtin': if (name === '__name__') return obj.name; break;
      case 'inst': return instAttr(obj, name);
    }
  }
  const type = typeName(obj);
  let m = null;
  if (typeof obj === 'string') m = strMethod(ip, obj, name);
  else if (obj !== null && typeof obj === 'object') {
    if (obj.kind === 'list') m = listMethod(ip, obj, name);
    else if (obj.kind === 'dict') m = dictMethod(ip, obj, name);
    else if (obj.kind === 'set') m = setMethod(obj, name);
    else if (obj.kind === 'bytes') m = bytesMethod(obj, name);
    else if (obj.kind === 'tuple' && (name === 'count' || name === 'index')) m = listMethod(ip, { kind: 'list', items: obj.items }, name);
  }
  if (m) return { kind: 'builtin', name, fn: m, self: obj };
  if (typeof obj === 'number' && name === 'is_integer') return { kind: 'builtin', name, self: obj, fn: function* () { return Number.isInteger(obj); } };
  const pub = PUBLIC_METHODS[type] ?? [];
  if (pub.includes(name)) return notModelled(`${type}.${name}()`);
  return attributeError(obj, name, pub);
}

function instAttr(obj: PyInst, name: string): PyVal {
  const own = obj.attrs.get(name);
  if (own !== undefined) return own;
  if (name === '__class__') return obj.cls;
  const v = findClassAttr(obj.cls, name);
  if (v !== null && typeof v === 'object' && v.kind === 'func') return { kind: 'method', fn: v, self: obj };
  // A native method of a module's class (datetime.strftime …) binds to the instance the same way.
  if (v !== null && typeof v === 'object' && v.kind === 'builtin' && v.self === undefined) {
    const fn = v.fn;
    return { kind: 'builtin', name, self: obj, fn: function* (args, kw) { return yield* fn([obj, ...args], kw); } };
  }
  if (v !== undefined) return v;
  if (isSubclass(obj.cls, builtinClass('BaseException'))) {
    if (name === 'args') return tuple(obj.args);
    if (name === '__cause__') return obj.cause ?? null;
    if (name === '__context__') return obj.context ?? null;
    if (isSubclass(obj.cls, builtinClass('OSError')) && (name === 'errno' || name === 'strerror' || name === 'filename')) return null;
    if (name === 'code' && obj.cls.name === 'SystemExit') return obj.args.length ? obj.args[0] : null;
  }
  const names = [...obj.attrs.keys()];
  for (let c: typeof obj.cls | undefined = obj.cls; c; c = c.bases[0]) names.push(...c.attrs.keys());
  return attributeError(obj, name, names);
}

export function setAttr(obj: PyVal, name: string, v: PyVal): void {
  if (obj !== null && typeof obj === 'object' && (obj.kind === 'inst' || obj.kind === 'class')) { obj.attrs.set(name, v); return; }
  if (obj !== null && typeof obj === 'object' && obj.kind === 'module') { obj.attrs.set(name, v); return; }
  raise('AttributeError', `'${typeName(obj)}' object has no attribute '${name}' and no __dict__ for setting new attributes`);
}

function index(len: number, idx: PyVal, what: string): number {
  if (typeof idx === 'boolean') idx = idx ? 1n : 0n;
  if (typeof idx !== 'bigint') raise('TypeError', `${what} indices must be integers or slices, not ${typeName(idx)}`);
  let i = Number(idx);
  if (i < 0) i += len;
  return i;
}

const isSlice = (v: PyVal): v is PyInst => v !== null && typeof v === 'object' && v.kind === 'inst' && v.cls.name === 'slice';

/** slice.indices(): the positions a[lo:hi:step] takes from a sequence of `len`. */
function sliceIndices(len: number, s: PyInst): number[] {
  const [lo, hi, st] = s.args.map((x) => (x === null ? null : typeof x === 'bigint' ? Number(x) : raise('TypeError', 'slice indices must be integers or None or have an __index__ method')));
  const step = st ?? 1;
  if (step === 0) raise('ValueError', 'slice step cannot be zero');
  const clamp = (v: number | null, dflt: number, lo2: number, hi2: number) => (v === null ? dflt : v < 0 ? Math.max(v + len, lo2) : Math.min(v, hi2));
  const out: number[] = [];
  if (step > 0) { for (let i = clamp(lo, 0, 0, len); i < clamp(hi, len, 0, len); i += step) out.push(i); } else {
    for (let i = clamp(lo, len - 1, -1, len - 1); i > clamp(hi, -1, -1, len - 1); i += step) out.push(i);
  }
  return out;
}

export function getItem(ip: Interp, obj: PyVal, idx: PyVal): PyVal {
  if (typeof obj === 'string') {
    const cs = [...obj];
    if (isSlice(idx)) return sliceIndices(cs.length, idx).map((i) => cs[i]).join('');
    const i = index(cs.length, idx, 'string');
    if (i < 0 || i >= cs.length) raise('IndexError', 'string index out of range');
    return cs[i];
  }
  if (obj !== null && typeof obj === 'object') {
    switch (obj.kind) {
      case 'list': case 'tuple': {
        if (isSlice(idx)) { const items = sliceIndices(obj.items.length, idx).map((i) => obj.items[i]); return obj.kind === 'list' ? list(items) : tuple(items); }
        const i = index(obj.items.length, idx, obj.kind);
        if (i < 0 || i >= obj.items.length) raise('IndexError', `${obj.kind} index out of range`);
        return obj.items[i];
      }
      case 'dict': {
        const p = obj.map.get(hashKey(idx));
        if (!p) {
          const e = newExc('KeyError', idx);
          if (obj.origin) e.tbExtra = [obj.origin];
          throw new PyExc(e);
        }
        return p[1];
      }
      case 'bytes': {
        if (isSlice(idx)) return { kind: 'bytes', data: sliceIndices(obj.data.length, idx).map((i) => obj.data[i]).join('') };
        const i = index(obj.data.length, idx, 'byte');
        if (i < 0 || i >= obj.data.length) raise('IndexError', 'index out of range');
        return BigInt(obj.data.charCodeAt(i));
      }
      case 'range': {
        const n = Number((obj.stop - obj.start + obj.step - (obj.step > 0n ? 1n : -1n)) / obj.step);
        const i = index(Math.max(0, n), idx, 'range');
        if (i < 0 || i >= n) raise('IndexError', 'range object index out of range');
        return obj.start + BigInt(i) * obj.step;
      }
      case 'inst': {
        const gi = findClassAttr(obj.cls, '__getitem__');
        if (gi !== undefined) return ip.runSync(callItem(ip, gi, obj, idx));
        break;
      }
      case 'class': return obj;
    }
  }
  return raise('TypeError', `'${typeName(obj)}' object is not subscriptable`);
}

import { callValue } from './call';
function* callItem(ip: Interp, fn: PyVal, self: PyVal, idx: PyVal): G<PyVal> {
  return yield* callValue(ip, fn, [self, idx], new Map());
}

export function setItem(obj: PyVal, idx: PyVal, v: PyVal): void {
  if (obj !== null && typeof obj === 'object') {
    if (obj.kind === 'list') {
      if (isSlice(idx)) { const ix = sliceIndices(obj.items.length, idx); const src = v !== null && typeof v === 'object' && (v.kind === 'list' || v.kind === 'tuple') ? v.items : []; obj.items.splice(ix[0] ?? obj.items.length, ix.length, ...src); return; }
      const i = index(obj.items.length, idx, 'list');
      if (i < 0 || i >= obj.items.length) raise('IndexError', 'list assignment index out of range');
      obj.items[i] = v;
      return;
    }
    if (obj.kind === 'dict') { obj.map.set(hashKey(idx), [idx, v]); return; }
  }
  raise('TypeError', `'${typeName(obj)}' object does not support item assignment`);
}

export function delItem(obj: PyVal, idx: PyVal): void {
  if (obj !== null && typeof obj === 'object') {
    if (obj.kind === 'list') {
      const i = index(obj.items.length, idx, 'list');
      if (i < 0 || i >= obj.items.length) raise('IndexError', 'list assignment index out of range');
      obj.items.splice(i, 1);
      return;
    }
    if (obj.kind === 'dict') { if (!obj.map.delete(hashKey(idx))) throw new PyExc(newExc('KeyError', idx)); return; }
  }
  raise('TypeError', `'${typeName(obj)}' object doesn't support item deletion`);
}
