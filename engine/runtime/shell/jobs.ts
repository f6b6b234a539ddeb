/**
 * trap, wait, kill, jobs. Models ash.c trapcmd/waitcmd/killcmd: `wait` is interrupted by a
 * trapped signal (status 128+n, the trap then runs), while a foreground command is not: ash
 * waits for it and runs the trap afterwards. `sleep` is a forked applet in busybox
 * (coreutils/sleep.c: "Do not make this applet NOFORK"), so `trap 'exit 0' TERM; sleep 3600`
 * only exits when the sleep ends; `sleep 3600 & wait` exits at once.
 */
import type { Block, Proc } from './kernel';
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

const wait: B = function* (sh, argv) {
  const jobs = sh.rt.jobs(sh);
  if (argv.length < 2) {
    for (const j of jobs) {
      while (!j.done) {
        const r = yield { k: 'child', pid: j.pid, intr: true };
        if (r === 'signal') return 128 + (SIGNALS[sh.p.pending[0]] ?? 15);
      }
    }
    jobs.length = 0;
    return 0;
  }
  let status = 0;
  for (const a of argv.slice(1)) {
    const pid = Number(a);
    const j = jobs.find((x) => x.pid === pid);
    if (!j) { status = 127; continue; }
    while (!j.done) {
      const r = yield { k: 'child', pid: j.pid, intr: true };
      if (r === 'signal') return 128 + (SIGNALS[sh.p.pending[0]] ?? 15);
    }
    // A non-interactive ash updates a job's state only in dowait, which `wait PID` calls: it reaps the job
    // here and says how a signal ended it (real runs race, and now and then reap it earlier in silence).
    status = sh.reaped(j);
    jobs.splice(jobs.indexOf(j), 1);
  }
  return status;
};

const kill: B = function* (sh, argv) {
  let sig = 'TERM';
  let i = 1;
  if (argv[1] === '-l' && sh.d.dialect.name === 'ash') return yield* killList(sh, argv.slice(2));
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
  for (const a of argv.slice(i)) {
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

const jobsB: B = function* (sh) {
  let out = '';
  const jobs = sh.rt.jobs(sh);
  jobs.forEach((j, idx) => { if (!j.done) out += `[${idx + 1}] Running\n`; });
  yield* writeFd(sh.k, sh.p, 1, out);
  return 0;
};

export const JOB_BUILTINS: [string, B][] = [['trap', trap], ['wait', wait], ['kill', kill], ['jobs', jobsB]];
