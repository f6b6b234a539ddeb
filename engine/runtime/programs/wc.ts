/** wc (busybox coreutils/wc.c; coreutils' wc for the GNU userland). */
import { byteLength } from '../fs/tree';
import { readOf, type Ctx } from '../shell/sys';
import { badOption, finish, getopts, readInput, stdio, withStream, type Applet, type G } from './lib';
import { wording } from './wording';

/**
 * wc's counts in one pass: newlines, words (runs of non-blank between isspace() characters, which in the
 * containers' C locale are the six ASCII ones) and bytes (UTF-8).
 */
interface Counts { l: number; w: number; c: number; inWord: boolean }

/** Adds a piece of the input to the counts (a word may go on from the piece before). */
function count(v: Counts, data: string): Counts {
  let { l, w, inWord } = v;
  for (let i = 0; i < data.length; i++) {
    const ch = data.charCodeAt(i);
    if (ch === 10) l++;
    const blank = ch === 32 || (ch >= 9 && ch <= 13);
    if (!blank && !inWord) w++;
    inWord = !blank;
  }
  v.l = l; v.w = w; v.inWord = inWord; v.c += byteLength(data);
  return v;
}

const fresh = (): Counts => ({ l: 0, w: 0, c: 0, inWord: false });

/**
 * One operand's counts: standard input and devices are counted as they are read, holding nothing (`yes | wc -l`
 * runs until the data budget, `head -c 100000000 /dev/zero | wc -c` counts every byte); null when it cannot be read.
 */
function* countInput(ctx: Ctx, f: string): G<Counts | null> {
  const streamed = yield* withStream(ctx, f, function* (from) {
    const v = fresh();
    const of = from ?? ctx.p.fds[0];
    for (let s = of ? yield* readOf(ctx.k, of) : null; s !== null; s = yield* readOf(ctx.k, of!)) count(v, s);
    return v;
  });
  if (streamed) return streamed.value;
  const data = yield* readInput(ctx, f, 'plain', false);
  return data === null ? null : count(fresh(), data);
}

export const wc: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'lwcmL');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const which = ['l', 'w', 'c'].filter((c) => o.flags.has(c) || (c === 'c' && o.flags.has('m')));
  const cols = which.length ? which : ['l', 'w', 'c'];
  const files = o.rest.length ? o.rest : ['-'];
  const total = fresh();
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
  const fmt = (v: Counts, name: string) =>
    cols.map((c) => String(v[c as 'l' | 'w' | 'c']).padStart(width)).join(' ') + (name === '-' && files.length === 1 && o.rest.length === 0 ? '' : ' ' + name) + '\n';
  // Each file's line is printed as it is counted (through stdio: an error between comes out in order).
  const so = stdio(ctx);
  for (const f of files) {
    const v = yield* countInput(ctx, f);
    if (v === null) { status = 1; continue; }
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
