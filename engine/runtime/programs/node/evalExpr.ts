/* eslint-disable require-yield -- native functions share the generator signature of JS calls; many never block. */
/**
 * Expression evaluation for the JavaScript subset, with V8's messages for the mistakes learners make
 * (`x is not defined`, `Cannot read properties of undefined (reading 'y')`, `o.f is not a function`,
 * `Assignment to constant variable.`) raised at the position V8 reports.
 */
import type { Block } from '../../shell/kernel';
import type { Node, NodeOf } from './ast';
import type { Js } from './interp';
import { makeClass } from './klass';
import { looseEq, strictEq, toNumber, toPrimitive } from './ops';
import { JsThrow, isCallable, isObj, toBool, typeOf, type Binding, type Env, type G, type JsObj, type JsVal } from './values';

export function lookup(js: Js, env: Env, name: string): Binding | null {
  for (let e: Env | null = env; e; e = e.parent) {
    const b = e.vars.get(name);
    if (b) return b;
  }
  return null;
}

function* readVar(js: Js, env: Env, n: NodeOf<'Ident'>): G<JsVal> {
  const b = lookup(js, env, n.name);
  if (!b) {
    if (js.realm.global.props.has(n.name)) return js.realm.global.props.get(n.name);
    return js.throwError('ReferenceError', `${n.name} is not defined`, n.line, n.col);
  }
  if (!b.init) js.throwError('ReferenceError', `Cannot access '${n.name}' before initialization`, n.line, n.col);
  return b.value;
}

function* writeVar(js: Js, env: Env, n: NodeOf<'Ident'>, v: JsVal, opCol: number): G<void> {
  const b = lookup(js, env, n.name);
  if (!b) { js.realm.global.props.set(n.name, v); return; }
  if (!b.init) js.throwError('ReferenceError', `Cannot access '${n.name}' before initialization`, n.line, n.col);
  if (b.kind === 'const') js.throwError('TypeError', 'Assignment to constant variable.', n.line, opCol);
  b.value = v;
}

/** Declares the names of a binding pattern and assigns them (let/const/var/params/catch). */
export function* bindPattern(js: Js, p: Node, v: JsVal, env: Env, kind: Binding['kind'] | 'assign'): G<void> {
  switch (p.type) {
    case 'Ident':
      if (kind === 'assign') { yield* writeVar(js, env, p, v, p.col); return; }
      if (kind === 'var') { const b = lookup(js, env, p.name); if (b) { b.value = v; b.init = true; return; } }
      env.vars.set(p.name, { value: v, kind, init: true });
      return;
    case 'Default': return yield* bindPattern(js, p.target, v === undefined ? yield* evalExpr(js, p.value, env) : v, env, kind);
    case 'ArrPat': {
      if (v === undefined || v === null) js.throwError('TypeError', `${String(v)} is not iterable (cannot read property Symbol(Symbol.iterator))`, p.line, p.col);
      const items = yield* iterateAll(js, v, p);
      for (let i = 0; i < p.elems.length; i++) {
        const el = p.elems[i];
        if (!el) continue;
        if (el.type === 'Rest') yield* bindPattern(js, el.arg, js.newArray(items.slice(i)), env, kind);
        else yield* bindPattern(js, el, items[i], env, kind);
      }
      return;
    }
    case 'ObjPat': {
      if (v === undefined || v === null) js.throwError('TypeError', `Cannot destructure '${String(v)}' as it is ${String(v)}.`, p.line, p.col);
      const used = new Set<string>();
      for (const prop of p.props) {
        const key = typeof prop.key === 'string' ? prop.key : js.key(yield* evalExpr(js, prop.key, env));
        used.add(key);
        yield* bindPattern(js, prop.value, yield* js.get(v, key), env, kind);
      }
      if (p.rest) {
        const rest = js.newObject();
        if (isObj(v)) for (const [k, x] of v.props) if (!used.has(k) && !v.hidden?.has(k)) rest.props.set(k, x);
        yield* bindPattern(js, p.rest, rest, env, kind);
      }
      return;
    }
    case 'Member': {
      const obj = yield* evalExpr(js, p.obj, env);
      const key = typeof p.prop === 'string' ? p.prop : js.key(yield* evalExpr(js, p.prop, env));
      if (!isObj(obj)) {
        if (obj === undefined || obj === null) js.throwError('TypeError', `Cannot set properties of ${String(obj)} (setting '${key}')`, p.line, p.propCol);
        return;
      }
      js.set(obj, key, v);
      return;
    }
    default: js.throwError('SyntaxError', 'Invalid destructuring assignment target', p.line, p.col);
  }
}

/** The values an iterable produces (arrays, strings, Map/Set entries). */
export function* iterateAll(js: Js, v: JsVal, at: Node): G<JsVal[]> {
  if (typeof v === 'string') return [...v];
  if (isObj(v)) {
    if (v.arr) return [...v.arr];
    const it = v.internal as { iterate?: () => JsVal[] } | undefined;
    if (it?.iterate) return it.iterate();
  }
  return js.throwError('TypeError', `${describe(js, at)} is not iterable`, at.line, at.col);
}

/** How V8 names an expression in messages: the source text for simple ones. */
function describe(js: Js, n: Node): string {
  switch (n.type) {
    case 'Ident': return n.name;
    case 'Member': case 'Call': return n.src || 'expression';
    case 'This': return 'this';
    case 'Num': return String(n.value);
    case 'Str': return `"${n.value}"`;
    case 'Lit': return String(n.value);
    default: return js.toStr(null).replace('null', '(intermediate value)');
  }
}

function* member(js: Js, n: NodeOf<'Member'>, env: Env): G<{ obj: JsVal; key: string } | null> {
  const obj = yield* evalExpr(js, n.obj, env);
  if ((obj === undefined || obj === null) && n.optional) return null;
  const key = typeof n.prop === 'string' ? n.prop : js.key(yield* evalExpr(js, n.prop, env));
  if (obj === undefined || obj === null) js.throwError('TypeError', `Cannot read properties of ${String(obj)} (reading '${key}')`, n.line, n.propCol);
  return { obj, key };
}

export function* evalExpr(js: Js, n: Node, env: Env): G<JsVal> {
  switch (n.type) {
    case 'Num': return n.value;
    case 'Str': return n.value;
    case 'Lit': return n.value;
    case 'Tmpl': {
      let s = n.parts[0];
      for (let i = 0; i < n.exprs.length; i++) s += js.toStr(toPrimitive(js, yield* evalExpr(js, n.exprs[i], env), 'string')) + n.parts[i + 1];
      return s;
    }
    case 'Ident':
      if (n.name === 'undefined' && !lookup(js, env, 'undefined')) return undefined;
      return yield* readVar(js, env, n);
    case 'This': { const b = lookup(js, env, 'this'); return b ? b.value : js.realm.global; }
    case 'Arr': {
      const items: JsVal[] = [];
      for (const e of n.elems) {
        if (e === null) items.length += 1;
        else if (e.type === 'Spread') items.push(...yield* iterateAll(js, yield* evalExpr(js, e.arg, env), e.arg));
        else items.push(yield* evalExpr(js, e, env));
      }
      return js.newArray(items);
    }
    case 'Obj': {
      const o = js.newObject();
      for (const p of n.props) {
        if (p.kind === 'spread') {
          const src = yield* evalExpr(js, p.value, env);
          if (isObj(src)) {
            if (src.arr) src.arr.forEach((x, i) => o.props.set(String(i), x));
            for (const [k, x] of src.props) if (!src.hidden?.has(k)) o.props.set(k, x);
          } else if (typeof src === 'string') [...src].forEach((ch, i) => o.props.set(String(i), ch));
          continue;
        }
        const key = typeof p.key === 'string' ? p.key : js.key(yield* evalExpr(js, p.key, env));
        const v = p.value.type === 'Func' ? js.makeClosure(p.value, env, p.value.name || key) : yield* evalExpr(js, p.value, env);
        if (p.kind === 'get' && isObj(v)) { (o.getters ??= new Map()).set(key, v); continue; }
        if (isObj(v) && v.closure && !v.props.get('name')) v.props.set('name', key);
        o.props.set(key, v);
      }
      return o;
    }
    case 'Func': return js.makeClosure(n, env);
    case 'Class': return yield* makeClass(js, n, env);
    case 'Unary': return yield* unary(js, n, env);
    case 'Update': {
      const old = toNumber(js, yield* evalExpr(js, n.arg, env));
      const v = n.op === '++' ? old + 1 : old - 1;
      yield* assignTo(js, n.arg, v, env, n.col);
      return n.prefix ? v : old;
    }
    case 'Bin': {
      const a = yield* evalExpr(js, n.left, env);
      const b = yield* evalExpr(js, n.right, env);
      return binary(js, n, a, b);
    }
    case 'Logical': {
      const a = yield* evalExpr(js, n.left, env);
      if (n.op === '&&' ? !toBool(a) : n.op === '||' ? toBool(a) : a !== undefined && a !== null) return a;
      return yield* evalExpr(js, n.right, env);
    }
    case 'Cond': return toBool(yield* evalExpr(js, n.test, env)) ? yield* evalExpr(js, n.then, env) : yield* evalExpr(js, n.else, env);
    case 'Assign': {
      if (n.op === '=') {
        const v = n.value.type === 'Func' && n.target.type === 'Ident' && !n.value.name ? js.makeClosure(n.value, env, n.target.name) : yield* evalExpr(js, n.value, env);
        if (n.target.type === 'Ident') yield* writeVar(js, env, n.target, v, n.opCol);
        else yield* bindPattern(js, n.target, v, env, 'assign');
        return v;
      }
      const cur = yield* evalExpr(js, n.target, env);
      const op = n.op.slice(0, -1);
      if (op === '&&' || op === '||' || op === '??') {
        const keep = op === '&&' ? !toBool(cur) : op === '||' ? toBool(cur) : cur !== undefined && cur !== null;
        if (keep) return cur;
        const v = yield* evalExpr(js, n.value, env);
        yield* assignTo(js, n.target, v, env, n.opCol);
        return v;
      }
      const v = binary(js, { op, line: n.line, col: n.col, right: n.value, opCol: n.opCol }, cur, yield* evalExpr(js, n.value, env));
      yield* assignTo(js, n.target, v, env, n.opCol);
      return v;
    }
    case 'Member': {
      if (n.obj.type === 'Ident' && n.obj.name === 'super') return yield* js.get(superProto(js, env), n.prop as string);
      const m = yield* member(js, n, env);
      if (!m) return undefined;
      js.at(n.line, n.propCol);
      return yield* js.get(m.obj, m.key);
    }
    case 'Call': return yield* call(js, n, env);
    case 'New': {
      const fn = yield* evalExpr(js, n.callee, env);
      const args = yield* evalArgs(js, n.args, env);
      js.at(n.line, n.col);
      return yield* js.construct(fn, args, describe(js, n.callee));
    }
    case 'Seq': { let v: JsVal; for (const e of n.exprs) v = yield* evalExpr(js, e, env); return v; }
    case 'Await': {
      const v = yield* evalExpr(js, n.arg, env);
      // The async function's driver (promise.ts) takes this marker, and resumes here with the result.
      return (yield ({ k: 'await', value: v } as unknown as Block)) as JsVal;
    }
    default: return js.throwError('SyntaxError', `Unexpected ${n.type}`, n.line, n.col);
  }
}

function* assignTo(js: Js, target: Node, v: JsVal, env: Env, opCol: number): G<void> {
  if (target.type === 'Ident') yield* writeVar(js, env, target, v, opCol);
  else yield* bindPattern(js, target, v, env, 'assign');
}

export function* evalArgs(js: Js, args: Node[], env: Env): G<JsVal[]> {
  const out: JsVal[] = [];
  for (const a of args) {
    if (a.type === 'Spread') out.push(...yield* iterateAll(js, yield* evalExpr(js, a.arg, env), a.arg));
    else out.push(yield* evalExpr(js, a, env));
  }
  return out;
}

function superProto(js: Js, env: Env): JsObj {
  const home = lookup(js, env, '%home')?.value;
  const p = isObj(home) ? home.proto : null;
  return p ?? js.realm.ObjectProto;
}

function* call(js: Js, n: NodeOf<'Call'>, env: Env): G<JsVal> {
  let fn: JsVal;
  let self: JsVal;
  let col = n.col;
  if (n.callee.type === 'Ident' && n.callee.name === 'super') {
    const ctor = lookup(js, env, '%base')?.value;
    const args = yield* evalArgs(js, n.args, env);
    js.at(n.line, n.col);
    const thisV = lookup(js, env, 'this')?.value;
    if (!isCallable(ctor)) return undefined;
    const made = yield* js.call(ctor, thisV, args, ctor);
    // A built-in base (Error) makes its own object: its state moves onto `this`.
    if (isObj(made) && isObj(thisV) && made !== thisV) {
      for (const [k, x] of made.props) thisV.props.set(k, x);
      if (made.hidden) thisV.hidden = new Set(made.hidden);
    }
    return undefined;
  }
  if (n.callee.type === 'Member') {
    const c = n.callee;
    if (c.obj.type === 'Ident' && c.obj.name === 'super') {
      self = lookup(js, env, 'this')?.value;
      fn = yield* js.get(superProto(js, env), c.prop as string);
    } else {
      const m = yield* member(js, c, env);
      if (!m) return undefined;
      self = m.obj;
      js.at(c.line, c.propCol);
      fn = yield* js.get(m.obj, m.key);
    }
    col = c.propCol;
  } else {
    fn = yield* evalExpr(js, n.callee, env);
    self = undefined;
  }
  if ((fn === undefined || fn === null) && n.optional) return undefined;
  const args = yield* evalArgs(js, n.args, env);
  js.at(n.line, col);
  if (!isCallable(fn)) {
    const what = describe(js, n.callee);
    return js.throwError('TypeError', `${what} is not a function`, n.line, col);
  }
  return yield* js.call(fn, self, args);
}

function* unary(js: Js, n: NodeOf<'Unary'>, env: Env): G<JsVal> {
  if (n.op === 'typeof') {
    if (n.arg.type === 'Ident' && !lookup(js, env, n.arg.name) && !js.realm.global.props.has(n.arg.name)) return 'undefined';
    return typeOf(yield* evalExpr(js, n.arg, env));
  }
  if (n.op === 'delete') {
    if (n.arg.type !== 'Member') return true;
    const m = yield* member(js, n.arg, env);
    if (m && isObj(m.obj)) {
      if (m.obj.arr && /^\d+$/.test(m.key)) m.obj.arr[Number(m.key)] = undefined;
      else m.obj.props.delete(m.key);
    }
    return true;
  }
  const v = yield* evalExpr(js, n.arg, env);
  switch (n.op) {
    case '!': return !toBool(v);
    case '-': return -toNumber(js, v);
    case '+': return toNumber(js, v);
    case '~': return ~toNumber(js, v);
    case 'void': return undefined;
  }
  return undefined;
}

function binary(js: Js, n: { op: string; line: number; col: number; right: Node; opCol: number }, a: JsVal, b: JsVal): JsVal {
  switch (n.op) {
    case '+': {
      const pa = toPrimitive(js, a, 'default');
      const pb = toPrimitive(js, b, 'default');
      if (typeof pa === 'string' || typeof pb === 'string') return js.toStr(pa) + js.toStr(pb);
      return toNumber(js, pa) + toNumber(js, pb);
    }
    case '-': return toNumber(js, a) - toNumber(js, b);
    case '*': return toNumber(js, a) * toNumber(js, b);
    case '/': return toNumber(js, a) / toNumber(js, b);
    case '%': return toNumber(js, a) % toNumber(js, b);
    case '**': return toNumber(js, a) ** toNumber(js, b);
    case '==': return looseEq(js, a, b);
    case '!=': return !looseEq(js, a, b);
    case '===': return strictEq(a, b);
    case '!==': return !strictEq(a, b);
    case '<': case '>': case '<=': case '>=': {
      const pa = toPrimitive(js, a, 'number');
      const pb = toPrimitive(js, b, 'number');
      if (typeof pa === 'string' && typeof pb === 'string') return n.op === '<' ? pa < pb : n.op === '>' ? pa > pb : n.op === '<=' ? pa <= pb : pa >= pb;
      const x = toNumber(js, pa);
      const y = toNumber(js, pb);
      return n.op === '<' ? x < y : n.op === '>' ? x > y : n.op === '<=' ? x <= y : x >= y;
    }
    case '&': return toNumber(js, a) & toNumber(js, b);
    case '|': return toNumber(js, a) | toNumber(js, b);
    case '^': return toNumber(js, a) ^ toNumber(js, b);
    case '<<': return toNumber(js, a) << toNumber(js, b);
    case '>>': return toNumber(js, a) >> toNumber(js, b);
    case '>>>': return toNumber(js, a) >>> toNumber(js, b);
    case 'in': {
      if (!isObj(b)) return js.throwError('TypeError', `Cannot use 'in' operator to search for '${js.toStr(a)}' in ${js.toStr(b)}`, n.line, n.opCol);
      const k = js.key(a);
      for (let o: JsObj | null = b; o; o = o.proto) if (o.props.has(k) || (o.arr && (k === 'length' || Number(k) < o.arr.length))) return true;
      return false;
    }
    case 'instanceof': {
      if (!isCallable(b)) return js.throwError('TypeError', "Right-hand side of 'instanceof' is not callable", n.line, n.opCol);
      const proto = b.props.get('prototype');
      for (let o = isObj(a) ? a.proto : null; o; o = o.proto) if (o === proto) return true;
      return false;
    }
  }
  throw new JsThrow(js.makeError('SyntaxError', `Unexpected token '${n.op}'`));
}
