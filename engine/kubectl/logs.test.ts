import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { LogInstance, LogsRequest } from './logs';
import { runLogs, validateContainerLogStatus } from './logs';
import { myappPod, at } from './fixtures/myappPod';

const req = (p: Partial<LogsRequest>): LogsRequest => ({ target: 'myapp-pod', previous: false, follow: false, namespace: 'default', ...p });
const reader = (pod: Pod, c: string, i: LogInstance): string => `${pod.metadata?.name}/${c}/${i}\nline2\nline3\n`;
const store = { pods: [myappPod] };

describe('runLogs (client side)', () => {
  it('defaults to the first app container with a note on stderr', () => {
    const p: Pod = structuredClone(myappPod);
    p.status!.containerStatuses![0].state = { running: { startedAt: at(60) } };
    expect(runLogs({ pods: [p] }, req({}), reader)).toEqual({ exitCode: 0, stdout: 'myapp-pod/myapp-container/current\nline2\nline3\n',
      stderr: 'Defaulted container "myapp-container" out of: myapp-container, init-myservice (init), init-mydb (init)\n',
      // The note is written before the log.
      stderrFirst: 'Defaulted container "myapp-container" out of: myapp-container, init-myservice (init), init-mydb (init)\n'.length });
  });
  it('names an unknown container, listing the pod containers from kubectl 1.36', () => {
    expect(runLogs(store, req({ container: 'nope' }), reader)).toEqual({ stdout: '', exitCode: 1,
      stderr: 'error: container nope is not valid for pod myapp-pod out of: myapp-container, init-myservice (init), init-mydb (init)\n' });
    expect(runLogs(store, req({ container: 'nope' }), reader, { kubectlMinor: 35 }).stderr).toBe('error: container nope is not valid for pod myapp-pod\n');
  });
  it('a missing pod is a wrapped NotFound error (kubectl ≥ 1.30)', () => {
    expect(runLogs(store, req({ target: 'nope' }), reader).stderr).toBe('error: error from server (NotFound): pods "nope" not found in namespace "default"\n');
    expect(runLogs(store, req({ target: 'deploy/nope' }), reader).stderr).toBe('error: error from server (NotFound): deployments.apps "nope" not found in namespace "default"\n');
  });
  it('deploy/NAME picks a pod by ByLogging order and says so when there are several', () => {
    const d: Deployment = { metadata: { name: 'init-container', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'init-container' } }, template: { spec: { containers: [] } } } };
    const mk = (name: string, phase: string, created: number): Pod => ({
      metadata: { name, namespace: 'default', labels: { app: 'init-container' }, creationTimestamp: at(created) },
      spec: { nodeName: 'node1', initContainers: [{ name: 'init-container-1' }], containers: [{ name: 'init-container' }] },
      status: { phase, containerStatuses: [{ name: 'init-container', image: '', imageID: '', ready: phase === 'Running', restartCount: 0,
        state: phase === 'Running' ? { running: {} } : { waiting: { reason: 'PodInitializing' } } }] } });
    const pods = [mk('init-container-b', 'Pending', 0), mk('init-container-a', 'Running', 5), mk('init-container-c', 'Running', 1)];
    const out = runLogs({ deployments: [d], pods }, req({ target: 'deploy/init-container', container: 'init-container' }), reader);
    expect(out.stderr).toBe('Found 3 pods, using pod/init-container-c\n');
    expect(out.stdout.startsWith('init-container-c/init-container/current')).toBe(true);
    expect(runLogs({ deployments: [d], pods: [pods[1]] }, req({ target: 'deploy/init-container', container: 'init-container1' }), reader).stderr)
      .toBe('error: container init-container1 is not valid for pod init-container-a out of: init-container, init-container-1 (init)\n');
  });
  it('--tail keeps the last lines', () => {
    const p: Pod = structuredClone(myappPod);
    expect(runLogs({ pods: [p] }, req({ container: 'init-myservice', tail: 1 }), reader).stdout).toBe('line3\n');
  });
  it('kubectl < 1.24 asks the server, which wants a container name', () => {
    expect(runLogs(store, req({}), reader, { kubectlMinor: 23 }).stderr).toBe(
      'Error from server (BadRequest): a container name must be specified for pod myapp-pod, choose one of: [myapp-container] or one of the init containers: [init-myservice init-mydb]\n');
  });
});

describe('validateContainerLogStatus (kubelet)', () => {
  it('waiting containers cannot be read', () => {
    expect(runLogs(store, req({ container: 'init-mydb' }), reader).stderr).toBe(
      'Error from server (BadRequest): container "init-mydb" in pod "myapp-pod" is waiting to start: PodInitializing\n');
    const p: Pod = structuredClone(myappPod);
    p.status!.initContainerStatuses![1].state = { waiting: { reason: 'ImagePullBackOff' } };
    expect(validateContainerLogStatus(p, 'init-mydb', false)).toEqual({ error: 'container "init-mydb" in pod "myapp-pod" is waiting to start: trying and failing to pull image' });
    p.status!.initContainerStatuses![1].state = { waiting: { reason: 'ErrImagePull' } };
    expect(validateContainerLogStatus(p, 'init-mydb', false)).toEqual({ error: 'container "init-mydb" in pod "myapp-pod" is waiting to start: image can\'t be pulled' });
  });
  it('-p needs a previous instance; a crash-looping container serves its last run', () => {
    expect(runLogs(store, req({ container: 'init-myservice', previous: true }), reader).stderr).toBe(
      'Error from server (BadRequest): previous terminated container "init-myservice" in pod "myapp-pod" not found\n');
    const p: Pod = structuredClone(myappPod);
    Object.assign(p.status!.initContainerStatuses![0], { state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 1, containerID: 'containerd://1' } } });
    expect(validateContainerLogStatus(p, 'init-myservice', false)).toEqual({ instance: 'previous' });
    expect(validateContainerLogStatus(p, 'init-myservice', true)).toEqual({ instance: 'previous' });
  });
});
