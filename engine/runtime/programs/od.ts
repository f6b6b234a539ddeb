/**
 * od as busybox 1.36 builds it with CONFIG_DESKTOP (coreutils/od_bloaty.c, the GNU-style od): formats from
 * -t TYPE (d o u x with sizes C S I L or 1 2 4 8, f with F D L or 4 8 16, a, c, and the `z` trailer) and the
 * short forms -a -b -c -d -f -h -i -l -o -x -s (applied in that fixed order, the -t list between -o and -x),
 * -A d|o|x|n, -N SIZE, -j SKIP (b k m suffixes), -v, -w[N], -S N (strings); identical full blocks after the
 * first print as one `*`; the last partial block is padded with zero bytes to the formats' common size.
 * Bytes are the UTF-8 bytes of the files' text, little-endian as on x86-64. Long doubles (fL, f16) print
 * from the 80-bit value converted to a double, so only their first 15 or so digits are exact.
 */
import { err, errRaw, openDevice, out, prog, readInput, type Applet, type G } from './lib';
import { readOf } from '../shell/sys';
import { utf8Bytes } from './utf8';
import type { Ctx } from '../shell/sys';

interface Spec { size: number; print: (b: Uint8Array, at: number) => string; width: number; trailer: boolean }

class Die extends Error {}

const SIGNED_DIGITS = [1, 4, 6, 8, 11, 13, 16, 18, 20];
const OCT_DIGITS = [0, 3, 6, 8, 11, 14, 16, 19, 22];
const UNSIGNED_DIGITS = [0, 3, 5, 8, 10, 13, 15, 17, 20];
const NAMES = ['nul', 'soh', 'stx', 'etx', 'eot', 'enq', 'ack', 'bel', 'bs', 'ht', 'nl', 'vt', 'ff', 'cr', 'so', 'si',
  'dle', 'dc1', 'dc2', 'dc3', 'dc4', 'nak', 'syn', 'etb', 'can', 'em', 'sub', 'esc', 'fs', 'gs', 'rs', 'us', 'sp'];
const ESCAPES: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };

function uint(b: Uint8Array, at: number, size: number): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[at + i]);
  return v;
}

/** C's %e: mantissa with `prec` digits, exponent of at least two digits. */
function expo(v: number, prec: number): string {
  if (Number.isNaN(v)) return v < 0 ? '-nan' : 'nan';
  if (!Number.isFinite(v)) return v < 0 ? '-inf' : 'inf';
  const s = (Object.is(v, -0) ? '-' : '') + v.toExponential(prec);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function float(b: Uint8Array, at: number, size: number): number {
  const dv = new DataView(b.buffer, b.byteOffset + at, size);
  if (size === 4) return dv.getFloat32(0, true);
  if (size === 8) return dv.getFloat64(0, true);
  // x87 80-bit extended: 64-bit mantissa with explicit integer bit, 15-bit exponent, sign.
  const mant = dv.getBigUint64(0, true);
  const se = dv.getUint16(8, true);
  const sign = se & 0x8000 ? -1 : 1;
  const exp = se & 0x7fff;
  if (exp === 0x7fff) return (mant << 1n) === 0n ? sign * Infinity : NaN;
  return sign * Number(mant) * 2 ** (exp - 16383 - 63);
}

function intSpec(c: string, size: number): Spec['print'] {
  const w = (c === 'd' ? SIGNED_DIGITS : c === 'u' ? UNSIGNED_DIGITS : c === 'o' ? OCT_DIGITS : [0, 2, 4, 6, 8, 10, 12, 14, 16])[size];
  return (b, at) => {
    let v = uint(b, at, size);
    if (c === 'd' && v >> BigInt(size * 8 - 1)) v -= 1n << BigInt(size * 8);
    const s = c === 'o' ? v.toString(8) : c === 'x' ? v.toString(16) : v.toString();
    return ' ' + s.padStart(w, c === 'o' || c === 'x' ? '0' : ' ');
  };
}

/** bb_strtou of the size digits: a letter or digit right after the number makes it out of range. */
function sizeDigits(s: string, i: number): { size: number; next: number } {
  let j = i;
  while (j < s.length && /[0-9]/.test(s[j])) j++;
  if (j < s.length && /[A-Za-z0-9]/.test(s[j])) return { size: 4294967295, next: j };
  const d = s.slice(i, j);
  const n = /^0x/i.test(d) ? Number.parseInt(d, 16) : d.length > 1 && d[0] === '0' ? Number.parseInt(d, 8) : Number(d);
  return { size: n, next: j };
}

function decodeFormats(arg: string, specs: Spec[]): void {
  let i = 0;
  while (i < arg.length) {
    const c = arg[i++];
    let spec: Spec;
    if ('doux'.includes(c)) {
      let size = 4;
      const k = 'CSIL'.indexOf(arg[i] ?? '');
      if (i < arg.length && k >= 0) { size = [1, 2, 4, 8][k]; i++; } else if (/[0-9]/.test(arg[i] ?? '')) {
        const r = sizeDigits(arg, i);
        if (![1, 2, 4, 8].includes(r.size)) throw new Die(`invalid type string '${arg}'; ${r.size}-byte integral type is not supported`);
        size = r.size;
        i = r.next;
      }
      spec = { size, print: intSpec(c, size), width: (c === 'd' ? SIGNED_DIGITS : c === 'u' ? UNSIGNED_DIGITS : c === 'o' ? OCT_DIGITS : [0, 2, 4, 6, 8, 10, 12, 14, 16])[size], trailer: false };
    } else if (c === 'f') {
      let size = 8;
      const k = 'FDL'.indexOf(arg[i] ?? '');
      if (i < arg.length && k >= 0) { size = [4, 8, 16][k]; i++; } else if (/[0-9]/.test(arg[i] ?? '')) {
        const r = sizeDigits(arg, i);
        if (![4, 8, 16].includes(r.size)) throw new Die(`invalid type string '${arg}'; ${r.size}-byte floating point type is not supported`);
        size = r.size;
        i = r.next;
      }
      const [w, p] = size === 4 ? [15, 7] : size === 8 ? [23, 15] : [26, 18];
      spec = { size, print: (b, at) => ' ' + expo(float(b, at, size), p).padStart(w), width: w, trailer: false };
    } else if (c === 'a') {
      spec = { size: 1, width: 3, trailer: false, print: (b, at) => {
        const m = b[at] & 0x7f;
        return m === 0x7f ? ' del' : m > 32 ? '   ' + String.fromCharCode(m) : ' ' + NAMES[m].padStart(3);
      } };
    } else if (c === 'c') {
      spec = { size: 1, width: 3, trailer: false, print: (b, at) => {
        const v = b[at];
        if (v >= 32 && v < 0x7f) return '   ' + String.fromCharCode(v);
        return ' ' + (ESCAPES[v] ?? v.toString(8).padStart(3, '0')).padStart(3);
      } };
    } else {
      throw new Die(`invalid character '${c}' in type string '${arg}'`);
    }
    if (arg[i] === 'z') { spec.trailer = true; i++; }
    specs.push(spec);
  }
}

/** xstrtoull_sfx with base 0 and busybox's b/k/m suffixes. */
function sizeArg(s: string): number {
  const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)(b|k|m)?$/.exec(s);
  if (!m) throw new Die(`invalid number '${s}'`);
  const n = m[1].length > 1 && m[1][0] === '0' ? (/x/i.test(m[1]) ? Number.parseInt(m[1], 16) : Number.parseInt(m[1], 8)) : Number(m[1]);
  return n * (m[2] === 'b' ? 512 : m[2] === 'k' ? 1024 : m[2] === 'm' ? 1048576 : 1);
}

const LONG: Record<string, [string, 'req' | 'opt' | 'none']> = {
  'skip-bytes': ['j', 'req'], 'address-radix': ['A', 'req'], 'read-bytes': ['N', 'req'], format: ['t', 'req'],
  'output-duplicates': ['v', 'none'], strings: ['S', 'opt'], width: ['w', 'opt'],
};

interface OdOpts { flags: Set<string>; vals: Map<string, string[]>; files: string[] }

/** getopt_long over "A:N:abcdfhij:lot:*vxsS:w::" (-w's value only attached); options and files may mix. */
function parseArgs(argv: readonly string[]): OdOpts | string {
  const o: OdOpts = { flags: new Set(), vals: new Map(), files: [] };
  const put = (c: string, v?: string) => {
    o.flags.add(c);
    if (v !== undefined) o.vals.set(c, [...(o.vals.get(c) ?? []), v]);
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { o.files.push(...argv.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const hits = Object.keys(LONG).filter((k) => k.startsWith(name));
      const hit = hits.length === 1 ? hits[0] : hits.find((k) => k === name);
      if (!hit) return `unrecognized option '${a}'`;
      const [c, kind] = LONG[hit];
      if (kind === 'none') { if (eq >= 0) return `option '--${hit}' doesn't allow an argument`; put(c); continue; }
      if (eq >= 0) { put(c, a.slice(eq + 1)); continue; }
      if (kind === 'opt') { put(c); continue; }
      if (i + 1 >= argv.length) return `option '--${hit}' requires an argument`;
      put(c, argv[++i]);
      continue;
    }
    if (a[0] !== '-' || a.length < 2) { o.files.push(a); continue; }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (!'ANabcdfhijlotvxsSw'.includes(c)) return `invalid option -- '${c}'`;
      if (c === 'w') { put(c, j + 1 < a.length ? a.slice(j + 1) : undefined); break; }
      if ('ANjtS'.includes(c)) {
        const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (v === undefined) return `option requires an argument -- '${c}'`;
        put(c, v);
        break;
      }
      put(c);
    }
  }
  return o;
}

export const od: Applet = function* (ctx) {
  const o = parseArgs(ctx.argv);
  if (typeof o === 'string') { errRaw(ctx, `${prog(ctx)}: ${o}\n`); return 1; }
  try {
    return yield* run(ctx, o);
  } catch (e) {
    if (!(e instanceof Die)) throw e;
    err(ctx, e.message);
    return 1;
  }
};

function* run(ctx: Ctx, o: OdOpts) {
  const val = (c: string) => o.vals.get(c)?.at(-1);
  let radix = 'o';
  let pad = 7;
  const A = val('A');
  if (A !== undefined) {
    const k = 'doxn'.indexOf(A[0] ?? '\0');
    if (k < 0 || A === '') throw new Die(`bad output address radix '${A[0] ?? ''}' (must be [doxn])`);
    radix = 'doxn'[k];
    pad = k === 2 ? 6 : k === 3 ? 0 : 7;
  }
  const N = val('N');
  const limit = N !== undefined ? sizeArg(N) : null;
  const specs: Spec[] = [];
  const short: Record<string, string> = { a: 'a', b: 'oC', c: 'c', d: 'u2', f: 'fF', h: 'x2', i: 'd2' };
  for (const c of 'abcdfhi') if (o.flags.has(c)) decodeFormats(short[c], specs);
  const J = val('j');
  const skip = J !== undefined ? sizeArg(J) : 0;
  if (o.flags.has('l')) decodeFormats('d4', specs);
  if (o.flags.has('o')) decodeFormats('o2', specs);
  for (const t of o.vals.get('t') ?? []) decodeFormats(t, specs);
  if (o.flags.has('x')) decodeFormats('x2', specs);
  if (o.flags.has('s')) decodeFormats('d2', specs);
  const S = o.flags.has('S') ? sizeArg(val('S') ?? '3') : null;
  if (specs.length === 0) decodeFormats('o2', specs);

  // The files' bytes, concatenated; one that cannot be opened is reported and skipped. Streams (stdin,
  // devices) are read only as far as -j and -N need (od -N 8 /dev/urandom ends).
  const need = limit === null ? Infinity : skip + limit;
  let bytes = '';
  let opened = false;
  let status = 0;
  for (const f of o.files.length ? o.files : ['-']) {
    if (bytes.length >= need) break;
    const t = yield* readUpTo(ctx, f, need - bytes.length);
    if (t === null) { status = 1; continue; }
    opened = true;
    bytes += t;
  }
  const all = Uint8Array.from(bytes, (c) => c.charCodeAt(0));
  if (skip > all.length) throw new Die("can't skip past end of combined input");
  if (!opened) return 1;
  const end = limit === null ? all.length : Math.min(all.length, skip + limit);
  const addr = (n: number) => (radix === 'n' ? '' : n.toString(radix === 'd' ? 10 : radix === 'x' ? 16 : 8).padStart(pad, '0'));

  if (S !== null) {
    yield* out(ctx, strings(all, skip, end, S, (n) => (radix === 'n' ? '' : addr(n) + ' ')));
    return status;
  }

  const lcm = specs.reduce((l, s) => (l * s.size) / gcd(l, s.size), 1);
  let bpb: number;
  if (o.flags.has('w')) {
    const w = val('w');
    bpb = w === undefined ? 32 : widthArg(w);
    if (bpb === 0 || bpb % lcm !== 0) {
      err(ctx, `warning: invalid width ${bpb}; using ${lcm} instead`);
      bpb = lcm;
    }
  } else {
    bpb = lcm < 16 ? lcm * (16 / lcm) : lcm;
  }

  const lines: string[] = [];
  let prev: Uint8Array | null = null;
  let starred = false;
  const block = (at: number, b: Uint8Array) => {
    if (!o.flags.has('v') && prev && b.length === bpb && prev.every((v, i) => v === b[i])) {
      if (!starred) { lines.push('*\n'); starred = true; }
      return;
    }
    prev = b;
    starred = false;
    for (const [k, s] of specs.entries()) {
      let line = k === 0 ? addr(at) : ' '.repeat(pad);
      for (let i = 0; i + s.size <= b.length; i += s.size) line += s.print(b, i);
      if (s.trailer) {
        line += ' '.repeat(Math.floor((bpb - b.length) / s.size) * (s.width + 1)) + '  >';
        for (const v of b) line += v >= 32 && v < 0x7f ? String.fromCharCode(v) : '.';
        line += '<';
      }
      lines.push(line + '\n');
    }
  };
  let at = skip;
  for (; at + bpb <= end; at += bpb) block(at, all.subarray(at, at + bpb));
  if (at < end) {
    const n = end - at;
    const b = new Uint8Array(Math.ceil(n / lcm) * lcm);
    b.set(all.subarray(at, end));
    block(at, b);
    at = end;
  }
  if (radix !== 'n') lines.push(addr(at) + '\n');
  const e = yield* out(ctx, lines.join(''));
  return e ? 1 : status;
}

/** The UTF-8 bytes of operand `f`, from a stream only up to `need` of them; null when it cannot be opened (reported). */
function* readUpTo(ctx: Ctx, f: string, need: number): G<string | null> {
  const of = f === '-' ? ctx.p.fds[0] : openDevice(ctx, f);
  if (!of) {
    if (f === '-') return '';
    const t = yield* readInput(ctx, f, 'plain');
    return t === null ? null : utf8Bytes(t);
  }
  let s = '';
  try {
    while (s.length < need) {
      const chunk = yield* readOf(ctx.k, of);
      if (chunk === null) break;
      s += utf8Bytes(chunk);
      ctx.k.hold(s.length, false);
    }
  } finally {
    if (f !== '-') ctx.k.closeOf(of);
  }
  return s;
}

function widthArg(w: string): number {
  if (!/^[0-9]+$/.test(w)) throw new Die(`invalid number '${w}'`);
  return Number(w);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** -S: NUL-terminated runs of at least `min` printable ASCII bytes (a string still open at the end is not one). */
function strings(b: Uint8Array, from: number, end: number, min: number, addr: (n: number) => string): string {
  let s = '';
  let start = from;
  for (let i = from; i < end; i++) {
    const c = b[i];
    if (c === 0) {
      if (i - start >= min) {
        s += addr(start) + Array.from(b.subarray(start, i), (v) => String.fromCharCode(v)).join('') + '\n';
      }
      start = i + 1;
    } else if (!(c >= 32 && c < 0x7f)) {
      start = i + 1;
    }
  }
  return s;
}
