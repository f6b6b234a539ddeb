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
  ENOSPC: 'No space left on device',
  EBADF: 'Bad file descriptor',
} as const;
export type Errno = keyof typeof ERRNO;

/**
 * Thrown inside the fs module and caught by its callers (applets print `strerror`). Deliberately not an
 * `Error`: a missing file is an ordinary outcome (every PATH lookup meets a few), and capturing a JS
 * stack trace for each one made container start-up slow.
 */
export class FsError {
  readonly name = 'FsError';
  readonly message: string;
  constructor(readonly code: Errno) {
    this.message = ERRNO[code];
  }
  toString(): string {
    return `FsError: ${this.message}`;
  }
}

export function strerror(code: Errno): string {
  return ERRNO[code];
}
