/**
 * The API server's create/delete path: metadata (uid, creationTimestamp, generateName), admission
 * (defaults, then validation), storage, and the scheduler's binding of new pods to the one node.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { Pod, PodStatus, Service, ServiceSpec } from 'kubernetes-types/core/v1';
import { applyDefaultsInPlace } from '../scenario/defaults';
import { podQOSClass } from '../kubectl/qos';
import { effectivePodRequest } from '../kubelet/resources';
import { NODE_NAME } from '../kubelet/kubelet';
import { isSidecar } from '../kubelet/phase';
import { PRIORITY } from '../sim/scheduler';
import type { World } from '../sim/world';
import type { ApiObject, LooseObject, Writable } from './store';
import { shapeCopy } from '../sim/shapeCopy';
import type { TraceContainer } from '../sim/trace';

/** Kinds this cluster serves, by apiVersion (anything else is "no matches for kind"). */
export const SERVED: Readonly<Record<string, string>> = {
  Pod: 'v1', Service: 'v1', ConfigMap: 'v1', Secret: 'v1', Namespace: 'v1', Endpoints: 'v1',
  Deployment: 'apps/v1', ReplicaSet: 'apps/v1', Job: 'batch/v1',
};

/** Lower-case plural resource names, as kubectl prints them in `deployment.apps/web created`. */
export const RESOURCE: Readonly<Record<string, string>> = {
  Pod: 'pods', Service: 'services', ConfigMap: 'configmaps', Secret: 'secrets', Namespace: 'namespaces', Endpoints: 'endpoints',
  Deployment: 'deployments.apps', ReplicaSet: 'replicasets.apps', Job: 'jobs.batch',
};

/** `pod/x`, `deployment.apps/x`, `job.batch/x`: kubectl's resource/name form. */
export function refOf(kind: string, name: string): string {
  const group = SERVED[kind]?.includes('/') ? `.${SERVED[kind].split('/')[0]}` : '';
  return `${kind.toLowerCase()}${group}/${name}`;
}

export type CreateResult =
  | { readonly ok: true; readonly ref: string; readonly obj: ApiObject }
  | { readonly ok: false; readonly ref: string; readonly stderr: string };

export interface SourceInfo {
  /** 1-based line of the object in the editor text. */
  readonly line?: number;
  /** 1-based line of each container's `name:` by `initContainers[i]` / `containers[i]`. */
  readonly containerLines?: ReadonlyMap<string, number>;
  /** Set by controllers for the pods they create (`deployment/web`). */
  readonly owner?: string;
}

export class ApiServer {
  private readonly usedServiceIps = new Set<string>(['10.96.0.1', '10.96.0.10']);
  private readonly sources = new Map<string, SourceInfo>();
  private generated = 0;

  constructor(private readonly world: World) {}

  /** Create an object that passed admission. `obj` must have kind and metadata.name (or generateName). */
  create(input: ApiObject, source: SourceInfo = {}): CreateResult {
    const w = this.world;
    const kind = input.kind ?? '';
    const obj = applyDefaultsInPlace(structuredCloneJson(input)) as Writable<LooseObject>;
    const meta = shapeCopy(obj.metadata ?? {}) as Writable<ObjectMeta>;
    // Models names.SimpleNameGenerator: generateName + 5 random characters (from the seeded generator).
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${w.prng.fork(`gen/${meta.generateName}/${this.generated++}`).suffix(5)}`;
    const name = meta.name ?? '';
    if (kind !== 'Namespace') meta.namespace = meta.namespace ?? 'default';
    const ns = meta.namespace;
    if (kind !== 'Namespace' && !w.store.get('Namespace', undefined, ns!)) {
      return { ok: false, ref: refOf(kind, name), stderr: `Error from server (NotFound): namespaces "${ns}" not found` };
    }
    if (w.store.get(kind, ns, name)) {
      return { ok: false, ref: refOf(kind, name), stderr: `Error from server (AlreadyExists): ${RESOURCE[kind]?.split('.')[0] ?? kind.toLowerCase()} "${name}" already exists` };
    }
    if (kind === 'Pod' && w.store.count('Pod') >= w.settings.podBudget) {
      w.halt(`The run stopped at T+${Math.floor(w.now() / 1000)}s: the cluster holds ${w.settings.podBudget.toLocaleString('en-US')} pods, the most a run simulates (replicas or parallelism too large?).`);
      return { ok: false, ref: refOf(kind, name), stderr: `Error from server (Forbidden): pods "${name}" is forbidden: the simulation holds at most ${w.settings.podBudget} pods` };
    }
    meta.uid = w.store.newUid();
    meta.creationTimestamp = w.iso();
    meta.resourceVersion = w.store.nextResourceVersion();
    obj.metadata = meta;
    if (kind === 'Service') this.allocateService(obj as Writable<Service>);
    if (kind === 'Job') generateJobSelector(obj, meta.uid);
    if (kind === 'Pod') {
      mountServiceAccount(obj as Writable<Pod>, () => w.prng.fork(`sa/${meta.uid}`).suffix(5));
      // Models the API server's pod strategy: status.qosClass is set at creation (GetPodQOS).
      (obj as Writable<Pod>).status = { phase: 'Pending', qosClass: podQOSClass({ spec: (obj as Pod).spec } as Pod) } as PodStatus;
    }
    this.sources.set(meta.uid, source);
    w.store.add(obj);
    w.trace.push({ t: w.now(), type: 'object', op: 'created', kind, name, ...(ns ? { namespace: ns } : {}) });
    if (kind === 'Pod') this.onPodCreated(obj as unknown as Pod, source);
    return { ok: true, ref: refOf(kind, name), obj };
  }

  private allocateService(svc: Writable<Service>): void {
    const spec = { ...(svc.spec ?? {}) } as Writable<ServiceSpec>;
    if (spec.clusterIP !== 'None') {
      let ip = spec.clusterIP;
      const rng = this.world.prng.fork(`svc/${svc.metadata?.namespace}/${svc.metadata?.name}`);
      while (!ip || this.usedServiceIps.has(ip)) ip = `10.96.${rng.int(256)}.${1 + rng.int(254)}`;
      this.usedServiceIps.add(ip);
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
    } else {
      spec.clusterIPs = ['None'];
    }
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      const rng = this.world.prng.fork(`nodeport/${svc.metadata?.name}`);
      spec.ports = (spec.ports ?? []).map((p) => ({ ...p, nodePort: p.nodePort ?? 30000 + rng.int(2768) }));
    }
    svc.spec = spec;
  }

  // Models the default scheduler: every pod is bound to the one node at once (Scheduled event).
  private onPodCreated(pod: Pod, source: SourceInfo): void {
    const w = this.world;
    const meta = pod.metadata!;
    const containers: TraceContainer[] = [
      ...(pod.spec?.initContainers ?? []).map((c, i) => ({ name: c.name, kind: isSidecar(c) ? 'sidecar' as const : 'init' as const, image: c.image ?? '', line: source.containerLines?.get(`initContainers[${i}]`) })),
      ...(pod.spec?.containers ?? []).map((c, i) => ({ name: c.name, kind: 'app' as const, image: c.image ?? '', line: source.containerLines?.get(`containers[${i}]`) })),
    ].map((c) => (c.line === undefined ? { name: c.name, kind: c.kind, image: c.image } : c));
    w.tracePods.set(meta.uid!, {
      uid: meta.uid!, name: meta.name!, namespace: meta.namespace ?? 'default',
      ...(source.owner ? { owner: source.owner } : {}),
      containers,
      volumes: (pod.spec?.volumes ?? []).filter((v) => !v.name.startsWith(SA_VOLUME_PREFIX)).map((v) => ({ name: v.name, type: volumeType(v as unknown as Record<string, unknown>) })),
      createdAt: w.now(),
      ...(source.line ? { line: source.line } : {}),
      ...requestsOf(pod),
    });
    w.recordPodRow(pod, 'api');
    w.scheduler.at(w.now(), PRIORITY.controller, () => {
      if (!w.store.get('Pod', meta.namespace, meta.name!)) return;
      (pod.spec as Writable<NonNullable<Pod['spec']>>).nodeName = NODE_NAME;
      w.recordEvent(pod, { type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${meta.namespace}/${meta.name} to ${NODE_NAME}`, source: 'default-scheduler' });
      w.kubelet.addPod(pod);
    });
  }

  /**
   * Update an object with what the user applied: labels, annotations and the desired fields. For a Pod
   * only images change (admission checked the rest), and the kubelet restarts the containers concerned.
   */
  update(existing: LooseObject, next: LooseObject): void {
    const w = this.world;
    const target = existing as Writable<LooseObject>;
    target.metadata = { ...existing.metadata, labels: next.metadata?.labels, annotations: next.metadata?.annotations };
    if (existing.kind === 'Pod') {
      const spec = existing.spec as Writable<NonNullable<Pod['spec']>>;
      const images = (list: readonly { name: string; image?: string }[] | undefined) => new Map((list ?? []).map((c) => [c.name, c.image]));
      const nextSpec = next.spec as Pod['spec'];
      const app = images(nextSpec?.containers), init = images(nextSpec?.initContainers);
      spec.containers = spec.containers.map((c) => ({ ...c, image: app.get(c.name) ?? c.image }));
      if (spec.initContainers) spec.initContainers = spec.initContainers.map((c) => ({ ...c, image: init.get(c.name) ?? c.image }));
      w.store.update(existing);
      w.kubelet.workers.get(existing.metadata!.uid!)?.specChanged(spec);
    } else {
      for (const k of ['spec', 'data', 'stringData', 'binaryData', 'type']) if (next[k] !== undefined) target[k] = next[k];
      w.store.update(existing);
    }
    w.trace.push({ t: w.now(), type: 'object', op: 'updated', kind: existing.kind!, name: existing.metadata!.name!, ...(existing.metadata?.namespace ? { namespace: existing.metadata.namespace } : {}) });
  }

  /** Where an object came from in the editor text (controllers pass it on to what they create). */
  sourceOf(uid: string): SourceInfo | undefined {
    return this.sources.get(uid);
  }

  setSource(uid: string, source: SourceInfo): void {
    this.sources.set(uid, source);
  }

  /** Delete an object. Pods get a deletionTimestamp and terminate gracefully; others go at once. */
  delete(kind: string, namespace: string | undefined, name: string, graceSeconds?: number): boolean {
    const w = this.world;
    const obj = w.store.get(kind, namespace, name);
    if (!obj) return false;
    if (kind === 'Pod') {
      const pod = obj as Pod;
      const meta = pod.metadata as Writable<ObjectMeta>;
      if (meta.deletionTimestamp) return true;
      const grace = graceSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
      meta.deletionTimestamp = w.iso(w.now() + grace * 1000);
      meta.deletionGracePeriodSeconds = grace;
      w.store.update(pod);
      w.recordPodRow(pod, 'api');
      const worker = w.kubelet.workers.get(meta.uid!);
      if (worker) w.kubelet.deletePod(meta.uid!, graceSeconds);
      else w.removePod(pod);
      return true;
    }
    w.store.remove(kind, namespace, name);
    w.trace.push({ t: w.now(), type: 'object', op: 'deleted', kind, name, ...(namespace ? { namespace } : {}) });
    return true;
  }
}

// Models the Job strategy's PrepareForCreate (generateSelector): unless manualSelector, the selector is the
// Job's uid and the template gets the controller-uid and job-name labels (both legacy and batch.kubernetes.io).
function generateJobSelector(job: Writable<LooseObject>, uid: string): void {
  const spec = job.spec as { manualSelector?: boolean; selector?: unknown; template?: { metadata?: { labels?: Record<string, string> } } } | undefined;
  if (!spec || spec.manualSelector) return;
  const name = job.metadata!.name!;
  spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  spec.template = { ...(spec.template ?? {}), metadata: { ...(spec.template?.metadata ?? {}), labels: {
    ...(spec.template?.metadata?.labels ?? {}), 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name } } };
  // Models SetDefaults_Job: a Job without labels takes its pod template's labels (as the docs' `describe job` shows).
  if (Object.keys(job.metadata?.labels ?? {}).length === 0) job.metadata = { ...job.metadata, labels: { ...spec.template.metadata!.labels! } };
}

const SA_VOLUME_PREFIX = 'kube-api-access-';
export const SA_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

// Models the ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount): a projected
// kube-api-access-<5 chars> volume (token, ca.crt, namespace) mounted read-only into every container.
function mountServiceAccount(pod: Writable<Pod>, suffix: () => string): void {
  const spec = pod.spec as Writable<NonNullable<Pod['spec']>> | undefined;
  if (!spec || spec.automountServiceAccountToken === false) return;
  const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  if (all.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === SA_MOUNT_PATH))) return;
  const name = `${SA_VOLUME_PREFIX}${suffix()}`;
  spec.volumes = [...(spec.volumes ?? []), { name, projected: { defaultMode: 420, sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
  ] } }];
  const mount = { name, readOnly: true, mountPath: SA_MOUNT_PATH };
  spec.initContainers = spec.initContainers?.map((c) => shapeCopy(c, { volumeMounts: [...(c.volumeMounts ?? []), mount] }));
  spec.containers = (spec.containers ?? []).map((c) => shapeCopy(c, { volumeMounts: [...(c.volumeMounts ?? []), mount] }));
  if (!spec.initContainers) delete spec.initContainers;
}

function requestsOf(pod: Pod): { requests?: { cpu: number; memory: number } } {
  if (!pod.spec) return {};
  const cpu = effectivePodRequest(pod.spec, 'cpu');
  const memory = effectivePodRequest(pod.spec, 'memory');
  return cpu > 0 || memory > 0 ? { requests: { cpu, memory } } : {};
}

function volumeType(v: Record<string, unknown>): string {
  return Object.keys(v).find((k) => k !== 'name') ?? 'unknown';
}

/**
 * A deep copy of JSON-like data (manifests are plain data), by JSON's rules: what JSON.parse(JSON.stringify(value))
 * gives, copied field by field instead (every pod a controller creates is a copy of its template: no text in between).
 */
export function structuredCloneJson<T>(value: T): T {
  const copy = cloneJsonValue(value);
  if (copy === undefined) throw new SyntaxError('structuredCloneJson: not JSON data');
  return copy as T;
}

// JSON.stringify's rules: undefined, functions and symbols vanish from objects and are null in arrays; NaN and
// ±Infinity are null, -0 is 0; toJSON (a Date) is honoured; a `__proto__` key stays an own field, as JSON.parse makes it.
function cloneJsonValue(v: unknown): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
    case 'object': {
      if (v === null) return null;
      if (Array.isArray(v)) {
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) out[i] = cloneJsonValue(v[i]) ?? null;
        return out;
      }
      // Only a class instance can carry a toJSON method (plain data holds none): the lookup is not made on every object.
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(v)) as unknown;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        const c = cloneJsonValue((v as Record<string, unknown>)[k]);
        if (c === undefined) continue;
        if (k === '__proto__') Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
        else out[k] = c;
      }
      return out;
    }
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    default:
      return undefined;
  }
}
