import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { goSort } from './goSort';

describe('goSort', () => {
  it('sorts (any length, many ties)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 200 }), (xs) => {
      const out = goSort(xs.map((v, i) => ({ v, i })), (a, b) => a.v < b.v).map((x) => x.v);
      expect(out).toEqual([...xs].sort((a, b) => a - b));
    }));
  });
  it('is stable up to 12 elements (insertion sort), like Go', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 12 }), (xs) => {
      const items = xs.map((v, i) => ({ v, i }));
      expect(goSort(items, (a, b) => a.v < b.v)).toEqual([...items].sort((a, b) => a.v - b.v || a.i - b.i));
    }));
  });
  it('does not keep input order of ties beyond 12 elements (pdqsort partitions)', () => {
    // 13 equal keys after a smaller one: Go's partitionEqual path reorders them deterministically.
    const items = [...Array.from({ length: 13 }, (_v, i) => ({ v: 1, i })), { v: 0, i: 13 }];
    const once = goSort(items, (a, b) => a.v < b.v);
    expect(once.map((x) => x.v)).toEqual([0, ...Array(13).fill(1)]);
    expect(goSort(items, (a, b) => a.v < b.v)).toEqual(once);
  });
});
