/**
 * What differs between the shells the interpreter models: busybox ash (the busybox and alpine
 * images), dash (/bin/sh of Debian-based images) and bash (/bin/bash there). One descriptor per
 * shell holds its diagnostics' wording, which builtins and `${…}` forms it lacks, and whether it
 * reads bash syntax; the evaluator asks the descriptor instead of testing the shell's name.
 */
import { BUSYBOX_PRINTF, echoApplet, type PrintfWording } from '../programs/printf';
import type { SyntaxError } from './words';
import { BASH_ONLY } from './bashBuiltins';

export type DialectName = 'ash' | 'dash' | 'bash';

/** Messages whose wording (not just prefix) differs between the shells. */
export interface DialectMessages {
  cantCd(target: string, why: string): string;
  /** A non-numeric argument to exit/return/shift/break. */
  badNumber(arg: string): string;
  notInFunction: string;
  readOnly(name: string): string;
  unsetReadOnly(name: string): string;
  badName(name: string): string;
  unbound(name: string): string;
  /** A failed redirection: `create` for output. */
  redirect(target: string, create: boolean, why: string, errno: string): string;
  /** ${x?} / ${x:?} without a message. */
  paramNull(name: string, colon: boolean): string;
  badSubst(raw: string): string;
  arith(message: string, expr: string): string;
  /** `sh FILE` of a missing file: the whole line and the exit status. */
  scriptMissing(arg0: string, name: string): [string, number];
  /** `.`/`source` of a file that cannot be found: the whole diagnostic line. */
  dotMissing(arg0: string, cmd: string, line: number, name: string): string;
  /** `set -o NAME` the shell lacks: the message, and whether it is an error of the special builtin. */
  badSetOption(name: string): [string, boolean];
}

/** What a shell knows of its process when it starts (getppid, geteuid). */
export interface ShellProc { readonly ppid: number; readonly uid: number }

export interface Dialect {
  readonly name: DialectName;
  /** bash syntax: [[ ]], (( )), $'…', arrays, brace expansion, `function`, `<<<`, ${x,,} … */
  readonly bashSyntax: boolean;
  /** Line number of the first line of a `-c` script (busybox counts from 0, dash and bash from 1). */
  readonly firstLine: number;
  /** Text before a shell diagnostic: `sh: ` (ash), `sh: 1: ` (dash), `bash: line 1: ` (bash). */
  where(arg0: string, line: number, commandName?: string): string;
  /** A builtin's diagnostic line (no newline). */
  builtin(arg0: string, cmd: string | null, line: number, msg: string): string;
  /** Before a diagnostic of the printf and test builtins (ash words them as its applets: `sh: …`). */
  utilityPrefix(arg0: string, cmd: string, line: number): string;
  /** `exec name` of a command $PATH does not have: the whole line. */
  execNotFound(arg0: string, line: number, name: string): string;
  /** After `where`: a command $PATH does not have. */
  notFound(name: string): string;
  /** The whole diagnostic (with newline) for a syntax error met at `line` of `src`. */
  syntax(e: SyntaxError, arg0: string, src: string, commandName?: string): string;
  /** Exit status of a fatal error: expanding an unset parameter (set -u, ${x?}), and the rest. */
  readonly fatalStatus: { readonly unset: number; readonly other: number };
  /** Status of a failed regular builtin (cd, local, unset …). */
  readonly builtinStatus: number;
  /** Status of a command whose redirection failed. */
  readonly redirStatus: number;
  /** `shift N` past the end: ash and bash return 1, dash fails (a special builtin: the shell exits). */
  readonly shiftTooFar: string | null;
  /** ${…} operators the shell does not have: expanding one fails with the dialect's badSubst. */
  readonly unsupportedOps: ReadonlySet<string>;
  /** Names of ash builtins this shell does not have (so $PATH is searched instead). */
  readonly lacks: ReadonlySet<string>;
  /** Whether an error in a special builtin (set, unset, return …) ends the shell (POSIX; not bash). */
  readonly specialErrorsFatal: boolean;
  /** `type` of an unknown name: the diagnostic goes to stderr as a builtin error (bash), else to stdout. */
  readonly typeNotFound: { readonly toStderr: boolean; readonly status: number };
  /** `break`/`continue` outside a loop: the diagnostic (status stays 0), or null when silent. */
  readonly loopCtlOutside: string | null;
  /** `return` outside a function and a sourced script: the diagnostic (status 2), or null (it ends the script). */
  readonly returnOutside: string | null;
  /** `source name` looks in the current directory after $PATH (bash outside POSIX mode). */
  readonly sourceSearchesCwd: boolean;
  /** Variables the shell sets at start (arrays as lists), by the image's Debian release and the environment. */
  initialVars(release: 'bookworm' | 'trixie', env: ReadonlyMap<string, string>, proc: ShellProc): Readonly<Record<string, string | readonly string[]>>;
  /** $PATH when the environment has none (the shell's compiled-in default), and whether the shell exports it. */
  readonly defaultPath: { readonly value: string; readonly exported: boolean };
  /** `type` calls special builtins `special shell builtin` (POSIX shells; bash does not). */
  readonly typeSaysSpecial: boolean;
  /** getopts' diagnostics, and whether a plain option sets OPTARG to '' (dash, ash) or unsets it (bash). */
  readonly getopts: { illegal(arg0: string, c: string): string; noArg(arg0: string, c: string): string; readonly clearsOptarg: boolean };
  /** `read` without a variable name fails (`arg count`) instead of reading into REPLY. */
  readonly readNeedsName: boolean;
  /** `**` and `base#digits` in $((…)) (dash has neither). */
  readonly arithExtensions: boolean;
  /** printf builtin's wording. */
  readonly printf: PrintfWording;
  /** A `test`/`[` builtin error (busybox's wording in) as this shell words it. */
  testError(msg: string): string;
  /** The echo/printf builtin could not write its output (`why`: strerror); null where the shell says nothing. */
  writeError(arg0: string, cmd: string, line: number, why: string): string | null;
  /** bash's options of shared builtins: `type -t`, `printf -v`, `local -r`, `unset 'a[i]'`, `$(<file)`. */
  readonly builtinOptions: boolean;
  /** bash's status variables: PIPESTATUS after each pipeline, FUNCNAME inside functions. */
  readonly bashVariables: boolean;
  /** ash's $LINENO (the current line) and FUNCNAME (the running function's name, '' outside one). */
  readonly ashVariables: boolean;
  /** Reaping a job a signal ended prints the signal's text on stderr (ash's dowait: `Terminated`, `Killed`). */
  readonly reportsSignaled: boolean;
  /** `set -o` names it knows. */
  readonly setOptions: ReadonlySet<string>;
  /** What the `echo` builtin prints for argv. */
  echo(argv: readonly string[]): string;
  readonly msg: DialectMessages;
}

/** Models busybox ash (1.36): `sh: …` diagnostics, builtins as `sh: cd: line 1: …`. */
export const ASH: Dialect = {
  name: 'ash',
  bashSyntax: false,
  firstLine: 0,
  // ash_vmsg: with a commandname (a script file, `.`), `NAME: line N: ` after arg0 (NAME only when it differs).
  where: (arg0, line, cmd) => (cmd === undefined ? `${arg0}: ` : `${arg0}: ${cmd !== arg0 ? cmd + ': ' : ''}line ${line}: `),
  builtin: (arg0, cmd, line, msg) => `${arg0}: ${cmd ? cmd + ': ' : ''}line ${line}: ${msg}`,
  utilityPrefix: (arg0) => `${arg0}: `,
  execNotFound: (arg0, line, name) => ASH.builtin(arg0, 'exec', line, `${name}: not found`),
  notFound: (name) => `${name}: not found`,
  syntax: (e, arg0, _src, cmd) => `${ASH.where(arg0, e.line ?? 0, cmd)}syntax error: ${e.message}\n`,
  fatalStatus: { unset: 2, other: 2 },
  builtinStatus: 2,
  redirStatus: 1,
  shiftTooFar: null,
  unsupportedOps: new Set(),
  lacks: new Set(BASH_ONLY),
  specialErrorsFatal: true,
  typeNotFound: { toStderr: false, status: 127 },
  loopCtlOutside: null,
  returnOutside: null,
  sourceSearchesCwd: false,
  // Models ash.c's varinit table and init(): IFS and OPTIND, the prompts (FEATURE_EDITING_FANCY_PROMPT's PS1),
  // PPID, and SHLVL (BASH_SHLVL_VAR) raised by one and exported. HOSTNAME (BASH_HOSTNAME_VAR, from uname when the
  // environment has none) is not set: every container's environment has it.
  // Models ash.c's defpathvar, exported as env -i busybox sh -c env shows.
  defaultPath: { value: '/sbin:/usr/sbin:/bin:/usr/bin', exported: true },
  initialVars: (_release, env, proc) => ({
    IFS: ' \t\n', OPTIND: '1', PS1: '\\w \\$ ', PS2: '> ', PS4: '+ ', PPID: String(proc.ppid),
    SHLVL: String((Number(env.get('SHLVL')) || 0) + 1), LINENO: '', FUNCNAME: '',
  }),
  typeSaysSpecial: true,
  getopts: { illegal: (_a, c) => `Illegal option -${c}`, noArg: (_a, c) => `No arg for -${c} option`, clearsOptarg: true },
  readNeedsName: false,
  arithExtensions: true,
  bashVariables: false,
  ashVariables: true,
  reportsSignaled: true,
  builtinOptions: false,
  printf: BUSYBOX_PRINTF,
  testError: (m) => m,
  // echo.c: bb_simple_perror_msg("write error") under the shell's name; printf.c only returns 1.
  writeError: (arg0, cmd, _line, why) => (cmd === 'echo' ? `${arg0}: write error: ${why}` : null),
  setOptions: new Set(['errexit', 'nounset', 'xtrace', 'noglob', 'noexec', 'verbose', 'noclobber', 'pipefail']),
  echo: echoApplet,
  msg: {
    cantCd: (t, why) => `can't cd to ${t}: ${why}`,
    badNumber: (a) => `Illegal number: ${a}`,
    notInFunction: 'not in a function',
    readOnly: (n) => `${n}: is read only`,
    unsetReadOnly: (n) => `${n}: is read only`,
    badName: (n) => `${n}: bad variable name`,
    unbound: (n) => `${n}: parameter not set`,
    redirect: (t, create, why, errno) => `can't ${create ? 'create' : 'open'} ${t}: ${errno === 'ENOENT' ? (create ? 'nonexistent directory' : 'no such file') : why}`,
    paramNull: (n, colon) => `${n}: ${colon ? 'parameter not set or null' : 'parameter not set'}`,
    badSubst: () => 'syntax error: bad substitution',
    arith: (m) => m,
    dotMissing: (arg0, cmd, line, n) => ASH.builtin(arg0, cmd, line, `can't open '${n}': No such file or directory`),
    badSetOption: (n) => [`illegal option -o ${n}`, false],
    scriptMissing: (arg0, n) => [`${arg0}: can't open '${n}': No such file or directory`, 2],
  },
};
