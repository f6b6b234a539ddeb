// kubectl apply on existing objects: unchanged / configured / Forbidden, with the last-applied annotation.
import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/simulate';
import type { TraceRecord } from '../sim/trace';

const pod = (appImage: string, initImage = 'busybox:1.36', command = 'trap "exit 0" TERM; while true; do sleep 1; done') => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - {name: setup, image: ${initImage}, command: ['sh', '-c', 'echo setup']}
  containers:
  - {name: app, image: ${appImage}, command: ['sh', '-c', '${command}']}
`;

const trace = simulate({ manifests: pod('busybox:1.36'), untilMs: 40_000, actions: [
  { atMs: 5_000, run: 'kubectl apply -f -', stdin: pod('busybox:1.36') },
  { atMs: 10_000, run: 'kubectl apply -f -', stdin: pod('busybox:1.37', 'busybox:1.35') },
  { atMs: 20_000, run: 'kubectl apply -f -', stdin: pod('busybox:1.37', 'busybox:1.35', 'sleep 1') },
  { atMs: 30_000, run: 'kubectl get pod p -o yaml' },
] });
const commands = trace.records.filter((r): r is Extract<TraceRecord, { type: 'command' }> => r.type === 'command');

describe('kubectl apply on an existing object', () => {
  it('re-applying the same manifest is unchanged (compared with the last-applied configuration)', () => {
    expect(commands[0]).toMatchObject({ stdout: 'pod/p unchanged\n', exit: 0 });
  });

  // Models ValidatePodUpdate + computePodActions: images may change; the app container restarts, the done init container does not.
  it('an image change is configured and restarts only the app container', () => {
    expect(commands[1]).toMatchObject({ stdout: 'pod/p configured\n', exit: 0 });
    const killing = trace.records.filter((r) => r.type === 'event' && r.reason === 'Killing').map((r) => r.type === 'event' && r.message);
    expect(killing).toEqual(['Container app definition changed, will be restarted']);
    const setupRuns = trace.records.filter((r) => r.type === 'container' && r.container === 'setup' && r.state === 'terminated');
    expect(setupRuns).toHaveLength(1);
  });

  it('any other pod change is Forbidden with the API server message', () => {
    expect(commands[2].exit).toBe(1);
    expect(commands[2].stderr).toMatch(/^The Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,/);
    // ValidatePodUpdate appends cmp.Diff(old spec, new spec with the updatable fields put back): the new images are not in it.
    const report = commands[2].stderr.slice(commands[2].stderr.indexOf('\n') + 1);
    expect(report).toMatch(/^ {2}core\.PodSpec\{\n {2}\tVolumes: +\{\{Name: "kube-api-access-\w{5}", VolumeSource: \{Projected: &\{/);
    expect(report).toContain(['  \tContainers: []core.Container{', '  \t\t{', '  \t\t\tName:  "app",', '  \t\t\tImage: "busybox:1.37",', '  \t\t\tCommand: []string{',
      '  \t\t\t\t"sh",', '  \t\t\t\t"-c",', '- \t\t\t\t`trap "exit 0" TERM; while true; do sleep 1; done`,', '+ \t\t\t\t"sleep 1",', '  \t\t\t},'].join('\n'));
    expect(report).toMatch(/\n {2}\t\.\.\. \/\/ 31 identical fields\n {2}\}\n$/);
  });

  it('adding a container is refused before any diff; so is a new terminationGracePeriodSeconds', () => {
    const t = simulate({ manifests: pod('busybox:1.36'), untilMs: 20_000, actions: [
      { atMs: 5_000, run: 'kubectl apply -f -', stdin: `${pod('busybox:1.36')}  - {name: two, image: busybox:1.36}\n` },
      { atMs: 6_000, run: 'kubectl apply -f -', stdin: `${pod('busybox:1.36')}  terminationGracePeriodSeconds: 5\n` },
    ] });
    const [added, grace] = t.records.filter((r): r is Extract<TraceRecord, { type: 'command' }> => r.type === 'command');
    expect(added.stderr).toBe('The Pod "p" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers\n');
    expect(grace.stderr).toContain(['  \tRestartPolicy:                 "Always",', '- \tTerminationGracePeriodSeconds: &30,', '+ \tTerminationGracePeriodSeconds: &5,'].join('\n'));
  });

  it('records the applied manifest as kubectl.kubernetes.io/last-applied-configuration', () => {
    expect(commands[3].stdout).toContain('kubectl.kubernetes.io/last-applied-configuration: |\n      {"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"p","namespace":"default"},"spec":{"containers":[{"command":["sh","-c","trap \\"exit 0\\" TERM; while true; do sleep 1; done"],"image":"busybox:1.37","name":"app"}]');
    expect(commands[3].stdout).toContain('image: busybox:1.37');
  });
});
