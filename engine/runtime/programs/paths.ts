/** readlink, realpath, basename, dirname and pwd (busybox coreutils/readlink.c, realpath.c, basename.c, dirname.c, pwd.c). */
import { FsError } from '../fs/errors';
import type { Ctx } from '../shell/sys';
import { wording } from './wording';
import { BB_BANNER, badOption, err, errnoMsg, errRaw, getopts, out, type Applet } from './lib';

const READLINK_USAGE = `${BB_BANNER}Usage: readlink [-fnv] FILE\n\nDisplay the value of a symlink\n\n\t-f\tCanonicalize by following all symlinks\n\t-n\tDon't add newline\n\t-v\tVerbose\n`;

/** coreutils-style realpath: every component but the last must exist. */
function realpath(ctx: Ctx, path: string): string {
  const r = ctx.fs.resolve(path, ctx.cwd, ctx.cred, true);
  if (!r.node && r.path === '') throw new FsError('ENOENT');
  return r.path;
}

export const readlink: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'fnvsq');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  if (o.rest.length !== 1) { errRaw(ctx, READLINK_USAGE); return 1; }
  const f = o.rest[0];
  let res: string;
  try {
    if (o.flags.has('f')) res = realpath(ctx, f);
    else {
      const n = ctx.fs.lstat(f, ctx.cwd, ctx.cred).node;
      if (n.kind !== 'symlink') throw new FsError('EINVAL');
      res = n.target;
    }
  } catch (e) {
    // busybox's xmalloc_readlink_or_warn speaks only under -v; realpath's failure is silent.
    if (o.flags.has('v') && !o.flags.has('f')) {
      err(ctx, `${f}: cannot read link: ${e instanceof FsError && e.code === 'EINVAL' ? 'not a symlink' : errnoMsg(e)}`);
    }
    return 1;
  }
  yield* out(ctx, o.flags.has('n') ? res : res + '\n');
  return 0;
};

export const realpathA: Applet = function* (ctx) {
  const args = ctx.argv.slice(1);
  let status = 0;
  for (const a of args) {
    try {
      yield* out(ctx, realpath(ctx, a) + '\n');
    } catch (e) {
      err(ctx, `${a}: ${errnoMsg(e)}`);
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
