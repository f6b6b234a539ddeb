/**
 * The inside of one container: a process table, a cooperative scheduler, pipes and the CPU-time
 * account. PID 1 is the container's main process; when it returns, the container has exited.
 * Every internal process is a generator yielding `Block`s; the kernel multiplexes them onto the
 * single `ContainerProcess` the engine drives, yielding `sleep` for whole milliseconds of CPU spent
 * (flushed before anything another container can observe) and `wait` when everyone is blocked.
 */
import type { Dialect } from './dialect';
import type { ContainerHost, ExitStatus, Signal, Wake } from '../seam';
import { DEFAULT_EPOCH_MS } from '../../sim/time';
import type { ArithCache } from './arith';
import type { PatternCache } from './pattern';
import { newPipe, release, type FdTable, type OpenFile, type Pipe } from './io';

export type Resume = undefined | 'timeout' | 'signal' | string;

export type Block =
  | { readonly k: 'pipe'; readonly pipe: Pipe }
  /** Until an absolute virtual time in µs. */
  | { readonly k: 'sleep'; readonly until: number }
  /** A child's exit; `intr`: a trapped signal interrupts (the `wait` builtin). */
  | { readonly k: 'child'; readonly pid: number; readonly intr: boolean }
  | { readonly k: 'host'; readonly keys: readonly string[]; readonly until: number | null }
  | { readonly k: 'yield' }
  | { readonly k: 'flush' };

export type ProcGen = Generator<Block, number, unknown>;

export const YIELD: Block = { k: 'yield' };

export const FLUSH: Block = { k: 'flush' };

/** glibc's strsignal texts, which ash prints for a job a signal ended (sprint_status48). */
export const SIGNAL_TEXT: Readonly<Record<number, string>> = {
  1: 'Hangup', 2: 'Interrupt', 3: 'Quit', 4: 'Illegal instruction', 5: 'Trace/breakpoint trap', 6: 'Aborted', 7: 'Bus error',
  8: 'Floating point exception', 9: 'Killed', 10: 'User defined signal 1', 11: 'Segmentation fault', 12: 'User defined signal 2',
  13: 'Broken pipe', 14: 'Alarm clock', 15: 'Terminated', 16: 'Stack fault', 17: 'Child exited', 18: 'Continued',
  19: 'Stopped (signal)', 20: 'Stopped', 21: 'Stopped (tty input)', 22: 'Stopped (tty output)',
};

/** What ash prints when it reaps a job signal `n` ended: nothing for SIGINT and SIGPIPE (sprint_status48 with sigonly). */
export function signaledText(n: number): string {
  return n === 2 || n === 13 ? '' : SIGNAL_TEXT[n] ?? `Real-time signal ${n - 34}`;
}

export const SIGNALS: Readonly<Record<string, number>> = {
  HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, BUS: 7, FPE: 8, KILL: 9, USR1: 10, SEGV: 11, USR2: 12,
  PIPE: 13, ALRM: 14, TERM: 15, STKFLT: 16, CHLD: 17, CONT: 18, STOP: 19, TSTP: 20, TTIN: 21, TTOU: 22,
};

export interface Proc {
  readonly pid: number;
  readonly ppid: number;
  gen: ProcGen | null;
  fds: FdTable;
  block: Block | null;
  resume: Resume;
  done: boolean;
  status: number;
  /** Signals waiting for the process's shell to run its traps. */
  pending: string[];
  /** How the process takes a signal: 'trap' (queue it), 'ignore', or 'default' (die). */
  disposition: (sig: string) => 'trap' | 'ignore' | 'default';
  /** Called once when the process ends (closing fds is done by the kernel). */
  onExit: (() => void) | null;
  /** The signal number that ended the process, when a signal did. */
  killedBy?: number;
  /** Its command line (/proc/PID/cmdline, what ps shows): inherited at fork, replaced at exec. */
  argv: readonly string[];
  /** A program a shell runs inside this process while it runs (a real shell would fork or exec for it); null when none. */
  fg: readonly string[] | null;
  /** A forked copy of a shell (subshell, pipeline stage, background job): its program replaces it (exec) rather than forking. */
  sub: boolean;
  /** Virtual µs it started at (ps's ELAPSED). */
  readonly startUs: number;
}

/** Thrown to stop the whole container at a budget. */
export class BudgetStop extends Error {
  constructor(readonly what: 'steps' | 'output' | 'depth' | 'processes' | 'memory' | 'data', readonly detail: string) {
    super(detail);
  }
}

/**
 * The container went past its memory limit: the kernel's OOM killer. Since 1.28 the kubelet sets
 * memory.oom.group on cgroup v2 (kubernetes#117793), so every process of the container dies with
 * SIGKILL and the runtime reports reason OOMKilled, exit code 137.
 */
export class OomKill extends BudgetStop {
  constructor(readonly limit: number) {
    super('memory', `out of memory (limit ${limit} bytes)`);
  }
}

export interface Budgets {
  commandMicros: number; stepBudget: number; outputBudget: number; maxProcs: number; maxDepth: number;
  /** resources.limits.memory in bytes (Infinity without a limit). */
  memoryLimit: number;
  /** The most one process may hold in memory before the playground stops interpreting the container. */
  memoryBudget: number;
  /** Bytes the container's processes may read and write in all (a stream that never ends: yes | tr a b). */
  dataBudget: number;
}

/** The playground's own cap on data a process holds (a command substitution of /dev/zero, sort of a huge stream). */
export const MEMORY_BUDGET = 64 << 20;
/**
 * The playground's cap on bytes a container's processes move through reads and writes. A step (a command,
 * a page of /dev/zero, a chunk from yes) can carry kilobytes that every stage of a pipeline then processes,
 * so the step budget alone does not bound the work of an endless stream.
 */
export const DATA_BUDGET = 1 << 30;
/**
 * What one line handed to per-line code (an applet's line callback, `read`, cat -n) costs against the data
 * budget, in bytes: that work dwarfs the bytes of a short line, so `yes | tee FILE` is bounded by lines too.
 */
export const LINE_COST = 256;
/** What busybox sh and its buffers take before any data: a limit below this is exceeded by the first large read. */
const BASE_RSS = 1 << 20;

/** What creating a process weighs against the step budget, in commands. */
const FORK_STEPS = 10;

/** The disposition of a finished process (it takes no more signals). */
const ENDED = (): 'default' => 'default';

/** The keys of an idle kernel with no host waiter (never written: only a fresh array is filled). */
const NO_KEYS: string[] = [];

/**
 * Sleeping processes in the order they went to sleep (a Set's order), over an array that only grows: a Set
 * emptied and filled again by one sleeping process reallocated its table every time. A container has at
 * most maxProcs processes, so a linear search is short.
 */
export class ProcList {
  size = 0;
  private items: (Proc | undefined)[] = [undefined, undefined, undefined, undefined];

  at(i: number): Proc {
    return this.items[i]!;
  }

  /** Like Set.add: a process already in keeps its place. */
  add(p: Proc): void {
    if (this.indexOf(p) >= 0) return;
    if (this.size === this.items.length) this.items.push(...this.items.map(() => undefined));
    this.items[this.size++] = p;
  }

  delete(p: Proc): boolean {
    const i = this.indexOf(p);
    if (i < 0) return false;
    const items = this.items;
    for (let j = i + 1; j < this.size; j++) items[j - 1] = items[j];
    items[--this.size] = undefined;
    return true;
  }

  private indexOf(p: Proc): number {
    for (let i = 0; i < this.size; i++) if (this.items[i] === p) return i;
    return -1;
  }
}

/**
 * The run queue, first in first out: a ring over an array that only grows. A plain array emptied by shift
 * and filled again by push gave up and reallocated its store on every process switch.
 */
export class RunQueue {
  length = 0;
  private items: (Proc | undefined)[] = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined];
  private head = 0;

  push(p: Proc): void {
    const n = this.items.length;
    if (this.length === n) {
      const grown: (Proc | undefined)[] = new Array<Proc | undefined>(2 * n).fill(undefined);
      for (let i = 0; i < n; i++) grown[i] = this.items[(this.head + i) & (n - 1)];
      this.items = grown;
      this.head = 0;
    }
    this.items[(this.head + this.length) & (this.items.length - 1)] = p;
    this.length++;
  }

  shift(): Proc | undefined {
    if (this.length === 0) return undefined;
    const p = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.length--;
    return p;
  }
}

export class Kernel {
  readonly procs = new Map<number, Proc>();
  /** Processes not yet done (counting the table on every fork made `while :; do true & done` quadratic). */
  private live = 0;
  readonly runq = new RunQueue();
  nextPid = 1;
  /** CPU time spent and not yet given to the host, in µs. */
  pending = 0;
  /** All CPU time the container's processes have spent, in µs (`time` reports a program's share as user time). */
  cpuMicros = 0;
  steps = 0;
  /** Bytes read and written by the container's processes (the data budget). */
  moved = 0;
  outBytes = 0;
  outNoted = false;
  stop: BudgetStop | null = null;
  /** Commands since the last time slice ended (preemption of busy loops). */
  slice = 0;
  private arithCache: ArithCache | null = null;
  private patCache: PatternCache | null = null;
  /** Parsed $((…)) expressions, made on first use (most containers never evaluate one). */
  get arith(): ArithCache {
    return (this.arithCache ??= new Map());
  }
  /** Compiled patterns (case, ${x%pat}, globs), made on first use. */
  get pat(): PatternCache {
    return (this.patCache ??= new Map());
  }
  /** Listeners on local changes (tail -f in this container). */
  readonly hostWaiters = new Set<Proc>();
  readonly sleepers = new ProcList();
  /** Called after every return from the host (time may have moved). */
  onResume: (() => void) | null = null;
  /** Opens of /dev/urandom so far (each draws its own stream). */
  private randoms = 0;
  /** Wall-clock epoch ms of virtual time 0 (`date`, `ls -l`); PodFacts.epochMs. */
  epochMs = DEFAULT_EPOCH_MS;
  /** The pod's IP: the source address servers see for this container's connections. */
  podIp = '127.0.0.1';
  /** Runs `sh ARGS` in process `p` (exec of /bin/sh); set by the runtime. */
  execShell: ((p: Proc, argv: readonly string[], env: ReadonlyMap<string, string>, cwd: string, dialect: Dialect) => ProcGen) | null = null;

  constructor(readonly host: ContainerHost, readonly budgets: Budgets) {}

  /** A non-zero seed for a /dev/urandom stream: from the pod's IP and how many were drawn before. */
  randomSeed(): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < this.podIp.length; i++) h = Math.imul(h ^ this.podIp.charCodeAt(i), 0x01000193);
    h = (h ^ Math.imul(++this.randoms, 0x9e3779b1)) >>> 0;
    return h || 1;
  }

  /** Wall-clock ms now (virtual now plus the epoch), for dates and mtimes shown to the user. */
  wallMs(): number {
    return this.epochMs + Math.floor(this.clock() / 1000);
  }

  /** Virtual now in µs, including CPU not yet flushed. */
  clock(): number {
    return this.host.now() * 1000 + this.pending;
  }

  /** One simple command ran: charge its CPU and count it against the step budget. */
  charge(): void {
    this.pending += this.budgets.commandMicros;
    this.cpuMicros += this.budgets.commandMicros;
    if (++this.steps > this.budgets.stepBudget) this.stepStop();
  }

  private stepStop(): never {
    throw new BudgetStop('steps', `stopped after ${this.budgets.stepBudget} commands (step budget)`);
  }

  /** A process read or wrote `bytes`: count them against the data budget. */
  io(bytes: number): void {
    if ((this.moved += bytes) > this.budgets.dataBudget) {
      throw new BudgetStop('data', `stopped after moving ${this.budgets.dataBudget >> 20} MiB of data (data budget)`);
    }
  }

  /**
   * A process holds `bytes` of data in memory (a growing read buffer, a captured output). Past the
   * container's memory limit the container is OOM-killed; past the playground's budget, it stops.
   * `real` false: the playground holds the data where the real program would stream it (an applet
   * that reads its whole input first), so only the playground's budget applies.
   */
  hold(bytes: number, real = true): void {
    if (real && bytes + BASE_RSS > this.budgets.memoryLimit) throw new OomKill(this.budgets.memoryLimit);
    if (bytes > this.budgets.memoryBudget) {
      throw new BudgetStop('memory', `a process held more than ${this.budgets.memoryBudget >> 20} MiB in memory (memory budget)`);
    }
  }

  spawn(ppid: number, fds: FdTable, make: (p: Proc) => ProcGen): Proc {
    // A fork (copying the shell's variables and functions) weighs FORK_STEPS commands against the step budget,
    // not in virtual time: a loop of `true &` or `x=$(:)` spends the budget as fast as its wall time. PID 1 is
    // the runtime's, not a fork.
    if (ppid !== 0 && (this.steps += FORK_STEPS) > this.budgets.stepBudget) this.stepStop();
    if (this.live >= this.budgets.maxProcs) {
      throw new BudgetStop('processes', `more than ${this.budgets.maxProcs} processes at once (fork bomb?)`);
    }
    const p: Proc = {
      pid: this.nextPid++, ppid, gen: null, fds, block: null, resume: undefined, done: false, status: 0,
      pending: [], disposition: () => 'default', onExit: null, argv: this.procs.get(ppid)?.argv ?? [], fg: null, sub: false, startUs: this.clock(),
    };
    this.procs.set(p.pid, p);
    this.live++;
    p.gen = make(p);
    this.runq.push(p);
    return p;
  }

  /** End a process: close its fds, wake its parent and pipe partners. */
  finish(p: Proc, status: number): void {
    if (p.done) return;
    p.done = true;
    this.live--;
    p.status = status;
    p.gen = null;
    this.sleepers.delete(p);
    this.hostWaiters.delete(p);
    for (let i = 0; i < p.fds.length; i++) {
      const f = p.fds[i];
      if (f) this.closeOf(f);
    }
    p.fds = [];
    // A finished process keeps its pid and status for `wait`, nothing else: its disposition closes over its
    // shell (variables, functions), which a loop of `true &` would otherwise keep alive by the thousand.
    p.disposition = ENDED;
    if (p.onExit) { const f = p.onExit; p.onExit = null; f(); }
    const parent = this.procs.get(p.ppid);
    if (parent && parent.block && parent.block.k === 'child' && (parent.block.pid === p.pid || parent.block.pid === -1)) {
      this.wake(parent, undefined);
    }
  }

  closeOf(of: OpenFile): void {
    const pipe = release(of);
    if (pipe) this.pipeChanged(pipe);
  }

  pipeChanged(pipe: Pipe): void {
    const ws = pipe.waiters as unknown as Proc[];
    if (ws.length === 0) return;
    pipe.waiters = [];
    for (const w of ws) if (w.block && w.block.k === 'pipe' && w.block.pipe === pipe) this.wake(w, undefined);
  }

  wake(p: Proc, r: Resume): void {
    if (p.done || !p.block) return;
    p.block = null;
    p.resume = r;
    this.sleepers.delete(p);
    this.hostWaiters.delete(p);
    this.runq.push(p);
  }

  /** A change under `key`: wake local watchers (the host wakes other containers). */
  notifyLocal(key: string): void {
    for (const p of [...this.hostWaiters]) {
      const b = p.block;
      if (b && b.k === 'host' && b.keys.includes(key)) this.wake(p, key);
    }
  }

  /** Deliver a signal to an internal process (kill builtin, or the kubelet to PID 1). */
  signal(p: Proc, sig: string): boolean {
    if (p.done) return false;
    const d = p.disposition(sig);
    if (d === 'ignore') return true;
    if (d === 'trap') {
      p.pending.push(sig);
      const b = p.block;
      if (b && b.k === 'child' && b.intr) this.wake(p, 'signal');
      return true;
    }
    // Models Linux: PID 1 of a PID namespace never gets a default-action signal it has no handler for.
    if (p.pid === 1) return true;
    this.kill(p, SIGNALS[sig] ?? 15);
    return true;
  }

  /** End a process by signal number `n` (its status is 128 + n, as a shell sees it). */
  kill(p: Proc, n: number): boolean {
    if (p.done) return false;
    p.killedBy = n;
    this.finish(p, 128 + n);
    return true;
  }

  newPipe() {
    return newPipe();
  }

  /** Write PID 1's (and its children's) console output, within the output budget. */
  console(stream: 'stdout' | 'stderr', text: string): void {
    const budget = this.budgets.outputBudget;
    // Output that lands exactly on the budget is kept whole; the note comes with the first byte past it.
    if (this.outBytes >= budget) { if (text.length > 0) this.noteCut(); return; }
    this.outBytes += text.length;
    if (this.outBytes > budget) {
      text = text.slice(0, text.length - (this.outBytes - budget));
      if (text) this.host.output(stream, text);
      this.noteCut();
      return;
    }
    this.host.output(stream, text);
  }

  /** Once per container: say that output past the budget was dropped. */
  private noteCut(): void {
    if (this.outNoted) return;
    this.outNoted = true;
    const budget = this.budgets.outputBudget;
    this.host.output('stderr', `\n[playground: output cut at ${budget} bytes]\n`);
    this.host.explain({ type: 'budget', what: 'output', detail: `output cut at ${budget} bytes` });
  }

  private step(p: Proc): void {
    const gen = p.gen;
    if (!gen) return;
    const r = p.resume;
    p.resume = undefined;
    let res: IteratorResult<Block, number>;
    try {
      res = gen.next(r);
    } catch (e) {
      if (e instanceof BudgetStop) { this.stop = e; return; }
      if (e instanceof RangeError) { this.stop = this.rangeStop(e); return; }
      const msg = e instanceof Error ? e.message : String(e);
      this.console('stderr', `sh: internal error: ${msg}\n`);
      this.finish(p, 2);
      return;
    }
    if (p.done) return;
    if (res.done) { this.finish(p, res.value); return; }
    const b = res.value;
    switch (b.k) {
      case 'yield':
      case 'flush':
        this.runq.push(p);
        return;
      case 'sleep':
        if (b.until <= this.clock()) { this.runq.push(p); return; }
        p.block = b;
        this.sleepers.add(p);
        return;
      case 'pipe':
        p.block = b;
        (b.pipe.waiters as unknown as Proc[]).push(p);
        return;
      case 'child': {
        const c = b.pid === -1 ? null : this.procs.get(b.pid);
        if (b.pid !== -1 && (!c || c.done)) { this.runq.push(p); return; }
        p.block = b;
        return;
      }
      case 'host':
        p.block = b;
        this.hostWaiters.add(p);
        if (b.until !== null) this.sleepers.add(p);
    }
  }

  /**
   * Drive everything until PID 1 exits; the engine sees one ContainerProcess. Between steps it yields to the
   * host (idle, written out here rather than as a generator of its own: one object fewer per wait): when the
   * CPU account is due (until the time it covers), or when everybody is blocked (until the earliest timer,
   * Infinity for none, or a notify of a key a process waits on).
   */
  *run(init: Proc): Generator<import('../seam').Effect, ExitStatus, Wake> {
    const host = this.host;
    for (;;) {
      if (this.stop) return this.budgetExit(this.stop);
      if (init.done) return { code: init.status };
      const p = this.runq.shift();
      let until: number;
      let keys = NO_KEYS;
      if (p) {
        if (!p.done) this.step(p);
        if (this.pending < 1000) continue;
        until = Math.floor(this.pending / 1000) * 1000 + host.now() * 1000;
      } else {
        // Everybody is blocked: wake due sleepers, else wait for the earliest timer or a notify.
        const now = this.clock();
        let next = Infinity;
        let woke = false;
        // wake() deletes only the entry being visited: the next one is then at the same index.
        const sleepers = this.sleepers;
        for (let i = 0; i < sleepers.size;) {
          const s = sleepers.at(i);
          const b = s.block;
          const at = b && b.k === 'sleep' ? b.until : b && b.k === 'host' ? b.until ?? Infinity : Infinity;
          if (at <= now) { this.wake(s, b && b.k === 'host' ? 'timeout' : undefined); woke = true; } else if (at < next) next = at;
          if (i < sleepers.size && sleepers.at(i) === s) i++;
        }
        if (woke) continue;
        if (this.hostWaiters.size) {
          keys = [];
          for (const w of this.hostWaiters) if (w.block && w.block.k === 'host') keys.push(...w.block.keys);
        }
        until = next;
      }
      const t0 = host.now();
      let wake: Wake;
      if (until === Infinity) {
        wake = yield { type: 'wait', keys };
      } else {
        const ms = Math.max(0, Math.ceil(until / 1000) - t0);
        wake = keys.length ? yield { type: 'wait', keys, timeoutMs: ms } : yield { type: 'sleep', ms };
      }
      const elapsed = host.now() - t0;
      if (this.onResume) this.onResume();
      this.pending = Math.max(0, this.pending - elapsed * 1000);
      if (wake.type === 'notify') this.notifyLocal(wake.key);
      else if (wake.type === 'signal') this.deliverHostSignal(wake.signal);
      if (p && this.sleepers.size) this.wakeDue();
    }
  }

  private wakeDue(): void {
    const now = this.clock();
    const sleepers = this.sleepers;
    for (let i = 0; i < sleepers.size;) {
      const s = sleepers.at(i);
      const b = s.block;
      if (b && b.k === 'sleep' && b.until <= now) this.wake(s, undefined);
      else if (b && b.k === 'host' && b.until !== null && b.until <= now) this.wake(s, 'timeout');
      if (i < sleepers.size && sleepers.at(i) === s) i++;
    }
  }

  /** init is PID 1 (the lowest pid alive). */
  private deliverHostSignal(sig: Signal): void {
    const init = this.procs.get(1);
    if (init) this.signal(init, sig);
  }

  /**
   * A RangeError out of a process: a string or an array past what JavaScript can hold is memory the
   * process took (s=$s$s in a loop), anything else is the JS stack, the limit on nesting (deep recursion).
   */
  private rangeStop(e: RangeError): BudgetStop {
    if (/Invalid (string|array|typed array) length|allocation failed/i.test(e.message)) {
      try { this.hold(Infinity); } catch (stop) { if (stop instanceof BudgetStop) return stop; throw stop; }
    }
    return new BudgetStop('depth', 'nesting too deep (stack exhausted)');
  }

  budgetExit(stop: BudgetStop): ExitStatus {
    if (stop instanceof OomKill) return { code: 137, signal: 9, reason: 'OOMKilled' };
    this.host.explain({ type: 'budget', what: stop.what, detail: stop.detail });
    return { code: 137, signal: 9, reason: 'BudgetExceeded', message: `playground: ${stop.detail}` };
  }
}
