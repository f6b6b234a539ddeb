/**
 * An applet's stdout as C stdio has it: text is put into a buffer and written when the buffer fills and when
 * the applet ends. Every busybox (and coreutils) diagnostic flushes stdout first (libbb's verror_msg calls
 * fflush_all), so with `2>&1` output and errors come out in program order: errRaw flushes the applet's buffer
 * before it writes. errRaw cannot block, so a flush it cannot do at once (a full pipe) keeps the diagnostic
 * queued behind the buffered text, to be written by the applet's next blocking flush.
 */
import type { Errno } from '../fs/errors';
import { PIPE_CAP, type OpenFile } from '../shell/io';
import { countLines, SigPipe, writeFileOf, writeOf, type Ctx } from '../shell/sys';
import { LINE_COST, type Block } from '../shell/kernel';

/** glibc's stdio buffer for a file or device (st_blksize, 4096 on tmpfs and /dev/full). */
export const STDIO_BUFSIZ = 4096;

type G<T> = Generator<Block, T, unknown>;

export class Stdio {
  /** Text put and not yet written. */
  private buf = '';
  /** Diagnostics (fd 2) and later stdout text waiting behind `buf` when a flush could not be done at once. */
  private queue: [number, string][] | null = null;
  /** Bytes put in all. */
  total = 0;
  /** Bytes written before the first failed write. */
  fit = 0;
  /** The errno of the first failed write; once a write failed nothing more is written. */
  failed: Errno | null = null;
  /** Whether that write was before the last flush (ferror was already set when the program closed stdout). */
  early = false;
  private closing = false;

  constructor(private readonly ctx: Ctx) {}

  /** Put text without writing (output an applet used to gather and write at its end). */
  add(s: string): void {
    this.total += s.length;
    if (this.queue) this.queue.push([1, s]);
    else this.buf += s;
  }

  /**
   * Put text as stdio buffers it: whole buffers are written once more output follows them, and a terminal's
   * stdout (line-buffered) at once. True when something is due to be written: the caller then runs `drain`.
   */
  put(s: string): boolean {
    this.add(s);
    return !this.queue && (this.buf.length > STDIO_BUFSIZ || this.ctx.p.fds[1]?.kind === 'console');
  }

  /** Write what `put` said is due. */
  *drain(): G<void> {
    if (this.queue) return;
    if (this.ctx.p.fds[1]?.kind === 'console') {
      const all = this.buf;
      this.buf = '';
      yield* this.write(all);
    } else if (this.buf.length > STDIO_BUFSIZ) {
      // A full buffer is written when more output follows it: the whole buffers before the last byte.
      const n = Math.floor((this.buf.length - 1) / STDIO_BUFSIZ) * STDIO_BUFSIZ;
      const block = this.buf.slice(0, n);
      this.buf = this.buf.slice(n);
      yield* this.write(block);
    }
  }

  /**
   * fflush: write all that is buffered (and any queued diagnostics). The errno of the first failed write when
   * there was something to write (fflush of an empty buffer succeeds, whatever failed before), else null.
   */
  *flush(): G<Errno | null> {
    if (this.buf === '' && !this.queue) return null;
    this.closing = true;
    const s = this.buf;
    this.buf = '';
    yield* this.write(s);
    const q = this.queue;
    if (q) {
      this.queue = null;
      for (const [fd, text] of q) {
        if (fd === 2) rawErr(this.ctx, text);
        else yield* this.write(text);
      }
    }
    return this.failed;
  }

  private *write(s: string): G<void> {
    if (s === '' || this.failed !== null) return;
    const of = this.ctx.p.fds[1];
    // Written in blocks of the buffer's size, so `fit` ends where the first block that did not fit begins.
    for (let i = 0; i < s.length;) {
      const piece = s.length - i <= STDIO_BUFSIZ ? (i ? s.slice(i) : s) : s.slice(i, i + STDIO_BUFSIZ);
      const e = of ? yield* writeOf(this.ctx.k, of, piece) : 'EBADF';
      if (e !== null) { this.failed = e; this.early = !this.closing; return; }
      i += piece.length;
      this.fit += piece.length;
    }
  }

  /** Called before a diagnostic: flush now if that cannot block; false when the diagnostic must wait in the queue. */
  beforeErr(text: string): boolean {
    if (this.queue) { this.queue.push([2, text]); return false; }
    if (this.buf === '') return true;
    if (this.failed !== null) { this.buf = ''; return true; }
    const of = this.ctx.p.fds[1];
    if (!of) { this.failed = 'EBADF'; this.early = true; this.buf = ''; return true; }
    const e = writeNow(this.ctx, of, this.buf);
    if (e === 'blocked') { this.queue = [[2, text]]; return false; }
    if (e === null) this.fit += this.buf.length;
    else { this.failed = e; this.early = true; }
    this.buf = '';
    return true;
  }
}

/** A write that cannot block: the errno, null when done, 'blocked' when a pipe has no room for all of it. */
function writeNow(ctx: Ctx, of: OpenFile, s: string): Errno | null | 'blocked' {
  const k = ctx.k;
  switch (of.kind) {
    case 'pipe': {
      if (!of.write) return 'EBADF';
      if (of.pipe.readers === 0) throw new SigPipe();
      if (PIPE_CAP - of.pipe.buf.length < s.length) return 'blocked';
      of.pipe.buf += s;
      k.pipeChanged(of.pipe);
      return null;
    }
    case 'console': k.io(s.length + countLines(s) * LINE_COST); k.console(of.stream, s); return null;
    case 'capture': of.size += s.length; k.hold(of.size); of.out.push(s); return null;
    case 'file': k.io(s.length + countLines(s) * LINE_COST); return writeFileOf(of, s);
    case 'full': return 'ENOSPC';
    default: return null;
  }
}

/** The stdio buffer of the running applet, made on first use. */
export function stdio(ctx: Ctx): Stdio {
  return (ctx.stdio ??= new Stdio(ctx));
}

/** Write to stderr at once (unbuffered, as stderr is). */
export function rawErr(ctx: Ctx, text: string): void {
  const of = ctx.p.fds[2];
  if (!of) return;
  switch (of.kind) {
    case 'console': ctx.k.console(of.stream, text); break;
    case 'capture': of.out.push(text); of.size += text.length; break;
    case 'file': writeFileOf(of, text); break;
    case 'pipe': if (of.write && of.pipe.readers > 0) { of.pipe.buf += text; ctx.k.pipeChanged(of.pipe); } break;
  }
}
