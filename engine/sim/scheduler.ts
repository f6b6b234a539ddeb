/**
 * The virtual clock and the work queue. Everything that happens in a run is a callback scheduled
 * at an integer millisecond; the clock only moves forward (XState's SimulatedClock).
 */
import { EventQueue } from './queue';

/** Ties at one instant run in this order: user actions, the API server, controllers, the kubelet, processes. */
export const PRIORITY = {
  action: 0,
  api: 1,
  controller: 2,
  kubelet: 3,
  status: 4,
  process: 5,
  probe: 6,
  /** Controllers react to an instant's changes once, after everything else at that instant (informer latency). */
  settle: 9,
} as const;

export type Task = () => void;

export class Scheduler {
  private readonly queue = new EventQueue<Task>();
  private nowMs = 0;
  private steps = 0;
  private stopped = false;

  /** Current virtual time in ms. */
  now(): number {
    return this.nowMs;
  }

  /** Callbacks run so far (the step budget counts these). */
  stepCount(): number {
    return this.steps;
  }

  /** Run `task` at virtual time `t` (clamped to now: the clock never goes backwards). */
  at(t: number, priority: number, task: Task): void {
    this.queue.push(Math.max(Math.round(t), this.nowMs), priority, task);
  }

  after(ms: number, priority: number, task: Task): void {
    this.at(this.nowMs + ms, priority, task);
  }

  /** Ends the run at the current instant: no further task runs (a budget other than steps was reached). */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Run until the queue is empty, the next task lies after `until`, or `maxSteps` callbacks ran.
   * Returns 'budget' when it stopped for the step budget, 'stopped' after stop().
   */
  run(until: number, maxSteps: number): 'done' | 'budget' | 'stopped' {
    for (;;) {
      if (this.stopped) return 'stopped';
      const next = this.queue.peek();
      if (!next || next.t > until) {
        this.nowMs = Math.max(this.nowMs, until);
        return 'done';
      }
      if (this.steps >= maxSteps) return 'budget';
      this.queue.pop();
      this.nowMs = next.t;
      this.steps++;
      next.value();
    }
  }

  /** Time of the next pending task, if any. */
  nextTime(): number | undefined {
    return this.queue.peek()?.t;
  }
}
