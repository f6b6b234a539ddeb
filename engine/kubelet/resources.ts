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

/** Effective init request: the largest of each init container (with the sidecars before it) and each sidecar prefix. */
export function effectiveInitRequest(spec: PodSpec, r: ResourceName): number {
  let sidecars = 0;
  let max = 0;
  for (const c of spec.initContainers ?? []) {
    if (isSidecar(c)) {
      sidecars += request(c, r);
      max = Math.max(max, sidecars);
    } else {
      max = Math.max(max, request(c, r) + sidecars);
    }
  }
  return max;
}

/** The pod's effective request for `r` (in the resource's base unit: cores or bytes). */
export function effectivePodRequest(spec: PodSpec, r: ResourceName): number {
  const sidecars = (spec.initContainers ?? []).filter(isSidecar).reduce((n, c) => n + request(c, r), 0);
  const running = (spec.containers ?? []).reduce((n, c) => n + request(c, r), 0) + sidecars;
  const overhead = quantityValue(spec.overhead?.[r] as string | undefined);
  return Math.max(effectiveInitRequest(spec, r), running) + (Number.isFinite(overhead) ? overhead : 0);
}
