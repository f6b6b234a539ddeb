import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import { describePod } from './describePod';
import { myappEvents, myappPod, T0, at } from './fixtures/myappPod';

const golden = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('describePod', () => {
  it('matches kubectl 1.36 for the docs myapp-pod while init-myservice waits (k8s-semantics §10.2)', () => {
    expect(describePod(myappPod, myappEvents, T0 + 70_000)).toBe(golden('myapp-pod.describe.txt'));
  });

  it('prints bare event messages before kubectl 1.35', () => {
    const out = describePod(myappPod, myappEvents, T0 + 70_000, { kubectlMinor: 34 });
    expect(out).toContain('  Normal  Started    69s   kubelet            Container started\n');
    expect(out).not.toContain('spec.initContainers{');
  });

  it('collapses repeated events and shows Last State, Terminated details and restart counts', () => {
    const pod: Pod = structuredClone(myappPod);
    const st = pod.status!.initContainerStatuses![0];
    st.restartCount = 3;
    st.state = { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=init-myservice pod=myapp-pod_default(x)' } };
    st.lastState = { terminated: { exitCode: 1, reason: 'Error', startedAt: at(40), finishedAt: at(41), containerID: 'containerd://abc' } };
    const backoff: Event = { ...myappEvents[3], metadata: { name: 'myapp-pod.17a0000000000099', namespace: 'default' }, reason: 'BackOff', type: 'Warning',
      message: 'Back-off restarting failed container init-myservice in pod myapp-pod_default(5b1c0f3e-8d2a-4c71-9f57-3e2a1b0c9d11)', firstTimestamp: at(2), lastTimestamp: at(58), count: 4 };
    const out = describePod(pod, [...myappEvents, backoff], T0 + 72_000);
    expect(out).toContain([
      '    State:          Waiting',
      '      Reason:       CrashLoopBackOff',
      '    Last State:     Terminated',
      '      Reason:       Error',
      '      Exit Code:    1',
      '      Started:      Mon, 01 Jan 2024 10:00:40 +0000',
      '      Finished:     Mon, 01 Jan 2024 10:00:41 +0000',
      '    Ready:          False',
      '    Restart Count:  3',
    ].join('\n'));
    expect(out).toContain('  Warning  BackOff    14s (x4 over 70s)  kubelet            spec.initContainers{init-myservice}: Back-off restarting failed container init-myservice in pod myapp-pod_default(5b1c0f3e-8d2a-4c71-9f57-3e2a1b0c9d11)\n');
  });

  it('shows Terminating with the grace period for a deleted running pod, and Events: <none>', () => {
    const pod: Pod = structuredClone(myappPod);
    Object.assign(pod.metadata!, { deletionTimestamp: at(90), deletionGracePeriodSeconds: 30 });
    const out = describePod(pod, [], T0 + 95_000);
    expect(out).toContain('Status:                    Terminating (lasts 5s)\nTermination Grace Period:  30s\n');
    // deletionTimestamp lies in the future during the grace period: HumanDuration of a negative span.
    expect(describePod(pod, [], T0 + 80_000)).toContain('Terminating (lasts <invalid>)');
    expect(out.endsWith('Events:                      <none>\n')).toBe(true);
  });
});
