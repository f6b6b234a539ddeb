/**
 * The busybox image's read-only layer, and the per-container view built on it: a fresh writable
 * copy of the layer for each container instance (so a restart starts clean) plus the pod's mounts.
 */
import type { MountSpec, PodFacts } from '../seam';
import { FsError } from './errors';
import { cloneTree, createTree, newDir, newFile, newSymlink, type DirInode, type Tree } from './tree';
import { FsView } from './view';

/** /etc/passwd of the docker-library busybox image. */
export const BUSYBOX_PASSWD = [
  'root:x:0:0:root:/root:/bin/sh',
  'daemon:x:1:1:daemon:/usr/sbin:/bin/false',
  'bin:x:2:2:bin:/bin:/bin/false',
  'sys:x:3:3:sys:/dev:/bin/false',
  'sync:x:4:100:sync:/bin:/bin/sync',
  'mail:x:8:8:mail:/var/spool/mail:/bin/false',
  'www-data:x:33:33:www-data:/var/www:/bin/false',
  'operator:x:37:37:Operator:/var:/bin/false',
  'nobody:x:65534:65534:nobody:/home:/bin/false',
].join('\n') + '\n';

export const BUSYBOX_GROUP = [
  'root:x:0:', 'daemon:x:1:', 'bin:x:2:', 'sys:x:3:', 'adm:x:4:', 'tty:x:5:', 'disk:x:6:', 'lp:x:7:',
  'mail:x:8:', 'kmem:x:9:', 'wheel:x:10:root', 'cdrom:x:11:', 'dialout:x:18:', 'floppy:x:19:',
  'video:x:28:', 'audio:x:29:', 'tape:x:32:', 'www-data:x:33:daemon', 'operator:x:37:', 'utmp:x:43:',
  'plugdev:x:46:', 'staff:x:50:', 'lock:x:54:', 'netdev:x:82:', 'users:x:100:', 'nogroup:x:65534:',
].join('\n') + '\n';

/** Size of /bin/busybox in the 1.36 glibc image (what `ls -l /bin/sh` shows). */
const BUSYBOX_SIZE = 1_130_000;

export type FileSpec = string | { data: string; mode?: number; uid?: number; gid?: number } | { dir: true; mode?: number } | { symlink: string };

/** The directory at `path`, created (0755 root) with its parents when missing. */
export function ensureDir(tree: Tree, path: string, mode = 0o755): DirInode {
  let d = tree.root;
  // Walk the components without building arrays: this runs for every file of every container's pod files.
  for (let start = 0; start < path.length;) {
    let end = path.indexOf('/', start);
    if (end < 0) end = path.length;
    if (end === start) { start++; continue; }
    const part = path.slice(start, end);
    start = end + 1;
    let next = d.entries.get(part);
    if (!next) {
      next = newDir(tree, mode, 0, 0, 0);
      d.entries.set(part, next);
      d.nlink++;
    }
    if (next.kind !== 'dir') throw new FsError('ENOTDIR');
    d = next;
  }
  return d;
}

/** Put files into a tree (absolute paths; parent directories are created 0755 root). */
export function populate(tree: Tree, files: Readonly<Record<string, FileSpec>>): void {
  for (const [path, spec] of Object.entries(files)) {
    const slash = path.lastIndexOf('/');
    const dir = ensureDir(tree, path.slice(0, slash));
    const name = path.slice(slash + 1);
    if (typeof spec === 'string') dir.entries.set(name, newFile(tree, spec, 0o644, 0, 0, 0));
    else if ('dir' in spec) ensureDir(tree, path).mode = spec.mode ?? 0o755;
    else if ('symlink' in spec) dir.entries.set(name, newSymlink(tree, spec.symlink, 0, 0, 0));
    else dir.entries.set(name, newFile(tree, spec.data, spec.mode ?? 0o644, spec.uid ?? 0, spec.gid ?? 0, 0));
  }
}

/** /dev's character devices and the /dev/std* links, as the runtime creates them. */
export function addDevices(tree: Tree): void {
  const dev = ensureDir(tree, '/dev');
  const mk = (name: 'null' | 'zero' | 'full' | 'random' | 'urandom' | 'tty', rdev: [number, number]) =>
    dev.entries.set(name, { kind: 'dev', ino: tree.nextIno++, mode: 0o666, uid: 0, gid: 0, mtime: 0, nlink: 1, device: name, rdev });
  mk('null', [1, 3]);
  mk('zero', [1, 5]);
  mk('full', [1, 7]);
  mk('random', [1, 8]);
  mk('urandom', [1, 9]);
  mk('tty', [5, 0]);
  dev.entries.set('stdin', newSymlink(tree, '/proc/self/fd/0', 0, 0, 0));
  dev.entries.set('stdout', newSymlink(tree, '/proc/self/fd/1', 0, 0, 0));
  dev.entries.set('stderr', newSymlink(tree, '/proc/self/fd/2', 0, 0, 0));
  // /proc/self/fd/N resolve to these devices, which the shell maps onto the process's fds.
  const fd = ensureDir(tree, '/proc/self/fd');
  for (const [n, d] of [['0', 'stdin'], ['1', 'stdout'], ['2', 'stderr']] as const) {
    fd.entries.set(n, { kind: 'dev', ino: tree.nextIno++, mode: 0o666, uid: 0, gid: 0, mtime: 0, nlink: 1, device: d, rdev: [136, 0] });
  }
}

/** Link every applet name to one busybox inode in /bin, as the image does (hard links). */
function addApplets(tree: Tree, applets: readonly string[]): void {
  const bin = ensureDir(tree, '/bin');
  const bb = newFile(tree, '', 0o755, 0, 0, 0);
  // Only its size and mode are ever observed.
  bb.fixedSize = BUSYBOX_SIZE;
  bb.exe = 'busybox';
  bin.entries.set('busybox', bb);
  for (const a of applets) {
    if (a === 'busybox' || bin.entries.has(a)) continue;
    bin.entries.set(a, bb);
    bb.nlink++;
  }
}

export interface BaseLayerOptions {
  readonly applets: readonly string[];
  /** Extra files (absolute path → content or spec). */
  readonly files?: Readonly<Record<string, FileSpec>>;
}

/** A minimal busybox-shaped root: /bin applets, /etc/passwd, /etc/group, /tmp 1777, /dev, /root. */
export function createBaseLayer(key: string, opts: BaseLayerOptions): Tree {
  const tree = createTree(key, { mode: 0o755 });
  for (const d of ['/bin', '/dev', '/etc', '/home', '/proc', '/root', '/sys', '/usr/sbin', '/var/spool/mail', '/var/www']) {
    ensureDir(tree, d);
  }
  ensureDir(tree, '/root').mode = 0o700;
  ensureDir(tree, '/tmp').mode = 0o1777;
  addApplets(tree, opts.applets);
  addDevices(tree);
  populate(tree, { '/etc/passwd': BUSYBOX_PASSWD, '/etc/group': BUSYBOX_GROUP, ...(opts.files ?? {}) });
  return tree;
}

/**
 * The files the kubelet and the container runtime make once per pod and bind-mount into each of its containers
 * (kubelet makeMounts: the pod's etc-hosts; containerd: the sandbox's hostname and resolv.conf). Every container
 * of the pod sees the same files, and what one writes there the others see and a restart keeps.
 */
export function createPodFilesTree(pod: PodFacts): Tree {
  const tree = createTree(`pod:${pod.uid}`, { mode: 0o755 });
  populate(tree, {
    '/hostname': pod.hostname + '\n',
    '/hosts': `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n` +
      `fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n` +
      `${pod.ip}\t${pod.hostname}\n`,
    '/resolv.conf': `search ${pod.searchDomains.join(' ')}\nnameserver ${pod.dnsServer}\noptions ndots:${pod.ndots}\n`,
  });
  return tree;
}

export interface ContainerFsOptions {
  /** The image's layer (shared, never written). */
  readonly image: Tree;
  /** Key of this instance's writable root, e.g. `<pod uid>/<container>/<restart>`. */
  readonly key: string;
  readonly mounts: readonly MountSpec<Tree>[];
  readonly readOnlyRootFilesystem?: boolean;
  /** The pod's /etc/hosts, /etc/hostname and /etc/resolv.conf (createPodFilesTree), bind-mounted over the image's. */
  readonly podFiles?: Tree;
  /**
   * Layers with mount points, shared by every container whose image and mount paths are the same (each
   * container copies its layer only when it first writes to it). Without it, the layer is copied at once.
   */
  readonly layers?: Map<string, Tree>;
}

function canonical(path: string): string {
  return '/' + path.split('/').filter(Boolean).join('/');
}

/**
 * The image layer with the container's mount points in it: runc creates a missing mount point (and its
 * parents, 0755 root) in the container's root before mounting.
 */
function layerWithMountPoints(opts: ContainerFsOptions): Tree {
  const paths = opts.mounts.map((m) => canonical(m.mountPath));
  const key = `${opts.image.key}\0${paths.join('\0')}`;
  let layer = opts.layers?.get(key);
  if (!layer) {
    layer = cloneTree(opts.image, opts.image.key);
    for (const path of paths) ensureDir(layer, path);
    opts.layers?.set(key, layer);
  }
  return layer;
}

/** Build one container instance's filesystem: the image (copied on its first write) plus the mounts. */
export function createContainerFs(opts: ContainerFsOptions): FsView {
  const view = new FsView(layerWithMountPoints(opts), opts.readOnlyRootFilesystem ?? false, opts.key);
  for (const m of opts.mounts) {
    let base = '';
    let dir = m.tree.root;
    if (m.subPath) {
      dir = ensureDir(m.tree, m.subPath);
      base = canonical(m.subPath);
    }
    view.addMount({ name: m.name, path: canonical(m.mountPath), tree: m.tree, root: dir, base, readOnly: m.readOnly });
  }
  if (opts.podFiles) {
    // containerd mounts them read-only when the root filesystem is (CRI: `readonly: securityContext.ReadonlyRootfs`).
    for (const [name, node] of opts.podFiles.root.entries) {
      view.addMount({ name, path: `/etc/${name}`, tree: opts.podFiles, root: node, base: `/${name}`, readOnly: opts.readOnlyRootFilesystem ?? false, system: true });
    }
  }
  return view;
}
