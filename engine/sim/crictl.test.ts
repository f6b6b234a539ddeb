// crictl on the node (cri-tools cmd/crictl/sandbox.go) and what the kubelet does when a sandbox is stopped
// (kuberuntime_manager.go computePodActions: podSandboxChanged).
import { describe, expect, it } from 'vitest';
import { simulate, type ActionInput } from './simulate';
import type { Trace, TraceRecord } from './trace';
import { unitsHumanDuration } from './crictl';

type Command = Extract<TraceRecord, { type: 'command' }>;
type Row = Extract<TraceRecord, { type: 'pod-row' }>;

const pod = (name: string, policy: string, app = 'sleep 3600') => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  restartPolicy: ${policy}
  initContainers:
  - {name: init, image: busybox:1.36, command: ['sh', '-c', 'sleep 2']}
  containers:
  - {name: app, image: busybox:1.36, command: ['sh', '-c', '${app}']}
`;

const run = (manifests: string, untilMs: number, actions: ActionInput[], settings = {}): Trace => simulate({ manifests, untilMs, actions, settings });
const cmd = (t: Trace, line: string, at?: number): Command =>
  t.records.find((r): r is Command => r.type === 'command' && r.run === line && (at === undefined || r.t === at))!;
const rows = (t: Trace, name: string): Row[] => t.records.filter((r): r is Row => r.type === 'pod-row' && r.pod === name);
const idOf = (manifests: string, name: string): string =>
  cmd(run(manifests, 6_000, [{ atMs: 5_000, run: `crictl pods -q --name ^${name}$` }]), `crictl pods -q --name ^${name}$`).stdout.trim();

describe('crictl pods', () => {
  it('lists sandboxes newest first in crictl\'s table (tabwriter minwidth 20, padding 3, IDs cut to 13)', () => {
    const t = run(pod('a', 'Always') + '---\n' + pod('b', 'Always'), 90_000, [{ atMs: 75_000, run: 'crictl pods' }]);
    const lines = cmd(t, 'crictl pods').stdout.split('\n');
    expect(lines[0]).toBe('POD ID              CREATED              STATE               NAME                NAMESPACE           ATTEMPT             RUNTIME');
    expect(lines.slice(1, 3).map((l) => l.replace(/^[0-9a-f]{13} {7}/, 'ID')))
      .toEqual(['IDAbout a minute ago   Ready               b                   default             0                   (default)',
        'IDAbout a minute ago   Ready               a                   default             0                   (default)']);
    expect(lines[3]).toBe('');
  });

  it('-q prints full 64-digit IDs; --name filters by regular expression; --state by readiness', () => {
    const manifests = pod('web', 'Always') + '---\n' + pod('db', 'Always');
    const t = run(manifests, 10_000, [{ atMs: 5_000, run: 'crictl pods -q --name we' }, { atMs: 5_000, run: 'crictl pods -q -s notready' },
      { atMs: 5_000, run: 'crictl pods --state bogus' }, { atMs: 5_000, run: 'crictl pods --bogus' }]);
    expect(cmd(t, 'crictl pods -q --name we').stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(cmd(t, 'crictl pods -q -s notready').stdout).toBe('');
    expect(cmd(t, 'crictl pods --state bogus')).toMatchObject({ stderr: 'ERRO[0000] listing pod sandboxes: list pod sandboxes: --state should be ready or notready\n', exit: 1 });
    expect(cmd(t, 'crictl pods --bogus')).toMatchObject({ stderr: 'Incorrect Usage: flag provided but not defined: -bogus\n', exit: 1 });
  });

  it('a bad --name pattern fails as crictl reports Go regexp errors', () => {
    const t = run(pod('web', 'Always'), 5_000, [{ atMs: 1_000, run: 'crictl pods --name (' }]);
    expect(cmd(t, 'crictl pods --name (')).toMatchObject({
      stderr: 'ERRO[0000] listing pod sandboxes: list pod sandboxes: invalid regular expression "(": error parsing regexp: missing closing ): `(`\n', exit: 1,
    });
  });

  it('CREATED reads as docker/go-units HumanDuration', () => {
    expect([500, 1_000, 59_999, 60_000, 119_999, 120_000, 3_600_000].map(unitsHumanDuration))
      .toEqual(['Less than a second', '1 second', '59 seconds', 'About a minute', 'About a minute', '2 minutes', 'About an hour']);
  });
});

describe('crictl stopp', () => {
  const manifests = pod('web', 'Always');
  const id = idOf(manifests, 'web');

  it('accepts a unique prefix and echoes it; unknown IDs fail as containerd answers', () => {
    const t = run(manifests, 10_000, [{ atMs: 5_000, run: `crictl stopp ${id.slice(0, 5)}` }, { atMs: 6_000, run: 'crictl stopp ffff' }]);
    expect(cmd(t, `crictl stopp ${id.slice(0, 5)}`)).toMatchObject({ stdout: `Stopped sandbox ${id.slice(0, 5)}\n`, exit: 0 });
    expect(cmd(t, 'crictl stopp ffff')).toMatchObject({
      stderr: 'ERRO[0000] stopping the pod sandbox "ffff": rpc error: code = NotFound desc = an error occurred when try to find sandbox "ffff": not found\n', exit: 1,
    });
  });

  it('Always: the app is SIGKILLed (137), SandboxChanged, a new sandbox (attempt 1, new IP), init runs again', () => {
    const t = run(manifests, 30_000, [{ atMs: 10_000, run: `crictl stopp ${id}` }, { atMs: 20_000, run: 'crictl pods' },
      { atMs: 20_000, run: 'kubectl get pod web -o wide' }, { atMs: 9_000, run: 'kubectl get pod web -o wide' }]);
    const events = t.records.filter((r) => r.type === 'event' && r.reason === 'SandboxChanged');
    expect(events).toHaveLength(1);
    const listed = cmd(t, 'crictl pods').stdout.split('\n').slice(1, 3).map((l) => l.split(/\s{3,}/).slice(2, 6));
    expect(listed).toEqual([['Ready', 'web', 'default', '1'], ['NotReady', 'web', 'default', '0']]);
    const ip = (at: number) => cmd(t, 'kubectl get pod web -o wide', at).stdout.split('\n')[1].split(/\s+/)[5];
    expect(ip(9_000)).not.toBe(ip(20_000));
    const init = t.records.filter((r) => r.type === 'container' && r.container === 'init' && r.state === 'running');
    expect(init.map((r) => r.type === 'container' && r.restartCount)).toEqual([0, 1]);
    expect(rows(t, 'web').at(-1)).toMatchObject({ status: 'Running', restarts: 1, phase: 'Running' });
  });

  it('Never, after containers ran: no new sandbox; the pod fails', () => {
    const never = pod('once', 'Never');
    const t = run(never, 30_000, [{ atMs: 10_000, run: `crictl stopp ${idOf(never, 'once')}` }]);
    expect(t.records.filter((r) => r.type === 'event' && r.reason === 'SandboxChanged')).toHaveLength(0);
    expect(rows(t, 'once').at(-1)).toMatchObject({ status: 'Error', phase: 'Failed' });
  });

  it('OnFailure once every app container succeeded (sidecar still running): no new sandbox, the pod completes', () => {
    const done = `apiVersion: v1
kind: Pod
metadata: {name: done}
spec:
  restartPolicy: OnFailure
  initContainers:
  - {name: side, image: busybox:1.36, restartPolicy: Always, command: ['sh', '-c', 'trap "" TERM; sleep 3600']}
  containers:
  - {name: app, image: busybox:1.36, command: ['sh', '-c', 'sleep 2']}
`;
    const t = run(done, 40_000, [{ atMs: 6_000, run: `crictl stopp ${idOf(done, 'done')}` }]);
    expect(t.records.filter((r) => r.type === 'event' && r.reason === 'SandboxChanged')).toHaveLength(0);
    expect(rows(t, 'done').at(-1)).toMatchObject({ phase: 'Succeeded' });
  });

  it('stopped mid-initialization: the running init container dies (137) and init starts again from the first', () => {
    const slow = `apiVersion: v1
kind: Pod
metadata: {name: slow}
spec:
  initContainers:
  - {name: one, image: busybox:1.36, command: ['sh', '-c', 'sleep 1']}
  - {name: two, image: busybox:1.36, command: ['sh', '-c', 'sleep 30']}
  containers:
  - {name: app, image: busybox:1.36, command: ['sh', '-c', 'sleep 3600']}
`;
    const t = run(slow, 30_000, [{ atMs: 6_000, run: `crictl stopp ${idOf(slow, 'slow')}` }]);
    const events = t.records.filter((r) => r.type === 'container' && r.state !== 'waiting').map((r) => r.type === 'container' && `${r.container} ${r.state} ${r.exitCode ?? ''}`.trim());
    expect(events.slice(0, 5)).toEqual(['one running', 'one terminated 0', 'two running', 'two terminated 137', 'one running']);
    expect(rows(t, 'slow').filter((r) => r.t > 6_000).map((r) => r.status)).toContain('Init:0/2');
  });

  it('a pod being deleted: stopping its sandbox kills its containers now, and the pod goes without a new sandbox', () => {
    const t = run(manifests, 40_000, [{ atMs: 10_000, run: 'kubectl delete pod web' }, { atMs: 12_000, run: `crictl stopp ${id}` }]);
    expect(t.records.filter((r) => r.type === 'event' && r.reason === 'SandboxChanged')).toHaveLength(0);
    expect(rows(t, 'web').at(-1)).toMatchObject({ t: 12_000, deleted: true });
  });

  it.each([['1.36', 'Pending'], ['1.31', 'Running']])('Kubernetes %s: the phase while init runs again is %s', (version, phase) => {
    const t = run(manifests, 30_000, [{ atMs: 10_000, run: `crictl stopp ${id}` }], { kubernetesVersion: version });
    const reinit = t.records.find((r) => r.type === 'container' && r.container === 'init' && r.state === 'running' && r.restartCount === 1)!;
    const row = rows(t, 'web').filter((r) => r.t <= reinit.t).at(-1);
    expect(row).toMatchObject({ status: 'Error', phase });
  });
});
