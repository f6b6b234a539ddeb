/**
 * The Python evaluator's state and statements: frames (for tracebacks), scopes with CPython's rules
 * (a name assigned in a function is local throughout it; `global`/`nonlocal`), and the statements of
 * the subset. Every statement costs one step of the container's budget, like a shell command, and
 * gives other processes a time slice; signals are looked at between statements (SIGINT raises
 * KeyboardInterrupt as CPython's handler does).
 */
import type { Expr, Stmt, StmtOf } from './ast';
import { FLUSH, SIGNALS, YIELD } from '../../shell/kernel';
import type { Ctx } from '../../shell/sys';
import { errRaw } from '../lib';
import { evalExpr, assign, deleteTarget } from './expr';
import { callValue, iterate } from './call';
import { truthy, raise, PyExc, newExc, isSubclass, builtinClass, type G, type PyVal, type PyInst, type Scope, type PyClass, type TbEntry, type PyFunc, type PyModule } from './values';
import { importModule } from './modules';
import { getAttr } from './attrs';
import { binop, type InstHook } from './ops';
import { makeFunction } from './call';
import { BUILTIN_NAMES, suggest } from './suggest';

export interface Frame { file: string; name: string; line: number; node: Expr | Stmt | null; stmt: Stmt | null; func: PyFunc | null; self: PyVal | undefined }

/** Control flow out of a statement. */
export type Flow = undefined | 'break' | 'continue' | { ret: PyVal };

/** Output written by the program: stdout is block-buffered unless -u, PYTHONUNBUFFERED or a flush. */
export interface PyIO {
  write(stream: 1 | 2, s: string): G<void>;
  flush(): G<void>;
  /** Block in virtual time (time.sleep). */
  sleep(ms: number): G<void>;
  /** One line of stdin with its newline; null at EOF. */
  readLine(): G<string | null>;
}

export class Interp {
  readonly frames: Frame[] = [];
  /** Exceptions being handled (innermost last): the implicit __context__ of a new one. */
  readonly handling: PyInst[] = [];
  readonly modules = new Map<string, PyModule>();
  readonly sources = new Map<string, string>();
  readonly builtins: Map<string, PyVal>;
  readonly hook: InstHook;
  private readonly warned = new Set<string>();

  /** A warning on stderr, once per text (the warnings module's default "once per location"). */
  warnOnce(text: string): void {
    if (this.warned.has(text)) return;
    this.warned.add(text);
    errRaw(this.ctx, text);
  }

  /** Flushes of files still open: run at exit, as the interpreter's finalisation does. */
  readonly openFiles = new Set<() => void>();
  /** socket/urllib exception classes, shared by the modules of this interpreter. */
  netClasses: { gaierror: PyClass; urlError: PyClass; httpError: PyClass } | null = null;

  constructor(readonly ctx: Ctx, readonly argv: string[], readonly io: PyIO, builtins: (ip: Interp) => Map<string, PyVal>, readonly version: string) {
    this.builtins = builtins(this);
    this.hook = (inst, dunder, args) => {
      const m = findClassAttr(inst.cls, dunder);
      if (!m || typeof m !== 'object' || (m.kind !== 'func' && m.kind !== 'builtin')) return undefined;
      return this.runSync(callValue(this, m, [inst, ...args], new Map()));
    };
  }

  get frame(): Frame { return this.frames[this.frames.length - 1]; }

  /** Runs a computation that must not block (a __repr__ hook); blocking is refused honestly. */
  runSync<T>(g: G<T>): T {
    for (;;) {
      const r = g.next();
      if (r.done) return r.value;
      if (r.value.k !== 'yield' && r.value.k !== 'flush') raise('RuntimeError', 'the playground does not model blocking inside __str__/__repr__/__eq__');
    }
  }

  /** Records where every active frame is, the first time an exception passes (CPython's traceback). */
  capture(e: PyExc): void {
    if (e.exc.tb) return;
    e.exc.tb = this.frames.map((f): TbEntry => ({ file: f.file, name: f.name, line: f.line, node: f.node, stmt: f.stmt }));
    if (e.exc.tbExtra) e.exc.tb.push(...e.exc.tbExtra);
    const ctx = this.handling[this.handling.length - 1];
    if (ctx && ctx !== e.exc && e.exc.context === undefined) e.exc.context = ctx;
  }

  /** One step of CPU: the step budget, a time slice for others, pending signals. */
  *tick(): G<void> {
    const k = this.ctx.k;
    k.charge();
    if (k.pending >= 1000) yield FLUSH;
    else if (k.runq.length && (++k.slice & 31) === 0) yield YIELD;
    yield* this.signals();
  }

  /** Python-level signal handlers (signal.signal), run between statements as CPython's eval loop does. */
  readonly handlers = new Map<string, PyVal>();

  *signals(): G<void> {
    const p = this.ctx.p;
    while (p.pending.length) {
      const sig = p.pending.shift()!;
      const h = this.handlers.get(sig);
      if (h !== undefined) yield* callValue(this, h, [BigInt(SIGNALS[sig] ?? 0), null], new Map());
      else if (sig === 'INT') throw new PyExc(newExc('KeyboardInterrupt'));
    }
  }

  *execBlock(body: Stmt[], scope: Scope): G<Flow> {
    for (const s of body) {
      const r = yield* this.exec(s, scope);
      if (r !== undefined) return r;
    }
    return undefined;
  }

  *exec(s: Stmt, scope: Scope): G<Flow> {
    yield* this.tick();
    const f = this.frame;
    f.line = s.line;
    f.node = s;
    f.stmt = s;
    try {
      return yield* this.execInner(s, scope);
    } catch (e) {
      if (e instanceof PyExc) this.capture(e);
      throw e;
    }
  }

  private *execInner(s: Stmt, scope: Scope): G<Flow> {
    switch (s.type) {
      case 'Expr': yield* evalExpr(this, s.value, scope); return undefined;
      case 'Assign': {
        const v = yield* evalExpr(this, s.value, scope);
        for (const t of s.targets) yield* assign(this, t, v, scope);
        return undefined;
      }
      case 'AugAssign': {
        const cur = yield* evalExpr(this, s.target, scope);
        const rhs = yield* evalExpr(this, s.value, scope);
        this.frame.node = s;
        const v = inPlace(s.op, cur, rhs);
        yield* assign(this, s.target, v, scope);
        return undefined;
      }
      case 'AnnAssign':
        if (s.value) yield* assign(this, s.target, yield* evalExpr(this, s.value, scope), scope);
        return undefined;
      case 'If':
        return truthy(yield* evalExpr(this, s.test, scope)) ? yield* this.execBlock(s.body, scope) : yield* this.execBlock(s.orelse, scope);
      case 'While':
        while (truthy(yield* evalExpr(this, s.test, scope))) {
          const r = yield* this.execBlock(s.body, scope);
          if (r === 'break') return undefined;
          if (r !== undefined && r !== 'continue') return r;
          yield* this.tick();
        }
        return yield* this.execBlock(s.orelse, scope);
      case 'For': {
        const it = yield* iterate(this, yield* evalExpr(this, s.iter, scope));
        for (;;) {
          const v = yield* it();
          if (v === undefined) break;
          yield* assign(this, s.target, v, scope);
          const r = yield* this.execBlock(s.body, scope);
          if (r === 'break') return undefined;
          if (r !== undefined && r !== 'continue') return r;
        }
        return yield* this.execBlock(s.orelse, scope);
      }
      case 'Break': return 'break';
      case 'Continue': return 'continue';
      case 'Pass': case 'Global': case 'Nonlocal': return undefined;
      case 'Return': return { ret: s.value ? yield* evalExpr(this, s.value, scope) : null };
      case 'Def': {
        let fn: PyVal = makeFunction(this, s.name, s.params, s.body, scope, yield* this.defaults(s.params, scope));
        for (const d of [...s.decorators].reverse()) fn = yield* callValue(this, yield* evalExpr(this, d, scope), [fn], new Map());
        setVar(scope, s.name, fn);
        return undefined;
      }
      case 'Class': return yield* this.classDef(s, scope);
      case 'Try': return yield* this.tryStmt(s, scope);
      case 'Raise': return yield* this.raiseStmt(s, scope);
      case 'Import':
        for (const n of s.names) {
          const mod = yield* importModule(this, n.name);
          if (n.as) setVar(scope, n.as, mod);
          else setVar(scope, n.name.split('.')[0], yield* importModule(this, n.name.split('.')[0]));
        }
        return undefined;
      case 'ImportFrom': {
        const mod = yield* importModule(this, s.module);
        for (const n of s.names) {
          if (n.name === '*') { for (const [k, v] of mod.attrs) if (!k.startsWith('_')) setVar(scope, k, v); continue; }
          let v = mod.attrs.get(n.name);
          if (v === undefined) {
            try { v = yield* importModule(this, `${s.module}.${n.name}`); } catch (e) {
              if (!(e instanceof PyExc) || e.exc.cls.name !== 'ModuleNotFoundError') throw e;
              raise('ImportError', `cannot import name '${n.name}' from '${s.module}' (unknown location)`);
            }
          }
          setVar(scope, n.as ?? n.name, v);
        }
        return undefined;
      }
      case 'With': return yield* this.withStmt(s, scope, 0);
      case 'Assert':
        if (!truthy(yield* evalExpr(this, s.test, scope))) {
          const exc = s.msg ? newExc('AssertionError', yield* evalExpr(this, s.msg, scope)) : newExc('AssertionError');
          this.frame.node = s.test;
          throw new PyExc(exc);
        }
        return undefined;
      case 'Del':
        for (const t of s.targets) yield* deleteTarget(this, t, scope);
        return undefined;
    }
  }

  *defaults(params: StmtOf<'Def'>['params'], scope: Scope): G<(PyVal | undefined)[]> {
    const out: (PyVal | undefined)[] = [];
    for (const p of params) out.push(p.def ? yield* evalExpr(this, p.def, scope) : undefined);
    return out;
  }

  private *classDef(s: StmtOf<'Class'>, scope: Scope): G<Flow> {
    const bases: PyClass[] = [];
    for (const b of s.bases) {
      const v = yield* evalExpr(this, b, scope);
      if (v === null || typeof v !== 'object' || v.kind !== 'class') raise('TypeError', 'bases must be types');
      bases.push(v);
    }
    const cls: PyClass = { kind: 'class', name: s.name, bases: bases.length ? bases : [builtinClass('object')], attrs: new Map(), module: '__main__' };
    const body: Scope = { vars: cls.attrs, parent: scope, globals: scope.globals, locals: null, globalNames: new Set(), className: s.name };
    yield* this.execBlock(s.body, body);
    for (const v of cls.attrs.values()) if (v !== null && typeof v === 'object' && v.kind === 'func') v.cls = cls;
    setVar(scope, s.name, cls);
    return undefined;
  }

  private *tryStmt(s: StmtOf<'Try'>, scope: Scope): G<Flow> {
    let flow: Flow;
    try {
      try {
        flow = yield* this.execBlock(s.body, scope);
      } catch (e) {
        if (!(e instanceof PyExc)) throw e;
        this.capture(e);
        for (const h of s.handlers) {
          if (h.types && !(yield* this.matches(e.exc, yield* evalExpr(this, h.types, scope)))) continue;
          if (h.name) setVar(scope, h.name, e.exc);
          this.handling.push(e.exc);
          try {
            return yield* this.execBlock(h.body, scope);
          } finally {
            this.handling.pop();
            if (h.name) scope.vars.delete(h.name);
          }
        }
        throw e;
      }
      if (flow === undefined) flow = yield* this.execBlock(s.orelse, scope);
      return flow;
    } finally {
      if (s.final.length) {
        const r = yield* this.execBlock(s.final, scope);
        // A return/break in finally swallows the exception, as in CPython.
        // eslint-disable-next-line no-unsafe-finally
        if (r !== undefined) return r;
      }
    }
  }

  *matches(exc: PyInst, spec: PyVal): G<boolean> {
    if (spec !== null && typeof spec === 'object' && spec.kind === 'tuple') {
      for (const x of spec.items) if (yield* this.matches(exc, x)) return true;
      return false;
    }
    if (spec === null || typeof spec !== 'object' || spec.kind !== 'class') raise('TypeError', 'catching classes that do not inherit from BaseException is not allowed');
    return isSubclass(exc.cls, spec);
  }

  private *raiseStmt(s: StmtOf<'Raise'>, scope: Scope): G<Flow> {
    if (!s.exc) {
      const cur = this.handling[this.handling.length - 1];
      if (!cur) raise('RuntimeError', 'No active exception to reraise');
      throw new PyExc(cur);
    }
    const exc = yield* this.instantiate(yield* evalExpr(this, s.exc, scope));
    if (s.cause) {
      const c = yield* evalExpr(this, s.cause, scope);
      exc.cause = c === null ? null : yield* this.instantiate(c);
      exc.suppress = true;
    }
    this.frame.node = s;
    throw new PyExc(exc);
  }

  /** `raise X` accepts a class (instantiated without arguments) or an instance. */
  *instantiate(v: PyVal): G<PyInst> {
    if (v !== null && typeof v === 'object' && v.kind === 'class' && isSubclass(v, builtinClass('BaseException'))) {
      return (yield* callValue(this, v, [], new Map())) as PyInst;
    }
    if (v !== null && typeof v === 'object' && v.kind === 'inst' && isSubclass(v.cls, builtinClass('BaseException'))) return v;
    return raise('TypeError', 'exceptions must derive from BaseException');
  }

  private *withStmt(s: StmtOf<'With'>, scope: Scope, i: number): G<Flow> {
    if (i >= s.items.length) return yield* this.execBlock(s.body, scope);
    const item = s.items[i];
    const mgr = yield* evalExpr(this, item.ctx, scope);
    const enter = yield* getAttr(this, mgr, '__enter__');
    const exit = yield* getAttr(this, mgr, '__exit__');
    const v = yield* callValue(this, enter, [], new Map());
    if (item.as) yield* assign(this, item.as, v, scope);
    let r: Flow;
    try {
      r = yield* this.withStmt(s, scope, i + 1);
    } catch (e) {
      if (!(e instanceof PyExc)) throw e;
      this.capture(e);
      const swallow = yield* callValue(this, exit, [e.exc.cls, e.exc, null], new Map());
      if (truthy(swallow)) return undefined;
      throw e;
    }
    yield* callValue(this, exit, [null, null, null], new Map());
    return r;
  }
}

function inPlace(op: string, cur: PyVal, rhs: PyVal): PyVal {
  // list += iterable extends in place (the same object), as list.__iadd__ does.
  if (op === '+' && cur !== null && typeof cur === 'object' && cur.kind === 'list' && rhs !== null && typeof rhs === 'object' && (rhs.kind === 'list' || rhs.kind === 'tuple')) {
    cur.items.push(...rhs.items);
    return cur;
  }
  return binopChecked(op, cur, rhs);
}

const binopChecked = (op: string, a: PyVal, b: PyVal): PyVal => {
  try {
    return binop(op, a, b);
  } catch (e) {
    if (e instanceof PyExc && e.exc.cls.name === 'TypeError' && String(e.exc.args[0]).startsWith('unsupported operand type(s) for ')) {
      e.exc.args[0] = String(e.exc.args[0]).replace(`for ${op}:`, `for ${op}=:`);
    }
    throw e;
  }
};

/** The attribute of a class or its bases (depth-first, as the MRO of single inheritance). */
export function findClassAttr(cls: PyClass, name: string): PyVal | undefined {
  const v = cls.attrs.get(name);
  if (v !== undefined) return v;
  for (const b of cls.bases) {
    const r = findClassAttr(b, name);
    if (r !== undefined) return r;
  }
  return undefined;
}

/** Binds a name in `scope` per its global/nonlocal declarations. */
export function setVar(scope: Scope, name: string, v: PyVal): void {
  if (scope.globalNames.has(name)) { scope.globals.set(name, v); return; }
  if (scope.nonlocalNames?.has(name)) {
    for (let p = scope.parent; p; p = p.parent) if (p.vars.has(name)) { p.vars.set(name, v); return; }
  }
  scope.vars.set(name, v);
}

/** Name lookup: local (UnboundLocalError if assigned later), enclosing functions, globals, builtins. */
export function lookup(ip: Interp, scope: Scope, name: string): PyVal {
  if (scope.locals?.has(name) && !scope.globalNames.has(name) && !scope.nonlocalNames?.has(name)) {
    const v = scope.vars.get(name);
    if (v === undefined) raise('UnboundLocalError', `cannot access local variable '${name}' where it is not associated with a value`);
    return v;
  }
  for (let s: Scope | null = scope; s; s = s.parent) {
    const v = s.vars.get(name);
    if (v !== undefined) return v;
  }
  const g = scope.globals.get(name);
  if (g !== undefined) return g;
  const b = ip.builtins.get(name);
  if (b !== undefined) return b;
  return raise('NameError', nameErrorMessage(scope, name));
}

/** Standard-library module names (sys.stdlib_module_names) a NameError may be a forgotten import of. */
const STDLIB = new Set(['sys', 'os', 'time', 'json', 'socket', 're', 'math', 'random', 'datetime', 'signal', 'subprocess', 'shutil',
  'logging', 'pathlib', 'urllib', 'http', 'collections', 'itertools', 'functools', 'typing', 'string', 'uuid', 'hashlib', 'base64']);

/** NameError's text with traceback.py's suggestion: locals, globals, then builtins are the candidates. */
function nameErrorMessage(scope: Scope, name: string): string {
  const names: string[] = [];
  for (let s: Scope | null = scope; s && s.vars !== scope.globals; s = s.parent) names.push(...s.vars.keys());
  names.push(...scope.globals.keys(), ...BUILTIN_NAMES);
  const best = suggest(name, names);
  const forgot = STDLIB.has(name) ? `${best ? ' Or' : '.'} Did you forget to import '${name}'?` : '';
  return `name '${name}' is not defined${best ? `. Did you mean: '${best}'?` : ''}${forgot}`;
}
