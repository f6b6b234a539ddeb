/**
 * The virtual filesystem: shared volume trees, the image layer, and per-container views.
 * See view.ts for the notify keys (`vol:<tree key>:<path>`) and FileOp reporting.
 */
export { createTree, cloneTree, inodeSize, byteLength, typeBits } from './tree';
export type { Tree, TmpfsSpace, Inode, DirInode, FileInode, SymlinkInode, DevInode, DeviceName } from './tree';
export { FsError, ERRNO, strerror } from './errors';
export { tmpfsSpace, tmpfsUsage, PAGE_SIZE } from './capacity';
export type { Errno } from './errors';
export { allowed, ROOT_CRED } from './resolve';
export type { Cred, MountEntry, Resolved } from './resolve';
export { FsView } from './view';
export type { FsObserver, StatInfo } from './view';
export { createBaseLayer, createContainerFs, createPodFilesTree, populate, BUSYBOX_PASSWD, BUSYBOX_GROUP } from './image';
export type { BaseLayerOptions, ContainerFsOptions, FileSpec } from './image';
export { createDistroLayer } from './distro';
export type { DistroLayerOptions, ImageUser } from './distro';
