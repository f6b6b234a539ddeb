import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nanosHex } from './world';

describe('event names', () => {
  it('nanosHex is the hex of ms × 10⁶ + extra, exactly (as BigInt computes it)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 43 }), fc.integer({ min: 0, max: 999_999 }), (ms, extra) => {
      expect(nanosHex(ms, extra)).toBe((BigInt(ms) * 1_000_000n + BigInt(extra)).toString(16));
    }));
    expect(nanosHex(1_767_225_600_000, 7)).toBe((1_767_225_600_000n * 1_000_000n + 7n).toString(16));
  });
});
