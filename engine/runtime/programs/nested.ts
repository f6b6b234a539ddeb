/**
 * `sh -c CMD` run to its end at once, for a program that needs a command's result in the middle of a
 * computation it cannot suspend: awk's system(), `"cmd" | getline` and `print | "cmd"`. The command runs in
 * a kernel of its own on the container's filesystem, with the container's user, environment and network;
 * its sleeps pass on a clock of its own, and the time it took is charged to the caller afterwards.
 *
 * What the command can wait for must end without the rest of the cluster moving: a command that waits for
 * another process of the container, or sleeps past the caller's remaining time, ends where it stands.
 */
import type { ContainerHost, ExitStatus } from '../seam';
import { BudgetStop, OomKill } from '../shell/kernel';
import { runProgram } from '../shell/start';
import type { Ctx } from '../shell/sys';

export interface NestedResult { readonly out: string; readonly err: string; readonly status: number }

/** The longest a nested command may run, in virtual ms (a `sleep` in it counts). */
const NESTED_MS = 86_400_000;

export function runNested(ctx: Ctx, cmd: string, stdin = ''): NestedResult {
  const start = ctx.k.clock() / 1000;
  let elapsed = 0;
  let out = '';
  let err = '';
  const outer = ctx.host;
  const host: ContainerHost = {
    now: () => Math.floor(start + elapsed),
    output: (stream, text) => { if (stream === 'stdout') out += text; else err += text; },
    dns: (q) => outer.dns(q),
    connect: (ip, port) => outer.connect(ip, port),
    // A server started by the command would outlive it; the nested run does not offer ports.
    listen: () => false,
    unlisten: () => undefined,
    fileOp: (op) => outer.fileOp(op),
    notify: (key) => outer.notify(key),
    explain: (note) => outer.explain(note),
  };
  // runProgram points the filesystem's clock, meter and observer at its kernel: the caller's come back after.
  const fs = ctx.fs;
  const saved = { now: fs.now, meter: fs.meter, observer: fs.observer };
  const env = [...ctx.env];
  let steps = 0;
  let status: ExitStatus | null = null;
  try {
    const gen = runProgram({
      argv: ['sh', '-c', cmd], env, cwd: ctx.cwd, fs, uid: ctx.cred.uid, gid: ctx.cred.gid, groups: ctx.cred.groups, host,
      budgets: { ...ctx.k.budgets, stepBudget: Math.max(0, ctx.k.budgets.stepBudget - ctx.k.steps) },
      flavor: ctx.flavor, epochMs: ctx.k.epochMs, podIp: ctx.k.podIp, stdin,
      onKernel: (k) => { steps = k.steps; },
    });
    let step = gen.next({ type: 'start' });
    while (!step.done) {
      const eff = step.value;
      const wait = eff.type === 'sleep' ? eff.ms : eff.timeoutMs;
      if (wait === undefined || elapsed + wait > NESTED_MS) break;
      elapsed += wait;
      step = gen.next({ type: 'timer' });
    }
    if (step.done) status = step.value;
    else gen.return({ code: 137, signal: 9 });
  } finally {
    fs.now = saved.now;
    fs.meter = saved.meter;
    fs.observer = saved.observer;
  }
  ctx.k.steps += steps;
  ctx.k.pending += Math.round(elapsed * 1000);
  if (status?.reason === 'BudgetExceeded') throw new BudgetStop('steps', `stopped in a command run by ${ctx.argv[0]}: ${cmd}`);
  if (status?.reason === 'OOMKilled') throw new OomKill(ctx.k.budgets.memoryLimit);
  return { out, err, status: status?.code ?? 137 };
}
