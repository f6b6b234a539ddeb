/**
 * Durations as scenario files and `--at` write them: a bare number is seconds (`90`), otherwise
 * Go's `time.ParseDuration` syntax (`90s`, `2m`, `1m30s`, `1h`, `500ms`, `1.5s`), which kubectl
 * users already know from flags such as `--timeout`.
 */

// Go's unit table (time.ParseDuration), in milliseconds. Both spellings of micro are accepted, as Go does.
const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Longest accepted text; a duration is never longer, and the cap keeps the scan trivially bounded. */
const MAX_TEXT = 64;
/** Largest duration accepted: about 290 years, Go's int64-nanosecond limit, so absurd values are refused. */
const MAX_MS = 9_223_372_036_854;

const SEGMENT = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;

/**
 * Parses a duration into whole milliseconds (rounded to the nearest millisecond).
 *
 * @param text seconds as a number (`90`, `1.5`), or a string: `"90"` (seconds), `"90s"`, `"2m"`,
 *   `"1m30s"`, `"1h"`, `"500ms"`, `"1.5s"`; an optional leading `+`. Whitespace around it is ignored.
 * @returns the duration in ms (an integer ≥ 0), or null when the text is not a duration or is
 *   negative, NaN, infinite or longer than Go's maximum. Never throws.
 */
export function parseDuration(text: string | number): number | null {
  if (typeof text === 'number') return fromSeconds(text);
  if (typeof text !== 'string') return null;
  let s = text.trim();
  if (s.length === 0 || s.length > MAX_TEXT) return null;
  if (s.startsWith('+')) s = s.slice(1);
  // A bare number is seconds (DESIGN.md), Go itself only accepts a bare "0".
  if (/^(\d+\.?\d*|\.\d+)$/.test(s)) return fromSeconds(Number(s));
  let total = 0;
  let rest = s;
  while (rest.length > 0) {
    const m = SEGMENT.exec(rest);
    if (!m) return null;
    total += Number(m[1]) * (UNIT_MS[m[2] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return clamp(total);
}

function fromSeconds(seconds: number): number | null {
  if (!Number.isFinite(seconds) || seconds < 0) return null;
  return clamp(seconds * 1000);
}

function clamp(ms: number): number | null {
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_MS) return null;
  return Math.round(ms);
}
