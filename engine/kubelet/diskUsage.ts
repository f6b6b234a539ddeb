/**
 * How the kubelet measures a volume's usage: the emptyDir plugin's MetricsDu
 * (pkg/volume/emptydir/empty_dir.go) walks the directory as pkg/volume/util/fs DiskUsage does, adding
 * `st_blocks * 512` for every inode once (hard links are counted once). So usage is allocated space,
 * not file sizes: on the node's ext4 disk every block is 4 KiB, a directory takes one block, a non-empty
 * file rounds up to whole blocks, and a short symlink lives in its inode (no block).
 */
import type { Inode, Tree } from '../runtime/fs/index';
import { allocatedBytes } from '../runtime/fs/blocks';

/** Bytes a disk-backed volume tree occupies, as `du` (the kubelet's DiskUsage) reports them. */
export function diskUsage(tree: Tree): number {
  const seen = new Set<Inode>();
  let total = 0;
  const walk = (n: Inode): void => {
    if (n.nlink > 1 && n.kind !== 'dir') {
      if (seen.has(n)) return;
      seen.add(n);
    }
    total += allocatedBytes(n);
    if (n.kind === 'dir') for (const child of n.entries.values()) walk(child);
  };
  walk(tree.root);
  return total;
}
