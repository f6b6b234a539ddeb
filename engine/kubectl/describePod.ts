/**
 * `kubectl describe pod`: the exact text kubectl prints for a Pod and its events.
 */
import type { Container, Event, Pod } from 'kubernetes-types/core/v1';
import type { KubectlProfile } from './describeWriter';
import { DEFAULT_PROFILE, DescribeWriter, describeTime, L0, L1, printAnnotationsMultiline, printController, printLabelsMultiline, printTolerationsMultiline } from './describeWriter';
import { describeContainers, describeResources, describeVolumes } from './describeContainers';
import { describeEvents, selectEvents } from './describeEvents';
import { translateTimestampSince } from './duration';
import { podQOSClass } from './qos';

// Models describe.go EnvValueRetriever for the downward-API fields a pod spec commonly uses.
function envResolver(pod: Pod): (fieldPath: string) => string {
  return (path) => {
    const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
    if (m) return (m[1] === 'labels' ? pod.metadata?.labels : pod.metadata?.annotations)?.[m[2]] ?? '';
    switch (path) {
      case 'metadata.name': return pod.metadata?.name ?? '';
      case 'metadata.namespace': return pod.metadata?.namespace ?? '';
      case 'metadata.uid': return pod.metadata?.uid ?? '';
      case 'spec.nodeName': return pod.spec?.nodeName ?? '';
      case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
      case 'status.hostIP': return pod.status?.hostIP ?? '';
      case 'status.podIP': return pod.status?.podIP ?? '';
      case 'status.podIPs': return (pod.status?.podIPs ?? []).map((p) => p.ip).join(',');
      default: return '';
    }
  };
}

/**
 * The output of `kubectl describe pod` for `pod` at `nowMs`. `events` may hold every event in the
 * cluster; the ones describe would find for this pod (name, namespace, uid) are picked here.
 * `showEvents` false leaves the Events section out, as kubectl does when describing several objects.
 */
// Models kubectl pkg/describe/describe.go describePod.
export function describePod(pod: Pod, events: readonly Event[], nowMs: number, profile: KubectlProfile = DEFAULT_PROFILE, showEvents = true): string {
  const w = new DescribeWriter();
  const meta = pod.metadata ?? {};
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  w.write(L0, `Name:\t${meta.name ?? ''}\n`);
  w.write(L0, `Namespace:\t${meta.namespace ?? ''}\n`);
  if (spec.priority !== undefined && spec.priority !== null) w.write(L0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(L0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(L0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  // Models describe.go: the Service Account line exists from kubectl 1.25.
  if (spec.serviceAccountName && profile.kubectlMinor >= 25) w.write(L0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(L0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(L0, `Start Time:\t${describeTime(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(L0, `Status:\tTerminating (lasts ${translateTimestampSince(meta.deletionTimestamp, nowMs)})\n`);
    w.write(L0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(L0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(L0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(L0, `Message:\t${status.message}\n`);
  const seccomp = spec.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(L0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(L0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(L0, `IP:\t${status.podIP ?? ''}\n`);
  const ips = status.podIPs ?? [];
  if (ips.length === 0) w.write(L0, 'IPs:\t<none>\n');
  else { w.write(L0, 'IPs:\n'); for (const ip of ips) w.write(L1, `IP:\t${ip.ip}\n`); }
  const controlledBy = printController(meta);
  if (controlledBy) w.write(L0, `Controlled By:\t${controlledBy}\n`);
  if (status.nominatedNodeName) w.write(L0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  const podResources = (spec as { resources?: Container['resources'] }).resources;
  if (podResources) { w.write(L0, 'Resources:\n'); describeResources(w, podResources, L1); }
  const resolve = envResolver(pod);
  if ((spec.initContainers ?? []).length > 0) describeContainers(w, 'Init Containers', spec.initContainers ?? [], status.initContainerStatuses, resolve, '', profile);
  describeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses, resolve, '', profile);
  if ((spec.ephemeralContainers ?? []).length > 0) {
    describeContainers(w, 'Ephemeral Containers', (spec.ephemeralContainers ?? []) as Container[], status.ephemeralContainerStatuses, resolve, '', profile);
  }
  const gates = spec.readinessGates ?? [];
  if (gates.length > 0) {
    w.write(L0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) {
      const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
      w.write(L1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
    }
  }
  const conditions = status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(L0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(L1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes, '');
  w.write(L0, `QoS Class:\t${podQOSClass(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
  describeTopologySpread(w, pod);
  // Models describe.go: events are left out when several objects are described (ShowEvents false).
  if (showEvents) describeEvents(w, selectEvents(events, { name: meta.name ?? '', namespace: meta.namespace, uid: meta.uid }), nowMs, profile);
  return w.toString();
}

// Models describe.go describeTopologySpreadConstraints (sorted by topology key).
function describeTopologySpread(w: DescribeWriter, pod: Pod): void {
  const list = [...(pod.spec?.topologySpreadConstraints ?? [])].sort((a, b) => (a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0));
  if (list.length === 0) return;
  w.write(L0, 'Topology Spread Constraints:\t');
  list.forEach((t, i) => {
    if (i !== 0) w.write(L0, '\t');
    w.write(L0, `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded\n`);
  });
}
