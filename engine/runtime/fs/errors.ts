/** errno values the applets print, with glibc's strerror wording (the busybox image's default variant) (what busybox prints). */
export const ERRNO = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EROFS: 'Read-only file system',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  ELOOP: 'Too many levels of symbolic links',
  EINVAL: 'Invalid argument',
  EBUSY: 'Device or resource busy',
  EXDEV: 'Invalid cross-device link',
  ENAMETOOLONG: 'File name too long',
} as const;
export type Errno = keyof typeof ERRNO;

/** Thrown inside the fs module and caught by its callers (applets print `strerror`). */
export class FsError extends Error {
  constructor(readonly code: Errno) {
    super(ERRNO[code]);
  }
}

export function strerror(code: Errno): string {
  return ERRNO[code];
}
