/**
 * What the kubelet decides to do for a pod at a sync, as pure functions of its runtime state
 * (KRM computePodActions, KRC computeInitContainerActions). The pod worker carries the decisions out.
 */
import type { Why } from '../sim/trace';
import { last, type ContainerState2, type PodRuntime } from './podState';

export interface InitDecision {
  /** Every init container is done (or started, for sidecars): app containers may start. */
  readonly initialized: boolean;
  /** A regular init container failed under restartPolicy Never: the pod is killed (Failed). */
  readonly killPod: boolean;
}

// Models KRC computeInitContainerActions: walk back to the last init container with a status and decide.
export function computeInitActions(rt: PodRuntime, toStart: ContainerState2[]): InitDecision {
  const { init } = rt;
  const restartExitedSidecars = (upTo: number) => {
    for (let i = 0; i < upTo; i++) {
      const c = init[i];
      if (c.kind === 'sidecar' && last(c.instances)?.state === 'exited' && !c.starting) toStart.push(c);
    }
  };
  const waiting: InitDecision = { initialized: false, killPod: false };
  if (rt.hasInitialized) {
    // Regular init containers never run again once an app container started; sidecars are kept alive.
    restartExitedSidecars(init.length);
    return { initialized: true, killPod: false };
  }
  let idx = -1;
  for (let i = init.length - 1; i >= 0; i--) if (init[i].instances.some((x) => x.sandbox === rt.sandbox)) { idx = i; break; }
  if (idx < 0) {
    if (init.length === 0) return { initialized: true, killPod: false };
    toStart.push(init[0]);
    return waiting;
  }
  const c = init[idx];
  const inst = last(c.instances)!;
  restartExitedSidecars(idx);
  if (c.kind === 'sidecar') {
    if (inst.state === 'exited') { toStart.push(c); return waiting; }
    if (!inst.started) return waiting;
  } else if (inst.state === 'running') {
    return waiting;
  } else if (inst.exitCode !== 0) {
    // Models computeInitContainerActions: KillPod when the pod will not restart a failed init container.
    if ((rt.pod.spec?.restartPolicy ?? 'Always') === 'Never') return { initialized: false, killPod: true };
    toStart.push(c);
    return waiting;
  }
  if (idx === init.length - 1) return { initialized: true, killPod: false };
  toStart.push(init[idx + 1]);
  return waiting;
}

// Models computePodActions for app containers: start the missing ones, restart exited ones per restartPolicy.
export function computeAppActions(rt: PodRuntime, toStart: ContainerState2[]): void {
  const policy = rt.pod.spec?.restartPolicy ?? 'Always';
  for (const c of rt.app) {
    if (c.starting) continue;
    const inst = last(c.instances);
    if (!inst) { toStart.push(c); continue; }
    if (inst.state !== 'exited') continue;
    if (policy === 'Always' || (policy === 'OnFailure' && inst.exitCode !== 0)) toStart.push(c);
  }
}

/**
 * Models computePodActions for a pod whose sandbox died (podSandboxChanged): no new sandbox under restartPolicy
 * Never once any container has run, nor under OnFailure once every app container has succeeded (the pod just
 * ends); otherwise SyncPod records SandboxChanged, kills what is left and creates a new sandbox, where everything
 * starts again from init container 0 (computeInitActions looks only at the current sandbox's instances).
 */
export function recreateSandbox(rt: PodRuntime): boolean {
  const policy = rt.pod.spec?.restartPolicy ?? 'Always';
  if (policy === 'Never') return ![...rt.init, ...rt.app].some((c) => c.instances.length > 0);
  if (policy === 'OnFailure') return !rt.app.every((c) => last(c.instances)?.state === 'exited' && last(c.instances)?.exitCode === 0);
  return true;
}

/** Every app container has exited and will not be restarted (restartPolicy Never, or OnFailure after exit 0). */
export function appsFinished(rt: PodRuntime): boolean {
  const policy = rt.pod.spec?.restartPolicy ?? 'Always';
  if (policy === 'Always') return false;
  return rt.app.every((c) => {
    const inst = last(c.instances);
    return !c.starting && inst?.state === 'exited' && !(policy === 'OnFailure' && inst.exitCode !== 0);
  });
}

/** Why each container that is not running or starting waits, for the Explain view. */
export function waitReasons(rt: PodRuntime, toStart: readonly ContainerState2[]): [ContainerState2, Why][] {
  const { init, app } = rt;
  const out: [ContainerState2, Why][] = [];
  const idle = (c: ContainerState2) => c.instances.length === 0 && !c.starting && !toStart.includes(c);
  const failedInit = rt.terminal ? init.find((c) => last(c.instances)?.state === 'exited' && last(c.instances)?.exitCode !== 0) : undefined;
  const pending = init.filter((c) => {
    const inst = last(c.instances);
    return c.kind === 'sidecar' ? !inst?.started : !(inst?.state === 'exited' && inst.exitCode === 0);
  }).map((c) => c.name);
  init.forEach((c, i) => {
    if (!idle(c)) return;
    if (failedInit) { out.push([c, { type: 'pod-failed', failedInit: failedInit.name }]); return; }
    const prev = init[i - 1];
    if (prev && prev.kind === 'sidecar') out.push([c, { type: 'waiting-for-sidecar', sidecar: prev.name }]);
    else if (prev) out.push([c, { type: 'waiting-for-previous-init', previous: prev.name }]);
  });
  for (const c of app) {
    if (!idle(c) || rt.hasInitialized) continue;
    out.push([c, failedInit ? { type: 'pod-failed', failedInit: failedInit.name } : { type: 'waiting-for-init', pending }]);
  }
  return out;
}
