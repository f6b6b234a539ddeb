/**
 * ReplicaSet → Pods. Models pkg/controller/replicaset manageReplicas: create the missing pods from the
 * template (name `<rs>-<5 random chars>`), delete the surplus (not-ready and newest first,
 * controller.ActivePods ordering), and keep status.replicas / readyReplicas current.
 */
import type { ReplicaSet, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { LooseObject, Writable } from './store';
import { BURST_PODS, createOwnedPod, isActivePod, ownedBy, ownerRef, slowStartBatch, type ControllerContext } from './controllers';
import { jsonEqual } from '../sim/jsonEqual';
import { isPodReady } from '../kubelet/conditions';

export function syncReplicaSet(ctx: ControllerContext, obj: LooseObject): void {
  const rs = obj as unknown as ReplicaSet;
  const w = ctx.world;
  const pods = ownedBy<Pod>(w, 'Pod', rs).filter(isActivePod);
  const want = rs.spec?.replicas ?? 1;
  const source = ctx.sourceOf(rs.metadata!.uid!) ?? {};
  if (pods.length < want) {
    const template = rs.spec!.template!;
    slowStartBatch(Math.min(want - pods.length, BURST_PODS), () => createOwnedPod(ctx, rs, {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { generateName: `${rs.metadata!.name}-`, namespace: rs.metadata!.namespace, labels: { ...(template.metadata?.labels ?? {}) },
        ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}), ownerReferences: [ownerRef(rs)] },
      spec: template.spec,
    } as LooseObject, { ...source, owner: source.owner ?? `replicaset/${rs.metadata!.name}` }, 'replicaset-controller'));
  } else if (pods.length > want) {
    // Models controller.ActivePods sorting for deletion: not ready before ready, then the newest first.
    const victims = [...pods].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b))
      || (b.metadata!.creationTimestamp! > a.metadata!.creationTimestamp! ? 1 : b.metadata!.creationTimestamp! < a.metadata!.creationTimestamp! ? -1 : 0)
      || (a.metadata!.name! < b.metadata!.name! ? 1 : -1)).slice(0, Math.min(pods.length - want, BURST_PODS));
    for (const p of victims) {
      ctx.api.delete('Pod', p.metadata!.namespace, p.metadata!.name!);
      w.recordEvent(rs, { type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${p.metadata!.name}`, source: 'replicaset-controller' });
    }
  }
  const live = ownedBy<Pod>(w, 'Pod', rs).filter(isActivePod);
  const readyCount = live.filter(isPodReady).length;
  const status: ReplicaSetStatus = { replicas: live.length, fullyLabeledReplicas: live.length, readyReplicas: readyCount, availableReplicas: readyCount, observedGeneration: 1 };
  if (jsonEqual(status, rs.status)) return;
  (rs as Writable<ReplicaSet>).status = status;
  // Notify: the owning Deployment's rolling update moves on when the ReplicaSet's ready count changes.
  w.store.update(rs);
}
