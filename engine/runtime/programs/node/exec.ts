/**
 * Statements of the JavaScript subset: declarations with hoisting (function declarations and `var`
 * to the function, `let`/`const` to the block with a temporal dead zone), loops with labels,
 * switch, try/catch/finally, throw. A statement costs one step of the container's budget.
 */
import type { Node } from './ast';
import type { Js } from './interp';
import { JsSyntaxError } from './lexer';
import { bindPattern, evalExpr, iterateAll, lookup } from './evalExpr';
import { JsThrow, isObj, orderedKeys, toBool, type Env, type G, type JsVal } from './values';

export type Completion = { type: 'return'; value: JsVal } | { type: 'break' | 'continue'; label: string | null } | null;

/** Function declarations and `var` names of a body, hoisted to its top (let/const: uninitialised). */
export function hoist(js: Js, body: Node[], env: Env): void {
  const vars = (n: Node | null): void => {
    if (!n) return;
    switch (n.type) {
      case 'Var':
        if (n.kind === 'var') for (const d of n.decls) names(d.id).forEach((x) => { if (!env.vars.has(x)) env.vars.set(x, { value: undefined, kind: 'var', init: true }); });
        return;
      case 'If': vars(n.then); vars(n.else); return;
      case 'For': vars(n.init); vars(n.body); return;
      case 'ForOf': case 'ForIn': if (n.decl === 'var') names(n.target).forEach((x) => env.vars.set(x, { value: undefined, kind: 'var', init: true })); vars(n.body); return;
      case 'While': case 'DoWhile': case 'Labeled': vars(n.body); return;
      case 'Block': n.body.forEach(vars); return;
      case 'Try': n.block.forEach(vars); n.handler?.forEach(vars); n.finalizer?.forEach(vars); return;
      case 'Switch': n.cases.forEach((c) => c.body.forEach(vars)); return;
    }
  };
  body.forEach(vars);
  declareBlock(js, body, env);
}

/** let/const/class of a block (in their dead zone) and its function declarations (initialised). */
function declareBlock(js: Js, body: Node[], env: Env): void {
  for (const n of body) {
    if (n.type === 'Var' && n.kind !== 'var') for (const d of n.decls) for (const x of names(d.id)) {
      if (env.vars.has(x) && env.vars.get(x)!.kind !== 'param') throw new JsSyntaxError(`Identifier '${x}' has already been declared`, d.id.line, d.id.col);
      env.vars.set(x, { value: undefined, kind: n.kind, init: false });
    }
    if (n.type === 'ClassDecl') env.vars.set(n.cls.name, { value: undefined, kind: 'let', init: false });
  }
  for (const n of body) if (n.type === 'FuncDecl') env.vars.set(n.fn.name, { value: js.makeClosure(n.fn, env), kind: 'var', init: true });
}

function names(p: Node): string[] {
  switch (p.type) {
    case 'Ident': return [p.name];
    case 'ArrPat': return p.elems.flatMap((e) => (e ? names(e) : []));
    case 'ObjPat': return [...p.props.flatMap((x) => names(x.value)), ...(p.rest ? names(p.rest) : [])];
    case 'Default': return names(p.target);
    case 'Rest': return names(p.arg);
    default: return [];
  }
}

export function* execBlock(js: Js, body: Node[], env: Env, scoped = true): G<Completion> {
  let scope = env;
  if (scoped) {
    scope = { vars: new Map(), parent: env, fn: false };
    declareBlock(js, body, scope);
  }
  for (const s of body) {
    const r = yield* exec(js, s, scope);
    if (r) return r;
  }
  return null;
}

function loopDone(r: Completion, label: string | null): 'break' | 'continue' | 'exit' | null {
  if (!r) return null;
  if (r.type === 'return') return 'exit';
  if (r.label !== null && r.label !== label) return 'exit';
  return r.type;
}

export function* exec(js: Js, n: Node, env: Env, label: string | null = null): G<Completion> {
  yield* js.tick();
  js.at(n.line, n.col);
  switch (n.type) {
    case 'ExprStmt': yield* evalExpr(js, n.expr, env); return null;
    case 'Var':
      for (const d of n.decls) {
        const v = d.init ? (d.init.type === 'Func' && d.id.type === 'Ident' && !d.init.name ? js.makeClosure(d.init, env, d.id.name)
          : d.init.type === 'Class' && d.id.type === 'Ident' && !d.init.name ? yield* evalExpr(js, { ...d.init, name: d.id.name }, env) : yield* evalExpr(js, d.init, env)) : undefined;
        if (n.kind === 'var' && !d.init) continue;
        yield* bindPattern(js, d.id, v, env, n.kind);
      }
      return null;
    case 'FuncDecl': case 'Empty': return null;
    case 'ClassDecl': {
      const cls = yield* evalExpr(js, n.cls, env);
      const b = lookup(js, env, n.cls.name);
      if (b) { b.value = cls; b.init = true; }
      return null;
    }
    case 'Return': return { type: 'return', value: n.value ? yield* evalExpr(js, n.value, env) : undefined };
    case 'If':
      if (toBool(yield* evalExpr(js, n.test, env))) return yield* exec(js, n.then, env);
      return n.else ? yield* exec(js, n.else, env) : null;
    case 'Block': return yield* execBlock(js, n.body, env);
    case 'Labeled': {
      const r = yield* exec(js, n.body, env, n.label);
      return r && r.type === 'break' && r.label === n.label ? null : r;
    }
    case 'While':
      while (toBool(yield* evalExpr(js, n.test, env))) {
        const r = yield* exec(js, n.body, env);
        const d = loopDone(r, label);
        if (d === 'break') break;
        if (d === 'exit') return r;
        yield* js.tick();
      }
      return null;
    case 'DoWhile':
      do {
        const r = yield* exec(js, n.body, env);
        const d = loopDone(r, label);
        if (d === 'break') break;
        if (d === 'exit') return r;
      } while (toBool(yield* evalExpr(js, n.test, env)));
      return null;
    case 'For': {
      let scope: Env = { vars: new Map(), parent: env, fn: false };
      if (n.init) {
        if (n.init.type === 'Var') { if (n.init.kind !== 'var') declareBlock(js, [n.init], scope); yield* exec(js, n.init, scope); } else yield* evalExpr(js, n.init, scope);
      }
      for (;;) {
        if (n.test && !toBool(yield* evalExpr(js, n.test, scope))) break;
        const r = yield* exec(js, n.body, scope);
        const d = loopDone(r, label);
        if (d === 'break') break;
        if (d === 'exit') return r;
        // Each iteration gets a fresh copy of the loop's let bindings (closures capture per iteration).
        scope = { vars: new Map([...scope.vars].map(([k, b]) => [k, { ...b }])), parent: env, fn: false };
        if (n.update) yield* evalExpr(js, n.update, scope);
        yield* js.tick();
      }
      return null;
    }
    case 'ForOf': case 'ForIn': {
      const src = yield* evalExpr(js, n.iter, env);
      let items: JsVal[];
      if (n.type === 'ForOf') items = yield* iterateAll(js, src, n.iter);
      else items = isObj(src) ? [...(src.arr ? src.arr.map((_, i) => String(i)) : []), ...orderedKeys(src.props.keys()).filter((k) => !src.hidden?.has(k))] : typeof src === 'string' ? [...src].map((_, i) => String(i)) : [];
      for (const v of items) {
        const scope: Env = { vars: new Map(), parent: env, fn: false };
        yield* bindPattern(js, n.target, v, scope, n.decl === null ? 'assign' : n.decl);
        const r = yield* exec(js, n.body, scope);
        const d = loopDone(r, label);
        if (d === 'break') break;
        if (d === 'exit') return r;
      }
      return null;
    }
    case 'Break': case 'Continue': return { type: n.type === 'Break' ? 'break' : 'continue', label: n.label };
    case 'Throw': {
      const v = yield* evalExpr(js, n.value, env);
      js.at(n.line, n.col);
      js.site = { file: js.frame.file, line: n.line, col: n.col };
      throw new JsThrow(v);
    }
    case 'Try': return yield* tryStmt(js, n, env);
    case 'Switch': {
      const d = yield* evalExpr(js, n.disc, env);
      const scope: Env = { vars: new Map(), parent: env, fn: false };
      declareBlock(js, n.cases.flatMap((c) => c.body), scope);
      let matched = -1;
      for (let i = 0; i < n.cases.length && matched < 0; i++) {
        const t = n.cases[i].test;
        if (t && (yield* evalExpr(js, t, scope)) === d) matched = i;
      }
      if (matched < 0) matched = n.cases.findIndex((c) => c.test === null);
      if (matched < 0) return null;
      for (const c of n.cases.slice(matched)) {
        for (const s of c.body) {
          const r = yield* exec(js, s, scope);
          if (r) return r.type === 'break' && r.label === null ? null : r;
        }
      }
      return null;
    }
  }
  return null;
}

/** try/catch/finally. Only JS exceptions run the finally block: process.exit() and budget stops end the process. */
function* tryStmt(js: Js, n: Extract<Node, { type: 'Try' }>, env: Env): G<Completion> {
  let result: Completion = null;
  let pending: JsThrow | null = null;
  try {
    result = yield* execBlock(js, n.block, env);
  } catch (e) {
    if (!(e instanceof JsThrow)) throw e;
    pending = e;
  }
  if (pending && n.handler) {
    const scope: Env = { vars: new Map(), parent: env, fn: false };
    const thrown = pending.value;
    pending = null;
    try {
      if (n.param) yield* bindPattern(js, n.param, thrown, scope, 'let');
      result = yield* execBlock(js, n.handler, scope);
    } catch (e) {
      if (!(e instanceof JsThrow)) throw e;
      pending = e;
    }
  }
  if (n.finalizer) {
    const f = yield* execBlock(js, n.finalizer, env);
    if (f) return f;
  }
  if (pending) throw pending;
  return result;
}
