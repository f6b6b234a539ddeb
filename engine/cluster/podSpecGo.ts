/**
 * The API server's internal `core.PodSpec` (pkg/apis/core/types.go) as Go values for go-cmp: the
 * field order and Go types of the internal types (not v1's: the host namespace flags live in
 * PodSecurityContext, which conversion always allocates), per Kubernetes minor where fields were
 * added, and the conversion of a v1 Pod spec (JSON) into them. resource.Quantity is the parsed
 * value ParseQuantity returns (its string kept only when canonical) and compares with its Equal
 * method. Types the playground never diffs in practice (affinity, topology spread constraints, the
 * cloud volume sources …) are kept whole and compared as such, but print as `{}`.
 */
import type { GoField, GoType, GoValue } from './goCmp';

type Json = unknown;
interface StructDef { type: GoType & { kind: 'struct' }; from?: (json: Json) => GoValue; json: readonly (string | null)[] }

const S = (name = 'string', stringer = false): GoType => ({ kind: 'string', name, ...(stringer ? { stringer } : {}) });
const STR = S();
const I32: GoType = { kind: 'int', name: 'int32' };
const I64: GoType = { kind: 'int', name: 'int64' };
const BOOL: GoType = { kind: 'bool', name: 'bool' };
const ptr = (elem: GoType): GoType => ({ kind: 'ptr', elem });
const slice = (elem: GoType): GoType => ({ kind: 'slice', elem });
const defs = new Map<GoType, StructDef>();

/** A struct: fields as [GoName, jsonName (null: embedded, same JSON object), type]. */
function struct(name: string, fields: readonly (readonly [string, string | null, GoType] | false)[],
  extra: { from?: (json: Json) => GoValue; equalMethod?: (a: GoValue, b: GoValue) => boolean } = {}): GoType {
  const kept = fields.filter((f): f is readonly [string, string | null, GoType] => f !== false);
  const type = { kind: 'struct' as const, name, fields: kept.map(([n, , t]): GoField => ({ name: n, type: t })),
    ...(extra.equalMethod ? { equalMethod: extra.equalMethod } : {}) };
  defs.set(type, { type, json: kept.map(([, j]) => j), ...(extra.from ? { from: extra.from } : {}) });
  return type;
}

/** A type kept whole: equal when its JSON is, printed as an empty struct. */
function opaque(name: string): GoType {
  const sorted = (v: Json): string => JSON.stringify(v, (_, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x)
    ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
  const t = { kind: 'struct' as const, name, fields: [], equalMethod: (a: GoValue, b: GoValue) => a === b };
  defs.set(t, { type: t, json: [], from: (j) => sorted(j ?? {}) });
  return t;
}

/** ParseQuantity's int64 form: mantissa and decimal scale, the format, and the string when it is canonical. */
function parseQuantity(text: string): GoValue {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/.exec(text.trim());
  if (!m) return [[0, 0], null, '', 'DecimalSI'];
  const [, sign, num, denom = '', suffix = ''] = m;
  const shifted = `${num}${denom}`.replace(/^0+(?=\d)/, '') || '0';
  const binary = /i$/.test(suffix);
  const neg = sign === '-' ? -1 : 1;
  if (binary) {
    const exp = 10 * (['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'].indexOf(suffix) + 1);
    const value = Number(num) * 2 ** exp * neg;
    return [[value, 0], null, denom === '' && (Number(num) & 7) !== 0 ? text : '', 'BinarySI'];
  }
  const exponent = /^[eE]/.test(suffix) ? Number(suffix.slice(1)) : { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 }[suffix] ?? 0;
  const scale = exponent - denom.length;
  const canonical = scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
  return [[Number(shifted) * neg, scale], null, canonical ? text : '', /^[eE]/.test(suffix) ? 'DecimalExponent' : 'DecimalSI'];
}

function quantityEqual(a: GoValue, b: GoValue): boolean {
  const norm = (q: GoValue) => {
    let [value, scale] = (q as GoValue[])[0] as number[];
    while (value !== 0 && value % 10 === 0) { value /= 10; scale++; }
    return `${value}e${value === 0 ? 0 : scale}`;
  };
  return norm(a) === norm(b);
}

const QUANTITY = struct('resource.Quantity', [
  ['i', 'i', struct('resource.int64Amount', [['value', 'value', I64], ['scale', 'scale', { kind: 'int', name: 'resource.Scale' }]])],
  ['d', 'd', struct('resource.infDecAmount', [['Dec', 'Dec', ptr(opaque('inf.Dec'))]])],
  ['s', 's', STR], ['Format', 'Format', S('resource.Format')],
], { from: (j) => parseQuantity(String(j ?? '0')), equalMethod: quantityEqual });
const RESOURCE_LIST: GoType = { kind: 'map', key: S('core.ResourceName', true), elem: QUANTITY };
const LOCAL_REF = struct('core.LocalObjectReference', [['Name', 'name', STR]]);
const KEY_TO_PATH = struct('core.KeyToPath', [['Key', 'key', STR], ['Path', 'path', STR], ['Mode', 'mode', ptr(I32)]]);
const FIELD_SEL = struct('core.ObjectFieldSelector', [['APIVersion', 'apiVersion', STR], ['FieldPath', 'fieldPath', STR]]);
const RESOURCE_SEL = struct('core.ResourceFieldSelector', [['ContainerName', 'containerName', STR], ['Resource', 'resource', STR], ['Divisor', 'divisor', QUANTITY]]);
const INT_OR_STRING = struct('intstr.IntOrString', [['Type', 't', { kind: 'int', name: 'intstr.Type' }], ['IntVal', 'i', I32], ['StrVal', 's', STR]],
  { from: (j) => (typeof j === 'string' ? [1, 0, j] : [0, typeof j === 'number' ? j : 0, '']) });
const keySelector = (name: string) => struct(name, [['LocalObjectReference', null, LOCAL_REF], ['Key', 'key', STR], ['Optional', 'optional', ptr(BOOL)]]);
const envSource = (name: string) => struct(name, [['LocalObjectReference', null, LOCAL_REF], ['Optional', 'optional', ptr(BOOL)]]);

function volumeType(minor: number): GoType {
  const projected = struct('core.ProjectedVolumeSource', [
    ['Sources', 'sources', slice(struct('core.VolumeProjection', [
      ['Secret', 'secret', ptr(struct('core.SecretProjection', [['LocalObjectReference', null, LOCAL_REF], ['Items', 'items', slice(KEY_TO_PATH)], ['Optional', 'optional', ptr(BOOL)]]))],
      ['DownwardAPI', 'downwardAPI', ptr(struct('core.DownwardAPIProjection', [['Items', 'items', slice(DOWNWARD_FILE)]]))],
      ['ConfigMap', 'configMap', ptr(struct('core.ConfigMapProjection', [['LocalObjectReference', null, LOCAL_REF], ['Items', 'items', slice(KEY_TO_PATH)], ['Optional', 'optional', ptr(BOOL)]]))],
      ['ServiceAccountToken', 'serviceAccountToken', ptr(struct('core.ServiceAccountTokenProjection', [['Audience', 'audience', STR], ['ExpirationSeconds', 'expirationSeconds', I64], ['Path', 'path', STR]]))],
      minor >= 29 && ['ClusterTrustBundle', 'clusterTrustBundle', ptr(opaque('core.ClusterTrustBundleProjection'))],
      minor >= 35 && ['PodCertificate', 'podCertificate', ptr(opaque('core.PodCertificateProjection'))],
    ]))],
    ['DefaultMode', 'defaultMode', ptr(I32)],
  ]);
  const sources: [string, string, GoType][] = [
    ['HostPath', 'hostPath', struct('core.HostPathVolumeSource', [['Path', 'path', STR], ['Type', 'type', ptr(S('core.HostPathType'))]])],
    ['EmptyDir', 'emptyDir', struct('core.EmptyDirVolumeSource', [['Medium', 'medium', S('core.StorageMedium')], ['SizeLimit', 'sizeLimit', ptr(QUANTITY)]])],
    ['GCEPersistentDisk', 'gcePersistentDisk', opaque('core.GCEPersistentDiskVolumeSource')],
    ['AWSElasticBlockStore', 'awsElasticBlockStore', opaque('core.AWSElasticBlockStoreVolumeSource')],
    ['GitRepo', 'gitRepo', opaque('core.GitRepoVolumeSource')],
    ['Secret', 'secret', struct('core.SecretVolumeSource', [['SecretName', 'secretName', STR], ['Items', 'items', slice(KEY_TO_PATH)], ['DefaultMode', 'defaultMode', ptr(I32)], ['Optional', 'optional', ptr(BOOL)]])],
    ['NFS', 'nfs', opaque('core.NFSVolumeSource')], ['ISCSI', 'iscsi', opaque('core.ISCSIVolumeSource')],
    ['Glusterfs', 'glusterfs', opaque('core.GlusterfsVolumeSource')],
    ['PersistentVolumeClaim', 'persistentVolumeClaim', struct('core.PersistentVolumeClaimVolumeSource', [['ClaimName', 'claimName', STR], ['ReadOnly', 'readOnly', BOOL]])],
    ['RBD', 'rbd', opaque('core.RBDVolumeSource')], ['Quobyte', 'quobyte', opaque('core.QuobyteVolumeSource')],
    ['FlexVolume', 'flexVolume', opaque('core.FlexVolumeSource')], ['Cinder', 'cinder', opaque('core.CinderVolumeSource')],
    ['CephFS', 'cephfs', opaque('core.CephFSVolumeSource')], ['Flocker', 'flocker', opaque('core.FlockerVolumeSource')],
    ['DownwardAPI', 'downwardAPI', struct('core.DownwardAPIVolumeSource', [['Items', 'items', slice(DOWNWARD_FILE)], ['DefaultMode', 'defaultMode', ptr(I32)]])],
    ['FC', 'fc', opaque('core.FCVolumeSource')], ['AzureFile', 'azureFile', opaque('core.AzureFileVolumeSource')],
    ['ConfigMap', 'configMap', struct('core.ConfigMapVolumeSource', [['LocalObjectReference', null, LOCAL_REF], ['Items', 'items', slice(KEY_TO_PATH)], ['DefaultMode', 'defaultMode', ptr(I32)], ['Optional', 'optional', ptr(BOOL)]])],
    ['VsphereVolume', 'vsphereVolume', opaque('core.VsphereVirtualDiskVolumeSource')], ['AzureDisk', 'azureDisk', opaque('core.AzureDiskVolumeSource')],
    ['PhotonPersistentDisk', 'photonPersistentDisk', opaque('core.PhotonPersistentDiskVolumeSource')],
    ['Projected', 'projected', projected], ['PortworxVolume', 'portworxVolume', opaque('core.PortworxVolumeSource')],
    ['ScaleIO', 'scaleIO', opaque('core.ScaleIOVolumeSource')], ['StorageOS', 'storageos', opaque('core.StorageOSVolumeSource')],
    ['CSI', 'csi', opaque('core.CSIVolumeSource')], ['Ephemeral', 'ephemeral', opaque('core.EphemeralVolumeSource')],
  ];
  if (minor >= 31) sources.push(['Image', 'image', opaque('core.ImageVolumeSource')]);
  return struct('core.Volume', [['Name', 'name', STR],
    ['VolumeSource', null, struct('core.VolumeSource', sources.map(([n, j, t]) => [n, j, ptr(t)] as const))]]);
}
const DOWNWARD_FILE = struct('core.DownwardAPIVolumeFile', [['Path', 'path', STR], ['FieldRef', 'fieldRef', ptr(FIELD_SEL)],
  ['ResourceFieldRef', 'resourceFieldRef', ptr(RESOURCE_SEL)], ['Mode', 'mode', ptr(I32)]]);

function containerType(minor: number): GoType {
  const httpGet = struct('core.HTTPGetAction', [['Path', 'path', STR], ['Port', 'port', INT_OR_STRING], ['Host', 'host', STR],
    ['Scheme', 'scheme', S('core.URIScheme')], ['HTTPHeaders', 'httpHeaders', slice(struct('core.HTTPHeader', [['Name', 'name', STR], ['Value', 'value', STR]]))]]);
  const exec = struct('core.ExecAction', [['Command', 'command', slice(STR)]]);
  const tcp = struct('core.TCPSocketAction', [['Port', 'port', INT_OR_STRING], ['Host', 'host', STR]]);
  const probe = struct('core.Probe', [
    ['ProbeHandler', null, struct('core.ProbeHandler', [['Exec', 'exec', ptr(exec)], ['HTTPGet', 'httpGet', ptr(httpGet)], ['TCPSocket', 'tcpSocket', ptr(tcp)],
      ['GRPC', 'grpc', ptr(struct('core.GRPCAction', [['Port', 'port', I32], ['Service', 'service', ptr(STR)]]))]])],
    ['InitialDelaySeconds', 'initialDelaySeconds', I32], ['TimeoutSeconds', 'timeoutSeconds', I32], ['PeriodSeconds', 'periodSeconds', I32],
    ['SuccessThreshold', 'successThreshold', I32], ['FailureThreshold', 'failureThreshold', I32], ['TerminationGracePeriodSeconds', 'terminationGracePeriodSeconds', ptr(I64)],
  ]);
  const handler = struct('core.LifecycleHandler', [['Exec', 'exec', ptr(exec)], ['HTTPGet', 'httpGet', ptr(httpGet)], ['TCPSocket', 'tcpSocket', ptr(tcp)],
    minor >= 29 && ['Sleep', 'sleep', ptr(struct('core.SleepAction', [['Seconds', 'seconds', I64]]))]]);
  const seccomp = struct('core.SeccompProfile', [['Type', 'type', S('core.SeccompProfileType')], ['LocalhostProfile', 'localhostProfile', ptr(STR)]]);
  const appArmor = struct('core.AppArmorProfile', [['Type', 'type', S('core.AppArmorProfileType')], ['LocalhostProfile', 'localhostProfile', ptr(STR)]]);
  return struct('core.Container', [
    ['Name', 'name', STR], ['Image', 'image', STR], ['Command', 'command', slice(STR)], ['Args', 'args', slice(STR)], ['WorkingDir', 'workingDir', STR],
    ['Ports', 'ports', slice(struct('core.ContainerPort', [['Name', 'name', STR], ['HostPort', 'hostPort', I32], ['ContainerPort', 'containerPort', I32],
      ['Protocol', 'protocol', S('core.Protocol')], ['HostIP', 'hostIP', STR]]))],
    ['EnvFrom', 'envFrom', slice(struct('core.EnvFromSource', [['Prefix', 'prefix', STR], ['ConfigMapRef', 'configMapRef', ptr(envSource('core.ConfigMapEnvSource'))],
      ['SecretRef', 'secretRef', ptr(envSource('core.SecretEnvSource'))]]))],
    ['Env', 'env', slice(struct('core.EnvVar', [['Name', 'name', STR], ['Value', 'value', STR], ['ValueFrom', 'valueFrom', ptr(struct('core.EnvVarSource', [
      ['FieldRef', 'fieldRef', ptr(FIELD_SEL)], ['ResourceFieldRef', 'resourceFieldRef', ptr(RESOURCE_SEL)],
      ['ConfigMapKeyRef', 'configMapKeyRef', ptr(keySelector('core.ConfigMapKeySelector'))], ['SecretKeyRef', 'secretKeyRef', ptr(keySelector('core.SecretKeySelector'))],
      minor >= 34 && ['FileKeyRef', 'fileKeyRef', ptr(opaque('core.FileKeySelector'))]]))]]))],
    ['Resources', 'resources', resourcesType(minor)],
    minor >= 27 && ['ResizePolicy', 'resizePolicy', slice(struct('core.ContainerResizePolicy', [['ResourceName', 'resourceName', S('core.ResourceName', true)],
      ['RestartPolicy', 'restartPolicy', S('core.ResourceResizeRestartPolicy')]]))],
    minor >= 28 && ['RestartPolicy', 'restartPolicy', ptr(S('core.ContainerRestartPolicy'))],
    minor >= 34 && ['RestartPolicyRules', 'restartPolicyRules', slice(opaque('core.ContainerRestartRule'))],
    ['VolumeMounts', 'volumeMounts', slice(struct('core.VolumeMount', [['Name', 'name', STR], ['ReadOnly', 'readOnly', BOOL],
      minor >= 30 && ['RecursiveReadOnly', 'recursiveReadOnly', ptr(S('core.RecursiveReadOnlyMode'))], ['MountPath', 'mountPath', STR], ['SubPath', 'subPath', STR],
      ['MountPropagation', 'mountPropagation', ptr(S('core.MountPropagationMode'))], ['SubPathExpr', 'subPathExpr', STR]]))],
    ['VolumeDevices', 'volumeDevices', slice(struct('core.VolumeDevice', [['Name', 'name', STR], ['DevicePath', 'devicePath', STR]]))],
    ['LivenessProbe', 'livenessProbe', ptr(probe)], ['ReadinessProbe', 'readinessProbe', ptr(probe)], ['StartupProbe', 'startupProbe', ptr(probe)],
    ['Lifecycle', 'lifecycle', ptr(struct('core.Lifecycle', [['PostStart', 'postStart', ptr(handler)], ['PreStop', 'preStop', ptr(handler)],
      minor >= 33 && ['StopSignal', 'stopSignal', ptr(S('core.Signal'))]]))],
    ['TerminationMessagePath', 'terminationMessagePath', STR], ['TerminationMessagePolicy', 'terminationMessagePolicy', S('core.TerminationMessagePolicy')],
    ['ImagePullPolicy', 'imagePullPolicy', S('core.PullPolicy')],
    ['SecurityContext', 'securityContext', ptr(struct('core.SecurityContext', [
      ['Capabilities', 'capabilities', ptr(struct('core.Capabilities', [['Add', 'add', slice(S('core.Capability'))], ['Drop', 'drop', slice(S('core.Capability'))]]))],
      ['Privileged', 'privileged', ptr(BOOL)], ['SELinuxOptions', 'seLinuxOptions', ptr(opaque('core.SELinuxOptions'))],
      ['WindowsOptions', 'windowsOptions', ptr(opaque('core.WindowsSecurityContextOptions'))], ['RunAsUser', 'runAsUser', ptr(I64)],
      ['RunAsGroup', 'runAsGroup', ptr(I64)], ['RunAsNonRoot', 'runAsNonRoot', ptr(BOOL)], ['ReadOnlyRootFilesystem', 'readOnlyRootFilesystem', ptr(BOOL)],
      ['AllowPrivilegeEscalation', 'allowPrivilegeEscalation', ptr(BOOL)], ['ProcMount', 'procMount', ptr(S('core.ProcMountType'))],
      ['SeccompProfile', 'seccompProfile', ptr(seccomp)], minor >= 30 && ['AppArmorProfile', 'appArmorProfile', ptr(appArmor)]]))],
    ['Stdin', 'stdin', BOOL], ['StdinOnce', 'stdinOnce', BOOL], ['TTY', 'tty', BOOL],
  ]);
}

function resourcesType(minor: number): GoType {
  return struct('core.ResourceRequirements', [['Limits', 'limits', RESOURCE_LIST], ['Requests', 'requests', RESOURCE_LIST],
    minor >= 26 && ['Claims', 'claims', slice(struct('core.ResourceClaim', [['Name', 'name', STR], minor >= 31 && ['Request', 'request', STR]]))]]);
}

function podSecurityContextType(minor: number): GoType {
  return struct('core.PodSecurityContext', [
    ['HostNetwork', 'hostNetwork', BOOL], ['HostPID', 'hostPID', BOOL], ['HostIPC', 'hostIPC', BOOL],
    ['ShareProcessNamespace', 'shareProcessNamespace', ptr(BOOL)], minor >= 25 && ['HostUsers', 'hostUsers', ptr(BOOL)],
    ['SELinuxOptions', 'seLinuxOptions', ptr(opaque('core.SELinuxOptions'))], ['WindowsOptions', 'windowsOptions', ptr(opaque('core.WindowsSecurityContextOptions'))],
    ['RunAsUser', 'runAsUser', ptr(I64)], ['RunAsGroup', 'runAsGroup', ptr(I64)], ['RunAsNonRoot', 'runAsNonRoot', ptr(BOOL)],
    ['SupplementalGroups', 'supplementalGroups', slice(I64)], minor >= 31 && ['SupplementalGroupsPolicy', 'supplementalGroupsPolicy', ptr(S('core.SupplementalGroupsPolicy'))],
    ['FSGroup', 'fsGroup', ptr(I64)], ['FSGroupChangePolicy', 'fsGroupChangePolicy', ptr(S('core.PodFSGroupChangePolicy'))],
    ['Sysctls', 'sysctls', slice(struct('core.Sysctl', [['Name', 'name', STR], ['Value', 'value', STR]]))],
    ['SeccompProfile', 'seccompProfile', ptr(opaque('core.SeccompProfile'))], minor >= 30 && ['AppArmorProfile', 'appArmorProfile', ptr(opaque('core.AppArmorProfile'))],
    minor >= 32 && ['SELinuxChangePolicy', 'seLinuxChangePolicy', ptr(S('core.PodSELinuxChangePolicy'))],
  ]);
}

const podSpecTypes = new Map<number, GoType>();

/** core.PodSpec of Kubernetes 1.`minor`. */
export function podSpecType(minor: number): GoType {
  let t = podSpecTypes.get(minor);
  if (t) return t;
  const container = containerType(minor);
  t = struct('core.PodSpec', [
    ['Volumes', 'volumes', slice(volumeType(minor))], ['InitContainers', 'initContainers', slice(container)], ['Containers', 'containers', slice(container)],
    ['EphemeralContainers', 'ephemeralContainers', slice(opaque('core.EphemeralContainer'))], ['RestartPolicy', 'restartPolicy', S('core.RestartPolicy')],
    ['TerminationGracePeriodSeconds', 'terminationGracePeriodSeconds', ptr(I64)], ['ActiveDeadlineSeconds', 'activeDeadlineSeconds', ptr(I64)],
    ['DNSPolicy', 'dnsPolicy', S('core.DNSPolicy')], ['NodeSelector', 'nodeSelector', { kind: 'map', key: STR, elem: STR }],
    ['ServiceAccountName', 'serviceAccountName', STR], ['AutomountServiceAccountToken', 'automountServiceAccountToken', ptr(BOOL)],
    ['NodeName', 'nodeName', STR], ['SecurityContext', 'securityContext', ptr(podSecurityContextType(minor))],
    ['ImagePullSecrets', 'imagePullSecrets', slice(LOCAL_REF)], ['Hostname', 'hostname', STR], ['Subdomain', 'subdomain', STR],
    ['SetHostnameAsFQDN', 'setHostnameAsFQDN', ptr(BOOL)], ['Affinity', 'affinity', ptr(opaque('core.Affinity'))], ['SchedulerName', 'schedulerName', STR],
    ['Tolerations', 'tolerations', slice(struct('core.Toleration', [['Key', 'key', STR], ['Operator', 'operator', S('core.TolerationOperator')],
      ['Value', 'value', STR], ['Effect', 'effect', S('core.TaintEffect')], ['TolerationSeconds', 'tolerationSeconds', ptr(I64)]]))],
    ['HostAliases', 'hostAliases', slice(struct('core.HostAlias', [['IP', 'ip', STR], ['Hostnames', 'hostnames', slice(STR)]]))],
    ['PriorityClassName', 'priorityClassName', STR], ['Priority', 'priority', ptr(I32)], ['PreemptionPolicy', 'preemptionPolicy', ptr(S('core.PreemptionPolicy'))],
    ['DNSConfig', 'dnsConfig', ptr(opaque('core.PodDNSConfig'))],
    ['ReadinessGates', 'readinessGates', slice(struct('core.PodReadinessGate', [['ConditionType', 'conditionType', S('core.PodConditionType')]]))],
    ['RuntimeClassName', 'runtimeClassName', ptr(STR)], ['Overhead', 'overhead', RESOURCE_LIST], ['EnableServiceLinks', 'enableServiceLinks', ptr(BOOL)],
    ['TopologySpreadConstraints', 'topologySpreadConstraints', slice(opaque('core.TopologySpreadConstraint'))],
    ['OS', 'os', ptr(struct('core.PodOS', [['Name', 'name', S('core.OSName')]]))],
    minor >= 26 && ['SchedulingGates', 'schedulingGates', slice(struct('core.PodSchedulingGate', [['Name', 'name', STR]]))],
    minor >= 26 && ['ResourceClaims', 'resourceClaims', slice(opaque('core.PodResourceClaim'))],
    minor >= 32 && ['Resources', 'resources', ptr(resourcesType(minor))],
    minor >= 34 && ['HostnameOverride', 'hostnameOverride', ptr(STR)],
    minor >= 35 && ['WorkloadRef', 'workloadRef', ptr(opaque('core.WorkloadReference'))],
  ]);
  podSpecTypes.set(minor, t);
  return t;
}

function toGo(t: GoType, j: Json): GoValue {
  switch (t.kind) {
    case 'string': return typeof j === 'string' ? j : '';
    case 'int': return typeof j === 'number' ? j : 0;
    case 'bool': return j === true;
    case 'ptr': return j === undefined || j === null ? null : toGo(t.elem, j);
    case 'slice': return Array.isArray(j) ? j.map((e) => toGo(t.elem, e)) : null;
    case 'map': return j && typeof j === 'object' ? new Map(Object.entries(j).map(([k, v]) => [k, toGo(t.elem, v)])) : null;
    case 'struct': {
      const def = defs.get(t)!;
      if (def.from) return def.from(j);
      const o = (j && typeof j === 'object' ? j : {}) as Record<string, Json>;
      return t.fields.map((f, i) => toGo(f.type, def.json[i] === null ? o : o[def.json[i]!]));
    }
  }
}

/** A v1 PodSpec (JSON) converted to core.PodSpec: the host namespace flags move into the always-present security context. */
export function podSpecToGo(minor: number, spec: Record<string, Json>): GoValue {
  const securityContext = { ...((spec.securityContext as object | undefined) ?? {}),
    hostNetwork: spec.hostNetwork, hostPID: spec.hostPID, hostIPC: spec.hostIPC, shareProcessNamespace: spec.shareProcessNamespace, hostUsers: spec.hostUsers };
  return toGo(podSpecType(minor), { ...spec, securityContext });
}
