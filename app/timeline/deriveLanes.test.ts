import { describe, expect, it } from 'vitest';
import { simulate } from '../../engine/index';
import { changeTimes, deriveLanes, laneStateAt, podRowAt, tickStep } from './deriveLanes';

const manifests = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: a
    image: busybox:1.36
    command: ['sh', '-c', 'echo a; sleep 2']
  - name: b
    image: busybox:1.36
    command: ['sh', '-c', 'sleep 5']
  containers:
  - name: app
    image: busybox:1.36
    command: ['sh', '-c', 'sleep 3600']
`;

describe('deriveLanes', () => {
  const trace = simulate({ manifests, untilMs: 30_000 });
  const groups = deriveLanes(trace);

  it('orders lanes init containers first, then app containers, with their YAML lines', () => {
    expect(groups).toHaveLength(1);
    expect(groups[0].lanes.map((l) => [l.container, l.kind, l.line])).toEqual([['a', 'init', 7], ['b', 'init', 10], ['app', 'app', 14]]);
  });

  it('reads each container state at the playhead', () => {
    const [a, b, app] = groups[0].lanes;
    expect(laneStateAt(a, 2_000)).toEqual({ state: 'running', reason: '' });
    expect(laneStateAt(a, 3_500)).toEqual({ state: 'terminated', reason: 'Completed', exitCode: 0 });
    expect(laneStateAt(b, 2_000)).toEqual({ state: 'waiting', reason: 'PodInitializing' });
    expect(laneStateAt(app, 20_000).state).toBe('running');
  });

  it('gives the pod row in effect and the change times', () => {
    const rows = groups[0].rows;
    expect(podRowAt(rows, -1)).toMatchObject({ status: '', exists: false });
    expect(podRowAt(rows, 0).status).toBe('Init:0/2'); // Pending and Init:0/2 at t = 0: the later row is in effect
    expect(podRowAt(rows, 2_000).status).toBe('Init:0/2');
    expect(podRowAt(rows, 6_000).status).toBe('Init:1/2');
    expect(podRowAt(rows, 9_500).status).toBe('PodInitializing');
    expect(podRowAt(rows, 20_000)).toMatchObject({ status: 'Running', ready: '1/1', exists: true });
    // The binary search agrees with a scan of the trace every 250 ms of the run.
    for (let t = 0; t <= trace.until; t += 250) {
      let scanned = '';
      for (const r of trace.records) if (r.type === 'pod-row' && r.t <= t) scanned = r.status;
      expect(podRowAt(rows, t).status).toBe(scanned);
    }
    expect(changeTimes(trace)).toEqual([0, 1_000, 3_001, 4_001, 9_002, 10_002, 30_000]);
    expect(tickStep(30_000)).toBe(5_000);
  });
});
