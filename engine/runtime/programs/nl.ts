/**
 * nl, expand and unexpand (busybox 1.36 coreutils/nl.c with libbb/print_numbered_lines.c, coreutils/expand.c).
 * busybox's nl knows -b a|t|n (only the first letter counts), -i, -s, -v, -w and a no-op -p; not -n, -h, -f,
 * -d or -l. expand and unexpand take one tab size (-t N), not a list.
 */
import type { Ctx } from '../shell/sys';
import { BB_BANNER, eachLine, err, errRaw, getopts, out, prog, readInput, splitLines, writeError, type Applet, type G } from './lib';
import { shortenLong } from './gnuLong';
import { xatouSfx } from './sizeArgs';

const NL_USAGE = `${BB_BANNER}Usage: nl [OPTIONS] [FILE]...\n\nWrite FILEs to standard output with line numbers added\n\n\t-b STYLE\tWhich lines to number - a: all, t: nonempty, n: none\n\t-i N\t\tLine number increment\n\t-s STRING\tUse STRING as line number separator\n\t-v N\t\tStart from N\n\t-w N\t\tWidth of line numbers\n`;
const EXPAND_USAGE = `${BB_BANNER}Usage: expand [-i] [-t N] [FILE]...\n\nConvert tabs to spaces, writing to stdout\n\n\t-i\tDon't convert tabs after non blanks\n\t-t\tTabstops every N chars\n`;
const UNEXPAND_USAGE = `${BB_BANNER}Usage: unexpand [-fa][-t N] [FILE]...\n\nConvert spaces to tabs, writing to stdout\n\n\t-a\tConvert all blanks\n\t-f\tConvert only leading blanks\n\t-t N\tTabstops every N chars\n`;

/** Parse the options; the usage error's status, or the options. */
function parse(ctx: Ctx, spec: string, table: Record<string, string>, usage: string) {
  // The long names of options that take a value get getopt_long's `=` mark.
  const takes = new Set([...spec.matchAll(/([a-z]):/g)].map((m) => m[1]));
  const long = Object.fromEntries(Object.entries(table).map(([n, c]) => [takes.has(c) ? `${n}=` : n, c]));
  const argv = shortenLong(long, ctx.argv, false);
  if (typeof argv === 'string') { errRaw(ctx, `${prog(ctx)}: ${argv}\n${usage}`); return 1; }
  const o = getopts(argv, spec);
  if (o.bad) {
    const name = ctx.argv[0].slice(ctx.argv[0].lastIndexOf('/') + 1);
    errRaw(ctx, `${name}: ${o.missing ? 'option requires an argument' : 'invalid option'} -- '${o.bad}'\n${usage}`);
    return 1;
  }
  return o;
}

/**
 * Each line (with its newline, if any) of each operand, in order; `-` (or none) is stdin. False: an operand
 * failed. A directory opens but reads fail: nl takes that as the end of it, expand's fclose check reports EIO.
 */
function* eachInputLine(ctx: Ctx, files: readonly string[], fn: (line: string) => G<boolean>, dirFails: boolean): G<boolean> {
  let ok = true;
  for (const f of files.length ? files : ['-']) {
    if (f === '-') {
      yield* eachLine(ctx, fn);
      continue;
    }
    if (isDir(ctx, f)) {
      if (dirFails) { err(ctx, `${f}: Input/output error`); ok = false; }
      continue;
    }
    const data = yield* readInput(ctx, f, 'plain');
    if (data === null) { ok = false; continue; }
    for (const line of splitLines(data)) if (!(yield* fn(line))) return ok;
  }
  return ok;
}

function isDir(ctx: Ctx, f: string): boolean {
  try {
    return ctx.fs.stat(f, ctx.cwd, ctx.cred).node.kind === 'dir';
  } catch {
    return false;
  }
}

/** xatoi_positive: 0..INT_MAX; null after printing busybox's message. */
function positive(ctx: Ctx, s: string, lower = 0, upper = 0x7fffffff): number | null {
  const v = xatouSfx(s, [], lower, upper);
  if (typeof v === 'number') return v;
  err(ctx, v.msg);
  return null;
}

export const nl: Applet = function* (ctx) {
  const o = parse(ctx, 'pw:s:v:i:b:', {
    'body-numbering': 'b', 'line-increment': 'i', 'no-renumber': 'p', 'number-separator': 's', 'starting-line-number': 'v', 'number-width': 'w',
  }, NL_USAGE);
  if (typeof o === 'number') return o;
  const num = (c: string, d: number): number | null => (o.values.has(c) ? positive(ctx, o.values.get(c)!.at(-1)!) : d);
  const width = num('w', 6);
  if (width === null) return 1;
  const sep = o.values.get('s')?.at(-1) ?? '\t';
  const start = num('v', 1);
  if (start === null) return 1;
  const inc = num('i', 1);
  if (inc === null) return 1;
  const style = (o.values.get('b')?.at(-1) ?? 't')[0];
  const blank = ' '.repeat(width + sep.length);
  // The number goes on across files (an unsigned int: it wraps).
  let n = start;
  let failed: string | null = null;
  const ok = yield* eachInputLine(ctx, o.rest, function* (line) {
    const text = line.endsWith('\n') ? line.slice(0, -1) : line;
    let s: string;
    if (style === 'a' || (style === 't' && text !== '')) {
      s = String(n).padStart(width) + sep + text + '\n';
      n = (n + inc) >>> 0;
    } else s = blank + text + '\n';
    const e = yield* out(ctx, s);
    if (e) { failed = e; return false; }
    return true;
  }, false);
  if (failed) return writeError(ctx, failed);
  return ok ? 0 : 1;
};

/** One line with its tabs turned into spaces (only in the leading blanks with `initial`). */
function expandLine(line: string, tab: number, initial: boolean): string {
  let res = '';
  let seg = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (initial && c !== ' ' && c !== '\t') return res + line.slice(seg);
    if (c === '\t') {
      const len = i - seg;
      res += line.slice(seg, i) + ' '.repeat(tab - (len % tab));
      seg = i + 1;
    }
  }
  return res + line.slice(seg);
}

/** One line with runs of spaces ending at tab stops turned into tabs: the leading ones, or all with `all`. */
function unexpandLine(line: string, tab: number, all: boolean): string {
  let res = '';
  let p = 0;
  let column = 0;
  while (p < line.length) {
    let len = 0;
    while (line[p] === ' ') { p++; len++; }
    column += len;
    if (line[p] === '\t') {
      column += tab - (column % tab);
      p++;
      continue;
    }
    let n = Math.floor(column / tab);
    if (n) {
      len = column = column % tab;
      res += '\t'.repeat(n);
    }
    if (!all && p !== 0) return res + ' '.repeat(len) + line.slice(p);
    const m = /^[^\t ]*/.exec(line.slice(p))![0];
    res += ' '.repeat(len) + m;
    n = m.length;
    p += n;
    column = (column + n) % tab;
  }
  return res;
}

export const expand: Applet = function* (ctx) {
  const isExpand = ctx.argv[0].slice(ctx.argv[0].lastIndexOf('/') + 1) === 'expand';
  const o = isExpand
    ? parse(ctx, 'it:', { initial: 'i', tabs: 't' }, EXPAND_USAGE)
    : parse(ctx, 'ft:a', { 'first-only': 'f', tabs: 't', all: 'a' }, UNEXPAND_USAGE);
  if (typeof o === 'number') return o;
  const tab = positive(ctx, o.values.get('t')?.at(-1) ?? '8', 1, 0xffffffff);
  if (tab === null) return 1;
  // unexpand: -t implies -a, an explicit -f overrides both.
  const all = !o.flags.has('f') && (o.flags.has('a') || o.flags.has('t'));
  let failed: string | null = null;
  const ok = yield* eachInputLine(ctx, o.rest, function* (line) {
    const e = yield* out(ctx, isExpand ? expandLine(line, tab, o.flags.has('i')) : unexpandLine(line, tab, all));
    if (e) { failed = e; return false; }
    return true;
  }, true);
  if (failed) return writeError(ctx, failed);
  return ok ? 0 : 1;
};
