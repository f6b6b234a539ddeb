/**
 * dash 0.5.12, /bin/sh of Debian-based images. Models dash's error.c (`sh: LINE: msg`), parser.c
 * synexpect/synerror (`Syntax error: "fi" unexpected`), bltin/echo (escapes always, only -n), and
 * what it leaves out of bash and busybox ash: `[[`, `source`, `let`, `set -o pipefail`,
 * `${x/a/b}` and `${x:1:2}` (both "Bad substitution" when expanded), `**` in arithmetic.
 */
import { ASH, type Dialect } from './dialect';

/** dash's echo: no options but a leading -n; backslash escapes always (\c stops, \0NNN and \NNN octal). */
function dashEcho(argv: readonly string[]): string {
  let i = 1;
  let nl = true;
  if (argv[1] === '-n') { nl = false; i = 2; }
  let out = '';
  const text = argv.slice(i).join(' ');
  for (let j = 0; j < text.length; j++) {
    const c = text[j];
    if (c !== '\\' || j + 1 >= text.length) { out += c; continue; }
    const n = text[++j];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (n in simple) { out += simple[n]; continue; }
    if (n === 'c') return out;
    if (n >= '0' && n <= '7') {
      const start = n === '0' ? j + 1 : j;
      const digits = /^[0-7]{0,3}/.exec(text.slice(start))![0];
      out += String.fromCharCode(digits ? parseInt(digits, 8) & 255 : 0);
      j = start + digits.length - 1;
      continue;
    }
    out += '\\' + n;
  }
  return nl ? out + '\n' : out;
}

export const DASH: Dialect = {
  name: 'dash',
  bashSyntax: false,
  firstLine: 1,
  where: (arg0, line) => `${arg0}: ${line}: `,
  builtin: (arg0, cmd, line, msg) => `${arg0}: ${line}: ${cmd ? cmd + ': ' : ''}${msg}`,
  utilityPrefix(arg0, cmd, line) { return this.builtin(arg0, cmd, line, ''); },
  execNotFound(arg0, line, name) { return this.builtin(arg0, 'exec', line, `${name}: not found`); },
  notFound: (name) => `${name}: not found`,
  syntax: (e, arg0, src) => {
    const text = e.token !== undefined ? `${e.token} unexpected${e.expecting ? ` (expecting "${e.expecting}")` : ''}`
      : e.message[0].toUpperCase() + e.message.slice(1);
    return `${arg0}: ${e.line ?? lineCount(src)}: Syntax error: ${text}\n`;
  },
  fatalStatus: { unset: 2, other: 2 },
  builtinStatus: 2,
  redirStatus: 2,
  shiftTooFar: "can't shift that many",
  unsupportedOps: new Set(['/', '//', '/#', '/%', 'sub']),
  lacks: new Set(['[[', 'source', 'let', ...ASH.lacks]),
  specialErrorsFatal: true,
  typeNotFound: ASH.typeNotFound,
  loopCtlOutside: null,
  returnOutside: null,
  sourceSearchesCwd: false,
  // Models dash's var.c varinit and init: IFS, OPTIND, PS1 by effective uid, PS2, PS4, PPID; no SHLVL.
  // Models Debian's dash: _PATH_STDPATH as its default, not exported.
  defaultPath: { value: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', exported: false },
  initialVars: (_release, _env, proc) => ({ IFS: ' \t\n', OPTIND: '1', PS1: proc.uid === 0 ? '# ' : '$ ', PS2: '> ', PS4: '+ ', PPID: String(proc.ppid) }),
  typeSaysSpecial: true,
  getopts: ASH.getopts,
  readNeedsName: true,
  arithExtensions: false,
  ashVariables: false,
  reportsSignaled: false,
  bashVariables: false,
  builtinOptions: false,
  printf: {
    badNumber: (a) => `${a}: expected numeric value`, usage: ['usage: printf format [arg ...]', 2],
    badConversion: (c) => [`%${c}: invalid directive`, 2],
  },
  testError: (m) => m.replace(/^(.*): bad number$/, 'Illegal number: $1'),
  // output.c flushall sets the error, and the builtin's exit then reports it as `cmd: I/O error` (errno is not shown).
  writeError(arg0, cmd, line) { return this.builtin(arg0, cmd, line, `${cmd}: I/O error`); },
  setOptions: new Set(['errexit', 'nounset', 'xtrace', 'noglob', 'noexec', 'verbose', 'noclobber']),
  echo: dashEcho,
  msg: {
    ...ASH.msg,
    cantCd: (t) => `can't cd to ${t}`,
    badSubst: () => 'Bad substitution',
    redirect: (t, create, why, errno) => `cannot ${create ? 'create' : 'open'} ${t}: ${errno === 'ENOENT' ? (create ? 'Directory nonexistent' : 'No such file') : why}`,
    arith: (m, expr) => `arithmetic expression: ${m === 'divide by zero' ? 'division by zero' : m.startsWith('expecting') ? m : 'expecting primary'}: "${expr}"`,
    dotMissing: (arg0, cmd, line, n) => `${arg0}: ${line}: ${cmd}: ${n}: not found`,
    badSetOption: (n) => [`Illegal option -o ${n}`, true],
    scriptMissing: (arg0, n) => [`${arg0}: 0: cannot open ${n}: No such file`, 2],
  },
};

function lineCount(src: string): number {
  let n = 1;
  for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) n++;
  return n;
}
