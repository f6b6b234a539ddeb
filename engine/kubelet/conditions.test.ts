// Pod conditions: the cases of kubernetes/kubernetes pkg/kubelet/status/generate_test.go
// (TestGenerateContainersReadyCondition, TestGeneratePodReadyCondition, TestGeneratePodInitializedCondition)
// plus the exact strings the NodeConformance e2e tests assert (test/e2e/common/node/init_container.go)
// and the order kubelet_pods.go generateAPIPodStatus appends them in.
import type { Container, ContainerStatus, PodSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { podConditions, withTransitionTimes, type ConditionInput, type ConditionValue } from './conditions';
import type { PodPhase } from './phase';

const base = (name: string): ContainerStatus => ({ name, ready: false, restartCount: 0, image: '', imageID: '' });
const readyStatus = (name: string): ContainerStatus => ({ ...base(name), ready: true });
const notReady = (name: string): ContainerStatus => base(name);
const startedStatus = (name: string): ContainerStatus => ({ ...base(name), started: true });
const notStarted = (name: string): ContainerStatus => ({ ...base(name), started: false });
const sidecar = (name: string): Container => ({ name, restartPolicy: 'Always' });

interface Input {
  spec: PodSpec;
  init?: ContainerStatus[];
  app?: ContainerStatus[];
  phase?: PodPhase;
  podConditions?: ConditionInput['podConditions'];
}

function conditions(i: Input): Map<string, ConditionValue> {
  const out = podConditions({
    spec: i.spec, phase: i.phase ?? 'Running', initContainerStatuses: i.init ?? [], containerStatuses: i.app ?? [],
    sandboxReady: true, podHasInitialized: false, ...(i.podConditions ? { podConditions: i.podConditions } : {}),
  });
  return new Map(out.map((c) => [c.type, c]));
}

/** status / reason / message of one condition, '' for an absent field. */
function verdict(c: ConditionValue | undefined): [string, string, string] {
  return [c?.status ?? '', c?.reason ?? '', c?.message ?? ''];
}

describe('GenerateContainersReadyCondition (generate_test.go TestGenerateContainersReadyCondition)', () => {
  const two: PodSpec = { containers: [{ name: '1234' }, { name: '5678' }] };
  const cases: [string, Input, [string, string, string]][] = [
    ['no containers, no statuses', { spec: { containers: [] } }, ['True', '', '']],
    ['one container, no status', { spec: { containers: [{ name: '1234' }] } }, ['False', 'ContainersNotReady', 'containers with unknown status: [1234]']],
    ['both ready', { spec: two, app: [readyStatus('1234'), readyStatus('5678')] }, ['True', '', '']],
    ['one ready, one unknown', { spec: two, app: [readyStatus('1234')] }, ['False', 'ContainersNotReady', 'containers with unknown status: [5678]']],
    ['one ready, one not', { spec: two, app: [readyStatus('1234'), notReady('5678')] }, ['False', 'ContainersNotReady', 'containers with unready status: [5678]']],
    ['succeeded pod', { spec: { containers: [{ name: '1234' }] }, app: [notReady('1234')], phase: 'Succeeded' }, ['False', 'PodCompleted', '']],
    ['sidecar without status', { spec: { initContainers: [sidecar('restartable-init-1')], containers: [{ name: 'regular-1' }] }, app: [readyStatus('regular-1')] },
      ['False', 'ContainersNotReady', 'containers with unknown status: [restartable-init-1]']],
    ['two sidecars ready', { spec: { initContainers: [sidecar('restartable-init-1'), sidecar('restartable-init-2')], containers: [{ name: 'regular-1' }] },
      init: [readyStatus('restartable-init-1'), readyStatus('restartable-init-2')], app: [readyStatus('regular-1')] }, ['True', '', '']],
    ['second sidecar unknown', { spec: { initContainers: [sidecar('restartable-init-1'), sidecar('restartable-init-2')], containers: [{ name: 'regular-1' }] },
      init: [readyStatus('restartable-init-1')], app: [readyStatus('regular-1')] }, ['False', 'ContainersNotReady', 'containers with unknown status: [restartable-init-2]']],
    ['second sidecar not ready', { spec: { initContainers: [sidecar('restartable-init-1'), sidecar('restartable-init-2')], containers: [{ name: 'regular-1' }] },
      init: [readyStatus('restartable-init-1'), notReady('restartable-init-2')], app: [readyStatus('regular-1')] },
    ['False', 'ContainersNotReady', 'containers with unready status: [restartable-init-2]']],
  ];
  it.each(cases)('%s', (_n, input, want) => expect(verdict(conditions(input).get('ContainersReady'))).toEqual(want));

  it('lists unknown before unready, each as a Go slice, joined by ", "', () => {
    const spec: PodSpec = { initContainers: [sidecar('side')], containers: [{ name: 'b' }, { name: 'a' }, { name: 'c' }] };
    expect(verdict(conditions({ spec, init: [notReady('side')], app: [notReady('a'), readyStatus('c')] }).get('ContainersReady')))
      .toEqual(['False', 'ContainersNotReady', 'containers with unknown status: [b], containers with unready status: [side a]']);
  });
  it('a regular init container never counts for ContainersReady', () => {
    expect(verdict(conditions({ spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'app' }] }, init: [notReady('init')], app: [readyStatus('app')] }).get('ContainersReady')))
      .toEqual(['True', '', '']);
  });
  it('a Failed pod reads PodFailed, even with containers still ready', () => {
    expect(verdict(conditions({ spec: { containers: [{ name: 'app' }] }, app: [readyStatus('app')], phase: 'Failed' }).get('ContainersReady')))
      .toEqual(['False', 'PodFailed', '']);
  });
  it('a Succeeded pod with an unknown container is not PodCompleted', () => {
    expect(verdict(conditions({ spec: { containers: [{ name: 'a' }, { name: 'b' }] }, app: [notReady('a')], phase: 'Succeeded' }).get('ContainersReady')))
      .toEqual(['False', 'ContainersNotReady', 'containers with unknown status: [b], containers with unready status: [a]']);
  });
});

describe('GeneratePodReadyCondition (generate_test.go TestGeneratePodReadyCondition)', () => {
  const two: PodSpec = { containers: [{ name: '1234' }, { name: '5678' }] };
  const gates = (...names: string[]) => names.map((conditionType) => ({ conditionType }));
  const cases: [string, Input, [string, string, string]][] = [
    ['no containers', { spec: { containers: [] } }, ['True', '', '']],
    ['one container, no status', { spec: { containers: [{ name: '1234' }] } }, ['False', 'ContainersNotReady', 'containers with unknown status: [1234]']],
    ['both ready', { spec: two, app: [readyStatus('1234'), readyStatus('5678')] }, ['True', '', '']],
    ['one unknown', { spec: two, app: [readyStatus('1234')] }, ['False', 'ContainersNotReady', 'containers with unknown status: [5678]']],
    ['one not ready', { spec: two, app: [readyStatus('1234'), notReady('5678')] }, ['False', 'ContainersNotReady', 'containers with unready status: [5678]']],
    ['succeeded', { spec: { containers: [{ name: '1234' }] }, app: [notReady('1234')], phase: 'Succeeded' }, ['False', 'PodCompleted', '']],
    ['gate without its condition', { spec: { containers: [], readinessGates: gates('gate1') } }, ['False', 'ReadinessGatesNotReady', 'corresponding condition of pod readiness gate "gate1" does not exist.']],
    ['gate False', { spec: { containers: [], readinessGates: gates('gate1') }, podConditions: [{ type: 'gate1', status: 'False' }] },
      ['False', 'ReadinessGatesNotReady', 'the status of pod readiness gate "gate1" is not "True", but False']],
    ['gate True', { spec: { containers: [], readinessGates: gates('gate1') }, podConditions: [{ type: 'gate1', status: 'True' }] }, ['True', '', '']],
    ['second gate missing', { spec: { containers: [], readinessGates: gates('gate1', 'gate2') }, podConditions: [{ type: 'gate1', status: 'True' }] },
      ['False', 'ReadinessGatesNotReady', 'corresponding condition of pod readiness gate "gate2" does not exist.']],
    ['second gate False', { spec: { containers: [], readinessGates: gates('gate1', 'gate2') }, podConditions: [{ type: 'gate1', status: 'True' }, { type: 'gate2', status: 'False' }] },
      ['False', 'ReadinessGatesNotReady', 'the status of pod readiness gate "gate2" is not "True", but False']],
    ['both gates True', { spec: { containers: [], readinessGates: gates('gate1', 'gate2') }, podConditions: [{ type: 'gate1', status: 'True' }, { type: 'gate2', status: 'True' }] }, ['True', '', '']],
    ['containers first, then gates', { spec: { containers: [{ name: '1234' }], readinessGates: gates('gate1') }, app: [notReady('1234')], podConditions: [{ type: 'gate1', status: 'True' }] },
      ['False', 'ContainersNotReady', 'containers with unready status: [1234]']],
  ];
  it.each(cases)('%s', (_n, input, want) => expect(verdict(conditions(input).get('Ready'))).toEqual(want));
});

describe('GeneratePodInitializedCondition (generate_test.go TestGeneratePodInitializedCondition)', () => {
  const one: PodSpec = { initContainers: [{ name: '1234' }], containers: [{ name: 'regular' }] };
  const two: PodSpec = { initContainers: [{ name: '1234' }, { name: '5678' }], containers: [{ name: 'regular' }] };
  const oneSidecar: PodSpec = { initContainers: [sidecar('1234')], containers: [{ name: 'regular' }] };
  const cases: [string, Input, [string, string, string]][] = [
    ['no init containers', { spec: { containers: [] } }, ['True', '', '']],
    ['one init container without status', { spec: one }, ['False', 'ContainersNotInitialized', 'containers with unknown status: [1234]']],
    ['both ready', { spec: two, init: [readyStatus('1234'), readyStatus('5678')] }, ['True', '', '']],
    ['second unknown', { spec: two, init: [readyStatus('1234')] }, ['False', 'ContainersNotInitialized', 'containers with unknown status: [5678]']],
    ['second not ready', { spec: two, init: [readyStatus('1234'), notReady('5678')] }, ['False', 'ContainersNotInitialized', 'containers with incomplete status: [5678]']],
    ['succeeded pod', { spec: one, init: [readyStatus('1234')], phase: 'Succeeded' }, ['True', 'PodCompleted', '']],
    ['sidecar not started', { spec: oneSidecar, init: [notStarted('1234')], phase: 'Pending' }, ['False', 'ContainersNotInitialized', 'containers with incomplete status: [1234]']],
    ['sidecar started', { spec: oneSidecar, init: [startedStatus('1234')] }, ['True', '', '']],
    ['sidecar not started but the regular container runs', { spec: oneSidecar, init: [notStarted('1234')], app: [{ ...base('regular'), state: { running: {} } }] }, ['True', '', '']],
    ['init waiting but the regular container terminated', { spec: one, init: [{ ...base('1234'), state: { waiting: {} } }], app: [{ ...base('regular'), state: { terminated: { exitCode: 0 } } }] },
      ['True', '', '']],
  ];
  it.each(cases)('%s', (_n, input, want) => expect(verdict(conditions(input).get('Initialized'))).toEqual(want));

  it('a crash-looping app (Waiting) does not count as started: a restarting sidecar makes Initialized False (HasAnyRegularContainerStarted)', () => {
    const app = { ...base('regular'), state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1 } } };
    expect(verdict(conditions({ spec: oneSidecar, init: [notStarted('1234')], app: [app] }).get('Initialized')))
      .toEqual(['False', 'ContainersNotInitialized', 'containers with incomplete status: [1234]']);
  });
  it('a Succeeded pod without init containers reads PodCompleted too', () => {
    expect(verdict(conditions({ spec: { containers: [{ name: 'a' }] }, app: [notReady('a')], phase: 'Succeeded' }).get('Initialized'))).toEqual(['True', 'PodCompleted', '']);
  });
  it('unknown before incomplete', () => {
    const spec: PodSpec = { initContainers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }], containers: [{ name: 'app' }] };
    expect(verdict(conditions({ spec, init: [notReady('b')] }).get('Initialized')))
      .toEqual(['False', 'ContainersNotInitialized', 'containers with unknown status: [a c], containers with incomplete status: [b]']);
  });
});

// The strings test/e2e/common/node/init_container.go asserts, from statuses as the kubelet posts them
// (every container has a status: Waiting/PodInitializing until it runs).
describe('NodeConformance init-container messages', () => {
  const waitingInit = (name: string): ContainerStatus => ({ ...base(name), state: { waiting: { reason: 'PodInitializing' } } });
  it('RestartAlways, init1 crash-looping: containers with incomplete status: [init1 init2]', () => {
    const init1 = { ...base('init1'), restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } };
    const c = conditions({ spec: { initContainers: [{ name: 'init1' }, { name: 'init2' }], containers: [{ name: 'run1' }] },
      init: [init1, waitingInit('init2')], app: [waitingInit('run1')], phase: 'Pending' });
    expect(verdict(c.get('Initialized'))).toEqual(['False', 'ContainersNotInitialized', 'containers with incomplete status: [init1 init2]']);
    expect(verdict(c.get('Ready'))).toEqual(['False', 'ContainersNotReady', 'containers with unready status: [run1]']);
    expect(verdict(c.get('ContainersReady'))).toEqual(['False', 'ContainersNotReady', 'containers with unready status: [run1]']);
  });
  it('RestartNever, init2 failed: containers with incomplete status: [init2]; ContainersReady PodFailed', () => {
    const init1 = { ...base('init1'), ready: true, state: { terminated: { exitCode: 0, reason: 'Completed' } } };
    const init2 = { ...base('init2'), state: { terminated: { exitCode: 1, reason: 'Error' } } };
    const c = conditions({ spec: { initContainers: [{ name: 'init1' }, { name: 'init2' }], containers: [{ name: 'run1' }], restartPolicy: 'Never' },
      init: [init1, init2], app: [waitingInit('run1')], phase: 'Failed' });
    expect(verdict(c.get('Initialized'))).toEqual(['False', 'ContainersNotInitialized', 'containers with incomplete status: [init2]']);
    expect(verdict(c.get('Ready'))).toEqual(['False', 'PodFailed', '']);
    expect(verdict(c.get('ContainersReady'))).toEqual(['False', 'PodFailed', '']);
  });
  it('RestartNever, all succeeded: Initialized True/PodCompleted, Ready and ContainersReady False/PodCompleted', () => {
    const done = (name: string) => ({ ...base(name), ready: name !== 'run1', state: { terminated: { exitCode: 0, reason: 'Completed' } } });
    const c = conditions({ spec: { initContainers: [{ name: 'init1' }, { name: 'init2' }], containers: [{ name: 'run1' }], restartPolicy: 'Never' },
      init: [done('init1'), done('init2')], app: [done('run1')], phase: 'Succeeded' });
    expect(verdict(c.get('Initialized'))).toEqual(['True', 'PodCompleted', '']);
    expect(verdict(c.get('Ready'))).toEqual(['False', 'PodCompleted', '']);
    expect(verdict(c.get('ContainersReady'))).toEqual(['False', 'PodCompleted', '']);
  });
});

describe('condition order and transition times (kubelet_pods.go generateAPIPodStatus)', () => {
  it('PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled', () => {
    const out = podConditions({ spec: { containers: [{ name: 'a' }] }, phase: 'Pending', initContainerStatuses: [], containerStatuses: [], sandboxReady: false, podHasInitialized: false });
    expect(out.map((c) => `${c.type}=${c.status}`)).toEqual(['PodReadyToStartContainers=False', 'Initialized=True', 'Ready=False', 'ContainersReady=False', 'PodScheduled=True']);
  });
  it('PodReadyToStartContainers turns False once the pod is terminal (its sandbox is killed)', () => {
    for (const phase of ['Succeeded', 'Failed'] as const) {
      const out = podConditions({ spec: { containers: [{ name: 'a' }] }, phase, initContainerStatuses: [], containerStatuses: [], sandboxReady: true, podHasInitialized: true });
      expect(out[0]).toEqual({ type: 'PodReadyToStartContainers', status: 'False' });
    }
    const running = podConditions({ spec: { containers: [{ name: 'a' }] }, phase: 'Running', initContainerStatuses: [], containerStatuses: [], sandboxReady: true, podHasInitialized: true });
    expect(running[0]).toEqual({ type: 'PodReadyToStartContainers', status: 'True' });
  });
  it('keeps lastTransitionTime while a status holds and moves it when it flips', () => {
    const first = withTransitionTimes([{ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [a]' }], undefined, 'T1');
    const same = withTransitionTimes([{ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [b]' }], first, 'T2');
    const flipped = withTransitionTimes([{ type: 'Initialized', status: 'True' }], same, 'T3');
    expect([first[0].lastTransitionTime, same[0].lastTransitionTime, flipped[0].lastTransitionTime]).toEqual(['T1', 'T1', 'T3']);
    expect(same[0].message).toBe('containers with incomplete status: [b]');
    expect(flipped[0]).not.toHaveProperty('reason');
    expect(flipped[0].lastProbeTime).toBeNull();
  });
});
