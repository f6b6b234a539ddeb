/**
 * The controller manager: reacts to store changes (coalesced per instant, in the controller phase)
 * and drives workloads toward their spec. Deployment → ReplicaSet → Pods, Job → Pods, Service →
 * Endpoints, and garbage collection of dependents whose owner is gone.
 */
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { PRIORITY } from '../sim/scheduler';
import type { World } from '../sim/world';
import type { ApiServer, SourceInfo } from './apiServer';
import type { ApiObject, Change, LooseObject } from './store';
import { syncDeployment } from './deploymentController';
import { syncReplicaSet } from './replicaSetController';
import { syncJob } from './jobController';
import { syncEndpoints } from './endpointsController';
import { isPodReady } from '../kubelet/conditions';

export interface ControllerContext {
  readonly world: World;
  readonly api: ApiServer;
  /** Where a workload's template came from in the editor text (for the pods' YAML links). */
  sourceOf(uid: string): SourceInfo | undefined;
  setSource(uid: string, source: SourceInfo): void;
}

export function ownerRef(owner: ApiObject): OwnerReference {
  return { apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata!.name!, uid: owner.metadata!.uid!, controller: true, blockOwnerDeletion: true };
}

export function controllerOf(meta: ObjectMeta | undefined): OwnerReference | undefined {
  return meta?.ownerReferences?.find((r) => r.controller);
}

/** Objects of `kind` whose controller is `owner`. */
export function ownedBy<T extends ApiObject>(world: World, kind: string, owner: ApiObject): T[] {
  return world.store.dependents<T>(owner.metadata!.uid!, kind).filter((o) => controllerOf(o.metadata)?.uid === owner.metadata?.uid);
}

/**
 * The most pods a ReplicaSet or Job sync creates or deletes (replicaset burstReplicas and the job
 * controller's MaxPodCreateDeletePerSync, both 500); the next sync, once the informer has seen the
 * creations, does the rest.
 */
export const BURST_PODS = 500;

/**
 * Models controller.slowStartBatch with SlowStartInitialBatchSize 1: attempts `count` creations in
 * batches of 1, 2, 4, …, and stops after the first batch in which one failed, so a template the API
 * server rejects costs one error, not hundreds. Returns how many succeeded.
 */
export function slowStartBatch(count: number, create: () => boolean): number {
  let done = 0;
  let created = 0;
  for (let batch = 1; done < count; batch *= 2) {
    const size = Math.min(batch, count - done);
    let failed = false;
    for (let i = 0; i < size; i++) if (create()) created++; else failed = true;
    done += size;
    if (failed) break;
  }
  return created;
}

/**
 * Models controller.RealPodControl.CreatePods: creates `pod` for `owner` and records SuccessfulCreate, or
 * FailedCreate with the API error as the controller sees it (without kubectl's `Error from server (Reason): `).
 * Returns whether the pod was created.
 */
export function createOwnedPod(ctx: ControllerContext, owner: ApiObject, pod: LooseObject, source: SourceInfo, component: string): boolean {
  const created = ctx.api.create(pod, source);
  ctx.world.recordEvent(owner, created.ok
    ? { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${created.obj.metadata!.name}`, source: component }
    : { type: 'Warning', reason: 'FailedCreate', message: `Error creating: ${created.stderr.replace(/^Error from server(?: \([A-Za-z]+\))?: /, '')}`, source: component });
  return created.ok;
}

export function isActivePod(p: Pod): boolean {
  return !p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
}

export class ControllerManager implements ControllerContext {
  private readonly dirty = new Map<string, ApiObject>();
  /** Per pod: what the controllers last saw of it (phase, IP, readiness, deletion, labels). */
  private readonly podSignature = new Map<string, { sig: string; labels: object | undefined; labelsJson: string; status: Pod['status']; deletion: string | undefined }>();
  private scheduled = false;
  constructor(readonly world: World, readonly api: ApiServer) {
    world.store.watch((change) => this.onChange(change));
  }

  sourceOf(uid: string): SourceInfo | undefined {
    return this.api.sourceOf(uid);
  }

  setSource(uid: string, source: SourceInfo): void {
    this.api.setSource(uid, source);
  }

  private mark(obj: ApiObject | undefined): void {
    if (!obj?.metadata?.uid) return;
    this.dirty.set(`${obj.kind}/${obj.metadata.namespace}/${obj.metadata.name}`, obj);
    if (this.scheduled) return;
    this.scheduled = true;
    this.world.scheduler.at(this.world.now(), PRIORITY.settle, () => this.flush());
  }

  private onChange(change: Change): void {
    const { obj, op } = change;
    const kind = obj.kind;
    if (kind === 'Event') return;
    if (kind === 'Deployment' || kind === 'ReplicaSet' || kind === 'Job' || kind === 'Service') this.mark(obj);
    // Controllers only read a pod's phase, IP, readiness, labels and deletion: skip other status changes.
    if (kind === 'Pod' && !this.podChanged(obj as Pod, op)) return;
    const owner = controllerOf(obj.metadata);
    if (owner) this.mark(this.world.store.get(owner.kind, obj.metadata?.namespace, owner.name));
    if (kind === 'Pod') for (const svc of this.world.store.list('Service', obj.metadata?.namespace)) this.mark(svc);
    if (op === 'deleted') this.collectDependents(obj);
  }

  private podChanged(pod: Pod, op: Change['op']): boolean {
    const uid = pod.metadata!.uid!;
    if (op === 'deleted') { this.podSignature.delete(uid); return true; }
    const last = this.podSignature.get(uid);
    // Same status object (never edited in place), labels and deletion: nothing the signature reads changed.
    if (last && last.status === pod.status && last.labels === pod.metadata?.labels && last.deletion === pod.metadata?.deletionTimestamp) return false;
    const ready = isPodReady(pod);
    const labels = pod.metadata?.labels ?? {};
    // Labels are replaced, never edited in place: their JSON is only rendered again when the object changes.
    const labelsJson = last?.labels === labels ? last.labelsJson : JSON.stringify(labels);
    const sig = `${pod.status?.phase}|${pod.status?.podIP ?? ''}|${ready}|${pod.metadata?.deletionTimestamp ?? ''}|${labelsJson}`;
    const seen = { sig, labels, labelsJson, status: pod.status, deletion: pod.metadata?.deletionTimestamp };
    this.podSignature.set(uid, seen);
    return last?.sig !== sig;
  }

  // Models the garbage collector's background cascading deletion: dependents of a deleted owner go too.
  private collectDependents(owner: ApiObject): void {
    const uid = owner.metadata?.uid;
    const ns = owner.metadata?.namespace;
    for (const dep of this.world.store.dependents(uid!)) {
      this.world.scheduler.at(this.world.now(), PRIORITY.controller, () => this.api.delete(dep.kind!, ns, dep.metadata!.name!));
    }
    if (owner.kind === 'Service') this.api.delete('Endpoints', ns, owner.metadata!.name!);
  }

  private flush(): void {
    this.scheduled = false;
    const batch = [...this.dirty.values()];
    this.dirty.clear();
    for (const obj of batch) {
      const current = this.world.store.get<LooseObject>(obj.kind!, obj.metadata?.namespace, obj.metadata!.name!);
      if (!current || current.metadata?.uid !== obj.metadata?.uid) continue;
      switch (current.kind) {
        case 'Deployment': syncDeployment(this, current); break;
        case 'ReplicaSet': syncReplicaSet(this, current); break;
        case 'Job': syncJob(this, current); break;
        case 'Service': syncEndpoints(this, current); break;
      }
    }
  }
}
