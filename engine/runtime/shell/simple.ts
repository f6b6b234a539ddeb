/**
 * Simple commands. Models ash.c evalcommand: expand, charge the command, then look the name up as
 * special builtin → function → builtin → $PATH (find_command), with prefix assignments kept for
 * special builtins and temporary otherwise. `set -x` traces with ash's quoting.
 */
import type { Node, Word } from './ast';
import { expandString, expandStringSync, expandWords, expandWordsSync } from './expand';
import { BudgetStop, FLUSH, YIELD, type Block } from './kernel';
import { applyRedirs, commit, restore } from './redirect';
import { BuiltinErr, type Shell } from './shell';
import { copyVar, ExitErr, ReturnErr, type Var } from './state';
import { BUILTINS, builtinOf, SPECIAL, SYNC_BUILTINS } from './builtins';
import { arrayValues, assignBash, setArray } from './bashEval';

type G<T> = Generator<Block, T, unknown>;
type Simple = Extract<Node, { type: 'simple' }>;

/** What `simpleFast` returns when the command needs the general (generator) path. */
export const SLOW = -1;

/**
 * The synchronous fast path (most commands in a busy loop): assignments and non-blocking builtins
 * whose words have no command substitution and no redirections. Returns SLOW, without side effects,
 * when the command needs evalSimple: the CPU account must be flushed first, another process is
 * due a time slice, or the command is something else. Expansion happens only once it is committed.
 */
export function simpleFast(sh: Shell, node: Simple): number {
  if (!node.fast) return SLOW;
  const k = sh.k;
  if (k.pending + k.budgets.commandMicros >= 1000) return SLOW;
  if (k.runq.length && ((k.slice + 1) & 31) === 0) return SLOW;
  const d = sh.d;
  if (node.words.length === 0) {
    if (d.opt.x) return SLOW;
    sh.line = node.line;
    k.charge();
    if (k.runq.length) k.slice++;
    sh.substRan = false;
    const assigns = node.assigns;
    for (let i = 0; i < assigns.length; i++) sh.assign(assigns[i].name, expandStringSync(sh, assigns[i].value));
    return 0;
  }
  const w0 = node.words[0].lit;
  if (w0 === null || node.assigns.length || d.opt.x) return SLOW;
  const fn = SYNC_BUILTINS.get(w0);
  if (!fn || d.funcs.has(w0) || d.dialect.lacks.has(w0)) return SLOW;
  sh.line = node.line;
  k.charge();
  if (k.runq.length) k.slice++;
  sh.substRan = false;
  // A literal first word expands to itself, so argv[0] is still w0.
  const argv = expandWordsSync(sh, node.words);
  const prev = sh.cmdName;
  sh.cmdName = w0;
  try {
    return fn(sh, argv);
  } finally {
    sh.cmdName = prev;
  }
}

/**
 * A plain function for the common case, a program run with literal-ish words and nothing else (`sleep 30`
 * in a loop): it hands back the program's own generator. Everything else goes through evalSimpleGen.
 */
export function evalSimple(sh: Shell, node: Simple): G<number> {
  const k = sh.k;
  sh.line = node.line;
  k.charge();
  const pause = k.pending >= 1000 ? FLUSH : k.runq.length && (++k.slice & 31) === 0 ? YIELD : null;
  if (pause !== null || node.assigns.length || node.redirs.length || sh.d.opt.x || node.words.length === 0 || !allSync(node.words)) {
    return evalSimpleGen(sh, node, pause);
  }
  sh.substRan = false;
  const argv = expandWordsSync(sh, node.words);
  const name = argv[0];
  if (name === undefined || (SPECIAL.has(name) && !sh.d.dialect.lacks.has(name)) || sh.d.funcs.has(name) || builtinOf(sh, name)) {
    return evalSimpleGen(sh, node, null, argv);
  }
  return sh.rt.external(sh, argv, NO_ASSIGNS, node.line);
}

/** evalSimple's general path: `pause` is the time slice owed first, `expanded` the words if already expanded. */
function* evalSimpleGen(sh: Shell, node: Simple, pause: Block | null, expanded?: string[]): G<number> {
  if (pause !== null) yield pause;
  let argv: string[];
  if (expanded) argv = expanded;
  else {
    sh.substRan = false;
    // Words without command substitution expand without a generator.
    argv = node.words.length === 0 ? EMPTY_ARGV : allSync(node.words) ? expandWordsSync(sh, node.words) : yield* expandWords(sh, node.words);
  }
  if (argv.length === 0) return yield* assignOnly(sh, node);
  const name = argv[0];
  const assigns: [string, string][] = node.assigns.length ? [] : NO_ASSIGNS;
  for (const a of node.assigns) assigns.push([a.name, yield* expandString(sh, a.value)]);
  if (sh.d.opt.x) trace(sh, assigns, argv);
  const special = SPECIAL.has(name) && !sh.d.dialect.lacks.has(name);
  const saved = node.redirs.length ? yield* applyRedirs(sh, node.redirs) : null;
  if (saved === null && node.redirs.length) {
    if (special) throw new ExitErr(sh.d.dialect.redirStatus);
    return sh.d.dialect.redirStatus;
  }
  try {
    if (special) {
      for (const [n, v] of assigns) sh.assign(n, v);
      const st = yield* runBuiltin(sh, name, argv, true);
      for (const a of node.declArrays ?? []) yield* assignBash(sh, a);
      return st;
    }
    const fn = sh.d.funcs.get(name);
    if (fn || builtinOf(sh, name)) {
      const undo = assigns.length ? tempAssign(sh, assigns) : null;
      try {
        if (fn) return yield* callFunction(sh, name, fn, argv);
        const st = yield* runBuiltin(sh, name, argv, false);
        for (const a of node.declArrays ?? []) yield* assignBash(sh, a);
        return st;
      } finally {
        if (undo) undoAssign(sh, undo);
      }
    }
    return yield* sh.rt.external(sh, argv, assigns, node.line);
  } finally {
    // An applet external ran is over (see external).
    sh.p.fg = null;
    if (saved) {
      if (sh.keepRedirs) commit(sh, saved);
      else restore(sh, saved);
    }
    sh.keepRedirs = false;
  }
}

const EMPTY_ARGV: string[] = [];

function allSync(words: readonly Word[]): boolean {
  for (let i = 0; i < words.length; i++) if (!words[i].sync) return false;
  return true;
}
/** Shared by every command without prefix assignments (never written: only filled when there are some). */
const NO_ASSIGNS: [string, string][] = [];

function* assignOnly(sh: Shell, node: Simple): G<number> {
  const vals: [string, string][] = [];
  for (const a of node.assigns) {
    if (a.array || a.append || a.index) { yield* assignBash(sh, a); continue; }
    const v = yield* expandString(sh, a.value);
    vals.push([a.name, v]);
    sh.assign(a.name, v);
  }
  if (sh.d.opt.x && vals.length) trace(sh, vals, []);
  const status = sh.substRan ? sh.d.status : 0;
  if (node.redirs.length) {
    const saved = yield* applyRedirs(sh, node.redirs);
    if (saved === null) return sh.d.dialect.redirStatus;
    restore(sh, saved);
  }
  return status;
}

function* runBuiltin(sh: Shell, name: string, argv: string[], special: boolean): G<number> {
  const fn = BUILTINS.get(name)!;
  const prev = sh.cmdName;
  sh.cmdName = name;
  try {
    return yield* fn(sh, argv);
  } catch (e) {
    if (e instanceof BuiltinErr) {
      if (special && sh.d.dialect.specialErrorsFatal) throw new ExitErr(e.status);
      return e.status;
    }
    throw e;
  } finally {
    sh.cmdName = prev;
  }
}

/** Call a shell function: new positional parameters, a `local` frame, `return` caught here. */
export function* callFunction(sh: Shell, name: string, body: Node, argv: string[]): G<number> {
  const d = sh.d;
  if (sh.funcDepth >= sh.k.budgets.maxDepth) {
    throw new BudgetStop('depth', `function ${name} nested more than ${sh.k.budgets.maxDepth} deep`);
  }
  const savedPos = d.pos;
  const savedLoop = d.loopDepth;
  d.pos = argv.slice(1);
  d.frames.push(new Map());
  d.loopDepth = 0;
  sh.funcDepth++;
  // bash's FUNCNAME: the call stack, innermost first.
  const savedNames = d.dialect.bashVariables ? d.vars.map.get('FUNCNAME') : undefined;
  if (d.dialect.bashVariables) setArray(sh, 'FUNCNAME', [name, ...arrayValues(sh, 'FUNCNAME')]);
  const savedAshName = d.dialect.ashVariables ? d.vars.map.get('FUNCNAME') : undefined;
  if (d.dialect.ashVariables) d.vars.own.set('FUNCNAME', { v: name, exp: savedAshName?.exp ?? false, ro: false });
  try {
    return yield* sh.rt.eval(sh, body);
  } catch (e) {
    if (e instanceof ReturnErr) { d.status = e.status; return e.status; }
    throw e;
  } finally {
    if (d.dialect.bashVariables) {
      // A copy: the table may have been copied (a fork) since, leaving the saved variable in a shared one.
      if (savedNames) d.vars.own.set('FUNCNAME', copyVar(savedNames));
      else d.vars.own.delete('FUNCNAME');
    }
    if (d.dialect.ashVariables) {
      if (savedAshName) d.vars.own.set('FUNCNAME', copyVar(savedAshName));
      else d.vars.own.delete('FUNCNAME');
    }
    sh.funcDepth--;
    d.loopDepth = savedLoop;
    d.pos = savedPos;
    const frame = d.frames.pop()!;
    for (const [n, old] of frame) {
      if (old === undefined) d.vars.own.delete(n);
      else d.vars.own.set(n, old);
    }
  }
}

function tempAssign(sh: Shell, assigns: [string, string][]): [string, Var | undefined][] {
  const undo: [string, Var | undefined][] = [];
  for (const [n, v] of assigns) {
    const old = sh.d.vars.map.get(n);
    if (old && old.ro) sh.fatal(sh.d.dialect.msg.readOnly(n));
    undo.push([n, old ? copyVar(old) : undefined]);
    sh.d.vars.own.set(n, { v, exp: true, ro: false });
  }
  return undo;
}

function undoAssign(sh: Shell, undo: [string, Var | undefined][]): void {
  for (let i = undo.length - 1; i >= 0; i--) {
    const [n, old] = undo[i];
    if (old === undefined) sh.d.vars.own.delete(n);
    else sh.d.vars.own.set(n, old);
  }
}

/** ash's xtrace quoting: words with special characters in single quotes. */
export function shellQuote(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return "'" + s.replace(/'/g, `'"'"'`) + "'";
}

function trace(sh: Shell, assigns: [string, string][], argv: string[]): void {
  const parts = assigns.map(([n, v]) => `${n}=${shellQuote(v)}`).concat(argv.map(shellQuote));
  const ps4 = sh.d.vars.get('PS4') ?? '+ ';
  sh.writeErrSync(ps4 + parts.join(' ') + '\n');
}

export type { Word };
