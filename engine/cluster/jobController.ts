/**
 * Job → Pods. Models pkg/controller/job syncJob: keep min(parallelism, completions − succeeded) pods
 * active; a failed pod counts toward backoffLimit and delays the next one (10 s doubling, capped at
 * 6 min: the pod-failure back-off); Complete once `completions` pods succeeded, Failed with
 * BackoffLimitExceeded once more than backoffLimit failed.
 */
import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { parseRfc3339 } from '../sim/time';
import { PRIORITY } from '../sim/scheduler';
import type { LooseObject, Writable } from './store';
import { BURST_PODS, createOwnedPod, isActivePod, ownedBy, ownerRef, slowStartBatch, type ControllerContext } from './controllers';
import { jsonEqual } from '../sim/jsonEqual';
import { isPodReady } from '../kubelet/conditions';

const FAILURE_BACKOFF_MS = 10_000;
const MAX_FAILURE_BACKOFF_MS = 360_000;

function finishedCondition(job: Job): JobCondition | undefined {
  return (job.status?.conditions ?? []).find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

export function syncJob(ctx: ControllerContext, obj: LooseObject): void {
  const job = obj as unknown as Job;
  const w = ctx.world;
  if (finishedCondition(job)) return;
  const spec = job.spec!;
  const completions = spec.completions ?? 1;
  const parallelism = spec.parallelism ?? 1;
  const backoffLimit = spec.backoffLimit ?? 6;
  const pods = ownedBy<Pod>(w, 'Pod', job);
  const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
  const failedPods = pods.filter((p) => p.status?.phase === 'Failed');
  const failed = failedPods.length;
  const active = pods.filter(isActivePod);
  const now = ctx.world.iso();
  const status: Writable<JobStatus> = { ...(job.status ?? {}), startTime: job.status?.startTime ?? now, active: active.length || undefined, succeeded: succeeded || undefined, failed: failed || undefined };
  const readyCount = active.filter(isPodReady).length;
  status.ready = readyCount;
  const finish = (type: 'Complete' | 'Failed', reason: string, message: string, eventType: 'Normal' | 'Warning') => {
    status.conditions = [...(status.conditions ?? []), { type, status: 'True', lastProbeTime: now, lastTransitionTime: now, ...(reason ? { reason } : {}), ...(message ? { message } : {}) }];
    if (type === 'Complete') status.completionTime = now;
    for (const p of active) ctx.api.delete('Pod', p.metadata!.namespace, p.metadata!.name!);
    w.recordEvent(job, { type: eventType, reason: reason || 'Completed', message: message || 'Job completed', source: 'job-controller' });
  };
  if (failed > backoffLimit) {
    finish('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', 'Warning');
  } else if (succeeded >= completions) {
    finish('Complete', '', '', 'Normal');
  } else {
    const want = Math.min(parallelism, completions - succeeded) - active.length;
    const lastFailure = Math.max(0, ...failedPods.map((p) => parseRfc3339(latestFinish(p) ?? p.metadata!.creationTimestamp!) - w.epoch));
    const delay = failed > 0 ? Math.min(MAX_FAILURE_BACKOFF_MS, FAILURE_BACKOFF_MS * 2 ** (failed - 1)) : 0;
    const readyAt = failed > 0 ? lastFailure + delay : 0;
    if (want > 0 && w.now() < readyAt) {
      w.scheduler.at(readyAt, PRIORITY.controller, () => { const cur = w.store.get<LooseObject>('Job', job.metadata!.namespace, job.metadata!.name!); if (cur) syncJob(ctx, cur); });
    } else {
      slowStartBatch(Math.min(want, BURST_PODS), () => createPod(ctx, job));
    }
  }
  if (jsonEqual(status, job.status)) return;
  (job as Writable<Job>).status = status;
  w.store.update(job, false);
}

function latestFinish(p: Pod): string | undefined {
  const times = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]
    .map((s) => s.state?.terminated?.finishedAt).filter((t): t is string => !!t).sort();
  return times[times.length - 1];
}

function createPod(ctx: ControllerContext, job: Job): boolean {
  const template = job.spec!.template;
  const uid = job.metadata!.uid!;
  const name = job.metadata!.name!;
  // Models the Job's generated selector labels (both the legacy and the batch.kubernetes.io forms).
  const labels = { ...(template.metadata?.labels ?? {}), 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name };
  return createOwnedPod(ctx, job, {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { generateName: `${name}-`, namespace: job.metadata!.namespace, labels, ownerReferences: [ownerRef(job)] },
    spec: template.spec,
  } as LooseObject, { ...(ctx.sourceOf(uid) ?? {}), owner: `job/${name}` }, 'job-controller');
}
