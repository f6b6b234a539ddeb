/**
 * Deployment → ReplicaSets. Models pkg/controller/deployment: the new ReplicaSet is named
 * `<deployment>-<pod-template-hash>`; a rolling update scales it up within maxSurge and the old ones
 * down while at least replicas − maxUnavailable pods stay available (rolling.go reconcileNewReplicaSet,
 * reconcileOldReplicaSets); Recreate scales the old ones to zero first.
 */
import type { Deployment, DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { LooseObject, Writable } from './store';
import { ownedBy, ownerRef, type ControllerContext } from './controllers';
import { jsonEqual } from '../sim/jsonEqual';
import { isPodReady } from '../kubelet/conditions';

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

// Models controller.ComputeHash + rand.SafeEncodeString: an FNV-32a of the template, its decimal digits encoded.
export function podTemplateHash(template: unknown): string {
  const text = JSON.stringify(template);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return String(h >>> 0).split('').map((d) => SAFE[d.charCodeAt(0) % SAFE.length]).join('');
}

// Models intstr.GetScaledValueFromIntOrPercent: surge rounds up, unavailable rounds down.
function scaled(v: number | string | undefined, total: number, roundUp: boolean, fallback: string): number {
  const val = v ?? fallback;
  if (typeof val === 'number') return val;
  const pct = Number(String(val).replace('%', '')) / 100;
  return roundUp ? Math.ceil(pct * total) : Math.floor(pct * total);
}

function isReady(p: Pod): boolean {
  return !p.metadata?.deletionTimestamp && isPodReady(p);
}

function scaleRs(ctx: ControllerContext, d: Deployment, rs: ReplicaSet, to: number): void {
  const from = rs.spec?.replicas ?? 0;
  if (from === to) return;
  (rs.spec as Writable<NonNullable<ReplicaSet['spec']>>).replicas = to;
  ctx.world.store.update(rs);
  ctx.world.recordEvent(d, { type: 'Normal', reason: 'ScalingReplicaSet', source: 'deployment-controller',
    message: `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata!.name} from ${from} to ${to}` });
}

export function syncDeployment(ctx: ControllerContext, obj: LooseObject): void {
  const d = obj as unknown as Deployment;
  const w = ctx.world;
  const spec = d.spec!;
  const desired = spec.replicas ?? 1;
  const hash = podTemplateHash(spec.template);
  const all = ownedBy<ReplicaSet>(w, 'ReplicaSet', d);
  let newRs = all.find((rs) => rs.metadata?.labels?.['pod-template-hash'] === hash);
  const old = all.filter((rs) => rs !== newRs);
  const oldReplicas = old.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
  const recreate = spec.strategy?.type === 'Recreate';
  const maxSurge = recreate ? 0 : scaled(spec.strategy?.rollingUpdate?.maxSurge, desired, true, '25%');
  const maxUnavailable = recreate ? desired : scaled(spec.strategy?.rollingUpdate?.maxUnavailable, desired, false, '25%');

  if (!newRs) {
    const revision = 1 + Math.max(0, ...all.map((rs) => Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0)));
    const labels = { ...(spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash };
    const start = recreate && oldReplicas > 0 ? 0 : Math.max(0, Math.min(desired, desired + maxSurge - oldReplicas));
    const created = ctx.api.create({
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: { name: `${d.metadata!.name}-${hash}`, namespace: d.metadata!.namespace, labels, ownerReferences: [ownerRef(d)],
        annotations: { 'deployment.kubernetes.io/desired-replicas': String(desired), 'deployment.kubernetes.io/max-replicas': String(desired + maxSurge), 'deployment.kubernetes.io/revision': String(revision) } },
      spec: { replicas: 0, minReadySeconds: spec.minReadySeconds ?? 0, selector: { matchLabels: { ...(spec.selector.matchLabels ?? {}), 'pod-template-hash': hash } },
        template: { ...spec.template, metadata: { ...(spec.template.metadata ?? {}), labels } } },
    } as LooseObject, ctx.sourceOf(d.metadata!.uid!) ?? {});
    if (!created.ok) return;
    newRs = created.obj as ReplicaSet;
    ctx.setSource(newRs.metadata!.uid!, { ...(ctx.sourceOf(d.metadata!.uid!) ?? {}), owner: `deployment/${d.metadata!.name}` });
    scaleRs(ctx, d, newRs, start);
  } else {
    const newCount = newRs.spec?.replicas ?? 0;
    const target = recreate ? (oldReplicas > 0 ? 0 : desired) : Math.max(newCount, Math.min(desired, desired + maxSurge - oldReplicas));
    if (newCount > desired) scaleRs(ctx, d, newRs, desired);
    else if (target !== newCount) scaleRs(ctx, d, newRs, target);
  }

  // Scale old ReplicaSets down while enough pods stay available.
  const pods = [newRs, ...old].flatMap((rs) => w.store.dependents<Pod>(rs!.metadata!.uid!, 'Pod'));
  const available = pods.filter(isReady).length;
  let canRemove = recreate ? oldReplicas : Math.max(0, available - (desired - maxUnavailable));
  for (const rs of old) {
    const n = rs.spec?.replicas ?? 0;
    if (n === 0 || canRemove === 0) continue;
    const drop = Math.min(n, canRemove);
    canRemove -= drop;
    scaleRs(ctx, d, rs, n - drop);
  }
  updateStatus(ctx, d, newRs, pods, desired);
}

function updateStatus(ctx: ControllerContext, d: Deployment, newRs: ReplicaSet, pods: readonly Pod[], desired: number): void {
  const live = pods.filter((p) => !p.metadata?.deletionTimestamp);
  const ready = live.filter(isReady).length;
  const updated = live.filter((p) => p.metadata?.labels?.['pod-template-hash'] === newRs.metadata?.labels?.['pod-template-hash']).length;
  const now = ctx.world.iso();
  const prev = d.status?.conditions ?? [];
  const cond = (type: string, status: 'True' | 'False', reason: string, message: string): DeploymentCondition => {
    const old = prev.find((c) => c.type === type);
    const same = old && old.status === status;
    return { type, status, lastUpdateTime: same && old.reason === reason ? old.lastUpdateTime : now, lastTransitionTime: same ? old.lastTransitionTime : now, reason, message };
  };
  const availableOk = ready >= desired - scaled(d.spec?.strategy?.rollingUpdate?.maxUnavailable, desired, false, '25%');
  const complete = updated === desired && ready >= desired && live.length === desired;
  const status: DeploymentStatus = {
    observedGeneration: 1,
    replicas: live.length,
    updatedReplicas: updated,
    readyReplicas: ready,
    availableReplicas: ready,
    ...(live.length - ready > 0 ? { unavailableReplicas: Math.max(0, desired - ready) } : {}),
    conditions: [
      cond('Available', availableOk ? 'True' : 'False', availableOk ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
        availableOk ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.'),
      cond('Progressing', 'True', complete ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
        complete ? `ReplicaSet "${newRs.metadata!.name}" has successfully progressed.` : `ReplicaSet "${newRs.metadata!.name}" is progressing.`),
    ],
  };
  if (jsonEqual(status, d.status)) return;
  (d as Writable<Deployment>).status = status;
  ctx.world.store.update(d, false);
}
