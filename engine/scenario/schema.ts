/**
 * The Go types the API server decodes each supported kind into, reduced to what decoding needs:
 * field names (strict decoding rejects others), JSON kinds, and the Go type names that appear in
 * `json: cannot unmarshal … of type …` errors. Structs marked open are not checked for unknown
 * fields (rarely written by learners; modelled loosely on purpose).
 */

/** A Go type as encoding/json sees it. `go` is reflect's `Type.String()` after pointer indirection. */
export type GoType =
  | { readonly t: 'string'; readonly go: string }
  | { readonly t: 'int'; readonly go: 'int32' | 'int64' }
  | { readonly t: 'bool'; readonly go: 'bool' }
  | { readonly t: 'intOrString'; readonly go: 'intstr.IntOrString' }
  | { readonly t: 'quantity'; readonly go: 'resource.Quantity' }
  | { readonly t: 'bytes'; readonly go: '[]uint8' }
  | { readonly t: 'any'; readonly go: string }
  | { readonly t: 'array'; readonly go: string; readonly of: GoType }
  | { readonly t: 'map'; readonly go: string; readonly of: GoType }
  | { readonly t: 'struct'; readonly go: string; readonly name: string; readonly open: boolean; readonly fields: () => Readonly<Record<string, GoType>> };

const str: GoType = { t: 'string', go: 'string' };
const i32: GoType = { t: 'int', go: 'int32' };
const i64: GoType = { t: 'int', go: 'int64' };
const bool: GoType = { t: 'bool', go: 'bool' };
const intOrString: GoType = { t: 'intOrString', go: 'intstr.IntOrString' };
const quantity: GoType = { t: 'quantity', go: 'resource.Quantity' };
const bytes: GoType = { t: 'bytes', go: '[]uint8' };
const time: GoType = { t: 'any', go: 'v1.Time' };

/** A named string type (`v1.RestartPolicy`). */
const named = (name: string, pkg = 'v1'): GoType => ({ t: 'string', go: `${pkg}.${name}` });
const arr = (of: GoType): GoType => ({ t: 'array', go: `[]${of.go}`, of });
const map = (of: GoType): GoType => ({ t: 'map', go: `map[string]${of.go}`, of });
const struct = (name: string, fields: () => Record<string, GoType>, pkg = 'v1'): GoType => ({ t: 'struct', go: `${pkg}.${name}`, name, open: false, fields });
/** A struct whose fields are not modelled: only its JSON kind (an object) is checked. */
const open = (name: string, pkg = 'v1'): GoType => ({ t: 'struct', go: `${pkg}.${name}`, name, open: true, fields: () => ({}) });
const strings = arr(str);
const labels = map(str);

const objectMeta = struct('ObjectMeta', () => ({
  name: str, generateName: str, namespace: str, selfLink: str, uid: named('UID', 'types'),
  resourceVersion: str, generation: i64, creationTimestamp: time, deletionTimestamp: time,
  deletionGracePeriodSeconds: i64, labels, annotations: labels, ownerReferences: arr(open('OwnerReference')),
  finalizers: strings, managedFields: arr(open('ManagedFieldsEntry')),
}));

const execAction = struct('ExecAction', () => ({ command: strings }));
const httpGet = struct('HTTPGetAction', () => ({
  path: str, port: intOrString, host: str, scheme: named('URIScheme'), httpHeaders: arr(open('HTTPHeader')),
}));
const tcpSocket = struct('TCPSocketAction', () => ({ port: intOrString, host: str }));
const probe = struct('Probe', () => ({
  exec: execAction, httpGet, tcpSocket, grpc: open('GRPCAction'),
  initialDelaySeconds: i32, timeoutSeconds: i32, periodSeconds: i32, successThreshold: i32, failureThreshold: i32,
  terminationGracePeriodSeconds: i64,
}));
const lifecycleHandler = struct('LifecycleHandler', () => ({ exec: execAction, httpGet, tcpSocket, sleep: open('SleepAction') }));
const lifecycle = struct('Lifecycle', () => ({ postStart: lifecycleHandler, preStop: lifecycleHandler, stopSignal: named('Signal') }));

const container = struct('Container', () => ({
  name: str, image: str, command: strings, args: strings, workingDir: str,
  ports: arr(struct('ContainerPort', () => ({ name: str, hostPort: i32, containerPort: i32, protocol: named('Protocol'), hostIP: str }))),
  envFrom: arr(struct('EnvFromSource', () => ({ prefix: str, configMapRef: open('ConfigMapEnvSource'), secretRef: open('SecretEnvSource') }))),
  env: arr(struct('EnvVar', () => ({ name: str, value: str, valueFrom: open('EnvVarSource') }))),
  resources: struct('ResourceRequirements', () => ({ limits: map(quantity), requests: map(quantity), claims: arr(open('ResourceClaim')) })),
  resizePolicy: arr(open('ContainerResizePolicy')), restartPolicy: named('ContainerRestartPolicy'),
  restartPolicyRules: arr(open('ContainerRestartRule')),
  volumeMounts: arr(struct('VolumeMount', () => ({
    name: str, readOnly: bool, recursiveReadOnly: named('RecursiveReadOnlyMode'), mountPath: str, subPath: str,
    mountPropagation: named('MountPropagationMode'), subPathExpr: str,
  }))),
  volumeDevices: arr(open('VolumeDevice')), livenessProbe: probe, readinessProbe: probe, startupProbe: probe, lifecycle,
  terminationMessagePath: str, terminationMessagePolicy: named('TerminationMessagePolicy'), imagePullPolicy: named('PullPolicy'),
  securityContext: open('SecurityContext'), stdin: bool, stdinOnce: bool, tty: bool,
}));

const VOLUME_SOURCES = ['awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'configMap', 'csi', 'downwardAPI',
  'emptyDir', 'ephemeral', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'gitRepo', 'glusterfs', 'hostPath', 'image',
  'iscsi', 'nfs', 'persistentVolumeClaim', 'photonPersistentDisk', 'portworxVolume', 'projected', 'quobyte', 'rbd', 'scaleIO',
  'secret', 'storageos', 'vsphereVolume'] as const;

const volume = struct('Volume', () => {
  const fields: Record<string, GoType> = { name: str };
  for (const s of VOLUME_SOURCES) fields[s] = open(`${s[0]?.toUpperCase()}${s.slice(1)}VolumeSource`);
  return fields;
});

const podSpec = struct('PodSpec', () => ({
  volumes: arr(volume), initContainers: arr(container), containers: arr(container), ephemeralContainers: arr(open('EphemeralContainer')),
  restartPolicy: named('RestartPolicy'), terminationGracePeriodSeconds: i64, activeDeadlineSeconds: i64, dnsPolicy: named('DNSPolicy'),
  nodeSelector: labels, serviceAccountName: str, serviceAccount: str, automountServiceAccountToken: bool, nodeName: str,
  hostNetwork: bool, hostPID: bool, hostIPC: bool, shareProcessNamespace: bool, securityContext: open('PodSecurityContext'),
  imagePullSecrets: arr(open('LocalObjectReference')), hostname: str, subdomain: str, affinity: open('Affinity'), schedulerName: str,
  tolerations: arr(open('Toleration')), hostAliases: arr(open('HostAlias')), priorityClassName: str, priority: i32,
  dnsConfig: open('PodDNSConfig'), readinessGates: arr(open('PodReadinessGate')), runtimeClassName: str, enableServiceLinks: bool,
  preemptionPolicy: named('PreemptionPolicy'), overhead: map(quantity), topologySpreadConstraints: arr(open('TopologySpreadConstraint')),
  setHostnameAsFQDN: bool, os: open('PodOS'), hostUsers: bool, schedulingGates: arr(open('PodSchedulingGate')),
  resourceClaims: arr(open('PodResourceClaim')), resources: open('ResourceRequirements'), hostnameOverride: str,
}));

const labelSelector = struct('LabelSelector', () => ({
  matchLabels: labels,
  matchExpressions: arr(struct('LabelSelectorRequirement', () => ({ key: str, operator: named('LabelSelectorOperator'), values: strings }))),
}));
const podTemplateSpec = struct('PodTemplateSpec', () => ({ metadata: objectMeta, spec: podSpec }));

const servicePort = struct('ServicePort', () => ({
  name: str, protocol: named('Protocol'), appProtocol: str, port: i32, targetPort: intOrString, nodePort: i32,
}));
const serviceSpec = struct('ServiceSpec', () => ({
  ports: arr(servicePort), selector: labels, clusterIP: str, clusterIPs: strings, type: named('ServiceType'), externalIPs: strings,
  sessionAffinity: named('ServiceAffinity'), loadBalancerIP: str, loadBalancerSourceRanges: strings, externalName: str,
  externalTrafficPolicy: named('ServiceExternalTrafficPolicy'), healthCheckNodePort: i32, publishNotReadyAddresses: bool,
  sessionAffinityConfig: open('SessionAffinityConfig'), ipFamilies: arr(named('IPFamily')), ipFamilyPolicy: named('IPFamilyPolicy'),
  allocateLoadBalancerNodePorts: bool, loadBalancerClass: str, internalTrafficPolicy: named('ServiceInternalTrafficPolicy'),
  trafficDistribution: str,
}));

const deploymentSpec = struct('DeploymentSpec', () => ({
  replicas: i32, selector: labelSelector, template: podTemplateSpec,
  strategy: struct('DeploymentStrategy', () => ({
    type: named('DeploymentStrategyType'),
    rollingUpdate: struct('RollingUpdateDeployment', () => ({ maxUnavailable: intOrString, maxSurge: intOrString })),
  })),
  minReadySeconds: i32, revisionHistoryLimit: i32, paused: bool, progressDeadlineSeconds: i32,
}));
const replicaSetSpec = struct('ReplicaSetSpec', () => ({ replicas: i32, minReadySeconds: i32, selector: labelSelector, template: podTemplateSpec }));
const jobSpec = struct('JobSpec', () => ({
  parallelism: i32, completions: i32, activeDeadlineSeconds: i64, podFailurePolicy: open('PodFailurePolicy'),
  successPolicy: open('SuccessPolicy'), backoffLimit: i32, backoffLimitPerIndex: i32, maxFailedIndexes: i32,
  selector: labelSelector, manualSelector: bool, template: podTemplateSpec, ttlSecondsAfterFinished: i32,
  completionMode: named('CompletionMode'), suspend: bool, podReplacementPolicy: named('PodReplacementPolicy'), managedBy: str,
}));

/** A top-level kind: TypeMeta and ObjectMeta plus the kind's own fields. */
const topLevel = (name: string, fields: () => Record<string, GoType>): GoType =>
  struct(name, () => ({ apiVersion: str, kind: str, metadata: objectMeta, ...fields() }));

/** Decoding schema per `apiVersion/kind` (core kinds are `v1/Kind`). */
export const KIND_SCHEMAS: Readonly<Record<string, GoType>> = {
  'v1/Pod': topLevel('Pod', () => ({ spec: podSpec, status: open('PodStatus') })),
  'v1/Service': topLevel('Service', () => ({ spec: serviceSpec, status: open('ServiceStatus') })),
  'v1/ConfigMap': topLevel('ConfigMap', () => ({ immutable: bool, data: labels, binaryData: map(bytes) })),
  'v1/Secret': topLevel('Secret', () => ({ immutable: bool, data: map(bytes), stringData: labels, type: named('SecretType') })),
  'v1/Namespace': topLevel('Namespace', () => ({ spec: struct('NamespaceSpec', () => ({ finalizers: arr(named('FinalizerName')) })), status: open('NamespaceStatus') })),
  'apps/v1/Deployment': topLevel('Deployment', () => ({ spec: deploymentSpec, status: open('DeploymentStatus') })),
  'apps/v1/ReplicaSet': topLevel('ReplicaSet', () => ({ spec: replicaSetSpec, status: open('ReplicaSetStatus') })),
  'batch/v1/Job': topLevel('Job', () => ({ spec: jobSpec, status: open('JobStatus') })),
};
