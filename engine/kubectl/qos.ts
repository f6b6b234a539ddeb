/**
 * Pod QoS class (`QoS Class:` in describe) and resource quantity parsing.
 */
import type { Pod } from 'kubernetes-types/core/v1';

const SUFFIX: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The numeric value of a resource.Quantity string (`100m` → 0.1, `1Gi` → 2^30); NaN when malformed. */
// Models apimachinery resource.ParseQuantity (value only, not canonical form).
export function quantityValue(q: string | number | undefined): number {
  if (q === undefined) return Number.NaN;
  if (typeof q === 'number') return q;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?)$/.exec(q.trim());
  if (!m) return Number.NaN;
  if (m[2]) return Number(m[1] + m[2]);
  return Number(m[1]) * SUFFIX[m[3] ?? ''];
}

/** `status.qosClass` when the kubelet set it, else the class computed from requests and limits. */
// Models kubernetes pkg/apis/core/helper/qos GetPodQOS / ComputePodQOS (cpu and memory only).
export function podQOSClass(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
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
