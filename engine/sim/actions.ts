/**
 * Runs a scenario action (a kubectl or curl line at a virtual time) and records its output.
 */
import type { ApiServer } from '../cluster/apiServer';
import { executeLine, type Finished } from './kubectl';
import type { TraceRecord } from './trace';
import type { Diagnostic } from './diagnostics';
import type { ActionInput } from './simulate';
import type { World } from './world';

export interface ActionContext {
  readonly world: World;
  readonly api: ApiServer;
  readonly diagnostics: Diagnostic[];
  /** `kubectl get -w` commands still watching: their output is finished when the run ends. */
  readonly watches: PendingWatch[];
}

/** A running `kubectl get -w`: what it prints once the run is over (it watches until then). */
export interface PendingWatch {
  readonly index: number;
  readonly run: string;
  finish(): Finished;
}

export function runAction(ctx: ActionContext, action: ActionInput): void {
  // The command's line comes before what it causes at the same instant (a deleted pod's Terminating row, a
  // created object): its record is written first and filled in with the output once the command ran.
  const t = ctx.world.now();
  const index = ctx.world.trace.push({ t, type: 'command', run: action.run, stdout: '', stderr: '' });
  const out = executeLine(ctx, action.run, action.stdin);
  ctx.world.trace.replace(index, commandRecord(t, action.run, out));
  if (out.watch) ctx.watches.push({ index, run: action.run, finish: out.watch });
}

/** The trace record of a command's output; `console` when some of stderr reached the terminal before stdout. */
function commandRecord(t: number, run: string, out: Finished): TraceRecord {
  const lead = out.stderrFirst ?? 0;
  const console = lead > 0 && out.stdout !== '' ? out.stderr.slice(0, lead) + out.stdout + out.stderr.slice(lead) : undefined;
  return { t, type: 'command', run, stdout: out.stdout, stderr: out.stderr, ...(out.exit !== undefined ? { exit: out.exit } : {}), ...(console !== undefined ? { console } : {}) };
}

/** At the end of the run: a watch prints every change it saw, and has not exited (it would still be running). */
export function finishWatches(ctx: ActionContext): void {
  for (const w of ctx.watches) {
    const rec = ctx.world.trace.at(w.index);
    const out = w.finish();
    if (rec && rec.type === 'command') ctx.world.trace.replace(w.index, commandRecord(rec.t, w.run, out));
  }
}
