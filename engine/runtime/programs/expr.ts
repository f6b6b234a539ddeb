/**
 * expr (busybox coreutils/expr.c): values are integers or strings; `|` `&`, comparisons (arithmetic when both
 * sides read as integers, else byte-wise), `+ - * / %` on 64-bit integers, `STRING : REGEXP` (anchored BRE; the
 * first \( \) group or the length matched), and the keywords match, substr, index, length, quote.
 */
import { err, errRaw, out, type Applet } from './lib';
import { POSIX_BASIC, Regex, RegexError } from './regex/index';
import { wording } from './wording';

type Value = bigint | string;

class ExprError extends Error {}

/** strtol's reading of a whole string as a decimal integer (leading blanks and a sign allowed); null otherwise. */
function toInt(v: Value): bigint | null {
  if (typeof v === 'bigint') return v;
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)$/.exec(v);
  return m ? BigInt.asIntN(64, BigInt(m[1])) : null;
}

const str = (v: Value): string => (typeof v === 'bigint' ? v.toString() : v);
const isNull = (v: Value): boolean => (typeof v === 'bigint' ? v === 0n : v === '' || v === '0');

export const expr: Applet = function* (ctx) {
  const a = ctx.argv.slice(1);
  const none = a.length === 0 ? wording(ctx).noOperands('expr') : null;
  // GNU expr's usage errors exit 2, as its syntax errors do.
  if (none) { errRaw(ctx, none); return 2; }
  let i = 0;
  const fail = (msg: string): never => { throw new ExprError(msg); };
  const at = (t: string): boolean => a[i] === t;

  const colon = (sv: Value, pv: Value): Value => {
    const s = str(sv);
    const p = str(pv);
    const gnu = ctx.flavor.userland === 'gnu';
    if (p.startsWith('^')) errRaw(ctx, `expr: warning: '${p}': using '^' as the first character\nof a basic regular expression is not portable; it is ignored\n`);
    let re: Regex;
    try {
      re = new Regex(p, POSIX_BASIC);
    } catch (e) {
      if (!(e instanceof RegexError)) throw e;
      return fail(gnu ? e.message : `bad regex '${p}': ${e.message}`);
    }
    // regexec, then the match must start at the string's start (the implicit ^).
    const m = re.exec(s);
    if (!m || m[0] !== 0) return re.groups > 0 ? '' : 0n;
    return re.groups > 0 && m[2] >= 0 ? s.slice(m[2], m[3]) : BigInt(m[1]);
  };

  const primary = (): Value => {
    if (i >= a.length) fail('syntax error');
    if (at('(')) {
      i++;
      const v = orE();
      if (!at(')')) fail('syntax error');
      i++;
      return v;
    }
    if (at(')')) fail('syntax error');
    return a[i++];
  };
  const keyword = (): Value => {
    const k = a[i];
    if (!['quote', 'length', 'match', 'index', 'substr'].includes(k)) return primary();
    i++;
    if (k === 'quote') {
      if (i >= a.length) fail('syntax error');
      return a[i++];
    }
    if (k === 'length') return BigInt(str(keyword()).length);
    const l = keyword();
    if (k === 'match') return colon(l, keyword());
    if (k === 'index') {
      const s = str(l);
      const chars = str(keyword());
      const pos = [...s].findIndex((c) => chars.includes(c));
      return BigInt(pos + 1);
    }
    // substr STRING POS LEN: empty when POS or LEN is no positive integer or POS is past the end.
    const p = toInt(keyword());
    const n = toInt(keyword());
    const s = str(l);
    if (p === null || n === null || p > BigInt(s.length) || p <= 0n || n <= 0n) return '';
    return s.slice(Number(p) - 1, Number(p) - 1 + Number(n > BigInt(s.length) ? BigInt(s.length) : n));
  };
  const matchE = (): Value => {
    let l = keyword();
    while (at(':')) {
      i++;
      l = colon(l, keyword());
    }
    return l;
  };
  const arith = (l: Value, r: Value, op: string): bigint => {
    const x = toInt(l);
    const y = toInt(r);
    if (x === null || y === null) return fail(wording(ctx).exprNonInteger);
    if (op === '+') return BigInt.asIntN(64, x + y);
    if (op === '-') return BigInt.asIntN(64, x - y);
    if (op === '*') return BigInt.asIntN(64, x * y);
    if (y === 0n) return fail('division by zero');
    return BigInt.asIntN(64, op === '/' ? x / y : x % y);
  };
  const mul = (): Value => {
    let l = matchE();
    while (at('*') || at('/') || at('%')) {
      const op = a[i++];
      l = arith(l, matchE(), op);
    }
    return l;
  };
  const add = (): Value => {
    let l = mul();
    while (at('+') || at('-')) {
      const op = a[i++];
      l = arith(l, mul(), op);
    }
    return l;
  };
  const cmpE = (): Value => {
    let l = add();
    while (['<', '<=', '=', '==', '!=', '>=', '>'].includes(a[i])) {
      const op = a[i++];
      const r = add();
      const x = toInt(l);
      const y = toInt(r);
      const c = x !== null && y !== null ? (x < y ? -1 : x > y ? 1 : 0) : str(l) < str(r) ? -1 : str(l) > str(r) ? 1 : 0;
      const ok = op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '=' || op === '==' ? c === 0 : op === '!=' ? c !== 0 : op === '>' ? c > 0 : c >= 0;
      l = ok ? 1n : 0n;
    }
    return l;
  };
  const andE = (): Value => {
    let l = cmpE();
    while (at('&')) {
      i++;
      const r = cmpE();
      if (isNull(l) || isNull(r)) l = 0n;
    }
    return l;
  };
  const orE = (): Value => {
    let l = andE();
    while (at('|')) {
      i++;
      const r = andE();
      if (isNull(l)) l = r;
    }
    return l;
  };
  let v: Value;
  try {
    if (a.length === 0) fail('too few arguments');
    v = orE();
    if (i < a.length) fail('syntax error');
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    err(ctx, e.message);
    return 2;
  }
  yield* out(ctx, str(v) + '\n');
  return isNull(v) ? 1 : 0;
};
