import { describe, expect, it } from 'vitest';
import type { Container, ContainerState, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { printPodRow } from './printPod';
import { rfc3339, DEFAULT_EPOCH_MS } from '../sim/time';

const NOW = DEFAULT_EPOCH_MS + 3_600_000;
const ago = (ms: number): string => rfc3339(NOW - ms);
const S = 1000;

function cs(p: Partial<ContainerStatus> & { state?: ContainerState }): ContainerStatus {
  return { name: '', image: '', imageID: '', ready: false, restartCount: 0, ...p };
}
const anon = (n: number): Container[] => Array.from({ length: n }, () => ({ name: '' }));
const lastFinished = (ms: number): ContainerState => ({ terminated: { exitCode: 0, finishedAt: ago(ms) } });
const running: ContainerState = { running: {} };

interface Case {
  readonly name: string;
  readonly pod: Pod;
  readonly want: [ready: string, status: string, restarts: string];
}

function pod(name: string, spec: Pod['spec'], status: Pod['status'], deleting = false): Pod {
  return { metadata: { name, ...(deleting ? { deletionTimestamp: ago(10 * S) } : {}) }, spec, status };
}

// Ported from kubernetes pkg/printers/internalversion/printers_test.go TestPrintPod.
const printPodCases: Case[] = [
  { name: 'test1 name, containers, restarts, ready', want: ['1/2', 'podPhase', '6'], pod: pod('test1', { containers: anon(2) }, {
    phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })] }) },
  { name: 'test2 container error overwrites pod phase', want: ['1/2', 'ContainerWaitingReason', '6'], pod: pod('test2', { containers: anon(2) }, {
    phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 3, state: running }),
      cs({ restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } })] }) },
  { name: 'test3 the first container overwrites the rest', want: ['0/2', 'ContainerWaitingReason', '6'], pod: pod('test3', { containers: anon(2) }, {
    phase: 'podPhase', containerStatuses: [cs({ restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } }),
      cs({ restartCount: 3, state: { terminated: { exitCode: 0, reason: 'ContainerTerminatedReason' } } })] }) },
  { name: 'test4 ready is not enough for running', want: ['1/2', 'podPhase', '6'], pod: pod('test4', { containers: anon(2) }, {
    phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })] }) },
  { name: 'test5 pod reason wins over phase', want: ['1/2', 'podReason', '6'], pod: pod('test5', { containers: anon(2) }, {
    reason: 'podReason', phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })] }) },
  { name: 'test6 completed + running without Ready condition', want: ['1/2', 'NotReady', '6'], pod: pod('test6', { containers: anon(2) }, {
    phase: 'Running', containerStatuses: [cs({ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }),
      cs({ ready: true, restartCount: 3, state: running })] }) },
  { name: 'test6b completed + running with Ready condition', want: ['1/2', 'Running', '6'], pod: pod('test6', { containers: anon(2) }, {
    phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [cs({ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }),
      cs({ ready: true, restartCount: 3, state: running })] }) },
  { name: 'test7 one init container restarting', want: ['0/1', 'Init:0/1', '3 (10s ago)'], pod: pod('test7', { initContainers: anon(1), containers: anon(1) }, {
    phase: 'podPhase', initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: lastFinished(10 * S) })],
    containerStatuses: [cs({ state: { waiting: {} } })] }) },
  { name: 'test8 two init containers, first restarting', want: ['0/1', 'Init:0/2', '3 (10s ago)'], pod: pod('test8', { initContainers: anon(2), containers: anon(1) }, {
    phase: 'podPhase', initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: lastFinished(10 * S) }), cs({ state: { waiting: {} } })],
    containerStatuses: [cs({ state: { waiting: {} } })] }) },
  { name: 'test9 first init completed, second restarting', want: ['0/1', 'Init:1/2', '3 (10s ago)'], pod: pod('test9', { initContainers: anon(2), containers: anon(1) }, {
    phase: 'podPhase', initContainerStatuses: [cs({ state: { terminated: { exitCode: 0 } } }), cs({ restartCount: 3, state: running, lastState: lastFinished(10 * S) })],
    containerStatuses: [cs({ state: { waiting: {} } })] }) },
  { name: 'test10 init restarts sum over init containers', want: ['0/1', 'Init:1/2', '5 (10s ago)'], pod: pod('test10', { initContainers: anon(2), containers: anon(1) }, {
    phase: 'podPhase', initContainerStatuses: [cs({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: lastFinished(120 * S) }),
      cs({ restartCount: 3, state: running, lastState: lastFinished(10 * S) })],
    containerStatuses: [cs({ state: { waiting: {} } })] }) },
  { name: 'test11 init restarts dropped after initialization', want: ['0/1', 'Running', '4 (20s ago)'], pod: pod('test11', { initContainers: anon(1), containers: anon(1) }, {
    phase: 'Running', initContainerStatuses: [cs({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: lastFinished(120 * S) })],
    containerStatuses: [cs({ restartCount: 4, state: running, lastState: lastFinished(20 * S) })] }) },
  { name: 'test12 restarted 5d ago', want: ['1/1', 'Running', '3 (5d ago)'], pod: pod('test12', { containers: anon(1) }, {
    phase: 'Running', containerStatuses: [cs({ ready: true, restartCount: 3, state: running, lastState: lastFinished(5 * 86_400 * S) })] }) },
  { name: 'test13 one never restarted, other 10d ago', want: ['2/2', 'Running', '3 (10d ago)'], pod: pod('test13', { containers: anon(2) }, {
    phase: 'Running', containerStatuses: [cs({ ready: true, state: running }),
      cs({ ready: true, restartCount: 3, state: running, lastState: lastFinished(10 * 86_400 * S) })] }) },
  { name: 'test14 the latest restart wins', want: ['2/2', 'Running', '9 (5d ago)'], pod: pod('test14', { containers: anon(2) }, {
    phase: 'Running', containerStatuses: [cs({ ready: true, restartCount: 6, state: running, lastState: lastFinished(5 * 86_400 * S) }),
      cs({ ready: true, restartCount: 3, state: running, lastState: lastFinished(20 * 86_400 * S) })] }) },
  { name: 'test15 SchedulingGated', want: ['0/2', 'SchedulingGated', '0'], pod: pod('test15', { containers: anon(2) }, {
    phase: 'podPhase', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }) },
  { name: 'test16 succeeded', want: ['0/1', 'Completed', '0'], pod: pod('test16', { containers: anon(1) }, {
    phase: 'Succeeded', containerStatuses: [cs({ state: { terminated: { reason: 'Completed', exitCode: 0 } } })] }) },
  { name: 'test17 failed', want: ['0/1', 'Error', '0'], pod: pod('test17', { containers: anon(1) }, {
    phase: 'Failed', containerStatuses: [cs({ state: { terminated: { reason: 'Error', exitCode: 1 } } })] }) },
  { name: 'test18 succeeded with deletion keeps Completed', want: ['0/1', 'Completed', '0'], pod: pod('test18', { containers: anon(1) }, {
    phase: 'Succeeded', containerStatuses: [cs({ state: { terminated: { reason: 'Completed', exitCode: 0 } } })] }, true) },
  { name: 'test19 running with deletion', want: ['0/1', 'Terminating', '0'], pod: pod('test19', { containers: anon(1) }, {
    phase: 'Running', containerStatuses: [cs({ state: running })] }, true) },
  { name: 'test20 pending with deletion', want: ['0/1', 'Terminating', '0'], pod: pod('test20', { containers: anon(1) }, { phase: 'Pending' }, true) },
];

const sidecars: Container[] = [
  { name: 'restartable-init-1', restartPolicy: 'Always' },
  { name: 'restartable-init-2', restartPolicy: 'Always' },
];
const initialized = (s: 'True' | 'False'): PodCondition[] => [{ type: 'Initialized', status: s }];

// Ported from printers_test.go TestPrintPodWithRestartableInitContainer.
const sidecarCases: Case[] = [
  { name: 'first sidecar running but not started', want: ['0/3', 'Init:0/2', '3 (10s ago)'], pod: pod('test1', { initContainers: sidecars, containers: anon(1) }, {
    phase: 'Pending', conditions: initialized('False'),
    initContainerStatuses: [cs({ name: 'restartable-init-1', restartCount: 3, state: running, started: false, lastState: lastFinished(10 * S) }),
      cs({ name: 'restartable-init-2', state: { waiting: {} }, started: false })],
    containerStatuses: [cs({ state: { waiting: {} } })] }) },
  { name: 'first sidecar started, second running not started', want: ['0/3', 'Init:1/2', '3 (10s ago)'], pod: pod('test1', { initContainers: sidecars, containers: anon(1) }, {
    phase: 'Pending', conditions: initialized('False'),
    initContainerStatuses: [cs({ name: 'restartable-init-1', restartCount: 3, state: running, started: true, lastState: lastFinished(10 * S) }),
      cs({ name: 'restartable-init-2', state: running, started: false })],
    containerStatuses: [cs({ state: { waiting: {} } })] }) },
  { name: 'both sidecars started, app running', want: ['1/3', 'Running', '7 (10s ago)'], pod: pod('test2', { initContainers: sidecars, containers: anon(1) }, {
    phase: 'Running', conditions: initialized('True'),
    initContainerStatuses: [cs({ name: 'restartable-init-1', restartCount: 3, state: running, started: true, lastState: lastFinished(10 * S) }),
      cs({ name: 'restartable-init-2', state: running, started: true })],
    containerStatuses: [cs({ ready: true, restartCount: 4, state: running, lastState: lastFinished(20 * S) })] }) },
  { name: 'sidecars terminated non-zero, app completed', want: ['0/3', 'Completed', '7 (10s ago)'], pod: pod('test3', { initContainers: sidecars, containers: anon(1) }, {
    phase: 'Succeeded', conditions: initialized('True'),
    initContainerStatuses: [cs({ name: 'restartable-init-1', restartCount: 3, state: { terminated: { reason: 'Error', exitCode: 137 } }, started: false, lastState: lastFinished(10 * S) }),
      cs({ name: 'restartable-init-2', state: { terminated: { reason: 'Error', exitCode: 137 } }, started: false })],
    containerStatuses: [cs({ restartCount: 4, state: { terminated: { reason: 'Completed', exitCode: 0 } }, lastState: lastFinished(20 * S) })] }) },
  { name: 'statuses for containers not in the spec', want: ['0/2', 'Init:0/2', '0'], pod: pod('test4', {
    initContainers: [{ name: 'init1', image: 'initimage' }, { name: 'sidecar1', image: 'sidecarimage', restartPolicy: 'Always' }],
    containers: [{ name: 'container1', image: 'containerimage' }] }, {
    phase: 'Running',
    initContainerStatuses: [cs({ name: 'initinvalid' }), cs({ name: 'init1' }), cs({ name: 'sidecar1' })],
    containerStatuses: [cs({ name: 'containerinvalid' }), cs({ name: 'container1' })] }) },
];

describe('printPodRow', () => {
  describe.each([['TestPrintPod', printPodCases], ['TestPrintPodWithRestartableInitContainer', sidecarCases]])('%s', (_n, cases) => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const row = printPodRow(c.pod, NOW);
      expect([row.ready, row.status, row.restarts]).toEqual(c.want);
      expect(row.name).toBe(c.pod.metadata?.name);
      expect(row.age).toBe('<unknown>');
    });
  });

  // Ported from printers_test.go TestPrintPodwide.
  it('wide columns', () => {
    const gates = [{ conditionType: 'condition1' }, { conditionType: 'condition2' }, { conditionType: 'condition3' }];
    const conds: PodCondition[] = [{ type: 'condition1', status: 'False' }, { type: 'condition2', status: 'True' }];
    const row = printPodRow(pod('test1', { containers: anon(2), nodeName: 'test1', readinessGates: gates }, {
      conditions: conds, phase: 'podPhase', podIPs: [{ ip: '1.1.1.1' }, { ip: '2001:db8::' }], nominatedNodeName: 'node1',
      containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })] }), NOW);
    expect([row.ip, row.node, row.nominatedNode, row.readinessGates]).toEqual(['1.1.1.1', 'test1', 'node1', '1/3']);
    const bare = printPodRow(pod('test2', { containers: anon(2) }, { phase: 'podPhase' }), NOW);
    expect([bare.ip, bare.node, bare.nominatedNode, bare.readinessGates]).toEqual(['<none>', '<none>', '<none>', '<none>']);
  });

  // Ported from printers_test.go TestPrintPodConditions: the phase shows when nothing else sets a reason.
  it.each([['Running'], ['Succeeded'], ['Failed']])('phase %s with a running container', (phase) => {
    const row = printPodRow(pod('p', { containers: anon(2) }, {
      phase, containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })] }), NOW);
    expect([row.ready, row.status, row.restarts]).toEqual(['1/2', phase, '6']);
  });

  describe('playground cases (k8s-semantics §4)', () => {
    const spec = { initContainers: [{ name: 'init-a', image: 'busybox' }, { name: 'init-b', image: 'busybox' }], containers: [{ name: 'app', image: 'busybox' }] };
    it('Init:Error, Init:CrashLoopBackOff, Init:ExitCode and Init:Signal', () => {
      const mk = (state: ContainerState): string => printPodRow(pod('p', spec, {
        phase: 'Pending', initContainerStatuses: [cs({ name: 'init-a', state }), cs({ name: 'init-b', state: { waiting: { reason: 'PodInitializing' } } })],
        containerStatuses: [cs({ name: 'app', state: { waiting: { reason: 'PodInitializing' } } })] }), NOW).status;
      expect(mk({ terminated: { exitCode: 1, reason: 'Error' } })).toBe('Init:Error');
      expect(mk({ waiting: { reason: 'CrashLoopBackOff' } })).toBe('Init:CrashLoopBackOff');
      expect(mk({ terminated: { exitCode: 3 } })).toBe('Init:ExitCode:3');
      expect(mk({ terminated: { exitCode: 137, signal: 9 } })).toBe('Init:Signal:9');
      expect(mk({ waiting: { reason: 'PodInitializing' } })).toBe('Init:0/2');
      expect(mk({ running: { startedAt: ago(1000) } })).toBe('Init:0/2');
    });
    it('PodInitializing after init, then ContainerCreating-free Running', () => {
      const done: ContainerState = { terminated: { exitCode: 0, reason: 'Completed' } };
      const row = printPodRow(pod('p', spec, {
        phase: 'Pending', conditions: initialized('True'),
        initContainerStatuses: [cs({ name: 'init-a', state: done, ready: true }), cs({ name: 'init-b', state: done, ready: true })],
        containerStatuses: [cs({ name: 'app', state: { waiting: { reason: 'PodInitializing' } } })] }), NOW);
      expect([row.ready, row.status, row.restarts]).toEqual(['0/1', 'PodInitializing', '0']);
    });
    it('a crash-looping sidecar in a running pod shows Init:CrashLoopBackOff', () => {
      const row = printPodRow(pod('p', { initContainers: [{ name: 'side', restartPolicy: 'Always' }], containers: [{ name: 'app' }] }, {
        phase: 'Running', conditions: initialized('True'),
        initContainerStatuses: [cs({ name: 'side', restartCount: 2, started: false, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: lastFinished(5 * S) })],
        containerStatuses: [cs({ name: 'app', ready: true, started: true, state: running })] }), NOW);
      expect([row.ready, row.status, row.restarts]).toEqual(['1/2', 'Init:CrashLoopBackOff', '2 (5s ago)']);
    });
    it('NodeLost while deleting shows Unknown; AGE from creationTimestamp', () => {
      const p = pod('p', { containers: anon(1) }, { phase: 'Running', reason: 'NodeLost' }, true);
      p.metadata = { ...p.metadata, creationTimestamp: ago(90 * S) };
      const row = printPodRow(p, NOW);
      expect([row.status, row.age]).toEqual(['Unknown', '90s']);
    });
  });
});
