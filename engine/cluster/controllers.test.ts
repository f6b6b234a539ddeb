// Deployment → ReplicaSet → Pods, Job and Endpoints through whole runs (with kubectl actions).
import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/simulate';
import type { TraceRecord } from '../sim/trace';
import { slowStartBatch } from './controllers';

const manifests = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 2}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers: [{name: fail, image: busybox:1.36, command: ['sh', '-c', 'exit 3']}]
`;
const trace = simulate({ manifests, untilMs: 90_000, actions: [
  { atMs: 20_000, run: 'kubectl scale deploy/web --replicas=3' },
  { atMs: 25_000, run: 'kubectl get endpoints web' },
  { atMs: 30_000, run: 'kubectl rollout restart deployment web' },
  { atMs: 60_000, run: 'kubectl get deploy,rs' },
  { atMs: 85_000, run: 'kubectl get jobs' },
] });
const events = (reason: string) => trace.records.filter((r): r is Extract<TraceRecord, { type: 'event' }> => r.type === 'event' && r.reason === reason);
const command = (run: string) => trace.records.find((r): r is Extract<TraceRecord, { type: 'command' }> => r.type === 'command' && r.run === run)!;

describe('Deployment and ReplicaSet controllers', () => {
  it('names pods <deployment>-<pod-template-hash>-<5 chars> and scales', () => {
    const web = trace.pods.filter((p) => p.owner === 'deployment/web');
    expect(web.every((p) => /^web-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(p.name))).toBe(true);
    const scaled = events('ScalingReplicaSet').map((e) => e.message.replace(/web-\w+/, 'web-HASH'));
    expect(scaled.slice(0, 2)).toEqual(['Scaled up replica set web-HASH from 0 to 2', 'Scaled up replica set web-HASH from 2 to 3']);
  });

  // Models rolling.go with maxSurge 1 / maxUnavailable 0 (25% of 3): one new pod at a time, an old one removed once it is ready.
  it('rolls out a restart one pod at a time, keeping three available', () => {
    const created = trace.pods.filter((p) => p.owner === 'deployment/web' && p.createdAt >= 30_000).map((p) => p.createdAt);
    expect(created).toEqual([30_000, 31_000, 32_000]);
    expect(command('kubectl get deploy,rs').stdout).toMatch(/deployment\.apps\/web\s+3\/3\s+3\s+3\s/);
    expect(command('kubectl get deploy,rs').stdout).toMatch(/replicaset\.apps\/web-\w+\s+0\s+0\s+0\s/);
  });

  it('lists ready endpoints sorted by IP', () => {
    expect(command('kubectl get endpoints web').stdout).toContain('10.244.0.6:80,10.244.0.7:80,10.244.0.9:80');
  });
});

describe('Job controller', () => {
  // Models job_controller: the failure back-off (10 s, 20 s …) and BackoffLimitExceeded after backoffLimit+1 failures.
  // The controller reads finishedAt from the API, whose timestamps have second precision.
  it('retries failed pods with back-off, then fails the Job', () => {
    expect(events('SuccessfulCreate').filter((e) => e.object === 'job/once').map((e) => e.t)).toEqual([0, 11_000, 32_000]);
    expect(events('BackoffLimitExceeded').map((e) => e.message)).toEqual(['Job has reached the specified backoff limit']);
    expect(command('kubectl get jobs').stdout).toMatch(/^once\s+Failed\s+0\/1\s+85s\s+85s$/m);
  });
});

describe('slowStartBatch', () => {
  it('tries 1, 2, 4, … creations and stops after the batch in which one failed', () => {
    const tried: number[] = [];
    // The 5th attempt fails: it is in the third batch (attempts 4–7), which runs to its end.
    const created = slowStartBatch(100, () => { tried.push(tried.length + 1); return tried.length !== 5; });
    expect(tried).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(created).toBe(6);
    expect(slowStartBatch(0, () => true)).toBe(0);
    expect(slowStartBatch(10, () => true)).toBe(10);
  });
});

describe('pod budget', () => {
  const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: huge}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: huge}}
  template:
    metadata: {labels: {app: huge}}
    spec: {containers: [{name: c, image: 'busybox:1.36', command: [sleep, '3600']}]}
`;

  it('creates a ReplicaSet\'s pods 500 per sync until all exist', () => {
    const t = simulate({ manifests: deployment(1_200), untilMs: 1 });
    const created = t.records.filter((r) => r.type === 'event' && r.reason === 'SuccessfulCreate').length;
    expect(created).toBe(1_200);
    expect(t.truncated).toBe(false);
  });

  it('ends a run whose workloads ask for more pods than it can hold, with a notice', () => {
    const t = simulate({ manifests: deployment(892_386_602), untilMs: 20_000 });
    expect(t.truncated).toBe(true);
    expect(t.notice).toBe('The run stopped at T+0s: the cluster holds 20,000 pods, the most a run simulates (replicas or parallelism too large?).');
    expect(t.diagnostics.map((d) => d.code)).toContain('budget');
    expect(t.pods.length).toBe(20_000);
  }, 60_000);
});
