/**
 * The cluster DNS server, answering as CoreDNS's kubernetes plugin does for cluster.local
 * (k8s-semantics §9, D-DNS): a ClusterIP Service resolves to its ClusterIP as soon as it exists,
 * endpoints or not; a headless one to its ready pod IPs, NXDOMAIN while it has none; every other
 * name under cluster.local is NXDOMAIN. Search-list expansion is the resolver's job (the runtime).
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { DnsQuery, DnsReply } from '../runtime/seam';

export const CLUSTER_DOMAIN = 'cluster.local';

export interface DnsView {
  service(namespace: string, name: string): Service | undefined;
  /** Ready pod IPs behind a Service (from its Endpoints). */
  readyAddresses(namespace: string, name: string): readonly string[];
  /** Service by ClusterIP, for PTR queries. */
  serviceByIp(ip: string): Service | undefined;
  /** Whether a namespace exists. */
  namespaceExists(name: string): boolean;
  /** Names outside the cluster that the simulated world knows (e.g. github.com). */
  external(name: string): readonly string[] | undefined;
}

const NX: DnsReply = { rcode: 'NXDOMAIN', answers: [] };

export function answerDns(view: DnsView, query: DnsQuery): DnsReply {
  const name = query.name.toLowerCase().replace(/\.$/, '');
  if (query.type === 'PTR') return answerPtr(view, name);
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  if (name.endsWith(suffix)) {
    const parts = name.slice(0, -suffix.length).split('.');
    if (parts.length !== 2) return NX;
    const [svcName, ns] = parts;
    const svc = view.service(ns, svcName);
    if (!svc) return NX;
    const headless = svc.spec?.clusterIP === 'None';
    const ips = headless ? view.readyAddresses(ns, svcName) : [svc.spec?.clusterIP ?? ''];
    // Models CoreDNS: a headless Service with no ready endpoints has no records at all.
    if (ips.length === 0) return NX;
    if (query.type !== 'A') return { rcode: 'NOERROR', answers: [] };
    return { rcode: 'NOERROR', answers: ips };
  }
  if (name === CLUSTER_DOMAIN || name.endsWith(`.${CLUSTER_DOMAIN}`)) {
    // <a-b-c-d>.<ns>.pod.cluster.local resolves to the dashed IP.
    const pod = /^(\d+-\d+-\d+-\d+)\.([a-z0-9-]+)\.pod\.cluster\.local$/.exec(name);
    if (pod && view.namespaceExists(pod[2])) {
      return query.type === 'A' ? { rcode: 'NOERROR', answers: [pod[1].replace(/-/g, '.')] } : { rcode: 'NOERROR', answers: [] };
    }
    return NX;
  }
  const ext = view.external(name);
  if (!ext) return NX;
  return query.type === 'A' ? { rcode: 'NOERROR', answers: ext } : { rcode: 'NOERROR', answers: [] };
}

function answerPtr(view: DnsView, name: string): DnsReply {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/.exec(name);
  if (!m) return NX;
  const ip = `${m[4]}.${m[3]}.${m[2]}.${m[1]}`;
  const svc = view.serviceByIp(ip);
  if (!svc) return NX;
  return { rcode: 'NOERROR', answers: [`${svc.metadata?.name}.${svc.metadata?.namespace ?? 'default'}.svc.${CLUSTER_DOMAIN}`] };
}
