/** What a pod worker needs from its node (the kubelet's shared parts). Implemented by kubelet/kubelet.ts. */
import type { ExitStatus, Signal } from '../runtime/seam';
import type { Scheduler } from '../sim/scheduler';
import type { Why } from '../sim/trace';
import type { Backoff } from './backoff';
import type { ContainerState2, Instance } from './podState';
import type { PodWorker } from './podWorker';

export interface KubeletSettings {
  /** From the kubelet's decision to a running container (DESIGN.md: 1 s). */
  readonly containerStartMs: number;
  /** One pull of an Always image (DESIGN.md: 2 s). */
  readonly imagePullMs: number;
}

export interface ImageService {
  /** Make the container's image available (pull per imagePullPolicy, with events); calls `done(ok)` when settled. */
  ensure(worker: PodWorker, c: ContainerState2, done: (ok: boolean) => void): void;
}

export interface NodeContext {
  readonly scheduler: Scheduler;
  readonly settings: KubeletSettings;
  readonly backoff: Backoff;
  readonly images: ImageService;
  /** Create the pod's next sandbox (the first, or a re-creation after the last one died). */
  runPodSandbox(worker: PodWorker): void;
  /** Set up the pod's volumes; the kubelet's FailedMount message when one cannot be. */
  prepareVolumes(worker: PodWorker): string | null;
  /** Create and start a new instance of `c` (its process runs from now). */
  startContainer(worker: PodWorker, c: ContainerState2, onExit: (status: ExitStatus) => void): void;
  signal(worker: PodWorker, c: ContainerState2, signal: Signal): void;
  /** Run the container's postStart hook (if any); `done` when it has finished. */
  runPostStart(worker: PodWorker, c: ContainerState2, done: () => void): void;
  /** preStop, then SIGTERM; SIGKILL when `graceMs` has passed. */
  stop(worker: PodWorker, c: ContainerState2, graceMs: number): void;
  /** SIGKILL now: the instance ends with exit 137. */
  kill(worker: PodWorker, c: ContainerState2): void;
  /** Run `fn` once `inst` has exited. */
  onceExited(c: ContainerState2, inst: Instance, fn: () => void): void;
  /** Recompute and post the pod's API status (records pod rows and container states that changed). */
  postStatus(worker: PodWorker): void;
  event(worker: PodWorker, c: ContainerState2 | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void;
  explain(worker: PodWorker, c: ContainerState2, why: Why | null): void;
  /** Every container stopped after deletion: remove the pod object. */
  podGone(worker: PodWorker): void;
}
