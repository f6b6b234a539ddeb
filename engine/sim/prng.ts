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
  /**
   * A v4-shaped UUID: 32 hex digits drawn as `hex(32)` draws them, with the version nibble (the 13th)
   * set to 4, the variant nibble (the 17th) to 8–b from the digit drawn there, and the dashes of 8-4-4-4-12.
   */
  uuid(): string;
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

const HEX = '0123456789abcdef';
/** One array of char codes per length drawn (5, 32, 64): drawing an ID allocates only the string. */
const SCRATCH = new Map<number, number[]>();
const UUID_SCRATCH = new Array<number>(36).fill(0);
const DASH = '-'.charCodeAt(0), FOUR = '4'.charCodeAt(0), VARIANT = '89ab';

// A class rather than a closure bundle: the kubelet forks one generator per container instance, and
// prototype methods cost nothing per fork.
class Mulberry32 implements Prng {
  private state: number;
  constructor(private readonly seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  suffix(length: number): string {
    return this.draw(SUFFIX_ALPHABET, length);
  }

  hex(length: number): string {
    return this.draw(HEX, length);
  }

  uuid(): string {
    const codes = UUID_SCRATCH;
    let variant = 0;
    for (let i = 0, at = 0; i < 32; i++, at++) {
      if (at === 8 || at === 13 || at === 18 || at === 23) codes[at++] = DASH;
      const nibble = this.int(16);
      if (i === 16) variant = nibble;
      codes[at] = HEX.charCodeAt(nibble);
    }
    codes[14] = FOUR; // the 13th digit
    codes[19] = VARIANT.charCodeAt(variant % 4); // the 17th
    return String.fromCharCode.apply(null, codes);
  }

  /** `length` characters of `alphabet`, as one flat string: names and IDs live as long as the run. */
  private draw(alphabet: string, length: number): string {
    let codes = SCRATCH.get(length);
    if (!codes) SCRATCH.set(length, (codes = new Array<number>(length).fill(0)));
    for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(this.int(alphabet.length));
    return String.fromCharCode.apply(null, codes);
  }

  fork(label: string): Prng {
    return new Mulberry32(hashString(label, this.seed));
  }
}

export function createPrng(seed: number): Prng {
  return new Mulberry32(seed);
}
