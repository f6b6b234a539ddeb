/**
 * `kubectl describe TYPE [NAME…]`: finds the objects, runs the matching describer and joins the
 * outputs as kubectl does (blank lines between objects, prefix matching on a missing name).
 */
import type { Endpoints, Event, Pod, Service } from 'kubernetes-types/core/v1';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { Target } from './commands';
import type { KubectlProfile } from './describeWriter';
import { DEFAULT_PROFILE } from './describeWriter';
import type { ApiObject, CommandOutput, ObjectStore } from './get';
import type { ResourceInfo } from './resources';
import { notFoundError, resourceInfo } from './resources';
import { matchesSelector, parseSelector } from './selector';
import { describePod } from './describePod';
import { describeDeployment, describeJob, describeService } from './describeWorkloads';
import { byteOrder } from './goSort';

/** What `kubectl describe` was asked for (from `parseKubectl`). */
export interface DescribeRequest {
  readonly targets: readonly Target[];
  readonly namespace: string;
  readonly allNamespaces: boolean;
  readonly selector?: string;
  /** --show-events: the Events section of every object described (kubectl's default: true). */
  readonly showEvents?: boolean;
}

const inNs = (o: ApiObject, ns: string): boolean => (o.metadata?.namespace ?? 'default') === ns;

function describeOne(store: ObjectStore, r: ResourceInfo, o: ApiObject, nowMs: number, profile: KubectlProfile, showEvents: boolean): string | { error: string } {
  const events = (store.events ?? []) as Event[];
  switch (r.resource) {
    case 'pods': return describePod(o as Pod, events, nowMs, profile, showEvents);
    case 'deployments': return describeDeployment(o as Deployment, (store.replicasets ?? []) as ReplicaSet[], events, nowMs, profile, showEvents);
    case 'services': {
      const ep = (store.endpoints ?? []).find((e) => e.metadata?.name === o.metadata?.name && inNs(e, o.metadata?.namespace ?? 'default')) as Endpoints | undefined;
      return describeService(o as Service, ep, events, nowMs, profile, showEvents);
    }
    case 'jobs': return describeJob(o as Job, events, nowMs, profile, showEvents);
    default: return { error: `error: describe ${r.resource} is not supported in this playground` };
  }
}

/** Runs `kubectl describe` against `store` at `nowMs`. */
// Models kubectl pkg/cmd/describe/describe.go Run and DescribeMatchingResources.
export function runDescribe(store: ObjectStore, req: DescribeRequest, nowMs: number, profile: KubectlProfile = DEFAULT_PROFILE): CommandOutput {
  const reqs = req.selector === undefined ? [] : parseSelector(req.selector);
  if (!Array.isArray(reqs)) return { stdout: '', stderr: `error: ${reqs.error}\n`, exitCode: 1 };
  const found: { r: ResourceInfo; o: ApiObject }[] = [];
  const errors: string[] = [];
  for (const t of req.targets) {
    const r = resourceInfo(t.resource);
    const scoped = (store[t.resource] ?? []).filter((o) => !r.namespaced || req.allNamespaces || inNs(o, req.namespace));
    if (t.names.length > 0) {
      for (const n of t.names) {
        const o = scoped.find((x) => x.metadata?.name === n);
        if (o) found.push({ r, o }); else errors.push(notFoundError(r, n));
      }
    } else {
      const list = scoped.filter((o) => matchesSelector(o.metadata?.labels, reqs))
        .sort((a, b) => byteOrder(a.metadata?.namespace ?? '', b.metadata?.namespace ?? '') || byteOrder(a.metadata?.name ?? '', b.metadata?.name ?? ''));
      for (const o of list) found.push({ r, o });
    }
  }
  // Models describe.go: `describe TYPE PREFIX` describes every object whose name starts with PREFIX when NAME is not found.
  if (errors.length > 0 && req.targets.length === 1 && req.targets[0].names.length === 1 && found.length === 0) {
    const r = resourceInfo(req.targets[0].resource);
    const prefix = req.targets[0].names[0];
    const matches = (store[r.resource] ?? []).filter((o) => (!r.namespaced || inNs(o, req.namespace)) && (o.metadata?.name ?? '').startsWith(prefix))
      .sort((a, b) => byteOrder(a.metadata?.name ?? '', b.metadata?.name ?? ''));
    if (matches.length === 0) return { stdout: '', stderr: errors.join('\n') + '\n', exitCode: 1 };
    let out = '';
    for (const o of matches) {
      const s = describeOne(store, r, o, nowMs, profile, req.showEvents ?? true);
      if (typeof s !== 'string') return { stdout: out, stderr: s.error + '\n', exitCode: 1 };
      out += s + '\n';
    }
    return { stdout: out, stderr: '', exitCode: 0 };
  }
  // Models describe.go: DescriberSettings.ShowEvents (--show-events, default true) applies to every object.
  const showEvents = req.showEvents ?? true;
  let stdout = '';
  for (const { r, o } of found) {
    const s = describeOne(store, r, o, nowMs, profile, showEvents);
    if (typeof s !== 'string') { if (!errors.includes(s.error)) errors.push(s.error); continue; }
    stdout += stdout === '' ? s : `\n\n${s}`;
  }
  let stderr = errors.map((e) => `${e}\n`).join('');
  if (found.length === 0 && errors.length === 0) stderr = req.allNamespaces ? 'No resources found\n' : `No resources found in ${req.namespace} namespace.\n`;
  return { stdout, stderr, exitCode: errors.length > 0 ? 1 : 0 };
}
