/**
 * Node's event loop on virtual time (lib/internal/timers.js, libuv's run loop): timers ordered by due
 * time then creation, `process.nextTick` callbacks after each macrotask, and the reasons the process
 * stays alive (pending timers, listening servers, requests in flight). Nothing pending: the process exits.
 */
import type { JsObj, JsVal } from './values';

export interface Timer { id: number; at: number; seq: number; fn: JsObj; args: JsVal[]; interval: number | null; ref: boolean }

/** `process.exit()`: unwinds everything (no catch block sees it) and ends the process with `code`. */
export class ProcessExit extends Error {
  constructor(readonly code: number) {
    super('exit');
  }
}

export class Loop {
  readonly timers: Timer[] = [];
  readonly ticks: { fn: JsObj; args: JsVal[] }[] = [];
  /** Promise reactions and async-function continuations (run after the nextTick queue). */
  readonly micro: (() => Generator<import('../../shell/kernel').Block, void, unknown>)[] = [];
  /** Rejected promises nobody has handled yet: at the end of a macrotask, the first one crashes the process. */
  readonly rejections: JsObj[] = [];
  /** Work scheduled for "now" by the runtime itself (HTTP responses, DNS answers). */
  readonly tasks: (() => Generator<import('../../shell/kernel').Block, void, unknown>)[] = [];
  readonly signalHandlers = new Map<string, JsObj[]>();
  readonly exitHandlers: JsObj[] = [];
  /** Listening servers (each keeps the process alive) by port. */
  readonly servers = new Map<number, JsObj>();
  /** A server's request handler threw: the process dies of it when it next runs. */
  crash: { error: JsVal; site: { file: string; line: number; col: number } | null } | null = null;
  /** The key a blocked loop waits on, notified when a handler crashed. */
  wakeKey = '';
  /** The error being thrown is an 'error' event nobody listened to (Node's "Unhandled 'error' event"). */
  unhandledEmit = false;
  private seq = 0;
  nextId = 1;
  exitCode = 0;

  addTimer(at: number, fn: JsObj, args: JsVal[], interval: number | null): Timer {
    const t: Timer = { id: this.nextId++, at, seq: this.seq++, fn, args, interval, ref: true };
    this.timers.push(t);
    return t;
  }

  reschedule(t: Timer, at: number): void {
    t.at = at;
    t.seq = this.seq++;
    if (!this.timers.includes(t)) this.timers.push(t);
  }

  clear(id: number): void {
    const i = this.timers.findIndex((t) => t.id === id);
    if (i >= 0) this.timers.splice(i, 1);
  }

  /** The next timer due, by time then creation order. */
  nextTimer(): Timer | null {
    let best: Timer | null = null;
    for (const t of this.timers) if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best;
  }

  alive(): boolean {
    return this.tasks.length > 0 || this.timers.some((t) => t.ref) || this.servers.size > 0;
  }
}
