/** base64 (busybox coreutils/uudecode.c baseNUM_main) and rev (util-linux/rev.c). */
import { badOption, err, getopts, out, readInput, type Applet } from './lib';
import { utf8Bytes } from './utf8';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with '=' padding of a byte string (one char per byte). */
export function base64Encode(bytes: string): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes.charCodeAt(i) << 16) | ((bytes.charCodeAt(i + 1) || 0) << 8) | (bytes.charCodeAt(i + 2) || 0);
    const left = bytes.length - i;
    s += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + (left > 1 ? ALPHABET[(n >> 6) & 63] : '=') + (left > 2 ? ALPHABET[n & 63] : '=');
  }
  return s;
}

/** Bytes back to text: UTF-8 where the bytes are valid UTF-8, else one char per byte. */
export function bytesToText(bytes: string): string {
  if (!/[\x80-\xff]/.test(bytes)) return bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes, (c) => c.charCodeAt(0)));
  } catch {
    return bytes;
  }
}

/** Decoding skips what is no base64 character; it stops at '='. `truncated`: a group left incomplete. */
function decode(text: string): { bytes: string; truncated: boolean } {
  let bytes = '';
  let acc = 0;
  let n = 0;
  let padded = false;
  for (const c of text) {
    if (c === '=') { padded = true; break; }
    const v = ALPHABET.indexOf(c);
    if (v < 0) continue;
    acc = (acc << 6) | v;
    if (++n === 4) {
      bytes += String.fromCharCode((acc >> 16) & 255, (acc >> 8) & 255, acc & 255);
      acc = 0;
      n = 0;
    }
  }
  // A partial group counts only when '=' ends it; at the end of the input it is truncated.
  if (!padded) return { bytes, truncated: n > 0 };
  if (n === 2) bytes += String.fromCharCode((acc >> 4) & 255);
  else if (n === 3) bytes += String.fromCharCode((acc >> 10) & 255, (acc >> 2) & 255);
  return { bytes, truncated: n === 1 };
}

export const base64: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'diw:');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  if (o.rest.length > 1) return badOption(ctx, '', false);
  const wv = o.values.get('w')?.at(-1);
  if (wv !== undefined && !/^[0-9]+$/.test(wv)) { err(ctx, `invalid number '${wv}'`); return 1; }
  const col = wv === undefined ? 76 : Number(wv);
  const text = yield* readInput(ctx, o.rest[0] ?? '-', 'plain');
  if (text === null) return 1;
  if (o.flags.has('d')) {
    const r = decode(text);
    yield* out(ctx, bytesToText(r.bytes));
    if (r.truncated) { err(ctx, 'truncated input'); return 1; }
    return 0;
  }
  const enc = base64Encode(utf8Bytes(text));
  if (enc === '') return 0;
  if (col === 0) { yield* out(ctx, enc); return 0; }
  let s = '';
  for (let i = 0; i < enc.length; i += col) s += enc.slice(i, i + col) + '\n';
  yield* out(ctx, s);
  return 0;
};

export const rev: Applet = function* (ctx) {
  const files = ctx.argv.length > 1 ? ctx.argv.slice(1) : ['-'];
  let status = 0;
  for (const f of files) {
    const text = yield* readInput(ctx, f, 'plain');
    if (text === null) { status = 1; continue; }
    if (text === '') continue;
    const lines = text.split('\n');
    const last = lines.pop();
    let s = lines.map((l) => [...l].reverse().join('') + '\n').join('');
    if (last) s += [...last].reverse().join('');
    yield* out(ctx, s);
  }
  return status;
};
