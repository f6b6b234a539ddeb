/**
 * How the kubelet measures a volume's usage: the emptyDir plugin's MetricsDu
 * (pkg/volume/emptydir/empty_dir.go) walks the directory as pkg/volume/util/fs DiskUsage does, adding
 * `st_blocks * 512` for every inode once (hard links are counted once). So usage is allocated space,
 * not file sizes: on the node's ext4 disk every block is 4 KiB, a directory takes one block, a non-empty
 * file rounds up to whole blocks, and a short symlink lives in its inode (no block).
 */
import type { Inode, Tree } from '../runtime/fs/index';
import { inodeSize } from '../runtime/fs/index';

/** ext4's default block size on a node's disk. */
export const BLOCK_SIZE = 4096;
/** ext4 keeps a symlink target shorter than 60 bytes in the inode itself ("fast symlink"). */
const FAST_SYMLINK_MAX = 59;

function blocksOf(n: Inode): number {
  switch (n.kind) {
    case 'dir': return BLOCK_SIZE;
    case 'file': return Math.ceil(inodeSize(n) / BLOCK_SIZE) * BLOCK_SIZE;
    case 'symlink': return inodeSize(n) > FAST_SYMLINK_MAX ? BLOCK_SIZE : 0;
    default: return 0;
  }
}

/** Bytes a disk-backed volume tree occupies, as `du` (the kubelet's DiskUsage) reports them. */
export function diskUsage(tree: Tree): number {
  const seen = new Set<Inode>();
  let total = 0;
  const walk = (n: Inode): void => {
    if (n.nlink > 1 && n.kind !== 'dir') {
      if (seen.has(n)) return;
      seen.add(n);
    }
    total += blocksOf(n);
    if (n.kind === 'dir') for (const child of n.entries.values()) walk(child);
  };
  walk(tree.root);
  return total;
}
