/**
 * echo and printf, shared by the shell builtins and the applets. Models busybox coreutils/echo.c
 * (FANCY_ECHO: -n -e -E, no escapes by default) and coreutils/printf.c (format reuse, %b,
 * `invalid number` diagnostics with status 1).
 */

/** Backslash escapes as printf's format and %b (and echo -e) read them. Returns [text, stop]. */
export function unescape(s: string, echoStyle: boolean): [string, boolean] {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) { out += c; continue; }
    const n = s[++i];
    switch (n) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'e': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case 'c': return [out, true];
      case 'x': {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
        if (m) { out += String.fromCharCode(parseInt(m[0], 16)); i += m[0].length; } else out += '\\x';
        break;
      }
      default:
        if (n >= '0' && n <= '7') {
          // echo -e and %b take \0NNN; the printf format takes \NNN.
          const start = echoStyle && n === '0' ? i + 1 : i;
          const m = /^[0-7]{1,3}/.exec(s.slice(start));
          const digits = m ? m[0] : '';
          out += String.fromCharCode(digits ? parseInt(digits, 8) & 255 : 0);
          i = start + digits.length - 1;
        } else out += '\\' + n;
    }
  }
  return [out, false];
}

export function echoApplet(argv: readonly string[]): string {
  let i = 1;
  let nl = true;
  let esc = false;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a.length < 2 || a[0] !== '-' || !/^-[neE]+$/.test(a)) break;
    for (const c of a.slice(1)) {
      if (c === 'n') nl = false;
      else if (c === 'e') esc = true;
      else esc = false;
    }
  }
  let text = argv.slice(i).join(' ');
  if (esc) {
    const [t, stop] = unescape(text, true);
    if (stop) return t;
    text = t;
  }
  return nl ? text + '\n' : text;
}

/** `errorAt[i]`: how much of `out` was written when `errors[i]` was reported. */
export interface PrintfResult { out: string; errors: string[]; status: number; errorAt: number[] }

/** The result as writes in order: busybox (bb_error_msg flushes stdout first) reports where it fails. */
export function printfWrites(r: PrintfResult, interleave: boolean): [1 | 2, string][] {
  if (!interleave) return [...(r.out ? [[1, r.out] as [1, string]] : []), ...r.errors.map((e): [2, string] => [2, e + '\n'])];
  const w: [1 | 2, string][] = [];
  let at = 0;
  r.errors.forEach((e, i) => {
    if (r.out.slice(at, r.errorAt[i])) w.push([1, r.out.slice(at, r.errorAt[i])]);
    at = Math.max(at, r.errorAt[i]);
    w.push([2, e + '\n']);
  });
  if (r.out.length > at) w.push([1, r.out.slice(at)]);
  return w;
}

/** How a printf words its failures (after its prefix: `printf: `, `sh: 1: printf: ` …). */
export interface PrintfWording {
  badNumber(arg: string): string;
  /** No format: the text and status; `bare` texts are printed without the prefix (bash). */
  readonly usage: readonly [string, number, boolean?];
  badConversion(c: string): [string, number];
  /**
   * busybox's reading (coreutils/printf.c): a number that does not convert whole is 0 (`invalid number`), as is a
   * missing one; %c of a missing argument is a NUL; a bad directive is reported with the rest of the format; its
   * diagnostics go out before the buffered output.
   */
  readonly busybox?: boolean;
}

/** busybox printf (applet and ash builtin). */
export const BUSYBOX_PRINTF: PrintfWording = {
  badNumber: (a) => `invalid number '${a}'`,
  usage: ['usage: printf FORMAT [ARGUMENT...]', 2],
  badConversion: (c) => [`%${c}: invalid format`, 1],
  busybox: true,
};

/** bb_strtoll/bb_strtoull (base 0: 0x hex, 0 octal) of a whole string; null when it does not convert or overflows. */
function strtoInt(t: string, unsigned: boolean): bigint | null {
  const m = /^(-?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(t);
  if (!m || (unsigned && m[1])) return null;
  const v = BigInt(m[1] + (/^0[0-7]+$/.test(m[2]) ? '0o' + m[2].slice(1) : m[2]));
  return unsigned ? (v < 2n ** 64n ? v : null) : v >= -(2n ** 63n) && v < 2n ** 63n ? v : null;
}

/** busybox's integer argument: a quote's character code, else the whole (blank-led, +-signed) number; null if bad. */
function bbInt(arg: string, unsigned: boolean): bigint | null {
  if (arg[0] === '"' || arg[0] === "'") return BigInt(arg.length > 1 ? arg.charCodeAt(1) : 0);
  let t = arg.replace(/^[ \t\n\v\f\r]+/, '');
  if (t[0] === '+') t = t.slice(1);
  return unsigned ? strtoInt(t, true) ?? strtoInt(t, false) : strtoInt(t, false);
}

function toNumber(arg: string, errors: string[], prog: string, w: PrintfWording = BUSYBOX_PRINTF): number {
  if (arg === '') return 0;
  if (arg[0] === '"' || arg[0] === "'") return arg.length > 1 ? arg.charCodeAt(1) : 0;
  const t = arg.trim();
  let n: number;
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(t)) n = parseInt(t, 16);
  else if (/^[-+]?0[0-7]+$/.test(t)) n = parseInt(t, 8);
  else if (/^[-+]?[0-9]+$/.test(t)) n = parseInt(t, 10);
  else {
    const m = /^[-+]?[0-9]+/.exec(t);
    errors.push(`${prog}${w.badNumber(arg)}`);
    return m ? parseInt(m[0], 10) : 0;
  }
  return n;
}

function toFloat(arg: string, errors: string[], prog: string, w: PrintfWording): number {
  if (arg === '') return 0;
  const n = Number(arg.trim());
  if (Number.isNaN(n)) {
    errors.push(`${prog}${w.badNumber(arg)}`);
    const m = /^[-+]?[0-9]*\.?[0-9]+/.exec(arg.trim());
    return m ? Number(m[0]) : 0;
  }
  return n;
}

/** strtod of the whole argument (leading blanks allowed, a quote gives its character's code); else 0, reported. */
function bbFloat(arg: string, errors: string[], prog: string, w: PrintfWording): number {
  if (arg[0] === '"' || arg[0] === "'") return arg.length > 1 ? arg.charCodeAt(1) : 0;
  const t = arg.replace(/^[ \t\n\v\f\r]+/, '');
  if (t === '') return 0;
  if (/^[-+]?(inf(inity)?|nan)$/i.test(t)) return t.includes('-') ? (/nan/i.test(t) ? NaN : -Infinity) : /nan/i.test(t) ? NaN : Infinity;
  if (/^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(t) || /^[-+]?0[xX][0-9a-fA-F]+$/.test(t)) return Number(t.replace(/^\+/, ''));
  errors.push(`${prog}${w.badNumber(arg)}`);
  return 0;
}

export function pad(s: string, width: number, left: boolean, zero: boolean): string {
  if (s.length >= width) return s;
  if (left) return s + ' '.repeat(width - s.length);
  if (zero) {
    const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
    return sign + '0'.repeat(width - s.length) + s.slice(sign.length);
  }
  return ' '.repeat(width - s.length) + s;
}

/**
 * `%.<p>f` as glibc prints it: the exact binary value, correctly rounded, with an exact tie rounded to
 * even (glibc honours the current rounding mode). JS toFixed breaks ties upward (2.25 → 2.3, glibc 2.2).
 */
export function toFixedHalfEven(x: number, p: number): string {
  const s = x.toFixed(p);
  if (!Number.isFinite(x) || p > 70) return s;
  // A double's decimal expansion is finite: enough digits past p show whether the value is exactly a tie.
  const exact = x.toFixed(Math.min(100, p + 30));
  const cut = exact.indexOf('.') + p + 1;
  if (!/^50*$/.test(exact.slice(p === 0 ? exact.indexOf('.') + 1 : cut))) return s;
  const kept = p === 0 ? exact.slice(0, exact.indexOf('.')) : exact.slice(0, cut);
  const lastDigit = Number(kept[kept.length - 1]);
  // toFixed rounded up; an even last kept digit means glibc rounds down instead.
  return lastDigit % 2 === 0 ? kept : s;
}

export function fmtExp(n: number, prec: number, upper: boolean): string {
  let s = n.toExponential(prec);
  s = s.replace(/e([+-])(\d)$/, 'e$10$2');
  return upper ? s.toUpperCase() : s;
}

export function fmtG(n: number, prec: number, alt: boolean): string {
  const p = prec === 0 ? 1 : prec;
  if (n === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  let s: string;
  if (exp < -4 || exp >= p) s = fmtExp(n, p - 1, false);
  else s = toFixedHalfEven(n, Math.max(0, p - 1 - exp));
  if (!alt && s.includes('.')) s = s.replace(/\.?0+(e|$)/, '$1');
  return s;
}

/** A C integer conversion of a 64-bit value (%u %o %x %X read it unsigned). */
function formatInt(v: bigint, conv: string, flags: string, width: number, left: boolean, zero: boolean, prec: number | null): string {
  const n = 'di'.includes(conv) ? BigInt.asIntN(64, v) : BigInt.asUintN(64, v);
  const abs = n < 0n ? -n : n;
  let body = abs.toString(conv === 'o' ? 8 : conv === 'x' || conv === 'X' ? 16 : 10);
  if (conv === 'X') body = body.toUpperCase();
  if (prec !== null) body = prec === 0 && abs === 0n ? '' : body.padStart(prec, '0');
  if (flags.includes('#') && n !== 0n) body = (conv === 'o' ? (body.startsWith('0') ? '' : '0') : conv === 'x' ? '0x' : conv === 'X' ? '0X' : '') + body;
  const sign = n < 0n ? '-' : 'di'.includes(conv) && flags.includes('+') ? '+' : 'di'.includes(conv) && flags.includes(' ') ? ' ' : '';
  return pad(sign + body, width, left, zero && prec === null);
}

/** Run printf FORMAT ARGS… and return output, diagnostics (each after `prefix`) and status. */
export function printfText(args: readonly string[], prefix: string, w: PrintfWording = BUSYBOX_PRINTF): PrintfResult {
  const prog = prefix;
  const errors: string[] = [];
  const errorAt: number[] = [];
  // busybox's bad `*` width or precision is reported but leaves the status alone.
  let soft = 0;
  // Each directive's diagnostics come before its own output.
  let mark = 0;
  const sync = (): void => { while (errorAt.length < errors.length) errorAt.push(mark); };
  const status = (): number => (errors.length > soft ? 1 : 0);
  if (args.length === 0) return { out: '', errors: [`${w.usage[2] ? '' : prefix}${w.usage[0]}`], status: w.usage[1], errorAt: [0] };
  const fmt = args[0];
  const rest = args.slice(1);
  let out = '';
  let ai = 0;
  const next = (): string | undefined => (ai < rest.length ? rest[ai++] : undefined);
  for (;;) {
    const startAi = ai;
    for (let i = 0; i < fmt.length; i++) {
      sync();
      mark = out.length;
      const c = fmt[i];
      if (c === '\\') {
        const m = /^\\(?:[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/s.exec(fmt.slice(i));
        const [t, stop] = unescape(m ? m[0] : '\\', false);
        if (stop) return (sync(), { out: out + t, errors, status: status(), errorAt });
        out += t;
        i += (m ? m[0].length : 1) - 1;
        continue;
      }
      if (c !== '%') { out += c; continue; }
      const m = /^%([-+ #0]*)(\*|[0-9]+)?(?:\.(\*|[0-9]*))?([hlLqjzt]*)([a-zA-Z%])?/.exec(fmt.slice(i));
      if ((!m || !m[5]) && w.busybox) {
        errors.push(`${prog}${fmt.slice(i).replace(/^(%[-+ #0]*(?:\*|[0-9]+)?(?:\.(?:\*|[0-9]*))?)[lLhz]*/, '$1')}: invalid format`);
        return (sync(), { out, errors, status: 1, errorAt });
      }
      if (!m || !m[5]) { out += '%'; continue; }
      i += m[0].length - 1;
      const flags = m[1];
      const conv = m[5];
      if (conv === '%') { out += '%'; continue; }
      const bb = w.busybox === true;
      if (bb && (!'diouxXfeEgGcsb'.includes(conv) || (conv === 'b' && m[0] !== '%b'))) {
        // busybox names the directive with the rest of the format (its l/L/h/z modifiers dropped).
        const st = i - m[0].length + 1;
        errors.push(`${prog}${fmt.slice(st, i - m[4].length)}${fmt.slice(i)}: invalid format`);
        return (sync(), { out, errors, status: 1, errorAt });
      }
      const starArg = (): number => {
        const a = next();
        if (!bb) return toNumber(a ?? '', errors, prog, w);
        if (a === undefined) return 0;
        const v = /^[ \t\n\v\f\r]*[-+]?[0-9]+$/.test(a) ? Number(a.trim()) : NaN;
        if (Number.isNaN(v) || Math.abs(v) > 2 ** 31) { errors.push(`${prog}${w.badNumber(a)}`); soft++; return 0; }
        return v;
      };
      let width = 0;
      if (m[2] === '*') width = starArg();
      else if (m[2]) width = Number(m[2]);
      let prec: number | null = null;
      if (m[3] !== undefined) prec = m[3] === '*' ? starArg() : Number(m[3] || '0');
      const left = flags.includes('-') || width < 0;
      width = Math.abs(width);
      const zero = flags.includes('0') && !left;
      const arg = next();
      let s: string;
      switch (conv) {
        case 's': s = arg ?? ''; if (prec !== null) s = s.slice(0, prec); out += pad(s, width, left, false); break;
        case 'b': {
          const [t, stop] = unescape(arg ?? '', true);
          out += pad(prec !== null ? t.slice(0, prec) : t, width, left, false);
          if (stop) return (sync(), { out, errors, status: status(), errorAt });
          break;
        }
        case 'c': out += pad(bb && !arg ? '\0' : (arg ?? '').slice(0, 1), width, left, false); break;
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
          if (bb) {
            let v = bbInt(arg ?? '', !'di'.includes(conv));
            if (v === null) { errors.push(`${prog}${w.badNumber(arg ?? '')}`); v = 0n; }
            out += formatInt(v, conv, flags, width, left, zero, prec);
            break;
          }
          let n = Math.trunc(toNumber(arg ?? '', errors, prog, w));
          if (conv === 'u' && n < 0) n = Number(BigInt.asUintN(64, BigInt(n)));
          let body = conv === 'o' ? Math.abs(n).toString(8) : conv === 'x' ? Math.abs(n).toString(16) : conv === 'X' ? Math.abs(n).toString(16).toUpperCase() : String(Math.abs(n));
          if ((conv === 'x' || conv === 'X' || conv === 'o') && n < 0) body = BigInt.asUintN(64, BigInt(n)).toString(conv === 'o' ? 8 : 16);
          if (conv === 'X') body = body.toUpperCase();
          if (prec !== null) body = body.padStart(prec, '0');
          if (flags.includes('#') && n !== 0) body = (conv === 'o' ? '0' : conv === 'x' ? '0x' : conv === 'X' ? '0X' : '') + body;
          const sign = n < 0 && (conv === 'd' || conv === 'i') ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
          out += pad(sign + body, width, left, zero && prec === null);
          break;
        }
        case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
          const n = bb ? bbFloat(arg ?? '', errors, prog, w) : toFloat(arg ?? '', errors, prog, w);
          const p = prec ?? 6;
          let body = conv === 'f' || conv === 'F' ? toFixedHalfEven(Math.abs(n), p) : conv === 'e' || conv === 'E' ? fmtExp(Math.abs(n), p, conv === 'E') : fmtG(Math.abs(n), p, flags.includes('#'));
          if (conv === 'G') body = body.toUpperCase();
          const sign = n < 0 || Object.is(n, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
          out += pad(sign + body, width, left, zero);
          break;
        }
        default: {
          const [text, status] = w.badConversion(conv);
          errors.push(`${prog}${text}`);
          return (sync(), { out, errors, status, errorAt });
        }
      }
    }
    if (ai >= rest.length || ai === startAi) break;
  }
  return (sync(), { out, errors, status: status(), errorAt });
}
