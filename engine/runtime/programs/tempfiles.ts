/**
 * mktemp and truncate (busybox 1.36 coreutils/mktemp.c, coreutils/truncate.c).
 *
 * mktemp fills the template's last six X's as glibc's __gen_tempname does, with letters and digits; glibc
 * draws them from the clock and a random source, the playground from the process's pid and the virtual
 * clock (so a run is reproducible), trying again while the name exists.
 */
import { FsError, strerror } from '../fs/errors';
import type { StatInfo } from '../fs/view';
import { inodePages, noteBytes } from '../fs/capacity';
import type { Ctx } from '../shell/sys';
import { BB_BANNER, err, errnoMsg, errRaw, getopts, out, under, type Applet } from './lib';
import { KMG_SUFFIXES, xatouSfx } from './sizeArgs';
import { lookupLong } from './gnuLong';

const MKTEMP_USAGE = `${BB_BANNER}Usage: mktemp [-dt] [-p DIR] [TEMPLATE]\n\nCreate a temporary file with name based on TEMPLATE and print its name.\nTEMPLATE must end with XXXXXX (e.g. [/dir/]nameXXXXXX).\nWithout TEMPLATE, -t tmp.XXXXXX is assumed.\n\n\t-d\tMake directory, not file\n\t-q\tFail silently on errors\n\t-t\tPrepend base directory name to TEMPLATE\n\t-p DIR\tUse DIR as a base directory (implies -t)\n\t-u\tDo not create anything; print a name\n\nBase directory is: -p DIR, else $TMPDIR, else /tmp\n`;
const TRUNCATE_USAGE = `${BB_BANNER}Usage: truncate [-c] -s SIZE FILE...\n\nTruncate FILEs to SIZE\n\n\t-c\tDo not create files\n\t-s SIZE\n`;

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A 32-bit mix of the process's pid, the virtual clock and the attempt (a deterministic stand-in for getrandom). */
function mix(pid: number, clock: number, attempt: number): number {
  let h = 0x811c9dc5;
  for (const v of [pid, clock % 0x100000000, Math.floor(clock / 0x100000000), attempt]) {
    h = Math.imul(h ^ (v >>> 0), 0x01000193) >>> 0;
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  }
  return h;
}

/** The six letters of attempt `n` for this process. */
function suffix(ctx: Ctx, n: number): string {
  let h = mix(ctx.p.pid, ctx.k.clock(), n);
  let lo = mix(h, ctx.p.pid, n + 1);
  let s = '';
  for (let i = 0; i < 6; i++) {
    s += LETTERS[((h ^ lo) >>> 0) % 62];
    h = Math.floor(h / 62);
    lo = Math.imul(lo, 0x9e3779b1) >>> 0;
  }
  return s;
}

/** glibc's tries before it gives up (TMP_MAX 238328, far more than any fs here can hold). */
const TRIES = 1000;

/** mkstemp / mkdtemp / mktemp(3) of `tmpl`: the name made, or the errno. */
function makeTemp(ctx: Ctx, tmpl: string, kind: 'file' | 'dir' | 'name'): string | FsError {
  if (tmpl.length < 6 || !tmpl.endsWith('XXXXXX')) return new FsError('EINVAL');
  const stem = tmpl.slice(0, -6);
  for (let n = 0; n < TRIES; n++) {
    const name = stem + suffix(ctx, n);
    try {
      if (kind === 'name') {
        if (ctx.fs.exists(name, ctx.cwd, ctx.cred)) continue;
        return name;
      }
      if (ctx.fs.exists(name, ctx.cwd, ctx.cred) || lexists(ctx, name)) continue;
      if (kind === 'dir') ctx.fs.mkdir(name, ctx.cwd, ctx.cred, 0o700);
      else ctx.fs.openWrite(name, ctx.cwd, ctx.cred, { truncate: false, mode: 0o600 });
      return name;
    } catch (e) {
      if (e instanceof FsError) {
        // mktemp(3) only asks whether the name is free: a missing directory is no error.
        if (kind === 'name' && e.code === 'ENOENT') return name;
        return e;
      }
      throw e;
    }
  }
  return new FsError('EEXIST');
}

function lexists(ctx: Ctx, p: string): boolean {
  try {
    ctx.fs.lstat(p, ctx.cwd, ctx.cred);
    return true;
  } catch {
    return false;
  }
}

/** The long options mktemp takes; --tmpdir[=DIR] (an optional argument) sets the base directory and implies -t. */
const MKTEMP_LONG: Record<string, string> = { directory: 'd', quiet: 'q', 'dry-run': 'u', tmpdir: 'T' };

export const mktemp: Applet = function* (ctx) {
  let base = ctx.env.get('TMPDIR') || '/tmp';
  let tmpdir = false;
  const argv = [ctx.argv[0]];
  for (let i = 1; i < ctx.argv.length; i++) {
    const a = ctx.argv[i];
    if (a === '--') { argv.push(...ctx.argv.slice(i)); break; }
    if (!a.startsWith('--')) { argv.push(a); continue; }
    const eq = a.indexOf('=');
    const found = lookupLong(MKTEMP_LONG, a.slice(2, eq < 0 ? undefined : eq), a);
    if (typeof found === 'string' || (eq >= 0 && found.name !== 'tmpdir')) {
      const why = typeof found === 'string' ? found : `option '--${found.name}' doesn't allow an argument`;
      errRaw(ctx, `mktemp: ${why}\n${MKTEMP_USAGE}`);
      return 1;
    }
    if (found.name === 'tmpdir') {
      tmpdir = true;
      if (eq >= 0) base = a.slice(eq + 1);
    } else argv.push('-' + found.short);
  }
  const o = getopts(argv, 'dqtp:u');
  if (o.bad) {
    errRaw(ctx, (o.missing ? `mktemp: option requires an argument -- '${o.bad}'\n` : `mktemp: invalid option -- '${o.bad}'\n`) + MKTEMP_USAGE);
    return 1;
  }
  if (o.rest.length > 1) { errRaw(ctx, MKTEMP_USAGE); return 1; }
  const f = o.flags;
  if (o.values.has('p')) base = o.values.get('p')!.at(-1)!;
  let tmpl = o.rest[0];
  let prefix = f.has('t') || f.has('p') || tmpdir;
  if (tmpl === undefined) { tmpl = 'tmp.XXXXXX'; prefix = true; }
  if (prefix) tmpl = under(base, tmpl);
  const r = makeTemp(ctx, tmpl, f.has('u') ? 'name' : f.has('d') ? 'dir' : 'file');
  if (r instanceof FsError) {
    if (!f.has('q')) err(ctx, r.message);
    return 1;
  }
  yield* out(ctx, r + '\n');
  return 0;
};

/** ftruncate(2) of an open regular file to `size` bytes: what is cut is given back, what grows reads as NULs. */
export function truncateTo(ctx: Ctx, info: StatInfo, size: number): void {
  const n = info.node;
  if (n.kind !== 'file') return;
  const len = n.data.length;
  if (size > len) {
    // The playground holds a file's bytes (real tmpfs would leave a hole): a huge size meets its memory budget.
    ctx.k.hold(size, false);
    const end = ctx.fs.writeAt(info, '\0'.repeat(size - len), len, false);
    if (end < size) throw new FsError('ENOSPC');
    return;
  }
  if (size === len) return;
  const space = info.mount?.tree.space;
  if (space) space.used -= inodePages(space, n);
  n.data = n.data.slice(0, size);
  if (space) { noteBytes(space, n, size); space.used += inodePages(space, n); }
  n.mtime = ctx.fs.now;
  ctx.fs.touched('truncate', info.path, info.mount, size);
}

// eslint-disable-next-line require-yield -- writes nothing to stdout
export const truncate: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'cs:');
  if (o.bad) {
    errRaw(ctx, (o.missing ? `truncate: option requires an argument -- '${o.bad}'\n` : `truncate: invalid option -- '${o.bad}'\n`) + TRUNCATE_USAGE);
    return 1;
  }
  // -s is required.
  if (!o.values.has('s')) { errRaw(ctx, TRUNCATE_USAGE); return 1; }
  const sizeArg = o.values.get('s')!.at(-1)!;
  const size = xatouSfx(sizeArg, KMG_SUFFIXES);
  if (typeof size !== 'number') { err(ctx, size.msg); return 1; }
  let status = 0;
  for (const name of o.rest) {
    let info: StatInfo;
    try {
      info = ctx.fs.openWrite(name, ctx.cwd, ctx.cred, { truncate: false, create: !o.flags.has('c') });
    } catch (e) {
      // -c: a missing file is no error (and no message).
      if (e instanceof FsError && e.code === 'ENOENT' && o.flags.has('c')) continue;
      err(ctx, `${name}: open: ${errnoMsg(e)}`);
      status = 1;
      continue;
    }
    if (info.node.kind !== 'file') {
      // ftruncate of a device: EINVAL.
      err(ctx, `${name}: truncate: ${strerror('EINVAL')}`);
      status = 1;
      continue;
    }
    try {
      truncateTo(ctx, info, size);
    } catch (e) {
      err(ctx, `${name}: truncate: ${errnoMsg(e)}`);
      status = 1;
    }
  }
  return status;
};
