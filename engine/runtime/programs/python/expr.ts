/**
 * Expression evaluation. Before each operation that can raise, the frame records the node, so a
 * traceback points where CPython's would (the call, the subscript, the binary operator, the name).
 */
import type { Expr, ExprOf } from './ast';
import type { Interp } from './interp';
import { lookup, setVar } from './interp';
import { binop, contains, eq, less, repr, str } from './ops';
import { formatValue } from './format';
import { callValue, collect, iterate, makeFunction } from './call';
import { getAttr, getItem, setAttr, setItem, delItem } from './attrs';
import { PyExc, STOP, type PyInst, dict, hashKey, list, newExc, raise, truthy, tuple, typeName, type G, type PyVal, type Scope, type Kwargs } from './values';

export function* evalExpr(ip: Interp, e: Expr, scope: Scope): G<PyVal> {
  switch (e.type) {
    case 'Const': return e.bytes ? { kind: 'bytes', data: e.value as string } : e.value;
    case 'Name': ip.frame.node = e; return lookup(ip, scope, e.id);
    case 'FStr': {
      let s = '';
      for (const p of e.parts) {
        if (typeof p === 'string') { s += p; continue; }
        let v = yield* evalExpr(ip, p.expr, scope);
        if (p.conv === 'r' || (p.self && !p.conv && !p.spec)) v = repr(v, ip.hook);
        else if (p.conv === 's') v = str(v, ip.hook);
        const spec = p.spec ? String(yield* evalExpr(ip, p.spec, scope)) : '';
        s += p.self + formatValue(v, spec, ip.hook);
      }
      return s;
    }
    case 'Attr': {
      const obj = yield* evalExpr(ip, e.obj, scope);
      ip.frame.node = e;
      return yield* getAttr(ip, obj, e.attr);
    }
    case 'Sub': {
      const obj = yield* evalExpr(ip, e.obj, scope);
      const idx = yield* evalExpr(ip, e.index, scope);
      ip.frame.node = e;
      return getItem(ip, obj, idx);
    }
    case 'Slice': {
      const part = function* (x: Expr | null): G<PyVal> { return x ? yield* evalExpr(ip, x, scope) : null; };
      return { kind: 'inst', cls: sliceClass, attrs: new Map(), args: [yield* part(e.lo), yield* part(e.hi), yield* part(e.step)] };
    }
    case 'Call': {
      const fn = yield* evalExpr(ip, e.fn, scope);
      const args: PyVal[] = [];
      const kw: Kwargs = new Map();
      for (const a of e.args) {
        const v = yield* evalExpr(ip, a.value, scope);
        if (a.star === '*') args.push(...yield* collect(ip, v));
        else if (a.star === '**') {
          if (v === null || typeof v !== 'object' || v.kind !== 'dict') raise('TypeError', `argument after ** must be a mapping, not ${typeName(v)}`);
          for (const [k, x] of v.map.values()) kw.set(String(k), x);
        } else if (a.name !== null) kw.set(a.name, v);
        else args.push(v);
      }
      ip.frame.node = e;
      return yield* callValue(ip, fn, args, kw);
    }
    case 'Bin': {
      const a = yield* evalExpr(ip, e.left, scope);
      const b = yield* evalExpr(ip, e.right, scope);
      ip.frame.node = e;
      return binary(ip, e.op, a, b);
    }
    case 'Unary': {
      const v = yield* evalExpr(ip, e.arg, scope);
      ip.frame.node = e;
      return unary(e.op, v);
    }
    case 'Bool': {
      let v: PyVal = null;
      for (const x of e.values) {
        v = yield* evalExpr(ip, x, scope);
        if (e.op === 'and' ? !truthy(v) : truthy(v)) return v;
      }
      return v;
    }
    case 'Cmp': {
      let left = yield* evalExpr(ip, e.left, scope);
      for (let i = 0; i < e.ops.length; i++) {
        const right = yield* evalExpr(ip, e.rights[i], scope);
        ip.frame.node = e;
        if (!compare(ip, e.ops[i], left, right)) return false;
        left = right;
      }
      return true;
    }
    case 'IfExp': return truthy(yield* evalExpr(ip, e.test, scope)) ? yield* evalExpr(ip, e.body, scope) : yield* evalExpr(ip, e.orelse, scope);
    case 'List': case 'Tuple': case 'Set': {
      const items: PyVal[] = [];
      for (const x of e.items) {
        if (x.type === 'Starred') items.push(...yield* collect(ip, yield* evalExpr(ip, x.value, scope)));
        else items.push(yield* evalExpr(ip, x, scope));
      }
      if (e.type === 'Set') return { kind: 'set', map: new Map(items.map((v) => [hashKey(v), v])) };
      return e.type === 'List' ? list(items) : tuple(items);
    }
    case 'Dict': {
      const d = dict();
      for (let i = 0; i < e.values.length; i++) {
        const k = e.keys[i];
        const v = yield* evalExpr(ip, e.values[i], scope);
        if (k === null) {
          if (v === null || typeof v !== 'object' || v.kind !== 'dict') raise('TypeError', `'${typeName(v)}' object is not a mapping`);
          for (const [hk, pair] of v.map) d.map.set(hk, pair);
        } else {
          const kv = yield* evalExpr(ip, k, scope);
          d.map.set(hashKey(kv), [kv, v]);
        }
      }
      return d;
    }
    case 'Comp': return yield* comprehension(ip, e, scope);
    case 'Lambda': return makeFunction(ip, '<lambda>', e.params, e.body, scope, yield* ip.defaults(e.params, scope));
    case 'Starred': return raise('SyntaxError', "can't use starred expression here");
    case 'Walrus': { const v = yield* evalExpr(ip, e.value, scope); setVar(scope, e.target, v); return v; }
  }
}

/** slice objects (a[1:2]) are instances of this class; getItem reads their args. */
export const sliceClass = { kind: 'class' as const, name: 'slice', bases: [], attrs: new Map(), module: 'builtins' };

const DUNDER: Readonly<Record<string, string>> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'truediv', '//': 'floordiv', '%': 'mod', '**': 'pow' };
const isInst = (v: PyVal): v is PyInst => v !== null && typeof v === 'object' && v.kind === 'inst';

/** Binary operators, with the operand classes' __add__/__radd__ … (datetime's, or a script's own) first. */
function binary(ip: Interp, op: string, a: PyVal, b: PyVal): PyVal {
  const name = DUNDER[op];
  if (name && isInst(a)) { const r = ip.hook(a, `__${name}__`, [b]); if (r !== undefined) return r; }
  if (name && isInst(b)) { const r = ip.hook(b, `__r${name}__`, [a]); if (r !== undefined) return r; }
  return binop(op, a, b);
}

function unary(op: string, v: PyVal): PyVal {
  if (op === 'not') return !truthy(v);
  if (typeof v === 'boolean') v = v ? 1n : 0n;
  if (typeof v === 'bigint') return op === '-' ? -v : op === '~' ? -v - 1n : v;
  if (typeof v === 'number' && op !== '~') return op === '-' ? -v : v;
  return raise('TypeError', `bad operand type for unary ${op}: '${typeName(v)}'`);
}

function compare(ip: Interp, op: string, a: PyVal, b: PyVal): boolean {
  switch (op) {
    case '==': return eq(a, b, ip.hook);
    case '!=': return !eq(a, b, ip.hook);
    case '<': case '<=': case '>': case '>=': {
      const name = op === '<' ? 'lt' : op === '<=' ? 'le' : op === '>' ? 'gt' : 'ge';
      const r = isInst(a) ? ip.hook(a, `__${name}__`, [b]) : undefined;
      return r !== undefined ? truthy(r) : less(a, b, name);
    }
    case 'in': return contains(b, a, ip.hook);
    case 'not in': return !contains(b, a, ip.hook);
    case 'is': return a === b || (typeof a === 'number' && a === b);
    case 'is not': return a !== b;
  }
  return false;
}

/** Comprehensions run in their own scope (the loop variables do not leak), eagerly. */
function* comprehension(ip: Interp, e: ExprOf<'Comp'>, outer: Scope): G<PyVal> {
  const scope: Scope = { vars: new Map(), parent: outer.className !== undefined ? outer.parent : outer, globals: outer.globals, locals: null, globalNames: new Set() };
  const out: PyVal[] = [];
  const d = dict();
  const loop = function* (i: number, s: Scope): G<void> {
    if (i === e.gens.length) {
      yield* ip.tick();
      if (e.kind === 'dict') {
        const k = yield* evalExpr(ip, e.elt, s);
        d.map.set(hashKey(k), [k, yield* evalExpr(ip, e.value!, s)]);
      } else out.push(yield* evalExpr(ip, e.elt, s));
      return;
    }
    const g = e.gens[i];
    const it = yield* iterate(ip, yield* evalExpr(ip, g.iter, i === 0 ? outer : s));
    for (;;) {
      const v = yield* it();
      if (v === undefined) return;
      yield* assign(ip, g.target, v, s);
      let ok = true;
      for (const c of g.ifs) if (!truthy(yield* evalExpr(ip, c, s))) { ok = false; break; }
      if (ok) yield* loop(i + 1, s);
    }
  };
  yield* loop(0, scope);
  if (e.kind === 'dict') return d;
  if (e.kind === 'set') return { kind: 'set', map: new Map(out.map((v) => [hashKey(v), v])) };
  if (e.kind === 'gen') return { kind: 'iter', name: 'generator', next: iterOver(out) };
  return list(out);
}

function iterOver(items: PyVal[]): () => PyVal | typeof STOP {
  let i = 0;
  return () => (i < items.length ? items[i++] : STOP);
}

/** Assignment to a target: a name, attribute, subscript, or (starred) tuple/list unpacking. */
export function* assign(ip: Interp, t: Expr, v: PyVal, scope: Scope): G<void> {
  switch (t.type) {
    case 'Name': setVar(scope, t.id, v); return;
    case 'Attr': { const obj = yield* evalExpr(ip, t.obj, scope); ip.frame.node = t; setAttr(obj, t.attr, v); return; }
    case 'Sub': {
      const obj = yield* evalExpr(ip, t.obj, scope);
      const idx = yield* evalExpr(ip, t.index, scope);
      ip.frame.node = t;
      setItem(obj, idx, v);
      return;
    }
    case 'Tuple': case 'List': {
      ip.frame.node = t;
      if (v === null || typeof v !== 'object' || !['list', 'tuple', 'str', 'dict', 'set', 'range', 'iter', 'bytes'].includes(v.kind)) {
        if (typeof v !== 'string') raise('TypeError', `cannot unpack non-iterable ${typeName(v)} object`);
      }
      const items = yield* collect(ip, v);
      const star = t.items.findIndex((x) => x.type === 'Starred');
      const n = t.items.length;
      if (star < 0) {
        if (items.length < n) raise('ValueError', `not enough values to unpack (expected ${n}, got ${items.length})`);
        if (items.length > n) raise('ValueError', `too many values to unpack (expected ${n})`);
        for (let i = 0; i < n; i++) yield* assign(ip, t.items[i], items[i], scope);
        return;
      }
      if (items.length < n - 1) raise('ValueError', `not enough values to unpack (expected at least ${n - 1}, got ${items.length})`);
      const after = n - star - 1;
      for (let i = 0; i < star; i++) yield* assign(ip, t.items[i], items[i], scope);
      yield* assign(ip, (t.items[star] as ExprOf<'Starred'>).value, list(items.slice(star, items.length - after)), scope);
      for (let i = 0; i < after; i++) yield* assign(ip, t.items[star + 1 + i], items[items.length - after + i], scope);
      return;
    }
    default: raise('SyntaxError', 'cannot assign to expression');
  }
}

export function* deleteTarget(ip: Interp, t: Expr, scope: Scope): G<void> {
  if (t.type === 'Name') {
    if (!scope.vars.delete(t.id)) raise('NameError', `name '${t.id}' is not defined`);
  } else if (t.type === 'Sub') {
    const obj = yield* evalExpr(ip, t.obj, scope);
    const idx = yield* evalExpr(ip, t.index, scope);
    ip.frame.node = t;
    delItem(obj, idx);
  } else if (t.type === 'Tuple' || t.type === 'List') {
    for (const x of t.items) yield* deleteTarget(ip, x, scope);
  } else if (t.type === 'Attr') {
    const obj = yield* evalExpr(ip, t.obj, scope);
    if (obj !== null && typeof obj === 'object' && obj.kind === 'inst' && obj.attrs.delete(t.attr)) return;
    throw new PyExc(newExc('AttributeError', t.attr));
  }
}
