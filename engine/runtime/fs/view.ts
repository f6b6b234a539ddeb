/**
 * A container's view of files: its own writable root (a fresh copy of the image layer per
 * container instance, so a restart loses what the last instance wrote) plus volume mounts.
 * Every change inside a mount is reported as a FileOp and notified under `vol:<tree key>:<path>`
 * so `tail -f` in another container wakes.
 */
import type { FileOp } from '../seam';
import { FsError } from './errors';
import { allowed, lookupPath, resolvePath, type Cred, type MountEntry, type Resolved, type ResolveCtx } from './resolve';
import { byteLength, newDir, newFile, newSymlink, type DirInode, type FileInode, type Inode, type Tree } from './tree';

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

export class FsView {
  readonly mounts = new Map<string, MountEntry>();
  observer: FsObserver | null = null;
  /** Virtual ms used for mtimes; the kernel keeps it current. */
  now = 0;
  umask = 0o022;

  /** What path resolution walks: the root and the mounts (made once; both are fixed for the view's life). */
  private readonly ctx: ResolveCtx;

  constructor(readonly rootTree: Tree, readonly readOnlyRoot: boolean) {
    this.ctx = { root: rootTree.root, mounts: this.mounts };
  }

  addMount(m: MountEntry): void {
    this.mounts.set(m.path, m);
  }

  resolve(path: string, cwd: string, cred: Cred, follow = true): Resolved {
    return resolvePath(this.ctx, path, cwd, cred, follow);
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
    return lookupPath(this.ctx, path, cwd, cred);
  }

  readFile(path: string, cwd: string, cred: Cred): string {
    const { node } = this.stat(path, cwd, cred);
    if (node.kind === 'dir') throw new FsError('EISDIR');
    if (!allowed(node, cred, 4)) throw new FsError('EACCES');
    return node.kind === 'file' ? node.data : '';
  }

  readdir(path: string, cwd: string, cred: Cred): string[] {
    const { node } = this.stat(path, cwd, cred);
    if (node.kind !== 'dir') throw new FsError('ENOTDIR');
    if (!allowed(node, cred, 4)) throw new FsError('EACCES');
    const names = [...node.entries.keys()];
    // Mount points hide nothing here: they are entries in the parent (the kubelet creates them).
    return names;
  }

  private checkWritable(mount: MountEntry | null): void {
    if (mount ? mount.readOnly : this.readOnlyRoot) throw new FsError('EROFS');
  }

  /** Key under which changes to `path` (canonical) are notified. */
  keyOf(path: string, mount: MountEntry | null): string {
    if (!mount) return `vol:${this.rootTree.key}:${path}`;
    return `vol:${mount.tree.key}:${this.inVolume(path, mount, true)}`;
  }

  private inVolume(path: string, mount: MountEntry, withBase: boolean): string {
    const rel = path.length > mount.path.length ? path.slice(mount.path === '/' ? 0 : mount.path.length) : '/';
    if (!withBase || !mount.base) return rel;
    return rel === '/' ? mount.base : mount.base + rel;
  }

  /** Report a change: FileOp for volumes, notify for everybody watching. */
  touched(op: FileOp['op'], path: string, mount: MountEntry | null, size: number, mode?: number): void {
    const obs = this.observer;
    if (!obs) return;
    if (mount) {
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
    const r = this.resolve(path, cwd, cred, true);
    if (r.node) {
      if (r.node.kind === 'dir') throw new FsError('EISDIR');
      if (r.node.kind === 'dev') return { node: r.node, path: r.path, mount: r.mount };
      this.checkWritable(r.mount);
      if (!allowed(r.node, cred, 2)) throw new FsError('EACCES');
      const f = r.node as FileInode;
      if (opts.truncate && f.data !== '') {
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

  /** Write `data` at `pos` (or the end when `append`), reporting the change. Returns the new position. */
  writeAt(info: StatInfo, data: string, pos: number, append: boolean): number {
    const n = info.node;
    if (n.kind !== 'file') return pos;
    if (append || pos >= n.data.length) {
      n.data += data;
      pos = n.data.length;
    } else {
      n.data = n.data.slice(0, pos) + data + n.data.slice(pos + data.length);
      pos += data.length;
    }
    n.mtime = this.now;
    this.touched(append ? 'append' : 'write', info.path, info.mount, byteLength(n.data));
    return pos;
  }

  writeFile(path: string, cwd: string, cred: Cred, data: string, append = false, mode?: number): void {
    const info = this.openWrite(path, cwd, cred, { truncate: !append, mode });
    if (info.node.kind === 'file' && data !== '') this.writeAt(info, data, 0, true);
  }

  mkdir(path: string, cwd: string, cred: Cred, mode = 0o777): void {
    const r = this.resolve(path, cwd, cred, false);
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
    const r = this.resolve(path, cwd, cred, false);
    if (!r.node) throw new FsError('ENOENT');
    if (r.node.kind === 'dir') throw new FsError('EISDIR');
    this.checkUnlink(r, cred);
    r.parent.entries.delete(r.name);
    r.node.nlink--;
    r.parent.mtime = this.now;
    this.touched('delete', r.path, r.mount, 0);
  }

  rmdir(path: string, cwd: string, cred: Cred): void {
    const r = this.resolve(path, cwd, cred, false);
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
    const r = this.resolve(path, cwd, cred, false);
    if (r.node) throw new FsError('EEXIST');
    this.checkWritable(r.mount);
    if (!allowed(r.parent, cred, 3)) throw new FsError('EACCES');
    const tree = r.mount ? r.mount.tree : this.rootTree;
    r.parent.entries.set(r.name, newSymlink(tree, target, cred.uid, cred.gid, this.now));
    r.parent.mtime = this.now;
    this.touched('write', r.path, r.mount, byteLength(target));
  }

  link(existing: string, path: string, cwd: string, cred: Cred): void {
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
    const a = this.resolve(from, cwd, cred, false);
    if (!a.node) throw new FsError('ENOENT');
    const b = this.resolve(to, cwd, cred, false);
    if ((a.mount?.tree ?? this.rootTree) !== (b.mount?.tree ?? this.rootTree)) throw new FsError('EXDEV');
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
    b.parent.entries.set(b.name, a.node);
    a.parent.mtime = b.parent.mtime = this.now;
    this.touched('rename', a.path, a.mount, 0);
    this.touched('write', b.path, b.mount, a.node.kind === 'file' ? byteLength(a.node.data) : 0);
  }

  chmod(path: string, cwd: string, cred: Cred, mode: number): void {
    const { node, path: p, mount } = this.stat(path, cwd, cred);
    this.checkWritable(mount);
    if (cred.uid !== 0 && cred.uid !== node.uid) throw new FsError('EPERM');
    node.mode = mode & 0o7777;
    this.touched('chmod', p, mount, node.kind === 'file' ? byteLength(node.data) : 0, node.mode);
  }

  chown(path: string, cwd: string, cred: Cred, uid: number | null, gid: number | null, follow = true): void {
    const { node, path: p, mount } = follow ? this.stat(path, cwd, cred) : this.lstat(path, cwd, cred);
    this.checkWritable(mount);
    if (cred.uid !== 0) throw new FsError('EPERM');
    if (uid !== null) node.uid = uid;
    if (gid !== null) node.gid = gid;
    this.touched('chown', p, mount, node.kind === 'file' ? byteLength(node.data) : 0);
  }

  /** touch: create if missing (unless `noCreate`), set mtime. */
  touch(path: string, cwd: string, cred: Cred, noCreate: boolean, mtime?: number): void {
    const r = this.resolve(path, cwd, cred, true);
    if (!r.node) {
      if (noCreate) return;
      this.openWrite(path, cwd, cred, { truncate: false });
      return;
    }
    this.checkWritable(r.mount);
    if (cred.uid !== 0 && cred.uid !== r.node.uid && !allowed(r.node, cred, 2)) throw new FsError('EACCES');
    r.node.mtime = mtime ?? this.now;
  }
}
