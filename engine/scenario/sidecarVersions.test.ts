// Native sidecars by Kubernetes version (KEP-753): the field is unknown before 1.28, dropped in 1.28 (gate
// off by default), a sidecar from 1.29.
import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/simulate';

const manifests = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - {name: shipper, image: busybox:1.36, restartPolicy: Always, command: ['sh', '-c', 'touch /tmp/log; tail -f /tmp/log']}
  - {name: migrate, image: busybox:1.36, command: ['sh', '-c', 'sleep 2']}
  containers:
  - {name: app, image: busybox:1.36, command: ['sh', '-c', 'sleep 3600']}
`;
const run = (kubernetesVersion: string) => simulate({ manifests, untilMs: 20_000, settings: { kubernetesVersion } });
const finalRow = (t: ReturnType<typeof run>) => {
  const rows = t.records.filter((r) => r.type === 'pod-row');
  const r = rows[rows.length - 1];
  return r && r.type === 'pod-row' ? `${r.ready} ${r.status}` : '';
};

describe('native sidecars across versions', () => {
  it('1.27: the field does not exist, strict decoding refuses it', () => {
    const t = run('1.27');
    expect(t.records.find((r) => r.type === 'rejected')).toMatchObject({
      object: 'pod/p',
      stderr: 'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.initContainers[0].restartPolicy"',
    });
  });

  it('1.28 (gate off): the field is dropped, so the "sidecar" blocks initialization forever', () => {
    expect(finalRow(run('1.28'))).toBe('0/1 Init:0/2');
  });

  it('1.29 and later: a sidecar, counted in READY, and the pod runs', () => {
    expect(finalRow(run('1.29'))).toBe('2/2 Running');
    expect(finalRow(run('1.36'))).toBe('2/2 Running');
  });
});
