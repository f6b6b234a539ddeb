// The page's side of the worker protocol: latest request wins, a stale answer is dropped; a run that
// exceeds its wall-time budget gets the worker terminated and respawned; without workers, the same
// handleRequest runs on the main thread.
import { handleRequest, PROTOCOL_VERSION, type EngineResponse, type ScenarioInput } from '../../engine/index';
import EngineWorker from '../../engine/worker?worker';

/** Wall-clock budget for one run before the worker is replaced. */
export const WALL_BUDGET_MS = 10_000;

export type RunOutcome = { kind: 'response'; response: EngineResponse } | { kind: 'timeout' } | { kind: 'superseded' };

export class EngineClient {
  private worker: Worker | null = null;
  private seq = 0;
  private pending: { id: number; resolve: (o: RunOutcome) => void; timer: ReturnType<typeof setTimeout> } | null = null;

  constructor(private readonly useWorker = typeof Worker !== 'undefined') {}

  private ensureWorker(): Worker | null {
    if (!this.useWorker) return null;
    if (this.worker) return this.worker;
    try {
      const w = new EngineWorker();
      w.onmessage = (ev: MessageEvent<EngineResponse>) => this.settle(ev.data.id, { kind: 'response', response: ev.data });
      w.onerror = () => this.respawn();
      this.worker = w;
      return w;
    } catch {
      return null;
    }
  }

  private respawn(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private settle(id: number, outcome: RunOutcome): void {
    const p = this.pending;
    if (!p || p.id !== id) return; // stale: a newer request replaced it
    clearTimeout(p.timer);
    this.pending = null;
    p.resolve(outcome);
  }

  simulate(scenario: ScenarioInput): Promise<RunOutcome> {
    const id = ++this.seq;
    if (this.pending) {
      const old = this.pending;
      clearTimeout(old.timer);
      this.pending = null;
      old.resolve({ kind: 'superseded' });
    }
    return new Promise<RunOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.respawn();
        this.settle(id, { kind: 'timeout' });
      }, WALL_BUDGET_MS);
      this.pending = { id, resolve, timer };
      const request = { v: PROTOCOL_VERSION, id, type: 'simulate' as const, scenario };
      const worker = this.ensureWorker();
      if (worker) {
        worker.postMessage(request);
      } else {
        setTimeout(() => this.settle(id, { kind: 'response', response: handleRequest(request) }), 0);
      }
    });
  }
}
