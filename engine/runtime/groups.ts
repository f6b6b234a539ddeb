/**
 * The supplementary groups of a container's processes. The kubelet passes the pod's fsGroup and
 * supplementalGroups in the CRI request (pkg/kubelet/kuberuntime/security_context.go
 * determineEffectiveSecurityContext); containerd adds the primary gid and, under the default
 * supplementalGroupsPolicy Merge, every group the image's /etc/group lists the user in (Strict: none of
 * those). setgroups(2) sorts the list in the kernel, so `id` prints it in ascending order: the docs'
 * "Configure a Security Context" example (runAsGroup 3000, fsGroup 2000, supplementalGroups [4000]) shows
 * `uid=1000 gid=3000 groups=2000,3000,4000`.
 */
import type { DirInode, Tree } from './fs/index';

export interface GroupsInput {
  readonly uid: number;
  readonly gid: number;
  readonly fsGroup?: number;
  readonly supplementalGroups?: readonly number[];
  readonly supplementalGroupsPolicy?: string;
}

function etcFile(layer: Tree, name: string): string {
  const etc = layer.root.entries.get('etc');
  const file = etc?.kind === 'dir' ? (etc as DirInode).entries.get(name) : undefined;
  return file?.kind === 'file' ? file.data : '';
}

/** The fields of the image's /etc/passwd line for a uid (name:x:uid:gid:gecos:home:shell). */
export function passwdFields(layer: Tree, uid: number): string[] | undefined {
  return etcFile(layer, 'passwd').split('\n').map((l) => l.split(':')).find((f) => f.length > 2 && Number(f[2]) === uid);
}

/** Groups whose member list in the image's /etc/group names the user (by its /etc/passwd name). */
function imageGroups(layer: Tree, uid: number): number[] {
  const user = passwdFields(layer, uid)?.[0];
  if (!user) return [];
  return etcFile(layer, 'group').split('\n').map((l) => l.split(':'))
    .filter((f) => f.length > 3 && f[3].split(',').includes(user)).map((f) => Number(f[2]));
}

/** Image layers never change: what their /etc/group says of a uid, kept per layer by the runtime. */
export type ImageGroupsCache = Map<Tree, Map<number, readonly number[]>>;

function cachedImageGroups(layer: Tree, uid: number, cache: ImageGroupsCache | undefined): readonly number[] {
  return cache ? perLayerAndUid(cache, layer, uid, imageGroups) : imageGroups(layer, uid);
}

/** What `compute` says of a layer and uid, kept in `cache` (image layers never change). */
export function perLayerAndUid<T>(cache: Map<Tree, Map<number, T>>, layer: Tree, uid: number, compute: (layer: Tree, uid: number) => T): T {
  let byUid = cache.get(layer);
  if (!byUid) cache.set(layer, (byUid = new Map()));
  let value = byUid.get(uid);
  if (value === undefined) byUid.set(uid, (value = compute(layer, uid)));
  return value;
}

export function processGroups(layer: Tree, input: GroupsInput, cache?: ImageGroupsCache): number[] {
  const all = [input.gid, ...(input.fsGroup !== undefined ? [input.fsGroup] : []), ...(input.supplementalGroups ?? []),
    ...(input.supplementalGroupsPolicy === 'Strict' ? [] : cachedImageGroups(layer, input.uid, cache))];
  // Most containers run as root with no fsGroup: the primary group alone needs no dedup or sort.
  if (all.length === 1) return all;
  return [...new Set(all)].sort((a, b) => a - b);
}
