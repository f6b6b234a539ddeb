/**
 * What the kubelet hands the runtime to start a container: the environment (service links, then the
 * spec's env with valueFrom resolved), command and args after Kubernetes' $(VAR) expansion, mounts
 * and the pod's identity.
 */
import type { Container, EnvVar, Pod, Service } from 'kubernetes-types/core/v1';
import type { LooseObject } from '../cluster/store';
import type { ContainerStart, PodFacts } from '../runtime/seam';
import type { World } from '../sim/world';
import { NODE_IP, NODE_NAME } from './kubelet';
import type { ContainerState2, PodRuntime } from './podState';
import { memoryLimit } from './resources';

export const CLUSTER_DNS_IP = '10.96.0.10';

// Models kubelet_pods.go getServiceEnvVarMap / envvars.FromServices: NAME_SERVICE_HOST, _PORT and the docker-link vars.
export function serviceEnv(services: readonly Service[]): [string, string][] {
  const out: [string, string][] = [];
  const sorted = [...services].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
  for (const svc of sorted) {
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === 'None') continue;
    const prefix = svc.metadata!.name!.toUpperCase().replace(/-/g, '_');
    const ports = svc.spec?.ports ?? [];
    if (ports.length === 0) continue;
    out.push([`${prefix}_SERVICE_HOST`, ip]);
    out.push([`${prefix}_SERVICE_PORT`, String(ports[0].port)]);
    for (const p of ports) if (p.name) out.push([`${prefix}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
    const proto = (ports[0].protocol ?? 'TCP').toLowerCase();
    out.push([`${prefix}_PORT`, `${proto}://${ip}:${ports[0].port}`]);
    for (const p of ports) {
      const pr = (p.protocol ?? 'TCP');
      const base = `${prefix}_PORT_${p.port}_${pr}`;
      out.push([base, `${pr.toLowerCase()}://${ip}:${p.port}`], [`${base}_PROTO`, pr.toLowerCase()], [`${base}_PORT`, String(p.port)], [`${base}_ADDR`, ip]);
    }
  }
  return out;
}

// Models expansion.Expand (third_party/forked/golang/expansion): $(VAR) from the map, $$ escapes, unknown stays as written.
export function expandK8s(input: string, vars: ReadonlyMap<string, string>): string {
  // Nothing to expand without a `$` (the usual command line): the text comes back as written.
  if (!input.includes('$')) return input;
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch !== '$' || i + 1 >= input.length) { out += ch; continue; }
    const next = input[i + 1];
    if (next === '$') { out += '$'; i++; continue; }
    if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) { out += input.slice(i); break; }
      const name = input.slice(i + 2, close);
      out += vars.has(name) ? vars.get(name)! : `$(${name})`;
      i = close;
      continue;
    }
    out += ch;
  }
  return out;
}

function fieldRef(pod: Pod, rt: PodRuntime, path: string): string {
  switch (path) {
    case 'metadata.name': return pod.metadata?.name ?? '';
    case 'metadata.namespace': return pod.metadata?.namespace ?? 'default';
    case 'metadata.uid': return pod.metadata?.uid ?? '';
    case 'spec.nodeName': return NODE_NAME;
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? 'default';
    case 'status.podIP': case 'status.podIPs': return rt.podIp;
    case 'status.hostIP': case 'status.hostIPs': return NODE_IP;
    default: {
      const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
      if (m) return (pod.metadata?.[m[1] as 'labels' | 'annotations'] ?? {})[m[2]] ?? '';
      return '';
    }
  }
}

function envValue(world: World, pod: Pod, rt: PodRuntime, e: EnvVar, vars: Map<string, string>): string {
  if (e.value !== undefined) return expandK8s(e.value, vars);
  const from = e.valueFrom;
  if (!from) return '';
  if (from.fieldRef) return fieldRef(pod, rt, from.fieldRef.fieldPath);
  const ns = pod.metadata?.namespace ?? 'default';
  if (from.configMapKeyRef) {
    const cm = world.store.get<LooseObject>('ConfigMap', ns, from.configMapKeyRef.name ?? '');
    return ((cm?.data ?? {}) as Record<string, string>)[from.configMapKeyRef.key] ?? '';
  }
  if (from.secretKeyRef) {
    const sec = world.store.get<LooseObject>('Secret', ns, from.secretKeyRef.name ?? '');
    const str = (sec?.stringData ?? {}) as Record<string, string>;
    const data = (sec?.data ?? {}) as Record<string, string>;
    return str[from.secretKeyRef.key] ?? decodeBase64(data[from.secretKeyRef.key] ?? '');
  }
  return '';
}

/** base64 decoding without atob/Buffer (not available to the pure engine). */
export function decodeBase64(text: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let bits = 0, value = 0, out = '';
  for (const ch of text.replace(/[^A-Za-z0-9+/]/g, '')) {
    value = (value << 6) | alphabet.indexOf(ch);
    bits += 6;
    if (bits >= 8) { bits -= 8; out += String.fromCharCode((value >> bits) & 0xff); }
  }
  return out;
}

/** What serviceEnv made for a namespace, and from which Services (objects and resourceVersions). */
export interface ServiceLinksMemo {
  readonly services: readonly Service[];
  readonly versions: readonly (string | undefined)[];
  readonly env: readonly (readonly [string, string])[];
}

/**
 * serviceEnv of the namespace's Services, recomputed only when one was added, removed or updated (every
 * update bumps the resourceVersion). Every container start asks, and Services rarely change.
 */
function serviceLinks(world: World, ns: string): [string, string][] {
  const services = world.store.list<Service>('Service', ns);
  const memo = world.kubelet.serviceLinks.get(ns);
  if (memo && memo.services.length === services.length &&
    services.every((s, i) => s === memo.services[i] && s.metadata?.resourceVersion === memo.versions[i])) {
    return memo.env as [string, string][];
  }
  const env = serviceEnv(services);
  world.kubelet.serviceLinks.set(ns, { services, versions: services.map((s) => s.metadata?.resourceVersion), env });
  return env;
}

const NO_VARS: Map<string, string> = new Map();

function needsExpansion(spec: Container): boolean {
  const has = (xs: readonly string[] | undefined) => xs !== undefined && xs.some((x) => x.includes('$'));
  return has(spec.command) || has(spec.args) || (spec.env ?? []).some((e) => e.value?.includes('$'));
}

export function buildContainerStart(world: World, rt: PodRuntime, c: ContainerState2, restartIndex: number): ContainerStart {
  const pod = rt.pod;
  const ns = pod.metadata?.namespace ?? 'default';
  const spec: Container = c.spec;
  // Service links: Services of the pod's namespace that exist when the container starts (enableServiceLinks default true).
  const links = pod.spec?.enableServiceLinks === false ? [] : serviceLinks(world, ns);
  // The $(VAR) map is only built when some env value, command or args word can refer to it.
  const vars = needsExpansion(spec) ? new Map<string, string>(links) : NO_VARS;
  // Without env entries of its own, the container gets the namespace's list itself (the runtime keeps what
  // it makes from a list, so containers sharing one share that too).
  const env: [string, string][] = spec.env?.length ? [...links] : links;
  for (const e of spec.env ?? []) {
    const v = envValue(world, pod, rt, e, vars);
    if (vars !== NO_VARS) vars.set(e.name, v);
    const at = env.findIndex(([k]) => k === e.name);
    if (at >= 0) env[at] = [e.name, v]; else env.push([e.name, v]);
  }
  const facts: PodFacts = {
    name: pod.metadata?.name ?? '', namespace: ns, uid: pod.metadata?.uid ?? '', ip: rt.podIp,
    hostname: pod.spec?.hostname ?? pod.metadata?.name ?? '', nodeName: NODE_NAME, nodeIp: NODE_IP,
    dnsServer: CLUSTER_DNS_IP, searchDomains: [`${ns}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'], ndots: 5,
    labels: pod.metadata?.labels ?? {}, annotations: pod.metadata?.annotations ?? {}, serviceAccountName: pod.spec?.serviceAccountName ?? 'default',
    epochMs: world.epoch,
  };
  const sc = { ...(pod.spec?.securityContext ?? {}), ...(spec.securityContext ?? {}) } as Record<string, unknown>;
  return {
    name: c.name,
    image: spec.image ?? '',
    command: spec.command?.map((s) => expandK8s(s, vars)),
    args: spec.args?.map((s) => expandK8s(s, vars)),
    workingDir: spec.workingDir,
    env,
    mounts: world.kubelet.volumes.mountsFor(pod, spec),
    runAsUser: sc.runAsUser as number | undefined,
    runAsGroup: sc.runAsGroup as number | undefined,
    fsGroup: pod.spec?.securityContext?.fsGroup,
    supplementalGroups: pod.spec?.securityContext?.supplementalGroups,
    supplementalGroupsPolicy: (pod.spec?.securityContext as { supplementalGroupsPolicy?: string } | undefined)?.supplementalGroupsPolicy,
    readOnlyRootFilesystem: spec.securityContext?.readOnlyRootFilesystem,
    pod: facts,
    restartCount: restartIndex,
    commandMicros: world.settings.commandMicros,
    stepBudget: world.settings.processStepBudget,
    outputBudget: world.settings.outputBudget,
    ...(memoryLimit(spec) > 0 ? { memoryLimit: memoryLimit(spec) } : {}),
  };
}
