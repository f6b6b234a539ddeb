/**
 * ps as busybox 1.36 builds it (procps/ps.c with DESKTOP, FEATURE_PS_TIME and PS_ADDITIONAL_COLUMNS): the
 * container's process table (its PID namespace: PID 1 is the container's main process) in the default
 * format `pid,user,time,args` or the columns of -o (`name=HEADER` renames; several -o add up). Each row is
 * one process of the kernel's table with the command line it was started or exec'd with (control
 * characters shown as spaces, as read_cmdline does). A shell runs a foreground applet inside its own
 * process where ash forks a child for it: ps shows such a program as the process it would be, replacing a
 * forked subshell's row (ash execs the last command of a subshell, pipeline stage or background job) or,
 * for ps itself run by a shell, as its own row with the PID the fork would get.
 * CPU time is not accounted per process: TIME is 0:00. VSZ and RSS are not modelled (0); no tty (`?`).
 * -a -A -d -e -f -l are accepted and ignored, as busybox does.
 */
import { YIELD, type Proc } from '../shell/kernel';
import { badOption, err, getopts, nameForId, out, type Applet } from './lib';
import type { Ctx } from '../shell/sys';

interface Col { name: string; header: string; width: number }

const SPECS: readonly Col[] = [
  { name: 'user', header: 'USER', width: 8 }, { name: 'group', header: 'GROUP', width: 8 },
  { name: 'comm', header: 'COMMAND', width: 16 }, { name: 'args', header: 'COMMAND', width: 2048 },
  { name: 'pid', header: 'PID', width: 5 }, { name: 'ppid', header: 'PPID', width: 5 }, { name: 'pgid', header: 'PGID', width: 5 },
  { name: 'etime', header: 'ELAPSED', width: 7 }, { name: 'nice', header: 'NI', width: 5 },
  { name: 'rgroup', header: 'RGROUP', width: 8 }, { name: 'ruser', header: 'RUSER', width: 8 },
  { name: 'time', header: 'TIME', width: 5 }, { name: 'tty', header: 'TT', width: 6 }, { name: 'vsz', header: 'VSZ', width: 4 },
  { name: 'sid', header: 'SID', width: 5 }, { name: 'stat', header: 'STAT', width: 4 }, { name: 'rss', header: 'RSS', width: 4 },
];

class BadO extends Error {}

/** One -o argument: comma-separated names; the last may carry `=HEADER` (which may itself hold commas). */
function parseO(arg: string, cols: Col[]): void {
  let rest = arg;
  for (;;) {
    const comma = rest.indexOf(',');
    const equal = rest.indexOf('=');
    if (comma >= 0 && (equal < 0 || comma < equal)) {
      cols.push(find(rest.slice(0, comma)));
      rest = rest.slice(comma + 1);
      continue;
    }
    const col = { ...find(equal >= 0 ? rest.slice(0, equal) : rest) };
    cols.push(col);
    if (equal < 0) return;
    const after = rest.slice(equal + 1);
    const c2 = after.indexOf(',');
    col.header = c2 >= 0 ? after.slice(0, c2) : after;
    if (col.header) col.width = col.header.length;
    if (c2 < 0) return;
    rest = after.slice(c2 + 1);
  }
}

function find(name: string): Col {
  const c = SPECS.find((s) => s.name === name);
  if (!c) throw new BadO(`bad -o argument '${name}', supported arguments: ${SPECS.map((s) => s.name).join(',')}`);
  return c;
}

/** busybox's 5-column time: M:SS, then HhMM, DdHH, Nd. */
function fmtTime(sec: number): string {
  let t = Math.floor(sec);
  const s = t % 60;
  t = Math.floor(t / 60);
  if (t < 60) return `${String(t).padStart(2)}:${String(s).padStart(2, '0')}`;
  const m = t % 60;
  t = Math.floor(t / 60);
  if (t < 24) return `${String(t).padStart(2)}h${String(m).padStart(2, '0')}`;
  const h = t % 24;
  t = Math.floor(t / 24);
  return t < 100 ? `${String(t).padStart(2)}d${String(h).padStart(2, '0')}` : `${String(t).padStart(4)}d`;
}

interface Row { pid: number; ppid: number; argv: readonly string[]; start: number; self: boolean }

/** The rows: every live process, with the programs shells run in place shown as the processes they would be. */
function rows(ctx: Ctx): Row[] {
  const list: Row[] = [];
  const procs = [...ctx.k.procs.values()].filter((p) => !p.done).sort((a, b) => a.pid - b.pid);
  const row = (p: Proc, argv: readonly string[], self = false): Row => ({ pid: p.pid, ppid: p.ppid, argv, start: p.startUs, self });
  for (const p of procs) {
    const self = p === ctx.p;
    if (self && p.fg === ctx.argv && !p.sub) {
      list.push(row(p, p.argv));
      list.push({ pid: ctx.k.nextPid, ppid: p.pid, argv: ctx.argv, start: ctx.k.clock(), self: true });
    } else if (self) {
      list.push(row(p, ctx.argv, true));
    } else {
      list.push(row(p, p.fg && p.sub ? p.fg : p.argv));
    }
  }
  return list.sort((a, b) => a.pid - b.pid);
}

function value(ctx: Ctx, c: Col, r: Row): string {
  const user = () => (nameForId(ctx, '/etc/passwd', ctx.cred.uid) ?? String(ctx.cred.uid)).slice(0, c.width);
  const group = () => (nameForId(ctx, '/etc/group', ctx.cred.gid) ?? String(ctx.cred.gid)).slice(0, c.width);
  const base = (r.argv[0] ?? '').split(' ')[0];
  const comm = base.slice(base.lastIndexOf('/') + 1).slice(0, 15);
  switch (c.name) {
    case 'user': case 'ruser': return user();
    case 'group': case 'rgroup': return group();
    case 'comm': return comm;
    case 'args': return r.argv.length ? Array.from(r.argv.join(' '), (ch) => (ch < ' ' ? ' ' : ch)).join('') : `[${comm}]`;
    case 'pid': return String(r.pid).padStart(c.width);
    case 'ppid': return String(r.ppid).padStart(c.width);
    case 'pgid': case 'sid': return '1'.padStart(c.width);
    case 'etime': return fmtTime((ctx.k.clock() - r.start) / 1e6);
    case 'time': return fmtTime(0);
    case 'nice': return '0'.padStart(c.width);
    case 'tty': return '?';
    case 'stat': return r.self ? 'R' : 'S';
    default: return '0'.padStart(c.width);
  }
}

export const ps: Applet = function* (ctx) {
  // Starting ps (fork, exec, reading /proc) lets the processes that can run get on first: a job just put in
  // the background has exec'd its program by the time ps reads the table.
  yield YIELD;
  const o = getopts(ctx.argv, 'Zo:aAdeflT');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const cols: Col[] = [];
  try {
    const list = o.values.get('o');
    if (list) for (const a of list) parseO(a, cols);
    else parseO('pid,user,time,args', cols);
  } catch (e) {
    if (!(e instanceof BadO)) throw e;
    err(ctx, e.message);
    return 1;
  }
  const lines: string[] = [];
  if (cols.some((c) => c.header !== '')) lines.push(cols.map((c, i) => (i === cols.length - 1 ? c.header : c.header.padEnd(c.width) + ' ')).join(''));
  for (const r of rows(ctx)) {
    lines.push(cols.map((c, i) => {
      const v = value(ctx, c, r) || '-';
      return i === cols.length - 1 ? v : v + ' '.repeat(Math.max(1, c.width - v.length + 1));
    }).join(''));
  }
  yield* out(ctx, lines.map((l) => l.slice(0, 2048) + '\n').join(''));
  return 0;
};
