/** Applets that run other programs: env CMD, timeout, and the lookup they share. */
import { allowed } from '../fs/resolve';
import { SIGNALS, signaledText, type ProcGen } from '../shell/kernel';
import { cloneFds } from '../shell/io';
import type { Ctx } from '../shell/sys';
import { err, errRaw, getopts, prog, type Applet, type G } from './lib';
import { wording } from './wording';
import { appletFor } from './registry';

export function lookup(ctx: Ctx, name: string, env: ReadonlyMap<string, string>): { applet: Applet | null; found: boolean } {
  const paths = name.includes('/') ? [name] : (env.get('PATH') ?? '/bin').split(':').map((d) => `${d || '.'}/${name}`);
  for (const p of paths) {
    const n = ctx.fs.exists(p, ctx.cwd, ctx.cred);
    if (n && n.kind === 'file' && allowed(n, ctx.cred, 1)) {
      const a = n.exe ? appletFor(n.exe === 'busybox' ? p.slice(p.lastIndexOf('/') + 1) : n.exe, ctx.flavor) : null;
      return { applet: a, found: true };
    }
  }
  return { applet: null, found: false };
}

/** Run ARGV in this process (exec-like) with `env`. */
export function* runChild(ctx: Ctx, argv: string[], env: ReadonlyMap<string, string>): G<number> {
  const { applet, found } = lookup(ctx, argv[0], env);
  if (!applet) {
    err(ctx, wording(ctx).execFail(prog(ctx), argv[0], found));
    return found ? 126 : 127;
  }
  return yield* applet({ ...ctx, argv, env });
}

/** timeout [-s SIG] SECS PROG ARGS: the program runs as a child, killed at the deadline. */
export const timeout: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 's:k:', true);
  const w = wording(ctx);
  if (o.bad || o.rest.length < 2) {
    const [text, status] = w.timeoutUsage;
    errRaw(ctx, text);
    return status;
  }
  const secs = Number(o.rest[0].replace(/s$/, ''));
  // A duration that is no number fails before anything runs (busybox `invalid number`, GNU `invalid time interval`).
  if (!Number.isFinite(secs) || secs < 0) {
    const [text, status] = w.timeoutBadInterval(o.rest[0]);
    errRaw(ctx, text);
    return status;
  }
  // -s SIG: a number or a name, any case, with or without SIG (libbb get_signum).
  const sigArg = o.values.get('s')?.at(-1) ?? 'TERM';
  const sigName = sigArg.toUpperCase().replace(/^SIG/, '');
  const signo = /^\d+$/.test(sigArg) ? Number(sigArg) : SIGNALS[sigName];
  if (signo === undefined || signo < 1 || signo > 64) { err(ctx, `unknown signal '${sigArg}'`); return 1; }
  const argv = o.rest.slice(1);
  const { applet } = lookup(ctx, argv[0], ctx.env);
  if (!applet) { err(ctx, wording(ctx).execFail('timeout', argv[0], false)); return 127; }
  const child = ctx.k.spawn(ctx.p.pid, cloneFds(ctx.p.fds), (p): ProcGen => applet({ ...ctx, p, argv, env: ctx.env }));
  child.argv = argv;
  const deadline = ctx.k.clock() + secs * 1_000_000;
  for (;;) {
    if (child.done) { ctx.k.procs.delete(child.pid); return child.status; }
    if (ctx.k.clock() >= deadline) {
      ctx.k.kill(child, signo);
      ctx.k.procs.delete(child.pid);
      // busybox timeout execs the program in its own process: the shell reaps a job the signal ended and says so.
      const text = signaledText(signo);
      if (text) errRaw(ctx, text + '\n');
      return 128 + signo;
    }
    // Poll: wake at the deadline or when the child ends.
    yield { k: 'sleep', until: Math.min(deadline, ctx.k.clock() + 10_000) };
  }
};
