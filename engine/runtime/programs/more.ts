/** ls, stat, chmod, chown (busybox coreutils/ls.c, stat.c, chmod.c, chown.c); kill lives in procs.ts, expr in expr.ts. */
import { utcParts } from '../../sim/time';
import { inodeSize, typeBits, type Inode } from '../fs/tree';
import type { Ctx } from '../shell/sys';
import { BB_BANNER, badOption, err, errnoMsg, errRaw, getopts, idForName, nameForId, out, stdio, type Applet } from './lib';
import { wording } from './wording';
import { sedApplet } from './sed';
import { awkApplet } from './awk';
import { kill } from './procs';
import { permString } from './modeString';
import { expr } from './expr';

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function modeString(n: Inode): string {
  const t = n.kind === 'dir' ? 'd' : n.kind === 'symlink' ? 'l' : n.kind === 'dev' ? 'c' : '-';
  return t + permString(n.mode);
}

/** The owner or group name `ls` and `stat` print: the number when the database has no name for it. */
function nameOf(ctx: Ctx, file: string, id: number): string {
  return nameForId(ctx, file, id) ?? String(id);
}

/** ls -l's time: `Mon dd hh:mm` within half a year before now (and 15 minutes ahead), else `Mon dd  yyyy`. */
function lsTime(epochMs: number, mtime: number, nowMs: number): string {
  const c = utcParts(epochMs + mtime);
  const age = Math.floor(nowMs / 1000) - Math.floor((epochMs + mtime) / 1000);
  const day = `${MON[c.m - 1]} ${String(c.d).padStart(2)}`;
  if (age < (3600 * 24 * 365) / 2 && age > -15 * 60) return `${day} ${String(c.hh).padStart(2, '0')}:${String(c.mm).padStart(2, '0')}`;
  return `${day} ${String(c.y).padStart(5)}`;
}

export const ls: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'lad1RAFhinrtSCxdLe');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const long = o.flags.has('l') || o.flags.has('n');
  const all = o.flags.has('a');
  const almost = o.flags.has('A');
  const targets = o.rest.length ? o.rest : ['.'];
  let status = 0;
  let text = '';
  /** One entry: its name line, or for -l its columns (mode, links, owner, group, size, time, name). */
  const row = (name: string, n: Inode): string[] => {
    let s = name;
    if (o.flags.has('F')) s += n.kind === 'dir' ? '/' : n.kind === 'symlink' ? '@' : n.mode & 0o111 ? '*' : '';
    if (!long) return [s];
    const user = o.flags.has('n') ? String(n.uid) : nameOf(ctx, '/etc/passwd', n.uid);
    const group = o.flags.has('n') ? String(n.gid) : nameOf(ctx, '/etc/group', n.gid);
    const size = n.kind === 'dev' ? `${n.rdev[0]}, ${n.rdev[1]}` : String(inodeSize(n));
    const target = n.kind === 'symlink' ? ` -> ${n.target}` : '';
    return [modeString(n), String(n.nlink), user, group, size, lsTime(ctx.k.epochMs, n.mtime, ctx.k.wallMs()), s + target];
  };
  const lines = (rows: string[][]): string => wording(ctx).lsColumns(rows).map((r) => r + '\n').join('');
  const sortNames = (names: string[], dir: string) => {
    const sorted = names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (o.flags.has('t')) {
      const mt = (nm: string) => ctx.fs.exists(dir + '/' + nm, ctx.cwd, ctx.cred)?.mtime ?? 0;
      sorted.sort((a, b) => mt(b) - mt(a));
    }
    if (o.flags.has('r')) sorted.reverse();
    return sorted;
  };
  const files: string[] = [];
  const dirs: string[] = [];
  for (const t of targets) {
    try {
      const n = o.flags.has('d') || (long && !o.flags.has('L') && false) ? ctx.fs.lstat(t, ctx.cwd, ctx.cred).node : ctx.fs.stat(t, ctx.cwd, ctx.cred).node;
      if (n.kind === 'dir' && !o.flags.has('d')) dirs.push(t);
      else files.push(t);
    } catch (e) {
      try {
        ctx.fs.lstat(t, ctx.cwd, ctx.cred);
        files.push(t);
      } catch {
        err(ctx, wording(ctx).lsCannotAccess(t, errnoMsg(e)));
        status = wording(ctx).lsMissingStatus;
      }
    }
  }
  text += lines(sortNames(files, '.').map((f) => row(f, ctx.fs.lstat(f, ctx.cwd, ctx.cred).node)));
  const showHeader = targets.length > 1 || o.flags.has('R');
  const listDir = (d: string, first: boolean) => {
    let names: string[];
    try {
      names = ctx.fs.readdir(d, ctx.cwd, ctx.cred);
    } catch (e) {
      err(ctx, `can't open '${d}': ${errnoMsg(e)}`);
      status = 2;
      return;
    }
    if (!all && !almost) names = names.filter((nm) => nm[0] !== '.');
    if (all && !almost) names = ['.', '..', ...names];
    names = sortNames(names, d);
    if (showHeader) text += `${first && files.length === 0 ? '' : '\n'}${d}:\n`;
    if (long) {
      let blocks = 0;
      for (const nm of names) {
        const n = ctx.fs.lstat(d + '/' + nm, ctx.cwd, ctx.cred).node;
        blocks += n.kind === 'file' ? Math.ceil(inodeSize(n) / 4096) * 4 : n.kind === 'dir' ? 4 : 0;
      }
      text += `total ${blocks}\n`;
    }
    const sub: string[] = [];
    const rows: string[][] = [];
    for (const nm of names) {
      const p = d.replace(/\/$/, '') + '/' + nm;
      const n = ctx.fs.lstat(p, ctx.cwd, ctx.cred).node;
      rows.push(row(nm, n));
      if (o.flags.has('R') && n.kind === 'dir' && nm !== '.' && nm !== '..') sub.push(p);
    }
    text += lines(rows);
    for (const s of sub) listDir(s, false);
  };
  dirs.sort().forEach((d, i) => listDir(d, i === 0));
  yield* out(ctx, text);
  return status;
};

export const stat: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'c:LtfF');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const none = o.rest.length === 0 ? wording(ctx).noOperands('stat') : null;
  if (none) { errRaw(ctx, none); return 1; }
  let status = 0;
  for (const f of o.rest) {
    let n: Inode;
    try {
      n = o.flags.has('L') ? ctx.fs.stat(f, ctx.cwd, ctx.cred).node : ctx.fs.lstat(f, ctx.cwd, ctx.cred).node;
    } catch (e) {
      err(ctx, wording(ctx).statFail(f, errnoMsg(e)));
      status = 1;
      continue;
    }
    const fmt = o.values.get('c')?.[0];
    const kind = n.kind === 'dir' ? 'directory' : n.kind === 'symlink' ? 'symbolic link' : n.kind === 'dev' ? 'character special file' : inodeSize(n) === 0 ? 'regular empty file' : 'regular file';
    if (fmt !== undefined) {
      const s = fmt.replace(/%([a-zA-Z%])/g, (_m, c: string) => {
        switch (c) {
          case 'a': return (n.mode & 0o7777).toString(8);
          case 'A': return modeString(n);
          case 'n': return f;
          case 's': return String(inodeSize(n));
          case 'u': return String(n.uid);
          case 'g': return String(n.gid);
          case 'U': return nameOf(ctx, '/etc/passwd', n.uid);
          case 'G': return nameOf(ctx, '/etc/group', n.gid);
          case 'F': return kind;
          case 'h': return String(n.nlink);
          case 'i': return String(n.ino);
          case 'f': return ((typeBits(n) | n.mode) >>> 0).toString(16);
          case 'Y': return String(Math.floor((ctx.k.epochMs + n.mtime) / 1000));
          case '%': return '%';
          default: return '?';
        }
      });
      yield* out(ctx, s + '\n');
      continue;
    }
    const perm = (n.mode & 0o7777).toString(8).padStart(4, '0');
    yield* out(ctx, `  File: ${n.kind === 'symlink' ? `'${f}' -> '${n.target}'` : `'${f}'`}\n  Size: ${inodeSize(n)}\t\tBlocks: ${Math.ceil(inodeSize(n) / 512)}          IO Block: 4096   ${kind}\n` +
      `Access: (${perm}/${modeString(n)})  Uid: (${String(n.uid).padStart(5)}/${nameOf(ctx, '/etc/passwd', n.uid).padStart(8)})   Gid: (${String(n.gid).padStart(5)}/${nameOf(ctx, '/etc/group', n.gid).padStart(8)})\n`);
  }
  return status;
};

/** Symbolic or octal chmod mode applied to `mode`. null when the spec is invalid. */
export function applyMode(spec: string, mode: number, isDir: boolean, umask: number): number | null {
  if (/^[0-7]+$/.test(spec)) return parseInt(spec, 8);
  let m = mode;
  for (const clause of spec.split(',')) {
    const c = /^([ugoa]*)([-+=])([rwxXst]*|[ugo])$/.exec(clause);
    if (!c) return null;
    const who = c[1] || 'a';
    let bits = 0;
    for (const p of c[3]) {
      if (p === 'r') bits |= 0o444;
      else if (p === 'w') bits |= 0o222;
      else if (p === 'x' || (p === 'X' && (isDir || mode & 0o111))) bits |= 0o111;
      else if (p === 's') bits |= 0o6000;
      else if (p === 't') bits |= 0o1000;
    }
    let mask = 0;
    if (who.includes('u') || who.includes('a')) mask |= 0o4700;
    if (who.includes('g') || who.includes('a')) mask |= 0o2070;
    if (who.includes('o') || who.includes('a')) mask |= 0o1007;
    let eff = bits & mask;
    if (!c[1]) eff &= ~umask;
    if (c[2] === '+') m |= eff;
    else if (c[2] === '-') m &= ~eff;
    else m = (m & ~mask) | eff;
  }
  return m;
}

/**
 * chmod and chown's walk: `change` each operand and, with -R, everything under a directory.
 * `change` returns the changed node, or null when it reported its own failure (nothing is descended).
 */
function changeEach(ctx: Ctx, paths: readonly string[], recursive: boolean, change: (p: string) => Inode | null): number {
  let status = 0;
  const apply = (p: string) => {
    try {
      const n = change(p);
      if (n === null) { status = 1; return; }
      if (recursive && n.kind === 'dir') for (const e of ctx.fs.readdir(p, ctx.cwd, ctx.cred)) apply(p + '/' + e);
    } catch (e) {
      err(ctx, wording(ctx).cannotAccess(p, errnoMsg(e)));
      status = 1;
    }
  };
  for (const f of paths) apply(f);
  return status;
}

/** chmod's and chown's options: a first operand like `-w` or `-rwx` (before any other) is a mode, not options. */
function modeFirstOpts(argv: readonly string[], letters: string) {
  const args = [...argv];
  let modeAt = -1;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a[0] !== '-') break;
    if (a.length > 1 && !('-' + letters).includes(a[1])) { modeAt = i; args[i] = 'a' + a.slice(1); break; }
  }
  const o = getopts(args, letters);
  if (modeAt >= 0 && o.rest[0] === args[modeAt]) o.rest[0] = argv[modeAt];
  return o;
}

export const chmod: Applet = function* (ctx) {
  const o = modeFirstOpts(ctx.argv, 'Rvcf');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const args = o.rest;
  const recursive = o.flags.has('R');
  const none = args.length === 0 ? wording(ctx).noOperands('chmod') : null;
  if (none) { errRaw(ctx, none); return 1; }
  if (args.length < 2) return usage(ctx, CHMOD_USAGE, 'usage: chmod [-R] MODE[,MODE]... FILE...');
  const spec = args[0];
  const badFirst = applyMode(spec, 0o644, false, 0) === null ? wording(ctx).invalidModeFirst(spec) : null;
  if (badFirst) { errRaw(ctx, badFirst); return 1; }
  const verbose = o.flags.has('v');
  const say = verbose || o.flags.has('c') ? stdio(ctx) : null;
  const status = changeEach(ctx, args.slice(1), recursive, (p) => {
    let n: Inode;
    try {
      n = ctx.fs.stat(p, ctx.cwd, ctx.cred).node;
    } catch (e) {
      // coreutils' -f silences this too, busybox's only a failed chmod(2).
      if (!(o.flags.has('f') && ctx.flavor.userland === 'gnu')) err(ctx, wording(ctx).cannotAccess(p, errnoMsg(e)));
      if (verbose) say?.add(wording(ctx).chmodUnreachable(p));
      return null;
    }
    const from = n.mode & 0o7777;
    const m = applyMode(spec, n.mode, n.kind === 'dir', 0);
    if (m === null) { err(ctx, `invalid mode '${spec}'`); return null; }
    try {
      ctx.fs.chmod(p, ctx.cwd, ctx.cred, m);
    } catch (e) {
      // -f silences a failed chmod(2), not a path that cannot be reached.
      if (!o.flags.has('f')) err(ctx, wording(ctx).cannotAccess(p, errnoMsg(e)));
      return null;
    }
    say?.add(wording(ctx).chmodVerbose(p, from, m & 0o7777, verbose));
    return n;
  });
  if (say) yield* say.flush();
  return status;
};

export const chown: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'RhvcfLHP');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const args = o.rest;
  const recursive = o.flags.has('R');
  const none = args.length === 0 ? wording(ctx).noOperands('chown') : args.length === 1 && ctx.flavor.userland === 'gnu' ? wording(ctx).missingDestination('chown', args[0]) : null;
  if (none) { errRaw(ctx, none.replace('destination file operand', 'operand')); return 1; }
  if (args.length < 2) return usage(ctx, CHOWN_USAGE, 'usage: chown [-R] USER[:GROUP] FILE...');
  const [u, g] = args[0].split(/[:.]/);
  const uid = u ? idForName(ctx, '/etc/passwd', u) : null;
  const gid = g ? idForName(ctx, '/etc/group', g) : null;
  if (u && uid === null) { err(ctx, `unknown user ${u}`); return 1; }
  if (g && gid === null) { err(ctx, `unknown group ${g}`); return 1; }
  const verbose = o.flags.has('v');
  const say = verbose || o.flags.has('c') ? stdio(ctx) : null;
  const status = changeEach(ctx, args.slice(1), recursive, (p) => {
    let before: Inode;
    try {
      before = ctx.fs.stat(p, ctx.cwd, ctx.cred).node;
    } catch (e) {
      if (!(o.flags.has('f') && ctx.flavor.userland === 'gnu')) err(ctx, wording(ctx).cannotAccess(p, errnoMsg(e)));
      if (verbose) say?.add(wording(ctx).chownUnreachable(p, args[0]));
      return null;
    }
    const from: [number, number] = [before.uid, before.gid];
    try {
      ctx.fs.chown(p, ctx.cwd, ctx.cred, uid, gid);
    } catch (e) {
      // -f silences a failed chown(2), not a path that cannot be reached.
      if (!o.flags.has('f')) err(ctx, wording(ctx).cannotAccess(p, errnoMsg(e)));
      return null;
    }
    const n = ctx.fs.stat(p, ctx.cwd, ctx.cred).node;
    const owner = (ids: readonly [number, number]) => `${nameOf(ctx, '/etc/passwd', ids[0])}:${nameOf(ctx, '/etc/group', ids[1])}`;
    say?.add(wording(ctx).chownVerbose(p, from, [n.uid, n.gid], verbose, owner));
    return n;
  });
  if (say) yield* say.flush();
  return status;
};

/** busybox's usage text for too few operands (bb_show_usage); coreutils' userland keeps its one line. */
function usage(ctx: Ctx, text: string, gnuLine: string): number {
  if (ctx.flavor.userland === 'gnu') err(ctx, gnuLine);
  else errRaw(ctx, text);
  return 1;
}

const CHMOD_USAGE = `${BB_BANNER}Usage: chmod [-Rcvf] MODE[,MODE]... FILE...\n\nMODE is octal number (bit pattern sstrwxrwxrwx) or [ugoa]{+|-|=}[rwxXst]\n\n\t-R\tRecurse\n\t-c\tList changed files\n\t-v\tVerbose\n\t-f\tHide errors\n`;
const CHOWN_USAGE = `${BB_BANNER}Usage: chown [-RhLHPcvf]... USER[:[GRP]] FILE...\n\nChange the owner and/or group of FILEs to USER and/or GRP\n\n\t-h\tAffect symlinks instead of symlink targets\n\t-L\tTraverse all symlinks to directories\n\t-H\tTraverse symlinks on command line only\n\t-P\tDon't traverse symlinks (default)\n\t-R\tRecurse\n\t-c\tList changed files\n\t-v\tVerbose\n\t-f\tHide errors\n`;

export const MORE_APPLETS: [string, Applet][] = [
  ['ls', ls], ['stat', stat], ['chmod', chmod], ['chown', chown], ['kill', kill], ['expr', expr],
  ['sed', sedApplet], ['awk', awkApplet],
];
