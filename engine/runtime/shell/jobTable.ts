/**
 * ash's job table (shell/ash.c makejob, freejob, set_curjob, getjob, showjob) for a shell without job
 * control, as `sh -c` is: a job's number is its slot in the table; the current job (%+) is the newest,
 * the previous (%-) the one before. A job stays in the table after it ends until `jobs` shows it, or
 * until a new fork takes its slot once `wait` has collected it (ash makes a job for foreground forks
 * too, and frees it when they end). Without job control ash records no command text for a job.
 */
import { SIGNAL_TEXT, type Proc } from './kernel';

export interface Job {
  readonly proc: Proc;
  /** `wait` has collected it (ash's `waited`): a new fork may take its slot. */
  waited: boolean;
  /** The shell has taken its end (dowait): a later `wait` for it says nothing about the signal. */
  reaped: boolean;
}

export class JobTable {
  /** jobtab: a job's number is its index + 1; null is a free slot. */
  private readonly slots: (Job | null)[] = [];
  /** The curjob chain: the current job, then each one's prev_job. */
  private readonly chain: Job[] = [];

  /** makejob's slot: the first free one, or the first ended job that `wait` collected (freed for it). */
  private slot(): number {
    for (let i = 0; i < this.slots.length; i++) {
      const j = this.slots[i];
      if (j === null) return i;
      if (j.proc.done && j.waited) { this.free(j); return i; }
    }
    this.slots.push(null);
    return this.slots.length - 1;
  }

  /** A forked shell that runs `jobs` keeps a copy of the table (forkchild's "job hack", for `jobs | cat`); others start empty. */
  copyOf(parent: JobTable): void {
    const clones = new Map<Job, Job>();
    for (const j of parent.slots) if (j) clones.set(j, { ...j });
    this.slots.push(...parent.slots.map((j) => (j ? clones.get(j)! : null)));
    this.chain.push(...parent.chain.map((j) => clones.get(j)!));
  }

  /** A background job: it takes a slot and becomes the current job. */
  add(proc: Proc): Job {
    const job: Job = { proc, waited: false, reaped: false };
    this.slots[this.slot()] = job;
    this.chain.unshift(job);
    return job;
  }

  /** A foreground fork: its job (made, then freed when it ends) may take over a collected job's slot. */
  forked(): void {
    if (this.slots.length > 0) this.slot();
  }

  free(job: Job): void {
    const i = this.slots.indexOf(job);
    if (i >= 0) this.slots[i] = null;
    const c = this.chain.indexOf(job);
    if (c >= 0) this.chain.splice(c, 1);
  }

  number(job: Job): number {
    return this.slots.indexOf(job) + 1;
  }

  /** The jobs, current first. */
  list(): readonly Job[] {
    return this.chain.slice();
  }

  /** The job whose (last) process is `pid`. */
  byPid(pid: number): Job | undefined {
    return this.chain.find((j) => j.proc.pid === pid);
  }

  /** getjob: the job a spec names (%N, %%, %+, %-, none: the current one), or the error ash raises. */
  find(spec: string | undefined, jobControl = false, dash = false): Job | string {
    const cur = this.chain[0];
    let job: Job | undefined;
    let miss = dash ? `No such job: ${spec}` : `${spec}: no such job`;
    const p = spec?.slice(1) ?? '';
    if (spec === undefined || p === '' || p === '+' || p === '%') { job = cur; miss = 'No current job'; } else if (p === '-') {
      job = this.chain[1];
      miss = 'No previous job';
    } else if (spec[0] === '%' && /^\d+$/.test(p)) job = this.slots[Number(p) - 1] ?? undefined;
    else if (spec[0] === '%') {
      // %name and %?text match the command text, which a shell without job control leaves empty.
      const hits = p[0] === '?' && p.length === 1 ? this.chain : [];
      if (hits.length > 1) return `${spec}: ambiguous`;
      job = hits[0];
    }
    if (!job) return miss;
    if (jobControl) return `job ${spec ?? '(null)'} not created under job control`;
    return job;
  }

  /** showjob: `[N]+  STATUS` (with -l the pid) padded to 33 columns, then the (empty) command; -p: the pid. */
  line(job: Job, pids: boolean, only: boolean, dash = false): string {
    if (only) return `${job.proc.pid}\n`;
    const mark = job === this.chain[0] ? '+' : job === this.chain[1] ? '-' : ' ';
    // dash puts the mark one column later than ash (showjob: s[col - 2] against s[col - 3]).
    let s = dash ? `[${this.number(job)}] ${mark} ` : `[${this.number(job)}]${mark}  `;
    if (pids) s += `${job.proc.pid} `;
    s += statusText(job.proc);
    return s + ' '.repeat(Math.max(1, 33 - s.length)) + '\n';
  }
}

/** sprint_status48 without sigonly: Running, Done, Done(N), or the signal's strsignal text. */
function statusText(p: Proc): string {
  if (!p.done) return 'Running';
  if (p.killedBy) return SIGNAL_TEXT[p.killedBy] ?? `Real-time signal ${p.killedBy - 34}`;
  return p.status ? `Done(${p.status})` : 'Done';
}
