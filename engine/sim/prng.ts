/**
 * Seeded pseudo-random numbers (mulberry32). The generator is a value passed in, never a
 * module-level variable, so two runs with the same seed make the same choices.
 */

export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** `length` characters from Kubernetes' name-suffix alphabet (no vowels, no confusable digits). */
  suffix(length: number): string;
  /** A lowercase hex string of `length` characters. */
  hex(length: number): string;
  /** An independent generator derived from this one and a label (stable per label). */
  fork(label: string): Prng;
}

// apimachinery rand.String's alphabet: "bcdfghjklmnpqrstvwxz2456789".
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function hashString(s: string, seed: number): number {
  let h = seed ^ 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x85ebca6b);
    h ^= h >>> 13;
  }
  return h >>> 0;
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    suffix: (length) => {
      let s = '';
      for (let i = 0; i < length; i++) s += SUFFIX_ALPHABET[int(SUFFIX_ALPHABET.length)];
      return s;
    },
    hex: (length) => {
      let s = '';
      for (let i = 0; i < length; i++) s += '0123456789abcdef'[int(16)];
      return s;
    },
    fork: (label) => createPrng(hashString(label, seed)),
  };
}
