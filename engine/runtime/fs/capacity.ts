/**
 * A tmpfs's size limit (mm/shmem.c): `size=` caps the data pages the filesystem holds
 * (sbinfo->max_blocks, rounded up to whole pages), and shmem_inode_acct_blocks charges a page
 * when a file first holds data at that page. What takes pages: a regular file's data
 * (ceil(size / 4096)) and a symlink whose target does not fit the inode (shmem_symlink: strlen + 1
 * > SHORT_SYMLINK_LEN). Directories and inodes take none (nr_inodes is a separate limit, and the
 * playground never reaches it): `df` on a tmpfs holding only directories shows 0 used. Checked on
 * Linux 6.x: a file of 1 byte takes 8 blocks of 512, a directory 0, a 127-byte symlink target 0 and a
 * 128-byte one 8; `size=10000` mounts as `size=12k`.
 *
 * A write that does not fit writes the pages that fit (generic_perform_write stops at the first page
 * shmem_write_begin cannot get), so write(2) returns a short count; the next write fails with ENOSPC.
 */
import { FsError } from './errors';
import { byteLength, type FileInode, type Inode, type Tree, type TmpfsSpace } from './tree';

export const PAGE_SIZE = 4096;
/** include/linux/shmem_fs.h SHORT_SYMLINK_LEN: shorter targets (with their NUL) live in the inode. */
const SHORT_SYMLINK_LEN = 128;

export function pagesFor(bytes: number): number {
  return Math.ceil(bytes / PAGE_SIZE);
}

/** The tmpfs space of a tree of `sizeBytes` (the mount's size= option). */
export function tmpfsSpace(sizeBytes: number): TmpfsSpace {
  return { pages: pagesFor(sizeBytes), used: 0, sizes: new WeakMap() };
}

/** A file's UTF-8 size, measured once per version of its data. */
export function fileBytes(space: TmpfsSpace, n: FileInode): number {
  const m = space.sizes.get(n);
  if (m && m.data === n.data) return m.bytes;
  return noteBytes(space, n, byteLength(n.data));
}

/** Remember that `n`'s data (as it is now) is `bytes` long; returns `bytes`. */
export function noteBytes(space: TmpfsSpace, n: FileInode, bytes: number): number {
  space.sizes.set(n, { data: n.data, bytes });
  return bytes;
}

/** The pages an inode holds on a tmpfs. */
export function inodePages(space: TmpfsSpace, n: Inode): number {
  if (n.kind === 'file') return pagesFor(n.fixedSize ?? fileBytes(space, n));
  if (n.kind === 'symlink') return byteLength(n.target) + 1 > SHORT_SYMLINK_LEN ? 1 : 0;
  return 0;
}

/** Bytes a tmpfs tree's files hold in pages (what du, and so the kubelet's MetricsDu, reports for it). */
export function tmpfsUsage(tree: Tree): number {
  return (tree.space?.used ?? 0) * PAGE_SIZE;
}

/** The number of chars at the start of `s` whose UTF-8 encoding fits in `bytes` (a surrogate pair stays whole). */
export function charsFitting(s: string, bytes: number): number {
  let used = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length;
    const w = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (used + w > bytes) return i;
    used += w;
    if (pair) i++;
  }
  return s.length;
}

/**
 * The part of `data` that a write at char `start` of `n` can store on a tmpfs (the file's own pages count as room:
 * it may grow up to them), charging the pages it adds; `bytes`: the file's size after it. ENOSPC when not one
 * char fits.
 */
export function fitWrite(space: TmpfsSpace, n: FileInode, data: string, start: number): { part: string; bytes: number } {
  const at = Math.min(start, n.data.length);
  const oldBytes = fileBytes(space, n);
  const oldPages = pagesFor(oldBytes);
  const maxBytes = (space.pages - space.used + oldPages) * PAGE_SIZE;
  // The chars overwritten in place, then those that extend the file (only those can need new pages).
  const inside = Math.max(0, Math.min(data.length, n.data.length - at));
  const kept = at === n.data.length ? oldBytes
    : byteLength(n.data.slice(0, at)) + byteLength(data.slice(0, inside)) + byteLength(n.data.slice(at + inside));
  const fits = kept > maxBytes ? 0 : inside + charsFitting(data.slice(inside), maxBytes - kept);
  if (fits === 0 && data !== '') throw new FsError('ENOSPC');
  const part = fits < data.length ? data.slice(0, fits) : data;
  const bytes = kept + byteLength(part.slice(inside));
  space.used += pagesFor(bytes) - oldPages;
  return { part, bytes };
}
