/**
 * trap, wait, kill, jobs. Models ash.c trapcmd/waitcmd/killcmd: `wait` is interrupted by a
 * trapped signal (status 128+n, the trap then runs), while a foreground command is not: ash
 * waits for it and runs the trap afterwards. `sleep` is a forked applet in busybox
 * (coreutils/sleep.c: "Do not make this applet NOFORK"), so `trap 'exit 0' TERM; sleep 3600`
 * only exits when the sleep ends; `sleep 3600 & wait` exits at once.
 */
import type { Block, Proc } from './kernel';
import type { Job } from './jobTable';
import { SIGNALS } from './kernel';
import type { Shell } from './shell';
import { writeFd } from './sys';
import { quoteValue } from './builtins2';
import { ALL_SIGNALS, getSignum, RTMAX, RTMIN } from './signum';

type B = (sh: Shell, argv: string[]) => Generator<Block, number, unknown>;

const NUM_TO_NAME: Record<number, string> = Object.fromEntries(Object.entries(SIGNALS).map(([n, v]) => [v, n]));

/** Normalise a signal spec (TERM, SIGTERM, 15, EXIT, 0) to a name; null when invalid. */
export function signalName(spec: string): string | null {
  const up = spec.toUpperCase();
  if (/^[0-9]+$/.test(spec)) {
    const n = Number(spec);
    if (n === 0) return 'EXIT';
    return NUM_TO_NAME[n] ?? null;
  }
  const name = up.startsWith('SIG') ? up.slice(3) : up;
  if (name === 'EXIT') return 'EXIT';
  return name in SIGNALS ? name : null;
}

const trap: B = function* (sh, argv) {
  const args = argv.slice(1);
  if (args[0] === '--') args.shift();
  if (args.length === 0 || args[0] === '-p') {
    let out = '';
    for (const [sig, action] of sh.d.traps) out += `trap -- ${quoteValue(action)} ${sig}\n`;
    yield* writeFd(sh.k, sh.p, 1, out);
    return 0;
  }
  let action: string | null = args[0];
  let sigs = args.slice(1);
  // `trap SIG…` with a number first resets (POSIX: an unsigned integer first means reset).
  if (/^[0-9]+$/.test(args[0])) { action = null; sigs = args; }
  if (action === '-') action = null;
  let status = 0;
  for (const s of sigs) {
    // bash's ERR pseudo-signal: run where `set -e` would exit.
    const name = s === 'ERR' && sh.d.dialect.bashVariables ? 'ERR' : signalName(s);
    if (!name) {
      sh.writeErrSync(sh.d.dialect.builtin(sh.d.arg0, 'trap', sh.line, `${s}: invalid signal specification`) + '\n');
      status = 1;
      continue;
    }
    if (action === null) sh.d.traps.delete(name);
    else sh.d.traps.set(name, action);
  }
  return status;
};

/** A job-table error: ash raises it (the builtin fails with status 2). */
function jobError(sh: Shell, cmd: string, msg: string): number {
  sh.writeErrSync(sh.d.dialect.builtin(sh.d.arg0, cmd, sh.line, msg) + '\n');
  return 2;
}

/** The shell takes a job's end without a word (a dowait that was not waiting for that job). */
function reapQuietly(sh: Shell, job: Job): void {
  if (job.reaped || !job.proc.done) return;
  job.reaped = true;
  sh.k.procs.delete(job.proc.pid);
}

/**
 * ash's waitcmd: with no operand, every job (each is marked collected, and stays listed until `jobs`
 * shows it); with PIDs or %jobs, each in turn, the status of the last one found (127 until one is;
 * a PID that is no job's leaves the status as it was).
 */
const wait: B = function* (sh, argv) {
  const table = sh.rt.jobs(sh);
  const args = argv.slice(1);
  if (args[0] === '--') args.shift();
  if (args.length === 0) {
    for (;;) {
      let running: Job | undefined;
      for (const j of table.list()) {
        if (!j.proc.done) { running ??= j; continue; }
        reapQuietly(sh, j);
        j.waited = true;
      }
      if (!running) return 0;
      const r = yield { k: 'child', pid: running.proc.pid, intr: true };
      if (r === 'signal') return 128 + (SIGNALS[sh.p.pending[0]] ?? 15);
    }
  }
  let status = 127;
  for (const a of args) {
    let job: Job | undefined;
    if (a[0] === '%') {
      const found = table.find(a, false, sh.d.dialect.name === 'dash');
      if (typeof found === 'string') return jobError(sh, 'wait', found);
      job = found;
    } else {
      if (!/^\d+$/.test(a)) return jobError(sh, 'wait', `Illegal number: ${a}`);
      job = table.byPid(Number(a));
      if (!job) continue;
    }
    while (!job.proc.done) {
      const r = yield { k: 'child', pid: job.proc.pid, intr: true };
      if (r === 'signal') return 128 + (SIGNALS[sh.p.pending[0]] ?? 15);
    }
    // A non-interactive ash updates a job's state only in dowait, which `wait PID` calls: it reaps the job
    // here and says how a signal ended it (real runs race, and now and then reap it earlier in silence).
    if (!job.reaped) { job.reaped = true; sh.reaped(job.proc); }
    job.waited = true;
    status = job.proc.status;
  }
  return status;
};

const kill: B = function* (sh, argv) {
  let sig = 'TERM';
  let i = 1;
  if (argv[1] === '-l' && sh.d.dialect.name === 'ash') return yield* killList(sh, argv.slice(2));
  // killcmd: each %job becomes the pids of its live processes first (a job that has ended, none).
  const fromJob = new Set<number>();
  if (argv[1] !== '-l') {
    const expanded: string[] = [argv[0]];
    for (const a of argv.slice(1)) {
      if (a[0] !== '%') { expanded.push(a); continue; }
      const dash = sh.d.dialect.name === 'dash';
      const job = sh.rt.jobs(sh).find(a, false, dash);
      if (typeof job === 'string') return jobError(sh, 'kill', job);
      // dash signals the job's process group, which a job started without job control does not have.
      if (dash) { sh.writeErrSync(sh.d.dialect.builtin(sh.d.arg0, 'kill', sh.line, 'No such process') + '\n\n'); return 1; }
      fromJob.add(expanded.length);
      expanded.push(job.proc.done ? '' : String(job.proc.pid));
    }
    argv = expanded;
  }
  if (argv[1] === '-l') {
    const out = Object.keys(SIGNALS).map((n, idx) => `${idx + 1}) ${n}`).join('\n') + '\n';
    yield* writeFd(sh.k, sh.p, 1, out);
    return 0;
  }
  if (argv.length === 1 && sh.d.dialect.name === 'ash') {
    sh.writeErrSync(`${sh.d.arg0}: you need to specify whom to kill\n`);
    return 1;
  }
  if (argv[1] === '-s' || argv[1] === '-n') { sig = argv[2] ?? ''; i = 3; } else if (argv[1] && argv[1][0] === '-' && argv[1] !== '--') { sig = argv[1].slice(1); i = 2; }
  if (argv[i] === '--') i++;
  const name = sig === '0' ? 'EXIT' : signalName(sig);
  if (!name || (name === 'EXIT' && sig !== '0')) {
    sh.writeErrSync(`${sh.d.arg0}: bad signal name '${sig}'\n`);
    return 1;
  }
  if (i >= argv.length) {
    sh.writeErrSync(`${sh.d.arg0}: usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]\n`);
    return 1;
  }
  let status = 0;
  for (let k = i; k < argv.length; k++) {
    const a = argv[k];
    if (a === '' && fromJob.has(k)) continue;
    const pid = Number(a);
    const target: Proc | undefined = Number.isInteger(pid) ? sh.k.procs.get(pid) : undefined;
    if (!target || target.done) {
      sh.writeErrSync(`${sh.d.arg0}: can't kill pid ${a}: No such process\n`);
      status = 1;
      continue;
    }
    if (sig === '0') continue;
    if (name === 'KILL' && target.pid !== 1) sh.k.kill(target, 9);
    else sh.k.signal(target, name);
  }
  return status;
};

/** ash's `kill -l [N|NAME]…` (busybox kill_main): the table, a status's signal name (N & 127), a name's number. */
function* killList(sh: Shell, args: string[]): Generator<Block, number, unknown> {
  let out = '';
  if (args.length === 0) {
    ALL_SIGNALS.forEach((n, i) => { if (i > 0) out += `${String(i).padStart(2)}) ${n}\n`; });
    out += `${RTMIN}) RTMIN\n${RTMAX}) RTMAX\n`;
  }
  let status = 0;
  for (const a of args) {
    if (/^\d/.test(a)) {
      if (!/^\d+$/.test(a) || Number(a) > 0xffffffff) { sh.writeErrSync(`${sh.d.arg0}: unknown signal '${a}'\n`); status = 1; break; }
      const n = Number(a) & 0x7f;
      out += (ALL_SIGNALS[n] ?? String(n)) + '\n';
      continue;
    }
    const n = getSignum(a);
    if (n === null) { sh.writeErrSync(`${sh.d.arg0}: unknown signal '${a}'\n`); status = 1; break; }
    out += `${n}\n`;
  }
  yield* writeFd(sh.k, sh.p, 1, out);
  return status;
}

/** jobs [-lp] [%job…]: each job's line; a job shown after it ended leaves the table. */
const jobsB: B = function* (sh, argv) {
  const table = sh.rt.jobs(sh);
  let pids = false;
  let only = false;
  let i = 1;
  for (; i < argv.length && argv[i][0] === '-' && argv[i] !== '-'; i++) {
    if (argv[i] === '--') { i++; break; }
    for (const c of argv[i].slice(1)) {
      if (c === 'l') pids = true;
      else if (c === 'p') only = true;
      else return jobError(sh, 'jobs', `illegal option -${c}`);
    }
  }
  const show = (job: Job): string => {
    const line = table.line(job, pids, only, sh.d.dialect.name === 'dash');
    if (job.proc.done && !only) { reapQuietly(sh, job); table.free(job); }
    return line;
  };
  let out = '';
  let status = 0;
  if (i < argv.length) {
    for (const spec of argv.slice(i)) {
      const job = table.find(spec, false, sh.d.dialect.name === 'dash');
      if (typeof job === 'string') { status = jobError(sh, 'jobs', job); break; }
      out += show(job);
    }
  } else for (const job of table.list()) out += show(job);
  yield* writeFd(sh.k, sh.p, 1, out);
  return status;
};

/** fg and bg: a shell without job control has no job to move (getjob with getctl). */
// eslint-disable-next-line require-yield -- a builtin is a generator even when it never blocks
const fgBg: B = function* (sh, argv) {
  const args = argv.slice(1);
  if (args[0] === '--') args.shift();
  const found = sh.rt.jobs(sh).find(args[0], true);
  return jobError(sh, argv[0], typeof found === 'string' ? found : 'No current job');
};

export const JOB_BUILTINS: [string, B][] = [['trap', trap], ['wait', wait], ['kill', kill], ['jobs', jobsB], ['fg', fgBg], ['bg', fgBg]];
