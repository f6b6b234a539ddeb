/**
 * Open files and pipes inside a container. Pipes are bounded buffers (64 KiB, as Linux's default)
 * with blocking reads and writes, so `yes | head -n 2` ends: `yes` blocks on a full pipe, `head`
 * exits, the read end closes, and the next write gets EPIPE (the writer then dies of SIGPIPE).
 */
import type { FsView, StatInfo } from '../fs/view';

export const PIPE_CAP = 65536;

export interface Pipe {
  buf: string;
  readers: number;
  writers: number;
  /** Processes blocked on this pipe (woken on any change). */
  waiters: { block: unknown }[];
}

export type OpenFile =
  | { kind: 'pipe'; pipe: Pipe; write: boolean; refs: number }
  | { kind: 'console'; stream: 'stdout' | 'stderr'; refs: number }
  | { kind: 'null'; refs: number }
  /** /dev/zero, and with `rng` /dev/random and /dev/urandom (a deterministic pseudo-random stream, seeded at the first read). */
  | { kind: 'zero'; refs: number; rng?: { s: number } }
  /** /dev/full: reads zeros, every write fails with ENOSPC. */
  | { kind: 'full'; refs: number }
  | {
    kind: 'file'; fs: FsView; info: StatInfo; pos: number; append: boolean; read: boolean; write: boolean; refs: number;
    /** The file's data at this descriptor's last read: a read of data changed since costs its whole size. */
    seen?: string;
  }
  | { kind: 'capture'; out: string[]; size: number; refs: number };

export type FdTable = (OpenFile | null)[];

export function newPipe(): { r: OpenFile; w: OpenFile; pipe: Pipe } {
  const pipe: Pipe = { buf: '', readers: 0, writers: 0, waiters: [] };
  return { pipe, r: { kind: 'pipe', pipe, write: false, refs: 0 }, w: { kind: 'pipe', pipe, write: true, refs: 0 } };
}

/** One more fd refers to `of`. */
export function retain(of: OpenFile): OpenFile {
  if (of.refs++ === 0 && of.kind === 'pipe') {
    if (of.write) of.pipe.writers++;
    else of.pipe.readers++;
  }
  return of;
}

/** An fd referring to `of` is closed. Returns the pipe whose state changed, if any. */
export function release(of: OpenFile): Pipe | null {
  if (--of.refs === 0 && of.kind === 'pipe') {
    if (of.write) of.pipe.writers--;
    else of.pipe.readers--;
    return of.pipe;
  }
  return null;
}

export function cloneFds(fds: FdTable): FdTable {
  const out: FdTable = new Array(fds.length);
  for (let i = 0; i < fds.length; i++) {
    const f = fds[i];
    out[i] = f ? retain(f) : null;
  }
  return out;
}

/** Capture buffer for `$(…)`: what it holds counts as the shell's memory (Kernel.hold bounds it). */
export function newCapture(): OpenFile {
  return { kind: 'capture', out: [], size: 0, refs: 0 };
}

export function captured(of: OpenFile): string {
  return of.kind === 'capture' ? of.out.join('') : '';
}
