/**
 * uptime, free and df (busybox 1.36 procps/uptime.c, procps/free.c, coreutils/df.c). Inside a container
 * these read the node's kernel (sysinfo, /proc/meminfo, statvfs), not the container's limits, so the
 * playground answers for one documented node:
 * - the node booted at virtual time 0 (uptime = virtual seconds since), no load (0.00), no utmp (0 users:
 *   1.36's defconfig has FEATURE_UPTIME_UTMP_SUPPORT), time of day in UTC (TZ unset);
 * - 8 GiB of RAM (NODE_MEMORY below), no swap (kubelets run with swap off);
 * - a 100 GiB ext4 disk /dev/vda1 holding the containers' overlay roots and disk-backed volumes, 20 GiB
 *   used; /dev and /dev/shm are containerd's 64 MiB tmpfs; a tmpfs volume (emptyDir medium Memory with a
 *   size) shows its size= and the pages it holds.
 */
import { utcParts } from '../../sim/time';
import { PAGE_SIZE } from '../fs/capacity';
import { humanReadable } from './du';
import { badOption, err, getopts, out, type Applet } from './lib';
import type { Ctx } from '../shell/sys';

const pad2 = (n: number) => String(n).padStart(2, '0');

export const uptime: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 's');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const up = Math.floor(ctx.k.clock() / 1e6);
  const nowSec = Math.floor(ctx.k.wallMs() / 1000);
  if (o.flags.has('s')) {
    const c = utcParts((nowSec - up) * 1000);
    yield* out(ctx, `${c.y}-${pad2(c.m)}-${pad2(c.d)} ${pad2(c.hh)}:${pad2(c.mm)}:${pad2(c.ss)}\n`);
    return 0;
  }
  const c = utcParts(nowSec * 1000);
  let s = ` ${pad2(c.hh)}:${pad2(c.mm)}:${pad2(c.ss)} up `;
  const days = Math.floor(up / 86400);
  if (days) s += `${days} day${days !== 1 ? 's' : ''}, `;
  const mins = Math.floor(up / 60);
  const hours = Math.floor(mins / 60) % 24;
  s += hours ? `${String(hours).padStart(2)}:${pad2(mins % 60)}` : `${mins % 60} min`;
  s += ',  0 users,  load average: 0.00, 0.00, 0.00\n';
  yield* out(ctx, s);
  return 0;
};

/** The documented node's memory, in KiB: total, free, buffers+cache, available, shared. */
export const NODE_MEMORY = { total: 8388608, free: 5242880, cache: 1572864, available: 6553600, shared: 2048 } as const;

export const free: Applet = function* (ctx) {
  let unit = 1024;
  const a = ctx.argv[1];
  if (a && a[0] === '-') {
    const u: Record<string, number> = { b: 1, k: 1024, m: 1 << 20, g: 1 << 30, h: 0 };
    if (!(a[1] in u)) { err(ctx, `invalid option -- '${a[1] ?? ''}'`); return 1; }
    unit = u[a[1]];
  }
  const m = NODE_MEMORY;
  const f = (kib: number) => humanReadable(kib, 1024, unit).padStart(12);
  const used = m.total - m.free - m.cache;
  yield* out(ctx, `       ${['total', 'used', 'free', 'shared', 'buff/cache', 'available'].map((h) => h.padStart(12)).join('')}\n`
    + `Mem:   ${f(m.total)}${f(used)}${f(m.free)}${f(m.shared)}${f(m.cache)}${f(m.available)}\n`
    + `Swap:  ${f(0)}${f(0)}${f(0)}\n`);
  return 0;
};

interface Mount { device: string; dir: string; type: string; blocks: number; free: number; avail: number; bsize: number }

/** The node's disk, in 4 KiB blocks: 100 GiB, 20 GiB used; ext4 keeps 5% for root (free minus avail). */
const DISK = { blocks: 26214400, used: 5242880, reserved: 1310720 };
const DEV_TMPFS = 16384;

function mountTable(ctx: Ctx): Mount[] {
  const disk = (device: string, dir: string, type: string): Mount => ({
    device, dir, type, blocks: DISK.blocks, free: DISK.blocks - DISK.used, avail: DISK.blocks - DISK.used - DISK.reserved, bsize: 4096,
  });
  const tmpfs = (device: string, dir: string, pages: number, used: number): Mount => ({
    device, dir, type: 'tmpfs', blocks: pages, free: pages - used, avail: pages - used, bsize: PAGE_SIZE,
  });
  const list = [disk('overlay', '/', 'overlay'), tmpfs('tmpfs', '/dev', DEV_TMPFS, 0)];
  for (const m of ctx.fs.mounts.values()) {
    const space = m.tree.space;
    if (space && Number.isFinite(space.pages)) list.push(tmpfs('tmpfs', m.path, space.pages, space.used));
    else list.push(disk('/dev/vda1', m.path, 'ext4'));
  }
  list.push(tmpfs('shm', '/dev/shm', DEV_TMPFS, 0));
  return list;
}

/** make_human_readable_str(n, 0, 0): a whole number with its suffix, rounded (1024 → 1K). */
function unitName(n: number): string {
  let v = n;
  let u = 0;
  let frac = 0;
  while (v >= 1024) {
    frac = Math.floor(((v % 1024) * 10 + 512) / 1024);
    v = Math.floor(v / 1024);
    u++;
  }
  if (frac >= 10) { v++; frac = 0; }
  if (frac >= 5) v++;
  return `${v}${['', 'K', 'M', 'G', 'T'][u]}`;
}

export const df: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'kPTt:aiB:hHm');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const f = o.flags;
  let unit = 1024;
  if (f.has('m')) unit = 1 << 20;
  const B = o.values.get('B')?.at(-1);
  if (B !== undefined) {
    const sfx: Record<string, number> = { k: 1024, K: 1024, m: 1 << 20, M: 1 << 20, g: 1 << 30, G: 1 << 30 };
    if (sfx[B]) unit = sfx[B];
    else if (/^[1-9][0-9]*$/.test(B)) unit = Number(B);
    else { err(ctx, `invalid number '${B}'`); return 1; }
  }
  if (f.has('k')) unit = 1024;
  let hdr: string;
  if (f.has('h') || f.has('H')) { unit = 0; hdr = '     Size'; } else hdr = `${f.has('P') ? unit : unitName(unit)}-blocks`;
  if (f.has('i')) hdr = '   Inodes';
  const lines = [`Filesystem           ${f.has('T') ? 'Type       ' : ''}${hdr.padEnd(15)}Used Available ${f.has('P') ? 'Capacity' : 'Use%'} Mounted on`];
  const table = mountTable(ctx);
  let chosen: Mount[] = table;
  let status = 0;
  if (o.rest.length) {
    chosen = [];
    for (const p of o.rest) {
      let canon: string;
      try {
        canon = ctx.fs.stat(p, ctx.cwd, ctx.cred).path;
      } catch {
        err(ctx, `${p}: can't find mount point`);
        status = 1;
        continue;
      }
      // The mount whose directory is the longest prefix of the path.
      const m = [...table].reverse().find((x) => x.dir === '/' || canon === x.dir || canon.startsWith(x.dir + '/'));
      chosen.push(m ?? table[0]);
    }
  }
  const t = o.values.get('t')?.at(-1);
  for (const m of chosen) {
    if (t !== undefined && m.type !== t) continue;
    const used = m.blocks - m.free;
    const total = used + m.avail;
    const pct = total ? Math.floor((used * 100 + Math.floor(total / 2)) / total) : 0;
    let line = m.device.length > 20 && !f.has('P') ? `${m.device}\n${' '.repeat(20)}` : m.device.padEnd(20);
    if (f.has('T')) line += ` ${m.type.padEnd(10)}`;
    const hr = (n: number) => humanReadable(n, m.bsize, unit);
    line += ` ${hr(m.blocks).padStart(9)} ${hr(used).padStart(9)} ${hr(m.avail).padStart(9)} ${String(pct).padStart(3)}% ${m.dir}`;
    lines.push(line);
  }
  yield* out(ctx, lines.map((l) => l + '\n').join(''));
  return status;
};
