/** tac (busybox coreutils/tac.c) and paste (coreutils/paste.c), as busybox 1.36 behaves. */
import { BB_BANNER, err, errRaw, getopts, out, readInput, writeError, type Applet, type G } from './lib';
import type { Ctx } from '../shell/sys';

/** getopt32's complaint about option `c`, then bb_show_usage (status 1). */
function usage(ctx: Ctx, c: string, body: string, missing = false): number {
  err(ctx, `${missing ? 'option requires an argument' : 'invalid option'} -- '${c}'`);
  errRaw(ctx, BB_BANNER + body);
  return 1;
}

/** A file operand that is a directory: opening it works, reading it fails (EISDIR). */
function isDirectory(ctx: Ctx, name: string): boolean {
  if (name === '-') return false;
  const n = ctx.fs.exists(name, ctx.cwd, ctx.cred);
  return n !== null && n.kind === 'dir';
}

/** Lines of `text` with their newlines; a last line without one stays as it is. */
function linesOf(text: string): string[] {
  const lines = text.split('\n').map((l) => l + '\n');
  const last = lines.pop()!;
  if (last !== '\n') lines.push(last.slice(0, -1));
  return lines;
}

/**
 * tac reads every operand (the last first; stdin for none) into one stack of lines, then writes the
 * stack: each file's lines reversed, files in operand order. Options are refused (`tac -s`).
 */
export const tac: Applet = function* (ctx) {
  const o = getopts(ctx.argv, '');
  if (o.bad) return usage(ctx, o.bad, 'Usage: tac [FILE]...\n\nConcatenate FILEs and print them in reverse\n');
  const files = o.rest.length ? o.rest : ['-'];
  const stack: string[] = [];
  let status = 0;
  for (let i = files.length - 1; i >= 0; i--) {
    const f = files[i];
    if (isDirectory(ctx, f)) { err(ctx, `${f}: Is a directory`); status = 1; continue; }
    const text = yield* readInput(ctx, f, 'plain');
    if (text === null) { status = 1; continue; }
    stack.push(...linesOf(text));
  }
  const failed = stack.length ? yield* out(ctx, stack.reverse().join('')) : null;
  return failed ? writeError(ctx, failed) : status;
};

/** paste -d's list: libbb's escape sequences (\n \t \\ \0, octal, \xHH …); an unknown one stays as written. */
function delimiters(spec: string): string[] {
  const simple: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
  const outList: string[] = [];
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c !== '\\' || i + 1 >= spec.length) { outList.push(c); continue; }
    const n = spec[i + 1];
    const oct = /^[0-7]{1,3}/.exec(spec.slice(i + 1));
    const hex = /^x([0-9a-fA-F]{1,2})/.exec(spec.slice(i + 1));
    if (oct) { outList.push(String.fromCharCode(parseInt(oct[0], 8) & 0xff)); i += oct[0].length; } else if (hex) {
      outList.push(String.fromCharCode(parseInt(hex[1], 16)));
      i += hex[0].length;
    } else if (n in simple) { outList.push(simple[n]); i++; } else outList.push('\\');
  }
  return outList;
}

/** One opened operand: its lines (newlines dropped) and how many were read; every `-` shares stdin's. */
interface Source { lines: string[]; next: number }

function* openAll(ctx: Ctx, files: readonly string[]): G<Source[] | null> {
  let stdin: Source | null = null;
  const sources: Source[] = [];
  for (const f of files) {
    if (f === '-' && stdin) { sources.push(stdin); continue; }
    // A directory opens, and reading it ends at once (xmalloc_fgetline sees an error as EOF).
    const text = isDirectory(ctx, f) ? '' : yield* readInput(ctx, f, 'plain');
    if (text === null) return null;
    const s: Source = { lines: linesOf(text).map((l) => (l.endsWith('\n') ? l.slice(0, -1) : l)), next: 0 };
    if (f === '-') stdin = s;
    sources.push(s);
  }
  return sources;
}

function getline(s: Source): string | null {
  if (s.next >= s.lines.length) return null;
  return s.lines[s.next++];
}

/**
 * paste: line i of each file joined by the delimiters in turn. As busybox's paste_files does, a file
 * that has ended is skipped (no empty column), and a row whose last file has ended gets no newline.
 * -s: each file's lines on one line.
 */
export const paste: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'd:s');
  if (o.bad) {
    return usage(ctx, o.bad, 'Usage: paste [-d LIST] [-s] [FILE]...\n\nPaste lines from each input file, separated with tab\n\n\t-d LIST\tUse delimiters from LIST, not tab\n\t-s      Serial: one file at a time\n', o.missing);
  }
  const spec = o.values.get('d')?.at(-1);
  if (spec === '') { err(ctx, "-d '' is not supported"); return 1; }
  const delims = spec === undefined ? ['\t'] : delimiters(spec);
  const files = o.rest.length ? o.rest : ['-'];
  const sources = yield* openAll(ctx, files);
  if (!sources) return 1;
  let text = '';
  if (o.flags.has('s')) {
    const seen = new Set<Source>();
    for (const s of sources) {
      if (seen.has(s)) continue;
      seen.add(s);
      let k = 0;
      const lines: string[] = [];
      for (let l = getline(s); l !== null; l = getline(s)) lines.push(l);
      lines.forEach((l, i) => {
        text += l;
        if (i < lines.length - 1) { text += delims[k].replace('\0', ''); k = (k + 1) % delims.length; }
      });
      if (lines.length) text += '\n';
    }
  } else {
    const ended = new Set<number>();
    const n = sources.length;
    while (ended.size < n) {
      let k = 0;
      for (let i = 0; i < n; i++) {
        if (ended.has(i)) continue;
        const l = getline(sources[i]);
        if (l === null) { ended.add(i); continue; }
        text += l;
        let d = '\n';
        if (i !== n - 1) { d = delims[k]; k = (k + 1) % delims.length; }
        if (d !== '\0') text += d;
      }
    }
  }
  const failed = text ? yield* out(ctx, text) : null;
  return failed ? writeError(ctx, failed) : 0;
};
