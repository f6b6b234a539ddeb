import { describe, expect, it } from 'vitest';
import { Backoff, CONTAINER_BACKOFF, goDuration } from './backoff';

describe('container back-off (doBackOff over flowcontrol.Backoff)', () => {
  it('restarts at once after the first crash, then 10 s, 20 s, 40 s … capped at 300 s', () => {
    const b = new Backoff(CONTAINER_BACKOFF);
    const gaps: number[] = [];
    let t = 0;
    for (let crash = 0; crash < 9; crash++) {
      const finishedAt = t;
      // The kubelet re-checks every second; the restart happens at the first check out of back-off.
      let now = finishedAt;
      while (b.inBackoffSince('c', finishedAt, now)) now += 1000;
      b.next('c', finishedAt, now);
      gaps.push((now - finishedAt) / 1000);
      t = now + 5000; // runs 5 s, then crashes again
    }
    expect(gaps).toEqual([0, 10, 20, 40, 80, 160, 300, 300, 300]);
  });

  it('resets after more than 10 minutes since the last restart', () => {
    const b = new Backoff(CONTAINER_BACKOFF);
    b.next('c', 0, 0);
    b.next('c', 20_000, 30_000); // 20 s entry
    expect(b.inBackoffSince('c', 40_000, 45_000)).toBe(true);
    // Finished 601 s after the last update: expired, so no back-off and a fresh 10 s entry.
    expect(b.inBackoffSince('c', 631_001, 631_001)).toBe(false);
    b.next('c', 631_001, 631_001);
    expect(b.get('c')!.backoffMs).toBe(10_000);
  });

  it('prints durations as Go does', () => {
    expect([10_000, 20_000, 40_000, 80_000, 160_000, 300_000].map(goDuration)).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s']);
  });
});
