/**
 * The typed messages between the page and the engine worker. A pure `handleRequest()` does the work
 * (unit-tested in Node); engine/worker.ts only wires `onmessage` to it. Only plain JSON crosses.
 */
import type { Diagnostic } from './sim/diagnostics';
import { simulate, type ScenarioInput, type SimulateOptions } from './sim/simulate';
import type { Trace } from './sim/trace';

export const PROTOCOL_VERSION = 1;

export interface SimulateRequest {
  readonly v: typeof PROTOCOL_VERSION;
  /** Increasing per client; the client drops responses to anything but its latest request. */
  readonly id: number;
  readonly type: 'simulate';
  readonly scenario: ScenarioInput;
  readonly options?: SimulateOptions;
}

export type EngineRequest = SimulateRequest;

export type EngineResponse =
  | { readonly v: typeof PROTOCOL_VERSION; readonly id: number; readonly type: 'trace'; readonly trace: Trace;
      /** False when the text could not be read as a whole (the page keeps showing the last good run). */
      readonly readable: boolean }
  | { readonly v: typeof PROTOCOL_VERSION; readonly id: number; readonly type: 'error'; readonly diagnostics: readonly Diagnostic[] };

function isRequest(msg: unknown): msg is EngineRequest {
  const m = msg as Partial<EngineRequest> | null;
  return !!m && typeof m === 'object' && m.type === 'simulate' && typeof m.id === 'number' && typeof m.scenario === 'object' && m.scenario !== null;
}

/** Answers one request. Never throws: malformed messages and engine failures come back as diagnostics. */
export function handleRequest(msg: unknown): EngineResponse {
  const id = typeof (msg as { id?: unknown })?.id === 'number' ? (msg as { id: number }).id : -1;
  if (!isRequest(msg) || msg.v !== PROTOCOL_VERSION) {
    return { v: PROTOCOL_VERSION, id, type: 'error', diagnostics: [{ code: 'internal', severity: 'error', message: `Unsupported engine request (protocol v${PROTOCOL_VERSION} expected).` }] };
  }
  try {
    const trace = simulate(msg.scenario, msg.options ?? {});
    const readable = !trace.diagnostics.some((d) => d.severity === 'error' && (d.code === 'yaml-syntax' || d.code === 'too-large'));
    return { v: PROTOCOL_VERSION, id, type: 'trace', trace, readable };
  } catch (err) {
    return { v: PROTOCOL_VERSION, id, type: 'error', diagnostics: [{ code: 'internal', severity: 'error', message: `The engine failed: ${String(err)}` }] };
  }
}
