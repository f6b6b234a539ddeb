/* eslint-disable require-yield -- every builtin and applet is a generator with one signature; some never block. */
/** Small applets: echo, printf, test, true/false, sleep, yes, env, id, hostname, date, seq … */
import { nodeName } from './uname';
import { busyboxDate, utcParts } from '../../sim/time';
import type { Ctx } from '../shell/sys';
import { strerror } from '../fs/errors';
import { echoApplet, printfText, printfWrites } from './printf';
import { testEval } from './test';
import { runChild } from './exec';
import { parseDate } from './dateParse';
import { badOption, err, errnoMsg, errRaw, getopts, idForName, nameForId, out, primaryGroupOf, prog, writeError, type Applet } from './lib';
import { wording } from './wording';

export const echo: Applet = function* (ctx) {
  const failed = yield* out(ctx, echoApplet(ctx.argv));
  return failed ? writeError(ctx, failed) : 0;
};

const PRINTF_USAGE = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: printf FORMAT [ARG]...\n\nFormat and print ARG(s) according to FORMAT (a-la C printf)\n';

export const printf: Applet = function* (ctx) {
  if (ctx.argv.length < 2) {
    errRaw(ctx, wording(ctx).noOperands('printf') ?? PRINTF_USAGE);
    return 1;
  }
  const r = printfText(ctx.argv.slice(1), 'printf: ');
  // busybox's bb_error_msg flushes stdout first: each diagnostic lands where printf met it.
  for (const [fd, text] of printfWrites(r, ctx.flavor.userland !== 'gnu')) {
    if (fd === 2) errRaw(ctx, text);
    else yield* out(ctx, text);
  }
  return r.status;
};

export const test: Applet = function* (ctx) {
  const r = testEval(ctx.argv.map((a, i) => (i === 0 ? prog(ctx) : a)), ctx.fs, ctx.cwd, ctx.cred);
  if (r.error) err(ctx, r.error);
  return r.status;
};

export const trueA: Applet = function* () { return 0; };
export const falseA: Applet = function* () { return 1; };

const SLEEP_USAGE = 'BusyBox v1.36.1 multi-call binary.\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n';
const DURATION_SUFFIX: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** xatoul_sfx with busybox's duration suffixes: digits then exactly one of s/m/h/d or nothing. */
function durationUnits(s: string): number | null {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  const mult = DURATION_SUFFIX[s.slice(i)];
  return i === 0 || mult === undefined ? null : Number(s.slice(0, i)) * mult;
}

/**
 * Models libbb parse_duration_str: with a `.`, the digits-and-dots prefix must be one strtod number (else the
 * usage text), and its suffix is checked by putting `1` in place of the prefix's last character (so `0.5x`
 * complains about '1x'); without, xatoul_sfx. Returns seconds, or the error to print.
 */
export function parseDuration(arg: string): number | { usage: true } | { invalid: string } {
  if (!arg.includes('.')) {
    const n = durationUnits(arg);
    return n === null ? { invalid: arg } : n;
  }
  let len = 0;
  while (len < arg.length && '0123456789.'.includes(arg[len])) len++;
  const num = arg.slice(0, len);
  if (!/^(\d+\.?\d*|\.\d+)$/.test(num)) return { usage: true };
  const rest = '1' + arg.slice(len);
  const mult = durationUnits(rest);
  return mult === null ? { invalid: rest } : Number(num) * mult;
}

/**
 * busybox sleep (FANCY_SLEEP, FLOAT_DURATION): the args add up; `inf…` as the first arg sleeps forever.
 * The arguments are read by a plain function and the one block is yielded here: a command run thousands of
 * times in loops, where each generator level is an object per run.
 */
export const sleep: Applet = function* (ctx) {
  const ms = sleepMs(ctx);
  if (ms < 0) return 1;
  yield { k: 'sleep', until: ctx.k.clock() + Math.round(ms * 1000) };
  return 0;
};

/** sleep's duration in ms; -1 after printing why the arguments are wrong. */
function sleepMs(ctx: Ctx): number {
  const argv = ctx.argv;
  if (argv.length === 1) { errRaw(ctx, wording(ctx).noOperands('sleep') || SLEEP_USAGE); return -1; }
  let total = 0;
  if (argv[1].slice(0, 3).toLowerCase() === 'inf') total = Infinity;
  else {
    for (let i = 1; i < argv.length; i++) {
      const d = parseDuration(argv[i]);
      if (typeof d === 'number') { total += d * 1000; continue; }
      if ('usage' in d) errRaw(ctx, SLEEP_USAGE);
      else err(ctx, wording(ctx).badInterval(d.invalid));
      return -1;
    }
  }
  return total === Infinity ? 1e15 : total;
}

export const yes: Applet = function* (ctx) {
  const line = (ctx.argv.length > 1 ? ctx.argv.slice(1).join(' ') : 'y') + '\n';
  const chunk = line.repeat(Math.max(1, Math.floor(4096 / line.length)));
  for (;;) {
    ctx.k.charge();
    const failed = yield* out(ctx, chunk);
    if (failed) { err(ctx, wording(ctx).yesWrite(strerror(failed))); return 1; }
  }
};

export const env: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'iu:', true);
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const vars = new Map(o.flags.has('i') ? [] : ctx.env);
  for (const u of o.values.get('u') ?? []) vars.delete(u);
  let i = 0;
  const rest = o.rest;
  for (; i < rest.length && rest[i].includes('='); i++) {
    const eq = rest[i].indexOf('=');
    vars.set(rest[i].slice(0, eq), rest[i].slice(eq + 1));
  }
  if (i < rest.length) {
    return yield* runChild(ctx, rest.slice(i), vars);
  }
  let text = '';
  for (const [k, v] of vars) text += `${k}=${v}\n`;
  yield* out(ctx, text);
  return 0;
};

export const printenv: Applet = function* (ctx) {
  const names = ctx.argv.slice(1);
  if (names.length === 0) {
    let text = '';
    for (const [k, v] of ctx.env) text += `${k}=${v}\n`;
    yield* out(ctx, text);
    return 0;
  }
  let status = 0;
  for (const n of names) {
    const v = ctx.env.get(n);
    if (v === undefined) status = 1;
    else yield* out(ctx, v + '\n');
  }
  return status;
};


/** getgrouplist: the primary group, then every group of /etc/group that lists `user`, in file order. */
function groupList(ctx: Ctx, user: string, gid: number): number[] {
  let text = '';
  try {
    text = ctx.fs.readFile('/etc/group', '/', ctx.cred);
  } catch { /* no group file: the primary group only */ }
  const gids = [gid];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 4 || !f[3].split(',').includes(user)) continue;
    const g = Number(f[2]);
    if (!gids.includes(g)) gids.push(g);
  }
  return gids;
}

/** busybox's groups: `id -Gn [USER]`. */
export const groups: Applet = function* (ctx) {
  const o = getopts(ctx.argv, '');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const asId: Ctx = Object.create(ctx, { argv: { value: ['groups', '-Gn', ...o.rest] } });
  return yield* id(asId);
};

export const id: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'ugnrG');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  // `id USER` describes that account (its primary group; supplementary ones from /etc/group are not modelled).
  const user = o.rest[0];
  const uid = user === undefined ? ctx.cred.uid : idForName(ctx, '/etc/passwd', user);
  if (uid === null) { err(ctx, ctx.flavor.userland === 'gnu' ? `'${user}': no such user` : `unknown user ${user}`); return 1; }
  const gid = user === undefined ? ctx.cred.gid : primaryGroupOf(ctx, uid);
  const supplementary = user === undefined ? ctx.cred.groups : groupList(ctx, user, gid);
  const un = nameForId(ctx, '/etc/passwd', uid);
  const gn = nameForId(ctx, '/etc/group', gid);
  if (o.flags.has('G')) {
    const all = [...new Set([gid, ...supplementary])];
    yield* out(ctx, all.map((g) => (o.flags.has('n') ? nameForId(ctx, '/etc/group', g) ?? String(g) : String(g))).join(' ') + '\n');
    return 0;
  }
  if (o.flags.has('u') || o.flags.has('g')) {
    const isU = o.flags.has('u');
    const n = isU ? uid : gid;
    const name = isU ? un : gn;
    yield* out(ctx, (o.flags.has('n') ? name ?? String(n) : String(n)) + '\n');
    return 0;
  }
  const fmt = (n: number, name: string | null) => (name === null ? `${n}` : `${n}(${name})`);
  let text = `uid=${fmt(uid, un)} gid=${fmt(gid, gn)}`;
  // Supplementary groups as getgroups(2) returns them (the runtime sets them, sorted as the kernel keeps them);
  // busybox lists them only when the process has some, GNU always.
  if (supplementary.length || wording(ctx).idAlwaysGroups || user !== undefined) {
    const groups = supplementary.length ? supplementary : [gid];
    text += ` groups=${groups.map((g) => fmt(g, nameForId(ctx, '/etc/group', g))).join(',')}`;
  }
  yield* out(ctx, text + '\n');
  return 0;
};

export const whoami: Applet = function* (ctx) {
  const extra = ctx.argv.length > 1 ? wording(ctx).extraOperand('whoami', ctx.argv[1]) : null;
  if (extra) { errRaw(ctx, extra); return 1; }
  const n = nameForId(ctx, '/etc/passwd', ctx.cred.uid);
  if (n === null) { err(ctx, `unknown uid ${ctx.cred.uid}`); return 1; }
  yield* out(ctx, n + '\n');
  return 0;
};

export const hostname: Applet = function* (ctx) {
  let name = nodeName(ctx);
  if (ctx.argv[1] === '-i') {
    try {
      const hosts = ctx.fs.readFile('/etc/hosts', '/', ctx.cred);
      const line = hosts.split('\n').find((l) => l.split(/\s+/).slice(1).includes(name));
      if (line) name = line.split(/\s+/)[0];
    } catch { /* keep the name */ }
  }
  yield* out(ctx, name + '\n');
  return 0;
};

const p2 = (n: number) => String(n).padStart(2, '0');
const WD = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WDAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const CUM_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** ISO 8601 week-numbering year and week (%G, %V) of day `yday` (1-based) of `y`, `wday` 0 = Sunday. */
function isoWeek(y: number, yday: number, wday: number): [number, number] {
  const p = (n: number) => (n + Math.floor(n / 4) - Math.floor(n / 100) + Math.floor(n / 400)) % 7;
  const weeks = (n: number) => 52 + (p(n) === 4 || p(n - 1) === 3 ? 1 : 0);
  const w = Math.floor((yday - (wday === 0 ? 7 : wday) + 10) / 7);
  if (w < 1) return [y - 1, weeks(y - 1)];
  if (w > weeks(y)) return [y + 1, 1];
  return [y, w];
}

/** strftime in the C locale, UTC (the images have no TZ data): what `date +FMT` prints. */
export function strftime(fmt: string, epochMs: number): string {
  const c = utcParts(epochMs);
  const leap = (c.y % 4 === 0 && c.y % 100 !== 0) || c.y % 400 === 0;
  const yday = CUM_DAYS[c.m - 1] + c.d + (leap && c.m > 2 ? 1 : 0);
  const h12 = c.hh % 12 === 0 ? 12 : c.hh % 12;
  const one = (f: string): string => {
    switch (f) {
      case 'Y': return String(c.y);
      case 'C': return p2(Math.floor(c.y / 100));
      case 'm': return p2(c.m);
      case 'd': return p2(c.d);
      case 'e': return String(c.d).padStart(2, ' ');
      case 'H': return p2(c.hh);
      case 'k': return String(c.hh).padStart(2, ' ');
      case 'I': return p2(h12);
      case 'l': return String(h12).padStart(2, ' ');
      case 'M': return p2(c.mm);
      case 'S': return p2(c.ss);
      case 'p': return c.hh < 12 ? 'AM' : 'PM';
      case 'P': return c.hh < 12 ? 'am' : 'pm';
      case 's': return String(Math.floor(epochMs / 1000));
      case 'N': return String(c.ms * 1_000_000).padStart(9, '0');
      case 'a': return WD[c.weekday];
      case 'A': return WDAY[c.weekday];
      case 'b': case 'h': return MON[c.m - 1];
      case 'B': return MONTH[c.m - 1];
      case 'y': return p2(c.y % 100);
      case 'j': return String(yday).padStart(3, '0');
      case 'u': return String(c.weekday === 0 ? 7 : c.weekday);
      case 'w': return String(c.weekday);
      case 'U': return p2(Math.floor((yday - 1 + 7 - c.weekday) / 7));
      case 'W': return p2(Math.floor((yday - 1 + 7 - ((c.weekday + 6) % 7)) / 7));
      case 'V': return p2(isoWeek(c.y, yday, c.weekday)[1]);
      case 'G': return String(isoWeek(c.y, yday, c.weekday)[0]);
      case 'g': return p2(isoWeek(c.y, yday, c.weekday)[0] % 100);
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 'T': return `${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)}`;
      case 'R': return `${p2(c.hh)}:${p2(c.mm)}`;
      case 'r': return `${p2(h12)}:${p2(c.mm)}:${p2(c.ss)} ${c.hh < 12 ? 'AM' : 'PM'}`;
      case 'D': case 'x': return `${p2(c.m)}/${p2(c.d)}/${p2(c.y % 100)}`;
      case 'X': return `${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)}`;
      case 'c': return `${WD[c.weekday]} ${MON[c.m - 1]} ${String(c.d).padStart(2, ' ')} ${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)} ${c.y}`;
      case 'F': return `${c.y}-${p2(c.m)}-${p2(c.d)}`;
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      default: return '%' + f;
    }
  };
  return fmt.replace(/%([a-zA-Z%])/g, (_, f: string) => one(f));
}

/** busybox coreutils/date.c: `date [-uR] [-I[SPEC]] [+FMT]`; the clock is virtual time + PodFacts.epochMs. */
export const date: Applet = function* (ctx) {
  let now = ctx.k.wallMs();
  let fmt: string | null = null;
  let dateStr: string | null = null;
  let parseFmt: string | undefined;
  let setting = false;
  const argv = ctx.argv;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('+')) { fmt = a.slice(1); continue; }
    if (a === '-u' || a === '--utc') continue;
    if (a === '-R' || a === '--rfc-2822') { fmt = '%a, %d %b %Y %H:%M:%S +0000'; continue; }
    const iso = /^-I(date|hours|minutes|seconds)?$/.exec(a);
    if (iso) {
      const spec = iso[1] ?? 'date';
      fmt = spec === 'date' ? '%Y-%m-%d' : spec === 'hours' ? '%Y-%m-%dT%H+00:00' : spec === 'minutes' ? '%Y-%m-%dT%H:%M+00:00' : '%Y-%m-%dT%H:%M:%S+00:00';
      continue;
    }
    // -d STR / -s STR / -D FMT / -r FILE, their values attached or following (and --date=STR).
    const opt = /^-([dsDr])(.*)$/.exec(a) ?? (/^--date=(.*)$/.exec(a) ? ['', 'd', a.slice(7)] : null);
    if (opt) {
      const v = opt[2] !== '' ? opt[2] : argv[++i];
      if (v === undefined) return badOption(ctx, opt[1], true);
      if (opt[1] === 'd' || opt[1] === 's') { dateStr = v; setting = opt[1] === 's'; } else if (opt[1] === 'D') parseFmt = v;
      else {
        try {
          now = ctx.k.epochMs + ctx.fs.stat(v, ctx.cwd, ctx.cred).node.mtime;
        } catch (e) {
          err(ctx, `can't stat '${v}': ${errnoMsg(e)}`);
          return 1;
        }
      }
      continue;
    }
    if (a[0] === '-' && a.length > 1) return badOption(ctx, a[1]);
    dateStr = a;
    setting = true;
  }
  if (dateStr !== null) {
    const t = parseDate(dateStr, now, parseFmt);
    if (t === null) { err(ctx, `invalid date '${dateStr}'`); return 1; }
    // Setting the clock needs CAP_SYS_TIME, which a container does not have; date then prints the time it read.
    if (setting) err(ctx, `can't set date: Operation not permitted`);
    now = t;
  }
  const text = fmt === null ? busyboxDate(now) : strftime(fmt, now);
  yield* out(ctx, text + '\n');
  return 0;
};
