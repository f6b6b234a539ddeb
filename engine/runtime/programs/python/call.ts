/* eslint-disable require-yield -- native functions share the generator signature of Python calls; many never block. */
/**
 * Calling and iterating: functions with CPython's argument binding and its TypeError messages,
 * classes (instances, exceptions, built-in types), bound methods; the iteration protocol over the
 * subset's containers.
 */
import type { Expr, Param, Stmt } from './ast';
import { findClassAttr, type Interp } from './interp';
import { evalExpr } from './expr';
import {
  PyExc, STOP, builtinClass, isSubclass, newExc, raise, rangeLen, typeName,
  type G, type Kwargs, type PyClass, type PyFunc, type PyInst, type PyVal, type Scope,
} from './values';

/** The names a function body binds (its locals), minus those declared global or nonlocal. */
function scan(body: Stmt[], params: Param[]): { locals: Set<string>; globals: Set<string>; nonlocals: Set<string> } {
  const locals = new Set(params.map((p) => p.name));
  const globals = new Set<string>();
  const nonlocals = new Set<string>();
  const target = (t: Expr): void => {
    if (t.type === 'Name') locals.add(t.id);
    else if (t.type === 'Tuple' || t.type === 'List') t.items.forEach(target);
    else if (t.type === 'Starred') target(t.value);
  };
  const walrus = (e: Expr | null): void => {
    if (e && e.type === 'Walrus') locals.add(e.target);
  };
  const walk = (stmts: Stmt[]): void => {
    for (const s of stmts) {
      switch (s.type) {
        case 'Assign': s.targets.forEach(target); break;
        case 'AugAssign': case 'AnnAssign': target(s.target); break;
        case 'For': target(s.target); walk(s.body); walk(s.orelse); break;
        case 'While': walrus(s.test); walk(s.body); walk(s.orelse); break;
        case 'If': walrus(s.test); walk(s.body); walk(s.orelse); break;
        case 'Def': case 'Class': locals.add(s.name); break;
        case 'Import': for (const n of s.names) locals.add(n.as ?? n.name.split('.')[0]); break;
        case 'ImportFrom': for (const n of s.names) locals.add(n.as ?? n.name); break;
        case 'Try': walk(s.body); for (const h of s.handlers) { if (h.name) locals.add(h.name); walk(h.body); } walk(s.orelse); walk(s.final); break;
        case 'With': for (const it of s.items) if (it.as) target(it.as); walk(s.body); break;
        case 'Global': s.names.forEach((n) => globals.add(n)); break;
        case 'Nonlocal': s.names.forEach((n) => nonlocals.add(n)); break;
        case 'Del': s.targets.forEach(target); break;
        case 'Expr': walrus(s.value); break;
      }
    }
  };
  walk(body);
  for (const g of globals) locals.delete(g);
  for (const n of nonlocals) locals.delete(n);
  return { locals, globals, nonlocals };
}

export function makeFunction(ip: Interp, name: string, params: Param[], body: Stmt[] | Expr, scope: Scope, defaults: (PyVal | undefined)[]): PyFunc {
  const inClass = scope.className !== undefined;
  const closure = inClass ? scope.parent : scope.locals ? scope : null;
  const { locals, globals, nonlocals } = Array.isArray(body) ? scan(body, params) : { locals: new Set(params.map((p) => p.name)), globals: new Set<string>(), nonlocals: new Set<string>() };
  const qualname = inClass ? `${scope.className}.${name}` : closure ? `${ip.frame.func?.qualname ?? ip.frame.name}.<locals>.${name}` : name;
  return { kind: 'func', name, qualname, params, defaults, body, closure, globals: scope.globals, locals, globalNames: globals, nonlocalNames: nonlocals, file: ip.frame.file };
}

const qual = (f: PyFunc): string => f.qualname;

/** Binds call arguments to parameters (Python/ceval.c's messages). */
function bind(f: PyFunc, args: PyVal[], kw: Kwargs, vars: Map<string, PyVal>): void {
  const ps = f.params;
  const starIdx = ps.findIndex((p) => p.star === '*');
  const firstStar = ps.findIndex((p) => p.star !== '');
  const nPos = firstStar < 0 ? ps.length : firstStar;
  const varargs = ps.find((p) => p.star === '*' && p.name);
  const varkw = ps.find((p) => p.star === '**');
  if (args.length > nPos && !varargs) {
    const required = ps.slice(0, nPos).filter((p, i) => p.def === null && f.defaults[i] === undefined).length;
    const takes = required === nPos ? `${nPos}` : `from ${required} to ${nPos}`;
    raise('TypeError', `${qual(f)}() takes ${takes} positional argument${nPos === 1 && required === nPos ? '' : 's'} but ${args.length} ${args.length === 1 ? 'was' : 'were'} given`);
  }
  for (let i = 0; i < Math.min(args.length, nPos); i++) vars.set(ps[i].name, args[i]);
  if (varargs) vars.set(varargs.name, { kind: 'tuple', items: args.slice(nPos) });
  const extra = new Map<string, PyVal>();
  for (const [k, v] of kw) {
    const p = ps.find((q) => q.name === k && q.star === '');
    if (!p) {
      if (!varkw) raise('TypeError', `${qual(f)}() got an unexpected keyword argument '${k}'`);
      extra.set(k, v);
      continue;
    }
    if (vars.has(k)) raise('TypeError', `${qual(f)}() got multiple values for argument '${k}'`);
    vars.set(k, v);
  }
  if (varkw) {
    const d: PyVal = { kind: 'dict', map: new Map() };
    for (const [k, v] of extra) d.map.set('s' + k, [k, v]);
    vars.set(varkw.name, d);
  }
  const missing: string[] = [];
  const missingKw: string[] = [];
  ps.forEach((p, i) => {
    if (p.star !== '' || vars.has(p.name)) return;
    const dv = f.defaults[i];
    if (dv !== undefined) vars.set(p.name, dv);
    else (starIdx >= 0 && i > starIdx ? missingKw : missing).push(p.name);
  });
  const report = (names: string[], what: string) => {
    const quoted = names.map((n) => `'${n}'`);
    const list = quoted.length === 1 ? quoted[0] : quoted.length === 2 ? quoted.join(' and ') : `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
    raise('TypeError', `${qual(f)}() missing ${names.length} required ${what} argument${names.length === 1 ? '' : 's'}: ${list}`);
  };
  if (missing.length) report(missing, 'positional');
  if (missingKw.length) report(missingKw, 'keyword-only');
}

/** Calls a Python function in a new frame. */
function* callFunction(ip: Interp, f: PyFunc, args: PyVal[], kw: Kwargs): G<PyVal> {
  const vars = new Map<string, PyVal>();
  bind(f, args, kw, vars);
  if (ip.frames.length >= 1000) raise('RecursionError', 'maximum recursion depth exceeded');
  const scope: Scope = { vars, parent: f.closure, globals: f.globals, locals: f.locals, globalNames: f.globalNames, nonlocalNames: f.nonlocalNames };
  ip.frames.push({ file: f.file, name: f.name, line: 0, node: null, stmt: null, func: f, self: args[0] });
  try {
    if (!Array.isArray(f.body)) {
      ip.frame.line = f.body.line;
      return yield* evalExpr(ip, f.body, scope);
    }
    const r = yield* ip.execBlock(f.body, scope);
    return r !== undefined && typeof r === 'object' ? r.ret : null;
  } catch (e) {
    // The host's stack ran out before CPython's recursion limit: the same RecursionError, catchable.
    // A string or list past what JS can hold ("Invalid string length") is memory, not recursion: it goes on to
    // the kernel (OOM or budget). Tested by its first letter: with the stack exhausted, even a regex overflows.
    const err = e instanceof RangeError && e.message.charCodeAt(0) !== 73
      ? new PyExc(newExc('RecursionError', 'maximum recursion depth exceeded')) : e;
    if (err instanceof PyExc) ip.capture(err);
    throw err;
  } finally {
    ip.frames.pop();
  }
}

export function* callValue(ip: Interp, fn: PyVal, args: PyVal[], kw: Kwargs): G<PyVal> {
  if (fn !== null && typeof fn === 'object') {
    switch (fn.kind) {
      case 'builtin':
        try {
          return yield* fn.fn(args, kw);
        } catch (e) {
          // A native called with arguments it cannot use (too few, wrong types) must not crash the container.
          if (e instanceof TypeError) raise('TypeError', `${fn.name}() got arguments it cannot take (the playground does not reproduce CPython's exact message here)`);
          throw e;
        }
      case 'func': return yield* callFunction(ip, fn, args, kw);
      case 'method': return yield* callFunction(ip, fn.fn, [fn.self, ...args], kw);
      case 'class': return yield* instantiate(ip, fn, args, kw);
    }
  }
  return raise('TypeError', `'${typeName(fn)}' object is not callable`);
}

function* instantiate(ip: Interp, cls: PyClass, args: PyVal[], kw: Kwargs): G<PyVal> {
  for (let c: PyClass | undefined = cls; c; c = c.bases[0]) if (c.make) return yield* c.make(args, kw);
  const inst: PyInst = { kind: 'inst', cls, attrs: new Map(), args: isSubclass(cls, builtinClass('BaseException')) ? args : [] };
  const init = findClassAttr(cls, '__init__');
  if (init !== undefined) {
    yield* callValue(ip, init, [inst, ...args], kw);
  } else if (!isSubclass(cls, builtinClass('BaseException')) && (args.length || kw.size)) {
    raise('TypeError', `${cls.name}() takes no arguments`);
  } else if (kw.size) {
    raise('TypeError', `${cls.name}() takes no keyword arguments`);
  }
  return inst;
}

/** A Python iterator as a generator-returning function: the next value, or undefined when exhausted. */
export type Next = () => G<PyVal | undefined>;

export function* iterate(ip: Interp, v: PyVal): G<Next> {
  const sync = (next: () => PyVal | undefined): Next => function* () { return next(); };
  if (typeof v === 'string') { const cs = [...v]; let i = 0; return sync(() => (i < cs.length ? cs[i++] : undefined)); }
  if (v !== null && typeof v === 'object') {
    switch (v.kind) {
      case 'list': case 'tuple': { let i = 0; const items = v.items; return sync(() => (i < items.length ? items[i++] : undefined)); }
      case 'dict': { const ks = [...v.map.values()].map(([k]) => k); let i = 0; const size = v.map.size;
        return sync(() => { if (v.map.size !== size) raise('RuntimeError', 'dictionary changed size during iteration'); return i < ks.length ? ks[i++] : undefined; }); }
      case 'set': { const ks = [...v.map.values()]; let i = 0; return sync(() => (i < ks.length ? ks[i++] : undefined)); }
      case 'range': { let cur = v.start; let n = rangeLen(v); const step = v.step; return sync(() => { if (n <= 0n) return undefined; n--; const r = cur; cur += step; return r; }); }
      case 'bytes': { let i = 0; return sync(() => (i < v.data.length ? BigInt(v.data.charCodeAt(i++)) : undefined)); }
      case 'iter': return sync(() => { const r = v.next(); return r === STOP ? undefined : r; });
      case 'inst': {
        // Native objects (files) carry bound methods of their own; Python classes define them.
        const own = v.attrs.get('__iter__');
        const it = own ?? findClassAttr(v.cls, '__iter__');
        if (it !== undefined) {
          const iter = (yield* callValue(ip, it, own ? [] : [v], new Map())) as PyInst;
          const ownNext = iter.attrs.get('__next__');
          const nx = ownNext ?? findClassAttr(iter.cls, '__next__');
          if (nx === undefined) raise('TypeError', `iter() returned non-iterator of type '${typeName(iter)}'`);
          return function* () {
            try {
              const r = yield* callValue(ip, nx, ownNext ? [] : [iter], new Map());
              return r === (STOP as unknown) ? undefined : r;
            } catch (e) {
              if (e instanceof PyExc && e.exc.cls.name === 'StopIteration') return undefined;
              throw e;
            }
          };
        }
      }
    }
  }
  return raise('TypeError', `'${typeName(v)}' object is not iterable`);
}

/** All items of an iterable (each one charged to the step budget). */
export function* collect(ip: Interp, v: PyVal): G<PyVal[]> {
  if (v !== null && typeof v === 'object' && (v.kind === 'list' || v.kind === 'tuple')) return [...v.items];
  const next = yield* iterate(ip, v);
  const out: PyVal[] = [];
  for (;;) {
    const x = yield* next();
    if (x === undefined) return out;
    if ((out.length & 255) === 255) yield* ip.tick();
    out.push(x);
  }
}
