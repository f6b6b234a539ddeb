/**
 * The kubelet's volume manager: builds each pod's volumes before any container starts (D-INIT
 * "Detailed behavior": volumes first) and the mounts of each container.
 * emptyDir: one tree per pod, created 0777 and kept across container restarts;
 * hostPath: a path in the node's one filesystem, shared by every pod, with its `type` checks
 * (pkg/volume/hostpath checkType); configMap / secret / downwardAPI: read-only trees of files.
 */
import type { Container, Pod, Volume } from 'kubernetes-types/core/v1';
import type { LooseObject } from '../cluster/store';
import { createTree, populate, tmpfsSpace, type FileSpec, type Tree } from '../runtime/fs/index';
import type { MountSpec } from '../runtime/seam';
import type { World } from '../sim/world';
import { decodeBase64 } from './containerStart';
import { NODE_NAME } from './kubelet';
import { quantityValue } from '../scenario/quantity';
import { setVolumeOwnership } from './volumeOwnership';
import { podMemoryLimit } from './resources';

interface PodVolume {
  readonly tree: Tree;
  /** Path inside `tree` that is the volume's root (hostPath). */
  readonly base?: string;
  readonly readOnly: boolean;
  readonly type: string;
  /** An emptyDir's positive sizeLimit: bytes, and the quantity as the spec writes it. */
  readonly sizeLimit?: { readonly bytes: number; readonly text: string };
}

/** An emptyDir with a sizeLimit, which the eviction manager watches (a Memory one too: the check ignores the medium). */
export interface LimitedVolume {
  readonly name: string;
  readonly tree: Tree;
  readonly limitBytes: number;
  readonly limitText: string;
}

function lookupDir(tree: Tree, path: string): 'dir' | 'file' | 'missing' {
  let node = tree.root as { kind: string; entries?: Map<string, unknown> };
  for (const part of path.split('/').filter(Boolean)) {
    const next = node.kind === 'dir' ? (node.entries!.get(part) as typeof node | undefined) : undefined;
    if (!next) return 'missing';
    node = next;
  }
  return node.kind === 'dir' ? 'dir' : 'file';
}

export class VolumeManager {
  /** The node's filesystem, where hostPath volumes live (root-owned, as on a real node). */
  private readonly host: Tree = createTree(`node:${NODE_NAME}`, { mode: 0o755 });
  private readonly pods = new Map<string, Map<string, PodVolume>>();

  constructor(private readonly world: World) {}

  /** Set up every volume of the pod. Returns the kubelet's FailedMount message on failure. */
  prepare(pod: Pod): string | null {
    const uid = pod.metadata!.uid!;
    const vols = new Map<string, PodVolume>();
    const fsGroup = pod.spec?.securityContext?.fsGroup;
    for (const v of pod.spec?.volumes ?? []) {
      const made = this.make(pod, v);
      if (typeof made === 'string') return `MountVolume.SetUp failed for volume "${v.name}" : ${made}`;
      // Models SetVolumeOwnership at SetUp: every plugin here but hostPath applies the pod's fsGroup.
      if (fsGroup !== undefined && made.type !== 'hostPath') setVolumeOwnership(made.tree, fsGroup, made.readOnly);
      vols.set(v.name, made);
    }
    this.pods.set(uid, vols);
    return null;
  }

  private make(pod: Pod, v: Volume): PodVolume | string {
    const uid = pod.metadata!.uid!;
    const ns = pod.metadata?.namespace ?? 'default';
    const now = this.world.now();
    if (v.hostPath) {
      const path = '/' + v.hostPath.path.split('/').filter(Boolean).join('/');
      const found = lookupDir(this.host, path);
      const type = v.hostPath.type ?? '';
      // Models hostpath checkType: DirectoryOrCreate makes a 0755 root-owned directory; Directory must exist.
      if (type === 'Directory' && found !== 'dir') return `hostPath type check failed: ${path} is not a directory`;
      if (type === 'File' && found !== 'file') return `hostPath type check failed: ${path} is not a file`;
      if (found === 'missing' && (type === 'DirectoryOrCreate' || type === '')) populate(this.host, { [path]: { dir: true, mode: 0o755 } });
      if (type === 'FileOrCreate' && found === 'missing') populate(this.host, { [path]: { data: '', mode: 0o644 } });
      return { tree: this.host, base: path, readOnly: false, type: 'hostPath' };
    }
    if (v.configMap || v.secret) {
      const isCm = !!v.configMap;
      const ref = isCm ? v.configMap!.name ?? '' : v.secret!.secretName ?? '';
      const obj = this.world.store.get<LooseObject>(isCm ? 'ConfigMap' : 'Secret', ns, ref);
      const optional = isCm ? v.configMap!.optional : v.secret!.optional;
      if (!obj && !optional) return `${isCm ? 'configmap' : 'secret'} "${ref}" not found`;
      const data: Record<string, string> = {};
      if (obj) {
        if (isCm) Object.assign(data, (obj.data ?? {}) as Record<string, string>);
        else {
          for (const [k, val] of Object.entries((obj.data ?? {}) as Record<string, string>)) data[k] = decodeBase64(val);
          Object.assign(data, (obj.stringData ?? {}) as Record<string, string>);
        }
      }
      const items = (isCm ? v.configMap!.items : v.secret!.items) ?? null;
      const mode = (isCm ? v.configMap!.defaultMode : v.secret!.defaultMode) ?? 0o644;
      const files: Record<string, FileSpec> = {};
      for (const [key, text] of Object.entries(data)) {
        const item = items?.find((i) => i.key === key);
        if (items && !item) continue;
        files[`/${item?.path ?? key}`] = { data: text, mode: item?.mode ?? mode };
      }
      const tree = createTree(`${isCm ? 'configmap' : 'secret'}:${uid}:${v.name}`, { mode: 0o777, mtime: now });
      populate(tree, files);
      return { tree, readOnly: true, type: isCm ? 'configMap' : 'secret' };
    }
    if (v.projected) {
      // The service account volume: a token, the cluster CA and the namespace.
      const tree = createTree(`projected:${uid}:${v.name}`, { mode: 0o777, mtime: now });
      const files: Record<string, FileSpec> = {};
      for (const src of v.projected.sources ?? []) {
        // Models projected.go collectData: with an fsUser or fsGroup the token is 0600 (SetVolumeOwnership then makes it
        // 0640), owned by the fsUser, so a non-root container can read it.
        if (src.serviceAccountToken) {
          const fsUser = fsUserFrom(pod);
          const guarded = fsUser !== undefined || pod.spec?.securityContext?.fsGroup !== undefined;
          files[`/${src.serviceAccountToken.path}`] = { data: podToken(pod), mode: guarded ? 0o600 : v.projected.defaultMode ?? 0o644, uid: fsUser ?? 0 };
        }
        for (const item of src.configMap?.items ?? []) files[`/${item.path}`] = { data: CLUSTER_CA, mode: 0o644 };
        for (const item of src.downwardAPI?.items ?? []) if (item.fieldRef?.fieldPath === 'metadata.namespace') files[`/${item.path}`] = { data: ns, mode: 0o644 };
      }
      populate(tree, files);
      return { tree, readOnly: true, type: 'projected' };
    }
    if (v.downwardAPI) {
      const files: Record<string, FileSpec> = {};
      for (const item of v.downwardAPI.items ?? []) {
        const fp = item.fieldRef?.fieldPath ?? '';
        const text = fp === 'metadata.labels' ? mapLines(pod.metadata?.labels) : fp === 'metadata.annotations' ? mapLines(pod.metadata?.annotations)
          : fp === 'metadata.name' ? pod.metadata?.name ?? '' : fp === 'metadata.namespace' ? ns : fp === 'metadata.uid' ? uid : '';
        files[`/${item.path}`] = { data: text, mode: item.mode ?? v.downwardAPI.defaultMode ?? 0o644 };
      }
      const tree = createTree(`downward:${uid}:${v.name}`, { mode: 0o777, mtime: now });
      populate(tree, files);
      return { tree, readOnly: true, type: 'downwardAPI' };
    }
    // emptyDir, and anything this node cannot provide, behaves as an empty directory (0777, like emptyDir).
    // Models emptyDirLimitEviction's test: only a positive sizeLimit counts (size.Sign() == 1), whatever the medium.
    const bytes = quantityValue(v.emptyDir?.sizeLimit);
    const limit = bytes !== null && bytes > 0 ? bytes : null;
    const space = v.emptyDir?.medium === 'Memory' ? tmpfsSpace(this.tmpfsSize(pod, limit)) : undefined;
    const tree = createTree(`emptydir:${uid}:${v.name}`, { mode: 0o777, mtime: now, space });
    const sizeLimit = limit !== null ? { bytes: limit, text: String(v.emptyDir!.sizeLimit) } : undefined;
    return { tree, readOnly: false, type: v.emptyDir ? 'emptyDir' : 'other', ...(sizeLimit ? { sizeLimit } : {}) };
  }

  /**
   * The size= of a Memory emptyDir's tmpfs (empty_dir.go calculateEmptyDirMemorySize, generateTmpfsMountOptions):
   * with SizeMemoryBackedVolumes, node allocatable memory, lowered to the pod's memory limit, lowered to the
   * sizeLimit (each only when positive and not larger). Writes past it fail with ENOSPC, so a full tmpfs is at
   * most its sizeLimit and the eviction manager's `used > limit` never holds for it. Without the gate there is no
   * size= (the kernel's default, half the node's RAM). The node's memory is not modelled: no limit at all
   * leaves the tmpfs unbounded.
   */
  private tmpfsSize(pod: Pod, sizeLimit: number | null): number {
    if (!this.world.profile.sizeMemoryBackedVolumes) return Infinity;
    let size = Infinity;
    const podLimit = pod.spec ? podMemoryLimit(pod.spec) : null;
    if (podLimit !== null && podLimit > 0 && podLimit <= size) size = podLimit;
    if (sizeLimit !== null && sizeLimit <= size) size = sizeLimit;
    return size;
  }

  /** The mounts of one container, in its volumeMounts order. */
  mountsFor(pod: Pod, c: Container): MountSpec<Tree>[] {
    const vols = this.pods.get(pod.metadata!.uid!) ?? new Map<string, PodVolume>();
    const out: MountSpec<Tree>[] = [];
    for (const m of c.volumeMounts ?? []) {
      const v = vols.get(m.name);
      if (!v) continue;
      const sub = [v.base, m.subPath].filter((s) => s && s !== '/').join('/');
      out.push({ name: m.name, mountPath: m.mountPath, readOnly: v.readOnly || !!m.readOnly, tree: v.tree, ...(sub ? { subPath: sub } : {}) });
    }
    return out;
  }

  /** The pod's emptyDir volumes with a sizeLimit, in spec order. */
  limitedEmptyDirs(uid: string): LimitedVolume[] {
    const out: LimitedVolume[] = [];
    for (const name of this.pods.get(uid)?.keys() ?? []) {
      const v = this.limitedEmptyDir(uid, name);
      if (v) out.push(v);
    }
    return out;
  }

  /** The pod's volume `name` when it is an emptyDir with a sizeLimit (a map lookup: every write asks). */
  limitedEmptyDir(uid: string, name: string): LimitedVolume | undefined {
    const v = this.pods.get(uid)?.get(name);
    return v?.sizeLimit ? { name, tree: v.tree, limitBytes: v.sizeLimit.bytes, limitText: v.sizeLimit.text } : undefined;
  }

  release(uid: string): void {
    this.pods.delete(uid);
  }
}

/**
 * Models volume/util FsUserFrom: the runAsUser every init and app container runs as (container level over pod
 * level), or none when one of them sets none or two differ.
 */
function fsUserFrom(pod: Pod): number | undefined {
  let user: number | undefined;
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    const u = c.securityContext?.runAsUser ?? pod.spec?.securityContext?.runAsUser;
    if (u === undefined || (user !== undefined && user !== u)) return undefined;
    user = u;
  }
  return user;
}

const CLUSTER_CA = '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIplayground0wDQYJKoZIhvcNAQELBQAwFTETMBEGA1UEAxMKa3ViZXJuZXRlcw==\n-----END CERTIFICATE-----\n';

/** A JWT-shaped token (header.payload.signature), stable per pod. */
function podToken(pod: Pod): string {
  const m = pod.metadata!;
  return `eyJhbGciOiJSUzI1NiIsImtpZCI6InBsYXlncm91bmQifQ.${m.namespace ?? 'default'}.${pod.spec?.serviceAccountName ?? 'default'}.${m.uid}`;
}

function mapLines(m: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(m ?? {}).sort().map((k) => `${k}="${m![k]}"`).join('\n');
}

