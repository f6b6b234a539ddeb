/**
 * Drives container processes (coroutines, see runtime/seam.ts) on the scheduler: resumes them after
 * `sleep`, on `notify`, on a `wait` timeout, or with a signal; and reports their exit.
 */
import type { ContainerProcess, ExitStatus, Signal, Wake } from '../runtime/seam';
import { PRIORITY, type Scheduler } from './scheduler';

interface Running {
  readonly id: number;
  readonly proc: ContainerProcess;
  readonly onExit: (status: ExitStatus) => void;
  /** Bumped whenever the process is resumed, so stale timers and notifications are ignored. */
  generation: number;
  waitingOn: readonly string[];
  done: boolean;
}

export class ProcessTable {
  private readonly byId = new Map<number, Running>();
  private readonly waiters = new Map<string, Set<number>>();
  private nextId = 1;

  constructor(private readonly scheduler: Scheduler) {}

  /** Start `proc` now (resumed in the process phase of this instant). Returns its id. */
  spawn(proc: ContainerProcess, onExit: (status: ExitStatus) => void): number {
    const p: Running = { id: this.nextId++, proc, onExit, generation: 0, waitingOn: [], done: false };
    this.byId.set(p.id, p);
    const gen = p.generation;
    this.scheduler.at(this.scheduler.now(), PRIORITY.process, () => this.resume(p, gen, { type: 'start' }));
    return p.id;
  }

  isRunning(id: number): boolean {
    return this.byId.has(id);
  }

  /** Wake every process waiting on `key` (at this instant, after the current task). */
  notify(key: string): void {
    const ids = this.waiters.get(key);
    if (!ids || ids.size === 0) return;
    for (const id of [...ids].sort((a, b) => a - b)) {
      const p = this.byId.get(id);
      if (!p) continue;
      const gen = p.generation;
      this.scheduler.at(this.scheduler.now(), PRIORITY.process, () => this.resume(p, gen, { type: 'notify', key }));
    }
  }

  /**
   * Deliver a signal. KILL ends the process at once (exit 137, as the runtime reports SIGKILL);
   * other signals wake it so it can run a trap or decide to ignore the signal.
   */
  signal(id: number, signal: Signal): void {
    const p = this.byId.get(id);
    if (!p) return;
    if (signal === 'KILL') {
      this.finish(p, { code: 137, signal: 9 });
      return;
    }
    const gen = p.generation;
    this.scheduler.at(this.scheduler.now(), PRIORITY.process, () => this.resume(p, gen, { type: 'signal', signal }));
  }

  /** Drop every process (the run ended); no exit callbacks. */
  clear(): void {
    this.byId.clear();
    this.waiters.clear();
  }

  private resume(p: Running, generation: number, wake: Wake): void {
    if (p.done || p.generation !== generation) return;
    p.generation++;
    this.unwait(p);
    let step: IteratorResult<unknown, ExitStatus>;
    try {
      step = p.proc.next(wake);
    } catch (err) {
      // A runtime bug must not take the run down: the container dies as a runtime error would.
      this.finish(p, { code: 128, reason: 'StartError', message: `internal: ${String(err)}` });
      return;
    }
    if (step.done) {
      this.finish(p, step.value);
      return;
    }
    const effect = step.value as { type: string; ms?: number; keys?: readonly string[]; timeoutMs?: number };
    const gen = p.generation;
    if (effect.type === 'sleep') {
      this.scheduler.after(Math.max(0, Math.floor(effect.ms ?? 0)), PRIORITY.process, () => this.resume(p, gen, { type: 'timer' }));
    } else if (effect.type === 'wait') {
      p.waitingOn = effect.keys ?? [];
      for (const key of p.waitingOn) {
        let set = this.waiters.get(key);
        if (!set) this.waiters.set(key, (set = new Set()));
        set.add(p.id);
      }
      if (effect.timeoutMs !== undefined) {
        this.scheduler.after(Math.max(0, Math.floor(effect.timeoutMs)), PRIORITY.process, () => this.resume(p, gen, { type: 'timer' }));
      }
    } else {
      this.finish(p, { code: 128, reason: 'StartError', message: `internal: unknown effect ${String(effect.type)}` });
    }
  }

  private unwait(p: Running): void {
    for (const key of p.waitingOn) {
      const set = this.waiters.get(key);
      set?.delete(p.id);
      if (set && set.size === 0) this.waiters.delete(key);
    }
    p.waitingOn = [];
  }

  private finish(p: Running, status: ExitStatus): void {
    if (p.done) return;
    p.done = true;
    this.unwait(p);
    this.byId.delete(p.id);
    try {
      p.proc.return({ code: status.code });
    } catch {
      // A generator's finally block failing changes nothing about how the container ended.
    }
    p.onExit(status);
  }
}
