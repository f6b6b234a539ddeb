/**
 * Space an inode occupies (st_blocks × 512) on the ext4 disk a node keeps containers' layers and disk
 * volumes on: every block is 4 KiB, a directory takes one block, a non-empty file rounds up to whole blocks,
 * a symlink shorter than 60 bytes lives in its inode ("fast symlink", no block), a device node takes none.
 * The kubelet's DiskUsage (engine/kubelet/diskUsage.ts) and du both count with it.
 */
import { inodeSize, type Inode } from './tree';

/** ext4's default block size on a node's disk. */
export const BLOCK_SIZE = 4096;
const FAST_SYMLINK_MAX = 59;

export function allocatedBytes(n: Inode): number {
  switch (n.kind) {
    case 'dir': return BLOCK_SIZE;
    case 'file': return Math.ceil(inodeSize(n) / BLOCK_SIZE) * BLOCK_SIZE;
    case 'symlink': return inodeSize(n) > FAST_SYMLINK_MAX ? BLOCK_SIZE : 0;
    default: return 0;
  }
}
