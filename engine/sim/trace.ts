/**
 * The trace: everything a run did, as time-ordered records over virtual time [0, until]
 * (DESIGN.md "The trace"). Every view at playhead t is a fold of these records up to t;
 * nothing re-simulates to scrub. Only plain JSON: it crosses the worker boundary as is.
 */
import type { Diagnostic } from './diagnostics';
import type { FileOp, RuntimeNote } from '../runtime/seam';

export const TRACE_VERSION = 1;

export type ContainerKind = 'init' | 'sidecar' | 'app';
export type ContainerStateName = 'waiting' | 'running' | 'terminated';

/** A container as declared: the lanes of the timeline, in DESIGN.md's order. */
export interface TraceContainer {
  readonly name: string;
  readonly kind: ContainerKind;
  readonly image: string;
  /** 1-based line of the container's `name:` in the manifests, when it came from the editor text. */
  readonly line?: number;
}

/** A pod that existed during the run (pods are told apart by uid; names can repeat). */
export interface TracePod {
  readonly uid: string;
  readonly name: string;
  readonly namespace: string;
  /** The owning workload, e.g. `deployment/web`, when a controller made the pod. */
  readonly owner?: string;
  readonly containers: readonly TraceContainer[];
  readonly volumes: readonly { readonly name: string; readonly type: string }[];
  /** Virtual ms when the pod object was created. */
  readonly createdAt: number;
  /** 1-based line of the pod's (or its template's) document in the manifests. */
  readonly line?: number;
  /** Effective requests (cores, bytes) as scheduling sees them, when the pod requests anything. */
  readonly requests?: { readonly cpu: number; readonly memory: number };
}

/** Why a container waits or loops, in data form (the Explain view turns it into words). */
export type Why =
  | { readonly type: 'waiting-for-previous-init'; readonly previous: string }
  | { readonly type: 'waiting-for-init'; readonly pending: readonly string[] }
  | { readonly type: 'waiting-for-sidecar'; readonly sidecar: string }
  | { readonly type: 'pulling'; readonly image: string }
  | { readonly type: 'image-pull-failed'; readonly image: string; readonly message: string }
  | { readonly type: 'starting' }
  | { readonly type: 'back-off'; readonly until: number; readonly backoffMs: number; readonly exitCode: number }
  | { readonly type: 'exited'; readonly exitCode: number; readonly line?: number }
  | { readonly type: 'pod-failed'; readonly failedInit?: string }
  | { readonly type: 'terminating'; readonly graceUntil: number }
  | { readonly type: 'probe-failing'; readonly probe: 'startup' | 'readiness' | 'liveness'; readonly message: string }
  | { readonly type: 'config-error'; readonly message: string }
  | { readonly type: 'runtime'; readonly note: RuntimeNote };

export type TraceRecord =
  /** A change of a pod's `kubectl get pods` row. `restarts` is the number without "(… ago)". */
  | { readonly t: number; readonly type: 'pod-row'; readonly uid: string; readonly pod: string; readonly namespace: string;
      readonly ready: string; readonly status: string; readonly restarts: number; readonly phase: string;
      /** Virtual ms of the last restart, for RESTARTS' "(Ns ago)". */
      readonly lastRestartAt?: number; readonly deleted?: boolean }
  /** A container's state change (one per transition). */
  | { readonly t: number; readonly type: 'container'; readonly uid: string; readonly pod: string; readonly container: string;
      readonly kind: ContainerKind; readonly state: ContainerStateName; readonly reason: string;
      readonly exitCode?: number; readonly restartCount: number; readonly ready: boolean }
  /** A Kubernetes event as `kubectl get events` would list it. */
  | { readonly t: number; readonly type: 'event'; readonly object: string; readonly namespace: string;
      readonly eventType: 'Normal' | 'Warning'; readonly reason: string; readonly message: string;
      readonly fieldPath?: string; readonly source: string }
  /** A line (or partial line) a container printed. `instance` counts restarts (0 = first run). */
  | { readonly t: number; readonly type: 'log'; readonly uid: string; readonly pod: string; readonly container: string;
      readonly instance: number; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  | ({ readonly t: number; readonly type: 'file'; readonly uid: string; readonly pod: string; readonly container: string } & FileOp)
  | { readonly t: number; readonly type: 'dns'; readonly uid: string; readonly pod: string; readonly container: string;
      readonly name: string; readonly qtype: string; readonly rcode: string; readonly answers: readonly string[] }
  | { readonly t: number; readonly type: 'connect'; readonly uid: string; readonly pod: string; readonly container: string;
      readonly target: string; readonly port: number; readonly ok: boolean; readonly error?: string }
  /** An API object created, changed or deleted. */
  | { readonly t: number; readonly type: 'object'; readonly op: 'created' | 'updated' | 'deleted'; readonly kind: string;
      readonly name: string; readonly namespace?: string }
  /** The output of a scenario action or a `--at` command. */
  | { readonly t: number; readonly type: 'command'; readonly run: string; readonly stdout: string; readonly stderr: string;
      readonly exit?: number;
      /**
       * Both streams as a terminal shows them, when that is not stdout then stderr: kubectl writes its
       * warnings and notes (`Found 3 pods, using pod/…`, `Defaulted container …`) before its output.
       */
      readonly console?: string }
  /** An object the API server refused, with kubectl's message. */
  | { readonly t: number; readonly type: 'rejected'; readonly object: string; readonly stderr: string; readonly line?: number }
  /** Why a container is waiting or looping, from t until the next `why` for it. */
  | { readonly t: number; readonly type: 'why'; readonly uid: string; readonly pod: string; readonly container: string;
      readonly why: Why | null };

export type TraceRecordType = TraceRecord['type'];

export interface Trace {
  readonly version: typeof TRACE_VERSION;
  readonly seed: number;
  /** The end of the run, virtual ms. */
  readonly until: number;
  /** True when the run stopped at a budget rather than at `until`; `notice` says which. */
  readonly truncated: boolean;
  readonly notice?: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly pods: readonly TracePod[];
  readonly records: readonly TraceRecord[];
}
