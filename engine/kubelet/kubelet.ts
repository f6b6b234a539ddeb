/**
 * The node agent: one PodWorker per pod bound to the node, and the services they share (back-off,
 * image pulls, container start/stop, status posting, events).
 */
import type { ContainerStatus, Pod, PodStatus } from 'kubernetes-types/core/v1';
import type { ContainerHost, ExitStatus, Signal } from '../runtime/seam';
import { PRIORITY } from '../sim/scheduler';
import type { Writable } from '../cluster/store';
import type { ContainerStateName, Why } from '../sim/trace';
import type { World } from '../sim/world';
import { Backoff, CONTAINER_BACKOFF } from './backoff';
import { ImagePuller } from './images';
import type { KubeletSettings, NodeContext } from './nodeContext';
import { buildPodStatus, last, type ContainerState2, type Instance, type PodRuntime } from './podState';
import { makeContainerStates, PodWorker } from './podWorker';
import { createContainerHost } from './containerHost';
import type { ServiceLinksMemo } from './containerStart';
import { VolumeManager } from './volumes';
import { startProbes } from './prober';
import { describeHandler, runHandler, type Handler } from './handlers';
import { jsonEqual } from '../sim/jsonEqual';
import { pendingInitRuleFor } from './phase';
import { nextStatsRefresh, overLimit, watchEmptyDirLimits } from './eviction';

export const NODE_NAME = 'node1';
export const NODE_IP = '172.18.0.2';

export class Kubelet implements NodeContext {
  readonly backoff = new Backoff(CONTAINER_BACKOFF);
  readonly images: ImagePuller;
  readonly settings: KubeletSettings;
  readonly workers = new Map<string, PodWorker>();
  readonly volumes: VolumeManager;
  private readonly exitWaiters = new Map<Instance, (() => void)[]>();
  /** Exit callbacks of parked instances (no process left; SIGKILL ends them). */
  private readonly parkedExit = new Map<Instance, (status: ExitStatus) => void>();
  private readonly imageIds = new Map<string, string>();
  /** Service-link variables per namespace (containerStart.ts). */
  readonly serviceLinks = new Map<string, ServiceLinksMemo>();

  constructor(readonly world: World) {
    this.settings = { containerStartMs: world.settings.containerStartMs, imagePullMs: world.settings.imagePullMs };
    this.images = new ImagePuller(this);
    this.volumes = new VolumeManager(world);
  }

  get scheduler() {
    return this.world.scheduler;
  }

  /** A pod was bound to this node: make its worker and sync. */
  addPod(pod: Pod): void {
    const uid = pod.metadata!.uid!;
    const rt: PodRuntime = {
      pod,
      init: makeContainerStates(pod.spec?.initContainers, true, (c) => this.imageId(c.image ?? '')),
      app: makeContainerStates(pod.spec?.containers, false, (c) => this.imageId(c.image ?? '')),
      pendingInitRule: pendingInitRuleFor(this.world.profile.minor),
      sandbox: 1,
      sandboxes: [],
      sandboxReady: false,
      volumesReady: false,
      hasInitialized: false,
      terminal: false,
      podIp: this.world.allocatePodIp(),
      hostIp: NODE_IP,
      startTime: this.scheduler.now(),
      // Fields set later are present from the start: every pod runtime keeps one shape (monomorphic reads in the status path).
      evictedMessage: undefined, finalPhase: undefined, qosClass: undefined, statusMemo: undefined, recordedStatus: undefined,
    };
    const worker = new PodWorker(this, rt);
    this.workers.set(uid, worker);
    this.postStatus(worker);
    worker.requestSync();
  }

  /** The image ID the runtime reports for a reference (a pure function of it; replicas ask for the same few). */
  private imageId(image: string): string {
    let id = this.imageIds.get(image);
    if (id === undefined) this.imageIds.set(image, (id = this.world.images.imageId(image)));
    return id;
  }

  deletePod(uid: string, graceSeconds?: number): void {
    this.workers.get(uid)?.beginDeletion(graceSeconds);
  }

  /**
   * Models the runtime's RunPodSandbox for the pod's next attempt. A re-created sandbox is a new network
   * namespace: IPAM hands it a new IP, and nothing has run in it yet.
   */
  runPodSandbox(worker: PodWorker): void {
    const rt = worker.rt;
    const attempt = rt.sandboxes.length;
    if (attempt > 0) {
      rt.sandbox++;
      rt.podIp = this.world.allocatePodIp();
      rt.hasInitialized = false;
    }
    const uid = rt.pod.metadata!.uid!;
    rt.sandboxes.push({ id: this.world.prng.fork(`${uid}/sandbox/${attempt}`).hex(64), attempt, createdAt: this.scheduler.now(), ready: true });
  }

  prepareVolumes(worker: PodWorker): string | null {
    const failure = this.volumes.prepare(worker.rt.pod);
    if (failure === null) watchEmptyDirLimits(this.scheduler, worker, this.volumes.limitedEmptyDirs(worker.rt.pod.metadata!.uid!));
    return failure;
  }

  /**
   * A container changed a file in one of the pod's volumes. When that leaves a limited emptyDir over its
   * sizeLimit, the eviction manager will act at the next stats refresh: a default-length run lasts until then.
   */
  volumeChanged(worker: PodWorker, volume: string): void {
    const v = this.volumes.limitedEmptyDir(worker.rt.pod.metadata!.uid!, volume);
    if (v && overLimit([v])) this.world.dueChangeAt = Math.max(this.world.dueChangeAt, nextStatsRefresh(this.scheduler.now()));
  }

  startContainer(worker: PodWorker, c: ContainerState2, onExit: (status: ExitStatus) => void): void {
    const now = this.scheduler.now();
    const uid = worker.rt.pod.metadata!.uid!;
    const restartIndex = c.instances.length;
    const inst: Instance = {
      restartIndex,
      id: `containerd://${this.world.prng.fork(`${uid}/${c.name}/${restartIndex}`).hex(64)}`,
      sandbox: worker.rt.sandbox,
      state: 'running',
      startedAt: now,
      // Models the prober manager: started waits for a startupProbe; ready for the readiness probe (and startup).
      started: !c.spec.startupProbe,
      ready: c.kind !== 'init' && !c.spec.readinessProbe && !c.spec.startupProbe,
      // Set when it ends (or runs a process): present from the start, so every instance keeps one shape.
      finishedAt: undefined, exitCode: undefined, signal: undefined, reason: undefined, message: undefined, procId: undefined, exec: undefined, parked: undefined,
    };
    c.instances.push(inst);
    const msg = this.world.profile.eventMessages;
    this.event(worker, c, 'Normal', 'Created', msg.created(c.name));
    // Models kuberuntime startContainer: the runtime's start error is a `Failed` event instead of `Started`.
    // The process runs in the process phase of this instant; look at how it went right after.
    this.scheduler.at(now, PRIORITY.probe, () => {
      if (inst.reason === 'StartError') this.event(worker, c, 'Warning', 'Failed', `Error: ${inst.message ?? 'failed to start container'}`);
      else this.event(worker, c, 'Normal', 'Started', msg.started(c.name));
    });
    this.explain(worker, c, null);
    const host: ContainerHost = createContainerHost(this.world, worker, c, inst);
    const running = this.world.runtime.start(this.world.containerStart(worker.rt, c, restartIndex), host);
    inst.exec = (argv, execHost, stdin) => running.exec(argv, execHost ?? host, stdin);
    const exited = (status: ExitStatus) => {
      // Nothing runs inside a stopped container: let its filesystem and kernel go (large runs keep thousands).
      inst.exec = undefined;
      onExit(status);
      const waiters = this.exitWaiters.get(inst);
      this.exitWaiters.delete(inst);
      for (const fn of waiters ?? []) fn();
    };
    inst.procId = this.world.processes.spawn(running.main, (status) => {
      if (status.reason === 'BudgetExceeded') {
        // A real container would go on spinning: keep it Running and say in the run's notice that we stopped interpreting it.
        inst.parked = true;
        this.parkedExit.set(inst, exited);
        const m = worker.rt.pod.metadata!;
        const why = status.message?.replace(/^playground: /, '') ?? 'a budget';
        this.world.addNotice(`Container ${c.name} of pod ${m.name} reached the playground's limit (${why}) at T+${Math.floor(this.scheduler.now() / 1000)}s, so the playground stopped interpreting it; it stays Running, as a real container would keep running.`);
        return;
      }
      exited(status);
    });
    startProbes(this.world, worker, c, inst, {
      changed: () => { this.postStatus(worker); worker.requestSync(); },
      kill: (message) => worker.stopContainer(c, message),
    });
  }

  // Models kuberuntime startContainer step 4: run the postStart hook and wait for it; on failure kill the container.
  runPostStart(worker: PodWorker, c: ContainerState2, done: () => void): void {
    const hook = c.spec.lifecycle?.postStart;
    const inst = last(c.instances);
    if (!hook || !inst) { done(); return; }
    runHandler(this.world, worker, c, inst, hook as Handler, (worker.rt.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000, (r) => {
      if (!r.ok && inst.state === 'running') {
        const m = worker.rt.pod.metadata!;
        this.event(worker, c, 'Warning', 'FailedPostStartHook',
          `${hook.exec ? 'Exec' : 'HTTP'} lifecycle hook (${describeHandler(hook as Handler)}) for Container "${c.name}" in Pod "${m.name}_${m.namespace}(${m.uid})" failed - error: ${r.message}, message: "${r.message}"`);
        inst.reason = 'PostStartHookError';
        worker.stopContainer(c, `FailedPostStartHook`);
      }
      done();
    });
  }

  // Models killContainer: the preStop hook first (bounded by the grace period), then SIGTERM; SIGKILL at the end of the grace period.
  stop(worker: PodWorker, c: ContainerState2, graceMs: number): void {
    const inst = last(c.instances);
    if (!inst || inst.state !== 'running') return;
    const killAt = this.scheduler.now() + graceMs;
    this.scheduler.at(killAt, PRIORITY.kubelet, () => { if (inst.state === 'running' && last(c.instances) === inst) this.kill(worker, c); });
    const preStop = c.spec.lifecycle?.preStop;
    if (!preStop) { this.signal(worker, c, 'TERM'); return; }
    runHandler(this.world, worker, c, inst, preStop as Handler, graceMs, (r) => {
      if (!r.ok) this.event(worker, c, 'Warning', 'FailedPreStopHook', `PreStopHook failed`);
      this.signal(worker, c, 'TERM');
    });
  }

  signal(_worker: PodWorker, c: ContainerState2, signal: Signal): void {
    const inst = last(c.instances);
    if (inst?.state === 'running' && inst.procId !== undefined) this.world.processes.signal(inst.procId, signal);
  }

  kill(worker: PodWorker, c: ContainerState2): void {
    const inst = last(c.instances);
    const parked = inst && this.parkedExit.get(inst);
    if (parked) { this.parkedExit.delete(inst!); parked({ code: 137, signal: 9 }); return; }
    this.signal(worker, c, 'KILL');
  }

  onceExited(_c: ContainerState2, inst: Instance, fn: () => void): void {
    if (inst.state !== 'running') { fn(); return; }
    const list = this.exitWaiters.get(inst) ?? [];
    list.push(fn);
    this.exitWaiters.set(inst, list);
  }

  postStatus(worker: PodWorker): void {
    if (worker.gone) return;
    const pod = worker.rt.pod;
    const now = this.scheduler.now();
    const status: PodStatus = buildPodStatus(worker.rt, now, this.world.epoch, pod.status);
    // Models the status manager's updateStatusInternal: a status equal to the cached one is not sent
    // ("Ignoring same status for pod"). buildPodStatus hands back the very same object when nothing changed.
    if (status === pod.status) return;
    (pod as Writable<Pod>).status = status;
    this.world.store.update(pod);
    this.recordContainerStates(worker);
    this.world.recordPodRow(pod, 'kubelet');
  }

  private recordContainerStates(worker: PodWorker): void {
    const pod = worker.rt.pod;
    const status = pod.status;
    // buildPodStatus hands back the very same object when nothing changed: no container changed either.
    if (!status || worker.rt.recordedStatus === status) return;
    worker.rt.recordedStatus = status;
    // initContainerStatuses are in spec order; containerStatuses sorted by name (buildPodStatus).
    const init = status.initContainerStatuses ?? [];
    const apps = status.containerStatuses ?? [];
    for (let i = 0; i < worker.rt.init.length; i++) {
      const c = worker.rt.init[i];
      this.recordContainerState(worker, c, init[i]?.name === c.name ? init[i] : init.find((x) => x.name === c.name));
    }
    for (const c of worker.rt.app) this.recordContainerState(worker, c, apps.find((x) => x.name === c.name));
  }

  private recordContainerState(worker: PodWorker, c: ContainerState2, s: ContainerStatus | undefined): void {
    if (!s) return;
    const memo = c.recorded;
    // buildPodStatus reuses a container's status object while it is unchanged: same object, same signature.
    if (memo?.status === s) return;
    const state: ContainerStateName = s.state?.running ? 'running' : s.state?.terminated ? 'terminated' : 'waiting';
    const reason = s.state?.waiting?.reason ?? s.state?.terminated?.reason ?? '';
    const exitCode = s.state?.terminated?.exitCode;
    const sig = `${state}|${reason}|${exitCode}|${s.restartCount}|${s.ready}`;
    if (memo?.sig === sig) { memo.status = s; return; }
    const pod = worker.rt.pod;
    const now = this.scheduler.now();
    const record = {
      t: now, type: 'container' as const, uid: pod.metadata!.uid!, pod: pod.metadata!.name!, container: c.name, kind: c.kind,
      state, reason, ...(exitCode !== undefined ? { exitCode } : {}), restartCount: s.restartCount, ready: s.ready,
    };
    // Same-instant status posts are one API update: the later state replaces the earlier one.
    if (memo && memo.t === now && memo.index >= 0) {
      if (memo.before === sig) { this.world.trace.drop(memo.index); c.recorded = { sig, index: -1, t: memo.t, before: memo.before, status: s }; }
      else { this.world.trace.replace(memo.index, record); c.recorded = { sig, index: memo.index, t: memo.t, before: memo.before, status: s }; }
      return;
    }
    c.recorded = { sig, index: this.world.trace.push(record), t: now, before: memo?.sig ?? '', status: s };
  }

  event(worker: PodWorker, c: ContainerState2 | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.world.recordEvent(worker.rt.pod, { type, reason, message, fieldPath: c?.fieldPath, source: 'kubelet' });
  }

  explain(worker: PodWorker, c: ContainerState2, why: Why | null): void {
    const pod = worker.rt.pod;
    if (c.lastWhy !== undefined && jsonEqual(c.lastWhy, why)) return;
    c.lastWhy = why;
    this.world.trace.push({ t: this.scheduler.now(), type: 'why', uid: pod.metadata!.uid!, pod: pod.metadata!.name!, container: c.name, why });
  }

  podGone(worker: PodWorker): void {
    this.workers.delete(worker.rt.pod.metadata!.uid!);
    this.volumes.release(worker.rt.pod.metadata!.uid!);
    this.scheduler.at(this.scheduler.now(), PRIORITY.api, () => this.world.removePod(worker.rt.pod));
  }
}

export { last };
