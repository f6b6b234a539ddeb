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

/** The failure's message (without `sed: `); null where busybox says nothing (the output was cut short at fclose). */
function failure(ctx: Ctx, text: string, fit: number, errno: Errno, file: string): string | null {
  const why = strerror(errno);
  const flushed = stdioFailure(byteLength(text), fit) === 'flush';
  if (ctx.flavor.userland !== 'gnu') return flushed ? 'write error' : null;
  if (!flushed) return `couldn't flush ${file === 'stdout' ? 'stdout' : '<unknown>'}: ${why}`;
  // The fwrite that overflowed the buffer: the one holding the byte after the last block that fit.
  const at = charsFitting(text, fit + STDIO_BUFSIZ);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const items = text[at] === '\n' ? 1 : (lineEnd < 0 ? text.length : lineEnd) - lineStart;
  return `couldn't write ${items} item${items === 1 ? '' : 's'} to ${file}: ${why}`;
}

/** sed's output to stdout: its status (4 after a reported failure). */
export function* sedOut(ctx: Ctx, text: string, status: number): G<number> {
  let fit = 0;
  // Written in stdio's blocks, so `fit` ends where the first block that did not fit begins.
  for (let i = 0; i < text.length; i += STDIO_BUFSIZ) {
    const block = text.slice(i, i + STDIO_BUFSIZ);
    const e = yield* out(ctx, block);
    if (e === null) { fit += byteLength(block); continue; }
    const msg = failure(ctx, text, fit, e, 'stdout');
    if (msg === null) return status;
    errRaw(ctx, `sed: ${msg}\n`);
    return 4;
  }
  return status;
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
    const msg = failure(ctx, text, room, 'ENOSPC', `${slash < 0 ? '.' : f.slice(0, slash)}/sedXXXXXX`);
    if (msg !== null) { errRaw(ctx, `sed: ${msg}\n`); return 4; }
    text = text.slice(0, charsFitting(text, room));
  }
  ctx.fs.writeFile(f, ctx.cwd, ctx.cred, text);
  return 0;
}
