/**
 * Classes (ECMA-262 §15.7): a constructor function whose prototype holds the methods, static methods
 * on the constructor, `extends` chaining both, and the default constructor `constructor(...args) {
 * super(...args); }` a class without one gets.
 */
import type { NodeOf } from './ast';
import { evalExpr } from './evalExpr';
import type { Js } from './interp';
import { isCallable, isObj, type Env, type G, type JsObj } from './values';

/** The synthesized constructor (no source text: V8 shows no stack frame for it). */
function defaultConstructor(n: NodeOf<'Class'>, derived: boolean): NodeOf<'Func'> {
  const at = { line: n.line, col: n.col, end: n.end };
  const args: NodeOf<'Ident'> = { type: 'Ident', name: 'args', ...at };
  const superCall: NodeOf<'Call'> = { type: 'Call', callee: { type: 'Ident', name: 'super', ...at }, args: [{ type: 'Spread', arg: args, ...at }], optional: false, src: 'super', ...at };
  return { type: 'Func', name: n.name, params: [{ type: 'Rest', arg: args, ...at }], body: derived ? [{ type: 'ExprStmt', expr: superCall, ...at }] : [], arrow: false, isAsync: false, src: '', ...at };
}

export /** `class X extends Y { … }`: a constructor function whose prototype holds the methods. */
function* makeClass(js: Js, n: NodeOf<'Class'>, env: Env): G<JsObj> {
  const base = n.base ? yield* evalExpr(js, n.base, env) : null;
  if (n.base && !isCallable(base)) js.throwError('TypeError', `Class extends value ${js.toStr(base)} is not a constructor or null`, n.line, n.col);
  const ctorM = n.methods.find((m) => m.name === 'constructor' && !m.isStatic);
  const classEnv: Env = { vars: new Map(), parent: env, fn: false };
  const proto = js.newObject(isObj(base) ? (base.props.get('prototype') as JsObj) : js.realm.ObjectProto);
  classEnv.vars.set('%home', { value: proto, kind: 'const', init: true });
  classEnv.vars.set('%base', { value: base, kind: 'const', init: true });
  const ctorNode: NodeOf<'Func'> = ctorM ? ctorM.fn as NodeOf<'Func'> : defaultConstructor(n, base !== null);
  const ctor = js.makeClosure(ctorNode, classEnv, n.name);
  ctor.isClass = true;
  ctor.props.set('prototype', proto);
  if (isObj(base)) ctor.proto = base;
  proto.props.set('constructor', ctor);
  proto.hidden = new Set(['constructor']);
  for (const m of n.methods) {
    if (m === ctorM) continue;
    const f = js.makeClosure(m.fn as NodeOf<'Func'>, classEnv, m.name);
    if (m.isStatic) ctor.props.set(m.name, f);
    else { proto.props.set(m.name, f); proto.hidden.add(m.name); }
  }
  return ctor;
}
