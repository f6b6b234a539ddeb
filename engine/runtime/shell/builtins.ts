/* eslint-disable require-yield -- every builtin and applet is a generator with one signature; some never block. */
/**
 * Shell builtins (ash.c builtintab). Special builtins keep prefix assignments and their errors
 * end a non-interactive shell; regular builtins just return a status.
 */
import type { Block } from './kernel';
import type { Shell } from './shell';
import { BreakErr, copyVar, ExitErr, ReturnErr } from './state';
import { writeFd } from './sys';
import { strerror, type Errno } from '../fs/errors';
import { printfText, printfWrites } from '../programs/printf';
import { testEval } from '../programs/test';
import { MORE_BUILTINS } from './builtins2';
import { ALIAS_BUILTINS } from './alias';
import { JOB_BUILTINS } from './jobs';
import { getopts } from './getopts';
import { BASH_BUILTINS, declareName, declFlags } from './bashBuiltins';

export type Builtin = (sh: Shell, argv: string[]) => Generator<Block, number, unknown>;

// Models ash.c builtintab's BUILTIN_SPECIAL entries.
export const SPECIAL = new Set(['.', ':', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'source', 'times', 'trap', 'unset', 'local']);

const isNum = (s: string) => /^[0-9]+$/.test(s);

function* colon(): Generator<Block, number, unknown> { return 0; }
function* falseB(): Generator<Block, number, unknown> { return 1; }

function* echo(sh: Shell, argv: string[]): Generator<Block, number, unknown> {
  const text = sh.d.dialect.echo(argv);
  return writeFailed(sh, 'echo', yield* writeFd(sh.k, sh.p, 1, text));
}

/** The status of echo/printf after writing: 1 with the shell's diagnostic when the write failed (ENOSPC, EBADF). */
function writeFailed(sh: Shell, cmd: string, errno: Errno | null, status = 0): number {
  if (errno === null) return status;
  const msg = sh.d.dialect.writeError(sh.d.arg0, cmd, sh.line, strerror(errno));
  if (msg !== null) sh.writeErrSync(msg + '\n');
  return 1;
}

function* printf(sh: Shell, argv: string[]): Generator<Block, number, unknown> {
  const dialect = sh.d.dialect;
  // bash's `printf -v NAME` assigns the output instead of writing it.
  const into = dialect.builtinOptions && argv[1] === '-v' && argv.length > 3 ? argv[2] : null;
  const r = printfText(argv.slice(into === null ? 1 : 3), dialect.utilityPrefix(sh.d.arg0, 'printf', sh.line), dialect.printf);
  if (into !== null) sh.assign(into, r.out);
  // busybox's bb_error_msg flushes stdout first: each diagnostic lands where printf met it.
  let failed: Errno | null = null;
  for (const [fd, text] of printfWrites(into === null ? r : { ...r, out: '' }, dialect.printf.busybox === true)) {
    if (fd === 2) sh.writeErrSync(text);
    else if (failed === null) failed = yield* writeFd(sh.k, sh.p, 1, text);
  }
  return writeFailed(sh, 'printf', failed, r.status);
}

function testSync(sh: Shell, argv: string[]): number {
  const r = testEval(argv, sh.fs, sh.d.cwd, sh.cred, sh.k.pat);
  if (r.error) {
    const dialect = sh.d.dialect;
    sh.writeErrSync(dialect.utilityPrefix(sh.d.arg0, argv[0], sh.line) + dialect.testError(r.error) + '\n');
  }
  return r.status;
}

function* test(sh: Shell, argv: string[]): Generator<Block, number, unknown> {
  return testSync(sh, argv);
}

/** Builtins that never block or throw control flow: simple.ts runs them without a generator. */
export const SYNC_BUILTINS = new Map<string, (sh: Shell, argv: string[]) => number>([
  [':', () => 0], ['true', () => 0], ['false', () => 1], ['test', testSync], ['[', testSync], ['[[', testSync],
]);

function* exit(sh: Shell, argv: string[]): Generator<Block, number, unknown> {
  let status = sh.d.status;
  if (argv.length > 1) {
    if (!isNum(argv[1])) {
      // A bad status ends the shell with 2 in every dialect (bash too, where other builtin errors do not).
      sh.writeErrSync(sh.d.dialect.builtin(sh.d.arg0, 'exit', sh.line, sh.d.dialect.msg.badNumber(argv[1])) + '\n');
      throw new ExitErr(2);
    }
    status = Number(argv[1]) & 255;
  }
  throw new ExitErr(status);
}

function* ret(sh: Shell, argv: string[]): Generator<Block, number, unknown> {
  let status = sh.d.status;
  if (argv.length > 1) {
    if (!/^-?[0-9]+$/.test(argv[1])) sh.builtinError(sh.d.dialect.msg.badNumber(argv[1]), 2);
    status = Number(argv[1]) & 255;
  }
  const outside = sh.d.dialect.returnOutside;
  if (outside !== null && sh.funcDepth === 0 && sh.sourceDepth === 0) sh.builtinError(outside, 2);
  throw new ReturnErr(status);
}

function loopCtl(cont: boolean) {
  return function* (sh: Shell, argv: string[]): Generator<Block, number, unknown> {
    let n = 1;
    if (argv.length > 1) {
      if (!isNum(argv[1]) || Number(argv[1]) === 0) sh.builtinError(sh.d.dialect.msg.badNumber(argv[1]));
      n = Number(argv[1]);
    }
    // Models ash.c breakcmd: outside a loop it does nothing (bash says so, status 0).
    if (sh.d.loopDepth === 0) {
      const msg = sh.d.dialect.loopCtlOutside;
      if (msg !== null) sh.writeErrSync(sh.d.dialect.builtin(sh.d.arg0, argv[0], sh.line, msg) + '\n');
      return 0;
    }
    throw new BreakErr(Math.min(n, sh.d.loopDepth), cont);
  };
}

function* shift(sh: Shell, argv: string[]): Generator<Block, number, unknown> {
  let n = 1;
  if (argv.length > 1) {
    if (!isNum(argv[1])) sh.builtinError(sh.d.dialect.msg.badNumber(argv[1]));
    n = Number(argv[1]);
  }
  if (n > sh.d.pos.length) {
    const tooFar = sh.d.dialect.shiftTooFar;
    return tooFar === null ? 1 : sh.builtinError(tooFar);
  }
  sh.d.pos = sh.d.pos.slice(n);
  return 0;
}

function* evalB(sh: Shell, argv: string[]): Generator<Block, number, unknown> {
  if (argv.length < 2) return 0;
  // ash runs the string inside the eval builtin: its commandname is `eval` meanwhile.
  if (sh.d.dialect.name !== 'ash') return yield* sh.rt.evalString(sh, argv.slice(1).join(' '), true);
  const saved = sh.d.commandName;
  sh.d.commandName = argv[0];
  try {
    return yield* sh.rt.evalString(sh, argv.slice(1).join(' '), true);
  } finally {
    if (saved === undefined) delete sh.d.commandName;
    else sh.d.commandName = saved;
  }
}

function* dot(sh: Shell, argv: string[]): Generator<Block, number, unknown> {
  if (argv.length < 2) return 0;
  const name = argv[1];
  let path: string | null = name;
  if (!name.includes('/')) path = sh.rt.findInPath(sh, name, false) ?? (sh.d.dialect.sourceSearchesCwd && sh.fs.exists(name, sh.d.cwd, sh.cred) ? name : null);
  let text: string;
  try {
    if (path === null) throw new Error();
    text = sh.fs.readFile(path, sh.d.cwd, sh.cred);
  } catch {
    sh.writeErrSync(sh.d.dialect.msg.dotMissing(sh.d.arg0, argv[0], sh.line, name) + '\n');
    if (!sh.d.dialect.specialErrorsFatal) return 1;
    throw new ExitErr(sh.d.dialect.fatalStatus.other);
  }
  const savedPos = sh.d.pos;
  if (argv.length > 2) sh.d.pos = argv.slice(2);
  sh.sourceDepth++;
  // ash reads the file as a new input (its lines from 1) and names it in diagnostics (commandname).
  const ash = sh.d.dialect.name === 'ash';
  const saved = { line: sh.line, name: sh.d.commandName };
  if (ash) { sh.line = 1; sh.d.commandName = path; }
  try {
    return yield* sh.rt.evalString(sh, text, true);
  } catch (e) {
    if (e instanceof ReturnErr) return e.status;
    throw e;
  } finally {
    sh.sourceDepth--;
    if (argv.length > 2) sh.d.pos = savedPos;
    if (ash) {
      sh.line = saved.line;
      if (saved.name === undefined) delete sh.d.commandName;
      else sh.d.commandName = saved.name;
    }
  }
}

function* local(sh: Shell, argv: string[]): Generator<Block, number, unknown> {
  const frame = sh.d.frames[sh.d.frames.length - 1];
  if (!frame) sh.builtinError(sh.d.dialect.msg.notInFunction);
  // bash takes declare's attribute options (local -r x=1); ash and dash read them as names.
  const [flags, first] = sh.d.dialect.builtinOptions ? declFlags(argv) : ['', 1];
  for (const a of argv.slice(first)) {
    if (flags) { declareName(sh, a, flags, true); continue; }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) sh.builtinError(sh.d.dialect.msg.badName(name));
    const old = sh.d.vars.map.get(name);
    if (!frame.has(name)) frame.set(name, old ? copyVar(old) : undefined);
    if (eq >= 0) sh.assign(name, a.slice(eq + 1));
    else if (!old) sh.d.vars.own.set(name, { v: undefined, exp: false, ro: false });
  }
  return 0;
}

/** The builtin `name` of this shell (dash has no `[[`, `source` or `let`: $PATH is searched for them). */
export function builtinOf(sh: Shell, name: string): Builtin | undefined {
  return sh.d.dialect.lacks.has(name) ? undefined : BUILTINS.get(name);
}

export const BUILTINS = new Map<string, Builtin>([
  [':', colon], ['true', colon], ['false', falseB], ['echo', echo], ['printf', printf],
  ['test', test], ['[', test], ['[[', test], ['exit', exit], ['return', ret],
  ['break', loopCtl(false)], ['continue', loopCtl(true)], ['shift', shift], ['eval', evalB],
  ['.', dot], ['source', dot], ['local', local], ['getopts', getopts],
  ...MORE_BUILTINS, ...ALIAS_BUILTINS, ...JOB_BUILTINS, ...BASH_BUILTINS,
]);
