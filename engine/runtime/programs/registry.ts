/**
 * Applet table: the busybox applets the playground implements, linked into /bin of the image.
 * Extra programs (curl) exist only when the image flavor lists them.
 */
import type { ImageFlavor } from '../shell/sys';
import type { Applet } from './lib';
import * as basic from './basic';
import * as files from './files';
import * as text from './text';
import * as more from './more';
import { timeout } from './exec';
import { xargs } from './xargs';
import { find } from './find';
import { od } from './od';
import { du } from './du';
import { wc } from './wc';
import { ps } from './ps';
import { df, free, uptime } from './sysinfo';
import { basename, dirname, pwd, readlink, realpathA } from './paths';
import { DIGEST_APPLETS } from './digest';
import { base64, rev } from './encode';
import { paste, tac } from './tacPaste';
import { cmp } from './cmp';
import { which } from './which';
import { arch, nproc, uname } from './uname';
import { mktemp, truncate } from './tempfiles';
import { expand, nl } from './nl';
import { dd } from './dd';
import { time } from './time';
import { IMAGE_APPLETS, notModelled } from './notModelled';
import { NET_APPLETS, EXTRA_APPLETS } from './net';
import { hasLongOptions, withLongOptions } from './gnuLong';
import { ASH, type Dialect } from '../shell/dialect';
import { BASH } from '../shell/dialectBash';
import { DASH } from '../shell/dialectDash';

/** A shell program: exec of the shell (of `dialect`) in the current process. */
function shellApplet(dialect: Dialect): Applet {
  return function* (ctx) {
    const run = ctx.k.execShell;
    if (!run) return 127;
    return yield* run(ctx.p, ctx.argv, ctx.env, ctx.cwd, dialect);
  };
}

/** `sh`/`ash` of busybox. */
export const SHELL_APPLET: Applet = shellApplet(ASH);
const SHELLS: ReadonlyMap<string, Applet> = new Map([['dash', shellApplet(DASH)], ['bash', shellApplet(BASH)]]);
const SHELL_APPLETS: ReadonlySet<Applet> = new Set([SHELL_APPLET, ...SHELLS.values()]);

/** Whether `a` runs a shell (which the caller forks first, as a real shell would). */
export function isShellApplet(a: Applet): boolean {
  return SHELL_APPLETS.has(a);
}

const TABLE: ReadonlyMap<string, Applet> = new Map<string, Applet>([
  ['sh', SHELL_APPLET], ['ash', SHELL_APPLET],
  ['echo', basic.echo], ['printf', basic.printf], ['test', basic.test], ['[', basic.test], ['[[', basic.test],
  ['true', basic.trueA], ['false', basic.falseA], ['sleep', basic.sleep], ['yes', basic.yes], ['env', basic.env],
  ['printenv', basic.printenv], ['id', basic.id], ['whoami', basic.whoami], ['hostname', basic.hostname],
  ['date', basic.date], ['cat', files.cat], ['mkdir', files.mkdir], ['rm', files.rm], ['rmdir', files.rmdir],
  ['touch', files.touch], ['wc', wc], ['cp', files.cp], ['mv', files.mv], ['ln', files.ln], ['basename', basename],
  ['dirname', dirname], ['pwd', pwd], ['timeout', timeout], ['xargs', xargs], ['find', find],
  ['readlink', readlink], ['realpath', realpathA], ['od', od], ['du', du], ['ps', ps], ['uptime', uptime], ['free', free], ['df', df], ['base64', base64], ['rev', rev], ['tac', tac], ['paste', paste], ['cmp', cmp], ['which', which], ['groups', basic.groups], ...DIGEST_APPLETS,
  ['uname', uname], ['arch', arch], ['nproc', nproc], ['mktemp', mktemp], ['truncate', truncate],
  ['nl', nl], ['expand', expand], ['unexpand', expand], ['dd', dd], ['time', time],
  ...text.TEXT_APPLETS, ...more.MORE_APPLETS, ...NET_APPLETS,
]);

/** Names linked into /bin (sh and ash are the shell itself), with the image's applets the playground does not model. */
export const APPLET_NAMES: readonly string[] = [...new Set([...TABLE.keys(), ...IMAGE_APPLETS])].sort();

// Models the programs of debian:bookworm/trixie that the playground implements: coreutils, grep, sed,
// mawk (awk is its alternatives link), hostname, dash (/bin/sh) and bash. Not there: busybox's
// nslookup, wget, nc (no network tools in the base images), kill and ps (procps is not installed).
export const DISTRO_PROGRAMS: readonly string[] = [
  '[', 'awk', 'basename', 'bash', 'cat', 'chmod', 'chown', 'cp', 'cut', 'dash', 'date', 'dirname', 'echo', 'egrep',
  'env', 'expr', 'false', 'fgrep', 'grep', 'head', 'hostname', 'id', 'ln', 'ls', 'mawk', 'mkdir', 'mv', 'printenv',
  'printf', 'pwd', 'rm', 'rmdir', 'sed', 'seq', 'sh', 'sleep', 'sort', 'stat', 'tail', 'tee', 'test', 'timeout',
  'touch', 'tr', 'true', 'uniq', 'wc', 'whoami', 'yes',
];

/** The GNU tools' applets with their long options (built once per name). */
const GNU_APPLETS = new Map<string, Applet>(
  [...TABLE].filter(([n]) => hasLongOptions(n)).map(([n, a]) => [n, withLongOptions(n, a)]),
);

/** Set views of the lists above: every command of every shell looks a name up here. */
const DISTRO_SET: ReadonlySet<string> = new Set(DISTRO_PROGRAMS);
const IMAGE_SET: ReadonlySet<string> = new Set(IMAGE_APPLETS);

export function appletFor(name: string, flavor: ImageFlavor): Applet | null {
  if (flavor.userland === 'gnu') {
    const shell = SHELLS.get(name);
    if (shell) return shell;
    if (name === 'mawk') return TABLE.get('awk')!;
    if (!DISTRO_SET.has(name)) return flavor.extraApplets?.includes(name) ? TABLE.get(name) ?? EXTRA_APPLETS.get(name) ?? null : null;
    const gnu = GNU_APPLETS.get(name);
    if (gnu) return gnu;
  }
  const a = TABLE.get(name);
  if (a) return a;
  if (flavor.extraApplets?.includes(name)) return EXTRA_APPLETS.get(name) ?? null;
  // busybox's own name for an applet of the image that is not modelled (GNU images never get here).
  if (flavor.userland !== 'gnu' && IMAGE_SET.has(name)) return notModelled;
  return null;
}
