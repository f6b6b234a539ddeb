/**
 * Durations as kubectl prints them (AGE, RESTARTS "(… ago)", event ages, job DURATION).
 * All inputs are milliseconds; outputs are the exact strings apimachinery's duration package makes.
 */
import { parseRfc3339 } from '../sim/time';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

// Go's int(d.Seconds()) and int(d / unit) truncate toward zero.
const whole = (ms: number, unit: number): number => Math.trunc(ms / unit);

/**
 * apimachinery `duration.HumanDuration`: ~2–3 significant figures.
 * `<invalid>` below -1 s (clock skew beyond tolerance), `0s` for -1 s … 0 s.
 * @param ms a duration in milliseconds (may be negative)
 */
// Models apimachinery pkg/util/duration HumanDuration.
export function humanDuration(ms: number): string {
  const seconds = whole(ms, SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = whole(ms, MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = whole(ms, HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${whole(hours, 24)}d` : `${whole(hours, 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${whole(hours, 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = whole(hours, 24) % 365;
    const y = whole(hours, 24 * 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${whole(hours, 24 * 365)}y`;
}

/**
 * apimachinery `duration.ShortHumanDuration`: one unit only (`59s`, `59m`, `23h`, `364d`, `1y`).
 * @param ms a duration in milliseconds (may be negative)
 */
// Models apimachinery pkg/util/duration ShortHumanDuration.
export function shortHumanDuration(ms: number): string {
  const seconds = whole(ms, SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = whole(ms, MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = whole(ms, HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${whole(hours, 24)}d`;
  return `${whole(hours, 24 * 365)}y`;
}

/**
 * printers.go `translateTimestampSince`: `<unknown>` for a missing (zero) timestamp, else the
 * HumanDuration from `timestamp` to `nowMs`.
 * @param timestamp RFC 3339 string as the API serialises metav1.Time
 * @param nowMs virtual "now", epoch milliseconds
 */
// Models printers.go translateTimestampSince.
export function translateTimestampSince(timestamp: string | undefined, nowMs: number): string {
  const t = timestamp === undefined ? Number.NaN : parseRfc3339(timestamp);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(nowMs - t);
}

/** Epoch ms of an RFC 3339 timestamp, or undefined when absent or unparsable. */
export function timeMs(timestamp: string | undefined): number | undefined {
  if (timestamp === undefined) return undefined;
  const t = parseRfc3339(timestamp);
  return Number.isNaN(t) ? undefined : t;
}
