/**
 * MD5 (RFC 1321), SHA-1 and SHA-256 (FIPS 180-4, 32-bit words) and SHA-512 (64-bit words as BigInt) over a
 * byte string (one char per byte). Pure functions: the engine has no crypto module.
 */

function toWords(bytes: string, bigEndian: boolean, blockBytes: number): { words: number[]; bits: number } {
  const len = bytes.length;
  const lenField = blockBytes === 128 ? 16 : 8;
  const total = Math.ceil((len + 1 + lenField) / blockBytes) * blockBytes;
  const buf = new Uint8Array(total);
  for (let i = 0; i < len; i++) buf[i] = bytes.charCodeAt(i) & 255;
  buf[len] = 0x80;
  const bits = len * 8;
  // Lengths here stay below 2^53 bits; the top bytes of the length field stay zero.
  for (let i = 0; i < 8; i++) {
    const b = Math.floor(bits / 2 ** (8 * i)) & 255;
    if (bigEndian) buf[total - 1 - i] = b; else buf[total - lenField + i] = b;
  }
  const words: number[] = [];
  for (let i = 0; i < total; i += 4) {
    words.push(bigEndian ? ((buf[i] << 24) | (buf[i + 1] << 16) | (buf[i + 2] << 8) | buf[i + 3]) >>> 0
      : (buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24)) >>> 0);
  }
  return { words, bits };
}

const hex32 = (n: number, le: boolean): string => {
  if (!le) return (n >>> 0).toString(16).padStart(8, '0');
  let s = '';
  for (let i = 0; i < 4; i++) s += ((n >>> (8 * i)) & 255).toString(16).padStart(2, '0');
  return s;
};
const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

const MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

export function md5(bytes: string): string {
  const { words } = toWords(bytes, false, 64);
  let a0 = 0x67452301, b0 = 0xefcdab89, c0 = 0x98badcfe, d0 = 0x10325476;
  for (let blk = 0; blk < words.length; blk += 16) {
    let a = a0, b = b0, c = c0, d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number, g: number;
      if (i < 16) { f = (b & c) | (~b & d); g = i; } else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; } else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; } else { f = c ^ (b | ~d); g = (7 * i) % 16; }
      const t = d;
      d = c;
      c = b;
      b = (b + rotl((a + f + MD5_K[i] + words[blk + g]) | 0, MD5_S[(i >> 4) * 4 + (i % 4)])) | 0;
      a = t;
    }
    a0 = (a0 + a) | 0; b0 = (b0 + b) | 0; c0 = (c0 + c) | 0; d0 = (d0 + d) | 0;
  }
  return [a0, b0, c0, d0].map((n) => hex32(n, true)).join('');
}

export function sha1(bytes: string): string {
  const { words } = toWords(bytes, true, 64);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Array<number>(80);
  for (let blk = 0; blk < words.length; blk += 16) {
    for (let i = 0; i < 80; i++) w[i] = i < 16 ? words[blk + i] : rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    let [a, b, c, d, e] = h;
    for (let i = 0; i < 80; i++) {
      const f = i < 20 ? (b & c) | (~b & d) : i < 40 ? b ^ c ^ d : i < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
      const k = i < 20 ? 0x5a827999 : i < 40 ? 0x6ed9eba1 : i < 60 ? 0x8f1bbcdc : 0xca62c1d6;
      const t = (rotl(a, 5) + f + e + k + w[i]) | 0;
      e = d; d = c; c = rotl(b, 30); b = a; a = t;
    }
    h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0; h[4] = (h[4] + e) | 0;
  }
  return h.map((n) => hex32(n, false)).join('');
}

/** The first `n` primes' fractional roots (`root` 2: square, 3: cube) as `bits`-bit constants. */
function primeRoots(n: number, root: number, bits: 32 | 64): bigint[] {
  const primes: number[] = [];
  for (let c = 2; primes.length < n; c++) if (primes.every((p) => c % p !== 0)) primes.push(c);
  // floor(root(p) * 2^bits): Newton's method on BigInt from above, which decreases to the integer root.
  return primes.map((p) => {
    const target = BigInt(p) << BigInt(bits * root);
    let x = BigInt(Math.floor(Math.pow(p, 1 / root)) + 1) << BigInt(bits);
    for (;;) {
      const r = BigInt(root);
      const nx = ((r - 1n) * x + target / x ** (r - 1n)) / r;
      if (nx >= x) break;
      x = nx;
    }
    while (x ** BigInt(root) > target) x--;
    while ((x + 1n) ** BigInt(root) <= target) x++;
    return x & ((1n << BigInt(bits)) - 1n);
  });
}

let K256: number[] | null = null;
let H256: number[] | null = null;

export function sha256(bytes: string): string {
  K256 ??= primeRoots(64, 3, 32).map(Number);
  H256 ??= primeRoots(8, 2, 32).map(Number);
  const { words } = toWords(bytes, true, 64);
  const h = [...H256];
  const w = new Array<number>(64);
  for (let blk = 0; blk < words.length; blk += 16) {
    for (let i = 0; i < 64; i++) {
      if (i < 16) w[i] = words[blk + i];
      else {
        const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256[i] + w[i]) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    const v = [a, b, c, d, e, f, g, hh];
    for (let i = 0; i < 8; i++) h[i] = (h[i] + v[i]) | 0;
  }
  return h.map((n) => hex32(n, false)).join('');
}

let K512: bigint[] | null = null;
let H512: bigint[] | null = null;
const M64 = (1n << 64n) - 1n;
const rotr64 = (x: bigint, n: bigint) => ((x >> n) | (x << (64n - n))) & M64;

export function sha512(bytes: string): string {
  K512 ??= primeRoots(80, 3, 64);
  H512 ??= primeRoots(8, 2, 64);
  const { words } = toWords(bytes, true, 128);
  const h = [...H512];
  const w = new Array<bigint>(80);
  for (let blk = 0; blk < words.length; blk += 32) {
    for (let i = 0; i < 80; i++) {
      if (i < 16) w[i] = (BigInt(words[blk + 2 * i]) << 32n) | BigInt(words[blk + 2 * i + 1]);
      else {
        const s0 = rotr64(w[i - 15], 1n) ^ rotr64(w[i - 15], 8n) ^ (w[i - 15] >> 7n);
        const s1 = rotr64(w[i - 2], 19n) ^ rotr64(w[i - 2], 61n) ^ (w[i - 2] >> 6n);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) & M64;
      }
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 80; i++) {
      const t1 = (hh + (rotr64(e, 14n) ^ rotr64(e, 18n) ^ rotr64(e, 41n)) + ((e & f) ^ (~e & M64 & g)) + K512[i] + w[i]) & M64;
      const t2 = ((rotr64(a, 28n) ^ rotr64(a, 34n) ^ rotr64(a, 39n)) + ((a & b) ^ (a & c) ^ (b & c))) & M64;
      hh = g; g = f; f = e; e = (d + t1) & M64; d = c; c = b; b = a; a = (t1 + t2) & M64;
    }
    const v = [a, b, c, d, e, f, g, hh];
    for (let i = 0; i < 8; i++) h[i] = (h[i] + v[i]) & M64;
  }
  return h.map((n) => n.toString(16).padStart(16, '0')).join('');
}
