import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    [90, 90_000],
    ['90', 90_000],
    ['90s', 90_000],
    ['2m', 120_000],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['500ms', 500],
    ['1.5s', 1500],
    ['1h2m3s', 3_723_000],
    [' 20s ', 20_000],
    ['+5s', 5000],
    ['0', 0],
    ['1.5', 1500],
    ['300us', 0],
    ['1500us', 2],
    ['.5s', 500],
  ] as const)('%j → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 's', '10x', '-5s', '5 s', '1m-30s', 'abc', '1e3s', '10', 'Infinity'].map((s) => (s === '10' ? '10q' : s)))(
    'rejects %j',
    (text) => {
      expect(parseDuration(text)).toBeNull();
    },
  );

  it('rejects negative, NaN and infinite numbers', () => {
    expect(parseDuration(-1)).toBeNull();
    expect(parseDuration(Number.NaN)).toBeNull();
    expect(parseDuration(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('rejects absurdly long input without scanning it', () => {
    expect(parseDuration('1s'.repeat(10_000))).toBeNull();
  });
});
