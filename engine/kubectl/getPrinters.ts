/**
 * Table columns and cells for each resource kubectl get prints, as the API server's table
 * convertor (kubernetes pkg/printers/internalversion) builds them.
 */
import type { ConfigMap, Endpoints, Event, Namespace, Pod, Secret, Service } from 'kubernetes-types/core/v1';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { Container } from 'kubernetes-types/core/v1';
import type { ResourceName } from './resources';
import { humanDuration, timeMs, translateTimestampSince } from './duration';
import { printPodRow } from './printPod';
import { formatLabels, formatLabelSelector, selectorString } from './selector';

/** Column names (header cells before upper-casing) and which are `-o wide` only. */
export interface Columns {
  readonly names: readonly string[];
  /** Indexes of priority-1 (wide-only) columns. */
  readonly wide: readonly number[];
}

type Cells = (obj: never, nowMs: number, wide: boolean) => string[];

// Models printers.go layoutContainerCells.
function containerCells(cs: readonly Container[] | undefined): [string, string] {
  return [(cs ?? []).map((c) => c.name).join(','), (cs ?? []).map((c) => c.image ?? '').join(',')];
}

const age = (o: { metadata?: { creationTimestamp?: string } }, now: number): string => translateTimestampSince(o.metadata?.creationTimestamp, now);

// Models printers.go printPod (cells).
function podCells(p: Pod, now: number, wide: boolean): string[] {
  const r = printPodRow(p, now);
  const base = [r.name, r.ready, r.status, r.restarts, r.age];
  return wide ? [...base, r.ip, r.node, r.nominatedNode, r.readinessGates] : base;
}

// Models printers.go printDeployment.
function deploymentCells(d: Deployment, now: number, wide: boolean): string[] {
  const s = d.status ?? {};
  const base = [d.metadata?.name ?? '', `${s.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`, String(s.updatedReplicas ?? 0), String(s.availableReplicas ?? 0), age(d, now)];
  return wide ? [...base, ...containerCells(d.spec?.template.spec?.containers), selectorString(d.spec?.selector)] : base;
}

// Models printers.go printReplicaSet.
function replicaSetCells(rs: ReplicaSet, now: number, wide: boolean): string[] {
  const s = rs.status;
  const base = [rs.metadata?.name ?? '', String(rs.spec?.replicas ?? 0), String(s?.replicas ?? 0), String(s?.readyReplicas ?? 0), age(rs, now)];
  return wide ? [...base, ...containerCells(rs.spec?.template?.spec?.containers), formatLabelSelector(rs.spec?.selector)] : base;
}

function jobCondition(j: Job, type: string): boolean {
  const c = (j.status?.conditions ?? []).find((x) => x.type === type);
  return c?.status === 'True';
}

// Models printers.go printJob (STATUS column since kubectl 1.30-era servers).
function jobCells(j: Job, now: number, wide: boolean): string[] {
  const s = j.status ?? {};
  const succeeded = s.succeeded ?? 0;
  let completions: string;
  if (j.spec?.completions !== undefined && j.spec.completions !== null) completions = `${succeeded}/${j.spec.completions}`;
  else completions = (j.spec?.parallelism ?? 0) > 1 ? `${succeeded}/1 of ${j.spec?.parallelism}` : `${succeeded}/1`;
  const start = timeMs(s.startTime);
  const end = timeMs(s.completionTime);
  const duration = start === undefined ? '' : humanDuration((end ?? now) - start);
  let status = 'Running';
  if (jobCondition(j, 'Complete')) status = 'Complete';
  else if (jobCondition(j, 'Failed')) status = 'Failed';
  else if (j.metadata?.deletionTimestamp) status = 'Terminating';
  else if (jobCondition(j, 'Suspended')) status = 'Suspended';
  else if (jobCondition(j, 'FailureTarget')) status = 'FailureTarget';
  const base = [j.metadata?.name ?? '', status, completions, duration, age(j, now)];
  return wide ? [...base, ...containerCells(j.spec?.template.spec?.containers), formatLabelSelector(j.spec?.selector)] : base;
}

// Models printers.go getServiceExternalIP.
function externalIP(svc: Service): string {
  const ext = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP': case 'NodePort': return ext.length > 0 ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = [...new Set((svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter((x) => x))].sort();
      const all = [...lb, ...ext];
      if (all.length > 0) return all.join(',');
      return '<pending>';
    }
    case 'ExternalName': return svc.spec?.externalName ?? '';
  }
  return '<unknown>';
}

// Models printers.go printService / makePortString.
function serviceCells(svc: Service, now: number, wide: boolean): string[] {
  const ports = (svc.spec?.ports ?? []).map((p) => (p.nodePort ?? 0) > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`).join(',');
  const ip = svc.spec?.clusterIPs?.[0] ?? svc.spec?.clusterIP ?? '<none>';
  const base = [svc.metadata?.name ?? '', svc.spec?.type ?? 'ClusterIP', ip || '<none>', externalIP(svc), ports || '<none>', age(svc, now)];
  return wide ? [...base, formatLabels(svc.spec?.selector)] : base;
}

// Models printers.go formatEndpoints (at most 3 shown, then "+ N more...").
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      count += addrs.length;
      for (const a of addrs) { if (list.length === max) { more = true; break; } list.push(a.ip); }
      continue;
    }
    for (const port of ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) { more = true; break; }
        list.push(a.ip.includes(':') ? `[${a.ip}]:${port.port}` : `${a.ip}:${port.port}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

// Models printers.go printEvent (LAST SEEN falls back to firstTimestamp, then eventTime).
function eventCells(e: Event, now: number, wide: boolean): string[] {
  const first = e.firstTimestamp ? translateTimestampSince(e.firstTimestamp, now) : translateTimestampSince(e.eventTime, now);
  let last = e.lastTimestamp ? translateTimestampSince(e.lastTimestamp, now) : first;
  let count = e.count ?? 0;
  if (e.series) { last = translateTimestampSince(e.series.lastObservedTime, now); count = e.series.count ?? 0; } else if (count === 0) count = 1;
  const io = e.involvedObject;
  const target = io.name ? `${(io.kind ?? '').toLowerCase()}/${io.name}` : (io.kind ?? '').toLowerCase();
  const message = (e.message ?? '').trim();
  if (!wide) return [last, e.type ?? '', e.reason ?? '', target, message];
  const component = e.source?.component || e.reportingComponent || '';
  const host = e.source?.host || e.reportingInstance || '';
  const source = host ? `${component}, ${host}` : component;
  return [last, e.type ?? '', e.reason ?? '', target, io.fieldPath ?? '', source, message, first, String(count), e.metadata.name ?? ''];
}

const configMapCells = (cm: ConfigMap, now: number): string[] =>
  [cm.metadata?.name ?? '', String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length), age(cm, now)];
const secretCells = (s: Secret, now: number): string[] =>
  [s.metadata?.name ?? '', s.type ?? '', String(Object.keys(s.data ?? {}).length), age(s, now)];
const namespaceCells = (ns: Namespace, now: number): string[] => [ns.metadata?.name ?? '', ns.status?.phase ?? '', age(ns, now)];
const endpointsCells = (ep: Endpoints, now: number): string[] => [ep.metadata?.name ?? '', formatEndpoints(ep), age(ep, now)];

const C = (names: string[], wide: number[] = []): Columns => ({ names, wide });

// Models the column definitions in printers.go AddHandlers.
const PRINTERS: Record<ResourceName, { columns: Columns; cells: Cells }> = {
  pods: { columns: C(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates'], [5, 6, 7, 8]), cells: podCells as Cells },
  deployments: { columns: C(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector'], [5, 6, 7]), cells: deploymentCells as Cells },
  replicasets: { columns: C(['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers', 'Images', 'Selector'], [5, 6, 7]), cells: replicaSetCells as Cells },
  jobs: { columns: C(['Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers', 'Images', 'Selector'], [5, 6, 7]), cells: jobCells as Cells },
  services: { columns: C(['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector'], [6]), cells: serviceCells as Cells },
  endpoints: { columns: C(['Name', 'Endpoints', 'Age']), cells: endpointsCells as Cells },
  configmaps: { columns: C(['Name', 'Data', 'Age']), cells: configMapCells as Cells },
  secrets: { columns: C(['Name', 'Type', 'Data', 'Age']), cells: secretCells as Cells },
  namespaces: { columns: C(['Name', 'Status', 'Age']), cells: namespaceCells as Cells },
  events: { columns: C(['Last Seen', 'Type', 'Reason', 'Object', 'Subobject', 'Source', 'Message', 'First Seen', 'Count', 'Name'], [4, 5, 7, 8, 9]), cells: eventCells as Cells },
};

/** Header cells (upper-case, as kubectl prints them) for `resource`, with or without `-o wide`. */
export function headerFor(resource: ResourceName, wide: boolean): string[] {
  const { names, wide: w } = PRINTERS[resource].columns;
  return names.filter((_n, i) => wide || !w.includes(i)).map((n) => n.toUpperCase());
}

/** Row cells for one object of `resource` at `nowMs`. */
export function cellsFor(resource: ResourceName, obj: unknown, nowMs: number, wide: boolean): string[] {
  return PRINTERS[resource].cells(obj as never, nowMs, wide);
}

/** Index of the NAME column (where multi-type output prefixes `kind/`), -1 if none is shown. */
export function nameColumn(resource: ResourceName, wide: boolean): number {
  return headerFor(resource, wide).indexOf('NAME');
}
