// Upstream tests as golden scenarios: each file in test/upstream mirrors a NodeConformance test of
// test/e2e/common/node/init_container.go or a case of test/e2e_node/container_lifecycle_test.go (the first
// line of each file cites it). Each must pass its `expect` block as `npm run simulate -- FILE --check` does;
// a few also get checks on the container records that `expect` cannot state (start order, never started).
import { describe, expect, it } from 'vitest';
import { simulate } from '../../engine/sim/simulate';
import { goldenSuite, loadScenario } from '../goldens';
import type { Trace, TraceRecord } from '../../engine/sim/trace';

const DIR = 'test/upstream';

/**
 * Scenarios where the engine disagrees with Kubernetes. Each is asserted to FAIL (it.fails), so the gap
 * stays visible and the test flips red once the engine is fixed: then drop it from this list.
 */
const BUGS: Record<string, string> = {};

const load = (file: string) => loadScenario(DIR, file);

type ContainerRecord = Extract<TraceRecord, { type: 'container' }>;

function containerEvents(trace: Trace, pod: string): string[] {
  return trace.records
    .filter((r): r is ContainerRecord => r.type === 'container' && r.pod === pod && r.state !== 'waiting')
    .map((r) => `${r.container} ${r.state}`);
}

function traceOf(file: string): Trace {
  return simulate(load(`${file}.scenario.yaml`).input);
}

describe('upstream e2e tests as golden scenarios (expect blocks)', () => {
  goldenSuite(DIR, BUGS, 20);
});

describe('upstream e2e tests: container order and invariants', () => {
  // container_lifecycle_test.go "should launch init container serially before a regular container".
  it('init-1..3 each start after the previous one exited, then regular-1', () => {
    expect(containerEvents(traceOf('lifecycle-init-serial-before-regular'), 'initcontainer-test-pod')).toEqual([
      'init-1 running', 'init-1 terminated', 'init-2 running', 'init-2 terminated', 'init-3 running', 'init-3 terminated',
      'regular-1 running', 'regular-1 terminated',
    ]);
  });

  // container_lifecycle_test.go sidecars: "each init finishes before the next sidecar starts; each sidecar starts before the
  // next init and runs alongside it; both sidecars run with regular-1"; at the end sidecars stop in reverse order.
  it('sidecars and init containers interleave in spec order; sidecars stop last, in reverse order', () => {
    expect(containerEvents(traceOf('sidecar-never-interleaved-inits-succeeds'), 'sidecar-interleaved')).toEqual([
      'init-1 running', 'init-1 terminated', 'sidecar-1 running', 'init-2 running', 'init-2 terminated', 'sidecar-2 running',
      'init-3 running', 'init-3 terminated', 'regular-1 running', 'regular-1 terminated', 'sidecar-2 terminated', 'sidecar-1 terminated',
    ]);
  });

  // init_container.go invariants: containers after a failed or running init container stay Waiting; app containers stay
  // Waiting with restartCount 0 until init completes; the pod UID never changes.
  it('RestartAlways, failing init1: init2 and run1 never leave Waiting/PodInitializing', () => {
    const trace = traceOf('conformance-init-fails-restart-always-pending');
    const others = trace.records.filter((r): r is ContainerRecord => r.type === 'container' && r.container !== 'init1');
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((r) => r.state === 'waiting' && r.reason === 'PodInitializing' && r.restartCount === 0)).toBe(true);
    expect(new Set(trace.records.filter((r) => r.type === 'pod-row').map((r) => r.type === 'pod-row' && r.uid)).size).toBe(1);
  });

  it('RestartNever, failing init2: run1 never leaves Waiting/PodInitializing', () => {
    const trace = traceOf('conformance-init-fails-restart-never-failed');
    // /bin/true and /bin/false exit in the instant they start: the trace records only their termination.
    expect(containerEvents(trace, 'pod-init-fail-never')).toEqual(['init1 terminated', 'init2 terminated']);
  });

  it('an init container failing before a sidecar: the sidecar never starts (Never and Always)', () => {
    const trace = traceOf('sidecar-init-fails-before-sidecar');
    for (const pod of ['fail-before-sidecar-never', 'fail-before-sidecar-always']) {
      expect(containerEvents(trace, pod).filter((e) => !e.startsWith('init-1 '))).toEqual([]);
    }
  });

  it('an init container failing after a sidecar runs alongside it (the sidecar is running when init-1 starts)', () => {
    const events = containerEvents(traceOf('sidecar-init-fails-after-sidecar'), 'fail-after-sidecar-never');
    expect(events.slice(0, 3)).toEqual(['sidecar-1 running', 'init-1 running', 'init-1 terminated']);
    expect(events).not.toContain('regular-1 running');
  });

  // container_lifecycle_test.go [Serial] "should restart the containers in right order after the node reboot": after the
  // sandbox is stopped, init-1..3 start again in order before regular-1, in a new sandbox with a new IP.
  it('a stopped sandbox: every container is killed, then init-1..3 and regular-1 run again in order', () => {
    const trace = traceOf('lifecycle-node-reboot-reruns-init-in-order');
    const first = ['init-1 running', 'init-1 terminated', 'init-2 running', 'init-2 terminated', 'init-3 running', 'init-3 terminated', 'regular-1 running'];
    expect(containerEvents(trace, 'initialized-pod').slice(0, 16)).toEqual([...first, 'regular-1 terminated', ...first, 'regular-1 terminated']);
    const killed = trace.records.find((r): r is ContainerRecord => r.type === 'container' && r.container === 'regular-1' && r.state === 'terminated');
    expect([killed?.t, killed?.exitCode, killed?.reason]).toEqual([25_000, 137, 'Error']);
    const changed = trace.records.filter((r) => r.type === 'event' && r.reason === 'SandboxChanged');
    expect(changed.map((r) => r.t)).toEqual([26_000]);
  });

  it('the regular container restarts; the init container ran exactly once', () => {
    const events = containerEvents(traceOf('lifecycle-app-restarts-do-not-rerun-init'), 'no-init-rerun');
    expect(events.filter((e) => e.startsWith('init-1 '))).toEqual(['init-1 terminated']);
    expect(events.filter((e) => e === 'regular-1 running').length).toBeGreaterThanOrEqual(4);
  });
});
