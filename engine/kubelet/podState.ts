/**
 * The kubelet's runtime-side view of one pod: container instances as the container runtime knows
 * them, plus the reason cache. `buildPodStatus` turns it into the API status (KPODS
 * convertToAPIContainerStatuses + getPhase + conditions).
 */
import type { Container, ContainerState, ContainerStatus, Pod, PodStatus } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../sim/time';
import { podQOSClass } from '../kubectl/qos';
import type { ContainerKind } from '../sim/trace';
import { podConditions, withTransitionTimes } from './conditions';
import { getPhase, isSidecar, type PodPhase } from './phase';

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
  exec?: (argv: readonly string[], host?: import('../runtime/seam').ContainerHost) => import('../runtime/seam').ContainerProcess;
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
  readonly spec: Container;
  readonly index: number;
  readonly imageId: string;
  /** Every instance, oldest first. */
  readonly instances: Instance[];
  /** The reason cache: why the next instance is not running yet (CrashLoopBackOff, ErrImagePull …). */
  waiting?: { reason: string; message?: string };
  /** A start is under way (pull or create); the status keeps showing the previous state meanwhile. */
  starting: boolean;
}

export interface PodRuntime {
  readonly pod: Pod;
  readonly init: ContainerState2[];
  readonly app: ContainerState2[];
  sandbox: number;
  sandboxReady: boolean;
  /** Every volume is set up (mounts can be made). */
  volumesReady: boolean;
  /** Some app container started in the current sandbox. */
  hasInitialized: boolean;
  /** The kubelet decided the pod is done (KillPod for a failed init under Never, or all app containers finished). */
  terminal: boolean;
  /** Once Failed or Succeeded, the kubelet never moves the phase again (generateAPIPodStatus). */
  finalPhase?: PodPhase;
  podIp: string;
  hostIp: string;
  startTime: number;
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

// Models convertToAPIContainerStatuses: the newest instance is the state, the one before is lastState;
// containers with no instance get the default Waiting reason (PodInitializing when the pod has init containers).
function containerStatus(rt: PodRuntime, c: ContainerState2, epoch: number): ContainerStatus {
  const cur = last(c.instances);
  const prev = c.instances.length > 1 ? c.instances[c.instances.length - 2] : undefined;
  const hasInit = (rt.pod.spec?.initContainers ?? []).length > 0;
  const at = (ms: number) => rfc3339(epoch + ms);
  let state: ContainerState;
  let lastState: ContainerState = {};
  if (!cur) {
    const reason = c.waiting?.reason ?? (hasInit ? 'PodInitializing' : 'ContainerCreating');
    state = { waiting: c.waiting?.message ? { reason, message: c.waiting.message } : { reason } };
  } else if (cur.state === 'running') {
    state = { running: { startedAt: at(cur.startedAt) } };
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
  return status;
}

/** The API status the kubelet would post now. `prev` keeps condition transition times. */
export function buildPodStatus(rt: PodRuntime, now: number, epoch: number, prev: PodStatus | undefined): PodStatus {
  const initContainerStatuses = rt.init.map((c) => containerStatus(rt, c, epoch));
  // Models KTYPES SortedContainerStatuses: app container statuses are sorted by name, not spec order.
  const containerStatuses = rt.app.map((c) => containerStatus(rt, c, epoch)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const spec = rt.pod.spec!;
  let phase = getPhase({ spec, initContainerStatuses, containerStatuses, podIsTerminal: rt.terminal, podHasInitialized: rt.hasInitialized });
  // Models generateAPIPodStatus: "Pod attempted illegal phase transition" out of a terminal phase.
  if (rt.finalPhase) phase = rt.finalPhase;
  else if (phase === 'Failed' || phase === 'Succeeded') rt.finalPhase = phase;
  const conditions = withTransitionTimes(
    podConditions({ spec, phase, initContainerStatuses, containerStatuses, sandboxReady: rt.sandboxReady, podHasInitialized: rt.hasInitialized }),
    prev?.conditions,
    rfc3339(epoch + now),
  );
  const status: PodStatus = {
    phase,
    conditions,
    hostIP: rt.hostIp,
    hostIPs: [{ ip: rt.hostIp }],
    podIP: rt.podIp,
    podIPs: [{ ip: rt.podIp }],
    startTime: rfc3339(epoch + rt.startTime),
    containerStatuses,
    qosClass: podQOSClass({ spec } as Pod) as PodStatus['qosClass'],
  };
  if (initContainerStatuses.length) status.initContainerStatuses = initContainerStatuses;
  return status;
}

export function containerKind(c: Container, isInit: boolean): ContainerKind {
  if (!isInit) return 'app';
  return isSidecar(c) ? 'sidecar' : 'init';
}
