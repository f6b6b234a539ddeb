/**
 * uniq (busybox coreutils/uniq.c; the options coreutils shares): -c -d -u -i -z, -f N fields and -s N characters
 * skipped before comparing, -w N characters compared, and `uniq [INPUT [OUTPUT]]` (`-` is stdin or stdout).
 * Standard input and devices are read as they come, one line held: `tail -f log | uniq` prints as lines change,
 * in stdio's blocks, and `yes | uniq | head -n 1` ends at the data budget as in a container it never ends.
 */
import { BB_BANNER, badOption, eachLine, err, errnoMsg, errRaw, finish, getopts, openDevice, readInput, splitLines, stdio, type Applet, type G } from './lib';
import { wording } from './wording';

const USAGE = `${BB_BANNER}Usage: uniq [-cduiz] [-f,s,w N] [FILE [OUTFILE]]\n\nDiscard duplicate lines\n\n\t-c\tPrefix lines by the number of occurrences\n\t-d\tOnly print duplicate lines\n\t-u\tOnly print unique lines\n\t-i\tIgnore case\n\t-z\tNUL terminated output\n\t-f N\tSkip first N fields\n\t-s N\tSkip first N chars (after any skipped fields)\n\t-w N\tCompare N characters in line\n`;

const isSpace = (c: string) => c === ' ' || (c >= '\t' && c <= '\r');

/** The part of a line uniq compares: after `fields` runs of blanks and non-blanks, then `chars` characters. */
function keyOf(line: string, fields: number, chars: number, width: number, fold: boolean): string {
  let i = 0;
  for (let f = 0; f < fields; f++) {
    while (i < line.length && isSpace(line[i])) i++;
    while (i < line.length && !isSpace(line[i])) i++;
  }
  i = Math.min(line.length, i + chars);
  const key = line.slice(i, width === Infinity ? undefined : i + width);
  // strncasecmp in the C locale folds ASCII letters only.
  return fold ? key.replace(/[A-Z]/g, (c) => c.toLowerCase()) : key;
}

export const uniq: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'cduf:s:w:iz');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const num = (c: string, d: number): number | null => {
    const v = o.values.get(c)?.at(-1);
    if (v === undefined) return d;
    if (!/^[0-9]+$/.test(v) || Number(v) > 2 ** 31 - 1) { err(ctx, `invalid number '${v}'`); return null; }
    return Number(v);
  };
  const fields = num('f', 0);
  const chars = num('s', 0);
  const width = num('w', Infinity);
  if (fields === null || chars === null || width === null) return 1;
  if (o.rest.length > 2) { errRaw(ctx, wording(ctx).extraOperand('uniq', o.rest[2]) ?? USAGE); return 1; }
  const [input = '-', output = '-'] = o.rest;
  const fold = o.flags.has('i');
  const eol = o.flags.has('z') ? '\0' : '\n';
  // busybox opens the input (as fd 0), then the output (O_TRUNC), before it reads a line.
  const dev = input === '-' ? null : openDevice(ctx, input);
  let text: string | null = null;
  if (input !== '-' && !dev) {
    text = yield* readInput(ctx, input);
    if (text === null) return 1;
  }
  let toFile = false;
  if (output !== '-') {
    try {
      ctx.fs.writeFile(output, ctx.cwd, ctx.cred, '');
      toFile = true;
    } catch (e) {
      if (dev) ctx.k.closeOf(dev);
      err(ctx, `can't open '${output}': ${errnoMsg(e)}`);
      return 1;
    }
  }
  const so = stdio(ctx);
  let fileText = '';
  const emit = function* (s: string): G<void> {
    if (toFile) fileText += s;
    else if (so.put(s)) yield* so.drain();
  };
  let held: string | null = null;
  let heldKey = '';
  let dups = 0;
  const flush = function* (): G<void> {
    if (held === null) return;
    if (!o.flags.has(dups ? 'u' : 'd')) yield* emit((o.flags.has('c') ? `${String(dups + 1).padStart(7)} ` : '') + held + eol);
  };
  const take = function* (raw: string): G<boolean> {
    const line = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
    const key = keyOf(line, fields, chars, width, fold);
    if (held !== null && key === heldKey) { dups++; return true; }
    yield* flush();
    held = line;
    heldKey = key;
    dups = 0;
    return true;
  };
  try {
    if (text !== null) { for (const raw of splitLines(text)) yield* take(raw); } else yield* eachLine(ctx, take, dev ?? undefined);
  } finally {
    if (dev) ctx.k.closeOf(dev);
  }
  yield* flush();
  if (toFile) {
    try {
      ctx.fs.writeFile(output, ctx.cwd, ctx.cred, fileText, true);
    } catch (e) {
      err(ctx, `${output}: ${errnoMsg(e)}`);
      return 1;
    }
  }
  return yield* finish(ctx, so, 0, true);
};
