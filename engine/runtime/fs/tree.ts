/**
 * Inodes and trees of the virtual filesystem. A tree is what a volume (emptyDir, hostPath) or an
 * image layer holds; containers share a volume's tree by reference, so a write by one container is
 * seen at once by every other container that mounts it.
 */

export type InodeKind = 'dir' | 'file' | 'symlink' | 'dev';

/** Character devices the runtime knows (the only ones a container's /dev needs). */
export type DeviceName = 'null' | 'zero' | 'full' | 'random' | 'urandom' | 'tty' | 'stdout' | 'stderr' | 'stdin';

export interface InodeBase {
  readonly ino: number;
  /** Permission bits and set-id/sticky bits (07777), without the file type. */
  mode: number;
  uid: number;
  gid: number;
  /** Virtual ms (same clock as `ContainerHost.now()`). */
  mtime: number;
  nlink: number;
}
export interface DirInode extends InodeBase { readonly kind: 'dir'; readonly entries: Map<string, Inode> }
export interface FileInode extends InodeBase {
  readonly kind: 'file';
  data: string;
  /** Apparent size of a file whose bytes are never read (the busybox binary). */
  fixedSize?: number;
  /** Set on program files: 'busybox' (dispatch on the name it is run as) or an applet name. */
  exe?: string;
}
export interface SymlinkInode extends InodeBase { readonly kind: 'symlink'; readonly target: string }
export interface DevInode extends InodeBase { readonly kind: 'dev'; readonly device: DeviceName; readonly rdev: [number, number] }
export type Inode = DirInode | FileInode | SymlinkInode | DevInode;

/** A tree of inodes with a stable key, used in notify keys (`vol:<key>:<path>`). */
export interface Tree {
  readonly key: string;
  readonly root: DirInode;
  /** Next inode number; per tree so numbering never depends on other trees. */
  nextIno: number;
  /** Bumped on every change made through a view (FsView.version: caches of lookups check it). */
  gen: number;
  /** Set on a tmpfs mounted with size= (capacity.ts); every other tree has no limit and pays nothing. */
  readonly space?: TmpfsSpace;
}

/** A tmpfs's data pages: how many it may hold (size=) and how many its inodes hold now. */
export interface TmpfsSpace {
  readonly pages: number;
  used: number;
  /** Each file's UTF-8 size as last measured, with the data it was measured on (an append measures only the new part). */
  readonly sizes: WeakMap<FileInode, { readonly data: string; readonly bytes: number }>;
}

/** A fresh, empty tree for a volume. `key` must be stable and unique within a simulation (e.g. `<pod-uid>/<volume>`). */
export function createTree(key: string, opts: { mode?: number; uid?: number; gid?: number; mtime?: number; space?: TmpfsSpace } = {}): Tree {
  const tree: Tree = { key, root: undefined as unknown as DirInode, nextIno: 2, gen: 0, space: opts.space };
  (tree as { root: DirInode }).root = {
    kind: 'dir', ino: 1, mode: opts.mode ?? 0o777, uid: opts.uid ?? 0, gid: opts.gid ?? 0,
    mtime: opts.mtime ?? 0, nlink: 2, entries: new Map(),
  };
  return tree;
}

export function newDir(tree: Tree, mode: number, uid: number, gid: number, mtime: number): DirInode {
  return { kind: 'dir', ino: tree.nextIno++, mode, uid, gid, mtime, nlink: 2, entries: new Map() };
}
export function newFile(tree: Tree, data: string, mode: number, uid: number, gid: number, mtime: number): FileInode {
  return { kind: 'file', ino: tree.nextIno++, mode, uid, gid, mtime, nlink: 1, data };
}
export function newSymlink(tree: Tree, target: string, uid: number, gid: number, mtime: number): SymlinkInode {
  return { kind: 'symlink', ino: tree.nextIno++, mode: 0o777, uid, gid, mtime, nlink: 1, target };
}

/**
 * Deep copy of a tree (hard links inside it stay shared), for a container's writable root. Only an inode
 * with more than one link can be met twice (directories are never hard-linked), so only those are
 * remembered: every container instance copies its image layer, and most inodes have one link.
 */
export function cloneTree(src: Tree, key: string): Tree {
  const linked = new Map<Inode, Inode>();
  const copy = (n: Inode): Inode => {
    if (n.kind === 'dir') {
      const entries = new Map<string, Inode>();
      for (const [name, child] of n.entries) entries.set(name, copy(child));
      return { ...n, entries };
    }
    if (n.nlink <= 1) return { ...n };
    let out = linked.get(n);
    if (!out) linked.set(n, (out = { ...n }));
    return out;
  };
  return { key, root: copy(src.root) as DirInode, nextIno: src.nextIno, gen: src.gen, space: src.space && { ...src.space, sizes: new WeakMap() } };
}

/** Size in bytes as `ls -l`/`stat` report it (UTF-8 length of the content). */
export function byteLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 2; i++; } else n += 2;
  }
  return n;
}

export function inodeSize(n: Inode): number {
  switch (n.kind) {
    case 'file': return n.fixedSize ?? byteLength(n.data);
    case 'dir': return 4096;
    case 'symlink': return byteLength(n.target);
    default: return 0;
  }
}

/** `S_IFMT` bits for stat's raw mode. */
export function typeBits(n: Inode): number {
  switch (n.kind) {
    case 'dir': return 0o040000;
    case 'file': return 0o100000;
    case 'symlink': return 0o120000;
    default: return 0o020000;
  }
}
