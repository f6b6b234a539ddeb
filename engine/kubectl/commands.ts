/**
 * The kubectl commands the playground understands, as plain data (what `parseKubectl` returns and
 * the engine executes).
 */
import type { ResourceName } from './resources';
import type { GetOutput } from './get';

/** Namespace scope shared by most commands: `-n` (default `default`), `-A`. */
export interface Scope {
  readonly namespace: string;
  /** Whether `-n`/`--namespace` was given explicitly. */
  readonly namespaceSet: boolean;
}

/** A resource and the names asked for (empty: all of them). */
export interface Target {
  readonly resource: ResourceName;
  readonly names: readonly string[];
}

/** A `--tcp` pair of `kubectl create service`. */
export interface TcpPort {
  readonly spec: string;
  readonly port: number;
  readonly targetPort: number | string;
}

/** A `[LOCAL:]REMOTE` pair of `kubectl port-forward`. */
export interface PortPair {
  readonly local: number;
  readonly remote: number | string;
}

/** Every command `parseKubectl` can return. */
export type KubectlCommand =
  | (Scope & { readonly type: 'get'; readonly targets: readonly Target[]; readonly allNamespaces: boolean; readonly selector?: string; readonly fieldSelector?: string;
    readonly output: GetOutput; readonly template?: string; readonly sortBy?: string; readonly noHeaders: boolean; readonly watch: boolean; readonly showLabels: boolean; readonly labelColumns: readonly string[] })
  | (Scope & { readonly type: 'describe'; readonly targets: readonly Target[]; readonly allNamespaces: boolean; readonly selector?: string;
      /** --show-events (default true). */
      readonly showEvents: boolean })
  | (Scope & { readonly type: 'logs'; readonly target: string; readonly container?: string; readonly previous: boolean; readonly follow: boolean; readonly tail?: number;
      /** `-l`: the pods the selector picks (target is then ''). */
      readonly selector?: string; readonly allContainers: boolean; readonly prefix: boolean })
  | (Scope & { readonly type: 'apply' | 'create'; readonly filenames: readonly string[] })
  | (Scope & { readonly type: 'create-service'; readonly serviceType: 'ClusterIP' | 'NodePort' | 'LoadBalancer'; readonly name: string;
    readonly tcp: readonly TcpPort[]; readonly clusterIP?: string; readonly nodePort?: number })
  | (Scope & { readonly type: 'create-deployment'; readonly name: string; readonly images: readonly string[]; readonly replicas: number;
    readonly port?: number; readonly command: readonly string[] })
  | { readonly type: 'create-namespace'; readonly name: string }
  | (Scope & { readonly type: 'run'; readonly name: string; readonly image: string; readonly restart: 'Always' | 'OnFailure' | 'Never';
    readonly env: readonly (readonly [string, string])[]; readonly labels: Readonly<Record<string, string>>; readonly port?: number;
    readonly command: boolean; readonly args: readonly string[]; readonly imagePullPolicy?: string })
  | (Scope & { readonly type: 'delete'; readonly targets: readonly Target[]; readonly allNamespaces: boolean; readonly selector?: string; readonly fieldSelector?: string; readonly all: boolean;
    readonly filenames: readonly string[]; readonly wait: boolean; readonly gracePeriod: number; readonly force: boolean; readonly now: boolean; readonly outputName: boolean })
  | (Scope & { readonly type: 'scale'; readonly targets: readonly Target[]; readonly replicas: number })
  | (Scope & { readonly type: 'rollout-restart'; readonly targets: readonly Target[] })
  | (Scope & { readonly type: 'events'; readonly allNamespaces: boolean; readonly for?: { readonly kind: string; readonly name: string };
      readonly types: readonly string[]; readonly noHeaders: boolean })
  | (Scope & { readonly type: 'exec'; readonly resource: 'pods' | 'services' | 'deployments' | 'replicasets'; readonly name: string; readonly container?: string;
      readonly stdin: boolean; readonly tty: boolean; readonly quiet: boolean; readonly command: readonly string[] })
  | (Scope & { readonly type: 'port-forward'; readonly resource: 'pods' | 'services' | 'deployments' | 'replicasets'; readonly name: string;
    readonly ports: readonly PortPair[]; readonly addresses: readonly string[] })
  | { readonly type: 'curl'; readonly url: string; readonly host: string; readonly port: number; readonly path: string };
