/**
 * The kubelet's runtime-side view of one pod: container instances as the container runtime knows
 * them, plus the reason cache. `buildPodStatus` turns it into the API status (KPODS
 * convertToAPIContainerStatuses + getPhase + conditions).
 */
import type { Container, ContainerState, ContainerStatus, Pod, PodSpec, PodStatus } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../sim/time';
import { podQOSClass } from '../kubectl/qos';
import type { ContainerKind, Why } from '../sim/trace';
import { podConditions, withTransitionTimes, type ConditionValue } from './conditions';
import { getPhase, isSidecar, type PendingInitRule, type PodPhase } from './phase';

/** One run of a container (a new one is created for every restart). */
export interface Instance {
  readonly restartIndex: number;
  readonly id: string;
  readonly sandbox: number;
  state: 'running' | 'exited';
  startedAt: number;
  finishedAt?: number;
  exitCode?: number;
  signal?: number;
  reason?: string;
  message?: string;
  procId?: number;
  /** Runs a process inside this instance (exec probes and hooks); set while it runs. */
  exec?: (argv: readonly string[], host?: import('../runtime/seam').ContainerHost, stdin?: string) => import('../runtime/seam').ContainerProcess;
  /**
   * The playground stopped interpreting this instance at a budget (a loop that never waits). It stays
   * Running, as the real container would keep spinning; only SIGKILL ends it.
   */
  parked?: boolean;
  /** startupProbe passed (or there is none). */
  started: boolean;
  ready: boolean;
}

export interface ContainerState2 {
  readonly name: string;
  readonly kind: ContainerKind;
  /** The container's field path in the pod, as events name it: `spec.initContainers{name}`. */
  readonly fieldPath: string;
  readonly spec: Container;
  readonly index: number;
  readonly imageId: string;
  /** Every instance, oldest first. */
  readonly instances: Instance[];
  /** The reason cache: why the next instance is not running yet (CrashLoopBackOff, ErrImagePull …). */
  waiting?: { reason: string; message?: string };
  /** A start is under way (pull or create); the status keeps showing the previous state meanwhile. */
  starting: boolean;
  /** What the last status of this container was built from (buildPodStatus). */
  statusMemo?: StatusMemo;
  /** The container's last `container` trace record: its signature, trace index and time (same-instant coalescing). */
  recorded?: RecordedState;
  /** The last `why` recorded for this container (null: none); absent before the first. */
  lastWhy?: Why | null;
}

/** What Kubelet.recordContainerState last wrote for a container. */
export interface RecordedState {
  readonly sig: string;
  readonly index: number;
  readonly t: number;
  readonly before: string;
  status: ContainerStatus;
}

/** A pod sandbox as the container runtime lists it (CRI PodSandbox: `crictl pods`). */
export interface Sandbox {
  /** 64 hex digits, from the seed (containerd's ids are random). */
  readonly id: string;
  /** CRI PodSandboxMetadata.attempt: 0 for the pod's first sandbox, one more for each re-creation. */
  readonly attempt: number;
  /** Virtual ms. */
  readonly createdAt: number;
  /** SANDBOX_READY until stopped (crictl stopp, or the pod's end). */
  ready: boolean;
}

export interface PodRuntime {
  readonly pod: Pod;
  readonly init: ContainerState2[];
  readonly app: ContainerState2[];
  /** The version's getPhase rule for pending init containers. */
  readonly pendingInitRule: PendingInitRule;
  /** Number of the current sandbox (1 for the first); each instance records the one it ran in. */
  sandbox: number;
  /** Every sandbox made for the pod, oldest first; the last is the current one. */
  readonly sandboxes: Sandbox[];
  sandboxReady: boolean;
  /** Every volume is set up (mounts can be made). */
  volumesReady: boolean;
  /** Some app container started in the current sandbox. */
  hasInitialized: boolean;
  /** The kubelet decided the pod is done (KillPod for a failed init under Never, or all app containers finished). */
  terminal: boolean;
  /** The eviction manager evicted the pod: status.reason Evicted with this message. */
  evictedMessage?: string;
  /** Once Failed or Succeeded, the kubelet never moves the phase again (generateAPIPodStatus). */
  finalPhase?: PodPhase;
  /** The current sandbox's IP (a re-created sandbox gets a new one from IPAM). */
  podIp: string;
  readonly hostIp: string;
  readonly startTime: number;
  /** status.qosClass, computed at the first status post. */
  qosClass?: PodStatus['qosClass'];
  /** What the last status was built from (buildPodStatus). */
  statusMemo?: PodStatusMemo;
  /** The pod status whose container states were last recorded in the trace. */
  recordedStatus?: PodStatus;
}

export function last<T>(xs: readonly T[]): T | undefined {
  return xs[xs.length - 1];
}

function terminatedOf(inst: Instance, epoch: number): ContainerState {
  const t: NonNullable<ContainerState['terminated']> = {
    exitCode: inst.exitCode ?? 0,
    reason: inst.reason ?? (inst.exitCode === 0 ? 'Completed' : 'Error'),
    startedAt: rfc3339(epoch + inst.startedAt),
    finishedAt: rfc3339(epoch + (inst.finishedAt ?? inst.startedAt)),
    containerID: inst.id,
  };
  if (inst.signal) t.signal = inst.signal;
  if (inst.message) t.message = inst.message;
  return { terminated: t };
}

/**
 * What containerStatus read the last time it built a container's status. The kubelet posts a status on
 * every change of any container of the pod, and most containers have not changed since the last post:
 * their previous ContainerStatus object is reused (status objects are never mutated once posted).
 * Instances only ever get pushed, an exited instance is never changed again, and `waiting` is
 * replaced, never mutated; so the newest instance's mutable fields are all that need comparing.
 */
export interface StatusMemo {
  readonly status: ContainerStatus;
  readonly count: number;
  readonly cur: Instance | undefined;
  readonly state: Instance['state'] | undefined;
  readonly ready: boolean;
  readonly started: boolean;
  readonly finishedAt: number | undefined;
  readonly exitCode: number | undefined;
  readonly signal: number | undefined;
  readonly reason: string | undefined;
  readonly message: string | undefined;
  readonly waiting: ContainerState2['waiting'];
  readonly image: string | undefined;
  readonly hasInit: boolean;
  readonly epoch: number;
}

function memoValid(m: StatusMemo, c: ContainerState2, hasInit: boolean, epoch: number): boolean {
  const cur = last(c.instances);
  return m.count === c.instances.length && m.cur === cur && m.waiting === c.waiting && m.image === c.spec.image && m.hasInit === hasInit && m.epoch === epoch &&
    (cur === undefined || (m.state === cur.state && m.ready === cur.ready && m.started === cur.started && m.finishedAt === cur.finishedAt &&
      m.exitCode === cur.exitCode && m.signal === cur.signal && m.reason === cur.reason && m.message === cur.message));
}

// Models convertToAPIContainerStatuses: the newest instance is the state, the one before is lastState;
// containers with no instance get the default Waiting reason (PodInitializing when the pod has init containers).
function containerStatus(c: ContainerState2, hasInit: boolean, epoch: number): ContainerStatus {
  if (c.statusMemo && memoValid(c.statusMemo, c, hasInit, epoch)) return c.statusMemo.status;
  const cur = last(c.instances);
  const prev = c.instances.length > 1 ? c.instances[c.instances.length - 2] : undefined;
  let state: ContainerState;
  let lastState: ContainerState = {};
  if (!cur) {
    const reason = c.waiting?.reason ?? (hasInit ? 'PodInitializing' : 'ContainerCreating');
    state = { waiting: c.waiting?.message ? { reason, message: c.waiting.message } : { reason } };
  } else if (cur.state === 'running') {
    state = { running: { startedAt: rfc3339(epoch + cur.startedAt) } };
    if (prev) lastState = terminatedOf(prev, epoch);
  } else if (c.waiting) {
    state = { waiting: c.waiting.message ? { reason: c.waiting.reason, message: c.waiting.message } : { reason: c.waiting.reason } };
    lastState = terminatedOf(cur, epoch);
  } else {
    state = terminatedOf(cur, epoch);
    if (prev) lastState = terminatedOf(prev, epoch);
  }
  const status: ContainerStatus = {
    name: c.name,
    state,
    lastState,
    ready: cur ? cur.ready : false,
    restartCount: Math.max(0, c.instances.length - 1),
    image: c.spec.image ?? '',
    imageID: cur ? c.imageId : '',
    started: cur ? cur.state === 'running' && cur.started : false,
  };
  if (cur) status.containerID = cur.id;
  c.statusMemo = {
    status, count: c.instances.length, cur, state: cur?.state, ready: cur?.ready ?? false, started: cur?.started ?? false,
    finishedAt: cur?.finishedAt, exitCode: cur?.exitCode, signal: cur?.signal, reason: cur?.reason, message: cur?.message,
    waiting: c.waiting, image: c.spec.image, hasInit, epoch,
  };
  return status;
}

/** The inputs of the last PodStatus built for a pod, and the status itself. */
export interface PodStatusMemo {
  readonly status: PodStatus;
  readonly init: readonly ContainerStatus[];
  readonly app: readonly ContainerStatus[];
  readonly spec: PodSpec;
  readonly terminal: boolean;
  readonly hasInitialized: boolean;
  readonly sandboxReady: boolean;
  readonly podIp: string;
  readonly evictedMessage: string | undefined;
  readonly finalPhase: PodPhase | undefined;
  readonly epoch: number;
  /** What status.conditions were built from. */
  readonly conditionValues: readonly ConditionValue[];
}

function sameConditionValues(a: readonly ConditionValue[], b: readonly ConditionValue[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (x.type !== y.type || x.status !== y.status || x.reason !== y.reason || x.message !== y.message) return false;
  }
  return true;
}

/** Each container's status now is the very object `before` holds for it (no list built to compare). */
function sameStatuses(before: readonly ContainerStatus[], containers: readonly ContainerState2[], hasInit: boolean, epoch: number): boolean {
  if (before.length !== containers.length) return false;
  for (let i = 0; i < before.length; i++) if (containerStatus(containers[i], hasInit, epoch) !== before[i]) return false;
  return true;
}

/**
 * The API status the kubelet would post now. `prev` keeps condition transition times. When nothing
 * the status is made of changed since the last call, and `prev` is that call's status, it is returned
 * as is (the same content, built again, would be equal field for field).
 */
export function buildPodStatus(rt: PodRuntime, now: number, epoch: number, prev: PodStatus | undefined): PodStatus {
  const spec = rt.pod.spec!;
  const hasInit = (spec.initContainers ?? []).length > 0;
  const memo = rt.statusMemo;
  if (memo && prev === memo.status && memo.spec === spec && memo.terminal === rt.terminal && memo.hasInitialized === rt.hasInitialized &&
    memo.sandboxReady === rt.sandboxReady && memo.podIp === rt.podIp && memo.evictedMessage === rt.evictedMessage && memo.finalPhase === rt.finalPhase && memo.epoch === epoch &&
    sameStatuses(memo.init, rt.init, hasInit, epoch) && sameStatuses(memo.app, rt.app, hasInit, epoch)) {
    return memo.status;
  }
  const initContainerStatuses = rt.init.map((c) => containerStatus(c, hasInit, epoch));
  const appInSpecOrder = rt.app.map((c) => containerStatus(c, hasInit, epoch));
  // Models KTYPES SortedContainerStatuses: app container statuses are sorted by name, not spec order.
  const containerStatuses = appInSpecOrder.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let phase = getPhase({ spec, initContainerStatuses, containerStatuses, podIsTerminal: rt.terminal, podHasInitialized: rt.hasInitialized,
    pendingInitRule: rt.pendingInitRule });
  // Models generateAPIPodStatus: "Pod attempted illegal phase transition" out of a terminal phase.
  if (rt.finalPhase) phase = rt.finalPhase;
  else if (phase === 'Failed' || phase === 'Succeeded') rt.finalPhase = phase;
  const values = podConditions({ spec, phase, initContainerStatuses, containerStatuses, sandboxReady: rt.sandboxReady, podHasInitialized: rt.hasInitialized });
  // The same condition values over the conditions built from them last time give those conditions back.
  const conditions = memo && prev?.conditions === memo.status.conditions && sameConditionValues(memo.conditionValues, values)
    ? memo.status.conditions!
    : withTransitionTimes(values, prev?.conditions, rfc3339(epoch + now));
  // The QoS class only depends on resources, which a pod update cannot change.
  rt.qosClass ??= podQOSClass({ spec } as Pod) as PodStatus['qosClass'];
  const status: PodStatus = {
    phase,
    conditions,
    // Models evictPod's status function: phase Failed, reason Evicted, the eviction message.
    ...(rt.evictedMessage !== undefined ? { reason: 'Evicted', message: rt.evictedMessage } : {}),
    hostIP: rt.hostIp,
    // Posted statuses are never edited: the address lists of the last one serve again while the IPs are the same.
    hostIPs: memo?.status.hostIP === rt.hostIp ? memo.status.hostIPs : [{ ip: rt.hostIp }],
    podIP: rt.podIp,
    podIPs: memo?.status.podIP === rt.podIp ? memo.status.podIPs : [{ ip: rt.podIp }],
    startTime: rfc3339(epoch + rt.startTime),
    containerStatuses,
    qosClass: rt.qosClass,
  };
  if (initContainerStatuses.length) status.initContainerStatuses = initContainerStatuses;
  rt.statusMemo = {
    status, init: initContainerStatuses, app: appInSpecOrder, spec, terminal: rt.terminal, hasInitialized: rt.hasInitialized,
    sandboxReady: rt.sandboxReady, podIp: rt.podIp, evictedMessage: rt.evictedMessage, finalPhase: rt.finalPhase, epoch, conditionValues: values,
  };
  return status;
}

export function containerKind(c: Container, isInit: boolean): ContainerKind {
  if (!isInit) return 'app';
  return isSidecar(c) ? 'sidecar' : 'init';
}
