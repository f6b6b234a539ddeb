import { describe, expect, it } from 'vitest';
import { runScript } from './driver';

describe('kernel: pipes and jobs', () => {
  it('yes | head ends: head exits, yes dies of SIGPIPE', () => {
    const r = runScript('yes | head -n 2; echo "status $?"');
    expect(r.stdout).toBe('y\ny\nstatus 0\n');
    expect(r.code).toBe(0);
  });

  it('a pipeline passes data through every stage', () => {
    expect(runScript("printf 'b\\na\\nc\\n' | sort | tr a-z A-Z").stdout).toBe('A\nB\nC\n');
  });

  it('background jobs run concurrently and wait collects them', () => {
    const r = runScript('sleep 2 & sleep 1 & wait; echo done');
    expect(r.stdout).toBe('done\n');
    expect(r.timeMs).toBeGreaterThanOrEqual(2000);
    expect(r.timeMs).toBeLessThan(2100);
  });

  it('wait PID returns that job\'s status', () => {
    expect(runScript('(exit 3) & wait $!; echo $?').stdout).toBe('3\n');
  });
});

describe('kernel: signals to PID 1', () => {
  it('PID 1 without a handler ignores TERM (the foreground sleep runs to its end)', () => {
    const r = runScript('sleep 10; echo after', { signals: [{ at: 1000, signal: 'TERM' }] });
    expect(r.stdout).toBe('after\n');
    expect(r.code).toBe(0);
    expect(r.timeMs).toBeGreaterThanOrEqual(10_000);
  });

  it("trap 'exit 0' TERM runs only after the foreground sleep ends", () => {
    const r = runScript("trap 'echo bye; exit 0' TERM; sleep 30; echo never", { signals: [{ at: 1000, signal: 'TERM' }] });
    expect(r.stdout).toBe('bye\n');
    expect(r.code).toBe(0);
    expect(r.timeMs).toBeGreaterThanOrEqual(30_000);
    expect(r.timeMs).toBeLessThan(30_100);
  });

  it('the wait builtin is interrupted by a trapped signal', () => {
    const r = runScript("trap 'exit 0' TERM; sleep 3600 & wait", { signals: [{ at: 1000, signal: 'TERM' }] });
    expect(r.code).toBe(0);
    expect(r.timeMs).toBeLessThan(1100);
  });
});

describe('kernel: budgets', () => {
  it('a busy loop stops at the step budget with a note', () => {
    const r = runScript('while :; do :; done', { stepBudget: 1000 });
    expect(r.code).toBe(137);
    expect(r.status?.reason).toBe('BudgetExceeded');
    expect(r.notes).toContainEqual({ type: 'budget', what: 'steps', detail: 'stopped after 1000 commands (step budget)' });
  });

  it('busy loops advance virtual time by their CPU cost', () => {
    const r = runScript('i=0; while [ $i -lt 1000 ]; do i=$((i+1)); done', { commandMicros: 100 });
    expect(r.timeMs).toBeGreaterThanOrEqual(199);
    expect(r.timeMs).toBeLessThanOrEqual(201);
  });

  it('output beyond the budget is cut with a visible note', () => {
    const r = runScript('yes | head -c 5000', { outputBudget: 100 });
    expect(r.stdout).toBe('y\n'.repeat(50));
    expect(r.stderr).toContain('[playground: output cut at 100 bytes]');
    expect(r.notes).toContainEqual({ type: 'budget', what: 'output', detail: 'output cut at 100 bytes' });
  });

  it('a fork bomb stops at the process budget', () => {
    const r = runScript('while :; do sleep 100 & done', { maxProcs: 20 });
    expect(r.code).toBe(137);
    expect(r.notes.some((n) => n.type === 'budget' && n.what === 'processes')).toBe(true);
  });

  it('unbounded recursion stops at the depth budget', () => {
    const r = runScript('f() { f; }; f', { maxDepth: 50 });
    expect(r.code).toBe(137);
    expect(r.notes).toContainEqual({ type: 'budget', what: 'depth', detail: 'function f nested more than 50 deep' });
  });
});

describe('clock', () => {
  it('date shows virtual time from the pod epoch', () => {
    const r = runScript('sleep 65; date; date +%s; date -u +%Y-%m-%dT%H:%M:%S', { epochMs: 1_704_103_200_000 });
    expect(r.stdout).toBe('Mon Jan  1 10:01:05 UTC 2024\n1704103265\n2024-01-01T10:01:05\n');
  });

  it('ls -l shows mtimes on the same clock', () => {
    const r = runScript('sleep 120; touch f; ls -l f', { epochMs: 1_704_103_200_000, cwd: '/tmp' });
    expect(r.stdout).toMatch(/ Jan {2}1 10:02 f\n$/);
  });
});

describe('start errors (runc exec)', () => {
  const msg = (argv: string[]) => runScript('', { argv }).status?.message ?? '';
  it('words each failure as runc does', () => {
    expect(msg(['/bin/bash', '-c', 'true'])).toMatch(/exec: "\/bin\/bash": stat \/bin\/bash: no such file or directory: unknown$/);
    expect(msg(['bash', '-c', 'true'])).toMatch(/exec: "bash": executable file not found in \$PATH: unknown$/);
    expect(msg(['/bin'])).toMatch(/exec: "\/bin": is a directory: unknown$/);
    expect(runScript('', { argv: ['/bin/bash'] }).status).toMatchObject({ code: 128, reason: 'StartError' });
  });
});
