/**
 * The row `kubectl get pods` prints for one pod: READY, STATUS, RESTARTS, AGE and the `-o wide`
 * columns. Pure function of the Pod object (as the API server returns it) and the virtual now.
 */
import type { ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { timeMs, translateTimestampSince, humanDuration } from './duration';
import { isSidecar } from '../kubelet/phase';
import { isPodReady } from '../kubelet/conditions';

/** One `kubectl get pods` row; every field is the exact cell text. */
export interface PodRow {
  readonly name: string;
  /** `ready/total`, total counting app containers and sidecars (restartPolicy Always init containers). */
  readonly ready: string;
  readonly status: string;
  /** `N` or `N (AGE ago)`. */
  readonly restarts: string;
  /** The number shown in RESTARTS, without the "(… ago)" part. */
  readonly restartCount: number;
  /** Epoch ms of the restart RESTARTS' "(… ago)" counts from (the newest lastState finish it considers). */
  readonly lastRestartMs?: number;
  readonly age: string;
  /** `-o wide` columns; `<none>` when unset. */
  readonly ip: string;
  readonly node: string;
  readonly nominatedNode: string;
  readonly readinessGates: string;
}

// The node controller's reason for pods on an unreachable node (pkg/util/node NodeUnreachablePodReason).
const NODE_UNREACHABLE_REASON = 'NodeLost';

// Models printers.go isPodInitializedConditionTrue (the first Initialized condition decides).
function initializedTrue(conditions: readonly PodCondition[] | undefined): boolean {
  const c = (conditions ?? []).find((x) => x.type === 'Initialized');
  return c?.status === 'True';
}

/** Tracks the latest lastState.terminated.finishedAt, as printPod's lastRestartDate does. */
function laterFinish(current: number | undefined, cs: ContainerStatus): number | undefined {
  const t = timeMs(cs.lastState?.terminated?.finishedAt);
  if (t === undefined) return current;
  return current === undefined || current < t ? t : current;
}

function terminatedReason(prefix: string, t: { reason?: string; signal?: number; exitCode: number }): string {
  if (t.reason) return prefix + t.reason;
  return (t.signal ?? 0) !== 0 ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode}`;
}

/**
 * Computes the `kubectl get pods` row for `pod` at `nowMs` (epoch ms).
 * Status arrays are read as the kubelet writes them: initContainerStatuses in spec order,
 * containerStatuses sorted by name.
 */
// Models kubernetes pkg/printers/internalversion/printers.go printPod.
export function printPodRow(pod: Pod, nowMs: number): PodRow {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const initSpecs = spec?.initContainers ?? [];
  let restarts = 0;
  let sidecarRestarts = 0;
  let total = (spec?.containers ?? []).length;
  let ready = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;

  const phase = status.phase ?? '';
  let reason = status.reason ? status.reason : phase;

  // Models printPod: a PodScheduled condition with reason SchedulingGated overrides the phase.
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  // Models printPod: sidecars count in READY's denominator.
  for (const c of initSpecs) if (isSidecar(c)) total++;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount ?? 0;
    lastRestart = laterFinish(lastRestart, cs);
    // Statuses of init containers come in spec order: the same index first, else a search.
    const spec = initSpecs[i]?.name === cs.name ? initSpecs[i] : initSpecs.find((c) => c.name === cs.name);
    const sidecar = spec !== undefined && isSidecar(spec);
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      lastSidecarRestart = laterFinish(lastSidecarRestart, cs);
    }
    const term = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    // Models printPod: an init container that exited 0 is done.
    if (term && term.exitCode === 0) continue;
    // Models printPod: a started sidecar is done (and counts as ready when ready).
    if (sidecar && cs.started === true) {
      if (cs.ready) ready++;
      continue;
    }
    if (term) {
      reason = terminatedReason('Init:', term);
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      // Models printPod: Init:N/M names the index of the first unfinished init container.
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initializedTrue(status.conditions)) {
    // Models printPod: once initialized, only sidecar restarts are kept from the init containers.
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // Models printPod: walked last to first, so the first container in name order with a reason wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount ?? 0;
      lastRestart = laterFinish(lastRestart, cs);
      const term = cs.state?.terminated;
      const waiting = cs.state?.waiting;
      if (waiting && waiting.reason) {
        reason = waiting.reason;
      } else if (term && term.reason) {
        reason = term.reason;
      } else if (term) {
        reason = terminatedReason('', term);
      } else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    // Models printPod: Completed with a container still running reads Running or NotReady.
    if (reason === 'Completed' && hasRunning) {
      reason = isPodReady(pod) ? 'Running' : 'NotReady';
    }
  }

  const deleting = pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
  // Models printPod: NodeLost pods being deleted show Unknown; other non-terminal deleting pods Terminating.
  if (deleting && status.reason === NODE_UNREACHABLE_REASON) {
    reason = 'Unknown';
  } else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) {
    restartsStr = `${restarts} (${humanDuration(nowMs - lastRestart)} ago)`;
  }

  const podIP = status.podIPs?.[0]?.ip ?? status.podIP ?? '';
  const gates = spec?.readinessGates ?? [];
  let readinessGates = '<none>';
  if (gates.length > 0) {
    let trueCount = 0;
    for (const g of gates) {
      const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
      if (c?.status === 'True') trueCount++;
    }
    readinessGates = `${trueCount}/${gates.length}`;
  }

  return {
    name: pod.metadata?.name ?? '',
    ready: `${ready}/${total}`,
    status: reason,
    restarts: restartsStr,
    restartCount: restarts,
    ...(restarts !== 0 && lastRestart !== undefined ? { lastRestartMs: lastRestart } : {}),
    age: translateTimestampSince(pod.metadata?.creationTimestamp, nowMs),
    ip: podIP || '<none>',
    node: spec?.nodeName || '<none>',
    nominatedNode: status.nominatedNodeName || '<none>',
    readinessGates,
  };
}
