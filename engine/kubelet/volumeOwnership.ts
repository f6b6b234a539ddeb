/**
 * fsGroup ownership of a pod's volumes, as pkg/volume/volume_linux.go SetVolumeOwnership applies it
 * (pkg/volume/util/volumeownership in newer trees): every inode of the volume gets group fsGroup
 * (lchown, so symlinks too); every non-symlink gains group and owner read/write (0660), or read only
 * (0440) for a read-only volume (configMap, secret, downwardAPI, projected); directories also gain
 * the setgid bit and owner/group search (0110), so files created there later belong to fsGroup.
 * The volume plugins that call it: emptyDir, configMap, secret, downwardAPI, projected (and block and
 * CSI volumes); never hostPath.
 *
 * fsGroupChangePolicy OnRootMismatch skips the walk when the root already has fsGroup, setgid and the
 * mask; a volume here is set up once per pod, freshly root-owned, so both policies walk it.
 */
import type { Inode, Tree } from '../runtime/fs/index';

const RW_MASK = 0o660;
const RO_MASK = 0o440;
const EXEC_MASK = 0o110;
const SETGID = 0o2000;

export function setVolumeOwnership(tree: Tree, fsGroup: number, readOnly: boolean): void {
  const walk = (n: Inode): void => {
    n.gid = fsGroup;
    if (n.kind === 'symlink') return;
    n.mode |= readOnly ? RO_MASK : RW_MASK;
    if (n.kind !== 'dir') return;
    n.mode |= SETGID | EXEC_MASK;
    for (const child of n.entries.values()) walk(child);
  };
  walk(tree.root);
}
