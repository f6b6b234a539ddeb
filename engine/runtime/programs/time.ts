/**
 * time [-vpa] [-o FILE] [-f FMT] PROG ARGS (busybox 1.36 miscutils/time.c): runs PROG, then writes its
 * resource usage to stderr (or FILE): by default `real\t0m 0.00s`, `user\t…`, `sys\t…`; -p the POSIX
 * form `real 0.00`; -v the long list; -f or $TIME a format of %-directives. Real time is the virtual time the
 * program took. The playground keeps one CPU account per container, not per process: user time is the CPU
 * the container spent while the program ran (its commands), system time 0; memory and I/O counters are 0.
 */
import type { ProcGen } from '../shell/kernel';
import { cloneFds } from '../shell/io';
import { openPath } from '../shell/sys';
import { strerror } from '../fs/errors';
import { BB_BANNER, err, errRaw, getopts, type Applet } from './lib';
import { lookup } from './exec';
import { wording } from './wording';

const USAGE = `${BB_BANNER}Usage: time [-vpa] [-o FILE] PROG ARGS\n\nRun PROG, display resource usage when it exits\n\n\t-v\tVerbose\n\t-p\tPOSIX output format\n\t-f FMT\tCustom format\n\t-o FILE\tWrite result to FILE\n\t-a\tAppend (else overwrite)\n`;

const DEFAULT_FORMAT = 'real\t%E\nuser\t%u\nsys\t%T';
const POSIX_FORMAT = 'real %e\nuser %U\nsys %S';
const LONG_FORMAT = [
  '\tCommand being timed: "%C"', '\tUser time (seconds): %U', '\tSystem time (seconds): %S', '\tPercent of CPU this job got: %P',
  '\tElapsed (wall clock) time (h:mm:ss or m:ss): %E', '\tAverage shared text size (kbytes): %X', '\tAverage unshared data size (kbytes): %D',
  '\tAverage stack size (kbytes): %p', '\tAverage total size (kbytes): %K', '\tMaximum resident set size (kbytes): %M',
  '\tAverage resident set size (kbytes): %t', '\tMajor (requiring I/O) page faults: %F', '\tMinor (reclaiming a frame) page faults: %R',
  '\tVoluntary context switches: %w', '\tInvoluntary context switches: %c', '\tSwaps: %W', '\tFile system inputs: %I',
  '\tFile system outputs: %O', '\tSocket messages sent: %s', '\tSocket messages received: %r', '\tSignals delivered: %k',
  '\tPage size (bytes): %Z', '\tExit status: %x',
].join('\n');

const PAGE_SIZE = 4096;

interface Usage { argv: readonly string[]; realMs: number; userUs: number; sysUs: number; exit: number; signal: number }

const p2 = (n: number) => String(n).padStart(2, '0');

/** [h:]m:s the way time.c prints %E, %u and %T: `0m 1.23s`, or `1h 2m 03s` from an hour on. */
function clockText(sec: number, hundredths: number): string {
  return sec >= 3600 ? `${Math.floor(sec / 3600)}h ${Math.floor((sec % 3600) / 60)}m ${p2(sec % 60)}s` : `${Math.floor(sec / 60)}m ${sec % 60}.${p2(hundredths)}s`;
}

/** summarize(): `fmt` with its %-directives filled in; a backslash is dropped, an unknown directive prints nothing. */
function summarize(fmt: string, u: Usage): string {
  let s = '';
  if (u.signal) s += `Command terminated by signal ${u.signal}\n`;
  else if (u.exit) s += `Command exited with non-zero status ${u.exit}\n`;
  const secs = (us: number) => Math.floor(us / 1e6);
  const hund = (us: number) => Math.floor((us % 1e6) / 10000);
  const cpuMs = Math.floor((u.userUs + u.sysUs) / 1000);
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === '\\') continue;
    if (c !== '%') { s += c; continue; }
    const d = fmt[++i];
    switch (d) {
      case 'C': s += u.argv.join(' '); break;
      case 'E': s += clockText(Math.floor(u.realMs / 1000), Math.floor(u.realMs / 10) % 100); break;
      case 'e': s += `${Math.floor(u.realMs / 1000)}.${p2(Math.floor(u.realMs / 10) % 100)}`; break;
      case 'U': s += `${secs(u.userUs)}.${p2(hund(u.userUs))}`; break;
      case 'S': s += `${secs(u.sysUs)}.${p2(hund(u.sysUs))}`; break;
      case 'u': s += clockText(secs(u.userUs), hund(u.userUs)); break;
      case 'T': s += clockText(secs(u.sysUs), hund(u.sysUs)); break;
      case 'P': s += u.realMs > 0 ? `${Math.floor((cpuMs * 100) / u.realMs)}%` : '?%'; break;
      case 'x': s += String(u.exit); break;
      case 'Z': s += String(PAGE_SIZE); break;
      case 'D': case 'F': case 'I': case 'K': case 'M': case 'O': case 'R': case 'W': case 'X':
      case 'c': case 'k': case 'p': case 'r': case 's': case 't': case 'w':
        s += '0';
        break;
      default: break;
    }
    if (d === undefined) break;
  }
  return s + '\n';
}

export const time: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'vpao:f:', true);
  if (o.bad) {
    errRaw(ctx, `time: ${o.missing ? 'option requires an argument' : 'invalid option'} -- '${o.bad}'\n${USAGE}`);
    return 1;
  }
  if (o.rest.length === 0) { errRaw(ctx, USAGE); return 1; }
  let fmt = o.values.get('f')?.at(-1) ?? ctx.env.get('TIME') ?? DEFAULT_FORMAT;
  if (o.flags.has('v')) fmt = LONG_FORMAT;
  if (o.flags.has('p')) fmt = POSIX_FORMAT;
  let sink = ctx.p.fds[2];
  const file = o.values.get('o')?.at(-1);
  if (file !== undefined) {
    const r = openPath(ctx.fs, ctx.p, ctx.cwd, ctx.cred, file, o.flags.has('a') ? 'a' : 'w');
    if ('err' in r) { err(ctx, `can't open '${file}': ${strerror(r.err)}`); return 1; }
    sink = r.of;
  }
  const argv = o.rest;
  const startUs = ctx.k.clock();
  const startCpu = ctx.k.cpuMicros;
  let exit: number;
  let signal = 0;
  const { applet, found } = lookup(ctx, argv[0], ctx.env);
  if (!applet) {
    // The forked child's exec fails: it reports and exits 127 (126 when the file cannot be run).
    err(ctx, wording(ctx).execFail('time', argv[0], found));
    exit = found ? 126 : 127;
  } else {
    const child = ctx.k.spawn(ctx.p.pid, cloneFds(ctx.p.fds), (p): ProcGen => applet({ ...ctx, p, argv, env: ctx.env }));
    child.argv = argv;
    yield { k: 'child', pid: child.pid, intr: false };
    ctx.k.procs.delete(child.pid);
    signal = child.killedBy ?? 0;
    exit = signal ? 0 : child.status;
  }
  const realMs = Math.floor((ctx.k.clock() - startUs) / 1000);
  const text = summarize(fmt, { argv, realMs, userUs: ctx.k.cpuMicros - startCpu, sysUs: 0, exit, signal });
  if (sink) {
    // The report goes where stdout was pointed (xdup2 of the output fd): a write of its own.
    const saved = ctx.p.fds[2];
    ctx.p.fds[2] = sink;
    errRaw(ctx, text);
    ctx.p.fds[2] = saved;
    if (!ctx.p.fds.includes(sink)) ctx.k.closeOf(sink);
  }
  return signal || exit;
};
