/**
 * The coroutine seam between the engine (scheduler, kubelet, cluster) and what runs inside a
 * container (DESIGN.md "Processes are coroutines").
 *
 * A container's main process is a generator. The scheduler resumes it with a `Wake` and it runs
 * synchronously until it must wait for virtual time or for something outside itself; then it yields
 * an `Effect`. Everything it does to the outside world in between (log output, DNS queries,
 * connections, files on shared volumes) goes through the synchronous `ContainerHost` services at
 * `host.now()`. When it returns, the container has exited with that status.
 *
 * Time is integer virtual milliseconds. A process that burns CPU (a loop without `sleep`) keeps its
 * own sub-millisecond account and yields `sleep` for the whole milliseconds it has spent, so busy
 * loops advance the clock instead of hanging; it must flush that account before any effect another
 * container could observe, so the host sees the right time.
 */

/** Signals the kubelet (or `kubectl delete`) can deliver to a container's PID 1. */
export type Signal = 'TERM' | 'KILL' | 'INT' | 'HUP';

/** Why the scheduler resumed the process. */
export type Wake =
  | { readonly type: 'start' }
  /** The `sleep` elapsed, or a `wait` timed out. */
  | { readonly type: 'timer' }
  /** A key this process waits on was notified (see `ContainerHost.notify`). */
  | { readonly type: 'notify'; readonly key: string }
  /**
   * A signal arrived while the process was blocked. The process decides what it means (a trap,
   * termination, or nothing: PID 1 without a handler ignores TERM). If it goes on waiting it yields
   * again with the time that remains. KILL is never delivered: the host simply drops the generator.
   */
  | { readonly type: 'signal'; readonly signal: Signal };

/** What a process waits for. */
export type Effect =
  /** Advance this process's clock by `ms` (>= 0; 0 lets other work at the same instant run first). */
  | { readonly type: 'sleep'; readonly ms: number }
  /** Block until one of `keys` is notified, a signal arrives, or `timeoutMs` elapses (never when absent). */
  | { readonly type: 'wait'; readonly keys: readonly string[]; readonly timeoutMs?: number };

/** How a process ended. `code` is what `kubectl describe` shows as Exit Code (128+n for signal n). */
export interface ExitStatus {
  readonly code: number;
  /** Signal number when killed by a signal (9 for KILL, 15 for TERM). */
  readonly signal?: number;
  /** Set for failures before the process ran, e.g. 'StartError' when the executable is missing. */
  readonly reason?: string;
  /** Runtime message shown in `describe` (e.g. the exec error for StartError). */
  readonly message?: string;
}

export type ContainerProcess = Generator<Effect, ExitStatus, Wake>;

/** A DNS question as a resolver sends it to the cluster DNS server (kube-dns at 10.96.0.10). */
export interface DnsQuery {
  readonly name: string;
  readonly type: 'A' | 'AAAA' | 'PTR' | 'SRV';
}

/** What the cluster DNS server answers (CoreDNS's behaviour for cluster.local, D-DNS). */
export interface DnsReply {
  readonly rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';
  /** Addresses for A/AAAA, names for PTR. Empty with NOERROR means "no answer". */
  readonly answers: readonly string[];
}

export type ConnectResult =
  | { readonly ok: true; readonly port: number; readonly ip: string; readonly handle: ListenerHandle }
  | { readonly ok: false; readonly error: 'refused' | 'timeout' | 'unreachable' | 'no-route' };

/** An HTTP-ish request delivered to a listening container (enough for nginx, http-echo, curl, wget). */
export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The client's IP as the server sees it. */
  readonly remoteIp: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly reason: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What a listening process answers; registered with `ContainerHost.listen`. */
export interface ListenerHandle {
  /** Protocol the listener speaks: 'http' answers requests; 'tcp' only accepts connections. */
  readonly protocol: 'http' | 'tcp';
  /** Called synchronously at the client's `now()`; absent for plain TCP listeners. */
  readonly http?: (req: HttpRequest) => HttpResponse;
  /** The database protocol a 'tcp' listener speaks (redis-cli, pg_isready, mysqladmin); absent: it never answers. */
  readonly app?: AppProtocol;
}

/** A reply of the Redis protocol (RESP2) as redis-cli receives it. */
export type RedisReply =
  | { readonly type: 'status' | 'error' | 'string'; readonly value: string }
  | { readonly type: 'integer'; readonly value: number }
  | { readonly type: 'nil' };

/**
 * A database server behind a listener, as its clients see it: redis answers commands, postgres answers a
 * startup packet with an authentication request, mysql greets with its version and checks a login
 * (`password` null: none given; `clientIp` is who the server sees).
 */
export type AppProtocol =
  | { readonly name: 'redis'; readonly command: (args: readonly string[]) => RedisReply }
  /** `login` checks a startup packet: null when the session starts, else the server's FATAL message. */
  | { readonly name: 'postgres'; readonly login?: (user: string, database: string, password: string | null, local: boolean) => string | null }
  | { readonly name: 'mysql'; readonly version: string; readonly login: (user: string, password: string | null) => boolean };

/** One file operation on a volume, for the trace (DESIGN.md: "volume file operations"). */
export interface FileOp {
  readonly op: 'write' | 'append' | 'delete' | 'chmod' | 'chown' | 'mkdir' | 'truncate' | 'rename';
  /** Volume name as in the pod spec. */
  readonly volume: string;
  /** Path inside the volume, starting with '/'. */
  readonly path: string;
  /** File size after the operation, in bytes. */
  readonly size: number;
  /** New mode, for chmod (e.g. 0o777). */
  readonly mode?: number;
}

/** Facts about the pod a container belongs to, as the kubelet knows them when it starts it. */
export interface PodFacts {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  readonly ip: string;
  readonly hostname: string;
  readonly nodeName: string;
  readonly nodeIp: string;
  /** Cluster DNS server IP and search domains, as written into /etc/resolv.conf. */
  readonly dnsServer: string;
  readonly searchDomains: readonly string[];
  readonly ndots: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly serviceAccountName: string;
  /** Wall-clock epoch ms of virtual time 0, so `host.now()` can be shown as a date (`date`, log lines). */
  readonly epochMs?: number;
}

/**
 * Services the engine gives a running container. All synchronous, evaluated at `now()`.
 * Implemented by the kubelet; the runtime never sees the cluster's objects directly.
 */
export interface ContainerHost {
  /** Virtual time in ms. Constant between two yields. */
  now(): number;
  /** Output of PID 1 (and anything writing to its stdout/stderr): becomes `kubectl logs`. */
  output(stream: 'stdout' | 'stderr', text: string): void;
  /** One DNS query to the cluster DNS server. The runtime does search-list expansion itself. */
  dns(query: DnsQuery): DnsReply;
  /** Open a TCP connection to ip:port (pod IP, Service ClusterIP, or 127.0.0.1 in the pod). */
  connect(ip: string, port: number): ConnectResult;
  /** Start listening on a port of the pod's network namespace. Returns false if already taken. */
  listen(port: number, handle: ListenerHandle): boolean;
  /** Stop listening (the process closed the socket or exited). */
  unlisten(port: number): void;
  /** Record a file operation on a volume (the runtime calls it for every write to a mounted volume). */
  fileOp(op: FileOp): void;
  /** Wake every process, in any container of this node, waiting on `key` (e.g. a file on a shared volume). */
  notify(key: string): void;
  /**
   * Why the container is waiting or looping, in data form, for the Explain view. The runtime reports
   * e.g. a failed lookup so the UI can say "looping on a failed lookup of myservice".
   */
  explain(note: RuntimeNote): void;
}

export type RuntimeNote =
  | { readonly type: 'lookup-failed'; readonly name: string; readonly tool: string }
  | { readonly type: 'lookup-ok'; readonly name: string; readonly tool: string }
  | { readonly type: 'connect-failed'; readonly target: string; readonly error: string }
  | { readonly type: 'command-not-found'; readonly command: string; readonly line: number }
  | { readonly type: 'budget'; readonly what: 'steps' | 'output' | 'depth' | 'processes' | 'memory' | 'data'; readonly detail: string }
  | { readonly type: 'image-fallback'; readonly image: string };

/** A volume mount as the runtime sees it. The `tree` is shared between containers (emptyDir, hostPath). */
export interface MountSpec<Tree = unknown> {
  readonly name: string;
  readonly mountPath: string;
  readonly readOnly: boolean;
  readonly subPath?: string;
  readonly tree: Tree;
}

/** Everything the runtime needs to start one container instance. */
export interface ContainerStart<Tree = unknown> {
  readonly name: string;
  readonly image: string;
  /** `command` and `args` after Kubernetes' $(VAR) expansion (the kubelet does that). */
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly workingDir?: string;
  /** Environment in the order Kubernetes builds it (service links first, then the spec's env). */
  readonly env: readonly (readonly [string, string])[];
  readonly mounts: readonly MountSpec<Tree>[];
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly fsGroup?: number;
  /** The pod's securityContext.supplementalGroups and supplementalGroupsPolicy (Merge, the default, or Strict). */
  readonly supplementalGroups?: readonly number[];
  readonly supplementalGroupsPolicy?: string;
  readonly readOnlyRootFilesystem?: boolean;
  readonly pod: PodFacts;
  /** Restart number of this container (0 for the first instance). */
  readonly restartCount: number;
  /** Budgets: virtual microseconds one simple command costs, and the most commands it may run. */
  readonly commandMicros: number;
  readonly stepBudget: number;
  /** Cap on bytes of output kept (larger output is cut with a visible note). */
  readonly outputBudget: number;
  /** The container's memory limit in bytes (resources.limits.memory), when it has one. */
  readonly memoryLimit?: number;
}
