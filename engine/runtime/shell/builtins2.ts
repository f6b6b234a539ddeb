/* eslint-disable require-yield -- every builtin and applet is a generator with one signature; some never block. */
/** Builtins for variables, options, directories, input and command lookup (ash.c). */
import type { Block } from './kernel';
import type { Shell } from './shell';
import { ExitErr } from './state';
import { readLineOf, writeFd } from './sys';
import { FsError } from '../fs/errors';
import { setArray } from './bashEval';
import { applyMode } from '../programs/more';

type B = (sh: Shell, argv: string[]) => Generator<Block, number, unknown>;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Single-quote a value as `export -p`/`set` print it. */
export function quoteValue(v: string): string {
  return "'" + v.replace(/'/g, `'"'"'`) + "'";
}

/** Textual normalisation of a logical path (ash's cd -L). */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** A builtin's leading options (ash nextopt): the letters in `known`, and where the operands start. */
function builtinOpts(sh: Shell, argv: string[], known: string): { flags: string[]; next: number } {
  const flags: string[] = [];
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { i++; break; }
    if (a[0] !== '-' || a === '-') break;
    for (const ch of a.slice(1)) {
      if (!known.includes(ch)) sh.builtinError(`illegal option -${ch}`);
      flags.push(ch);
    }
  }
  return { flags, next: i };
}

const cd: B = function* (sh, argv) {
  const o = builtinOpts(sh, argv, 'LP');
  // The last of -L and -P counts; -P resolves symbolic links (PWD becomes the physical path).
  const physical = o.flags.lastIndexOf('P') > o.flags.lastIndexOf('L');
  let target = argv[o.next];
  let print = false;
  if (target === undefined) {
    target = sh.d.vars.get('HOME') ?? '';
    if (target === '') return 0;
  } else if (target === '-') {
    target = sh.d.vars.get('OLDPWD') ?? sh.d.cwd;
    print = true;
  }
  let abs = normalizePath(target[0] === '/' ? target : sh.d.cwd + '/' + target);
  try {
    if (physical) abs = sh.fs.resolve(target, sh.d.cwd, sh.cred, true).path || abs;
    const st = sh.fs.stat(abs, '/', sh.cred);
    if (st.node.kind !== 'dir') throw new FsError('ENOTDIR');
    // Search permission on the directory itself (the walk checks it on the way to `.`); `.` rather than
    // `abs/.` keeps a path of PATH_MAX - 2 characters, which chdir(2) takes.
    sh.fs.resolve('.', abs, sh.cred);
  } catch (e) {
    if (e instanceof FsError) sh.builtinError(sh.d.dialect.msg.cantCd(target, e.message));
    throw e;
  }
  sh.d.vars.set('OLDPWD', sh.d.cwd);
  sh.d.cwd = abs;
  sh.d.vars.set('PWD', abs);
  if (print) yield* writeFd(sh.k, sh.p, 1, abs + '\n');
  return 0;
};

const pwd: B = function* (sh) {
  yield* writeFd(sh.k, sh.p, 1, sh.d.cwd + '\n');
  return 0;
};

function exportLike(ro: boolean): B {
  return function* (sh, argv) {
    const args = argv.slice(1).filter((a) => a !== '-p');
    if (args.length === 0) {
      const lines: string[] = [];
      for (const [n, v] of [...sh.d.vars.map].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        if (ro ? !v.ro : !v.exp) continue;
        lines.push(`${ro ? 'readonly' : 'export'} ${n}${v.v === undefined ? '' : '=' + quoteValue(v.v)}\n`);
      }
      yield* writeFd(sh.k, sh.p, 1, lines.join(''));
      return 0;
    }
    for (const a of args) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (!NAME.test(name)) sh.builtinError(sh.d.dialect.msg.badName(name));
      if (eq >= 0) sh.assign(name, a.slice(eq + 1));
      let v = sh.d.vars.own.get(name);
      if (!v) { v = { v: undefined, exp: false, ro: false }; sh.d.vars.own.set(name, v); }
      if (ro) v.ro = true;
      else v.exp = true;
    }
    return 0;
  };
}

const unset: B = function* (sh, argv) {
  let funcs = false;
  for (const a of argv.slice(1)) {
    if (a === '-f') { funcs = true; continue; }
    if (a === '-v') { funcs = false; continue; }
    if (funcs) { sh.d.funcs.delete(a); continue; }
    // bash: `unset 'a[i]'` removes one element.
    const elem = sh.d.dialect.builtinOptions ? /^([A-Za-z_][A-Za-z0-9_]*)\[(.+)\]$/.exec(a) : null;
    if (elem) { unsetElement(sh, elem[1], sh.arithOf(elem[2])); continue; }
    if (!NAME.test(a)) sh.builtinError(sh.d.dialect.msg.badName(a));
    const v = sh.d.vars.map.get(a);
    if (v && v.ro) sh.builtinError(sh.d.dialect.msg.unsetReadOnly(a));
    if (v) sh.d.vars.own.delete(a);
  }
  return 0;
};

function unsetElement(sh: Parameters<B>[0], name: string, i: number): void {
  const v = sh.d.vars.own.get(name);
  if (!v) return;
  if (v.ro) sh.builtinError(sh.d.dialect.msg.unsetReadOnly(name));
  if (!v.arr) { if (i === 0) sh.d.vars.own.delete(name); return; }
  v.arr.delete(i);
  v.v = v.arr.get(0);
}

const LONG_OPTS: Record<string, 'e' | 'u' | 'x' | 'f' | 'n' | 'v' | 'C' | 'pipefail'> = {
  errexit: 'e', nounset: 'u', xtrace: 'x', noglob: 'f', noexec: 'n', verbose: 'v', noclobber: 'C', pipefail: 'pipefail',
};

const set: B = function* (sh, argv) {
  if (argv.length === 1) {
    const lines = [...sh.d.vars.map].filter(([, v]) => v.v !== undefined).sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([n, v]) => `${n}=${quoteValue(v.v!)}\n`);
    yield* writeFd(sh.k, sh.p, 1, lines.join(''));
    return 0;
  }
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { i++; sh.d.pos = argv.slice(i); return 0; }
    if (a === '-' ) { i++; break; }
    if ((a[0] !== '-' && a[0] !== '+') || a.length < 2) break;
    const on = a[0] === '-';
    // Options cluster (-eu); an `o` in the cluster takes the next argument as its name (set -euo pipefail).
    for (const c of a.slice(1)) {
      if (c !== 'o') {
        if (!'eufxnvC'.includes(c)) sh.builtinError(`illegal option ${a[0]}${c}`);
        sh.d.opt[c as 'e'] = on;
        continue;
      }
      const name = argv[++i];
      if (name === undefined) {
        const lines = Object.entries(LONG_OPTS).map(([n, k]) => `${n.padEnd(16)}${sh.d.opt[k] ? 'on' : 'off'}\n`);
        yield* writeFd(sh.k, sh.p, 1, lines.join(''));
        continue;
      }
      const k = sh.d.dialect.setOptions.has(name) ? LONG_OPTS[name] : undefined;
      if (!k) {
        const [msg, fatal] = sh.d.dialect.msg.badSetOption(name);
        if (fatal) return sh.builtinError(msg);
        sh.writeErrSync(sh.d.dialect.builtin(sh.d.arg0, 'set', sh.line, msg) + '\n');
        return 1;
      }
      sh.d.opt[k] = on;
    }
  }
  if (i < argv.length) sh.d.pos = argv.slice(i);
  return 0;
};

const read: B = function* (sh, argv) {
  let raw = false;
  let i = 1;
  // bash's `read -a NAME` splits the line into an array.
  let arrayName: string | null = null;
  // Option clusters (-rs); p, t, n, u, d take a value (the prompt is not shown: stdin is no terminal).
  for (; i < argv.length && /^-[A-Za-z]+$/.test(argv[i]); i++) {
    for (const c of argv[i].slice(1)) {
      if (c === 'r') raw = true;
      else if (c === 'a' && sh.d.dialect.builtinOptions) arrayName = argv[++i] ?? '';
      else if ('ptnud'.includes(c)) i++;
    }
  }
  const names = argv.slice(i);
  if (names.length === 0 && sh.d.dialect.readNeedsName) sh.builtinError('arg count');
  if (names.length === 0) names.push('REPLY');
  const of = sh.p.fds[0];
  let text = '';
  let eof = true;
  if (of) {
    for (;;) {
      const r = yield* readLineOf(sh.k, of);
      if (r === null) break;
      let [line] = r;
      eof = !r[1];
      if (!raw && line.endsWith('\\') && r[1]) { text += line.slice(0, -1); continue; }
      if (!raw) line = line.replace(/\\(.)/g, '$1');
      text += line;
      if (r[1]) eof = false;
      break;
    }
  }
  const ifs = sh.d.vars.get('IFS') ?? ' \t\n';
  if (arrayName !== null) {
    setArray(sh, arrayName, splitRead(text, ifs, Infinity));
    return eof ? 1 : 0;
  }
  const fields = splitRead(text, ifs, names.length);
  for (let j = 0; j < names.length; j++) sh.assign(names[j], fields[j] ?? '');
  return eof ? 1 : 0;
};

/** `read`'s splitting: like field splitting, the last name gets the rest (trailing IFS blanks cut). */
function splitRead(s: string, ifs: string, n: number): string[] {
  const ws = (c: string) => ifs.includes(c) && (c === ' ' || c === '\t' || c === '\n');
  let i = 0;
  while (i < s.length && ws(s[i])) i++;
  const out: string[] = [];
  while (i < s.length && out.length < n - 1) {
    let j = i;
    while (j < s.length && !ifs.includes(s[j])) j++;
    out.push(s.slice(i, j));
    if (j < s.length && !ws(s[j])) j++;
    while (j < s.length && ws(s[j])) j++;
    if (j < s.length && ifs.includes(s[j]) && !ws(s[j]) && j > 0 && ws(s[j - 1])) { j++; while (j < s.length && ws(s[j])) j++; }
    i = j;
  }
  if (i < s.length) {
    let rest = s.slice(i);
    let e = rest.length;
    while (e > 0 && ws(rest[e - 1])) e--;
    rest = rest.slice(0, e);
    out.push(rest);
  }
  return out;
}

const typeB: B = function* (sh, argv) {
  let status = 0;
  let out = '';
  // bash's `type -t`: one word (keyword, function, builtin, file), nothing for an unknown name.
  const kindOnly = sh.d.dialect.builtinOptions && argv[1] === '-t';
  for (const name of argv.slice(kindOnly ? 2 : 1)) {
    const r = sh.rt.describe(sh, name);
    if (kindOnly) {
      if (r === null) status = 1;
      else out += r.kind + '\n';
      continue;
    }
    if (r === null) {
      const how = sh.d.dialect.typeNotFound;
      if (how.toStderr) sh.writeErrSync(sh.d.dialect.builtin(sh.d.arg0, 'type', sh.line, `${name}: not found`) + '\n');
      else out += `${name}: not found\n`;
      status = how.status;
    } else out += r.type + '\n';
  }
  yield* writeFd(sh.k, sh.p, 1, out);
  return status;
};

const command: B = function* (sh, argv) {
  let i = 1;
  let v = false;
  let V = false;
  for (; i < argv.length && argv[i][0] === '-'; i++) {
    if (argv[i] === '-v') v = true;
    else if (argv[i] === '-V') V = true;
    else if (argv[i] === '--') { i++; break; }
  }
  if (i >= argv.length) return 0;
  if (v || V) {
    // Models ash.c commandcmd -v: only the first name is looked up.
    const r = sh.rt.describe(sh, argv[i]);
    if (r === null) { if (V) sh.writeErrSync(`${argv[i]}: not found\n`); return sh.d.dialect.typeNotFound.status; }
    yield* writeFd(sh.k, sh.p, 1, (V ? r.type : r.short) + '\n');
    return 0;
  }
  return yield* sh.rt.runCommand(sh, argv.slice(i), true);
};

/** ash's umaskcmd: octal or (-S) symbolic output; a symbolic MODE says what stays allowed ("u=rwx,g=rx,o="). */
const umask: B = function* (sh, argv) {
  const o = builtinOpts(sh, argv, 'S');
  const mask = sh.fs.umask;
  const spec = argv[o.next];
  if (spec === undefined) {
    const sym = () => ['u', 'g', 'o'].map((who, k) => {
      const bits = (mask >> (6 - 3 * k)) & 7;
      return `${who}=${bits & 4 ? '' : 'r'}${bits & 2 ? '' : 'w'}${bits & 1 ? '' : 'x'}`;
    }).join(',');
    yield* writeFd(sh.k, sh.p, 1, (o.flags.includes('S') ? sym() : mask.toString(8).padStart(4, '0')) + '\n');
    return 0;
  }
  const numeric = /^[0-9]/.test(spec);
  const m = applyMode(spec, numeric ? mask : mask ^ 0o777, false, 0);
  if (m === null || m > 0o777) return sh.builtinError(`illegal mode: ${spec}`);
  sh.fs.umask = (numeric ? m : m ^ 0o777) & 0o777;
  return 0;
};

const exec: B = function* (sh, argv) {
  if (argv.length < 2) {
    // `exec >file`: the redirections stay.
    sh.keepRedirs = true;
    return 0;
  }
  const status = yield* sh.rt.runCommand(sh, argv.slice(1), false);
  throw new ExitErr(status);
};

const letB: B = function* (sh, argv) {
  let n = 0;
  for (const a of argv.slice(1)) n = sh.arithOf(a);
  return n === 0 ? 1 : 0;
};

const noop: B = function* () { return 0; };

export const MORE_BUILTINS: [string, B][] = [
  ['cd', cd], ['chdir', cd], ['pwd', pwd], ['export', exportLike(false)], ['readonly', exportLike(true)],
  ['unset', unset], ['set', set], ['read', read], ['type', typeB], ['command', command], ['umask', umask],
  ['exec', exec], ['let', letB], ['hash', noop], ['times', noop], ['ulimit', noop],
];

