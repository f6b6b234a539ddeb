/** cmp (busybox editors/cmp.c, 1.36): byte by byte, `-l` lists every difference, `-s` is quiet. */
import { BB_BANNER, err, errRaw, getopts, out, readInput, writeError, type Applet } from './lib';
import { utf8Bytes } from './utf8';

const USAGE = `${BB_BANNER}Usage: cmp [-ls] [-n NUM] FILE1 [FILE2 [SKIP1 [SKIP2]]]\n\nCompare FILE1 with FILE2 (or stdin)\n\n\t-l\tWrite the byte numbers (decimal) and values (octal)\n\t\tfor all differing bytes\n\t-s\tQuiet\n\t-n NUM\tCompare at most NUM bytes\n`;

/** A skip operand: a decimal count with busybox's size suffixes (XATOOFF: k, m, g … are not taken). */
function skipOf(arg: string): number | null {
  return /^\d+$/.test(arg) ? Number(arg) : null;
}

/** 1.36's long options (getopt32long): --quiet/--silent, --verbose, --bytes=N. */
function shortOptions(argv: readonly string[]): string[] {
  const outArgs: string[] = [argv[0]];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { outArgs.push(...argv.slice(i)); break; }
    if (a === '--quiet' || a === '--silent') outArgs.push('-s');
    else if (a === '--verbose') outArgs.push('-l');
    else if (a.startsWith('--bytes=')) outArgs.push('-n', a.slice(8));
    else if (a === '--bytes' && i + 1 < argv.length) outArgs.push('-n', argv[++i]);
    else outArgs.push(a);
  }
  return outArgs;
}

export const cmp: Applet = function* (ctx) {
  const o = getopts(shortOptions(ctx.argv), 'sln:');
  // -l and -s exclude each other (getopt32's "l--s:s--l").
  if (o.bad || o.rest.length < 1 || o.rest.length > 4 || (o.flags.has('l') && o.flags.has('s'))) {
    if (o.bad) err(ctx, `${o.missing ? 'option requires an argument' : 'invalid option'} -- '${o.bad}'`);
    errRaw(ctx, USAGE);
    return 1;
  }
  const silent = o.flags.has('s');
  const list = o.flags.has('l') && !silent;
  const nArg = o.values.get('n')?.at(-1);
  if (nArg !== undefined && !/^\d+$/.test(nArg)) { err(ctx, `invalid number '${nArg}'`); return 1; }
  let max = nArg === undefined ? -1 : Number(nArg);
  const [name1, name2 = '-'] = o.rest;
  const skips = o.rest.slice(2).map(skipOf);
  const badSkip = skips.findIndex((s) => s === null);
  if (badSkip >= 0) { err(ctx, `invalid number '${o.rest[2 + badSkip]}'`); return 2; }
  // Opening a file that is not there exits 2; -s silences the message.
  const open = function* (name: string) {
    if (name === '-') return yield* readInput(ctx, name);
    const n = ctx.fs.exists(name, ctx.cwd, ctx.cred);
    // A directory opens; reading it fails, which die_if_ferror reports as an I/O error.
    if (n && n.kind === 'dir') { err(ctx, `${name}: I/O error`); return null; }
    if (!n && silent) return null;
    return yield* readInput(ctx, name, 'plain');
  };
  const t1 = yield* open(name1);
  if (t1 === null) return 2;
  if (name1 === '-' && name2 === '-') return 0;
  const t2 = yield* open(name2);
  if (t2 === null) return 2;
  const a = utf8Bytes(t1).slice(skips[0] ?? 0);
  const b = utf8Bytes(t2).slice(skips[1] ?? 0);
  // Any option but -s (-l, or -n) keeps comparing after a difference, as cmp.c's `if (opt) continue` does.
  const goOn = !silent && (list || nArg !== undefined);
  let text = '';
  let status = 0;
  let line = 1;
  for (let i = 0; ; i++) {
    if (max >= 0 && --max < 0) break;
    const c1 = i < a.length ? a.charCodeAt(i) : -1;
    const c2 = i < b.length ? b.charCodeAt(i) : -1;
    if (c1 !== c2) {
      status = 1;
      if (c1 < 0 || c2 < 0) {
        if (!silent) {
          const failed = text ? yield* out(ctx, text) : null;
          if (failed) return writeError(ctx, failed);
          text = '';
          errRaw(ctx, `cmp: EOF on ${c1 < 0 ? name1 : name2}\n`);
        }
        break;
      }
      if (!silent) text += list ? `${i + 1} ${c1.toString(8).padStart(3)} ${c2.toString(8).padStart(3)}\n` : `${name1} ${name2} differ: char ${i + 1}, line ${line}\n`;
      if (goOn) continue;
      break;
    }
    if (c1 < 0) break;
    if (c1 === 10) line++;
  }
  const failed = text ? yield* out(ctx, text) : null;
  return failed ? writeError(ctx, failed) : status;
};
