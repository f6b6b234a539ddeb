/**
 * `kubectl logs`: which pod and container it reads (TYPE/NAME resolution, default container), the
 * client-side notes and errors, and the server's (kubelet's) refusals, with kubectl's exact text.
 */
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import type { KubectlProfile } from './describeWriter';
import { DEFAULT_PROFILE } from './describeWriter';
import type { ApiObject, CommandOutput, ObjectStore } from './get';
import { findResource, groupResource } from './resources';
import { matchesSelector } from './selector';
import type { Requirement } from './selector';
import { goSort } from './goSort';
import { timeMs } from './duration';
import { isSidecar } from '../kubelet/phase';
import { isPodReady, trueCondition } from '../kubelet/conditions';

/** A parsed `kubectl logs`. */
export interface LogsRequest {
  /** `NAME`, `pod/NAME`, `deploy/NAME`, `rs/NAME`, `job/NAME`, `svc/NAME`. */
  readonly target: string;
  readonly container?: string;
  readonly previous: boolean;
  readonly follow: boolean;
  /** `--tail N` (-1 or absent: everything). */
  readonly tail?: number;
  readonly namespace: string;
}

/**
 * Which container instance the kubelet serves: `current` is the one in `status.state` (running or
 * terminated), `previous` the one recorded in `status.lastState.terminated`. A container waiting in
 * CrashLoopBackOff serves `previous` with or without `-p`.
 */
export type LogInstance = 'current' | 'previous';

/** Reads a container instance's log text (lines ending in "\n") from the simulation. */
export type LogReader = (pod: Pod, container: string, instance: LogInstance) => string;

const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** `a, b (ephem), c (init)`: app, then ephemeral, then init containers. */
// Models kubectl podcmd.AllContainerNames.
export function allContainerNames(pod: Pod): string {
  return [...(pod.spec?.containers ?? []).map((c) => c.name), ...(pod.spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`)].join(', ');
}

/** The pod's container (app, init or ephemeral) of that name. */
// Models kubectl podcmd.FindContainerByName.
export function findContainer(pod: Pod, name: string): Container | undefined {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...((pod.spec?.ephemeralContainers ?? []) as Container[])].find((c) => c.name === name);
}

/**
 * The container kubectl takes when none is named: the one the default-container annotation names when the
 * pod has it (`annotated`), else the first app container; `ambiguous`: the pod has others, so kubectl says
 * which it took (`defaultedNote`).
 */
// Models kubectl podcmd.FindOrDefaultContainerByName (logs and exec).
export function defaultContainer(pod: Pod): { readonly name: string; readonly annotated: boolean; readonly ambiguous: boolean } {
  const annotation = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION] ?? '';
  if (annotation !== '' && findContainer(pod, annotation)) return { name: annotation, annotated: true, ambiguous: false };
  const spec = pod.spec;
  return { name: spec?.containers[0]?.name ?? '', annotated: false,
    ambiguous: (spec?.containers.length ?? 0) > 1 || (spec?.initContainers ?? []).length > 0 || (spec?.ephemeralContainers ?? []).length > 0 };
}

/** kubectl's note on stderr when it picked a pod's default container among several. */
export const defaultedNote = (pod: Pod, name: string): string => `Defaulted container "${name}" out of: ${allContainerNames(pod)}\n`;

const readyTime = (p: Pod): number | undefined => timeMs(trueCondition(p, 'Ready')?.lastTransitionTime);
// afterOrZero(t1, t2): a zero time sorts last.
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}
function maxRestarts(p: Pod): [number, number] {
  const regular = Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
  const sidecars = new Set((p.spec?.initContainers ?? []).filter(isSidecar).map((c) => c.name));
  const side = Math.max(0, ...(p.status?.initContainerStatuses ?? []).filter((c) => sidecars.has(c.name)).map((c) => c.restartCount ?? 0));
  return [regular, side];
}
const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };

/** Whether pod `a` is a better pick than `b` for logs. */
// Models kubectl podutils.ByLogging.Less.
export function byLoggingLess(a: Pod, b: Pod): boolean {
  const an = a.spec?.nodeName ?? ''; const bn = b.spec?.nodeName ?? '';
  if (an !== bn && (an === '' || bn === '')) return an !== '';
  const ar = PHASE_RANK[a.status?.phase ?? ''] ?? 0; const br = PHASE_RANK[b.status?.phase ?? ''] ?? 0;
  if (ar !== br) return ar < br;
  if (isPodReady(a) !== isPodReady(b)) return isPodReady(a);
  if (isPodReady(a) && isPodReady(b) && readyTime(a) !== readyTime(b)) return afterOrZero(readyTime(b), readyTime(a));
  const [ra, sa] = maxRestarts(a); const [rb, sb] = maxRestarts(b);
  if (ra !== rb) return ra > rb;
  if (sa !== sb) return sa > sb;
  const ca = timeMs(a.metadata?.creationTimestamp); const cb = timeMs(b.metadata?.creationTimestamp);
  if (ca !== cb) return afterOrZero(cb, ca);
  return false;
}

function selectorFor(kind: string, o: ApiObject & { spec?: { selector?: unknown } }): Requirement[] | string {
  const sel = o.spec?.selector as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | Record<string, string> | undefined;
  if (kind === 'Service') {
    const s = (sel ?? {}) as Record<string, string>;
    if (Object.keys(s).length === 0) return `cannot get the logs from *v1.Service: invalid service '${o.metadata?.name ?? ''}': Service is defined without a selector`;
    return Object.entries(s).map(([key, v]) => ({ key, op: '=' as const, values: [v] }));
  }
  const ls = (sel ?? {}) as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  const reqs: Requirement[] = Object.entries(ls.matchLabels ?? {}).map(([key, v]) => ({ key, op: '=' as const, values: [v] }));
  for (const e of ls.matchExpressions ?? []) {
    const op = e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator === 'Exists' ? 'exists' : '!';
    reqs.push({ key: e.key, op, values: e.values ?? [] });
  }
  return reqs;
}

interface Resolved { readonly pod?: Pod; readonly stderr: string; readonly error?: string }

/** Finds the pod `kubectl logs TARGET` reads, with the `Found N pods, using pod/X` note. */
// Models kubectl logs.go Complete (builder ResourceNames("pods", arg)) and logsforobject.go (GetFirstPod, ByLogging).
export function resolveLogsPod(store: ObjectStore, target: string, namespace: string): Resolved {
  const slash = target.indexOf('/');
  const r = slash < 0 ? findResource('pods') : findResource(target.slice(0, slash));
  const name = slash < 0 ? target : target.slice(slash + 1);
  if (!r) return { stderr: '', error: `error: the server doesn't have a resource type "${target.slice(0, slash)}"` };
  const obj = (store[r.resource] ?? []).find((o) => o.metadata?.name === name && (o.metadata?.namespace ?? 'default') === namespace);
  // Models logs.go: NotFound errors are wrapped with the namespace since kubectl 1.30 (printed with an "error: " prefix).
  if (!obj) return { stderr: '', error: `error: error from server (NotFound): ${groupResource(r)} "${name}" not found in namespace "${namespace}"` };
  if (r.resource === 'pods') return { pod: obj as Pod, stderr: '' };
  const sel = selectorFor(r.kind, obj);
  if (typeof sel === 'string') return { stderr: '', error: `error: ${sel}` };
  if (!['deployments', 'replicasets', 'jobs', 'services'].includes(r.resource)) return { stderr: '', error: `error: cannot get the logs from *v1.${r.kind}: selector for *v1.${r.kind} not implemented` };
  const pods = (store.pods ?? []).filter((p) => (p.metadata?.namespace ?? 'default') === namespace && matchesSelector(p.metadata?.labels, sel))
    .sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1)) as Pod[];
  // Models helpers.go GetPodList: with no pod it watches until --pod-running-timeout (20s) and gives up.
  if (pods.length === 0) return { stderr: '', error: 'error: timed out waiting for the condition' };
  const sorted = goSort(pods, byLoggingLess);
  const note = pods.length > 1 ? `Found ${pods.length} pods, using pod/${sorted[0].metadata?.name ?? ''}\n` : '';
  return { pod: sorted[0], stderr: note };
}

function statusOf(pod: Pod, name: string): ContainerStatus | undefined {
  return [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])].find((s) => s.name === name);
}

/**
 * What the kubelet answers for a log request: the instance to read, or the BadRequest message.
 */
// Models kubelet kubelet_pods.go validateContainerLogStatus.
export function validateContainerLogStatus(pod: Pod, container: string, previous: boolean): { instance: LogInstance } | { error: string } {
  const podName = pod.metadata?.name ?? '';
  const cs = statusOf(pod, container);
  if (!cs) return { error: `container "${container}" in pod "${podName}" is not available` };
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state ?? {};
  if (previous) {
    if (!last || !last.containerID) return { error: `previous terminated container "${container}" in pod "${podName}" not found` };
    return { instance: 'previous' };
  }
  if (running) return { instance: 'current' };
  if (terminated) {
    if (terminated.containerID) return { instance: 'current' };
    if (last?.containerID) return { instance: 'previous' };
    return { error: `container "${container}" in pod "${podName}" is terminated` };
  }
  if (last) {
    if (!last.containerID) return { error: `container "${container}" in pod "${podName}" is terminated` };
    return { instance: 'previous' };
  }
  if (waiting) {
    if (waiting.reason === 'ErrImagePull') return { error: `container "${container}" in pod "${podName}" is waiting to start: image can't be pulled` };
    if (waiting.reason === 'ImagePullBackOff') return { error: `container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image` };
    return { error: `container "${container}" in pod "${podName}" is waiting to start: ${waiting.reason ?? ''}` };
  }
  return { error: `container "${container}" in pod "${podName}" is waiting to start - no logs yet` };
}

function tailLines(text: string, n: number | undefined): string {
  if (n === undefined || n < 0) return text;
  if (n === 0) return '';
  const lines = text.split('\n');
  const hasNewline = text.endsWith('\n');
  if (hasNewline) lines.pop();
  return lines.slice(-n).join('\n') + (hasNewline && lines.length > 0 ? '\n' : '');
}

/** The notes written before the log or the error (they lead stderr). */
const notes = (written: string): { stderrFirst?: number } => (written ? { stderrFirst: written.length } : {});

/** Runs `kubectl logs` against `store`; `read` supplies the text of the chosen container instance. */
// Models kubectl logs.go RunLogs + logsforobject.go + podcmd (default container, validity check).
export function runLogs(store: ObjectStore, req: LogsRequest, read: LogReader, profile: KubectlProfile = DEFAULT_PROFILE): CommandOutput {
  const resolved = resolveLogsPod(store, req.target, req.namespace);
  if (!resolved.pod) return { stdout: '', stderr: resolved.stderr + (resolved.error ?? '') + '\n', exitCode: 1 };
  const pod = resolved.pod;
  let stderr = resolved.stderr;
  const podName = pod.metadata?.name ?? '';
  let container = req.container ?? '';
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION] ?? '';
  // Models LogsForObject: an annotation naming no container of the pod is said, then the usual default.
  if (container === '' && annotated !== '' && !findContainer(pod, annotated)) stderr += `Default container name "${annotated}" not found in pod ${podName}\n`;
  const chosen = defaultContainer(pod);
  if (container === '' && chosen.annotated) container = chosen.name;
  if (container === '') {
    const containers = pod.spec?.containers ?? [];
    if (profile.kubectlMinor < 24 && (containers.length > 1 || (pod.spec?.initContainers ?? []).length > 0)) {
      // Models kubectl < 1.24: no client-side default; the API server asks for a name.
      const apps = containers.map((c) => c.name).join(' ');
      const inits = (pod.spec?.initContainers ?? []).map((c) => c.name).join(' ');
      const msg = `a container name must be specified for pod ${podName}, choose one of: [${apps}]${inits ? ` or one of the init containers: [${inits}]` : ''}`;
      return { stdout: '', stderr: `${stderr}Error from server (BadRequest): ${msg}\n`, exitCode: 1, ...notes(stderr) };
    }
    container = chosen.name;
    if (chosen.ambiguous) stderr += defaultedNote(pod, container);
  }
  if (!findContainer(pod, container)) {
    // Models kubectl ≥ 1.36 "List containers when given container is not found".
    const list = profile.kubectlMinor >= 36 ? ` out of: ${allContainerNames(pod)}` : '';
    return { stdout: '', stderr: `${stderr}error: container ${container} is not valid for pod ${podName}${list}\n`, exitCode: 1, ...notes(stderr) };
  }
  const v = validateContainerLogStatus(pod, container, req.previous);
  if ('error' in v) return { stdout: '', stderr: `${stderr}Error from server (BadRequest): ${v.error}\n`, exitCode: 1, ...notes(stderr) };
  // Its notes (`Found N pods …`, `Defaulted container …`) are written before the log is read.
  return { stdout: tailLines(read(pod, container, v.instance), req.tail), stderr, exitCode: 0, ...notes(stderr) };
}
