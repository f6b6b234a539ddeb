// getPhase tables: the cases of kubernetes/kubernetes pkg/kubelet/kubelet_pods_test.go
// (TestPodPhaseWithRestartAlways/Never/OnFailure, …InitContainers, …RestartableInitContainers,
// …AlwaysAndPodHasRun), rewritten as kubernetes-types objects. Upstream passes one combined status
// list; ours takes init and app statuses apart, so each case names which list a status belongs to.
import type { Container, ContainerStatus, PodSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { getPhase, pendingInitRuleFor, type PodPhase } from './phase';

// ---- status builders (the shapes of the upstream helpers, by meaning) ----------------------------
const waiting = (name: string): ContainerStatus => ({ name, ready: false, restartCount: 0, image: '', imageID: '', state: { waiting: {} } });
/** Waiting after a run that exited 0 (waitingStateWithLastTermination). */
const waitingAfterZero = (name: string): ContainerStatus => ({ ...waiting(name), lastState: { terminated: { exitCode: 0 } } });
/** Waiting after a run that exited non-zero, i.e. crash-loop back-off (waitingStateWithNonZeroTermination). */
const waitingAfterFailure = (name: string): ContainerStatus => ({ ...waiting(name), lastState: { terminated: { exitCode: -1 } } });
/** Running, `started` unset (runningState). */
const running = (name: string): ContainerStatus => ({ name, ready: false, restartCount: 0, image: '', imageID: '', state: { running: {} } });
/** Running with started=true (startedState). */
const started = (name: string): ContainerStatus => ({ ...running(name), started: true });
/** Terminated with no exit code set, i.e. 0 (stoppedState). */
const stopped = (name: string): ContainerStatus => ({ name, ready: false, restartCount: 0, image: '', imageID: '', state: { terminated: { exitCode: 0 } } });
const succeeded = (name: string): ContainerStatus => ({ name, ready: false, restartCount: 0, image: '', imageID: '', state: { terminated: { exitCode: 0 } } });
const failed = (name: string): ContainerStatus => ({ name, ready: false, restartCount: 0, image: '', imageID: '', state: { terminated: { exitCode: -1 } } });

const sidecar = (name: string): Container => ({ name, restartPolicy: 'Always' });
const regular = (name: string): Container => ({ name });

interface Case {
  readonly test: string;
  readonly init?: readonly ContainerStatus[];
  readonly app?: readonly ContainerStatus[];
  readonly terminal?: boolean;
  readonly initialized?: boolean;
  readonly want: PodPhase;
}

function table(title: string, spec: PodSpec, cases: readonly Case[]): void {
  describe(title, () => {
    it.each(cases.map((c) => [c.test, c] as const))('%s', (_name, c) => {
      expect(getPhase({
        spec,
        initContainerStatuses: c.init,
        containerStatuses: c.app,
        podIsTerminal: c.terminal ?? false,
        podHasInitialized: c.initialized ?? false,
      })).toBe(c.want);
    });
  });
}

const twoApps = [regular('containerA'), regular('containerB')];

table('TestPodPhaseWithRestartAlways', { containers: twoApps, restartPolicy: 'Always' }, [
  { test: 'waiting', want: 'Pending' },
  { test: 'all running', app: [running('containerA'), running('containerB')], want: 'Running' },
  { test: 'all stopped with restart always', app: [stopped('containerA'), stopped('containerB')], want: 'Running' },
  { test: 'all succeeded with restart always, but the pod is terminal', app: [succeeded('containerA'), succeeded('containerB')], terminal: true, want: 'Succeeded' },
  { test: 'all stopped with restart always, but the pod is terminal', app: [succeeded('containerA'), failed('containerB')], terminal: true, want: 'Failed' },
  { test: 'mixed state #1 with restart always', app: [running('containerA'), stopped('containerB')], want: 'Running' },
  { test: 'mixed state #2 with restart always', app: [running('containerA')], want: 'Pending' },
  { test: 'mixed state #3 with restart always', app: [running('containerA'), waiting('containerB')], want: 'Pending' },
  { test: 'backoff crashloop container with restart always', app: [running('containerA'), waitingAfterZero('containerB')], want: 'Running' },
]);

table('TestPodPhaseWithRestartNever', { containers: twoApps, restartPolicy: 'Never' }, [
  { test: 'waiting', want: 'Pending' },
  { test: 'all running with restart never', app: [running('containerA'), running('containerB')], want: 'Running' },
  { test: 'all succeeded with restart never', app: [succeeded('containerA'), succeeded('containerB')], want: 'Succeeded' },
  { test: 'all failed with restart never', app: [failed('containerA'), failed('containerB')], want: 'Failed' },
  { test: 'mixed state #1 with restart never', app: [running('containerA'), succeeded('containerB')], want: 'Running' },
  { test: 'mixed state #2 with restart never', app: [running('containerA')], want: 'Pending' },
  { test: 'mixed state #3 with restart never', app: [running('containerA'), waiting('containerB')], want: 'Pending' },
]);

table('TestPodPhaseWithRestartOnFailure', { containers: twoApps, restartPolicy: 'OnFailure' }, [
  { test: 'waiting', want: 'Pending' },
  { test: 'all running with restart onfailure', app: [running('containerA'), running('containerB')], want: 'Running' },
  { test: 'all succeeded with restart onfailure', app: [succeeded('containerA'), succeeded('containerB')], want: 'Succeeded' },
  { test: 'all failed with restart onfailure (restarting)', app: [failed('containerA'), failed('containerB')], want: 'Running' },
  { test: 'mixed state #1 with restart onfailure', app: [running('containerA'), succeeded('containerB')], want: 'Running' },
  { test: 'mixed state #2 with restart onfailure', app: [running('containerA')], want: 'Pending' },
  { test: 'mixed state #3 with restart onfailure', app: [running('containerA'), waiting('containerB')], want: 'Pending' },
  { test: 'backoff crashloop container with restart onfailure', app: [running('containerA'), waitingAfterZero('containerB')], want: 'Running' },
]);

const oneInit = (restartPolicy: PodSpec['restartPolicy']): PodSpec => ({ initContainers: [regular('containerX')], containers: twoApps, restartPolicy });

table('TestPodPhaseWithRestartAlwaysInitContainers', oneInit('Always'), [
  { test: 'empty, waiting', want: 'Pending' },
  { test: 'init container running', init: [running('containerX')], want: 'Pending' },
  { test: 'init container terminated non-zero', init: [failed('containerX')], want: 'Pending' },
  { test: 'init container waiting, terminated zero', init: [waitingAfterZero('containerX')], want: 'Pending' },
  { test: 'init container waiting, terminated non-zero', init: [waitingAfterFailure('containerX')], want: 'Pending' },
  { test: 'init container waiting, not terminated', init: [waiting('containerX')], want: 'Pending' },
  { test: 'init container succeeded', init: [succeeded('containerX')], app: [running('containerA'), running('containerB')], want: 'Running' },
]);

table('TestPodPhaseWithRestartNeverInitContainers', oneInit('Never'), [
  { test: 'empty, waiting', want: 'Pending' },
  { test: 'init container running', init: [running('containerX')], want: 'Pending' },
  { test: 'init container terminated non-zero', init: [failed('containerX')], want: 'Failed' },
  { test: 'init container waiting, terminated zero', init: [waitingAfterZero('containerX')], want: 'Pending' },
  { test: 'init container waiting, terminated non-zero', init: [waitingAfterFailure('containerX')], want: 'Failed' },
  { test: 'init container waiting, not terminated', init: [waiting('containerX')], want: 'Pending' },
  { test: 'init container succeeded', init: [succeeded('containerX')], app: [running('containerA'), running('containerB')], want: 'Running' },
]);

// Upstream has no OnFailure init table; getPhase only fails the pod on an init failure under Never,
// so OnFailure behaves as Always here (k8s-semantics §2.2: "same as Always").
table('init containers under OnFailure (getPhase: only Never fails on an init failure)', oneInit('OnFailure'), [
  { test: 'init container terminated non-zero', init: [failed('containerX')], want: 'Pending' },
  { test: 'init container waiting, terminated non-zero', init: [waitingAfterFailure('containerX')], want: 'Pending' },
  { test: 'init container succeeded, apps running', init: [succeeded('containerX')], app: [running('containerA'), running('containerB')], want: 'Running' },
  { test: 'init container succeeded, apps succeeded', init: [succeeded('containerX')], app: [succeeded('containerA'), succeeded('containerB')], want: 'Succeeded' },
]);

const oneSidecar = (restartPolicy: PodSpec['restartPolicy']): PodSpec => ({ initContainers: [sidecar('containerX')], containers: twoApps, restartPolicy });

table('TestPodPhaseWithRestartAlwaysRestartableInitContainers', oneSidecar('Always'), [
  { test: 'empty, waiting', want: 'Pending' },
  { test: 'restartable init container running', init: [running('containerX')], want: 'Pending' },
  { test: 'restartable init container stopped', init: [stopped('containerX')], want: 'Pending' },
  { test: 'restartable init container waiting, terminated zero', init: [waitingAfterZero('containerX')], want: 'Pending' },
  { test: 'restartable init container waiting, terminated non-zero', init: [waitingAfterFailure('containerX')], want: 'Pending' },
  { test: 'restartable init container waiting, not terminated', init: [waiting('containerX')], want: 'Pending' },
  { test: 'restartable init container started, 1/2 regular container running', init: [started('containerX')], app: [running('containerA')], initialized: true, want: 'Pending' },
  { test: 'restartable init container started, all regular containers running', init: [started('containerX')], app: [running('containerA'), running('containerB')], initialized: true, want: 'Running' },
  { test: 'restartable init container running, all regular containers running', init: [running('containerX')], app: [running('containerA'), running('containerB')], initialized: true, want: 'Running' },
  { test: 'restartable init container stopped, all regular containers running', init: [stopped('containerX')], app: [running('containerA'), running('containerB')], initialized: true, want: 'Running' },
  { test: 'backoff crashloop restartable init container, all regular containers running', init: [waitingAfterZero('containerX')], app: [running('containerA'), running('containerB')], initialized: true, want: 'Running' },
  { test: 'all regular containers succeeded and restartable init container failed with restart always, but the pod is terminal',
    init: [failed('containerX')], app: [succeeded('containerA'), succeeded('containerB')], terminal: true, initialized: true, want: 'Succeeded' },
  { test: 'all regular containers succeeded and restartable init container succeeded with restart always, but the pod is terminal',
    init: [succeeded('containerX')], app: [succeeded('containerA'), succeeded('containerB')], terminal: true, initialized: true, want: 'Succeeded' },
  { test: 're-initializing the pod after the sandbox is recreated', init: [running('containerX')], app: [running('containerA'), running('containerB')], initialized: false, want: 'Pending' },
]);

table('TestPodPhaseWithRestartNeverRestartableInitContainers', oneSidecar('Never'), [
  { test: 'empty, waiting', want: 'Pending' },
  { test: 'restartable init container running', init: [running('containerX')], want: 'Pending' },
  { test: 'restartable init container stopped', init: [stopped('containerX')], want: 'Pending' },
  { test: 'restartable init container waiting, terminated zero', init: [waitingAfterZero('containerX')], want: 'Pending' },
  { test: 'restartable init container waiting, terminated non-zero', init: [waitingAfterFailure('containerX')], want: 'Pending' },
  { test: 'restartable init container waiting, not terminated', init: [waiting('containerX')], want: 'Pending' },
  { test: 'restartable init container started, one main container running', init: [started('containerX')], app: [running('containerA')], initialized: true, want: 'Pending' },
  { test: 'restartable init container started, main containers succeeded', init: [started('containerX')], app: [succeeded('containerA'), succeeded('containerB')], initialized: true, want: 'Running' },
  { test: 'restartable init container re-running, main containers succeeded', init: [running('containerX')], app: [succeeded('containerA'), succeeded('containerB')], initialized: true, want: 'Running' },
  { test: 'all containers succeeded', init: [succeeded('containerX')], app: [succeeded('containerA'), succeeded('containerB')], initialized: true, want: 'Succeeded' },
  { test: 'restartable init container terminated non-zero, main containers succeeded', init: [failed('containerX')], app: [succeeded('containerA'), succeeded('containerB')], initialized: true, want: 'Succeeded' },
  { test: 'backoff crashloop restartable init container, main containers succeeded', init: [waitingAfterZero('containerX')], app: [succeeded('containerA'), succeeded('containerB')], initialized: true, want: 'Succeeded' },
  { test: 'backoff crashloop with non-zero restartable init container, main containers succeeded', init: [waitingAfterFailure('containerX')], app: [succeeded('containerA'), succeeded('containerB')], initialized: true, want: 'Succeeded' },
]);

table('TestPodPhaseWithRestartAlwaysAndPodHasRun',
  { initContainers: [regular('containerX'), sidecar('containerY')], containers: [regular('containerA')], restartPolicy: 'Always' }, [
    { test: 'regular init containers, restartable init container and regular container are all running',
      init: [running('containerX'), running('containerY')], app: [running('containerA')], initialized: false, want: 'Pending' },
    { test: 'regular containers is stopped, restartable init container and regular int container are both running',
      init: [running('containerX'), running('containerY')], app: [stopped('containerA')], initialized: false, want: 'Pending' },
    { test: 're-created sandbox: regular init container is succeeded, restartable init container is running, old regular containers is stopped',
      init: [succeeded('containerX'), running('containerY')], app: [stopped('containerA')], initialized: false, want: 'Pending' },
    { test: 'regular init container is succeeded, restartable init container is running, regular containers is stopped',
      init: [succeeded('containerX'), running('containerY')], app: [stopped('containerA')], initialized: true, want: 'Running' },
    { test: 'regular init container is succeeded, restartable init container and regular containers are both running',
      init: [succeeded('containerX'), running('containerY')], app: [running('containerA')], initialized: true, want: 'Running' },
  ]);

// Cases upstream's tables do not reach (their apps have no status, so every branch ends Pending), read
// off getPhase itself: a regular init container Waiting after a zero exit is neither pending nor failed.
table('getPhase: a regular init container waiting after exit 0 is not pending (kubelet_pods.go getPhase)', oneInit('Always'), [
  { test: 'init waiting after exit 0, apps running', init: [waitingAfterZero('containerX')], app: [running('containerA'), running('containerB')], want: 'Running' },
  { test: 'init waiting after failure, apps running (Always)', init: [waitingAfterFailure('containerX')], app: [running('containerA'), running('containerB')], want: 'Running' },
]);

describe('getPhase: more cases from its branches', () => {
  const spec = (restartPolicy: PodSpec['restartPolicy']): PodSpec => ({ initContainers: [regular('init'), sidecar('side')], containers: [regular('app')], restartPolicy });
  it('an init failure under Never wins over everything else, even a running app', () => {
    expect(getPhase({ spec: spec('Never'), initContainerStatuses: [failed('init'), started('side')], containerStatuses: [running('app')], podIsTerminal: false, podHasInitialized: true })).toBe('Failed');
  });
  it('a sidecar that never started keeps a fresh pod Pending even though the app has a status', () => {
    expect(getPhase({ spec: spec('Always'), initContainerStatuses: [succeeded('init'), running('side')], containerStatuses: [running('app')], podIsTerminal: false, podHasInitialized: false })).toBe('Pending');
  });
  it('a sidecar with no status counts as unknown: Pending, whatever the app does', () => {
    expect(getPhase({ spec: spec('Never'), initContainerStatuses: [succeeded('init')], containerStatuses: [succeeded('app')], podIsTerminal: false, podHasInitialized: true })).toBe('Pending');
  });
  it('terminal pod: Failed when one app container failed, whatever the restartPolicy', () => {
    for (const p of ['Always', 'OnFailure', 'Never'] as const) {
      expect(getPhase({ spec: spec(p), initContainerStatuses: [succeeded('init'), failed('side')], containerStatuses: [failed('app')], podIsTerminal: true, podHasInitialized: true })).toBe('Failed');
    }
  });
  it('OnFailure: an app in crash-loop back-off alone keeps the pod Running', () => {
    expect(getPhase({ spec: { containers: [regular('app')], restartPolicy: 'OnFailure' }, containerStatuses: [waitingAfterFailure('app')], podIsTerminal: false, podHasInitialized: true })).toBe('Running');
  });
  it('Never: an app that failed alone makes the pod Failed', () => {
    expect(getPhase({ spec: { containers: [regular('app')], restartPolicy: 'Never' }, containerStatuses: [failed('app')], podIsTerminal: false, podHasInitialized: true })).toBe('Failed');
  });
  it('restartPolicy defaults to Always', () => {
    expect(getPhase({ spec: { containers: [regular('app')] }, containerStatuses: [failed('app')], podIsTerminal: false, podHasInitialized: true })).toBe('Running');
  });
});

// k8s-semantics §2.1/§13 [ver]: a sandbox re-created after the app ran; init-1 runs again, the app's old run is Terminated.
describe('getPhase while a re-created sandbox re-runs the init containers, per version rule', () => {
  const spec: PodSpec = { initContainers: [regular('init-1')], containers: [regular('app')], restartPolicy: 'Always' };
  it.each([['split', 'Pending'], ['until-app-started', 'Running'], ['any', 'Pending']] as const)('%s → %s', (rule, want) => {
    expect(getPhase({ spec, initContainerStatuses: [running('init-1')], containerStatuses: [failed('app')], podIsTerminal: false,
      podHasInitialized: false, pendingInitRule: rule })).toBe(want);
  });
  it('maps versions to rules: ≤1.27 any, 1.28–1.31 until-app-started, ≥1.32 split', () => {
    expect([27, 28, 31, 32, 36].map(pendingInitRuleFor)).toEqual(['any', 'until-app-started', 'until-app-started', 'split', 'split']);
  });
});
