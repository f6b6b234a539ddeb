/**
 * uname and nproc (busybox 1.36 coreutils/uname.c, coreutils/nproc.c): the node's kernel and CPUs
 * (nodeInfo.ts); the node name is the container's UTS name, the pod's hostname (/etc/hostname agrees).
 */
import { NODE_CPUS, NODE_KERNEL } from '../nodeInfo';
import type { Ctx } from '../shell/sys';
import { BB_BANNER, err, errRaw, getopts, out, type Applet } from './lib';
import { lookupLong, shortenLong } from './gnuLong';

const UNAME_USAGE = `${BB_BANNER}Usage: uname [-amnrspvio]\n\nPrint system information\n\n\t-a\tPrint all\n\t-m\tMachine (hardware) type\n\t-n\tHostname\n\t-r\tKernel release\n\t-s\tKernel name (default)\n\t-p\tProcessor type\n\t-v\tKernel version\n\t-i\tHardware platform\n\t-o\tOS name\n`;
const NPROC_USAGE = `${BB_BANNER}Usage: nproc [--all] [--ignore=N]\n\nPrint number of available CPUs\n\n\t--all\t\tNumber of installed CPUs\n\t--ignore=N\tExclude N CPUs\n`;

/** bb_show_usage after an optional message: status 1. */
function usage(ctx: Ctx, text: string, msg = ''): number {
  errRaw(ctx, msg + text);
  return 1;
}


/** The container's UTS node name: the pod's hostname, as /etc/hostname holds it. */
export function nodeName(ctx: Ctx): string {
  try {
    return ctx.fs.readFile('/etc/hostname', '/', ctx.cred).trim();
  } catch {
    return 'localhost';
  }
}

const UNAME_LONG: Record<string, string> = {
  all: 'a', 'kernel-name': 's', nodename: 'n', 'kernel-release': 'r', release: 'r', 'kernel-version': 'v',
  machine: 'm', processor: 'p', 'hardware-platform': 'i', 'operating-system': 'o',
};

// Bit order of the fields (utsname_offset): -s -n -r -v -m -p -i -o.
const FIELDS = 'snrvmpio';

export const uname: Applet = function* (ctx) {
  const argv = shortenLong(UNAME_LONG, ctx.argv, false);
  if (typeof argv === 'string') return usage(ctx, UNAME_USAGE, `uname: ${argv}\n`);
  const o = getopts(argv, 'snrvmpioa');
  if (o.bad) return usage(ctx, UNAME_USAGE, `uname: invalid option -- '${o.bad}'\n`);
  // coreutils-6.9 compatibility: an operand is a usage error.
  if (o.rest.length) return usage(ctx, UNAME_USAGE);
  const all = o.flags.has('a');
  // -a leaves out the fields busybox does not know (processor, platform: "unknown" otherwise).
  const unknown = all ? '' : 'unknown';
  const k = NODE_KERNEL;
  const values = [k.sysname, nodeName(ctx), k.release, k.version, k.machine, unknown, unknown, 'GNU/Linux'];
  const chosen = [...FIELDS].map((c) => all || o.flags.has(c));
  if (!chosen.includes(true)) chosen[0] = true;
  const shown = values.filter((v, i) => chosen[i] && v !== '');
  yield* out(ctx, shown.join(' ') + '\n');
  return 0;
};

export const arch: Applet = function* (ctx) {
  yield* out(ctx, NODE_KERNEL.machine + '\n');
  return 0;
};

/** nproc [--all] [--ignore=N]: the CPUs the process may run on (all of the node's); never less than 1. */
export const nproc: Applet = function* (ctx) {
  let ignore = 0;
  const table = { ignore: 'i', all: 'a' };
  for (let i = 1; i < ctx.argv.length; i++) {
    const a = ctx.argv[i];
    if (a === '--') break;
    if (!a.startsWith('-') || a === '-') continue;
    if (!a.startsWith('--')) return usage(ctx, NPROC_USAGE, `nproc: invalid option -- '${a[1]}'\n`);
    const eq = a.indexOf('=');
    const r = lookupLong(table, a.slice(2, eq < 0 ? undefined : eq), a);
    if (typeof r === 'string') return usage(ctx, NPROC_USAGE, `nproc: ${r}\n`);
    if (r.name === 'all') {
      if (eq >= 0) return usage(ctx, NPROC_USAGE, `nproc: option '--all' doesn't allow an argument\n`);
      continue;
    }
    const v: string | undefined = eq >= 0 ? a.slice(eq + 1) : ctx.argv[++i];
    if (v === undefined) return usage(ctx, NPROC_USAGE, `nproc: option '--ignore' requires an argument\n`);
    if (!/^[0-9]+$/.test(v) || Number(v) > 0x7fffffff) { err(ctx, `invalid number '${v}'`); return 1; }
    ignore = Number(v);
  }
  yield* out(ctx, `${Math.max(1, NODE_CPUS - ignore)}\n`);
  return 0;
};
