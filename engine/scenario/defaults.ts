/**
 * Defaulting as the API server applies it before validation (`pkg/apis/core/v1/defaults.go`,
 * `pkg/apis/apps/v1/defaults.go`, `pkg/apis/batch/v1/defaults.go`) plus the few admission plugins
 * every cluster runs that fill fields users see (`kubectl describe`, `-o yaml`).
 */
import { isObj, type Obj } from './metaValidation';

// Creates a missing object; a wrong-typed value is left alone (validation reports it).
const objAt = (o: Obj, key: string): Obj => {
  const v = o[key];
  if (isObj(v)) return v;
  const fresh: Obj = {};
  if (v === undefined || v === null) o[key] = fresh;
  return fresh;
};
const unset = (v: unknown): boolean => v === undefined || v === null || v === '';
const setIfUnset = (o: Obj, key: string, value: unknown): void => {
  if (unset(o[key])) o[key] = value;
};
const each = (v: unknown, f: (o: Obj) => void): void => {
  if (Array.isArray(v)) for (const x of v) if (isObj(x)) f(x);
};

/** Kinds that are not namespaced among those the playground knows. */
const CLUSTER_SCOPED = new Set(['Namespace']);

/**
 * Returns a defaulted deep copy of a manifest object, as the API server would store it. Fields the
 * user set are kept; wrong types are left for validation to report. Never throws.
 *
 * @param obj a decoded manifest (any JSON-like value; non-objects are returned copied unchanged)
 */
export function applyDefaults<T>(obj: T): T {
  return applyDefaultsInPlace(deepCopy(obj, 0) as T);
}

/** applyDefaults on an object the caller already owns (a fresh copy): it is defaulted and returned. */
export function applyDefaultsInPlace<T>(copy: T): T {
  try {
    if (isObj(copy)) {
      decodeNulls(copy, isObj(copy.spec) && copy.kind === 'Service' ? copy.spec : undefined, 0);
      defaultObject(copy);
    }
  } catch {
    // Defaulting is best-effort on malformed input; validation reports what is wrong.
  }
  return copy;
}

/** Fields whose Go type is map[string]string: a null value in them decodes to "", the key kept. */
const STRING_MAPS = new Set(['labels', 'annotations', 'data', 'stringData', 'binaryData', 'nodeSelector', 'matchLabels']);
/** Fields whose Go type is []string (the rest of the lists the playground reads are lists of structs). */
const STRING_LISTS = new Set(['command', 'args', 'finalizers', 'values', 'add', 'drop', 'nameservers', 'searches', 'hostnames', 'clusterIPs', 'externalIPs', 'ipFamilies', 'accessModes']);

/**
 * Models decoding JSON into the API's Go structs: a field set to null is a nil slice, map or pointer, or a
 * zero scalar, so it reads as absent (`command: null` is no command). A null element of a list is the
 * element type's zero value: "" in a []string, an empty struct in a list of structs (which validation then
 * reports, e.g. a container without a name); inside a map[string]string the key stays with the value "".
 */
function decodeNulls(o: Obj, serviceSpec: Obj | undefined, depth: number): void {
  if (depth > 400) return;
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v === null) delete o[k];
    else if (Array.isArray(v)) {
      const zero = STRING_LISTS.has(k) ? () => '' : () => ({});
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (x === null) v[i] = zero();
        else if (isObj(x)) decodeNulls(x, undefined, depth + 1);
      }
    } else if (isObj(v)) {
      if (STRING_MAPS.has(k) || (v === serviceSpec?.selector)) { for (const mk of Object.keys(v)) if (v[mk] === null) v[mk] = ''; }
      else decodeNulls(v, serviceSpec, depth + 1);
    }
  }
}

function defaultObject(o: Obj): void {
  const kind = typeof o.kind === 'string' ? o.kind : '';
  const meta = objAt(o, 'metadata');
  // Models the apiserver's request scoping: kubectl sends namespaced objects to the context namespace, `default`.
  if (!CLUSTER_SCOPED.has(kind)) setIfUnset(meta, 'namespace', 'default');
  const spec = isObj(o.spec) ? o.spec : undefined;
  switch (kind) {
    case 'Pod':
      defaultPod(o);
      break;
    case 'Service':
      if (spec) defaultService(spec);
      break;
    case 'Deployment':
      if (spec) defaultDeployment(spec);
      break;
    case 'ReplicaSet':
      // Models apps/v1 SetDefaults_ReplicaSet: replicas 1.
      if (spec) setIfUnset(spec, 'replicas', 1);
      if (spec) defaultTemplate(spec);
      break;
    case 'Job':
      if (spec) defaultJob(spec);
      break;
    case 'Secret':
      // Models core/v1 SetDefaults_Secret: type Opaque.
      setIfUnset(o, 'type', 'Opaque');
      break;
  }
}

function defaultPod(pod: Obj): void {
  const spec = objAt(pod, 'spec');
  defaultPodSpec(spec);
  // Models core/v1 SetDefaults_Pod: enableServiceLinks true (pods only, not templates).
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  // Models core/v1 SetDefaults_Pod: a container with limits and no request gets requests = limits.
  for (const list of [spec.containers, spec.initContainers]) {
    each(list, (c) => {
      const res = isObj(c.resources) ? c.resources : undefined;
      if (!res || !isObj(res.limits)) return;
      const req = objAt(res, 'requests');
      for (const [k, v] of Object.entries(res.limits)) if (req[k] === undefined) req[k] = v;
    });
  }
  // Models plugin/pkg/admission/serviceaccount: pods run as serviceAccountName `default`.
  setIfUnset(spec, 'serviceAccountName', 'default');
  // Models plugin/pkg/admission/priority: no priorityClassName → priority 0.
  setIfUnset(spec, 'priority', 0);
  // Models plugin/pkg/admission/defaulttolerationseconds: tolerate not-ready/unreachable for 300 s.
  if (!Array.isArray(spec.tolerations)) spec.tolerations = [];
  const tolerations = spec.tolerations as unknown[];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerations.some((t) => isObj(t) && t.key === key)) {
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    }
  }
}

function defaultPodSpec(spec: Obj): void {
  // Models core/v1 SetDefaults_PodSpec: dnsPolicy ClusterFirst, restartPolicy Always,
  // terminationGracePeriodSeconds 30, securityContext {}, schedulerName default-scheduler.
  setIfUnset(spec, 'dnsPolicy', 'ClusterFirst');
  setIfUnset(spec, 'restartPolicy', 'Always');
  setIfUnset(spec, 'terminationGracePeriodSeconds', 30);
  if (spec.securityContext === undefined || spec.securityContext === null) spec.securityContext = {};
  setIfUnset(spec, 'schedulerName', 'default-scheduler');
  each(spec.volumes, defaultVolume);
  each(spec.initContainers, defaultContainer);
  each(spec.containers, defaultContainer);
}

function defaultVolume(v: Obj): void {
  // Models core/v1 SetDefaults_Volume: a volume with no source is an emptyDir.
  const sources = Object.keys(v).filter((k) => k !== 'name' && v[k] !== null && v[k] !== undefined);
  if (sources.length === 0) v.emptyDir = {};
  // Models core/v1 SetDefaults_{ConfigMap,Secret,DownwardAPI,Projected}VolumeSource: defaultMode 0644.
  for (const key of ['configMap', 'secret', 'downwardAPI', 'projected']) {
    if (isObj(v[key])) setIfUnset(v[key] as Obj, 'defaultMode', 420);
  }
  // Models core/v1 SetDefaults_HostPathVolumeSource: type "" (unset).
  if (isObj(v.hostPath) && v.hostPath.type === undefined) v.hostPath.type = '';
}

function defaultContainer(c: Obj): void {
  // Models core/v1 SetDefaults_Container: Always for `:latest` or untagged images, else IfNotPresent.
  // An unparsable or empty image has no tag, so it gets Always too.
  if (unset(c.imagePullPolicy)) c.imagePullPolicy = defaultPullPolicy(typeof c.image === 'string' ? c.image : '');
  // Models core/v1 SetDefaults_Container: terminationMessagePath/Policy.
  setIfUnset(c, 'terminationMessagePath', '/dev/termination-log');
  setIfUnset(c, 'terminationMessagePolicy', 'File');
  // Models core/v1 SetDefaults_ContainerPort: protocol TCP.
  each(c.ports, (p) => setIfUnset(p, 'protocol', 'TCP'));
  // Models core/v1 SetDefaults_ObjectFieldSelector: fieldRef apiVersion v1.
  each(c.env, (e) => {
    if (isObj(e.valueFrom) && isObj(e.valueFrom.fieldRef)) setIfUnset(e.valueFrom.fieldRef, 'apiVersion', 'v1');
  });
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe']) if (isObj(c[key])) defaultProbe(c[key] as Obj);
  if (isObj(c.lifecycle)) {
    for (const hook of ['postStart', 'preStop']) {
      const h = c.lifecycle[hook];
      if (isObj(h) && isObj(h.httpGet)) defaultHttpGet(h.httpGet);
    }
  }
}

/** The pull policy the API server picks for an image reference without one. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  // A digest pins the image, so it is never re-pulled.
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  const tag = colon > lastSlash ? image.slice(colon + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(p: Obj): void {
  // Models core/v1 SetDefaults_Probe: timeout 1 s, period 10 s, success 1, failure 3.
  setIfUnset(p, 'timeoutSeconds', 1);
  setIfUnset(p, 'periodSeconds', 10);
  setIfUnset(p, 'successThreshold', 1);
  setIfUnset(p, 'failureThreshold', 3);
  if (isObj(p.httpGet)) defaultHttpGet(p.httpGet);
}

function defaultHttpGet(h: Obj): void {
  // Models core/v1 SetDefaults_HTTPGetAction: path "/", scheme HTTP.
  setIfUnset(h, 'path', '/');
  setIfUnset(h, 'scheme', 'HTTP');
}

function defaultService(spec: Obj): void {
  // Models core/v1 SetDefaults_Service: sessionAffinity None, type ClusterIP.
  setIfUnset(spec, 'sessionAffinity', 'None');
  setIfUnset(spec, 'type', 'ClusterIP');
  // Models core/v1 SetDefaults_Service: port protocol TCP, targetPort = port when unset or 0.
  each(spec.ports, (p) => {
    setIfUnset(p, 'protocol', 'TCP');
    if (unset(p.targetPort) || p.targetPort === 0) p.targetPort = p.port;
  });
  // Models core/v1 SetDefaults_Service: internalTrafficPolicy Cluster for ClusterIP/NodePort/LoadBalancer.
  if (spec.type === 'ClusterIP' || spec.type === 'NodePort' || spec.type === 'LoadBalancer') setIfUnset(spec, 'internalTrafficPolicy', 'Cluster');
  // Models core/v1 SetDefaults_Service: externally reachable Services default externalTrafficPolicy Cluster.
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') setIfUnset(spec, 'externalTrafficPolicy', 'Cluster');
  // Models core/v1 SetDefaults_Service: ClientIP affinity times out after 10800 s.
  if (spec.sessionAffinity === 'ClientIP' && !isObj(spec.sessionAffinityConfig)) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
}

function defaultDeployment(spec: Obj): void {
  // Models apps/v1 SetDefaults_Deployment: replicas 1, RollingUpdate 25%/25%,
  // revisionHistoryLimit 10, progressDeadlineSeconds 600.
  setIfUnset(spec, 'replicas', 1);
  const strategy = objAt(spec, 'strategy');
  setIfUnset(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = objAt(strategy, 'rollingUpdate');
    setIfUnset(ru, 'maxUnavailable', '25%');
    setIfUnset(ru, 'maxSurge', '25%');
  }
  setIfUnset(spec, 'revisionHistoryLimit', 10);
  setIfUnset(spec, 'progressDeadlineSeconds', 600);
  defaultTemplate(spec);
}

function defaultJob(spec: Obj): void {
  // Models batch/v1 SetDefaults_Job: completions and parallelism 1 when both unset; parallelism 1.
  if (unset(spec.completions) && unset(spec.parallelism)) spec.completions = 1;
  setIfUnset(spec, 'parallelism', 1);
  // Models batch/v1 SetDefaults_Job: backoffLimit 6 (MaxInt32 with backoffLimitPerIndex).
  setIfUnset(spec, 'backoffLimit', unset(spec.backoffLimitPerIndex) ? 6 : 2147483647);
  // Models batch/v1 SetDefaults_Job: completionMode NonIndexed, suspend false.
  setIfUnset(spec, 'completionMode', 'NonIndexed');
  if (spec.suspend === undefined || spec.suspend === null) spec.suspend = false;
  // Models batch/v1 SetDefaults_Job: podReplacementPolicy Failed with a podFailurePolicy, else TerminatingOrFailed.
  setIfUnset(spec, 'podReplacementPolicy', isObj(spec.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed');
  defaultTemplate(spec);
}

function defaultTemplate(spec: Obj): void {
  // Models the generated SetObjectDefaults_*: the pod template's spec gets PodSpec defaults.
  const template = spec.template;
  if (isObj(template) && isObj(template.spec)) defaultPodSpec(template.spec);
}

function deepCopy(v: unknown, depth: number): unknown {
  if (v === null || typeof v !== 'object' || depth > 400) return v;
  if (Array.isArray(v)) return v.map((x) => deepCopy(x, depth + 1));
  const out: Obj = {};
  for (const k of Object.keys(v)) {
    // A `__proto__` key stays an ordinary field (defineProperty); any other is assigned, which is cheaper.
    const c = deepCopy((v as Obj)[k], depth + 1);
    if (k === '__proto__') Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
    else out[k] = c;
  }
  return out;
}
