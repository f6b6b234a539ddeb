/**
 * Memory a container's processes hold: past resources.limits.memory the container is OOM-killed (reason
 * OOMKilled, 137); past the playground's own budget it stops being interpreted. Endless devices cost CPU per
 * page, so `cat /dev/zero` spins in virtual time instead of hanging the engine.
 */
import { describe, expect, it } from 'vitest';
import { runScript } from './shell/driver';

const MiB = 1 << 20;

describe('memory a shell holds', () => {
  it('a command substitution past the memory limit OOM-kills the container', () => {
    const r = runScript('echo start; x=$(head -c 9000000 /dev/zero); echo never', { memoryLimit: 8 * MiB });
    expect(r.stdout).toBe('start\n');
    expect(r.status).toEqual({ code: 137, signal: 9, reason: 'OOMKilled' });
  });

  it('the same capture under the limit completes and keeps every byte', () => {
    const r = runScript('x=$(head -c 3000000 /dev/zero | tr "\\0" a); echo ${#x}', { memoryLimit: 8 * MiB });
    expect(r.stdout).toBe('3000000\n');
    expect(r.status).toEqual({ code: 0 });
  });

  it('a streaming pipeline holds nothing: no OOM kill whatever passes through it', () => {
    const r = runScript('head -c 40000000 /dev/zero | wc -c; yes | head -c 20000000 | wc -l', { memoryLimit: 8 * MiB });
    expect(r.stdout).toBe('40000000\n10000000\n');
    expect(r.status).toEqual({ code: 0 });
  });

  it('a line that never ends is held by its reader (head -n, read): OOM past the limit', () => {
    expect(runScript('head -n 1 /dev/zero; echo never', { memoryLimit: 4 * MiB }).status?.reason).toBe('OOMKilled');
    expect(runScript('cat /dev/zero | { read x; echo never; }', { memoryLimit: 4 * MiB }).status?.reason).toBe('OOMKilled');
  });

  it('without a limit, the playground stops at its memory budget and says so', () => {
    const r = runScript('x=$(cat /dev/zero); echo never', { memoryBudget: 2 * MiB });
    expect(r.stdout).toBe('');
    expect(r.status?.reason).toBe('BudgetExceeded');
    expect(r.notes).toContainEqual({ type: 'budget', what: 'memory', detail: 'a process held more than 2 MiB in memory (memory budget)' });
  });

  it('an endless read spins in virtual time until the step budget', () => {
    const r = runScript('cat /dev/zero > /dev/null', { stepBudget: 5000, commandMicros: 100 });
    expect(r.status?.reason).toBe('BudgetExceeded');
    expect(r.notes).toContainEqual({ type: 'budget', what: 'steps', detail: 'stopped after 5000 commands (step budget)' });
    expect(r.timeMs).toBeGreaterThanOrEqual(500);
  });
});
