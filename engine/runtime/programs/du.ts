/**
 * du as busybox 1.36 (coreutils/du.c, FEATURE_DU_DEFAULT_BLOCKSIZE_1K and HUMAN_READABLE): a recursive walk
 * from each operand (default `.`) summing st_blocks; every directory is printed (down to -d N, only the
 * operands with -s), files only with -a or as operands; -c adds `total`. Units: 1K blocks (-k, default),
 * -m MiB rounded up, -h human (4.0K), -b apparent bytes; the last of -h -k -m wins, as the last of -s -d.
 * Inodes with several links count once (-l: every time). -H/-L follow symlinks, -x stays on one fs.
 * Block counts are what the node's ext4 disk allocates (fs/blocks.ts, as the kubelet's DiskUsage counts).
 */
import { allocatedBytes } from '../fs/blocks';
import { inodeSize, type Inode } from '../fs/tree';
import type { MountEntry } from '../fs/resolve';
import { badOption, err, errnoMsg, getopts, stdio, finish, under, type Applet } from './lib';

/** busybox's make_human_readable_str for a count of 512-byte blocks (or bytes when `unit` is 1 with -b). */
export function humanReadable(val: number, blockSize: number, unit: number): string {
  if (val === 0) return '0';
  let v = BigInt(val) * BigInt(blockSize > 1 ? blockSize : 1);
  if (unit) return String((v + BigInt(Math.floor(unit / 2))) / BigInt(unit));
  const units = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  let u = 0;
  let frac = 0;
  while (v >= 1024n) {
    u++;
    frac = Math.floor((Number(v % 1024n) * 10 + 512) / 1024);
    v /= 1024n;
  }
  if (frac >= 10) { v++; frac = 0; }
  return u === 0 ? String(v) : `${v}.${frac}${units[u]}`;
}

/** Which of `letters` the command line gives last (getopt32's `h-km` style exclusions). */
function lastOf(argv: readonly string[], letters: string, valued: string): string | null {
  let last: string | null = null;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a[0] !== '-' || a.length < 2) continue;
    for (let j = 1; j < a.length; j++) {
      if (letters.includes(a[j])) last = a[j];
      if (valued.includes(a[j])) { if (j + 1 === a.length) i++; break; }
    }
  }
  return last;
}

export const du: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'aHkLsxd:lcbhm');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const f = o.flags;
  let maxDepth = Infinity;
  const dv = o.values.get('d')?.at(-1);
  if (dv !== undefined) {
    if (!/^[0-9]+$/.test(dv)) { err(ctx, `invalid number '${dv}'`); return 1; }
    maxDepth = Number(dv);
  }
  const sd = lastOf(ctx.argv, 'sd', 'd');
  if (sd === 's') maxDepth = 0;
  let unit = 1024;
  if (f.has('b')) unit = 1;
  const hkm = lastOf(ctx.argv, 'hkm', 'd');
  if (hkm === 'h') unit = 0;
  else if (hkm === 'm') unit = 1024 * 1024;
  else if (hkm === 'k') unit = 1024;
  let slinkDepth = f.has('L') ? Infinity : f.has('H') ? 1 : 0;
  const operands = o.rest.length ? o.rest : ['.'];
  if (!o.rest.length && slinkDepth === 1) slinkDepth = 0;

  const so = stdio(ctx);
  let status = 0;
  const seen = new Set<Inode>();
  const print = (blocks: number, name: string) => {
    const n = unit ? blocks + Math.floor((unit - 1) / 1024) : blocks;
    so.add(`${humanReadable(n, f.has('b') ? 1 : 512, unit)}\t${name}\n`);
  };
  let dev: MountEntry | null = null;
  const walk = (path: string, depth: number, follow: number): { sum: number; follow: number } => {
    let st;
    try {
      st = ctx.fs.lstat(path, ctx.cwd, ctx.cred);
    } catch (e) {
      err(ctx, `${path}: ${errnoMsg(e)}`);
      status = 1;
      return { sum: 0, follow };
    }
    if (f.has('x')) {
      if (depth === 0) dev = st.mount;
      else if (st.mount !== dev) return { sum: 0, follow };
    }
    if (st.node.kind === 'symlink' && follow > depth) {
      try {
        st = ctx.fs.stat(path, ctx.cwd, ctx.cred);
      } catch (e) {
        err(ctx, `${path}: ${errnoMsg(e)}`);
        status = 1;
        return { sum: 0, follow };
      }
      if (follow === 1) follow = Infinity;
    }
    const n = st.node;
    let sum = f.has('b') ? inodeSize(n) : allocatedBytes(n) / 512;
    if (!f.has('l') && (n.kind === 'dir' || n.nlink > 1)) {
      if (seen.has(n)) return { sum: 0, follow };
      seen.add(n);
    }
    if (n.kind === 'dir') {
      let names: string[];
      try {
        names = ctx.fs.readdir(path, ctx.cwd, ctx.cred);
      } catch (e) {
        err(ctx, `can't open '${path}': ${errnoMsg(e)}`);
        status = 1;
        return { sum, follow };
      }
      for (const name of names) {
        const r = walk(under(path, name), depth + 1, follow);
        sum += r.sum;
        follow = r.follow;
      }
    } else if (!f.has('a') && depth !== 0) {
      return { sum, follow };
    }
    if (depth <= maxDepth) print(sum, path);
    return { sum, follow };
  };
  let total = 0;
  for (const p of operands) total += walk(p, 0, slinkDepth).sum;
  if (f.has('c')) print(total, 'total');
  return yield* finish(ctx, so, status, true);
};
