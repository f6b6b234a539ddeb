/**
 * The kinds the playground's API server serves, with the names kubectl prints for them.
 */

export interface KindInfo {
  readonly kind: string;
  /** API group, '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly namespaced: boolean;
}

const KINDS: readonly KindInfo[] = [
  { kind: 'Pod', group: '', version: 'v1', namespaced: true },
  { kind: 'Service', group: '', version: 'v1', namespaced: true },
  { kind: 'ConfigMap', group: '', version: 'v1', namespaced: true },
  { kind: 'Secret', group: '', version: 'v1', namespaced: true },
  { kind: 'Namespace', group: '', version: 'v1', namespaced: false },
  { kind: 'Deployment', group: 'apps', version: 'v1', namespaced: true },
  { kind: 'ReplicaSet', group: 'apps', version: 'v1', namespaced: true },
  { kind: 'Job', group: 'batch', version: 'v1', namespaced: true },
];

/** The kind served at `apiVersion`, or undefined when kubectl would find no match. */
export function lookupKind(apiVersion: string, kind: string): KindInfo | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return KINDS.find((k) => k.kind === kind && k.group === group && k.version === version);
}

/** `apiVersion` as written in manifests: `v1`, `apps/v1`. */
export function apiVersionOf(info: KindInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** The kind with its group, as the API server names it in messages: `Pod`, `Deployment.apps`. */
export function qualifiedKind(info: KindInfo): string {
  return info.group ? `${info.kind}.${info.group}` : info.kind;
}

/**
 * kubectl's reference to an object in success lines: `pod/x`, `deployment.apps/x`, `job.batch/x`.
 *
 * @param kind a kind name (`Pod`, `Deployment`); unknown kinds print lower-cased without a group
 */
export function resourceRef(kind: string, name: string): string {
  const info = KINDS.find((k) => k.kind === kind);
  const lower = kind.toLowerCase();
  return `${info && info.group ? `${lower}.${info.group}` : lower}/${name}`;
}
