/* eslint-disable require-yield -- every builtin and applet is a generator with one signature; some never block. */
/** File applets: cat, mkdir, rm, rmdir, touch, cp, mv, ln (basename, dirname and pwd are in paths.ts). */
import { FsError, type Errno } from '../fs/errors';
import type { Inode } from '../fs/tree';
import { LINE_COST } from '../shell/kernel';
import type { Ctx } from '../shell/sys';
import { openPath, readOf } from '../shell/sys';
import type { OpenFile } from '../shell/io';
import { badOption, err, errnoMsg, errRaw, getopts, out, prog, stdio, finish, under, writeError, type Applet, type G } from './lib';
import { wording } from './wording';
import { applyMode } from './more';
import { parseDate } from './dateParse';

export const cat: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'nbvetAsu');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const files = o.rest.length ? o.rest : ['-'];
  let status = 0;
  let lineNo = 0;
  const number = (s: string) => (o.flags.has('n') ? s.replace(/^(.*)$/gm, (_m, l: string) => { ctx.k.io(LINE_COST); return `${String(++lineNo).padStart(6)}\t${l}`; }).replace(/\n\s+\d+\t$/, '\n') : s);
  // A stream (stdin, a device such as /dev/zero) is copied as it is read, until EOF or a failed write.
  const pump = function* (of: OpenFile): G<Errno | null> {
    for (;;) {
      const s = yield* readOf(ctx.k, of);
      if (s === null) return null;
      const failed = yield* out(ctx, number(s));
      if (failed) return failed;
    }
  };
  for (const f of files) {
    let text = '';
    let stream: OpenFile | null = f === '-' ? ctx.p.fds[0] : null;
    if (f !== '-') {
      try {
        const st = ctx.fs.stat(f, ctx.cwd, ctx.cred);
        if (st.node.kind === 'dir') { err(ctx, wording(ctx).catIsDir(f)); status = 1; continue; }
        if (st.node.kind === 'dev') {
          const r = openPath(ctx.fs, ctx.p, ctx.cwd, ctx.cred, f, 'r');
          if ('err' in r) throw new FsError(r.err);
          stream = r.of;
        } else text = ctx.fs.readFile(f, ctx.cwd, ctx.cred);
      } catch (e) {
        err(ctx, wording(ctx).cantRead('cat', f, errnoMsg(e), 'cant-open'));
        status = 1;
        continue;
      }
    }
    const failed = stream ? yield* pump(stream) : yield* out(ctx, number(text));
    if (failed) return writeError(ctx, failed);
  }
  return status;
};

export const mkdir: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'pm:v');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const none = o.rest.length === 0 ? wording(ctx).noOperands('mkdir') : null;
  if (none) { errRaw(ctx, none); return 1; }
  const spec = o.values.get('m')?.[0];
  // -m takes an octal or symbolic mode (relative to a=rwx); busybox and GNU word a bad one alike.
  const parsed = spec === undefined ? 0o777 : applyMode(spec, 0o777, true, 0);
  if (parsed === null) { err(ctx, `invalid mode '${spec}'`); return 1; }
  const mode = parsed;
  let status = 0;
  const so = stdio(ctx);
  const say = (p: string) => { if (o.flags.has('v')) so.add(wording(ctx).verbose('created', p)); };
  for (const d of o.rest) {
    let cur = d;
    try {
      if (o.flags.has('p')) {
        // Each prefix up to a component's trailing slashes, as libbb's make_directory cuts the path (and
        // names in its error); an existing non-directory fails mkdir (EEXIST), then stat if a slash follows.
        for (const m of d.matchAll(/[^/]+\/*/g)) {
          cur = d.slice(0, m.index + m[0].length);
          const n = ctx.fs.exists(cur.replace(/\/+$/, ''), ctx.cwd, ctx.cred);
          if (n && n.kind === 'dir') continue;
          if (n) throw new FsError(cur.endsWith('/') ? 'ENOTDIR' : 'EEXIST');
          ctx.fs.mkdir(cur, ctx.cwd, ctx.cred, mode);
          say(cur);
        }
      } else {
        ctx.fs.mkdir(d, ctx.cwd, ctx.cred, mode);
        say(d);
      }
      if (o.values.has('m')) ctx.fs.chmod(d, ctx.cwd, ctx.cred, mode);
    } catch (e) {
      err(ctx, wording(ctx).mkdir(ctx.flavor.userland === 'gnu' ? d : cur, errnoMsg(e)));
      status = 1;
    }
  }
  return yield* finish(ctx, so, status, false);
};

/** Puts what -v reports into the applet's stdio buffer (an error between flushes it first). */
type Say = ((line: string) => void) | null;

function* removeTree(ctx: Ctx, path: string, force: boolean, recursive: boolean, say: Say = null): G<boolean> {
  let n: Inode;
  try {
    n = ctx.fs.lstat(path, ctx.cwd, ctx.cred).node;
  } catch (e) {
    if (force && e instanceof FsError && e.code === 'ENOENT') return true;
    err(ctx, wording(ctx).rm(path, errnoMsg(e)));
    return false;
  }
  try {
    if (n.kind === 'dir') {
      if (!recursive) { err(ctx, wording(ctx).rmIsDir(path)); return false; }
      let ok = true;
      for (const name of ctx.fs.readdir(path, ctx.cwd, ctx.cred)) {
        if (!(yield* removeTree(ctx, under(path, name), force, true, say))) ok = false;
      }
      if (!ok) return false;
      ctx.fs.rmdir(path, ctx.cwd, ctx.cred);
      say?.(wording(ctx).verbose('removedDir', path));
    } else {
      ctx.fs.unlink(path, ctx.cwd, ctx.cred);
      say?.(wording(ctx).verbose('removed', path));
    }
  } catch (e) {
    err(ctx, wording(ctx).rm(path, errnoMsg(e)));
    return false;
  }
  return true;
}

export const rm: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'rRfiv');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const recursive = o.flags.has('r') || o.flags.has('R');
  const force = o.flags.has('f');
  if (o.rest.length === 0 && !force) {
    if (ctx.flavor.userland === 'gnu') errRaw(ctx, wording(ctx).missingOperand('rm'));
    else err(ctx, 'usage: rm [-irf] FILE...');
    return 1;
  }
  let status = 0;
  const so = stdio(ctx);
  const say: Say = o.flags.has('v') ? (line) => so.add(line) : null;
  // busybox strips an operand's trailing slashes (bb_get_last_path_component_strip).
  const strip = (f: string) => (ctx.flavor.userland === 'gnu' ? f : f.replace(/(.)\/+$/, '$1'));
  for (const f of o.rest) {
    if (/^\.\.?$/.test(base(f))) {
      err(ctx, ctx.flavor.userland === 'gnu' ? `refusing to remove '.' or '..' directory: skipping '${f}'` : "can't remove '.' or '..'");
      status = 1;
    } else if (!(yield* removeTree(ctx, strip(f), force, recursive, say))) status = 1;
  }
  return yield* finish(ctx, so, status, false);
};

export const rmdir: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'pv');
  const none = o.rest.length === 0 ? wording(ctx).noOperands('rmdir') : null;
  if (none) { errRaw(ctx, none); return 1; }
  let status = 0;
  const so = stdio(ctx);
  for (const d of o.rest) {
    if (o.flags.has('v')) so.add(wording(ctx).verbose('rmdir', d));
    try {
      ctx.fs.rmdir(d, ctx.cwd, ctx.cred);
    } catch (e) {
      err(ctx, wording(ctx).rmdir(d, errnoMsg(e)));
      status = 1;
    }
  }
  return yield* finish(ctx, so, status, false);
};

export const touch: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'chd:t:r:amf');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const none = o.rest.length === 0 ? wording(ctx).noOperands('touch') : null;
  if (none) { errRaw(ctx, none); return 1; }
  // -r FILE's time, or -d/-t DATE (parse_datestr's forms, from the current time): virtual ms as mtimes are.
  let mtime: number | undefined;
  const ref = o.values.get('r')?.at(-1);
  if (ref !== undefined) {
    try {
      mtime = ctx.fs.stat(ref, ctx.cwd, ctx.cred).node.mtime;
    } catch (e) {
      err(ctx, wording(ctx).statFail(ref, errnoMsg(e)));
      return 1;
    }
  }
  const date = o.values.get('d')?.at(-1) ?? o.values.get('t')?.at(-1);
  if (date !== undefined) {
    const wall = parseDate(date, ctx.k.wallMs(), undefined, true);
    if (wall === null) { err(ctx, `invalid date '${date}'`); return 1; }
    mtime = Math.floor(wall / 1000) * 1000 - ctx.k.epochMs;
  }
  let status = 0;
  for (const f of o.rest) {
    try {
      ctx.fs.touch(f, ctx.cwd, ctx.cred, o.flags.has('c'), mtime);
    } catch (e) {
      err(ctx, wording(ctx).touch(f, errnoMsg(e)));
      status = 1;
    }
  }
  return status;
};

function isDir(ctx: Ctx, p: string): boolean {
  const n = ctx.fs.exists(p, ctx.cwd, ctx.cred);
  return n !== null && n.kind === 'dir';
}

function base(p: string): string {
  const s = p.replace(/\/+$/, '');
  return s.slice(s.lastIndexOf('/') + 1) || '/';
}

/**
 * One cp operand: the directories this copy created, so a source that is one of them is the copy meeting
 * itself (cp -r a a/b: libbb copy_file's ino/dev table; coreutils refuses the same directory).
 */
interface CopyRun { readonly made: Set<Inode>; readonly top: string; readonly topDst: string }

function copyTree(ctx: Ctx, src: string, dst: string, recursive: boolean, preserve: boolean, run: CopyRun, say: Say = null): boolean {
  let n: Inode;
  try {
    n = ctx.fs.stat(src, ctx.cwd, ctx.cred).node;
  } catch (e) {
    err(ctx, wording(ctx).cpStat(src, errnoMsg(e)));
    return false;
  }
  // Each entry copied is work like a line (a loop of cp -r into a growing tree doubles it every time).
  ctx.k.io(LINE_COST);
  try {
    if (n.kind === 'dir') {
      if (!recursive) { err(ctx, wording(ctx).cpOmitDir(src)); return false; }
      if (run.made.has(n)) { err(ctx, wording(ctx).cpIntoItself(src, run.top, run.topDst)); return false; }
      if (!isDir(ctx, dst)) {
        ctx.fs.mkdir(dst, ctx.cwd, ctx.cred, n.mode);
        run.made.add(ctx.fs.stat(dst, ctx.cwd, ctx.cred).node);
      }
      let ok = true;
      for (const name of ctx.fs.readdir(src, ctx.cwd, ctx.cred)) {
        if (!copyTree(ctx, under(src, name), under(dst, name), true, preserve, run, say)) ok = false;
      }
      say?.(wording(ctx).verbose('copied', src, dst));
      return ok;
    }
    const data = ctx.fs.readFile(src, ctx.cwd, ctx.cred);
    const existed = ctx.fs.exists(dst, ctx.cwd, ctx.cred) !== null;
    ctx.fs.writeFile(dst, ctx.cwd, ctx.cred, data, false, n.mode);
    if (!existed || preserve) ctx.fs.chmod(dst, ctx.cwd, ctx.cred, preserve ? n.mode : n.mode & ~ctx.fs.umask);
  } catch (e) {
    // Only the data can fail to fit (a full tmpfs): cp has created the file and keeps what was written.
    const w = wording(ctx);
    err(ctx, e instanceof FsError && e.code === 'ENOSPC' ? w.cpWrite(dst, e.message) : w.cpCreate(dst, errnoMsg(e)));
    return false;
  }
  say?.(wording(ctx).verbose('copied', src, dst));
  return true;
}

export const cp: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'rRapfdPLHiuvn');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const files = o.rest;
  if (files.length === 0) { errRaw(ctx, wording(ctx).missingOperand(prog(ctx), 'file operand')); return 1; }
  if (files.length === 1) { errRaw(ctx, wording(ctx).missingDestination(prog(ctx), files[0])); return 1; }
  const dst = files[files.length - 1];
  const srcs = files.slice(0, -1);
  const dirDst = isDir(ctx, dst);
  if (srcs.length > 1 && !dirDst) { err(ctx, `'${dst}' is not a directory`); return 1; }
  const recursive = o.flags.has('r') || o.flags.has('R') || o.flags.has('a');
  let status = 0;
  const so = stdio(ctx);
  const say: Say = o.flags.has('v') ? (line) => so.add(line) : null;
  for (const s of srcs) {
    // Into a directory, busybox names the source without its trailing slashes (bb_get_last_path_component_strip).
    const src = dirDst && ctx.flavor.userland !== 'gnu' ? s.replace(/(.)\/+$/, '$1') : s;
    const target = dirDst ? under(dst, base(s)) : dst;
    if (!copyTree(ctx, src, target, recursive, o.flags.has('p') || o.flags.has('a'), { made: new Set(), top: src, topDst: target }, say)) status = 1;
  }
  return yield* finish(ctx, so, status, false);
};

/**
 * Models busybox mv across filesystems (rename gave EXDEV): an existing destination of the other type is
 * refused, any other is unlinked first (a bind-mounted file cannot be: EBUSY), then the source is copied.
 */
function moveAcross(ctx: Ctx, src: string, target: string): boolean {
  const dest = ctx.fs.exists(target, ctx.cwd, ctx.cred);
  if (!dest) return true;
  const srcIsDir = ctx.fs.lstat(src, ctx.cwd, ctx.cred).node.kind === 'dir';
  if ((dest.kind === 'dir') !== srcIsDir) {
    err(ctx, dest.kind === 'dir' ? "can't overwrite directory with non-directory" : "can't overwrite non-directory with directory");
    return false;
  }
  try {
    ctx.fs.unlink(target, ctx.cwd, ctx.cred);
    return true;
  } catch (e) {
    err(ctx, `can't remove '${target}': ${errnoMsg(e)}`);
    return false;
  }
}

function* moveOne(ctx: Ctx, s: string, target: string): G<boolean> {
  try {
    ctx.fs.rename(s, target, ctx.cwd, ctx.cred);
    return true;
  } catch (e) {
    if (e instanceof FsError && e.code === 'EXDEV') {
      if (!moveAcross(ctx, s, target) || !copyTree(ctx, s, target, true, true, { made: new Set(), top: s, topDst: target })) return false;
      yield* removeTree(ctx, s, true, true);
      return true;
    }
    if (e instanceof FsError && e.code === 'ENOENT' && !ctx.fs.exists(s, ctx.cwd, ctx.cred)) err(ctx, wording(ctx).mvStat(s, e.message));
    else err(ctx, `can't rename '${s}': ${errnoMsg(e)}`);
    return false;
  }
}

export const mv: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'finv');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const files = o.rest;
  if (files.length === 0) { errRaw(ctx, wording(ctx).missingOperand(prog(ctx), 'file operand')); return 1; }
  if (files.length === 1) { errRaw(ctx, wording(ctx).missingDestination(prog(ctx), files[0])); return 1; }
  const dst = files[files.length - 1];
  const dirDst = isDir(ctx, dst);
  let status = 0;
  const so = stdio(ctx);
  const gnu = ctx.flavor.userland === 'gnu';
  for (const s of files.slice(0, -1)) {
    const target = dirDst ? under(dst, base(s)) : dst;
    const ok = yield* moveOne(ctx, s, target);
    if (!ok) status = 1;
    // busybox's mv reports every operand, moved or not; GNU only what it renamed.
    if (o.flags.has('v') && (ok || !gnu)) so.add(wording(ctx).verbose('renamed', s, target));
  }
  return yield* finish(ctx, so, status, false);
};

/** Why neither stat nor lstat of `path` works (null when one does: a dangling symlink is there). */
function statError(ctx: Ctx, path: string): string | null {
  try {
    ctx.fs.stat(path, ctx.cwd, ctx.cred);
    return null;
  } catch (e) {
    try {
      if (ctx.fs.lstat(path, ctx.cwd, ctx.cred).node.kind === 'symlink') return null;
    } catch {
      // the stat's error is the one reported
    }
    return errnoMsg(e);
  }
}

export const ln: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'sfnbv');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const files = o.rest;
  if (files.length === 0) { errRaw(ctx, wording(ctx).noOperands('ln') ?? 'ln: missing file operand\n'); return 1; }
  const dst = files.length === 1 ? base(files[0]) : files[files.length - 1];
  const dirDst = files.length > 1 && isDir(ctx, dst);
  let status = 0;
  const so = stdio(ctx);
  const gnu = ctx.flavor.userland === 'gnu';
  const report = (target: string, s: string) => {
    if (o.flags.has('v')) so.add(wording(ctx).verbose(o.flags.has('s') ? 'symlinked' : 'linked', target, s));
  };
  for (const s of files.length === 1 ? files : files.slice(0, -1)) {
    const target = dirDst ? under(dst, base(s)) : dst;
    // busybox's ln stats a hard link's source first (a dangling symlink will do), then reports, then links;
    // GNU reports after.
    if (!gnu && !o.flags.has('s')) {
      const missing = statError(ctx, s);
      if (missing) { err(ctx, `${s}: ${missing}`); status = 1; continue; }
    }
    if (!gnu) report(target, s);
    try {
      if (o.flags.has('f') && ctx.fs.exists(target, ctx.cwd, ctx.cred)) ctx.fs.unlink(target, ctx.cwd, ctx.cred);
      if (o.flags.has('s')) ctx.fs.symlink(s, target, ctx.cwd, ctx.cred);
      else ctx.fs.link(s, target, ctx.cwd, ctx.cred);
      if (gnu) report(target, s);
    } catch (e) {
      const sourceMissing = !o.flags.has('s') && !ctx.fs.exists(s, ctx.cwd, ctx.cred);
      err(ctx, wording(ctx).lnFail(target, s, o.flags.has('s'), errnoMsg(e), sourceMissing));
      status = 1;
    }
  }
  return yield* finish(ctx, so, status, false);
};
