/* eslint-disable require-yield -- native functions share the generator signature of Python calls; many never block. */
/**
 * The datetime module for what scripts log and compute: datetime (now on the container's virtual
 * clock, in UTC as a pod's zone is; utcnow with its 3.12+ DeprecationWarning), timedelta arithmetic
 * and its `1 day, 2:03:04` form, date, timezone.utc/UTC, isoformat/fromisoformat/strftime, and the
 * reprs Lib/datetime.py prints (`datetime.datetime(2024, 1, 1, 10, 0)`).
 */
import { parseRfc3339, utcParts } from '../../../sim/time';
import type { Interp } from './interp';
import { module } from './modules';
import { str } from './ops';
import { PyExc, builtinClass, newExc, raise, typeName, type PyClass, type PyInst, type PyModule, type PyVal } from './values';

const US = 1_000_000;
const DAY_US = 86_400 * US;
const p2 = (n: number) => String(n).padStart(2, '0');

interface DT { us: number; tz: boolean }

function cls(name: string): PyClass {
  return { kind: 'class', name, bases: [builtinClass('object')], attrs: new Map(), module: 'datetime' };
}

function civil(us: number) {
  const c = utcParts(Math.floor(us / 1000));
  return { ...c, us: ((us % US) + US) % US };
}

function isoDate(c: { y: number; m: number; d: number }): string {
  return `${String(c.y).padStart(4, '0')}-${p2(c.m)}-${p2(c.d)}`;
}

function strftime(fmt: string, us: number, tz: boolean): string {
  const c = civil(us);
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const yday = Math.floor((us - parseRfc3339(`${c.y}-01-01T00:00:00Z`) * 1000) / DAY_US) + 1;
  return fmt.replace(/%([a-zA-Z%])/g, (m, d: string) => {
    switch (d) {
      case 'Y': return String(c.y);
      case 'y': return p2(c.y % 100);
      case 'm': return p2(c.m);
      case 'd': return p2(c.d);
      case 'H': return p2(c.hh);
      case 'I': return p2(c.hh % 12 || 12);
      case 'M': return p2(c.mm);
      case 'S': return p2(c.ss);
      case 'f': return String(c.us).padStart(6, '0');
      case 'p': return c.hh < 12 ? 'AM' : 'PM';
      case 'a': return days[c.weekday].slice(0, 3);
      case 'A': return days[c.weekday];
      case 'b': return months[c.m - 1].slice(0, 3);
      case 'B': return months[c.m - 1];
      case 'j': return String(yday).padStart(3, '0');
      case 'z': return tz ? '+0000' : '';
      case 'Z': return tz ? 'UTC' : '';
      case 'F': return isoDate(c);
      case 'T': return `${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)}`;
      case '%': return '%';
      default: return m;
    }
  });
}

function tdStr(us: number): string {
  const days = Math.floor(us / DAY_US);
  const rest = us - days * DAY_US;
  const s = Math.floor(rest / US);
  const frac = rest % US;
  const clock = `${Math.floor(s / 3600)}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}${frac ? '.' + String(frac).padStart(6, '0') : ''}`;
  return days ? `${days} day${Math.abs(days) === 1 ? '' : 's'}, ${clock}` : clock;
}

function tdRepr(us: number): string {
  const days = Math.floor(us / DAY_US);
  const rest = us - days * DAY_US;
  const parts: string[] = [];
  if (days) parts.push(`days=${days}`);
  if (Math.floor(rest / US)) parts.push(`seconds=${Math.floor(rest / US)}`);
  if (rest % US) parts.push(`microseconds=${rest % US}`);
  return `datetime.timedelta(${parts.length ? parts.join(', ') : '0'})`;
}

export function datetimeModule(ip: Interp): PyModule {
  const datetimeC = cls('datetime');
  const timedeltaC = cls('timedelta');
  const dateC = cls('date');
  const tzC = cls('timezone');
  const utc: PyInst = { kind: 'inst', cls: tzC, attrs: new Map(), args: [] };
  const num = (v: PyVal | undefined, what: string): number => (v === undefined || v === null ? 0
    : typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean' ? Number(v) : raise('TypeError', `unsupported type for timedelta ${what} component: ${typeName(v)}`));
  const withFields = (inst: PyInst): PyInst => {
    const d = inst.native as DT;
    if (inst.cls === timedeltaC) {
      inst.attrs.set('days', BigInt(Math.floor(d.us / DAY_US)));
      inst.attrs.set('seconds', BigInt(Math.floor((((d.us % DAY_US) + DAY_US) % DAY_US) / US)));
      inst.attrs.set('microseconds', BigInt(((d.us % US) + US) % US));
      return inst;
    }
    const c = civil(d.us);
    const vals: Record<string, number> = inst.cls === dateC ? { year: c.y, month: c.m, day: c.d } : { year: c.y, month: c.m, day: c.d, hour: c.hh, minute: c.mm, second: c.ss, microsecond: c.us };
    for (const [k, v] of Object.entries(vals)) inst.attrs.set(k, BigInt(v));
    if (inst.cls === datetimeC) inst.attrs.set('tzinfo', d.tz ? utc : null);
    return inst;
  };
  const dt = (us: number, tz: boolean): PyInst => withFields({ kind: 'inst', cls: datetimeC, attrs: new Map(), args: [], native: { us, tz } satisfies DT });
  const td = (us: number): PyInst => withFields({ kind: 'inst', cls: timedeltaC, attrs: new Map(), args: [], native: { us: Math.round(us), tz: false } });
  const dateOf = (us: number): PyInst => withFields({ kind: 'inst', cls: dateC, attrs: new Map(), args: [], native: { us: Math.floor(us / DAY_US) * DAY_US, tz: false } });
  const of = (v: PyVal, c: PyClass): DT | null => (v !== null && typeof v === 'object' && v.kind === 'inst' && v.cls === c ? v.native as DT : null);
  const nowUs = () => ip.ctx.k.epochMs * 1000 + ip.ctx.k.clock();
  const method = (c: PyClass, name: string, fn: (self: DT, a: PyVal[], kw: Map<string, PyVal>, inst: PyInst) => PyVal) =>
    c.attrs.set(name, { kind: 'builtin', name, fn: function* (a, kw) { return fn((a[0] as PyInst).native as DT, a.slice(1), kw, a[0] as PyInst); } });
  const staticFn = (c: PyClass, name: string, fn: (a: PyVal[], kw: Map<string, PyVal>) => PyVal) => c.attrs.set(name, { kind: 'builtin', name, fn: function* (a, kw) { return fn(a, kw); } });
  const build = (a: PyVal[], kw: Map<string, PyVal>): DT => {
    const [y, m, d, hh = 0n, mi = 0n, s = 0n, us = 0n] = a;
    const iso = `${String(Number(y)).padStart(4, '0')}-${p2(Number(m))}-${p2(Number(d))}T${p2(Number(hh))}:${p2(Number(mi))}:${p2(Number(s))}Z`;
    const ms = parseRfc3339(iso);
    if (Number(m) < 1 || Number(m) > 12) raise('ValueError', 'month must be in 1..12');
    if (Number.isNaN(ms) || utcParts(ms).d !== Number(d)) raise('ValueError', 'day is out of range for month');
    return { us: ms * 1000 + Number(us), tz: (a[7] ?? kw.get('tzinfo') ?? null) !== null };
  };

  datetimeC.make = function* (a, kw) { const b = build(a, kw); return dt(b.us, b.tz); };
  staticFn(datetimeC, 'now', (a, kw) => dt(nowUs(), (a[0] ?? kw.get('tz') ?? null) !== null));
  staticFn(datetimeC, 'utcnow', () => {
    const f = ip.frame;
    const line = ip.sources.get(f.file)?.split('\n')[f.line - 1]?.trim() ?? '';
    ip.warnOnce(`${f.file}:${f.line}: DeprecationWarning: datetime.datetime.utcnow() is deprecated and scheduled for removal in a future version. Use timezone-aware objects to represent datetimes in UTC: datetime.datetime.now(datetime.UTC).\n  ${line}\n`);
    return dt(nowUs(), false);
  });
  staticFn(datetimeC, 'fromtimestamp', (a, kw) => dt(Math.round(num(a[0], 'seconds') * US), (a[1] ?? kw.get('tz') ?? null) !== null));
  staticFn(datetimeC, 'fromisoformat', (a) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]00:?00)?$/.exec(String(a[0]));
    if (!m) return raise('ValueError', `Invalid isoformat string: ${str(a[0] ?? null)}`.replace(/: (.*)$/, ": '$1'"));
    const b = build([BigInt(m[1]), BigInt(m[2]), BigInt(m[3]), BigInt(m[4] ?? 0), BigInt(m[5] ?? 0), BigInt(m[6] ?? 0), BigInt((m[7] ?? '').padEnd(6, '0'))], new Map());
    return dt(b.us, m[8] !== undefined);
  });
  const isoOf = (d: DT, sep: string) => {
    const c = civil(d.us);
    return `${isoDate(c)}${sep}${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)}${c.us ? '.' + String(c.us).padStart(6, '0') : ''}${d.tz ? '+00:00' : ''}`;
  };
  method(datetimeC, 'isoformat', (d, a) => isoOf(d, typeof a[0] === 'string' ? a[0] : 'T'));
  method(datetimeC, '__str__', (d) => isoOf(d, ' '));
  method(datetimeC, '__repr__', (d) => {
    const c = civil(d.us);
    const f = [c.y, c.m, c.d, c.hh, c.mm];
    if (c.ss || c.us) f.push(c.ss);
    if (c.us) f.push(c.us);
    return `datetime.datetime(${f.join(', ')}${d.tz ? ', tzinfo=datetime.timezone.utc' : ''})`;
  });
  method(datetimeC, 'strftime', (d, a) => strftime(String(a[0]), d.us, d.tz));
  method(datetimeC, '__format__', (d, a) => (a[0] ? strftime(String(a[0]), d.us, d.tz) : isoOf(d, ' ')));
  method(datetimeC, 'timestamp', (d) => d.us / US);
  method(datetimeC, 'date', (d) => dateOf(d.us));
  method(datetimeC, 'weekday', (d) => BigInt((civil(d.us).weekday + 6) % 7));
  method(datetimeC, 'replace', (d, _a, kw) => dt(d.us, kw.has('tzinfo') ? kw.get('tzinfo') !== null : d.tz));
  method(datetimeC, '__add__', (d, [o]) => { const t = of(o, timedeltaC); return t ? dt(d.us + t.us, d.tz) : notSupported('+', 'datetime.datetime', o); });
  method(datetimeC, '__sub__', (d, [o]) => {
    const t = of(o, timedeltaC);
    if (t) return dt(d.us - t.us, d.tz);
    const x = of(o, datetimeC);
    if (!x) return notSupported('-', 'datetime.datetime', o);
    if (x.tz !== d.tz) raise('TypeError', "can't subtract offset-naive and offset-aware datetimes");
    return td(d.us - x.us);
  });
  for (const c of [datetimeC, timedeltaC, dateC]) compare(c, of);

  timedeltaC.make = function* (a, kw) {
    const [days, seconds, micro, milli, minutes, hours, weeks] = a;
    const us = (num(days ?? kw.get('days'), 'days') + 7 * num(weeks ?? kw.get('weeks'), 'weeks')) * DAY_US + num(seconds ?? kw.get('seconds'), 'seconds') * US
      + num(micro ?? kw.get('microseconds'), 'microseconds') + num(milli ?? kw.get('milliseconds'), 'milliseconds') * 1000
      + num(minutes ?? kw.get('minutes'), 'minutes') * 60 * US + num(hours ?? kw.get('hours'), 'hours') * 3600 * US;
    return td(us);
  };
  method(timedeltaC, '__str__', (t) => tdStr(t.us));
  method(timedeltaC, '__repr__', (t) => tdRepr(t.us));
  method(timedeltaC, 'total_seconds', (t) => t.us / US);
  method(timedeltaC, '__add__', (t, [o]) => { const x = of(o, timedeltaC); if (x) return td(t.us + x.us); const d = of(o, datetimeC); return d ? dt(d.us + t.us, d.tz) : notSupported('+', 'datetime.timedelta', o); });
  method(timedeltaC, '__sub__', (t, [o]) => { const x = of(o, timedeltaC); return x ? td(t.us - x.us) : notSupported('-', 'datetime.timedelta', o); });
  method(timedeltaC, '__mul__', (t, [o]) => (typeof o === 'bigint' || typeof o === 'number' ? td(t.us * Number(o)) : notSupported('*', 'datetime.timedelta', o)));
  timedeltaC.attrs.set('__rmul__', timedeltaC.attrs.get('__mul__')!);
  method(timedeltaC, '__truediv__', (t, [o]) => { const x = of(o, timedeltaC); return x ? t.us / x.us : typeof o === 'bigint' || typeof o === 'number' ? td(t.us / Number(o)) : notSupported('/', 'datetime.timedelta', o); });

  dateC.make = function* (a) { const b = build([a[0], a[1], a[2]], new Map()); return dateOf(b.us); };
  staticFn(dateC, 'today', () => dateOf(nowUs()));
  method(dateC, '__str__', (d) => isoDate(civil(d.us)));
  method(dateC, 'isoformat', (d) => isoDate(civil(d.us)));
  method(dateC, '__repr__', (d) => { const c = civil(d.us); return `datetime.date(${c.y}, ${c.m}, ${c.d})`; });
  method(dateC, 'strftime', (d, a) => strftime(String(a[0]), d.us, false));
  method(tzC, '__repr__', () => 'datetime.timezone.utc');
  method(tzC, '__str__', () => 'UTC');
  tzC.attrs.set('utc', utc);

  return module('datetime', { datetime: datetimeC, timedelta: timedeltaC, date: dateC, timezone: tzC, UTC: utc });
}

function notSupported(op: string, left: string, right: PyVal): never {
  throw new PyExc(newExc('TypeError', `unsupported operand type(s) for ${op}: '${left}' and '${typeName(right)}'`));
}

function compare(c: PyClass, of: (v: PyVal, c: PyClass) => DT | null): void {
  const cmp = (name: string, test: (a: number, b: number) => boolean) => c.attrs.set(name, {
    kind: 'builtin', name, fn: function* (a) {
      const x = of(a[0], c);
      const y = of(a[1], c);
      if (!x || !y) return name === '__eq__' ? false : raise('TypeError', `'${name === '__lt__' ? '<' : name === '__le__' ? '<=' : name === '__gt__' ? '>' : '>='}' not supported between instances of '${c.name}' and '${typeName(a[1])}'`);
      return test(x.us, y.us);
    },
  });
  cmp('__eq__', (a, b) => a === b);
  cmp('__lt__', (a, b) => a < b);
  cmp('__le__', (a, b) => a <= b);
  cmp('__gt__', (a, b) => a > b);
  cmp('__ge__', (a, b) => a >= b);
}

