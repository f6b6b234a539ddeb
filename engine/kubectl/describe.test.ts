import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Pod } from 'kubernetes-types/core/v1';
import { describeDeployment, describeJob, describeService } from './describeWorkloads';
import { runDescribe } from './describe';
import { migrateJob, webDeployment, webEndpoints, webReplicaSet, webService } from './fixtures/workloads';
import { myappEvents, myappPod, T0 } from './fixtures/myappPod';

const golden = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const NOW = T0 + 60_000;

describe('workload describers', () => {
  it('deployment (pod template, conditions, ReplicaSets)', () => {
    expect(describeDeployment(webDeployment, [webReplicaSet], [], NOW)).toBe(golden('web-deployment.describe.txt'));
  });
  it('service (ports, endpoints)', () => {
    expect(describeService(webService, webEndpoints, [], NOW)).toBe(golden('web-service.describe.txt'));
    expect(describeService(webService, undefined, [], NOW)).toContain('Endpoints:                <none>\n');
    expect(describeService(webService, { metadata: { name: 'web' } }, [], NOW)).toContain('Endpoints:                \n');
  });
  it('job', () => {
    expect(describeJob(migrateJob, [], NOW)).toBe(golden('migrate-job.describe.txt'));
  });
});

describe('runDescribe', () => {
  const other: Pod = { ...myappPod, metadata: { ...myappPod.metadata, name: 'myapp-pod-2', uid: 'u2' } };
  const store = { pods: [other, myappPod], events: myappEvents, deployments: [webDeployment], replicasets: [webReplicaSet] };
  const req = (targets: { resource: 'pods' | 'deployments'; names: string[] }[]) => ({ targets, namespace: 'default', allNamespaces: false });
  it('one object: with events', () => {
    const out = runDescribe(store, req([{ resource: 'pods', names: ['myapp-pod'] }]), T0 + 70_000);
    expect(out.stdout).toBe(golden('myapp-pod.describe.txt'));
    expect(out.exitCode).toBe(0);
  });
  it('several objects: sorted, joined by blank lines, each with its Events section (describe.go passes the same DescriberSettings to each)', () => {
    const out = runDescribe(store, req([{ resource: 'pods', names: [] }]), T0 + 70_000);
    const parts = out.stdout.split('\n\n\nName:');
    expect(parts).toHaveLength(2);
    expect(out.stdout.startsWith('Name:             myapp-pod\n')).toBe(true);
    // myapp-pod's events as when described alone; myapp-pod-2 has none.
    expect(parts[0] + '\n').toBe(golden('myapp-pod.describe.txt'));
    expect(parts[1]).toMatch(/\nEvents:\s+<none>\n$/);
  });
  it('--show-events=false leaves the Events section out', () => {
    const out = runDescribe(store, { ...req([{ resource: 'pods', names: ['myapp-pod'] }]), showEvents: false }, T0 + 70_000);
    expect(out.stdout).not.toContain('Events:');
    expect(out.stdout).toBe(golden('myapp-pod.describe.txt').replace(/Events:[\s\S]*$/, ''));
  });
  it('a missing name falls back to prefix matching, else NotFound', () => {
    const out = runDescribe(store, req([{ resource: 'pods', names: ['myapp'] }]), T0 + 70_000);
    expect(out.stdout.match(/^Name:/gm)).toHaveLength(2);
    expect(out.stdout.endsWith('\n\n')).toBe(true);
    expect(runDescribe(store, req([{ resource: 'pods', names: ['nope'] }]), NOW)).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    expect(runDescribe({}, req([{ resource: 'pods', names: [] }]), NOW).stderr).toBe('No resources found in default namespace.\n');
  });
});
