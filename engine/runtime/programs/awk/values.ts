/**
 * awk values: numbers, strings, and "strnums" (input fields, getline and split results, -v values),
 * which compare as numbers when they look like one (busybox awk.c VF_USER, is_numeric). Numbers
 * print as integers when integral (fmt_num's %lld path) and through CONVFMT/OFMT otherwise.
 */
import { fmtExp, fmtG, pad } from '../printf';

export class StrNum { constructor(readonly s: string) {} }
export type Value = number | string | StrNum | undefined;

const NUM_PREFIX = /^[ \t\n\r\f\v]*[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)/;
const NUM_WHOLE = /^[ \t\n\r\f\v]*[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)[ \t\n\r\f\v]*$/;

/** strtod of the longest numeric prefix (0 when there is none). */
export function strToNum(s: string): number {
  const m = NUM_PREFIX.exec(s);
  return m ? Number(m[0].trim()) : 0;
}

export function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  if (v === undefined) return 0;
  return strToNum(typeof v === 'string' ? v : v.s);
}

export function fmtNum(n: number, fmt: string): string {
  if (Number.isInteger(n) && Math.abs(n) < 9.2e18) return Object.is(n, -0) ? '-0' : String(n);
  if (Number.isNaN(n)) return n < 0 ? '-nan' : 'nan';
  if (!Number.isFinite(n)) return n < 0 ? '-inf' : 'inf';
  return sprintf(fmt, [n]);
}

export function toStr(v: Value, convfmt: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return fmtNum(v, convfmt);
  return v === undefined ? '' : v.s;
}

/** Does `v` take part in a numeric comparison? */
export function isNumeric(v: Value): boolean {
  if (typeof v === 'number' || v === undefined) return true;
  return v instanceof StrNum && NUM_WHOLE.test(v.s);
}

export function truthy(v: Value): boolean {
  if (typeof v === 'number') return v !== 0;
  if (v === undefined) return false;
  if (typeof v === 'string') return v !== '';
  return NUM_WHOLE.test(v.s) ? strToNum(v.s) !== 0 : v.s !== '';
}

export function compare(a: Value, b: Value, convfmt: string): number {
  if (isNumeric(a) && isNumeric(b)) {
    const d = toNum(a) - toNum(b);
    return d < 0 ? -1 : d > 0 ? 1 : 0;
  }
  const x = toStr(a, convfmt);
  const y = toStr(b, convfmt);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** awk's sprintf: C printf conversions over awk values. */
export function sprintf(fmt: string, args: readonly Value[], convfmt = '%.6g'): string {
  let out = '';
  let ai = 0;
  const next = (): Value => args[ai++];
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%') { out += c; continue; }
    const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([hlLqjzt]*)([a-zA-Z%])?/.exec(fmt.slice(i));
    if (!m || !m[5]) { out += '%'; continue; }
    i += m[0].length - 1;
    const flags = m[1];
    const conv = m[5];
    if (conv === '%') { out += '%'; continue; }
    let width = m[2] === '*' ? Math.trunc(toNum(next())) : m[2] ? Number(m[2]) : 0;
    const prec = m[3] === undefined ? null : m[3] === '*' ? Math.trunc(toNum(next())) : Number(m[3] || '0');
    const left = flags.includes('-') || width < 0;
    width = Math.abs(width);
    const zero = flags.includes('0') && !left;
    const arg = next();
    switch (conv) {
      case 's': {
        let s = typeof arg === 'number' ? fmtNum(arg, convfmt) : toStr(arg, convfmt);
        if (prec !== null) s = s.slice(0, prec);
        out += pad(s, width, left, false);
        break;
      }
      case 'c': {
        const s = typeof arg === 'number' ? String.fromCharCode(Math.trunc(arg) & 255) : toStr(arg, convfmt).slice(0, 1);
        out += pad(s, width, left, false);
        break;
      }
      case 'd': case 'i': case 'o': case 'x': case 'X': case 'u': {
        const n = Math.trunc(toNum(arg));
        let body = conv === 'o' ? Math.abs(n).toString(8) : conv === 'x' ? Math.abs(n).toString(16) : conv === 'X' ? Math.abs(n).toString(16).toUpperCase() : String(Math.abs(n));
        if (n < 0 && conv !== 'd' && conv !== 'i') body = BigInt.asUintN(64, BigInt(n)).toString(conv === 'o' ? 8 : conv === 'u' ? 10 : 16);
        if (conv === 'X') body = body.toUpperCase();
        if (prec !== null) body = body.padStart(prec, '0');
        if (flags.includes('#') && n !== 0 && conv !== 'd' && conv !== 'i' && conv !== 'u') body = (conv === 'o' ? '0' : conv === 'x' ? '0x' : '0X') + body;
        const sign = n < 0 && (conv === 'd' || conv === 'i') ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
        out += pad(sign + body, width, left, zero && prec === null);
        break;
      }
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        const n = toNum(arg);
        const p = prec ?? 6;
        let body: string;
        if (!Number.isFinite(n)) body = Number.isNaN(n) ? 'nan' : 'inf';
        else if (conv === 'f' || conv === 'F') body = Math.abs(n).toFixed(p);
        else if (conv === 'e' || conv === 'E') body = fmtExp(Math.abs(n), p, conv === 'E');
        else body = fmtG(Math.abs(n), p, flags.includes('#'));
        if (conv === 'G') body = body.toUpperCase();
        const sign = n < 0 || Object.is(n, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
        out += pad(sign + body, width, left, zero);
        break;
      }
      default:
        out += m[0];
    }
  }
  return out;
}
