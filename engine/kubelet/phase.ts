/**
 * The pod phase from container statuses (k8s-semantics §2.1).
 * Models kubelet_pods.go getPhase, newest version (regular and sidecar pending init counted apart).
 */
import type { Container, ContainerStatus, PodSpec } from 'kubernetes-types/core/v1';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

// Models podutil.IsRestartableInitContainer: an init container with restartPolicy Always is a sidecar.
export function isSidecar(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

/**
 * The entry named `name`, the last one when several are (as a Map built from the list would keep).
 * A linear search: a pod has a handful of containers, and this runs on every status post.
 */
export function named<T extends { readonly name: string }>(list: readonly T[] | undefined, name: string): T | undefined {
  if (!list) return undefined;
  for (let i = list.length - 1; i >= 0; i--) if (list[i].name === name) return list[i];
  return undefined;
}

export interface PhaseInput {
  readonly spec: PodSpec;
  readonly initContainerStatuses?: readonly ContainerStatus[];
  readonly containerStatuses?: readonly ContainerStatus[];
  /** The pod is being torn down for good (deleted, or its containers stopped for completion). */
  readonly podIsTerminal: boolean;
  /** Some app container has started in the current sandbox (getPhase's podHasInitialized). */
  readonly podHasInitialized: boolean;
  /** Which version's rule makes pending init containers keep the pod Pending (default: the newest). */
  readonly pendingInitRule?: PendingInitRule;
}

/**
 * [ver] How getPhase treats pending init containers (k8s-semantics §2.1, §13):
 * - `split` (≥1.32, PR #126653): pending regular init containers always mean Pending; pending sidecars
 *   only until the current sandbox's app containers have started;
 * - `until-app-started` (1.28–1.31): any pending init container means Pending only while no app
 *   container has ever started (HasAnyRegularContainerStarted on the statuses), so a pod whose sandbox
 *   was re-created stays Running while its init containers run again;
 * - `any` (≤1.27): any pending init container means Pending.
 */
export type PendingInitRule = 'split' | 'until-app-started' | 'any';

export function pendingInitRuleFor(minor: number): PendingInitRule {
  return minor >= 32 ? 'split' : minor >= 28 ? 'until-app-started' : 'any';
}

export function getPhase(input: PhaseInput): PodPhase {
  const { spec } = input;
  let pendingRegularInit = 0, pendingSidecar = 0, failedInit = 0;
  let unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0, appStarted = false;

  for (const c of spec.initContainers ?? []) {
    const s = named(input.initContainerStatuses, c.name);
    if (isSidecar(c)) {
      // Models getPhase: a sidecar's own restarts never fail the pod; only "not started yet" keeps it pending.
      if (!s) { unknown++; pendingSidecar++; continue; }
      if (s.state?.running) { running++; if (!s.started) pendingSidecar++; continue; }
      if (s.state?.terminated || s.lastState?.terminated) continue;
      pendingSidecar++; waiting++;
      continue;
    }
    if (!s) { pendingRegularInit++; continue; }
    if (s.state?.running) { pendingRegularInit++; continue; }
    if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
      continue;
    }
    if (s.state?.waiting) {
      // Models getPhase: Waiting after a run counts only when that run failed; after exit 0 it is neither pending nor failed.
      const last = s.lastState?.terminated;
      if (last) { if (last.exitCode !== 0) failedInit++; } else pendingRegularInit++;
      continue;
    }
    pendingRegularInit++;
  }

  for (const c of spec.containers ?? []) {
    const s = named(input.containerStatuses, c.name);
    if (!s) { unknown++; continue; }
    if (s.state?.running || s.state?.terminated) appStarted = true;
    if (s.state?.running) running++;
    else if (s.state?.terminated) { stopped++; if (s.state.terminated.exitCode === 0) succeeded++; }
    else if (s.state?.waiting) { if (s.lastState?.terminated) stopped++; else waiting++; }
    else unknown++;
  }

  const restartPolicy = spec.restartPolicy ?? 'Always';
  if (failedInit > 0 && restartPolicy === 'Never') return 'Failed';
  const rule = input.pendingInitRule ?? 'split';
  const pendingInit = rule === 'split' ? pendingRegularInit > 0 || (pendingSidecar > 0 && !input.podHasInitialized)
    : pendingRegularInit + pendingSidecar > 0 && (rule === 'any' || !appStarted);
  if (pendingInit || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (input.podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}
