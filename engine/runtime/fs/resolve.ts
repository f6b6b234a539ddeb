/**
 * Path resolution over a container's root tree and its mounts, as the kernel's namei does:
 * symlinks followed (at most 40), `..` taken physically, search (x) permission checked on every
 * directory walked for a non-root user, mount points switching to the volume's tree.
 */
import type { DirInode, Inode, Tree } from './tree';
import { FsError, type Errno } from './errors';

export interface Cred {
  readonly uid: number;
  readonly gid: number;
  /** Supplementary groups (fsGroup, runAsGroup …). */
  readonly groups: readonly number[];
}

export const ROOT_CRED: Cred = { uid: 0, gid: 0, groups: [0] };

/**
 * One mount as the view keeps it. `root` is the subPath directory inside the volume's tree, or a file for
 * the runtime's own single-file bind mounts (/etc/hosts, /etc/hostname, /etc/resolv.conf).
 */
export interface MountEntry {
  readonly name: string;
  readonly path: string;
  readonly tree: Tree;
  readonly root: Inode;
  /** Path of `root` inside `tree` ('' for the tree's root, '/sub' for a subPath or a file). */
  readonly base: string;
  readonly readOnly: boolean;
  /** A bind mount the runtime makes itself rather than a pod volume: its changes are not volume file ops. */
  readonly system?: boolean;
}

/**
 * A directory on the walk: where `..` returns to. `above`: some mount point lies below it, so its children's
 * paths are looked up among the mounts (hashing every prefix of a deep path made a walk quadratic).
 */
interface Step { node: DirInode; path: string; mount: MountEntry | null; above: boolean }

/** The directories that have a mount point somewhere below them, per mount table (mounts are only added). */
const mountParents = new WeakMap<ReadonlyMap<string, MountEntry>, { size: number; dirs: Set<string> }>();

function hasMountBelow(mounts: ReadonlyMap<string, MountEntry>, dir: string): boolean {
  if (mounts.size === 0) return false;
  let c = mountParents.get(mounts);
  if (!c || c.size !== mounts.size) {
    const dirs = new Set<string>();
    for (const m of mounts.keys()) for (let i = m.lastIndexOf('/'); i >= 0; i = m.lastIndexOf('/', i - 1)) {
      dirs.add(i === 0 ? '/' : m.slice(0, i));
      if (i === 0) break;
    }
    c = { size: mounts.size, dirs };
    mountParents.set(mounts, c);
  }
  return c.dirs.has(dir);
}

export interface Resolved {
  /** The inode, or null when only the last component is missing (parent exists). */
  readonly node: Inode | null;
  readonly parent: DirInode;
  readonly name: string;
  /** Canonical absolute path. */
  readonly path: string;
  /** The mount holding the entry (null: the container's own root). */
  readonly mount: MountEntry | null;
}

const MAX_LINKS = 40;
/** Linux's PATH_MAX (a path argument of this many bytes or more) and NAME_MAX: past them, ENAMETOOLONG. */
const PATH_MAX = 4096;
const NAME_MAX = 255;

/** May `cred` access `n` with the rwx bits in `want` (4, 2, 1)? Root passes all but exec-without-x. */
export function allowed(n: Inode, cred: Cred, want: number): boolean {
  if (cred.uid === 0) return (want & 1) === 0 || n.kind === 'dir' || (n.mode & 0o111) !== 0;
  let bits: number;
  if (n.uid === cred.uid) bits = (n.mode >> 6) & 7;
  else if (n.gid === cred.gid || cred.groups.includes(n.gid)) bits = (n.mode >> 3) & 7;
  else bits = n.mode & 7;
  return (bits & want) === want;
}

export interface ResolveCtx {
  readonly root: DirInode;
  readonly mounts: ReadonlyMap<string, MountEntry>;
  /** The lengths of the mount paths, when kept: a path of another length is no mount point (no slice to look up). */
  readonly mountLengths?: ReadonlySet<number>;
}

function join(dir: string, name: string): string {
  return dir === '/' ? '/' + name : dir + '/' + name;
}

/**
 * Resolve `path` (relative to `cwd`). `follow` says whether a symlink in the last component is
 * followed. Throws FsError for a missing or unsearchable intermediate directory.
 */
export function resolvePath(ctx: ResolveCtx, path: string, cwd: string, cred: Cred, follow: boolean): Resolved {
  const r = walk(ctx, path, cwd, cred, follow);
  if (typeof r === 'string') throw new FsError(r);
  return r;
}

/** The inode at `path` (symlinks followed), or null when it cannot be reached for any reason. */
export function lookupPath(ctx: ResolveCtx, path: string, cwd: string, cred: Cred): Inode | null {
  const quick = plainLookup(ctx, path, cred);
  if (quick !== undefined) return quick;
  const r = walk(ctx, path, cwd, cred, true);
  return typeof r === 'string' ? null : r.node;
}

/**
 * lookupPath for the common shape, `/a/b/c` with no `.`, `..`, empty component, trailing slash or
 * symlink on the way (PATH searches, `[ -f /path ]`): the same answer as the walk without its bookkeeping.
 * undefined: not that shape, the walk decides.
 */
function plainLookup(ctx: ResolveCtx, path: string, cred: Cred): Inode | null | undefined {
  if (path.length < 2 || path.length >= PATH_MAX || path.charCodeAt(0) !== 47 || ctx.mounts.has('/')) return undefined;
  let node: DirInode = ctx.root;
  let start = 1;
  for (;;) {
    const slash = path.indexOf('/', start);
    const end = slash < 0 ? path.length : slash;
    const name = path.slice(start, end);
    if (name === '' || name === '.' || name === '..' || end === path.length - 1 || name.length > NAME_MAX) return undefined;
    if (!allowed(node, cred, 1)) return null;
    // With no `.`, `..` or symlink so far, the path up to here is the canonical path of the child.
    const mounted = ctx.mounts.size > 0 && (!ctx.mountLengths || ctx.mountLengths.has(end)) ? ctx.mounts.get(path.slice(0, end)) : undefined;
    const child: Inode | undefined = mounted ? mounted.root : node.entries.get(name);
    if (!child) return null;
    if (child.kind === 'symlink') return undefined;
    if (slash < 0) return child;
    if (child.kind !== 'dir') return null;
    node = child;
    start = slash + 1;
  }
}

// The walk itself reports failures as an errno rather than throwing: PATH searches and `[ -e … ]` meet
// missing directories all the time, and unwinding an exception for each is slow.
function walk(ctx: ResolveCtx, path: string, cwd: string, cred: Cred, follow: boolean): Resolved | Errno {
  if (path === '') return 'ENOENT';
  if (path.length >= PATH_MAX) return 'ENAMETOOLONG';
  let parts = path.split('/');
  let stack: Step[] = [{ node: ctx.root, path: '/', mount: ctx.mounts.get('/') ?? null, above: hasMountBelow(ctx.mounts, '/') }];
  const rootMount = ctx.mounts.get('/')?.root;
  if (rootMount?.kind === 'dir') stack[0].node = rootMount;
  if (path[0] !== '/') parts = cwd.split('/').concat(parts);
  let links = 0;
  let i = 0;
  // trailing slash: the last component must be a directory (and symlinks are followed).
  const trailing = path.length > 1 && path[path.length - 1] === '/';
  for (;;) {
    while (i < parts.length && (parts[i] === '' || parts[i] === '.')) i++;
    if (i >= parts.length) {
      const top = stack[stack.length - 1];
      const up = stack.length > 1 ? stack[stack.length - 2].node : top.node;
      return { node: top.node, parent: up, name: '.', path: top.path, mount: top.mount };
    }
    const name = parts[i++];
    if (name.length > NAME_MAX) return 'ENAMETOOLONG';
    let last = true;
    for (let j = i; j < parts.length; j++) if (parts[j] !== '' && parts[j] !== '.') { last = false; break; }
    const top = stack[stack.length - 1];
    if (!allowed(top.node, cred, 1)) return 'EACCES';
    if (name === '..') {
      if (stack.length > 1) stack.pop();
      if (last) {
        const t = stack[stack.length - 1];
        const up = stack.length > 1 ? stack[stack.length - 2].node : t.node;
        return { node: t.node, parent: up, name: '..', path: t.path, mount: t.mount };
      }
      continue;
    }
    const childPath = join(top.path, name);
    const mounted = top.above ? ctx.mounts.get(childPath) : undefined;
    const child: Inode | undefined = mounted ? mounted.root : top.node.entries.get(name);
    const mount = mounted ?? top.mount;
    if (!child) {
      if (last) return { node: null, parent: top.node, name, path: childPath, mount };
      return 'ENOENT';
    }
    if (child.kind === 'symlink' && (!last || follow || trailing)) {
      if (++links > MAX_LINKS) return 'ELOOP';
      const target = child.target;
      const rest = parts.slice(i);
      parts = target.split('/').concat(rest);
      i = 0;
      if (target[0] === '/') stack = [stack[0]];
      continue;
    }
    if (last) {
      if (trailing && child.kind !== 'dir') return 'ENOTDIR';
      return { node: child, parent: top.node, name, path: childPath, mount };
    }
    if (child.kind !== 'dir') return 'ENOTDIR';
    stack.push({ node: child, path: childPath, mount, above: top.above && hasMountBelow(ctx.mounts, childPath) });
  }
}
