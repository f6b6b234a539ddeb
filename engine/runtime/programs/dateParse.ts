/**
 * busybox's reading of a date string (libbb/time.c parse_datestr with DESKTOP's strptime forms, then `@SECONDS`
 * and the digit forms [[[[cc]yy]mm]dd]HH]MM[.SS]; coreutils/date.c -D FORMAT through strptime). Fields the
 * string leaves out keep today's date at midnight; the result is normalised as mktime does (Feb 30 is Mar 1).
 * Everything is UTC: the images carry no zone data. null: `invalid date`.
 */
import { daysFromCivil, utcParts } from '../../sim/time';

interface Tm { y: number; m: number; d: number; hh: number; mm: number; ss: number; off: number }

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A small strptime: %Y %m %d %e %H %M %S %y %b %B %h %T %R %F %D %s %n %t %% and literals; whitespace matches any run. */
function strptime(s: string, fmt: string, tm: Tm): { tm: Tm; rest: string } | null {
  const t = { ...tm };
  let i = 0;
  const num = (min: number, max: number, digits: number): number | null => {
    while (s[i] === ' ' || s[i] === '\t') i++;
    const m = new RegExp(`^[0-9]{1,${digits}}`).exec(s.slice(i));
    if (!m) return null;
    const v = Number(m[0]);
    if (v < min || v > max) return null;
    i += m[0].length;
    return v;
  };
  for (let f = 0; f < fmt.length; f++) {
    const c = fmt[f];
    if (c === ' ' || c === '\t' || c === '\n') { while (/\s/.test(s[i] ?? '')) i++; continue; }
    if (c !== '%') { if (s[i] !== c) return null; i++; continue; }
    const d = fmt[++f];
    let v: number | null;
    switch (d) {
      case 'Y': { while (s[i] === ' ') i++; const m = /^[+-]?[0-9]{1,4}/.exec(s.slice(i)); if (!m) return null; t.y = Number(m[0]); i += m[0].length; continue; }
      case 'm': v = num(1, 12, 2); if (v === null) return null; t.m = v; continue;
      case 'd': case 'e': v = num(1, 31, 2); if (v === null) return null; t.d = v; continue;
      case 'H': case 'k': v = num(0, 23, 2); if (v === null) return null; t.hh = v; continue;
      case 'M': v = num(0, 59, 2); if (v === null) return null; t.mm = v; continue;
      case 'S': v = num(0, 61, 2); if (v === null) return null; t.ss = v; continue;
      case 'y': v = num(0, 99, 2); if (v === null) return null; t.y = v < 69 ? 2000 + v : 1900 + v; continue;
      case 'b': case 'B': case 'h': {
        while (s[i] === ' ') i++;
        const low = s.slice(i).toLowerCase();
        const full = MONTH_NAMES.findIndex((n) => low.startsWith(n));
        const abbr = MONTHS.findIndex((n) => low.startsWith(n));
        if (full >= 0) { t.m = full + 1; i += MONTH_NAMES[full].length; } else if (abbr >= 0) { t.m = abbr + 1; i += 3; } else return null;
        continue;
      }
      case 'T': case 'R': case 'F': case 'D': {
        const sub = strptime(s.slice(i), { T: '%H:%M:%S', R: '%H:%M', F: '%Y-%m-%d', D: '%m/%d/%y' }[d], t);
        if (!sub) return null;
        Object.assign(t, sub.tm);
        i = s.length - sub.rest.length;
        continue;
      }
      case 's': { const m = /^-?[0-9]+/.exec(s.slice(i)); if (!m) return null; const p = utcParts(Number(m[0]) * 1000); Object.assign(t, { y: p.y, m: p.m, d: p.d, hh: p.hh, mm: p.mm, ss: p.ss }); i += m[0].length; continue; }
      case 'z': {
        while (s[i] === ' ') i++;
        const m = /^([+-])([0-9]{2}):?([0-9]{2})?/.exec(s.slice(i));
        if (!m) return null;
        t.off = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60;
        i += m[0].length;
        continue;
      }
      case 'n': case 't': while (/\s/.test(s[i] ?? '')) i++; continue;
      case '%': if (s[i] !== '%') return null; i++; continue;
      default: return null;
    }
  }
  return { tm: t, rest: s.slice(i) };
}

const FORMS = ['%R', '%T', '%m.%d-%R', '%m.%d-%T', '%Y.%m.%d-%R', '%Y.%m.%d-%T', '%b %d %T %Y', '%Y-%m-%d %R', '%Y-%m-%d %T',
  '%Y-%m-%d %R %z', '%Y-%m-%d %T %z', '%Y-%m-%d %H', '%Y-%m-%d'];

/** daysFromCivil with a month that may run past 12 or below 1, as mktime allows. */
function daysFrom(y: number, m: number, d: number): number {
  return daysFromCivil(y + Math.floor((m - 1) / 12), ((m - 1) % 12 + 12) % 12 + 1, d);
}

function toMs(t: Tm): number {
  return ((daysFrom(t.y, t.m, t.d) * 24 + t.hh) * 60 + t.mm) * 60_000 + t.ss * 1000 - t.off * 1000;
}

/** The epoch ms `str` names, reading it from today (`nowMs`) at midnight; null when busybox says `invalid date`. */
export function parseDate(str: string, nowMs: number, format?: string, keepTime = false): number | null {
  const p = utcParts(nowMs);
  // date starts from midnight; touch from the current time (so `hh:mm` keeps the seconds of now).
  const base: Tm = keepTime ? { y: p.y, m: p.m, d: p.d, hh: p.hh, mm: p.mm, ss: p.ss, off: 0 } : { y: p.y, m: p.m, d: p.d, hh: 0, mm: 0, ss: 0, off: 0 };
  if (format !== undefined) {
    const r = strptime(str, format, base);
    return r ? toMs(r.tm) : null;
  }
  for (const f of FORMS) {
    const r = strptime(str, f, base);
    if (r && r.rest === '') return toMs(r.tm);
  }
  if (str[0] === '@') return /^@-?[0-9]+$/.test(str) ? Number(str.slice(1)) * 1000 : null;
  const dot = str.indexOf('.');
  const digits = dot < 0 ? str : str.slice(0, dot);
  let ss = 0;
  if (dot >= 0) {
    if (!/^[0-9]+$/.test(str.slice(dot + 1))) return null;
    ss = Number(str.slice(dot + 1));
  }
  if (!/^[0-9]+$/.test(digits) || ![2, 4, 6, 8, 10, 12].includes(digits.length)) return null;
  const two = (k: number) => Number(digits.slice(k, k + 2));
  const t: Tm = { ...base, ss };
  const L = digits.length;
  if (L === 2) t.mm = two(0);
  else if (L === 4) { t.hh = two(0); t.mm = two(2); } else if (L === 6) { t.d = two(0); t.hh = two(2); t.mm = two(4); } else if (L === 8) { t.m = two(0); t.d = two(2); t.hh = two(4); t.mm = two(6); } else if (L === 10) {
    t.y = two(0); t.m = two(2); t.d = two(4); t.hh = two(6); t.mm = two(8);
    // A two-digit year goes in the current century, then within 50 years of now.
    const cur = p.y - 1900;
    let y = t.y + Math.floor(cur / 100) * 100;
    if (y < cur - 50) y += 100;
    if (y > cur + 50) y -= 100;
    t.y = y + 1900;
  } else { t.y = Number(digits.slice(0, 4)); t.m = two(4); t.d = two(6); t.hh = two(8); t.mm = two(10); }
  if (t.ss > 60 || t.mm > 59 || t.hh > 23 || t.d > 31 || t.m - 1 > 11) return null;
  return toMs(t);
}
