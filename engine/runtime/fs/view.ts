/**
 * A container's view of files: its own writable root (the image layer, copied for this container
 * instance on its first write, so a restart loses what the last instance wrote) plus volume mounts.
 * Every change inside a mount is reported as a FileOp and notified under `vol:<tree key>:<path>`
 * so `tail -f` in another container wakes.
 */
import type { FileOp } from '../seam';
import { FsError } from './errors';
import { allowed, lookupPath, resolvePath, type Cred, type MountEntry, type Resolved, type ResolveCtx } from './resolve';
import { fitWrite, inodePages, noteBytes } from './capacity';
import { byteLength, cloneTree, newDir, newFile, newSymlink, type DirInode, type FileInode, type Inode, type Tree } from './tree';

export interface FsObserver {
  fileOp(op: FileOp): void;
  /** Called for every change; `volume` says whether another container can observe it. */
  changed(key: string, volume: boolean): void;
}

export interface StatInfo {
  readonly node: Inode;
  readonly path: string;
  readonly mount: MountEntry | null;
}

const LONG_PATH = 256;

export class FsView {
  readonly mounts = new Map<string, MountEntry>();
  /** The lengths of the mount paths (ResolveCtx.mountLengths). */
  private readonly mountLengths = new Set<number>();
  /** The mounted trees, each once (version() sums their change counts on every $PATH lookup). */
  private readonly mountTrees: Tree[] = [];
  observer: FsObserver | null = null;
  /**
   * Told what walking a long path costs (the kernel counts it against the data budget): a walk is linear in
   * the path, and a loop of `mkdir a; cd a` makes every path of the container longer.
   */
  meter: ((cost: number) => void) | null = null;
  /** Virtual ms used for mtimes; the kernel keeps it current. */
  now = 0;
  umask = 0o022;

  /** What path resolution walks: the root and the mounts. */
  private ctx: ResolveCtx;
  private root: Tree;
  /** The root is still the shared layer: the first change to it copies it (copy-up, as overlayfs does). */
  private shared: boolean;
  /** Key of this view's own root (notify keys), whether or not it has been copied yet. */
  readonly rootKey: string;

  /**
   * `layer` is used as it is, or, given `copyAs`, shared until the first write to the root, which then
   * goes to a copy keyed `copyAs`. Most containers never write outside their volumes.
   */
  constructor(layer: Tree, readonly readOnlyRoot: boolean, copyAs?: string) {
    this.root = layer;
    this.shared = copyAs !== undefined;
    this.rootKey = copyAs ?? layer.key;
    this.ctx = { root: layer.root, mounts: this.mounts, mountLengths: this.mountLengths };
  }

  get rootTree(): Tree {
    return this.root;
  }

  /** Names mounted directly in the directory at canonical `dir` (mount points the layer does not hold). */
  private mountNames(dir: string): string[] {
    const out: string[] = [];
    for (const path of this.mounts.keys()) {
      const slash = path.lastIndexOf('/');
      if (slash >= 0 && (slash === 0 ? '/' : path.slice(0, slash)) === dir && path !== '/') out.push(path.slice(slash + 1));
    }
    return out;
  }

  /** Resolve for a change: a change to the root first copies a shared layer (then resolves again in the copy). */
  private forChange(path: string, cwd: string, cred: Cred, follow: boolean): Resolved {
    const r = this.resolve(path, cwd, cred, follow);
    if (r.mount || !this.copyUp()) return r;
    return this.resolve(path, cwd, cred, follow);
  }

  /** stat/lstat for a change (chmod, chown): ENOENT when missing. */
  private forChangeStat(path: string, cwd: string, cred: Cred, follow: boolean): StatInfo {
    const r = this.forChange(path, cwd, cred, follow);
    if (!r.node) throw new FsError('ENOENT');
    return { node: r.node, path: r.path, mount: r.mount };
  }

  /** Copy a shared root layer for this view; false when there was nothing to copy. */
  private copyUp(): boolean {
    if (!this.shared || this.readOnlyRoot) return false;
    this.root = cloneTree(this.root, this.rootKey);
    this.root.gen++;
    this.shared = false;
    this.ctx = { root: this.root.root, mounts: this.mounts, mountLengths: this.mountLengths };
    return true;
  }

  addMount(m: MountEntry): void {
    this.mounts.set(m.path, m);
    this.mountLengths.add(m.path.length);
    if (!this.mountTrees.includes(m.tree)) this.mountTrees.push(m.tree);
  }

  resolve(path: string, cwd: string, cred: Cred, follow = true): Resolved {
    this.walkCost(path, cwd);
    return resolvePath(this.ctx, path, cwd, cred, follow);
  }

  /** Paths up to LONG_PATH characters walk free (a command's step covers them); each character past costs 16 bytes. */
  private walkCost(path: string, cwd: string): void {
    const len = path.charCodeAt(0) === 47 ? path.length : path.length + cwd.length;
    if (len > LONG_PATH && this.meter) this.meter((len - LONG_PATH) * 16);
  }

  /** stat(2): follows symlinks; throws ENOENT when missing. */
  stat(path: string, cwd: string, cred: Cred): StatInfo {
    const r = this.resolve(path, cwd, cred, true);
    if (!r.node) throw new FsError('ENOENT');
    return { node: r.node, path: r.path, mount: r.mount };
  }

  lstat(path: string, cwd: string, cred: Cred): StatInfo {
    const r = this.resolve(path, cwd, cred, false);
    if (!r.node) throw new FsError('ENOENT');
    return { node: r.node, path: r.path, mount: r.mount };
  }

  exists(path: string, cwd: string, cred: Cred): Inode | null {
    this.walkCost(path, cwd);
    return lookupPath(this.ctx, path, cwd, cred);
  }

  readFile(path: string, cwd: string, cred: Cred): string {
    const { node } = this.stat(path, cwd, cred);
    if (node.kind === 'dir') throw new FsError('EISDIR');
    if (!allowed(node, cred, 4)) throw new FsError('EACCES');
    return node.kind === 'file' ? node.data : '';
  }

  readdir(path: string, cwd: string, cred: Cred): string[] {
    const { node, path: dir } = this.stat(path, cwd, cred);
    if (node.kind !== 'dir') throw new FsError('ENOTDIR');
    if (!allowed(node, cred, 4)) throw new FsError('EACCES');
    const names = [...node.entries.keys()];
    // A mount point is an entry of its parent (the runtime creates it), even where the shared layer lacks it.
    if (this.mounts.size > 0) for (const m of this.mountNames(dir)) if (!node.entries.has(m)) names.push(m);
    return names;
  }

  private checkWritable(mount: MountEntry | null): void {
    if (mount ? mount.readOnly : this.readOnlyRoot) throw new FsError('EROFS');
  }

  /** Key under which changes to `path` (canonical) are notified. */
  keyOf(path: string, mount: MountEntry | null): string {
    if (!mount) return `vol:${this.rootKey}:${path}`;
    return `vol:${mount.tree.key}:${this.inVolume(path, mount, true)}`;
  }

  private inVolume(path: string, mount: MountEntry, withBase: boolean): string {
    const rel = path.length > mount.path.length ? path.slice(mount.path === '/' ? 0 : mount.path.length) : '/';
    if (!withBase || !mount.base) return rel;
    return rel === '/' ? mount.base : mount.base + rel;
  }

  /**
   * A number that changes whenever anything this view can see changes (its root or a mounted tree, by any
   * container): lookups cached under it stay valid while it holds.
   */
  version(): number {
    let v = this.root.gen;
    const trees = this.mountTrees;
    for (let i = 0; i < trees.length; i++) v += trees[i].gen;
    return v;
  }

  /** Report a change: FileOp for volumes, notify for everybody watching. */
  touched(op: FileOp['op'], path: string, mount: MountEntry | null, size: number, mode?: number): void {
    (mount ? mount.tree : this.root).gen++;
    const obs = this.observer;
    if (!obs) return;
    if (mount && !mount.system) {
      const fop: FileOp = mode === undefined
        ? { op, volume: mount.name, path: this.inVolume(path, mount, false), size }
        : { op, volume: mount.name, path: this.inVolume(path, mount, false), size, mode };
      obs.fileOp(fop);
    }
    obs.changed(this.keyOf(path, mount), mount !== null);
  }

  /**
   * Open a regular file for writing (`>`, `>>`, tee, cp). Creates it with `mode & ~umask`.
   * Returns the inode; `truncate` empties it.
   */
  openWrite(path: string, cwd: string, cred: Cred, opts: { truncate: boolean; create?: boolean; mode?: number }): StatInfo {
    const r = this.forChange(path, cwd, cred, true);
    if (r.node) {
      if (r.node.kind === 'dir') throw new FsError('EISDIR');
      if (r.node.kind === 'dev') return { node: r.node, path: r.path, mount: r.mount };
      this.checkWritable(r.mount);
      if (!allowed(r.node, cred, 2)) throw new FsError('EACCES');
      const f = r.node as FileInode;
      if (opts.truncate && f.data !== '') {
        const space = r.mount?.tree.space;
        if (space) space.used -= inodePages(space, f);
        f.data = '';
        f.mtime = this.now;
        this.touched('truncate', r.path, r.mount, 0);
      }
      return { node: f, path: r.path, mount: r.mount };
    }
    if (opts.create === false) throw new FsError('ENOENT');
    this.checkWritable(r.mount);
    if (!allowed(r.parent, cred, 3)) throw new FsError('EACCES');
    const tree = r.mount ? r.mount.tree : this.rootTree;
    const f = newFile(tree, '', (opts.mode ?? 0o666) & ~this.umask, cred.uid, this.parentGid(r.parent, cred), this.now);
    r.parent.entries.set(r.name, f);
    r.parent.mtime = this.now;
    this.touched('write', r.path, r.mount, 0);
    return { node: f, path: r.path, mount: r.mount };
  }

  /** setgid directories hand their group down (fsGroup volumes rely on it). */
  private parentGid(parent: DirInode, cred: Cred): number {
    return parent.mode & 0o2000 ? parent.gid : cred.gid;
  }

  /**
   * write(2): `data` at `pos` (or the end when `append`), reporting the change. Returns the new position.
   * On a full tmpfs the write is short (what fits) and one that fits nothing throws ENOSPC.
   */
  writeAt(info: StatInfo, data: string, pos: number, append: boolean): number {
    const n = info.node;
    if (n.kind !== 'file') return pos;
    const space = info.mount?.tree.space;
    const fit = space ? fitWrite(space, n, data, append ? n.data.length : pos) : null;
    if (fit) data = fit.part;
    const before = n.data;
    let grown = false;
    if (append || pos >= n.data.length) {
      n.data += data;
      pos = n.data.length;
      grown = true;
    } else {
      n.data = n.data.slice(0, pos) + data + n.data.slice(pos + data.length);
      pos += data.length;
    }
    n.mtime = this.now;
    const size = fit ? noteBytes(space!, n, fit.bytes) : sizeAfter(n, before, grown ? data : null);
    this.touched(append ? 'append' : 'write', info.path, info.mount, size);
    return pos;
  }

  /** Pages a tmpfs gets back when an inode loses its last link (unlink, rename over it). */
  private dropLink(n: Inode, mount: MountEntry | null): void {
    n.nlink--;
    const space = mount?.tree.space;
    if (space && n.nlink === 0) space.used -= inodePages(space, n);
  }

  /** Open, truncate (unless `append`) and write all of `data`; a full tmpfs keeps what fit and throws ENOSPC. */
  writeFile(path: string, cwd: string, cred: Cred, data: string, append = false, mode?: number): void {
    const info = this.openWrite(path, cwd, cred, { truncate: !append, mode });
    if (data === '') return;
    if (info.node.kind === 'dev' && info.node.device === 'full') throw new FsError('ENOSPC');
    if (info.node.kind !== 'file') return;
    const before = info.node.data.length;
    if (this.writeAt(info, data, 0, true) - before < data.length) throw new FsError('ENOSPC');
  }

  mkdir(path: string, cwd: string, cred: Cred, mode = 0o777): void {
    const r = this.forChange(path, cwd, cred, false);
    if (r.node) throw new FsError('EEXIST');
    this.checkWritable(r.mount);
    if (!allowed(r.parent, cred, 3)) throw new FsError('EACCES');
    const tree = r.mount ? r.mount.tree : this.rootTree;
    const setgid = r.parent.mode & 0o2000;
    const d = newDir(tree, (mode & ~this.umask) | setgid, cred.uid, this.parentGid(r.parent, cred), this.now);
    r.parent.entries.set(r.name, d);
    r.parent.nlink++;
    r.parent.mtime = this.now;
    this.touched('mkdir', r.path, r.mount, 4096);
  }

  private checkUnlink(r: Resolved, cred: Cred): void {
    this.checkWritable(r.mount);
    if (this.mounts.has(r.path)) throw new FsError('EBUSY');
    if (!allowed(r.parent, cred, 3)) throw new FsError('EACCES');
    // Sticky directories (/tmp): only the owner of the file or of the directory may remove it.
    if (cred.uid !== 0 && r.parent.mode & 0o1000 && r.node && r.node.uid !== cred.uid && r.parent.uid !== cred.uid) {
      throw new FsError('EPERM');
    }
  }

  unlink(path: string, cwd: string, cred: Cred): void {
    const r = this.forChange(path, cwd, cred, false);
    if (!r.node) throw new FsError('ENOENT');
    if (r.node.kind === 'dir') throw new FsError('EISDIR');
    this.checkUnlink(r, cred);
    r.parent.entries.delete(r.name);
    this.dropLink(r.node, r.mount);
    r.parent.mtime = this.now;
    this.touched('delete', r.path, r.mount, 0);
  }

  rmdir(path: string, cwd: string, cred: Cred): void {
    const r = this.forChange(path, cwd, cred, false);
    if (!r.node) throw new FsError('ENOENT');
    if (r.node.kind !== 'dir') throw new FsError('ENOTDIR');
    if (r.name === '.' || r.name === '..') throw new FsError('EINVAL');
    if (r.node.entries.size > 0) throw new FsError('ENOTEMPTY');
    this.checkUnlink(r, cred);
    r.parent.entries.delete(r.name);
    r.parent.nlink--;
    r.parent.mtime = this.now;
    this.touched('delete', r.path, r.mount, 0);
  }

  symlink(target: string, path: string, cwd: string, cred: Cred): void {
    const r = this.forChange(path, cwd, cred, false);
    if (r.node) throw new FsError('EEXIST');
    this.checkWritable(r.mount);
    if (!allowed(r.parent, cred, 3)) throw new FsError('EACCES');
    const tree = r.mount ? r.mount.tree : this.rootTree;
    const link = newSymlink(tree, target, cred.uid, cred.gid, this.now);
    if (tree.space) {
      const pages = inodePages(tree.space, link);
      if (tree.space.used + pages > tree.space.pages) throw new FsError('ENOSPC');
      tree.space.used += pages;
    }
    r.parent.entries.set(r.name, link);
    r.parent.mtime = this.now;
    this.touched('write', r.path, r.mount, byteLength(target));
  }

  link(existing: string, path: string, cwd: string, cred: Cred): void {
    if (!this.resolve(path, cwd, cred, false).mount) this.copyUp();
    const src = this.lstat(existing, cwd, cred);
    if (src.node.kind === 'dir') throw new FsError('EPERM');
    const r = this.resolve(path, cwd, cred, false);
    if (r.node) throw new FsError('EEXIST');
    if ((r.mount?.tree ?? this.rootTree) !== (src.mount?.tree ?? this.rootTree)) throw new FsError('EXDEV');
    this.checkWritable(r.mount);
    if (!allowed(r.parent, cred, 3)) throw new FsError('EACCES');
    r.parent.entries.set(r.name, src.node);
    src.node.nlink++;
    this.touched('write', r.path, r.mount, 0);
  }

  /** rename(2); EXDEV across trees (mv then copies). */
  rename(from: string, to: string, cwd: string, cred: Cred): void {
    if (!this.resolve(from, cwd, cred, false).mount || !this.resolve(to, cwd, cred, false).mount) this.copyUp();
    const a = this.resolve(from, cwd, cred, false);
    if (!a.node) throw new FsError('ENOENT');
    const b = this.resolve(to, cwd, cred, false);
    // The kernel compares the mounts of the two parent directories (EXDEV), then refuses to rename a mount point
    // or over one (EBUSY): `mv /tmp/x /etc/hosts` in a container is "Device or resource busy".
    if (this.parentTree(a, cred) !== this.parentTree(b, cred)) throw new FsError('EXDEV');
    if (this.mounts.has(a.path) || this.mounts.has(b.path)) throw new FsError('EBUSY');
    this.checkUnlink(a, cred);
    this.checkWritable(b.mount);
    if (!allowed(b.parent, cred, 3)) throw new FsError('EACCES');
    if (b.node === a.node) return;
    if (b.node) {
      if (b.node.kind === 'dir' && a.node.kind !== 'dir') throw new FsError('EISDIR');
      if (b.node.kind !== 'dir' && a.node.kind === 'dir') throw new FsError('ENOTDIR');
      if (b.node.kind === 'dir' && b.node.entries.size > 0) throw new FsError('ENOTEMPTY');
    }
    if (a.node.kind === 'dir' && (b.path + '/').startsWith(a.path + '/')) throw new FsError('EINVAL');
    a.parent.entries.delete(a.name);
    if (b.node && b.node.kind !== 'dir') this.dropLink(b.node, b.mount);
    b.parent.entries.set(b.name, a.node);
    a.parent.mtime = b.parent.mtime = this.now;
    this.touched('rename', a.path, a.mount, 0);
    this.touched('write', b.path, b.mount, a.node.kind === 'file' ? byteLength(a.node.data) : 0);
  }

  /** The tree holding the directory an entry is in (for a mount point: the tree under the mount). */
  private parentTree(r: Resolved, cred: Cred): Tree {
    if (!this.mounts.has(r.path)) return r.mount?.tree ?? this.root;
    const dir = r.path.slice(0, r.path.lastIndexOf('/')) || '/';
    return this.resolve(dir, '/', cred, true).mount?.tree ?? this.root;
  }

  chmod(path: string, cwd: string, cred: Cred, mode: number): void {
    const { node, path: p, mount } = this.forChangeStat(path, cwd, cred, true);
    this.checkWritable(mount);
    if (cred.uid !== 0 && cred.uid !== node.uid) throw new FsError('EPERM');
    node.mode = mode & 0o7777;
    this.touched('chmod', p, mount, node.kind === 'file' ? byteLength(node.data) : 0, node.mode);
  }

  chown(path: string, cwd: string, cred: Cred, uid: number | null, gid: number | null, follow = true): void {
    const { node, path: p, mount } = this.forChangeStat(path, cwd, cred, follow);
    this.checkWritable(mount);
    if (cred.uid !== 0) throw new FsError('EPERM');
    if (uid !== null) node.uid = uid;
    if (gid !== null) node.gid = gid;
    this.touched('chown', p, mount, node.kind === 'file' ? byteLength(node.data) : 0);
  }

  /** touch: create if missing (unless `noCreate`), set mtime. */
  touch(path: string, cwd: string, cred: Cred, noCreate: boolean, mtime?: number): void {
    const r = this.forChange(path, cwd, cred, true);
    if (!r.node) {
      if (noCreate) return;
      this.openWrite(path, cwd, cred, { truncate: false });
      const made = mtime === undefined ? null : this.resolve(path, cwd, cred).node;
      if (made) made.mtime = mtime!;
      return;
    }
    this.checkWritable(r.mount);
    if (cred.uid !== 0 && cred.uid !== r.node.uid && !allowed(r.node, cred, 2)) throw new FsError('EACCES');
    r.node.mtime = mtime ?? this.now;
  }
}

/**
 * The UTF-8 size of each file as last measured, with the text it was measured for. Streaming into a file
 * (`yes | head -c 2M > f`) appends thousands of chunks: measuring the whole file each time was quadratic.
 */
const SIZES = new WeakMap<FileInode, { readonly data: string; readonly bytes: number }>();

/** A file's size after a write: the last size plus the appended bytes when it only grew from the text measured. */
function sizeAfter(n: FileInode, before: string, appended: string | null): number {
  const last = SIZES.get(n);
  const bytes = appended !== null && last !== undefined && last.data === before ? last.bytes + byteLength(appended) : byteLength(n.data);
  SIZES.set(n, { data: n.data, bytes });
  return bytes;
}
