/**
 * The container and volume sections of `kubectl describe pod` (and pod templates): basic info,
 * command, state, resources, probes, environment, mounts, volumes.
 */
import type { Container, ContainerState, ContainerStatus, Probe, ResourceRequirements, Volume } from 'kubernetes-types/core/v1';
import type { DescribeWriter, KubectlProfile } from './describeWriter';
import { describeTime, L0, L1, L2, L3 } from './describeWriter';
import { byteOrder } from './goSort';

const printBool = (b: boolean | undefined): string => (b ? 'True' : 'False');

/** Resolves `valueFrom.fieldRef` env values (describe's EnvValueRetriever); '' when unknown. */
export type EnvResolver = (fieldPath: string) => string;

// Models describe.go describeContainerPorts / describeContainerHostPorts.
function portList(c: Container, host: boolean): string {
  return (c.ports ?? []).map((p) => {
    const s = `${host ? p.hostPort ?? 0 : p.containerPort}/${p.protocol ?? 'TCP'}`;
    return p.name ? `${s} (${p.name})` : s;
  }).join(', ');
}

// Models describe.go describeContainerBasicInfo.
function basicInfo(w: DescribeWriter, c: Container, st: ContainerStatus | undefined, space: string): void {
  w.write(L1, `${space ? ' ' : ''}${c.name}:\n`);
  if (st) w.write(L2, `Container ID:\t${st.containerID ?? ''}\n`);
  w.write(L2, `Image:\t${c.image ?? ''}\n`);
  if (st) w.write(L2, `Image ID:\t${st.imageID ?? ''}\n`);
  const ports = portList(c, false);
  w.write(L2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
  const hostPorts = portList(c, true);
  w.write(L2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
  const seccomp = c.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(L2, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(L3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
}

// Models describe.go describeContainerCommand (multi-line arguments split into lines).
function command(w: DescribeWriter, c: Container): void {
  for (const [title, list] of [['Command', c.command], ['Args', c.args]] as const) {
    if (!list || list.length === 0) continue;
    w.write(L2, `${title}:\n`);
    for (const arg of list) for (const line of arg.split('\n')) w.write(L3, `${line}\n`);
  }
}

/** describe.go describeStatus for one ContainerState. */
// Models describe.go describeStatus (a waiting message is not shown).
export function describeStatus(w: DescribeWriter, name: string, s: ContainerState | undefined): void {
  if (s?.running) {
    w.write(L2, `${name}:\tRunning\n`);
    w.write(L3, `Started:\t${describeTime(s.running.startedAt)}\n`);
  } else if (s?.waiting) {
    w.write(L2, `${name}:\tWaiting\n`);
    if (s.waiting.reason) w.write(L3, `Reason:\t${s.waiting.reason}\n`);
  } else if (s?.terminated) {
    const t = s.terminated;
    w.write(L2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(L3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(L3, `Message:\t${t.message}\n`);
    w.write(L3, `Exit Code:\t${t.exitCode}\n`);
    if ((t.signal ?? 0) > 0) w.write(L3, `Signal:\t${t.signal}\n`);
    w.write(L3, `Started:\t${describeTime(t.startedAt)}\n`);
    w.write(L3, `Finished:\t${describeTime(t.finishedAt)}\n`);
  } else {
    w.write(L2, `${name}:\tWaiting\n`);
  }
}

/** describe.go describeResources (Limits then Requests, names sorted). */
// Models describe.go describeResources.
export function describeResources(w: DescribeWriter, r: ResourceRequirements | undefined, level: number): void {
  for (const [title, list] of [['Limits', r?.limits], ['Requests', r?.requests]] as const) {
    const names = Object.keys(list ?? {}).sort(byteOrder);
    if (names.length === 0) continue;
    w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${String((list ?? {})[n])}\n`);
  }
}

const portText = (p: string | number | undefined): string => (p === undefined ? '' : String(p));

/** describe.go DescribeProbe (`#success/#failure` before kubectl 1.37). */
// Models describe.go DescribeProbe.
export function describeProbe(p: Probe, profile: KubectlProfile): string {
  const thresholds = profile.kubectlMinor >= 37
    ? `successThreshold=${p.successThreshold ?? 1} failureThreshold=${p.failureThreshold ?? 3}`
    : `#success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s ${thresholds}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const port = portText(g.port);
    const host = g.host ?? '';
    const hostPort = port ? (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`) : host;
    return `http-get ${(g.scheme ?? 'HTTP').toLowerCase()}://${hostPort}${g.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${portText(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

// Models describe.go describeContainerEnvFrom / describeContainerEnvVars.
function environment(w: DescribeWriter, c: Container, resolve: EnvResolver | undefined): void {
  if ((c.envFrom ?? []).length > 0) {
    w.write(L2, 'Environment Variables from:\n');
    for (const e of c.envFrom ?? []) {
      const [from, name, optional] = e.configMapRef ? ['ConfigMap', e.configMapRef.name ?? '', e.configMapRef.optional === true]
        : e.secretRef ? ['Secret', e.secretRef.name ?? '', e.secretRef.optional === true] : ['', '', false];
      w.write(L3, e.prefix ? `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n` : `${name}\t${from}\tOptional: ${optional}\n`);
    }
  }
  const env = c.env ?? [];
  w.write(L2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const vf = e.valueFrom;
    if (!vf) {
      (e.value ?? '').split('\n').forEach((line, i) => w.write(L3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`));
    } else if (vf.fieldRef) {
      const v = resolve ? resolve(vf.fieldRef.fieldPath) : '';
      w.write(L3, `${e.name}:\t${v} (${vf.fieldRef.apiVersion ?? 'v1'}:${vf.fieldRef.fieldPath})\n`);
    } else if (vf.resourceFieldRef) {
      w.write(L3, `${e.name}:\t${resourceFieldValue(c, vf.resourceFieldRef.resource)} (${vf.resourceFieldRef.resource})\n`);
    } else if (vf.secretKeyRef) {
      w.write(L3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name ?? ''}'>\tOptional: ${vf.secretKeyRef.optional === true}\n`);
    } else if (vf.configMapKeyRef) {
      w.write(L3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name ?? ''}'>\tOptional: ${vf.configMapKeyRef.optional === true}\n`);
    }
  }
}

// Models kubectl resource helper ExtractContainerResourceValue, only for values set on the container.
function resourceFieldValue(c: Container, resource: string): string {
  const [kind, name] = resource.split('.');
  const v = kind === 'limits' ? c.resources?.limits?.[name] : kind === 'requests' ? c.resources?.requests?.[name] : undefined;
  if (v !== undefined) return String(v);
  return kind === 'limits' && (name === 'cpu' || name === 'memory') ? 'node allocatable' : '0';
}

// Models describe.go describeContainerVolumes (mounts sorted by mount path).
function mounts(w: DescribeWriter, c: Container): void {
  const list = [...(c.volumeMounts ?? [])].sort((a, b) => byteOrder(a.mountPath, b.mountPath));
  w.write(L2, `Mounts:${list.length === 0 ? '\t<none>' : ''}\n`);
  for (const m of list) {
    const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])];
    w.write(L3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  const devices = [...(c.volumeDevices ?? [])].sort((a, b) => byteOrder(a.devicePath, b.devicePath));
  if (devices.length > 0) {
    w.write(L2, `Devices:${list.length === 0 ? '\t<none>' : ''}\n`);
    for (const d of devices) w.write(L3, `${d.devicePath} from ${d.name}\n`);
  }
}

/** describe.go describeContainers: the `Init Containers:` / `Containers:` section. */
// Models describe.go describeContainers.
export function describeContainers(w: DescribeWriter, label: string, containers: readonly Container[], statuses: readonly ContainerStatus[] | undefined,
  resolve: EnvResolver | undefined, space: string, profile: KubectlProfile): void {
  w.write(L0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  const byName = new Map((statuses ?? []).map((s) => [s.name, s] as const));
  for (const c of containers) {
    const st = byName.get(c.name);
    basicInfo(w, c, st, space);
    command(w, c);
    if (st) {
      describeStatus(w, 'State', st.state);
      if (st.lastState?.terminated) describeStatus(w, 'Last State', st.lastState);
      w.write(L2, `Ready:\t${printBool(st.ready)}\n`);
      w.write(L2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    describeResources(w, c.resources, L2);
    if (c.livenessProbe) w.write(L2, `Liveness:\t${describeProbe(c.livenessProbe, profile)}\n`);
    if (c.readinessProbe) w.write(L2, `Readiness:\t${describeProbe(c.readinessProbe, profile)}\n`);
    if (c.startupProbe) w.write(L2, `Startup:\t${describeProbe(c.startupProbe, profile)}\n`);
    environment(w, c, resolve);
    mounts(w, c);
  }
}

const optionalFlag = (o: boolean | undefined): string => String(o === true);

// Models describe.go describeVolumes and its print*VolumeSource helpers (common sources).
export function describeVolumes(w: DescribeWriter, volumes: readonly Volume[] | undefined, space: string): void {
  const list = volumes ?? [];
  if (list.length === 0) { w.write(L0, `${space}Volumes:\t<none>\n`); return; }
  w.write(L0, `${space}Volumes:\n`);
  for (const v of list) {
    w.write(L1, `${space ? ' ' : ''}${v.name}:\n`);
    if (v.hostPath) {
      w.write(L2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type || '<none>'}\n`);
    } else if (v.emptyDir) {
      const limit = v.emptyDir.sizeLimit !== undefined && String(v.emptyDir.sizeLimit) !== '0' ? String(v.emptyDir.sizeLimit) : '<unset>';
      w.write(L2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${limit}\n`);
    } else if (v.secret) {
      w.write(L2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${optionalFlag(v.secret.optional)}\n`);
    } else if (v.configMap) {
      w.write(L2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${optionalFlag(v.configMap.optional)}\n`);
    } else if (v.persistentVolumeClaim) {
      w.write(L2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
    } else if (v.downwardAPI) {
      w.write(L2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const item of v.downwardAPI.items ?? []) {
        if (item.fieldRef) w.write(L3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
        if (item.resourceFieldRef) w.write(L3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
      }
    } else if (v.projected) {
      w.write(L2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources ?? []) {
        if (s.secret) w.write(L2, `SecretName:\t${s.secret.name ?? ''}\n    Optional:\t${optionalFlag(s.secret.optional)}\n`);
        else if (s.downwardAPI) w.write(L2, 'DownwardAPI:\ttrue\n');
        else if (s.configMap) w.write(L2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    Optional:\t${optionalFlag(s.configMap.optional)}\n`);
        else if (s.serviceAccountToken) w.write(L2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}\n`);
      }
    } else {
      w.write(L1, '<unknown>\n');
    }
  }
}
