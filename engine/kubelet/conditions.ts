/**
 * Pod conditions, in the order the kubelet writes them and `kubectl describe` lists them:
 * PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled (k8s-semantics §5.2).
 * Models pkg/kubelet/status/generate.go (GeneratePodInitializedCondition, GenerateContainersReadyCondition,
 * GeneratePodReadyCondition) and kubelet_pods.go generateAPIPodStatus.
 */
import type { ContainerStatus, PodCondition, PodSpec } from 'kubernetes-types/core/v1';
import { isSidecar, type PodPhase } from './phase';

export interface ConditionInput {
  readonly spec: PodSpec;
  readonly phase: PodPhase;
  readonly initContainerStatuses: readonly ContainerStatus[];
  readonly containerStatuses: readonly ContainerStatus[];
  readonly sandboxReady: boolean;
  /** Some app container has started in this sandbox: Initialized stays True from then on. */
  readonly podHasInitialized: boolean;
}

export interface ConditionValue {
  readonly type: string;
  readonly status: 'True' | 'False';
  readonly reason?: string;
  readonly message?: string;
}

const goSlice = (names: readonly string[]): string => `[${names.join(' ')}]`;

// Models GeneratePodInitializedCondition: every regular init container exited 0 and every sidecar started.
function initialized(input: ConditionInput): ConditionValue {
  const inits = input.spec.initContainers ?? [];
  if (inits.length === 0) return { type: 'Initialized', status: 'True' };
  if (input.phase === 'Succeeded') return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  const statuses = new Map(input.initContainerStatuses.map((s) => [s.name, s]));
  const incomplete = inits.filter((c) => {
    const s = statuses.get(c.name);
    if (!s) return true;
    if (isSidecar(c)) return !s.started;
    return !(s.state?.terminated && s.state.terminated.exitCode === 0);
  }).map((c) => c.name);
  if (incomplete.length === 0 || input.podHasInitialized) return { type: 'Initialized', status: 'True' };
  return { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: ${goSlice(incomplete)}` };
}

// Models GenerateContainersReadyCondition: sidecars first, then app containers in spec order.
function containersReady(input: ConditionInput): ConditionValue {
  if (input.phase === 'Succeeded' || input.phase === 'Failed') {
    return { type: 'ContainersReady', status: 'False', reason: input.phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed' };
  }
  const all = [...input.initContainerStatuses, ...input.containerStatuses];
  const statuses = new Map(all.map((s) => [s.name, s]));
  const unknown: string[] = [], unready: string[] = [];
  const consider = [...(input.spec.initContainers ?? []).filter(isSidecar), ...(input.spec.containers ?? [])];
  for (const c of consider) {
    const s = statuses.get(c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  if (unknown.length === 0 && unready.length === 0) return { type: 'ContainersReady', status: 'True' };
  const parts: string[] = [];
  if (unknown.length) parts.push(`containers with unknown status: ${goSlice(unknown)}`);
  if (unready.length) parts.push(`containers with unready status: ${goSlice(unready)}`);
  return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: parts.join(', ') };
}

/** The five conditions for a pod bound to a node. */
export function podConditions(input: ConditionInput): ConditionValue[] {
  const cr = containersReady(input);
  return [
    { type: 'PodReadyToStartContainers', status: input.sandboxReady ? 'True' : 'False' },
    initialized(input),
    { type: 'Ready', status: cr.status, reason: cr.reason, message: cr.message },
    cr,
    { type: 'PodScheduled', status: 'True' },
  ];
}

/** Keeps lastTransitionTime from the previous conditions when a condition's status did not change. */
export function withTransitionTimes(next: readonly ConditionValue[], prev: readonly PodCondition[] | undefined, nowIso: string): PodCondition[] {
  const before = new Map((prev ?? []).map((c) => [c.type, c]));
  return next.map((c) => {
    const old = before.get(c.type);
    const lastTransitionTime = old && old.status === c.status ? old.lastTransitionTime : nowIso;
    const out: PodCondition = { type: c.type, status: c.status, lastProbeTime: null as unknown as undefined, lastTransitionTime };
    if (c.reason) out.reason = c.reason;
    if (c.message) out.message = c.message;
    return out;
  });
}
