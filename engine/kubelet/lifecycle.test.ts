// Probes, lifecycle hooks, sidecar start gating and termination, as whole-run goldens.
import { describe, expect, it } from 'vitest';
import { simulate, type ActionInput } from '../sim/simulate';
import type { Trace, TraceRecord } from '../sim/trace';

const rows = (t: Trace) => t.records.filter((r): r is Extract<TraceRecord, { type: 'pod-row' }> => r.type === 'pod-row')
  .map((r) => `${r.t / 1000}s ${r.ready} ${r.status} ${r.restarts} ${r.phase}`);
const events = (t: Trace, reason: string) => t.records.filter((r): r is Extract<TraceRecord, { type: 'event' }> => r.type === 'event' && r.reason === reason)
  .map((r) => `${r.t / 1000}s ${r.fieldPath ?? ''} ${r.message}`);
const run = (manifests: string, untilMs: number, actions: ActionInput[] = []) => simulate({ manifests, untilMs, actions });

describe('probes', () => {
  // Models prober worker.go: readiness starts false, turns true on the first success; exec output is the failure message.
  it('a readiness probe holds READY until it passes; failures are Unhealthy events with the command output', () => {
    const t = run(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ['sh', '-c', 'sleep 8; touch /tmp/ready; sleep 3600']
    readinessProbe: {exec: {command: ['cat', '/tmp/ready']}, periodSeconds: 5}
`, 30_000);
    expect(rows(t)).toEqual(['0s 0/1 Pending 0 Pending', '0s 0/1 ContainerCreating 0 Pending', '1s 0/1 Running 0 Running', '11s 1/1 Running 0 Running']);
    expect(events(t, 'Unhealthy')).toEqual([
      "1s spec.containers{app} Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory",
      "6s spec.containers{app} Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory",
    ]);
  });

  // Models computePodActions: failureThreshold liveness failures kill the container; it restarts with back-off.
  it('a failing liveness probe kills and restarts the container', () => {
    const t = run(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: web
    image: nginx:1.25
    livenessProbe: {httpGet: {path: /healthz, port: 80}, periodSeconds: 5, failureThreshold: 2}
`, 20_000);
    expect(events(t, 'Killing')).toEqual([
      '6s spec.containers{web} Container web failed liveness probe, will be restarted',
      '12s spec.containers{web} Container web failed liveness probe, will be restarted',
    ]);
    expect(events(t, 'Unhealthy')[0]).toBe('1s spec.containers{web} Liveness probe failed: HTTP probe failed with statuscode: 404');
    expect(rows(t)).toContain('7s 1/1 Running 1 Running');
  });
});

describe('native sidecars and hooks', () => {
  const manifests = `apiVersion: v1
kind: Pod
metadata: {name: gated}
spec:
  restartPolicy: Never
  initContainers:
  - name: proxy
    image: busybox:1.36
    restartPolicy: Always
    command: ['sh', '-c', 'sleep 6; touch /tmp/up; trap "exit 0" TERM; while true; do sleep 1; done']
    startupProbe: {exec: {command: ['test', '-f', '/tmp/up']}, periodSeconds: 2, failureThreshold: 10}
  - name: migrate
    image: busybox:1.36
    command: ['sh', '-c', 'sleep 2']
  containers:
  - name: app
    image: busybox:1.36
    command: ['sh', '-c', 'sleep 5']
    lifecycle: {postStart: {exec: {command: ['sh', '-c', 'sleep 3']}}}
  - name: second
    image: busybox:1.36
    command: ['sh', '-c', 'sleep 4']
`;
  const t = run(manifests, 40_000);
  const started = (name: string) => t.records.find((r) => r.type === 'container' && r.container === name && r.state === 'running')?.t;

  // Models KRC computeInitContainerActions: the next init container waits for the sidecar's startupProbe.
  it('starts the next init container only once the sidecar has started', () => {
    expect(started('proxy')).toBe(1_000);
    expect(started('migrate')).toBe(10_000); // probe passes at 9 s, 1 s to start
  });

  // Models E2EN "should not launch second container before PostStart of the first container completed".
  it('starts the second app container only after the first one’s postStart hook', () => {
    expect(started('app')).toBe(13_001);
    expect(started('second')).toBe(17_002);
  });

  // Models D-SIDE: once the app containers are done (Never), the sidecar is stopped and the pod succeeds.
  it('stops the sidecar after the app containers and ends Succeeded, 0/3 Completed', () => {
    const last = rows(t).at(-1)!;
    expect(last).toMatch(/ 0\/3 Completed 0 Succeeded$/);
    expect(events(t, 'Killing')).toEqual([expect.stringMatching(/spec\.initContainers\{proxy\} Stopping container proxy$/)]);
    // Never restarted: every state of the sidecar belongs to its first instance.
    expect(t.records.filter((r) => r.type === 'container' && r.container === 'proxy').every((r) => r.type === 'container' && r.restartCount === 0)).toBe(true);
  });
});

describe('termination', () => {
  const pod = (script: string) => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: busybox:1.36, command: ['sh', '-c', '${script}']}]
`;
  const deleted = (t: Trace) => t.records.find((r) => r.type === 'object' && r.op === 'deleted' && r.kind === 'Pod')?.t;

  // Models k8s-semantics §7: sh as PID 1 has no TERM handler, so the kubelet kills it at the grace period (exit 137).
  it('sh as PID 1 ignores SIGTERM: killed after the 30 s grace period', () => {
    const t = run(pod('sleep 3600'), 60_000, [{ atMs: 10_000, run: 'kubectl delete pod p' }]);
    // The last row repeats when the object is deleted (kubectl -w prints the DELETED event's object too).
    expect(rows(t).slice(-3)).toEqual(['10s 1/1 Terminating 0 Running', '40s 0/1 Terminating 0 Running', '40s 0/1 Terminating 0 Running']);
    expect(deleted(t)).toBe(40_000);
    const exit = t.records.find((r) => r.type === 'container' && r.state === 'terminated');
    expect(exit).toMatchObject({ t: 40_000, exitCode: 137, reason: 'Error' });
  });

  it('a TERM trap ends it as soon as the foreground command returns', () => {
    const t = run(pod('trap \\"exit 0\\" TERM; while true; do sleep 1; done'), 60_000, [{ atMs: 10_000, run: 'kubectl delete pod p' }]);
    expect(deleted(t)).toBeLessThanOrEqual(11_100);
  });
});

describe('budgets', () => {
  // A loop that never waits would spin forever on a real cluster: the container stays Running, the
  // playground stops interpreting it and says so; the run goes on for everything else.
  it('parks a container that never waits: still Running, the run carries a notice, SIGKILL ends it', () => {
    const t = run(`apiVersion: v1
kind: Pod
metadata: {name: spin}
spec:
  containers: [{name: spin, image: busybox:1.36, command: ['sh', '-c', 'while true; do :; done']}]
`, 15 * 60_000, [{ atMs: 200_000, run: 'kubectl delete pod spin' }]);
    expect(rows(t)).toEqual(['0s 0/1 Pending 0 Pending', '0s 0/1 ContainerCreating 0 Pending', '1s 1/1 Running 0 Running',
      '200s 1/1 Terminating 0 Running', '230s 0/1 Terminating 0 Running', '230s 0/1 Terminating 0 Running']);
    expect(t.truncated).toBe(true);
    expect(t.notice).toMatch(/^Container spin of pod spin reached the playground's limit \(.*step budget.*\) at T\+101s/);
    expect(t.diagnostics.map((d) => d.code)).toEqual(['budget']);
  });
});

describe('start errors', () => {
  // Models kuberuntime startContainer: a runtime start failure is a Warning Failed event, never Started.
  it('a missing executable is Created then Failed with the runtime message, and STATUS StartError', () => {
    const t = run(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: setup, image: busybox:1.36, command: ['/bin/bash', '-c', 'echo hi']}]
  containers: [{name: app, image: busybox:1.36, command: ['sh', '-c', 'sleep 3600']}]
`, 5_000);
    expect(events(t, 'Started')).toEqual([]);
    expect(events(t, 'Failed')[0]).toBe('1s spec.initContainers{setup} Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown');
    expect(rows(t)[2]).toBe('1s 0/1 Init:StartError 0 Pending');
  });
});
