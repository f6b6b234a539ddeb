/**
 * Pod QoS class (`QoS Class:` in describe) and resource quantity parsing.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { quantityValue as parseQuantity } from '../scenario/quantity';

/** The numeric value of a resource.Quantity (`100m` → 0.1, `1Gi` → 2^30); NaN when malformed. */
// Models apimachinery resource.ParseQuantity (value only): the API server's parser, with NaN for "none".
export function quantityValue(q: string | number | undefined): number {
  return parseQuantity(q) ?? Number.NaN;
}

/** `status.qosClass` when the kubelet set it, else the class computed from requests and limits. */
// Models kubernetes pkg/apis/core/helper/qos GetPodQOS / ComputePodQOS (cpu and memory only).
export function podQOSClass(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  // Most pods set no requests or limits: BestEffort, without building the sums (every pod creation asks).
  if (!anyResources(pod.spec?.containers) && !anyResources(pod.spec?.initContainers)) return 'BestEffort';
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    // The API server defaults a missing request to the limit (core/v1 SetDefaults_Container).
    const effective = { ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) };
    for (const [name, q] of Object.entries(effective)) {
      const v = quantityValue(q);
      if ((name === 'cpu' || name === 'memory') && v > 0) requests.set(name, (requests.get(name) ?? 0) + v);
    }
    const found = new Set<string>();
    for (const [name, q] of Object.entries(c.resources?.limits ?? {})) {
      const v = quantityValue(q);
      if ((name === 'cpu' || name === 'memory') && v > 0) { found.add(name); limits.set(name, (limits.get(name) ?? 0) + v); }
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) { guaranteed = false; break; }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

function anyResources(containers: readonly { readonly resources?: { readonly limits?: object; readonly requests?: object } }[] | undefined): boolean {
  for (const c of containers ?? []) {
    if (hasEntries(c.resources?.limits) || hasEntries(c.resources?.requests)) return true;
  }
  return false;
}

function hasEntries(o: object | undefined): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return true;
  return false;
}
