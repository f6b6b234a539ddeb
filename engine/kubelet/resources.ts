/**
 * A pod's effective resource requests (k8s-semantics §8; D-SIDE "Resource sharing within containers",
 * component-helpers resource.PodRequests): during initialization each init container runs next to the
 * sidecars declared before it; afterwards all app containers run next to all sidecars. The pod's
 * effective request is the larger of the two, plus the pod overhead.
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import { quantityValue } from '../kubectl/qos';
import { isSidecar } from './phase';

export type ResourceName = 'cpu' | 'memory';

function request(c: Container, r: ResourceName): number {
  // The API server defaults a missing request to the limit (SetDefaults_Container).
  const q = c.resources?.requests?.[r] ?? c.resources?.limits?.[r];
  const v = quantityValue(q as string | number | undefined);
  return Number.isFinite(v) ? v : 0;
}

type Amount = (c: Container) => number;

/** The largest of each init container (with the sidecars before it) and each sidecar prefix. */
function effectiveInit(spec: PodSpec, amount: Amount): number {
  let sidecars = 0;
  let max = 0;
  for (const c of spec.initContainers ?? []) {
    if (isSidecar(c)) {
      sidecars += amount(c);
      max = Math.max(max, sidecars);
    } else {
      max = Math.max(max, amount(c) + sidecars);
    }
  }
  return max;
}

/** The larger of initialization and the running pod (app containers next to all sidecars), plus the pod overhead. */
function effectivePod(spec: PodSpec, r: ResourceName, amount: Amount): number {
  const sidecars = (spec.initContainers ?? []).filter(isSidecar).reduce((n, c) => n + amount(c), 0);
  const running = (spec.containers ?? []).reduce((n, c) => n + amount(c), 0) + sidecars;
  const overhead = quantityValue(spec.overhead?.[r] as string | undefined);
  return Math.max(effectiveInit(spec, amount), running) + (Number.isFinite(overhead) ? overhead : 0);
}

/** Effective init request: the largest of each init container (with the sidecars before it) and each sidecar prefix. */
export function effectiveInitRequest(spec: PodSpec, r: ResourceName): number {
  return effectiveInit(spec, (c) => request(c, r));
}

/** The pod's effective request for `r` (in the resource's base unit: cores or bytes). */
export function effectivePodRequest(spec: PodSpec, r: ResourceName): number {
  return effectivePod(spec, r, (c) => request(c, r));
}

/** A container's resources.limits.memory in bytes; 0 without one. */
export function memoryLimit(c: Container): number {
  const v = quantityValue(c.resources?.limits?.memory as string | number | undefined);
  return Number.isFinite(v) ? v : 0;
}

/**
 * The pod cgroup's memory limit (pkg/kubelet/cm ResourceConfigForPod): only when every app container declares
 * one (memoryLimitsDeclared); then resource.PodLimits, computed as the effective request is. null: no limit.
 */
export function podMemoryLimit(spec: PodSpec): number | null {
  const apps = spec.containers ?? [];
  if (apps.length === 0 || apps.some((c) => memoryLimit(c) <= 0)) return null;
  return effectivePod(spec, 'memory', memoryLimit);
}
