/** which (busybox debianutils/which.c): each name's executable in $PATH (all of them with -a); 1 if one is missing. */
import { BB_BANNER, err, errRaw, getopts, out, writeError, type Applet } from './lib';
import type { Ctx } from '../shell/sys';

function executable(ctx: Ctx, path: string): boolean {
  const n = ctx.fs.exists(path, ctx.cwd, ctx.cred);
  return n !== null && n.kind === 'file' && (n.mode & 0o111) !== 0;
}

export const which: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'a');
  if (o.bad || o.rest.length === 0) {
    if (o.bad) err(ctx, `invalid option -- '${o.bad}'`);
    errRaw(ctx, `${BB_BANNER}Usage: which [-a] COMMAND...\n\nLocate COMMAND\n\n\t-a\tShow all matches\n`);
    return 1;
  }
  const pathVar = ctx.env.get('PATH') ?? '/sbin:/usr/sbin:/bin:/usr/bin';
  let text = '';
  let status = 0;
  for (const name of o.rest) {
    let found = false;
    if (name.includes('/')) {
      if (executable(ctx, name)) { text += name + '\n'; found = true; }
    } else {
      for (const dir of pathVar.split(':')) {
        const p = (dir === '' ? '.' : dir.replace(/\/$/, '')) + '/' + name;
        if (!executable(ctx, p)) continue;
        text += p + '\n';
        found = true;
        if (!o.flags.has('a')) break;
      }
    }
    if (!found) status = 1;
  }
  const failed = text ? yield* out(ctx, text) : null;
  return failed ? writeError(ctx, failed) : status;
};
