/**
 * find (busybox findutils/find.c): a walk of each path in directory order (the order entries were made;
 * a real ext4 or overlay directory lists them in hash order, which no model can reproduce), the
 * expression of findExpr.ts evaluated on every entry, -exec run as child processes.
 */
import type { Inode } from '../fs/tree';
import { inodeSize } from '../fs/tree';
import { allowed } from '../fs/resolve';
import type { Ctx } from '../shell/sys';
import { err, errnoMsg, idForName, out, under, type Applet, type G } from './lib';
import { parseFind, type Expr, type Parsed, type Test } from './findExpr';
import { spawnAndWait } from './xargs';

const TRUE = 1;
const SKIP = 2;

class Quit {}

interface Walk {
  ctx: Ctx;
  p: Parsed;
  status: number;
  /** Resolved operands of -newer, -samefile, -user, -group (looked up once). */
  refs: Map<Test, number | Inode>;
}

function baseName(path: string): string {
  // `find DIR/ -name DIR` matches: trailing slashes are not part of the name.
  const s = path.replace(/\/+$/, '');
  if (s === '') return '/';
  return s.slice(s.lastIndexOf('/') + 1);
}

function cmp(c: string, v: number, n: number): boolean {
  return c === '+' ? v > n : c === '-' ? v < n : v === n;
}

function* runTest(w: Walk, test: Test, path: string, n: Inode): G<number> {
  const { ctx } = w;
  switch (test.t) {
    case 'name': return test.re.test(baseName(path)) ? TRUE : 0;
    case 'path': case 'regex': return test.re.test(path) ? TRUE : 0;
    case 'type': return n.kind === test.kind ? TRUE : 0;
    case 'perm': {
      const m = n.mode & 0o7777;
      if (test.c === '+' || test.c === '/') return (m & test.mask) !== 0 ? TRUE : 0;
      if (test.c === '-') return (m & test.mask) === test.mask ? TRUE : 0;
      return m === test.mask ? TRUE : 0;
    }
    case 'mtime': {
      const age = Math.floor(ctx.k.wallMs() / 1000) - Math.floor((ctx.k.epochMs + n.mtime) / 1000);
      const lim = test.n * test.unit;
      if (test.c === '+') return age >= lim + test.unit ? TRUE : 0;
      if (test.c === '-') return age < lim ? TRUE : 0;
      return age >= lim && age < lim + test.unit ? TRUE : 0;
    }
    case 'newer': return Math.floor(n.mtime / 1000) > (w.refs.get(test) as number) ? TRUE : 0;
    case 'samefile': return n === w.refs.get(test) ? TRUE : 0;
    case 'inum': return n.ino === test.n ? TRUE : 0;
    case 'user': return n.uid === w.refs.get(test) ? TRUE : 0;
    case 'group': return n.gid === w.refs.get(test) ? TRUE : 0;
    case 'size': return cmp(test.c, inodeSize(n), test.n) ? TRUE : 0;
    case 'links': return cmp(test.c, n.nlink, test.n) ? TRUE : 0;
    case 'paren': return yield* evalExpr(w, test.expr, path, n);
    case 'print': yield* out(ctx, path + '\n'); return TRUE;
    case 'print0': yield* out(ctx, path + '\0'); return TRUE;
    case 'prune': return SKIP | TRUE;
    case 'quit': throw new Quit();
    case 'empty':
      if (n.kind === 'dir') return ctx.fs.readdir(path, ctx.cwd, ctx.cred).length === 0 ? TRUE : 0;
      return n.kind === 'file' && inodeSize(n) === 0 ? TRUE : 0;
    case 'executable': return allowed(n, ctx.cred, 1) ? TRUE : 0;
    case 'delete':
      try {
        if (n.kind === 'dir') { if (path !== '.') ctx.fs.rmdir(path, ctx.cwd, ctx.cred); } else ctx.fs.unlink(path, ctx.cwd, ctx.cred);
      } catch (e) {
        err(ctx, `${path}: ${errnoMsg(e)}`);
      }
      return TRUE;
    case 'exec':
      if (test.plus) { test.list.push(path); return TRUE; }
      return (yield* spawnAndWait(ctx, test.argv.map((a) => a.split('{}').join(path)))) === 0 ? TRUE : 0;
  }
}

/** busybox's exec_actions: the first group whose actions all succeed; -prune's SKIP sticks either way. */
function* evalExpr(w: Walk, expr: Expr, path: string, n: Inode): G<number> {
  let rc = 0;
  for (const group of expr) {
    rc &= ~TRUE;
    let failed = false;
    for (const a of group) {
      rc |= TRUE ^ ((yield* runTest(w, a.test, path, n)) & (TRUE | SKIP));
      if (a.invert) rc ^= TRUE;
      if (rc & TRUE) { failed = true; break; }
    }
    if (!failed) return rc ^ TRUE;
  }
  return rc ^ TRUE;
}

/** One entry: returns false when it could not be read (reported, status 1). */
function* visit(w: Walk, path: string, depth: number): G<void> {
  const { ctx, p } = w;
  let n: Inode;
  try {
    const follow = p.follow || (depth === 0 && w.refs.has(FOLLOW_L0));
    n = (follow ? ctx.fs.stat(path, ctx.cwd, ctx.cred) : ctx.fs.lstat(path, ctx.cwd, ctx.cred)).node;
  } catch (e) {
    err(ctx, `${path}: ${errnoMsg(e)}`);
    w.status = 1;
    return;
  }
  const act = function* (): G<number> {
    if (depth < p.minDepth) return TRUE;
    if (depth > p.maxDepth) return SKIP;
    const r = yield* evalExpr(w, p.expr, path, n);
    if ((r & TRUE) && p.needPrint) yield* out(ctx, path + '\n');
    if (n.kind === 'dir' && depth === p.maxDepth) return SKIP;
    return r & SKIP ? SKIP : TRUE;
  };
  if (n.kind !== 'dir') { yield* act(); return; }
  if (!p.depthFirst && (yield* act()) === SKIP) return;
  let names: string[];
  try {
    names = ctx.fs.readdir(path, ctx.cwd, ctx.cred);
  } catch (e) {
    err(ctx, `${path}: ${errnoMsg(e)}`);
    w.status = 1;
    return;
  }
  for (const name of names) yield* visit(w, under(path, name), depth + 1);
  if (p.depthFirst) yield* act();
}

/** A marker in `refs` for -H (follow symlinks named on the command line). */
const FOLLOW_L0: Test = { t: 'print' };

function* flushPlus(w: Walk, expr: Expr): G<boolean> {
  for (const group of expr) {
    for (const a of group) {
      if (a.test.t === 'paren' && !(yield* flushPlus(w, a.test.expr))) return false;
      if (a.test.t !== 'exec' || !a.test.plus || a.test.list.length === 0) continue;
      const list = a.test.list.splice(0);
      const argv = a.test.argv.flatMap((s) => (s.includes('{}') ? list.map((f) => s.replace('{}', f)) : [s]));
      let ok = (yield* spawnAndWait(w.ctx, argv)) === 0;
      if (a.invert) ok = !ok;
      if (!ok) return false;
    }
  }
  return true;
}

function* resolveRefs(w: Walk, expr: Expr): G<string | null> {
  const { ctx } = w;
  for (const group of expr) {
    for (const { test } of group) {
      if (test.t === 'paren') { const e = yield* resolveRefs(w, test.expr); if (e) return e; }
      if (test.t === 'newer' || test.t === 'samefile') {
        try {
          const node = (test.t === 'newer' || w.p.follow ? ctx.fs.stat(test.path, ctx.cwd, ctx.cred) : ctx.fs.lstat(test.path, ctx.cwd, ctx.cred)).node;
          w.refs.set(test, test.t === 'newer' ? Math.floor(node.mtime / 1000) : node);
        } catch (e) {
          return test.t === 'newer' ? `can't stat '${test.path}': ${errnoMsg(e)}` : `can't stat '${test.path}': ${errnoMsg(e)}`;
        }
      }
      if (test.t === 'user' || test.t === 'group') {
        const id = idForName(ctx, test.t === 'user' ? '/etc/passwd' : '/etc/group', test.name);
        if (id === null) return `unknown ${test.t} ${test.name}`;
        w.refs.set(test, id);
      }
    }
  }
  return null;
}

export const find: Applet = function* (ctx) {
  const args = ctx.argv.slice(1);
  let i = 0;
  let followL0 = false;
  let follow = false;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { i++; break; }
    if (!/^-[HLP]+$/.test(a)) break;
    if (a.includes('H')) followL0 = true;
    if (a.includes('L')) follow = true;
  }
  const paths: string[] = [];
  for (; i < args.length && args[i][0] !== '-' && args[i] !== '!' && args[i] !== '('; i++) paths.push(args[i]);
  if (paths.length === 0) paths.push('.');
  const parsed = parseFind(args.slice(i), { expr: [], needPrint: true, depthFirst: false, minDepth: 0, maxDepth: Infinity, follow });
  if (typeof parsed === 'string') { err(ctx, parsed); return 1; }
  const w: Walk = { ctx, p: parsed, status: 0, refs: new Map() };
  if (followL0) w.refs.set(FOLLOW_L0, 0);
  const bad = yield* resolveRefs(w, parsed.expr);
  if (bad) { err(ctx, bad); return 1; }
  try {
    for (const p of paths) yield* visit(w, p, 0);
  } catch (e) {
    if (e instanceof Quit) return w.status;
    throw e;
  }
  if (!(yield* flushPlus(w, parsed.expr))) w.status |= 1;
  return w.status;
};

