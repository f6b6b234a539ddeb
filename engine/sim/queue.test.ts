import { describe, expect, it } from 'vitest';
import { EventQueue } from './queue';
import { createPrng } from './prng';

describe('EventQueue', () => {
  it('orders by time, then priority, then insertion sequence', () => {
    const q = new EventQueue<string>();
    q.push(5, 1, 'c');
    q.push(5, 0, 'b');
    q.push(1, 9, 'a');
    q.push(5, 1, 'd');
    q.push(7, 0, 'e');
    const out: string[] = [];
    for (let item = q.pop(); item; item = q.pop()) out.push(item.value);
    expect(out).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('matches a sorted reference on random input', () => {
    const rng = createPrng(42);
    const q = new EventQueue<number>();
    const ref: { t: number; p: number; i: number }[] = [];
    for (let i = 0; i < 2000; i++) {
      const t = rng.int(50);
      const p = rng.int(3);
      q.push(t, p, i);
      ref.push({ t, p, i });
    }
    ref.sort((a, b) => a.t - b.t || a.p - b.p || a.i - b.i);
    const out: number[] = [];
    for (let item = q.pop(); item; item = q.pop()) out.push(item.value);
    expect(out).toEqual(ref.map((r) => r.i));
  });
});

describe('createPrng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = createPrng(7), b = createPrng(7), c = createPrng(8);
    const sa = a.suffix(10), sb = b.suffix(10), sc = c.suffix(10);
    expect(sa).toBe(sb);
    expect(sa).not.toBe(sc);
    expect(sa).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/);
  });
});
