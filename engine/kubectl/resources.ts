/**
 * The resource types the playground's kubectl knows: names, aliases, API group/version and the
 * strings kubectl derives from them (`pod/x`, `deployment.apps/x`, `pods "x" not found`).
 */

/** Plural resource names, as the API and `kubectl api-resources` spell them. */
export type ResourceName =
  | 'pods' | 'deployments' | 'replicasets' | 'jobs' | 'services' | 'endpoints'
  | 'configmaps' | 'secrets' | 'namespaces' | 'events';

/** What kubectl's RESTMapper knows about one resource. */
export interface ResourceInfo {
  readonly resource: ResourceName;
  readonly kind: string;
  /** API group, '' for the core group. */
  readonly group: string;
  readonly apiVersion: string;
  readonly namespaced: boolean;
  readonly singular: string;
  readonly shortNames: readonly string[];
}

const R = (resource: ResourceName, kind: string, group: string, version: string, namespaced: boolean, shortNames: string[]): ResourceInfo => ({
  resource, kind, group, apiVersion: group ? `${group}/${version}` : version, namespaced, singular: kind.toLowerCase(), shortNames,
});

/** Every known resource, in `kubectl get all` order where it applies. */
export const RESOURCES: readonly ResourceInfo[] = [
  R('pods', 'Pod', '', 'v1', true, ['po']),
  R('services', 'Service', '', 'v1', true, ['svc']),
  R('deployments', 'Deployment', 'apps', 'v1', true, ['deploy']),
  R('replicasets', 'ReplicaSet', 'apps', 'v1', true, ['rs']),
  R('jobs', 'Job', 'batch', 'v1', true, []),
  R('endpoints', 'Endpoints', '', 'v1', true, ['ep']),
  R('configmaps', 'ConfigMap', '', 'v1', true, ['cm']),
  R('secrets', 'Secret', '', 'v1', true, []),
  R('namespaces', 'Namespace', '', 'v1', false, ['ns']),
  R('events', 'Event', '', 'v1', true, ['ev']),
];

/** The resources `kubectl get all` lists (the "all" category), in kubectl's order. */
export const ALL_CATEGORY: readonly ResourceName[] = ['pods', 'services', 'deployments', 'replicasets', 'jobs'];

/** Looks a type argument up as kubectl's RESTMapper does: plural, singular, short name, Kind, or `resource.group`. */
// Models kubectl's ShortcutExpander + RESTMapper resource matching (case-insensitive).
export function findResource(arg: string): ResourceInfo | undefined {
  const a = arg.toLowerCase();
  for (const r of RESOURCES) {
    const full = r.group ? [`${r.resource}.${r.group}`, `${r.singular}.${r.group}`, `${r.resource}.${r.apiVersion.replace('/', '.')}`] : [];
    if (a === r.resource || a === r.singular || r.shortNames.includes(a) || full.includes(a)) return r;
  }
  return undefined;
}

/** Looks a resource up by its plural name. */
export function resourceInfo(name: ResourceName): ResourceInfo {
  const r = RESOURCES.find((x) => x.resource === name);
  if (!r) throw new Error(`unknown resource ${name}`);
  return r;
}

/** `kind.group` lower-cased, as `-o name` and multi-type tables print it: `pod`, `deployment.apps`. */
// Models cli-runtime NamePrinter / tableprinter decorateTable (GroupKind.String() lower-cased).
export function kindPrefix(r: ResourceInfo): string {
  return r.group ? `${r.singular}.${r.group}` : r.singular;
}

/** `resource.group` as API errors name it: `pods`, `deployments.apps`. */
// Models apimachinery errors.NewNotFound (GroupResource.String()).
export function groupResource(r: ResourceInfo): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

/** `Error from server (NotFound): pods "x" not found` (stderr line, no newline). */
export function notFoundError(r: ResourceInfo, name: string): string {
  return `Error from server (NotFound): ${groupResource(r)} "${name}" not found`;
}
