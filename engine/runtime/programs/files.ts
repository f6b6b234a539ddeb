/* eslint-disable require-yield -- every builtin and applet is a generator with one signature; some never block. */
/** File applets: cat, mkdir, rm, rmdir, touch, cp, mv, ln, chmod, chown, basename, dirname. */
import { FsError, type Errno } from '../fs/errors';
import type { Inode } from '../fs/tree';
import { LINE_COST } from '../shell/kernel';
import type { Ctx } from '../shell/sys';
import { openPath, readOf } from '../shell/sys';
import type { OpenFile } from '../shell/io';
import { badOption, err, errnoMsg, errRaw, getopts, out, prog, writeError, type Applet, type G } from './lib';
import { wording } from './wording';
import { applyMode } from './more';

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
  for (const d of o.rest) {
    try {
      if (o.flags.has('p')) {
        const abs = d[0] === '/';
        let cur = abs ? '' : '.';
        for (const part of d.split('/').filter(Boolean)) {
          cur = cur + '/' + part;
          const n = ctx.fs.exists(cur, ctx.cwd, ctx.cred);
          if (n && n.kind === 'dir') continue;
          if (n) throw new FsError('EEXIST');
          ctx.fs.mkdir(cur, ctx.cwd, ctx.cred, mode);
        }
      } else ctx.fs.mkdir(d, ctx.cwd, ctx.cred, mode);
      if (o.values.has('m')) ctx.fs.chmod(d, ctx.cwd, ctx.cred, mode);
    } catch (e) {
      err(ctx, wording(ctx).mkdir(d, errnoMsg(e)));
      status = 1;
    }
  }
  return status;
};

function* removeTree(ctx: Ctx, path: string, force: boolean, recursive: boolean): G<boolean> {
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
        if (!(yield* removeTree(ctx, path.replace(/\/+$/, '') + '/' + name, force, true))) ok = false;
      }
      if (!ok) return false;
      ctx.fs.rmdir(path, ctx.cwd, ctx.cred);
    } else ctx.fs.unlink(path, ctx.cwd, ctx.cred);
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
  for (const f of o.rest) if (!(yield* removeTree(ctx, f, force, recursive))) status = 1;
  return status;
};

export const rmdir: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'p');
  const none = o.rest.length === 0 ? wording(ctx).noOperands('rmdir') : null;
  if (none) { errRaw(ctx, none); return 1; }
  let status = 0;
  for (const d of o.rest) {
    try {
      ctx.fs.rmdir(d, ctx.cwd, ctx.cred);
    } catch (e) {
      err(ctx, wording(ctx).rmdir(d, errnoMsg(e)));
      status = 1;
    }
  }
  return status;
};

export const touch: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'cd:t:r:');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const none = o.rest.length === 0 ? wording(ctx).noOperands('touch') : null;
  if (none) { errRaw(ctx, none); return 1; }
  let status = 0;
  for (const f of o.rest) {
    try {
      ctx.fs.touch(f, ctx.cwd, ctx.cred, o.flags.has('c'));
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

function copyTree(ctx: Ctx, src: string, dst: string, recursive: boolean, preserve: boolean, run: CopyRun): boolean {
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
        if (!copyTree(ctx, src + '/' + name, dst + '/' + name, true, preserve, run)) ok = false;
      }
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
  for (const s of srcs) {
    const target = dirDst ? dst.replace(/\/+$/, '') + '/' + base(s) : dst;
    if (!copyTree(ctx, s, target, recursive, o.flags.has('p') || o.flags.has('a'), { made: new Set(), top: s, topDst: target })) status = 1;
  }
  return status;
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

export const mv: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'fin');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const files = o.rest;
  if (files.length === 0) { errRaw(ctx, wording(ctx).missingOperand(prog(ctx), 'file operand')); return 1; }
  if (files.length === 1) { errRaw(ctx, wording(ctx).missingDestination(prog(ctx), files[0])); return 1; }
  const dst = files[files.length - 1];
  const dirDst = isDir(ctx, dst);
  let status = 0;
  for (const s of files.slice(0, -1)) {
    const target = dirDst ? dst.replace(/\/+$/, '') + '/' + base(s) : dst;
    try {
      ctx.fs.rename(s, target, ctx.cwd, ctx.cred);
    } catch (e) {
      if (e instanceof FsError && e.code === 'EXDEV') {
        if (moveAcross(ctx, s, target) && copyTree(ctx, s, target, true, true, { made: new Set(), top: s, topDst: target })) yield* removeTree(ctx, s, true, true);
        else status = 1;
        continue;
      }
      if (e instanceof FsError && e.code === 'ENOENT' && !ctx.fs.exists(s, ctx.cwd, ctx.cred)) err(ctx, wording(ctx).mvStat(s, e.message));
      else err(ctx, `can't rename '${s}': ${errnoMsg(e)}`);
      status = 1;
    }
  }
  return status;
};

export const ln: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'sfnbv');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const files = o.rest;
  if (files.length === 0) { errRaw(ctx, wording(ctx).noOperands('ln') ?? 'ln: missing file operand\n'); return 1; }
  const dst = files.length === 1 ? base(files[0]) : files[files.length - 1];
  const dirDst = files.length > 1 && isDir(ctx, dst);
  let status = 0;
  for (const s of files.length === 1 ? files : files.slice(0, -1)) {
    const target = dirDst ? dst.replace(/\/+$/, '') + '/' + base(s) : dst;
    try {
      if (o.flags.has('f') && ctx.fs.exists(target, ctx.cwd, ctx.cred)) ctx.fs.unlink(target, ctx.cwd, ctx.cred);
      if (o.flags.has('s')) ctx.fs.symlink(s, target, ctx.cwd, ctx.cred);
      else ctx.fs.link(s, target, ctx.cwd, ctx.cred);
    } catch (e) {
      const sourceMissing = !o.flags.has('s') && !ctx.fs.exists(s, ctx.cwd, ctx.cred);
      err(ctx, wording(ctx).lnFail(target, s, o.flags.has('s'), errnoMsg(e), sourceMissing));
      status = 1;
    }
  }
  return status;
};

export const basename: Applet = function* (ctx) {
  const a = ctx.argv.slice(1);
  if (a.length === 0) { errRaw(ctx, wording(ctx).noOperands('basename') ?? 'basename: missing operand\n'); return 1; }
  const extra = a.length > 2 ? wording(ctx).extraOperand('basename', a[2]) : null;
  if (extra) { errRaw(ctx, extra); return 1; }
  let b = a[0].replace(/\/+$/, '');
  b = b === '' ? (a[0] === '' ? '' : '/') : b.slice(b.lastIndexOf('/') + 1);
  if (a[1] && b !== a[1] && b.endsWith(a[1])) b = b.slice(0, -a[1].length);
  yield* out(ctx, b + '\n');
  return 0;
};

export const dirname: Applet = function* (ctx) {
  const a = ctx.argv[1];
  if (a === undefined) { errRaw(ctx, wording(ctx).noOperands('dirname') ?? 'dirname: missing operand\n'); return 1; }
  let d = a.replace(/\/+$/, '');
  if (d === '') d = a === '' ? '.' : '/';
  else {
    const i = d.lastIndexOf('/');
    d = i < 0 ? '.' : d.slice(0, i).replace(/\/+$/, '') || '/';
  }
  yield* out(ctx, d + '\n');
  return 0;
};

export const pwd: Applet = function* (ctx) {
  yield* out(ctx, ctx.cwd + '\n');
  return 0;
};
