/** Applets that run other programs: env CMD, timeout, and the lookup they share. */
import { allowed } from '../fs/resolve';
import { signaledText, type Proc, type ProcGen } from '../shell/kernel';
import { ALL_SIGNALS, getSignum } from '../shell/signum';
import { cloneFds } from '../shell/io';
import type { Ctx } from '../shell/sys';
import { err, errRaw, getopts, prog, type Applet, type G } from './lib';
import { parseDuration } from './basic';
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

/**
 * timeout [-s SIG] [-k SECS] SECS PROG ARGS (coreutils/timeout.c): the program runs; at the deadline it gets
 * the signal (get_signum: a number, a name, RTMIN+n; 0 sends nothing), and with -k a SIGKILL that much later
 * if it is still running. A signal the program traps or ignores does not end it.
 */
export const timeout: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 's:k:', true);
  const w = wording(ctx);
  if (o.bad || o.rest.length < 2) {
    const [text, status] = w.timeoutUsage;
    errRaw(ctx, text);
    return status;
  }
  const sigArg = o.values.get('s')?.at(-1) ?? 'TERM';
  const signo = getSignum(sigArg);
  if (signo === null) { err(ctx, `unknown signal '${sigArg}'`); return 1; }
  // Durations take busybox's suffixes (s m h d) and fractions; one that is no number fails before anything runs.
  const seconds = (arg: string): number | null => {
    const d = parseDuration(arg);
    if (typeof d === 'number') return d;
    const [text] = 'usage' in d ? w.timeoutUsage : w.timeoutBadInterval(ctx.flavor.userland === 'gnu' ? arg : d.invalid);
    errRaw(ctx, text);
    return null;
  };
  const killAfter = o.values.has('k') ? seconds(o.values.get('k')!.at(-1)!) : 0;
  if (killAfter === null) return w.timeoutUsage[1];
  const secs = seconds(o.rest[0]);
  if (secs === null) return w.timeoutBadInterval(o.rest[0])[1];
  const argv = o.rest.slice(1);
  const { applet } = lookup(ctx, argv[0], ctx.env);
  if (!applet) { err(ctx, wording(ctx).execFail('timeout', argv[0], false)); return 127; }
  const child = ctx.k.spawn(ctx.p.pid, cloneFds(ctx.p.fds), (p): ProcGen => applet({ ...ctx, p, argv, env: ctx.env }));
  child.argv = argv;
  let deadline = ctx.k.clock() + secs * 1_000_000;
  // 0: waiting for the deadline; 1: signalled, waiting for -k's; 2: nothing more to send.
  let phase = 0;
  for (;;) {
    if (child.done) {
      ctx.k.procs.delete(child.pid);
      if (!child.killedBy) return child.status;
      // busybox timeout execs the program in its own process: the shell reaps a job the signal ended and says so.
      const text = signaledText(child.killedBy);
      if (text) errRaw(ctx, text + '\n');
      return 128 + child.killedBy;
    }
    if (phase < 2 && ctx.k.clock() >= deadline) {
      if (phase === 0 && signo > 0) sendSignal(ctx, child, signo);
      else if (phase === 1) ctx.k.kill(child, 9);
      phase = phase === 0 && killAfter > 0 ? 1 : 2;
      deadline = ctx.k.clock() + killAfter * 1_000_000;
      continue;
    }
    // Poll: wake at the deadline or when the child ends.
    yield { k: 'sleep', until: phase < 2 ? Math.min(deadline, ctx.k.clock() + 10_000) : ctx.k.clock() + 10_000 };
  }
};

/** kill(pid, n): a classic signal goes through the process's disposition (trapped, ignored); a real-time one ends it. */
function sendSignal(ctx: Ctx, p: Proc, n: number): void {
  if (n < ALL_SIGNALS.length) ctx.k.signal(p, ALL_SIGNALS[n]);
  else ctx.k.kill(p, n);
}
