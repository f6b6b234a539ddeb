/**
 * test / [ / [[. Models busybox coreutils/test.c: the POSIX special cases for 1–3 arguments,
 * then its recursive descent (oexpr/aexpr/nexpr/primary) with `argument expected`,
 * `unknown operand`, `bad number` diagnostics and status 2 on error. `[[ … ]]` (busybox's BASH_TEST2) is the same
 * test with `&&`/`||` for -a/-o (which become operands), `=`/`==`/`!=` as glob matches (STRING = PATTERN) and
 * `=~` as an extended regex match (a bad regex: status 2, silently).
 */
import type { Cred } from '../fs/resolve';
import { allowed } from '../fs/resolve';
import type { FsView } from '../fs/view';
import { matchPattern, type PatternCache } from '../shell/pattern';
import { POSIX_EXTENDED, Regex } from './regex/index';

const UNARY = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-b', '-c', '-p', '-S', '-z', '-n', '-t', '-k', '-u', '-g', '-G', '-O']);
const BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef', '<', '>']);

class TestErr { constructor(readonly msg: string) {} }
class BadRegex {}

/** `[[ … ]]`: the pattern matchers its glob matches use; null for test and `[`. */
type T2 = PatternCache | null;

export interface TestResult { status: number; error?: string }

/** `pat`: the shell's pattern matchers, for the glob matches of `[[ … ]]` (the applet has none and keeps its own). */
export function testEval(argv: readonly string[], fs: FsView, cwd: string, cred: Cred, pat: PatternCache = new Map()): TestResult {
  let args = argv.slice(1);
  if (argv[0] === '[' || argv[0] === '[[') {
    const close = argv[0] === '[' ? ']' : ']]';
    if (args[args.length - 1] !== close) return { status: 2, error: `missing ${close}` };
    args = args.slice(0, -1);
  }
  try {
    return { status: evaluate(args, fs, cwd, cred, argv[0] === '[[' ? pat : null) ? 0 : 1 };
  } catch (e) {
    if (e instanceof BadRegex) return { status: 2 };
    if (e instanceof TestErr) return { status: 2, error: e.msg };
    throw e;
  }
}

function num(s: string): number {
  const t = s.trim();
  if (!/^[-+]?[0-9]+$/.test(t)) throw new TestErr(`${s}: bad number`);
  return Number(t);
}

function evaluate(args: string[], fs: FsView, cwd: string, cred: Cred, t2: T2): boolean {
  let negate = false;
  for (;;) {
    if (args.length === 0) return negate;
    if (args.length === 1) return (args[0] !== '') !== negate;
    if (args.length === 3 && isBinary(args[1], t2)) return binop(args[0], args[1], args[2], fs, cwd, cred, t2) !== negate;
    if (args[0] === '!') { args = args.slice(1); negate = !negate; continue; }
    break;
  }
  const p = new Parse(args, fs, cwd, cred, t2);
  const r = p.oexpr();
  if (p.i < args.length) throw new TestErr(`${args[p.i]}: unknown operand`);
  return r !== negate;
}

class Parse {
  i = 0;
  constructor(readonly a: string[], readonly fs: FsView, readonly cwd: string, readonly cred: Cred, readonly t2: T2) {}
  oexpr(): boolean {
    const l = this.aexpr();
    if (this.a[this.i] === (this.t2 ? '||' : '-o')) { this.i++; return this.oexpr() || l; }
    return l;
  }
  aexpr(): boolean {
    const l = this.nexpr();
    if (this.a[this.i] === (this.t2 ? '&&' : '-a')) { this.i++; return this.aexpr() && l; }
    return l;
  }
  nexpr(): boolean {
    if (this.a[this.i] === '!') { this.i++; return !this.nexpr(); }
    return this.primary();
  }
  primary(): boolean {
    const t = this.a[this.i];
    if (t === undefined) throw new TestErr('argument expected');
    if (t === '(' ) {
      this.i++;
      const r = this.oexpr();
      if (this.a[this.i] !== ')') throw new TestErr('closing paren expected');
      this.i++;
      return r;
    }
    if (UNARY.has(t) && this.i + 1 < this.a.length) {
      const arg = this.a[this.i + 1];
      this.i += 2;
      return unary(t, arg, this.fs, this.cwd, this.cred);
    }
    const op = this.a[this.i + 1];
    if (op !== undefined && isBinary(op, this.t2)) {
      const r = this.a[this.i + 2];
      if (r === undefined) throw new TestErr(`${op}: argument expected`);
      this.i += 3;
      return binop(t, op, r, this.fs, this.cwd, this.cred, this.t2);
    }
    this.i++;
    return t !== '';
  }
}

function unary(op: string, arg: string, fs: FsView, cwd: string, cred: Cred): boolean {
  if (op === '-z') return arg === '';
  if (op === '-n') return arg !== '';
  if (op === '-t') return false;
  let n;
  try {
    n = op === '-L' || op === '-h' ? fs.lstat(arg, cwd, cred).node : fs.stat(arg, cwd, cred).node;
  } catch {
    return false;
  }
  switch (op) {
    case '-e': return true;
    case '-f': return n.kind === 'file';
    case '-d': return n.kind === 'dir';
    case '-L': case '-h': return n.kind === 'symlink';
    case '-s': return n.kind === 'file' ? n.data.length > 0 || (n.fixedSize ?? 0) > 0 : n.kind === 'dir';
    case '-r': return allowed(n, cred, 4);
    case '-w': return allowed(n, cred, 2) && !fs.readOnlyRoot;
    case '-x': return allowed(n, cred, 1) && (n.kind === 'dir' || (n.mode & 0o111) !== 0);
    case '-c': return n.kind === 'dev';
    case '-b': case '-p': case '-S': return false;
    case '-k': return (n.mode & 0o1000) !== 0;
    case '-u': return (n.mode & 0o4000) !== 0;
    case '-g': return (n.mode & 0o2000) !== 0;
    case '-O': return n.uid === cred.uid;
    case '-G': return n.gid === cred.gid;
  }
  return false;
}

const isBinary = (op: string, t2: T2): boolean => BINARY.has(op) || (t2 !== null && op === '=~');

function binop(l: string, op: string, r: string, fs: FsView, cwd: string, cred: Cred, t2: T2): boolean {
  // The shell's glob matcher: a pattern with many stars matches by states, never by backtracking.
  if (t2 !== null && (op === '=' || op === '==' || op === '!=')) return matchPattern(t2, r, l) !== (op === '!=');
  if (op === '=~') {
    let re: Regex;
    try {
      re = new Regex(r, POSIX_EXTENDED);
    } catch {
      throw new BadRegex();
    }
    return re.test(l);
  }
  switch (op) {
    case '=': case '==': return l === r;
    case '!=': return l !== r;
    case '<': return l < r;
    case '>': return l > r;
    case '-eq': return num(l) === num(r);
    case '-ne': return num(l) !== num(r);
    case '-lt': return num(l) < num(r);
    case '-le': return num(l) <= num(r);
    case '-gt': return num(l) > num(r);
    case '-ge': return num(l) >= num(r);
  }
  const a = fs.exists(l, cwd, cred);
  const b = fs.exists(r, cwd, cred);
  if (op === '-ef') return a !== null && a === b;
  if (op === '-nt') return a !== null && (b === null || a.mtime > b.mtime);
  return b !== null && (a === null || a.mtime < b.mtime);
}
