/**
 * bash 5.2 (/bin/bash of Debian-based images; /bin/sh of the Oracle Linux based mysql image).
 * Models bash's error wording (`bash: line 1: foo: command not found`, `syntax error near unexpected
 * token`), its exit statuses (1 for most errors, 127 for an unset parameter) and its syntax
 * extensions, which the parser reads when `bashSyntax` is set.
 */
import { ASH, type Dialect } from './dialect';

export const BASH: Dialect = {
  name: 'bash',
  bashSyntax: true,
  firstLine: 1,
  where: (arg0, line) => `${arg0}: line ${line}: `,
  builtin: (arg0, cmd, line, msg) => `${arg0}: line ${line}: ${cmd ? cmd + ': ' : ''}${msg}`,
  utilityPrefix(arg0, cmd, line) { return this.builtin(arg0, cmd, line, ''); },
  execNotFound(arg0, line, name) { return this.builtin(arg0, 'exec', line, `${name}: not found`); },
  notFound: (name) => `${name}: command not found`,
  syntax: (e, arg0, src) => {
    const line = e.line ?? 1;
    if (e.token === undefined) {
      if (/^unterminated quoted string/.test(e.message)) return `${arg0}: -c: line ${line}: unexpected EOF while looking for matching \`${e.expecting ?? '"'}'\n`;
      return `${arg0}: -c: line ${line}: syntax error: ${e.message}\n`;
    }
    if (e.token === 'end of file') return `${arg0}: -c: line ${line + 1}: syntax error: unexpected end of file\n`;
    const token = e.token === 'newline' ? 'newline' : e.token.replace(/^"(.*)"$/, '$1');
    const text = src.split('\n')[line - 1] ?? '';
    return `${arg0}: -c: line ${line}: syntax error near unexpected token \`${token}'\n${arg0}: -c: line ${line}: \`${text}'\n`;
  },
  fatalStatus: { unset: 127, other: 1 },
  builtinStatus: 1,
  redirStatus: 1,
  shiftTooFar: null,
  unsupportedOps: new Set(),
  lacks: new Set(),
  specialErrorsFatal: false,
  typeNotFound: { toStderr: true, status: 1 },
  loopCtlOutside: `only meaningful in a \`for', \`while', or \`until' loop`,
  returnOutside: "can only `return' from a function or sourced script",
  sourceSearchesCwd: true,
  // bookworm ships bash 5.2.15, trixie 5.2.37.
  getopts: {
    illegal: (a, c) => `${a}: illegal option -- ${c}`, noArg: (a, c) => `${a}: option requires an argument -- ${c}`, clearsOptarg: false,
  },
  readNeedsName: false,
  arithExtensions: true,
  ashVariables: false,
  reportsSignaled: false,
  bashVariables: true,
  builtinOptions: true,
  printf: {
    badNumber: (a) => `${a}: invalid number`, usage: ['printf: usage: printf [-v var] format [arguments]', 2, true],
    badConversion: (c) => [`%${c}: invalid format character`, 1],
  },
  testError: (m) => m.replace(/^(.*): bad number$/, '$1: integer expression expected'),
  // builtins/common.c sh_wrerror: `bash: line 1: echo: write error: No space left on device`.
  writeError(arg0, cmd, line, why) { return this.builtin(arg0, cmd, line, `write error: ${why}`); },
  // Models Debian's bash DEFAULT_PATH_VALUE (config-top.h, with the trailing `.`), not exported.
  defaultPath: { value: '/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin:.', exported: false },
  // SHLVL counts nested bash shells (exported).
  initialVars: (release, env, proc) => {
    const patch = release === 'trixie' ? '37' : '15';
    // A non-interactive bash has IFS, OPTIND, PS4 and PPID set, and no PS1 or PS2.
    return {
      IFS: ' \t\n', OPTIND: '1', PS4: '+ ', PPID: String(proc.ppid),
      BASH_VERSION: `5.2.${patch}(1)-release`, BASH_VERSINFO: ['5', '2', patch, '1', 'release', 'x86_64-pc-linux-gnu'],
      SHLVL: String((Number(env.get('SHLVL')) || 0) + 1),
    };
  },
  typeSaysSpecial: false,
  setOptions: ASH.setOptions,
  echo: ASH.echo,
  msg: {
    ...ASH.msg,
    cantCd: (t, why) => `${t}: ${why}`,
    badNumber: (a) => `${a}: numeric argument required`,
    notInFunction: 'can only be used in a function',
    readOnly: (n) => `${n}: readonly variable`,
    unsetReadOnly: (n) => `${n}: cannot unset: readonly variable`,
    badName: (n) => `\`${n}': not a valid identifier`,
    unbound: (n) => `${n}: unbound variable`,
    redirect: (t, _create, why) => `${t}: ${why}`,
    paramNull: (n, colon) => `${n}: ${colon ? 'parameter null or not set' : 'parameter not set'}`,
    badSubst: (raw) => `${raw}: bad substitution`,
    arith: (m, expr) => (m === 'divide by zero' ? `${expr}: division by 0` : `${expr}: syntax error: operand expected`),
    dotMissing: (arg0, _cmd, line, n) => `${arg0}: line ${line}: ${n}: No such file or directory`,
    badSetOption: (n) => [`${n}: invalid option name`, true],
    scriptMissing: (arg0, n) => [`${arg0}: ${n}: No such file or directory`, 127],
  },
};
