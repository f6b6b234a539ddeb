/**
 * find's expression, parsed as busybox findutils/find.c does: groups of actions ANDed together, the
 * groups ORed (`-o` starts a new group), `!` inverting the next action, `( … )` a nested expression.
 * Parse errors are busybox's texts; the caller prints them and exits 1.
 */
import { POSIX_BASIC, Regex, RegexError } from './regex/index';
import { applyMode } from './more';
import { matchPattern, type PatternCache } from '../shell/pattern';

/** A name or path test's matcher. */
interface Matches { test(s: string): boolean }

export type Test =
  | { t: 'name'; re: Matches } | { t: 'path'; re: Matches } | { t: 'regex'; re: Matches }
  | { t: 'type'; kind: string } | { t: 'perm'; c: string; mask: number }
  | { t: 'mtime'; c: string; n: number; unit: number } | { t: 'newer'; path: string }
  | { t: 'inum'; n: number } | { t: 'user'; name: string } | { t: 'group'; name: string }
  | { t: 'size'; c: string; n: number } | { t: 'links'; c: string; n: number }
  | { t: 'paren'; expr: Expr } | { t: 'print' } | { t: 'print0' } | { t: 'prune' } | { t: 'quit' }
  | { t: 'delete' } | { t: 'empty' } | { t: 'executable' } | { t: 'samefile'; path: string }
  | { t: 'exec'; argv: string[]; plus: boolean; list: string[] };

export interface Action { test: Test; invert: boolean }
export type Expr = Action[][];

export interface Parsed {
  expr: Expr;
  needPrint: boolean;
  depthFirst: boolean;
  minDepth: number;
  maxDepth: number;
  follow: boolean;
}

/** Arguments that take a value (busybox: "All options/actions starting from -name require argument"). */
const WITH_ARG = new Set(['-name', '-iname', '-path', '-wholename', '-ipath', '-regex', '-type', '-perm', '-mtime', '-atime',
  '-ctime', '-mmin', '-amin', '-cmin', '-newer', '-inum', '-samefile', '-user', '-group', '-size', '-links', '-mindepth', '-maxdepth']);

class FindError extends Error {}

/**
 * fnmatch without FNM_PATHNAME (with FNM_CASEFOLD for -iname and -ipath: both sides folded) through the
 * shell's pattern matcher, which takes many stars by states: `-name '*a*a*a*a*b'` never backtracks.
 */
function glob(pat: string, fold: boolean): Matches {
  const cache: PatternCache = new Map();
  const p = fold ? pat.toLowerCase() : pat;
  return { test: (s) => matchPattern(cache, p, fold ? s.toLowerCase() : s) };
}

function num(s: string): number {
  if (!/^[0-9]+$/.test(s)) throw new FindError(`invalid number '${s}'`);
  return Number(s);
}

const SIZE_UNITS: Record<string, number> = { c: 1, w: 2, b: 512, k: 1024, '': 512 };

export function parseFind(args: readonly string[], opts: Parsed): Parsed | string {
  try {
    opts.expr = parseExpr(args, opts);
    return opts;
  } catch (e) {
    if (e instanceof FindError) return e.message;
    throw e;
  }
}

function parseExpr(args: readonly string[], g: Parsed): Expr {
  const groups: Expr = [[]];
  let invert = false;
  const add = (test: Test) => { groups[groups.length - 1].push({ test, invert }); invert = false; };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let v = '';
    if (WITH_ARG.has(a)) {
      if (i + 1 >= args.length) throw new FindError(`${a} requires an argument`);
      v = args[++i];
    }
    const sign = v[0] === '+' || v[0] === '-' ? v[0] : '';
    const unsigned = sign ? v.slice(1) : v;
    switch (a) {
      case '-follow': g.follow = true; break;
      case '-xdev': break;
      case '-depth': g.depthFirst = true; break;
      case '-mindepth': g.minDepth = num(v); break;
      case '-maxdepth': g.maxDepth = num(v); break;
      case '-a': case '-and': break;
      case '-o': case '-or': groups.push([]); break;
      case '!': case '-not': invert = !invert; break;
      case '-print': g.needPrint = false; add({ t: 'print' }); break;
      case '-print0': g.needPrint = false; add({ t: 'print0' }); break;
      case '-prune': add({ t: 'prune' }); break;
      case '-quit': add({ t: 'quit' }); break;
      case '-delete': g.needPrint = false; g.depthFirst = true; add({ t: 'delete' }); break;
      case '-empty': add({ t: 'empty' }); break;
      case '-executable': add({ t: 'executable' }); break;
      case '-exec': {
        g.needPrint = false;
        const argv: string[] = [];
        let j = i + 1;
        for (;; j++) {
          if (j >= args.length) throw new FindError('-exec requires an argument');
          if (args[j] === ';' || args[j] === '+') break;
          argv.push(args[j]);
        }
        if (argv.length === 0) throw new FindError('-exec requires an argument');
        const plus = args[j] === '+';
        if (plus && argv.reduce((n, s) => n + s.split('{}').length - 1, 0) !== 1) throw new FindError(`only one '{}' allowed for -exec +`);
        add({ t: 'exec', argv, plus, list: [] });
        i = j;
        break;
      }
      case '(': {
        let depth = 1;
        let j = i;
        for (;;) {
          if (++j >= args.length) throw new FindError(`unpaired '('`);
          if (args[j] === '(') depth++;
          else if (args[j] === ')' && --depth === 0) break;
        }
        add({ t: 'paren', expr: parseExpr(args.slice(i + 1, j), g) });
        i = j;
        break;
      }
      case '-name': case '-iname': add({ t: 'name', re: glob(v, a === '-iname') }); break;
      case '-path': case '-wholename': case '-ipath': add({ t: 'path', re: glob(v, a === '-ipath') }); break;
      case '-regex': add({ t: 'regex', re: wholeMatch(v) }); break;
      case '-type': {
        const kind = { f: 'file', d: 'dir', l: 'symlink', c: 'dev', b: 'block', p: 'fifo', s: 'socket' }[v];
        if (!kind || v.length !== 1) throw new FindError(`invalid argument '${v}' to '-type'`);
        add({ t: 'type', kind });
        break;
      }
      case '-perm': {
        const spec = v[0] === '/' ? v.slice(1) : unsigned;
        const mask = applyMode(spec, 0, false, 0);
        if (mask === null) throw new FindError(`invalid mode '${spec}'`);
        add({ t: 'perm', c: v[0], mask });
        break;
      }
      case '-mtime': case '-atime': case '-ctime': add({ t: 'mtime', c: sign, n: num(unsigned), unit: 86400 }); break;
      case '-mmin': case '-amin': case '-cmin': add({ t: 'mtime', c: sign, n: num(unsigned), unit: 60 }); break;
      case '-newer': add({ t: 'newer', path: v }); break;
      case '-inum': add({ t: 'inum', n: num(v) }); break;
      case '-user': add({ t: 'user', name: v }); break;
      case '-group': add({ t: 'group', name: v }); break;
      case '-size': {
        const m = /^([0-9]+)([cwbk]?)$/.exec(unsigned);
        if (!m) throw new FindError(`invalid number '${unsigned}'`);
        add({ t: 'size', c: sign, n: Number(m[1]) * SIZE_UNITS[m[2]] });
        break;
      }
      case '-links': add({ t: 'links', c: sign, n: num(unsigned) }); break;
      case '-samefile': add({ t: 'samefile', path: v }); break;
      default: throw new FindError(`unrecognized: ${a}`);
    }
  }
  return groups;
}

/** -regex: regexec's leftmost-longest match must be the whole path (busybox find's rm_so and rm_eo checks). */
function wholeMatch(src: string): Matches {
  let re: Regex;
  try {
    re = new Regex(src, POSIX_BASIC);
  } catch (e) {
    if (e instanceof RegexError) throw new FindError(`bad regex '${src}': ${e.message}`);
    throw e;
  }
  return { test: (s) => { const m = re.extent(s); return m !== null && m[0] === 0 && m[1] === s.length; } };
}
