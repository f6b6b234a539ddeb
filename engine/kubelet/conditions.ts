/**
 * Pod conditions, in the order the kubelet writes them and `kubectl describe` lists them:
 * PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled (k8s-semantics §5.2).
 * Models pkg/kubelet/status/generate.go (GeneratePodInitializedCondition, GenerateContainersReadyCondition,
 * GeneratePodReadyCondition) and kubelet_pods.go generateAPIPodStatus.
 */
import type { ContainerStatus, Pod, PodCondition, PodSpec } from 'kubernetes-types/core/v1';
import { isSidecar, named, type PodPhase } from './phase';

/** The pod's condition of `type` when its status is True. */
export function trueCondition(p: Pod, type: string): PodCondition | undefined {
  return p.status?.conditions?.find((c) => c.type === type && c.status === 'True');
}

/** Models podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(p: Pod): boolean {
  return trueCondition(p, 'Ready') !== undefined;
}

export interface ConditionInput {
  readonly spec: PodSpec;
  readonly phase: PodPhase;
  readonly initContainerStatuses: readonly ContainerStatus[];
  readonly containerStatuses: readonly ContainerStatus[];
  readonly sandboxReady: boolean;
  /**
   * Some app container has started in this sandbox. Not read here: generate.go decides "initialized
   * before" from the statuses (HasAnyRegularContainerStarted), so a crash-looping app (Waiting) does not count.
   */
  readonly podHasInitialized: boolean;
  /** Conditions not owned by the kubelet (for readiness gates); none when absent. */
  readonly podConditions?: readonly { readonly type: string; readonly status: string }[];
}

export interface ConditionValue {
  readonly type: string;
  readonly status: 'True' | 'False';
  readonly reason?: string;
  readonly message?: string;
}

const goSlice = (names: readonly string[]): string => `[${names.join(' ')}]`;

// Models GeneratePodInitializedCondition: a regular init container counts once it is ready (it exited 0),
// a sidecar once it has started; containers without a status are "unknown", listed before "incomplete".
function initialized(input: ConditionInput): ConditionValue {
  const inits = input.spec.initContainers ?? [];
  // The name lists are made only when some init container is missing or not done (as in containersReady).
  let unknown: string[] | undefined, incomplete: string[] | undefined;
  for (const c of inits) {
    const s = named(input.initContainerStatuses, c.name);
    if (!s) (unknown ??= []).push(c.name);
    else if (isSidecar(c) ? !s.started : !s.ready) (incomplete ??= []).push(c.name);
  }
  if (input.phase === 'Succeeded' && !unknown) return INITIALIZED_COMPLETED;
  if (!unknown && !incomplete) return INITIALIZED;
  if (anyAppStarted(input)) return INITIALIZED;
  const parts: string[] = [];
  if (unknown) parts.push(`containers with unknown status: ${goSlice(unknown)}`);
  if (incomplete) parts.push(`containers with incomplete status: ${goSlice(incomplete)}`);
  return { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: parts.join(', ') };
}

function anyAppStarted(input: ConditionInput): boolean {
  const apps = input.spec.containers ?? [];
  return input.containerStatuses.some((s) => (!!s.state?.running || !!s.state?.terminated) && apps.some((c) => c.name === s.name));
}

function containersReady(input: ConditionInput): ConditionValue {
  // The name lists are made only when some container is missing or unready: every status post asks, most find all ready.
  let unknown: string[] | undefined, unready: string[] | undefined;
  const check = (name: string) => {
    // App statuses come after init statuses in the combined list, so a name found among them wins.
    const s = named(input.containerStatuses, name) ?? named(input.initContainerStatuses, name);
    if (!s) (unknown ??= []).push(name);
    else if (!s.ready) (unready ??= []).push(name);
  };
  for (const c of input.spec.initContainers ?? []) if (isSidecar(c)) check(c.name);
  for (const c of input.spec.containers ?? []) check(c.name);
  if ((input.phase === 'Succeeded' && !unknown) || input.phase === 'Failed') {
    return { type: 'ContainersReady', status: 'False', reason: input.phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed' };
  }
  if (!unknown && !unready) return CONTAINERS_READY;
  const parts: string[] = [];
  if (unknown) parts.push(`containers with unknown status: ${goSlice(unknown)}`);
  if (unready) parts.push(`containers with unready status: ${goSlice(unready)}`);
  return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: parts.join(', ') };
}

// Condition values that carry no reason are the same every time: shared rather than made on every status post.
const CONTAINERS_READY: ConditionValue = { type: 'ContainersReady', status: 'True' };
const POD_READY: ConditionValue = { type: 'Ready', status: 'True' };
const INITIALIZED: ConditionValue = { type: 'Initialized', status: 'True' };
const INITIALIZED_COMPLETED: ConditionValue = { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
const SCHEDULED: ConditionValue = { type: 'PodScheduled', status: 'True' };
const SANDBOX_READY: ConditionValue = { type: 'PodReadyToStartContainers', status: 'True' };
const SANDBOX_GONE: ConditionValue = { type: 'PodReadyToStartContainers', status: 'False' };

function ready(input: ConditionInput, cr: ConditionValue): ConditionValue {
  if (cr.status !== 'True') return { type: 'Ready', status: cr.status, reason: cr.reason, message: cr.message };
  const others = input.podConditions ?? [];
  const messages: string[] = [];
  for (const gate of input.spec.readinessGates ?? []) {
    let c: (typeof others)[number] | undefined;
    for (let i = others.length - 1; i >= 0 && !c; i--) if (others[i].type === gate.conditionType) c = others[i];
    if (!c) messages.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') messages.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  if (messages.length) return { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: messages.join(', ') };
  return POD_READY;
}

/** The five conditions for a pod bound to a node. */
export function podConditions(input: ConditionInput): ConditionValue[] {
  const cr = containersReady(input);
  return [
    // Models GeneratePodReadyToStartContainersCondition: False once a terminal pod's sandbox is torn down (KillPod).
    input.sandboxReady && input.phase !== 'Succeeded' && input.phase !== 'Failed' ? SANDBOX_READY : SANDBOX_GONE,
    initialized(input),
    ready(input, cr),
    cr,
    SCHEDULED,
  ];
}

/** Keeps lastTransitionTime from the previous conditions when a condition's status did not change. */
export function withTransitionTimes(next: readonly ConditionValue[], prev: readonly PodCondition[] | undefined, nowIso: string): PodCondition[] {
  const before = prev ?? [];
  return next.map((c) => {
    let old: PodCondition | undefined;
    for (let i = before.length - 1; i >= 0 && !old; i--) if (before[i].type === c.type) old = before[i];
    const lastTransitionTime = old && old.status === c.status ? old.lastTransitionTime : nowIso;
    const out: PodCondition = { type: c.type, status: c.status, lastProbeTime: null as unknown as undefined, lastTransitionTime };
    if (c.reason) out.reason = c.reason;
    if (c.message) out.message = c.message;
    return out;
  });
}
