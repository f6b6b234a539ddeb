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
import { NET_APPLETS, EXTRA_APPLETS } from './net';

/** `sh`/`ash`: exec of the shell in the current process. */
export const SHELL_APPLET: Applet = function* (ctx) {
  const run = ctx.k.execShell;
  if (!run) return 127;
  return yield* run(ctx.p, ctx.argv, ctx.env, ctx.cwd);
};

const TABLE: ReadonlyMap<string, Applet> = new Map<string, Applet>([
  ['sh', SHELL_APPLET], ['ash', SHELL_APPLET],
  ['echo', basic.echo], ['printf', basic.printf], ['test', basic.test], ['[', basic.test], ['[[', basic.test],
  ['true', basic.trueA], ['false', basic.falseA], ['sleep', basic.sleep], ['yes', basic.yes], ['env', basic.env],
  ['printenv', basic.printenv], ['id', basic.id], ['whoami', basic.whoami], ['hostname', basic.hostname],
  ['date', basic.date], ['cat', files.cat], ['mkdir', files.mkdir], ['rm', files.rm], ['rmdir', files.rmdir],
  ['touch', files.touch], ['cp', files.cp], ['mv', files.mv], ['ln', files.ln], ['basename', files.basename],
  ['dirname', files.dirname], ['pwd', files.pwd], ['timeout', timeout],
  ...text.TEXT_APPLETS, ...more.MORE_APPLETS, ...NET_APPLETS,
]);

/** Names linked into /bin (sh and ash are the shell itself). */
export const APPLET_NAMES: readonly string[] = [...TABLE.keys()].sort();

export function appletFor(name: string, flavor: ImageFlavor): Applet | null {
  const a = TABLE.get(name);
  if (a) return a;
  if (flavor.extraApplets?.includes(name)) return EXTRA_APPLETS.get(name) ?? null;
  return null;
}
