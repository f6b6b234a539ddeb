import { describe, expect, it } from 'vitest';
import { createPrng } from './prng';

describe('Prng.uuid', () => {
  it('is the 32 digits hex(32) draws, dashed 8-4-4-4-12, version 4 and variant 8–b from the 17th digit drawn', () => {
    const a = createPrng(20261124), b = createPrng(20261124);
    for (let i = 0; i < 2_000; i++) {
      const h = b.hex(32);
      const expected = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20)}`;
      const got = a.uuid();
      expect(got).toBe(expected);
      expect(got).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    // Both generators are at the same point afterwards: uuid() draws exactly 32 numbers.
    expect(a.next()).toBe(b.next());
  });
});
