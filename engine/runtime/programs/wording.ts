/**
 * Where busybox and the GNU tools (coreutils 9, grep, sed) word the same failure differently. The
 * applets are shared; each asks `wording(ctx)` for the text, so the two userlands differ only here.
 * GNU's texts follow the C locale (ASCII quotes), as a container without LANG runs.
 */
import { permString } from './modeString';
import type { Ctx } from '../shell/sys';

export interface Wording {
  /** A file operand that cannot be read (cat, wc, head, tail, sort, sed, cut, uniq …). */
  cantRead(prog: string, file: string, why: string, style: 'cant-open' | 'plain'): string;
  /** ls of a missing operand; the status ls then exits with. */
  lsCannotAccess(file: string, why: string): string;
  readonly lsMissingStatus: number;
  mkdir(dir: string, why: string): string;
  rm(path: string, why: string): string;
  rmIsDir(path: string): string;
  rmdir(dir: string, why: string): string;
  touch(file: string, why: string): string;
  cpStat(src: string, why: string): string;
  cpOmitDir(src: string): string;
  /** cp -r of a directory into itself: `at` is the source path where the copy meets itself, `top`/`topDst` the operands. */
  cpIntoItself(at: string, top: string, topDst: string): string;
  mvStat(src: string, why: string): string;
  /** An unknown option: the text (with any `Try … --help` line) and the status. */
  badOption(prog: string, c: string, missing?: boolean): [string, number];
  /** An operand too many (`whoami x`); null where busybox ignores it. */
  extraOperand(prog: string, op: string): string | null;
  /** A bad count for head/tail -n/-c. */
  badLineCount(arg: string): string;
  /** grep without a pattern: the text (status 2). */
  readonly grepUsage: string;
  /** timeout without its operands; a duration that is no number. */
  readonly timeoutUsage: [string, number];
  timeoutBadInterval(arg: string): [string, number];
  /** seq's non-numeric argument. */
  seqBadNumber(arg: string): string;
  /** expr's arithmetic on a non-number. */
  readonly exprNonInteger: string;
  /** A missing operand (`missing file operand` for cp/mv). */
  missingOperand(prog: string, what?: string): string;
  catIsDir(file: string): string;
  /** ln could not make `target` (from `source`). */
  lnFail(target: string, source: string, symbolic: boolean, why: string, sourceMissing: boolean): string;
  cpCreate(dst: string, why: string): string;
  /** cp/mv given one operand. */
  missingDestination(prog: string, only: string): string;
  /** chmod's mode is checked before any file (GNU), or per file (busybox: null here). */
  invalidModeFirst(spec: string): string | null;
  /** chmod -v/-c's line for `path` whose mode went from `from` to `to` ('' when nothing is said). */
  chmodVerbose(path: string, from: number, to: number, verbose: boolean): string;
  /** What chmod -v says (on stdout) of a path it could not stat, after the error. */
  chmodUnreachable(path: string): string;
  /** What chown -v says of a path it could not stat (`spec`: the owner as given). */
  chownUnreachable(path: string, spec: string): string;
  /** chown -v/-c's line: owner ids before and after (`names` gives `user:group`). */
  chownVerbose(path: string, from: readonly [number, number], to: readonly [number, number], verbose: boolean, names: (ids: readonly [number, number]) => string): string;
  /** ls -l's lines from their columns (a one-column row is a plain name). */
  lsColumns(rows: readonly string[][]): string[];
  /** A program run without its operands: GNU's `missing operand` text; null where busybox has its own usage. */
  noOperands(prog: string): string | null;
  /** chmod/chown of a path that cannot be reached. */
  cannotAccess(path: string, why: string): string;
  statFail(file: string, why: string): string;
  /** env/timeout could not run `cmd` (`found`: it exists but is no program). */
  execFail(prog: string, cmd: string, found: boolean): string;
  badInterval(arg: string): string;
  /** sed's status when an input file cannot be read. */
  readonly sedMissingStatus: number;
  /** id prints `groups=` even without supplementary groups (GNU). */
  readonly idAlwaysGroups: boolean;
  /** wc's column width: busybox pads to 9; GNU to the digits of the regular files' total size, 7 when one input is a pipe. */
  /** Whether wc's column width depends on the inputs' sizes (coreutils stats them first; busybox's is fixed). */
  readonly wcSizedWidth: boolean;
  wcWidth(regularBytes: number, nonRegular: boolean, cols: number, inputs: number): number;
  /** A failed write of stdout: libbb's bb_perror_msg("write error") under the applet's name; coreutils' close_stdout under argv[0]. */
  writeError(prog: string, argv0: string, why: string): string;
  /** cp could not write `dst` (libbb bb_copyfd's "write error"; coreutils copy.c "error writing"). */
  cpWrite(dst: string, why: string): string;
  /** tee could not write `file`: busybox's die_if_ferror says only "I/O error"; coreutils gives the errno. */
  teeWrite(file: string, why: string): string;
  /**
   * head could not write its output (`flushed`: a buffer flush failed while it ran, else the flush at exit):
   * the text and the status (null: head's own). busybox: die_if_ferror_stdout's "I/O error" (1), or
   * fflush_stdout_and_exit's perror keeping the status; coreutils: xwrite_stdout's "error writing", or close_stdout's.
   */
  headWrite(flushed: boolean, why: string): [string, number | null];
  /** yes could not write: busybox's bb_perror_nomsg_and_die prints a NULL message as "(null)"; coreutils names stdout. */
  yesWrite(why: string): string;
  /** The line a -v option prints for `what` done to `a` (from/to `b`). */
  verbose(what: Verbose, a: string, b?: string): string;
}

/** What rm, rmdir, mkdir, cp, mv and ln -v report. */
export type Verbose = 'removed' | 'removedDir' | 'rmdir' | 'created' | 'copied' | 'renamed' | 'symlinked' | 'linked';

const BUSYBOX: Wording = {
  cantRead: (_prog, file, why, style) => (style === 'plain' ? `${file}: ${why}` : `can't open '${file}': ${why}`),
  lsCannotAccess: (file, why) => `${file}: ${why}`,
  lsMissingStatus: 1,
  mkdir: (d, why) => `can't create directory '${d}': ${why}`,
  rm: (p, why) => `can't remove '${p}': ${why}`,
  rmIsDir: (p) => `'${p}' is a directory`,
  rmdir: (d, why) => `'${d}': ${why}`,
  touch: (f, why) => `${f}: ${why}`,
  cpStat: (s, why) => `can't stat '${s}': ${why}`,
  cpOmitDir: (s) => `omitting directory '${s}'`,
  cpIntoItself: (at) => `recursion detected, omitting directory '${at}'`,
  mvStat: (s, why) => `can't rename '${s}': ${why}`,
  badOption: (prog, c) => [`${prog}: invalid option -- '${c}'\n`, 1],
  extraOperand: () => null,
  badLineCount: (a) => `invalid number '${a}'`,
  seqBadNumber: (a) => `invalid number '${a}'`,
  timeoutUsage: ['timeout: usage: timeout [-s SIG] [-k KILL_SECS] SECS PROG ARGS\n', 1],
  timeoutBadInterval: (a) => [`timeout: invalid number '${a}'\n`, 1],
  grepUsage: 'grep: usage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n',
  exprNonInteger: 'non-numeric argument',
  missingOperand: (prog, what = 'operand') => `${prog}: missing ${what}\n`,
  catIsDir: () => 'read error: Is a directory',
  noOperands: () => null,
  // busybox pads to fixed widths: links 4, owner and group 8, size 9.
  lsColumns: (rows) => rows.map((r) => (r.length === 1 ? r[0]
    : `${r[0]} ${r[1].padStart(4)} ${r[2].padEnd(8)} ${r[3].padEnd(8)} ${r[4].padStart(9)} ${r[5]} ${r[6]}`)),
  lnFail: (target, _s, _sym, why) => `${target}: ${why}`,
  cpCreate: (d, why) => `can't create '${d}': ${why}`,
  missingDestination: (prog) => `${prog}: missing file operand\n`,
  invalidModeFirst: () => null,
  // coreutils/chmod.c (1.36): -v reports every file, -c those whose mode changed, both as "changed to".
  chmodVerbose: (p, from, to, verbose) => (verbose || from !== to ? `mode of '${p}' changed to ${octMode(to)}\n` : ''),
  chmodUnreachable: () => '',
  chownUnreachable: () => '',
  // coreutils/chown.c (1.36): numeric ids.
  chownVerbose: (p, from, to, verbose) => (verbose || from[0] !== to[0] || from[1] !== to[1] ? `changed ownership of '${p}' to ${to[0]}:${to[1]}\n` : ''),
  cannotAccess: (p, why) => `${p}: ${why}`,
  statFail: (f, why) => `can't stat '${f}': ${why}`,
  execFail: (_prog, cmd, found) => `can't execute '${cmd}': ${found ? 'Exec format error' : 'No such file or directory'}`,
  badInterval: (a) => `invalid number '${a}'`,
  sedMissingStatus: 0,
  idAlwaysGroups: false,
  wcSizedWidth: false,
  wcWidth: (_b, _n, cols, inputs) => (cols === 1 && inputs === 1 ? 0 : 9),
  writeError: (prog, _argv0, why) => `${prog}: write error: ${why}`,
  cpWrite: (_dst, why) => `write error: ${why}`,
  teeWrite: (file) => `${file}: I/O error`,
  headWrite: (flushed, why) => (flushed ? ['standard output: I/O error', 1] : [`standard output: ${why}`, null]),
  yesWrite: (why) => `(null): ${why}`,
  // libbb's remove_file, make_directory and copy_file, mv.c, ln.c and rmdir.c (1.36).
  verbose: (what, a, b) => {
    switch (what) {
      case 'removed': return `removed '${a}'\n`;
      case 'removedDir': return `removed directory: '${a}'\n`;
      case 'rmdir': return `rmdir: removing directory, '${a}'\n`;
      case 'created': return `created directory: '${a}'\n`;
      default: return `'${a}' -> '${b}'\n`;
    }
  },
};

/** coreutils' usage() exit status: 2 for ls, sort (and grep), 1 for the rest. */
const GNU_USAGE_STATUS: Readonly<Record<string, number>> = { ls: 2, sort: 2, grep: 2, egrep: 2, fgrep: 2, timeout: 125, env: 125 };

function tryHelp(prog: string): string {
  return `Try '${prog} --help' for more information.\n`;
}

const GNU: Wording = {
  cantRead: (prog, file, why) => {
    if (prog === 'head' || prog === 'tail') return `cannot open '${file}' for reading: ${why}`;
    if (prog === 'sort') return `cannot read: ${file}: ${why}`;
    if (prog === 'sed') return `can't read ${file}: ${why}`;
    return `${file}: ${why}`;
  },
  lsCannotAccess: (file, why) => `cannot access '${file}': ${why}`,
  lsMissingStatus: 2,
  mkdir: (d, why) => `cannot create directory '${d}': ${why}`,
  rm: (p, why) => `cannot remove '${p}': ${why}`,
  rmIsDir: (p) => `cannot remove '${p}': Is a directory`,
  rmdir: (d, why) => `failed to remove '${d}': ${why}`,
  touch: (f, why) => `cannot touch '${f}': ${why}`,
  cpStat: (s, why) => `cannot stat '${s}': ${why}`,
  cpOmitDir: (s) => `-r not specified; omitting directory '${s}'`,
  cpIntoItself: (_at, top, topDst) => `cannot copy a directory, '${top}', into itself, '${topDst}'`,
  mvStat: (s, why) => `cannot stat '${s}': ${why}`,
  badOption: (prog, c, missing) => [`${prog}: ${missing ? 'option requires an argument' : 'invalid option'} -- '${c}'\n${tryHelp(prog)}`, GNU_USAGE_STATUS[prog] ?? 1],
  extraOperand: (prog, op) => `${prog}: extra operand '${op}'\n${tryHelp(prog)}`,
  badLineCount: (a) => `invalid number of lines: '${a}'`,
  grepUsage: `Usage: grep [OPTION]... PATTERNS [FILE]...\n${tryHelp('grep')}`,
  timeoutUsage: [tryHelp('timeout'), 125],
  timeoutBadInterval: (a) => [`timeout: invalid time interval '${a}'\n${tryHelp('timeout')}`, 125],
  seqBadNumber: (a) => `invalid floating point argument: '${a}'\n${tryHelp('seq').trimEnd()}`,
  exprNonInteger: 'non-integer argument',
  missingOperand: (prog, what = 'operand') => `${prog}: missing ${what}\nTry '${prog} --help' for more information.\n`,
  catIsDir: (f) => `${f}: Is a directory`,
  lnFail: (target, source, symbolic, why, sourceMissing) => (sourceMissing && !symbolic ? `failed to access '${source}': ${why}`
    : `failed to create ${symbolic ? 'symbolic' : 'hard'} link '${target}': ${why}`),
  cpCreate: (d, why) => `cannot create regular file '${d}': ${why}`,
  missingDestination: (prog, only) => `${prog}: missing destination file operand after '${only}'\nTry '${prog} --help' for more information.\n`,
  invalidModeFirst: (spec) => `chmod: invalid mode: '${spec}'\nTry 'chmod --help' for more information.\n`,
  chownVerbose: (p, from, to, verbose, names) => (from[0] !== to[0] || from[1] !== to[1] ? `changed ownership of '${p}' from ${names(from)} to ${names(to)}\n`
    : verbose ? `ownership of '${p}' retained as ${names(to)}\n` : ''),
  chmodUnreachable: (p) => `'${p}' could not be accessed\n`,
  chownUnreachable: (p, spec) => `failed to change ownership of '${p}' to ${spec}\n`,
  chmodVerbose: (p, from, to, verbose) => (from !== to ? `mode of '${p}' changed from ${octMode(from)} to ${octMode(to)}\n`
    : verbose ? `mode of '${p}' retained as ${octMode(to)}\n` : ''),
  // GNU pads each column to its widest entry in the listing: counts right-aligned, names left-aligned.
  lsColumns: (rows) => {
    const width = (i: number) => Math.max(0, ...rows.map((r) => (r.length > 1 ? r[i].length : 0)));
    const w = [1, 2, 3, 4].map(width);
    return rows.map((r) => (r.length === 1 ? r[0]
      : `${r[0]} ${r[1].padStart(w[0])} ${r[2].padEnd(w[1])} ${r[3].padEnd(w[2])} ${r[4].padStart(w[3])} ${r[5]} ${r[6]}`));
  },
  noOperands: (prog) => `${prog}: missing ${prog === 'touch' || prog === 'ln' ? 'file operand' : 'operand'}\n${tryHelp(prog)}`,
  cannotAccess: (p, why) => `cannot access '${p}': ${why}`,
  statFail: (f, why) => `cannot statx '${f}': ${why}`,
  execFail: (prog, cmd, found) => {
    const why = found ? 'Permission denied' : 'No such file or directory';
    return prog === 'timeout' ? `failed to run command '${cmd}': ${why}` : `'${cmd}': ${why}`;
  },
  badInterval: (a) => `invalid time interval '${a}'\nTry 'sleep --help' for more information.`,
  sedMissingStatus: 2,
  idAlwaysGroups: true,
  wcSizedWidth: true,
  wcWidth: (bytes, nonRegular, cols, inputs) => (cols === 1 && inputs === 1 ? 0 : Math.max(String(bytes).length, nonRegular ? 7 : 1)),
  writeError: (_prog, argv0, why) => `${argv0}: write error: ${why}`,
  cpWrite: (dst, why) => `error writing '${dst}': ${why}`,
  teeWrite: (file, why) => `${file}: ${why}`,
  headWrite: (flushed, why) => [flushed ? `error writing 'standard output': ${why}` : `write error: ${why}`, 1],
  yesWrite: (why) => `standard output: ${why}`,
  verbose: (what, a, b) => {
    switch (what) {
      case 'removed': return `removed '${a}'\n`;
      case 'removedDir': return `removed directory '${a}'\n`;
      case 'rmdir': return `rmdir: removing directory, '${a}'\n`;
      case 'created': return `mkdir: created directory '${a}'\n`;
      case 'renamed': return `renamed '${a}' -> '${b}'\n`;
      case 'linked': return `'${a}' => '${b}'\n`;
      default: return `'${a}' -> '${b}'\n`;
    }
  },
};

/** The wording of the image's userland. */
export function wording(ctx: Ctx): Wording {
  return ctx.flavor.userland === 'gnu' ? GNU : BUSYBOX;
}

/** A permission mode as chmod -v prints it: `0644 (rw-r--r--)`. */
function octMode(m: number): string {
  return `${(m & 0o7777).toString(8).padStart(4, '0')} (${permString(m)})`;
}
