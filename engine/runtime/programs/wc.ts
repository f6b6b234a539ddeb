/** wc (busybox coreutils/wc.c; coreutils' wc for the GNU userland). */
import { byteLength } from '../fs/tree';
import type { Ctx } from '../shell/sys';
import { badOption, finish, getopts, readInput, stdio, type Applet } from './lib';
import { wording } from './wording';

/**
 * wc's counts in one pass: newlines, words (runs of non-blank between isspace() characters, which in the
 * containers' C locale are the six ASCII ones) and bytes (UTF-8).
 */
function countText(data: string): Record<'l' | 'w' | 'c', number> {
  let l = 0, w = 0, inWord = false;
  for (let i = 0; i < data.length; i++) {
    const ch = data.charCodeAt(i);
    if (ch === 10) l++;
    const blank = ch === 32 || (ch >= 9 && ch <= 13);
    if (!blank && !inWord) w++;
    inWord = !blank;
  }
  return { l, w, c: byteLength(data) };
}

export const wc: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'lwcmL');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const which = ['l', 'w', 'c'].filter((c) => o.flags.has(c) || (c === 'c' && o.flags.has('m')));
  const cols = which.length ? which : ['l', 'w', 'c'];
  const files = o.rest.length ? o.rest : ['-'];
  const total = { l: 0, w: 0, c: 0 };
  let status = 0;
  // coreutils sizes its columns from the inputs' sizes before it counts (fstat of each); busybox's are fixed.
  let regularBytes = 0;
  let nonRegular = false;
  if (wording(ctx).wcSizedWidth) for (const f of files) {
    const node = f === '-' ? (ctx.p.fds[0]?.kind === 'file' ? ctx.p.fds[0].info.node : null) : statOrNull(ctx, f);
    if (node?.kind === 'file') regularBytes += byteLength(node.data);
    else if (f === '-' || node) nonRegular = true;
  }
  const width = wording(ctx).wcWidth(regularBytes, nonRegular, cols.length, files.length);
  const fmt = (v: Record<string, number>, name: string) =>
    cols.map((c) => String(v[c]).padStart(width)).join(' ') + (name === '-' && files.length === 1 && o.rest.length === 0 ? '' : ' ' + name) + '\n';
  // Each file's line is printed as it is counted (through stdio: an error between comes out in order).
  const so = stdio(ctx);
  for (const f of files) {
    const data = yield* readInput(ctx, f, 'plain', false);
    if (data === null) { status = 1; continue; }
    const v = countText(data);
    total.l += v.l; total.w += v.w; total.c += v.c;
    so.add(fmt(v, f));
  }
  if (files.length > 1) so.add(fmt(total, 'total'));
  return yield* finish(ctx, so, status, true);
};

function statOrNull(ctx: Ctx, f: string) {
  try {
    return ctx.fs.stat(f, ctx.cwd, ctx.cred).node;
  } catch {
    return null;
  }
}
