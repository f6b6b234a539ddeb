/**
 * Where sed's output goes when it does not all fit (a full tmpfs, /dev/full). sed writes through stdio, so a
 * failure surfaces in a buffer flush while it runs, or only in the flush at the end (lib.ts stdioFailure).
 * busybox (editors/sed.c): a failed flush while running is "sed: write error" (status 4; for -i, die_func
 * removes the temporary copy and the file is untouched); the final fclose is not checked, so a copy cut short
 * there silently replaces the file. GNU sed (utils.c ck_fwrite, ck_fclose): "couldn't write N items to F"
 * (N: the bytes of the fwrite that failed, a line or its newline) or "couldn't flush F", status 4, and -i
 * leaves the file untouched. GNU's temporary file is `sedXXXXXX` with a random suffix (mkostemp), shown here as
 * XXXXXX. Checked against busybox 1.35 and GNU sed 4.9 on a `mount -t tmpfs -o size=8k`.
 */
import { charsFitting, PAGE_SIZE } from '../fs/capacity';
import { strerror, type Errno } from '../fs/errors';
import { byteLength } from '../fs/tree';
import type { Ctx } from '../shell/sys';
import { errRaw, out, STDIO_BUFSIZ, stdioFailure, type G } from './lib';

/**
 * The failure's message (without `sed: `); null where busybox says nothing (the output was cut short at fclose).
 * `flushed`: a full buffer failed to flush while sed ran (else the last flush at exit failed); `at`: where in
 * `text` the byte after the failing block is (GNU names the fwrite that overflowed the buffer: its line).
 */
function failure(ctx: Ctx, flushed: boolean, errno: Errno, file: string, text: string, at: number): string | null {
  const why = strerror(errno);
  if (ctx.flavor.userland !== 'gnu') return flushed ? 'write error' : null;
  if (!flushed) return `couldn't flush ${file === 'stdout' ? 'stdout' : '<unknown>'}: ${why}`;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const items = text[at] === '\n' ? 1 : (lineEnd < 0 ? text.length : lineEnd) - lineStart;
  return `couldn't write ${items} item${items === 1 ? '' : 's'} to ${file}: ${why}`;
}

/**
 * sed's stdout, written while it runs in stdio's blocks: a full buffer goes out when more output follows it,
 * the rest at exit. After a failed write nothing more is written; busybox dies at once (puts_maybe_newline's
 * ferror check), which `failed` tells the caller with the status to end with.
 */
export class SedStdout {
  /** Written text since its last newline: the start of the line a failing block cuts (GNU's item count). */
  private tail = '';
  failed: number | null = null;

  constructor(private readonly ctx: Ctx) {}

  /** Writes the full blocks of `sink.res` that more output follows (all of it when `final`); keeps the rest. */
  *drain(sink: { res: string }, final: boolean, status: number): G<void> {
    while (this.failed === null && (final ? sink.res.length > 0 : sink.res.length > STDIO_BUFSIZ)) {
      const block = sink.res.slice(0, STDIO_BUFSIZ);
      const e = yield* out(this.ctx, block);
      if (e !== null) {
        const flushed = sink.res.length > STDIO_BUFSIZ;
        const text = this.tail + sink.res;
        const msg = failure(this.ctx, flushed, e, 'stdout', text, this.tail.length + STDIO_BUFSIZ);
        if (msg !== null) errRaw(this.ctx, `sed: ${msg}\n`);
        this.failed = msg === null ? status : 4;
        return;
      }
      sink.res = sink.res.slice(block.length);
      const nl = block.lastIndexOf('\n');
      this.tail = nl < 0 ? this.tail + block : block.slice(nl + 1);
    }
  }
}

/**
 * sed -i: the edited text goes to a new file next to `f`, renamed over it; while it is written the original still
 * holds its pages. Returns sed's status (4 when it failed; the file is then untouched).
 */
export function sedInPlace(ctx: Ctx, f: string, text: string): number {
  const space = ctx.fs.stat(f, ctx.cwd, ctx.cred).mount?.tree.space;
  const room = space ? (space.pages - space.used) * PAGE_SIZE : Infinity;
  if (byteLength(text) > room) {
    const slash = f.lastIndexOf('/');
    const flushed = stdioFailure(byteLength(text), room) === 'flush';
    const msg = failure(ctx, flushed, 'ENOSPC', `${slash < 0 ? '.' : f.slice(0, slash)}/sedXXXXXX`, text, charsFitting(text, room + STDIO_BUFSIZ));
    if (msg !== null) { errRaw(ctx, `sed: ${msg}\n`); return 4; }
    text = text.slice(0, charsFitting(text, room));
  }
  ctx.fs.writeFile(f, ctx.cwd, ctx.cred, text);
  return 0;
}
