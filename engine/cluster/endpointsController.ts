/**
 * Service → Endpoints. Models pkg/controller/endpoint syncService: ready pods matching the selector are
 * `addresses`, the others `notReadyAddresses`; a Service without a selector keeps whatever Endpoints
 * the user made.
 */
import type { EndpointPort, Endpoints, Pod, Service } from 'kubernetes-types/core/v1';
import { NODE_NAME } from '../kubelet/kubelet';
import { matches } from '../sim/world';
import type { LooseObject, Writable } from './store';
import type { ControllerContext } from './controllers';
import { jsonEqual } from '../sim/jsonEqual';
import { isPodReady } from '../kubelet/conditions';

function ipKey(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + (Number(part) || 0), 0);
}

export function syncEndpoints(ctx: ControllerContext, obj: LooseObject): void {
  const svc = obj as unknown as Service;
  const selector = svc.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return;
  const w = ctx.world;
  const ns = svc.metadata!.namespace!;
  const pods = w.store.list<Pod>('Pod', ns).filter((p) => !p.metadata?.deletionTimestamp && p.status?.podIP && matches(selector, p.metadata?.labels));
  const address = (p: Pod) => ({ ip: p.status!.podIP!, nodeName: NODE_NAME, targetRef: { kind: 'Pod', namespace: ns, name: p.metadata!.name!, uid: p.metadata!.uid! } });
  // Models endpoints.RepackSubsets: addresses sorted by IP (numeric keys computed once, not per comparison).
  const byIp = (list: Pod[]) => list.map((p) => ({ key: ipKey(p.status!.podIP!), address: address(p) }))
    .sort((a, b) => a.key - b.key).map((x) => x.address);
  const ready = byIp(pods.filter(isPodReady));
  const notReady = byIp(pods.filter((p) => !isPodReady(p)));
  const ports: EndpointPort[] = (svc.spec?.ports ?? []).map((p) => ({
    ...(p.name ? { name: p.name } : {}), port: typeof p.targetPort === 'number' ? p.targetPort : Number(p.targetPort ?? p.port) || p.port, protocol: p.protocol ?? 'TCP',
  }));
  const subsets = ready.length + notReady.length === 0 ? undefined
    : [{ ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ports }];
  const existing = w.store.get<Endpoints>('Endpoints', ns, svc.metadata!.name!);
  if (!existing) {
    ctx.api.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: svc.metadata!.name!, namespace: ns, labels: { ...(svc.metadata?.labels ?? {}) } },
      ...(subsets ? { subsets } : {}) } as LooseObject);
    return;
  }
  if (jsonEqual(existing.subsets, subsets)) return;
  const e = existing as Writable<Endpoints>;
  if (subsets) e.subsets = subsets; else delete e.subsets;
  w.store.update(existing, false);
}
