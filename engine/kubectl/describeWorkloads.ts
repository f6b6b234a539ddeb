/**
 * `kubectl describe` for Deployments, Services and Jobs (the common parts of each describer).
 */
import type { Endpoints, Event, PodTemplateSpec, Service } from 'kubernetes-types/core/v1';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { KubectlProfile } from './describeWriter';
import { DEFAULT_PROFILE, DescribeWriter, describeTime, L0, L1, printAnnotationsMultiline, printController, printLabelsMultiline, printTolerationsMultiline } from './describeWriter';
import { describeContainers, describeVolumes } from './describeContainers';
import { describeEvents, selectEvents } from './describeEvents';
import { formatLabels, selectorString } from './selector';
import { humanDuration, timeMs } from './duration';

/** describe.go DescribePodTemplate. */
// Models describe.go DescribePodTemplate (containers without statuses, indented by two spaces).
export function describePodTemplate(w: DescribeWriter, t: PodTemplateSpec | undefined, profile: KubectlProfile): void {
  w.write(L0, 'Pod Template:\n');
  if (!t) { w.write(L1, '<unset>'); return; }
  printLabelsMultiline(w, '  Labels', t.metadata?.labels);
  if (Object.keys(t.metadata?.annotations ?? {}).length > 0) printAnnotationsMultiline(w, '  Annotations', t.metadata?.annotations);
  const spec = t.spec;
  if (spec?.serviceAccountName) w.write(L1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec?.initContainers ?? []).length > 0) describeContainers(w, 'Init Containers', spec?.initContainers ?? [], undefined, undefined, '  ', profile);
  describeContainers(w, 'Containers', spec?.containers ?? [], undefined, undefined, '  ', profile);
  describeVolumes(w, spec?.volumes, '  ');
  if (spec?.priorityClassName) w.write(L1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec?.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec?.tolerations);
}

const intOrString = (v: number | string | undefined, dflt: string): string => (v === undefined ? dflt : String(v));

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

function withoutHash(t: PodTemplateSpec | undefined): string {
  const labels = { ...(t?.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  return canonical({ ...t, metadata: { ...t?.metadata, labels } });
}

/** The deployment's new and old ReplicaSets, as deploymentutil.GetAllReplicaSets finds them. */
// Models kubectl deploymentutil FindNewReplicaSet / FindOldReplicaSets (owned RSs, template equal ignoring pod-template-hash).
export function deploymentReplicaSets(d: Deployment, all: readonly ReplicaSet[]): { newRS?: ReplicaSet; oldRSs: ReplicaSet[] } {
  const owned = all.filter((rs) => (rs.metadata?.namespace ?? '') === (d.metadata?.namespace ?? '')
    && (rs.metadata?.ownerReferences ?? []).some((o) => o.controller === true && o.kind === 'Deployment' && (o.uid === d.metadata?.uid || o.name === d.metadata?.name)))
    .sort((a, b) => (timeMs(a.metadata?.creationTimestamp) ?? 0) - (timeMs(b.metadata?.creationTimestamp) ?? 0) || ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
  const target = withoutHash(d.spec?.template);
  const newRS = owned.find((rs) => withoutHash(rs.spec?.template) === target);
  return { newRS, oldRSs: owned.filter((rs) => rs !== newRS) };
}

const rsList = (list: readonly ReplicaSet[]): string =>
  list.map((rs) => `${rs.metadata?.name ?? ''} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') || '<none>';

/** `kubectl describe deployment`. */
// Models kubectl describe.go describeDeployment.
export function describeDeployment(d: Deployment, replicaSets: readonly ReplicaSet[], events: readonly Event[], nowMs: number, profile: KubectlProfile = DEFAULT_PROFILE, showEvents = true): string {
  const w = new DescribeWriter();
  const s = d.status ?? {};
  w.write(L0, `Name:\t${d.metadata?.name ?? ''}\n`);
  w.write(L0, `Namespace:\t${d.metadata?.namespace ?? ''}\n`);
  w.write(L0, `CreationTimestamp:\t${describeTime(d.metadata?.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata?.annotations);
  w.write(L0, `Selector:\t${selectorString(d.spec?.selector)}\n`);
  w.write(L0, `Replicas:\t${d.spec?.replicas ?? 1} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`);
  w.write(L0, `StrategyType:\t${d.spec?.strategy?.type ?? ''}\n`);
  w.write(L0, `MinReadySeconds:\t${d.spec?.minReadySeconds ?? 0}\n`);
  const ru = d.spec?.strategy?.rollingUpdate;
  if (ru) w.write(L0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable, '0')} max unavailable, ${intOrString(ru.maxSurge, '0')} max surge\n`);
  describePodTemplate(w, d.spec?.template, profile);
  const conds = s.conditions ?? [];
  if (conds.length > 0) {
    w.write(L0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(L1, '----\t------\t------\n');
    for (const c of conds) w.write(L1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const { newRS, oldRSs } = deploymentReplicaSets(d, replicaSets);
  if (oldRSs.length > 0 || newRS) {
    w.write(L0, `OldReplicaSets:\t${rsList(oldRSs)}\n`);
    w.write(L0, `NewReplicaSet:\t${rsList(newRS ? [newRS] : [])}\n`);
  }
  if (showEvents) describeEvents(w, selectEvents(events, { name: d.metadata?.name ?? '', namespace: d.metadata?.namespace, kind: 'Deployment', uid: d.metadata?.uid }), nowMs, profile);
  return w.toString();
}

// Models describe.go formatEndpointSlices, fed from the core/v1 Endpoints object (one slice per subset).
function formatServiceEndpoints(ep: Endpoints | undefined, portName: string): string {
  if (!ep) return '<none>';
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '';
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const ready = (ss.addresses ?? []).map((a) => a.ip);
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      for (const ip of ready) { if (list.length === 3) more = true; if (!more) list.push(ip); count++; }
      continue;
    }
    for (const port of ports) {
      if ((port.name ?? '') !== portName) continue;
      for (const ip of ready) {
        if (list.length === 3) more = true;
        if (!more) list.push(ip.includes(':') ? `[${ip}]:${port.port}` : `${ip}:${port.port}`);
        count++;
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - 3} more...` : ret;
}

/** `kubectl describe service`; `endpoints` is the Service's Endpoints object when it has one. */
// Models kubectl describe.go describeService.
export function describeService(svc: Service, endpoints: Endpoints | undefined, events: readonly Event[], nowMs: number, profile: KubectlProfile = DEFAULT_PROFILE, showEvents = true): string {
  const w = new DescribeWriter();
  const spec = svc.spec ?? {};
  w.write(L0, `Name:\t${svc.metadata?.name ?? ''}\n`);
  w.write(L0, `Namespace:\t${svc.metadata?.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', svc.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', svc.metadata?.annotations);
  w.write(L0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(L0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(L0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(L0, `IP Families:\t${(spec.ipFamilies ?? []).length > 0 ? (spec.ipFamilies ?? []).join(',') : '<none>'}\n`);
  w.write(L0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(L0, `IPs:\t${(spec.clusterIPs ?? []).length > 0 ? (spec.clusterIPs ?? []).join(',') : '<none>'}\n`);
  if ((spec.externalIPs ?? []).length > 0) w.write(L0, `External IPs:\t${(spec.externalIPs ?? []).join(',')}\n`);
  if (spec.externalName) w.write(L0, `External Name:\t${spec.externalName}\n`);
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    const proto = p.protocol ?? 'TCP';
    w.write(L0, `Port:\t${name}\t${p.port}/${proto}\n`);
    w.write(L0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`);
    if (p.appProtocol) w.write(L0, `AppProtocol:\t${p.appProtocol}\n`);
    if (p.nodePort) w.write(L0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
    w.write(L0, `Endpoints:\t${formatServiceEndpoints(endpoints, p.name ?? '')}\n`);
  }
  w.write(L0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(L0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(L0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (showEvents) describeEvents(w, selectEvents(events, { name: svc.metadata?.name ?? '', namespace: svc.metadata?.namespace, kind: 'Service', uid: svc.metadata?.uid }), nowMs, profile);
  return w.toString();
}

/** `kubectl describe job`. */
// Models kubectl describe.go describeJob.
export function describeJob(job: Job, events: readonly Event[], nowMs: number, profile: KubectlProfile = DEFAULT_PROFILE, showEvents = true): string {
  const w = new DescribeWriter();
  const spec = job.spec;
  const s = job.status ?? {};
  w.write(L0, `Name:\t${job.metadata?.name ?? ''}\n`);
  w.write(L0, `Namespace:\t${job.metadata?.namespace ?? ''}\n`);
  w.write(L0, `Selector:\t${selectorString(spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', job.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', job.metadata?.annotations);
  const controlledBy = printController(job.metadata);
  if (controlledBy) w.write(L0, `Controlled By:\t${controlledBy}\n`);
  if (spec?.parallelism !== undefined) w.write(L0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(L0, spec?.completions !== undefined && spec.completions !== null ? `Completions:\t${spec.completions}\n` : 'Completions:\t<unset>\n');
  if (spec?.completionMode) w.write(L0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec?.suspend !== undefined) w.write(L0, `Suspend:\t${spec.suspend}\n`);
  if (spec?.backoffLimit !== undefined) w.write(L0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec?.ttlSecondsAfterFinished !== undefined) w.write(L0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (s.startTime) w.write(L0, `Start Time:\t${describeTime(s.startTime)}\n`);
  if (s.completionTime) w.write(L0, `Completed At:\t${describeTime(s.completionTime)}\n`);
  const start = timeMs(s.startTime); const end = timeMs(s.completionTime);
  if (start !== undefined && end !== undefined) w.write(L0, `Duration:\t${humanDuration(end - start)}\n`);
  if (spec?.activeDeadlineSeconds !== undefined) w.write(L0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  w.write(L0, s.ready === undefined || s.ready === null
    ? `Pods Statuses:\t${s.active ?? 0} Active / ${s.succeeded ?? 0} Succeeded / ${s.failed ?? 0} Failed\n`
    : `Pods Statuses:\t${s.active ?? 0} Active (${s.ready} Ready) / ${s.succeeded ?? 0} Succeeded / ${s.failed ?? 0} Failed\n`);
  if (spec?.completionMode === 'Indexed') w.write(L0, `Completed Indexes:\t${s.completedIndexes || '<none>'}\n`);
  describePodTemplate(w, spec?.template, profile);
  if (showEvents) describeEvents(w, selectEvents(events, { name: job.metadata?.name ?? '', namespace: job.metadata?.namespace, kind: 'Job', uid: job.metadata?.uid }), nowMs, profile);
  return w.toString();
}
