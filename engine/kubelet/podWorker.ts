/**
 * One pod's lifecycle on the node: the kubelet's sync loop for it. Each sync computes what to start
 * (KRM computePodActions with KRC computeInitContainerActions), then starts containers one after
 * another (KRM SyncPod "start containers"), applying crash-loop back-off (KRM doBackOff).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { ExitStatus } from '../runtime/seam';
import { PRIORITY } from '../sim/scheduler';
import { goDuration } from './backoff';
import type { NodeContext } from './nodeContext';
import { containerKind, last, type ContainerState2, type PodRuntime } from './podState';
import { appsFinished, computeAppActions, computeInitActions, recreateSandbox, waitReasons } from './podActions';

/** How often a pod in back-off is re-synced (pod_workers completeWork requeues after backOffPeriod). */
const RESYNC_IN_BACKOFF_MS = 10_000;
/**
 * The reason cache is filled by the sync that refuses the restart; the status showing it is posted by
 * the next status update. We model that lag as one PLEG relist period, so a crash shows `Error` for a
 * second before `CrashLoopBackOff`, as `kubectl get pods -w` does.
 */
const STATUS_LAG_MS = 1_000;
/** How often a pod whose volumes cannot be mounted is retried (and FailedMount repeated). */
const VOLUME_RETRY_MS = 10_000;
/** kuberuntime_container.go minimumGracePeriodInSeconds: the shortest SIGTERM-to-SIGKILL window. */
const MIN_GRACE_MS = 2_000;
/** The PLEG relist period (pkg/kubelet/kubelet.go genericPlegRelistPeriod): how soon the kubelet sees a dead sandbox. */
const PLEG_RELIST_MS = 1_000;

export class PodWorker {
  readonly rt: PodRuntime;
  private startQueue: ContainerState2[] = [];
  private busy = false;
  /** Whether this start round started anything; a round that started nothing waits for a timer to resync. */
  private startedAny = false;
  private syncPending = false;
  private deleting = false;
  /** All app containers are done (Never/OnFailure): sidecars are being stopped; nothing restarts any more. */
  private completing = false;
  private graceUntil = 0;
  /** When the kubelet's relist notices that the current sandbox was stopped. */
  private sandboxNoticedAt = 0;
  gone = false;

  constructor(private readonly ctx: NodeContext, rt: PodRuntime) {
    this.rt = rt;
  }

  private get uidKey(): string {
    const m = this.rt.pod.metadata!;
    return `${m.name}_${m.namespace}(${m.uid})`;
  }

  /** Ask for a sync at this instant (coalesced). */
  requestSync(): void {
    if (this.syncPending || this.gone) return;
    this.syncPending = true;
    this.ctx.scheduler.at(this.ctx.scheduler.now(), PRIORITY.kubelet, () => {
      this.syncPending = false;
      this.sync();
    });
  }

  private syncAt(t: number): void {
    this.ctx.scheduler.at(t, PRIORITY.kubelet, () => this.requestSync());
  }

  private sync(): void {
    if (this.gone) return;
    if (this.deleting) { this.syncTermination(); return; }
    if (this.rt.terminal || this.completing || this.busy) return;
    const rt = this.rt;
    if (!rt.volumesReady) {
      // Models the volume manager's WaitForAttachAndMount: no container starts before every volume is mounted.
      const failure = this.ctx.prepareVolumes(this);
      if (failure) {
        this.ctx.event(this, undefined, 'Warning', 'FailedMount', failure);
        this.syncAt(this.ctx.scheduler.now() + VOLUME_RETRY_MS);
        return;
      }
      rt.volumesReady = true;
    }
    if (!rt.sandboxReady) {
      // Models computePodActions: createPodSandbox first; networking precedes every container.
      if (rt.sandboxes.length > 0 && !this.sandboxChanged()) return;
      this.ctx.runPodSandbox(this);
      rt.sandboxReady = true;
      this.ctx.postStatus(this);
    }
    // Models getPhase/computePodActions: once every app container is done for good (Never/OnFailure), the pod
    // completes; nothing is started or restarted any more, sidecars included.
    if (rt.hasInitialized && appsFinished(rt)) { this.maybeComplete(); return; }
    const toStart: ContainerState2[] = [];
    const decision = computeInitActions(rt, toStart);
    if (decision.killPod) rt.terminal = true;
    for (const [c, why] of waitReasons(rt, toStart)) this.ctx.explain(this, c, why);
    if (rt.terminal) { this.killForFailure(); return; }
    if (decision.initialized) computeAppActions(rt, toStart);
    if (toStart.length === 0) { this.maybeComplete(); return; }
    this.startQueue = toStart;
    this.busy = true;
    this.startedAny = false;
    this.startNext();
  }

  /**
   * The runtime stopped the pod's sandbox (`crictl stopp`, a node reboot): containerd's StopPodSandbox
   * SIGKILLs every container in it (stopContainer with timeout 0, so no preStop and no Killing event) and
   * tears the network down. The kubelet notices at its next relist.
   */
  sandboxStopped(): void {
    const rt = this.rt;
    const sb = last(rt.sandboxes);
    if (!sb?.ready) return;
    sb.ready = false;
    if (this.gone) return;
    for (const c of [...rt.init, ...rt.app]) if (last(c.instances)?.state === 'running') this.ctx.kill(this, c);
    // A pod being deleted or already finished gets no new sandbox: its termination goes on.
    if (this.deleting || rt.terminal) return;
    rt.sandboxReady = false;
    this.startQueue = [];
    this.sandboxNoticedAt = this.ctx.scheduler.now() + PLEG_RELIST_MS;
    this.ctx.postStatus(this);
    this.syncAt(this.sandboxNoticedAt);
  }

  /** The sandbox died: create the next one (after SandboxChanged), or end the pod (recreateSandbox). */
  private sandboxChanged(): boolean {
    const rt = this.rt;
    if (this.ctx.scheduler.now() < this.sandboxNoticedAt) return false;
    if (!recreateSandbox(rt)) {
      rt.terminal = true;
      this.ctx.postStatus(this);
      return false;
    }
    this.ctx.event(this, undefined, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
    return true;
  }

  /**
   * Models evictPod → TerminatePodAbnormallyAndWait: a Warning Evicted event, the status (phase Failed, reason
   * Evicted, the message; local-storage evictions set no DisruptionTarget condition), and every container
   * killed with the eviction's grace period override (1 s), raised to the runtime's 2 s minimum
   * (kuberuntime_container.go minimumGracePeriodInSeconds).
   */
  evict(message: string): void {
    const rt = this.rt;
    if (this.gone || this.deleting || rt.terminal) return;
    this.ctx.event(this, undefined, 'Warning', 'Evicted', message);
    rt.evictedMessage = message;
    rt.finalPhase = 'Failed';
    rt.terminal = true;
    this.startQueue = [];
    this.graceUntil = this.ctx.scheduler.now() + MIN_GRACE_MS;
    for (const c of [...rt.app, ...rt.init]) if (last(c.instances)?.state === 'running') this.stopContainer(c);
    this.ctx.postStatus(this);
  }

  /** Under Never/OnFailure, once no app container runs or will restart, stop the sidecars and finish. */
  private maybeComplete(): void {
    const rt = this.rt;
    if (!rt.hasInitialized || rt.terminal || this.completing) return;
    if (!appsFinished(rt)) return;
    // Models the sidecar termination ordering: sidecars stop after the app containers, in reverse spec order.
    const sidecars = rt.init.filter((c) => c.kind === 'sidecar' && last(c.instances)?.state === 'running').reverse();
    if (sidecars.length === 0) {
      rt.terminal = true;
      this.ctx.postStatus(this);
      return;
    }
    this.completing = true;
    this.graceUntil = this.ctx.scheduler.now() + this.gracePeriodMs();
    this.stopInOrder(sidecars, () => { rt.terminal = true; this.ctx.postStatus(this); });
  }

  private gracePeriodMs(): number {
    return (this.rt.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
  }

  private killForFailure(): void {
    const running = [...this.rt.init, ...this.rt.app].filter((c) => last(c.instances)?.state === 'running');
    this.graceUntil = this.ctx.scheduler.now() + this.gracePeriodMs();
    for (const c of running) this.stopContainer(c);
    this.ctx.postStatus(this);
  }

  private startNext(): void {
    const c = this.startQueue.shift();
    if (!c) {
      this.busy = false;
      this.ctx.postStatus(this);
      // A sandbox that died during this round is re-created by the next sync.
      if (this.startedAny || !this.rt.sandboxReady) this.requestSync();
      return;
    }
    if (this.inBackoff(c)) { this.startNext(); return; }
    c.starting = true;
    const sandbox = this.rt.sandbox;
    this.ctx.explain(this, c, { type: 'starting' });
    this.ctx.images.ensure(this, c, (ok) => {
      if (!ok) { c.starting = false; this.startNext(); return; }
      // Models startContainer: create, start, then run postStart synchronously before the next container.
      this.ctx.scheduler.after(this.ctx.settings.containerStartMs, PRIORITY.kubelet, () => {
        if (this.gone || this.deleting) { c.starting = false; this.busy = false; return; }
        // CreateContainer in a sandbox that was stopped meanwhile fails; the next sync starts over.
        if (this.rt.sandbox !== sandbox || !this.rt.sandboxReady || this.rt.terminal) { c.starting = false; this.startNext(); return; }
        c.starting = false;
        c.waiting = undefined;
        this.startedAny = true;
        this.ctx.startContainer(this, c, (status) => this.onExit(c, status));
        if (c.kind === 'app') this.rt.hasInitialized = true;
        this.ctx.postStatus(this);
        // postStart runs synchronously inside startContainer: the next container waits for it.
        this.ctx.runPostStart(this, c, () => this.startNext());
      });
    });
  }

  // Models KRM doBackOff: refuse a restart while now - finishedAt is inside the current back-off.
  private inBackoff(c: ContainerState2): boolean {
    const inst = last(c.instances);
    if (!inst || inst.state !== 'exited') return false;
    const now = this.ctx.scheduler.now();
    const key = `${this.uidKey}/${c.name}`;
    const finishedAt = inst.finishedAt ?? now;
    if (this.ctx.backoff.inBackoffSince(key, finishedAt, now)) {
      const entry = this.ctx.backoff.get(key)!;
      const until = finishedAt + entry.backoffMs;
      const podRef = this.uidKey;
      this.ctx.scheduler.at(Math.max(now, finishedAt + STATUS_LAG_MS), PRIORITY.status, () => {
        if (last(c.instances) !== inst || this.gone) return;
        c.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(entry.backoffMs)} restarting failed container=${c.name} pod=${podRef}` };
        this.ctx.event(this, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podRef}`);
        this.ctx.explain(this, c, { type: 'back-off', until, backoffMs: entry.backoffMs, exitCode: inst.exitCode ?? 0 });
        this.ctx.postStatus(this);
      });
      this.syncAt(Math.min(until, now + RESYNC_IN_BACKOFF_MS));
      return true;
    }
    this.ctx.backoff.next(key, finishedAt, now);
    return false;
  }

  private onExit(c: ContainerState2, status: ExitStatus): void {
    const inst = last(c.instances);
    if (!inst || inst.state !== 'running') return;
    inst.state = 'exited';
    inst.finishedAt = this.ctx.scheduler.now();
    inst.exitCode = status.code;
    inst.signal = undefined;
    inst.reason = status.reason ?? (status.code === 0 ? 'Completed' : 'Error');
    if (status.message) inst.message = status.message;
    inst.ready = c.kind === 'init' && status.code === 0;
    inst.started = false;
    this.ctx.explain(this, c, { type: 'exited', exitCode: status.code });
    this.ctx.postStatus(this);
    if (this.deleting) { this.syncTermination(); return; }
    this.requestSync();
  }

  /**
   * The pod's spec changed (only images can). Models computePodActions' "definition changed": a running
   * app container or sidecar whose image changed is killed and started again with the new image; a regular
   * init container that already completed is not re-run.
   */
  specChanged(spec: NonNullable<Pod['spec']>): void {
    const byName = new Map([...(spec.initContainers ?? []), ...spec.containers].map((c) => [c.name, c]));
    for (const c of [...this.rt.init, ...this.rt.app]) {
      const next = byName.get(c.name);
      if (!next || next.image === c.spec.image) continue;
      (c as { spec: Container }).spec = next;
      const inst = last(c.instances);
      if (inst?.state === 'running' && (c.kind !== 'init')) {
        this.stopContainer(c, `${c.kind === 'sidecar' ? 'Init container' : 'Container'} ${c.name} definition changed, will be restarted`);
      }
    }
    this.requestSync();
  }

  // ---- deletion -------------------------------------------------------------------------------

  /** `kubectl delete pod`: the API sets deletionTimestamp; the kubelet stops every container. */
  beginDeletion(graceSeconds?: number): void {
    if (this.deleting || this.gone) return;
    this.deleting = true;
    this.startQueue = [];
    const grace = (graceSeconds ?? this.rt.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    this.graceUntil = this.ctx.scheduler.now() + grace;
    const apps = this.rt.app.filter((c) => last(c.instances)?.state === 'running');
    const regularInits = this.rt.init.filter((c) => c.kind !== 'sidecar' && last(c.instances)?.state === 'running');
    for (const c of [...apps, ...regularInits]) this.stopContainer(c);
    this.ctx.scheduler.at(this.graceUntil, PRIORITY.kubelet, () => this.syncTermination());
    this.requestSync();
  }

  private syncTermination(): void {
    if (this.gone) return;
    const running = (cs: ContainerState2[]) => cs.filter((c) => last(c.instances)?.state === 'running');
    const now = this.ctx.scheduler.now();
    if (now >= this.graceUntil) {
      for (const c of [...running(this.rt.app), ...running(this.rt.init)]) this.ctx.kill(this, c);
    }
    if (running(this.rt.app).length === 0 && running(this.rt.init.filter((c) => c.kind !== 'sidecar')).length === 0) {
      const sidecars = running(this.rt.init.filter((c) => c.kind === 'sidecar')).reverse();
      if (sidecars.length > 0) { this.stopInOrder(sidecars, () => this.syncTermination()); return; }
      this.gone = true;
      this.ctx.podGone(this);
    }
  }

  /** SIGTERM each container in turn, waiting for each to stop (or the grace period) before the next. */
  private stopInOrder(cs: ContainerState2[], done: () => void): void {
    const [first, ...rest] = cs;
    if (!first) { done(); return; }
    const inst = last(first.instances);
    if (!inst || inst.state !== 'running') { this.stopInOrder(rest, done); return; }
    this.stopContainer(first);
    const check = () => {
      if (this.gone) return;
      if (last(first.instances) !== inst || inst.state !== 'running') { this.stopInOrder(rest, done); return; }
      if (this.ctx.scheduler.now() >= this.graceUntil) { this.ctx.kill(this, first); return; }
      this.ctx.scheduler.at(this.graceUntil, PRIORITY.kubelet, check);
    };
    this.ctx.onceExited(first, inst, () => this.ctx.scheduler.at(this.ctx.scheduler.now(), PRIORITY.kubelet, check));
    this.ctx.scheduler.at(this.graceUntil, PRIORITY.kubelet, check);
  }

  /**
   * Models killContainer: the Killing event (its message says why), then preStop, SIGTERM, and
   * SIGKILL when the grace period ends.
   */
  stopContainer(c: ContainerState2, message = `Stopping container ${c.name}`): void {
    const now = this.ctx.scheduler.now();
    const graceMs = this.deleting || this.graceUntil > now ? Math.max(0, this.graceUntil - now) : this.gracePeriodMs();
    this.ctx.event(this, c, 'Normal', 'Killing', message);
    this.ctx.explain(this, c, { type: 'terminating', graceUntil: now + graceMs });
    this.ctx.stop(this, c, graceMs);
  }
}

export function makeContainerStates(specs: readonly Container[] | undefined, isInit: boolean, imageId: (c: Container) => string): ContainerState2[] {
  return (specs ?? []).map((spec, index) => ({
    name: spec.name,
    kind: containerKind(spec, isInit),
    // Models the ObjectReference fieldPath of kubelet events (ref.GetPartialReference for a container).
    fieldPath: `spec.${isInit ? 'initContainers' : 'containers'}{${spec.name}}`,
    spec,
    index,
    imageId: imageId(spec),
    instances: [],
    starting: false,
    // Set later: present from the start, so every container state keeps one shape (monomorphic reads in the status path).
    waiting: undefined,
    statusMemo: undefined,
    recorded: undefined,
    lastWhy: undefined,
  }));
}
