/**
 * Runs a scenario action (a kubectl or curl line at a virtual time) and records its output.
 */
import type { ApiServer } from '../cluster/apiServer';
import { executeLine } from './kubectl';
import type { Diagnostic } from './diagnostics';
import type { ActionInput } from './simulate';
import type { World } from './world';

export interface ActionContext {
  readonly world: World;
  readonly api: ApiServer;
  readonly diagnostics: Diagnostic[];
}

export function runAction(ctx: ActionContext, action: ActionInput): void {
  const out = executeLine(ctx, action.run, action.stdin);
  ctx.world.trace.push({ t: ctx.world.now(), type: 'command', run: action.run, stdout: out.stdout, stderr: out.stderr, ...(out.exit !== undefined ? { exit: out.exit } : {}) });
}
