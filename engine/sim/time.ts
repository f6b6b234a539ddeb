/**
 * Wall-clock strings for virtual time, without `Date` (the engine never reads the real clock).
 * Virtual time 0 is the scenario's start instant, `epochMs` after 1970-01-01T00:00:00Z.
 */

/** Default start instant: Mon, 01 Jan 2024 10:00:00 +0000, as in k8s-semantics.md's describe sample. */
export const DEFAULT_EPOCH_MS = 1_704_103_200_000;

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

interface Civil { y: number; m: number; d: number; hh: number; mm: number; ss: number; ms: number; weekday: number }

// Days-from-civil inverse (Howard Hinnant's public-domain algorithm, re-derived here).
function civilFromDays(z: number): { y: number; m: number; d: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12, day may run past the month's end). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civil(epochMs: number): Civil {
  const days = Math.floor(epochMs / DAY_MS);
  const rest = epochMs - days * DAY_MS;
  const { y, m, d } = civilFromDays(days);
  return {
    y, m, d,
    hh: Math.floor(rest / 3_600_000),
    mm: Math.floor((rest % 3_600_000) / 60_000),
    ss: Math.floor((rest % 60_000) / 1000),
    ms: rest % 1000,
    weekday: ((days % 7) + 11) % 7, // 1970-01-01 was a Thursday
  };
}

const p2 = (n: number): string => String(n).padStart(2, '0');

/*
 * The kubelet renders and printers re-parse the same few timestamps thousands of times in a run (every
 * status post of every pod). Both functions are pure, so small memo tables are safe; they are bounded
 * and simply start over when full.
 */
const MEMO_LIMIT = 4096;
const renderedSeconds = new Map<number, string>();
const parsedStamps = new Map<string, number>();

/** RFC 3339 as the API server writes metav1.Time: `2024-01-01T10:00:05Z` (second precision). */
export function rfc3339(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  let text = renderedSeconds.get(second);
  if (text === undefined) {
    const c = civil(second * 1000);
    text = `${c.y}-${p2(c.m)}-${p2(c.d)}T${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)}Z`;
    if (renderedSeconds.size >= MEMO_LIMIT) renderedSeconds.clear();
    renderedSeconds.set(second, text);
  }
  return text;
}

/** Parses what `rfc3339` writes (and fractional seconds); NaN when it is not that shape. */
export function parseRfc3339(s: string): number {
  let t = parsedStamps.get(s);
  if (t === undefined) {
    t = parseUncached(s);
    if (parsedStamps.size >= MEMO_LIMIT) parsedStamps.clear();
    parsedStamps.set(s, t);
  }
  return t;
}

function parseUncached(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/.exec(s);
  if (!m) return Number.NaN;
  const frac = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return daysFromCivil(+m[1], +m[2], +m[3]) * DAY_MS + (+m[4]) * 3_600_000 + (+m[5]) * 60_000 + (+m[6]) * 1000 + frac;
}

/** `kubectl describe`'s time format (Go's time.RFC1123Z): `Mon, 01 Jan 2024 10:00:05 +0000`. */
export function rfc1123z(epochMs: number): string {
  const c = civil(epochMs);
  return `${WEEKDAYS[c.weekday]}, ${p2(c.d)} ${MONTHS[c.m - 1]} ${c.y} ${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)} +0000`;
}

/** busybox `date`'s default format: `Mon Jan  1 10:00:05 UTC 2024`. */
export function busyboxDate(epochMs: number): string {
  const c = civil(epochMs);
  return `${WEEKDAYS[c.weekday]} ${MONTHS[c.m - 1]} ${String(c.d).padStart(2, ' ')} ${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)} UTC ${c.y}`;
}

/** Broken-down UTC time, for applets that format dates themselves (`date +%s`, `ls -l`). */
export function utcParts(epochMs: number): Readonly<Civil> {
  return civil(epochMs);
}
