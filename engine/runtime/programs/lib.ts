/** Helpers every applet uses: output, diagnostics in busybox's `applet: message` form, input. */
import { FsError, strerror, type Errno } from '../fs/errors';
import { LINE_COST, type Block, type ProcGen } from '../shell/kernel';
import { countLines, LINE_BYTES, openPath, readAll, readOf, writeFd, type Ctx } from '../shell/sys';
import type { OpenFile } from '../shell/io';
import { wording } from './wording';
import { rawErr, STDIO_BUFSIZ, type Stdio } from './stdio';

export type G<T> = Generator<Block, T, unknown>;
export type Applet = (ctx: Ctx) => ProcGen;

export function prog(ctx: Ctx): string {
  const a = ctx.argv[0];
  return a.slice(a.lastIndexOf('/') + 1);
}

/** Write to stdout; the errno when the write failed (EBADF, ENOSPC), null when all was written. */
export function* out(ctx: Ctx, s: string): G<Errno | null> {
  return yield* writeFd(ctx.k, ctx.p, 1, s);
}

export { STDIO_BUFSIZ, stdio, type Stdio } from './stdio';

/**
 * Where a program writing `total` bytes through stdio meets a failed write when only `fit` bytes fit: in a
 * flush of a full buffer while it runs ('flush': ferror is set, so checks such as die_if_ferror report it), or
 * only in the last flush at exit ('exit'). A full buffer is flushed when more output follows it.
 */
export function stdioFailure(total: number, fit: number): 'flush' | 'exit' {
  return Math.floor((total - 1) / STDIO_BUFSIZ) * STDIO_BUFSIZ > fit ? 'flush' : 'exit';
}

/** A failed write of stdout reported as the userland does (`cat: write error: No space left on device`); status 1. */
export function writeError(ctx: Ctx, errno: Errno): number {
  errRaw(ctx, wording(ctx).writeError(prog(ctx), ctx.argv[0], strerror(errno)) + '\n');
  return 1;
}

/**
 * The end of an applet writing through `so`: its last flush. busybox's fflush_stdout_and_exit (`checked`: wc,
 * du) reports a failed one as `standard output: why`; other busybox applets (mkdir -v, rm -v …) never look.
 * coreutils' close_stdout reports any failed write, without the errno when the last flush itself did not fail.
 */
export function* finish(ctx: Ctx, so: Stdio, status: number, checked: boolean): G<number> {
  const last = yield* so.flush();
  if (ctx.flavor.userland === 'gnu') {
    if (so.failed === null) return status;
    if (so.early) { errRaw(ctx, `${ctx.argv[0]}: write error\n`); return 1; }
    return writeError(ctx, so.failed);
  }
  if (!checked || last === null) return status;
  err(ctx, `standard output: ${strerror(last)}`);
  return 1;
}

/** A diagnostic on stderr: `prog: msg`. Never blocks. */
/** The colon-separated entries of /etc/passwd or /etc/group; none when the file cannot be read. */
function dbEntries(ctx: Ctx, file: string): string[][] {
  try {
    return ctx.fs.readFile(file, '/', ctx.cred).split('\n').map((line) => line.split(':'));
  } catch {
    return [];
  }
}

/** The name that /etc/passwd or /etc/group gives numeric id `id`. */
export function nameForId(ctx: Ctx, file: string, id: number): string | null {
  for (const f of dbEntries(ctx, file)) if (f.length > 2 && Number(f[2]) === id) return f[0];
  return null;
}

/** The numeric id of `name` (a number stands for itself) in /etc/passwd or /etc/group. */
export function idForName(ctx: Ctx, file: string, name: string): number | null {
  if (/^[0-9]+$/.test(name)) return Number(name);
  for (const f of dbEntries(ctx, file)) if (f[0] === name) return Number(f[2]);
  return null;
}

/** The primary group id of user `uid` (the fourth field of its /etc/passwd entry); 0 when unknown. */
export function primaryGroupOf(ctx: Ctx, uid: number): number {
  for (const f of dbEntries(ctx, '/etc/passwd')) if (f.length > 3 && Number(f[2]) === uid) return Number(f[3]);
  return 0;
}

export function err(ctx: Ctx, msg: string): void {
  errRaw(ctx, `${prog(ctx)}: ${msg}\n`);
}

/** Text on stderr, after what the applet's stdio buffer holds (busybox's verror_msg flushes stdout first). */
export function errRaw(ctx: Ctx, text: string): void {
  if (ctx.stdio && !ctx.stdio.beforeErr(text)) return;
  rawErr(ctx, text);
}

export function errnoMsg(e: unknown): string {
  if (e instanceof FsError) return e.message;
  throw e;
}

/** `missing`: `bad` is an option whose value is missing (not an unknown one). */
/** `order`: the options in the order given (a later one may override an earlier, as grep's -C and -A). */
export interface Opts { flags: Set<string>; values: Map<string, string[]>; rest: string[]; bad: string | null; missing?: boolean; order: string[] }

/** getopt32-style parsing: `spec` like "nrk:" (colon: takes a value); stops at `--`. */
export function getopts(argv: readonly string[], spec: string, stopAtFirst = false): Opts {
  const takes = new Set<string>();
  const known = new Set<string>();
  for (let i = 0; i < spec.length; i++) {
    known.add(spec[i]);
    if (spec[i + 1] === ':') { takes.add(spec[i]); i++; }
  }
  const o: Opts = { flags: new Set(), values: new Map(), rest: [], bad: null, order: [] };
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { i++; break; }
    if (a[0] !== '-' || a.length < 2) {
      if (stopAtFirst) break;
      o.rest.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (!known.has(c)) { o.bad = c; return o; }
      o.flags.add(c);
      o.order.push(c);
      if (takes.has(c)) {
        const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (v === undefined) { o.bad = c; o.missing = true; return o; }
        const list = o.values.get(c) ?? [];
        list.push(v);
        o.values.set(c, list);
        break;
      }
    }
  }
  o.rest.push(...argv.slice(i));
  return o;
}

/** The first line of bb_show_usage's text in the image (busybox 1.36.1 as built for busybox:1.36). */
export const BB_BANNER = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n';

export function badOption(ctx: Ctx, c: string, missing = false): number {
  const [text, status] = wording(ctx).badOption(prog(ctx), c, missing);
  errRaw(ctx, text);
  return status;
}

/** A path under `dir`, joined as libbb's concat_path_file does (no second slash after a trailing one). */
export function under(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : dir + '/' + name;
}

/** Whole contents of a file operand ('-' = stdin). null after printing busybox's open error. */
export function* readInput(ctx: Ctx, name: string, style: 'cant-open' | 'plain' = 'cant-open', lines = true): G<string | null> {
  // The caller splits the input into lines (all but wc): each line is a string it holds.
  const lineBytes = lines ? LINE_BYTES : 0;
  if (name === '-') {
    const of = ctx.p.fds[0];
    return of ? yield* readAll(ctx.k, of, lineBytes) : '';
  }
  const dev = openDevice(ctx, name);
  if (dev) {
    try {
      return yield* readAll(ctx.k, dev, lineBytes);
    } finally {
      ctx.k.closeOf(dev);
    }
  }
  let data: string;
  try {
    data = ctx.fs.readFile(name, ctx.cwd, ctx.cred);
  } catch (e) {
    const m = errnoMsg(e);
    err(ctx, wording(ctx).cantRead(prog(ctx), name, m, style));
    return null;
  }
  ctx.k.io(data.length);
  if (lines && data.length > 65536) ctx.k.hold(data.length + countLines(data) * LINE_BYTES, false);
  return data;
}

/** A file operand that is a device (/dev/zero, /dev/urandom), opened to be read as a stream; null for anything else. */
export function openDevice(ctx: Ctx, name: string): OpenFile | null {
  try {
    if (ctx.fs.stat(name, ctx.cwd, ctx.cred).node.kind !== 'dev') return null;
  } catch {
    return null;
  }
  const r = openPath(ctx.fs, ctx.p, ctx.cwd, ctx.cred, name, 'r');
  return 'err' in r ? null : r.of;
}

/**
 * Operand `f` read as a stream when it is one: standard input (`-`) or a device (/dev/zero), whose data come
 * as they are produced. `use` gets what eachChunk and eachLine read from (undefined: standard input); a device
 * is closed after it. null for anything else (a file the caller reads whole, or an error readInput reports).
 */
export function* withStream<T>(ctx: Ctx, f: string, use: (from: OpenFile | undefined) => G<T>): G<{ value: T } | null> {
  const dev = f === '-' ? null : openDevice(ctx, f);
  if (f !== '-' && !dev) return null;
  try {
    return { value: yield* use(dev ?? undefined) };
  } finally {
    if (dev) ctx.k.closeOf(dev);
  }
}

/** Stream stdin chunk by chunk into `fn` (returns false to stop early). */
export function* eachChunk(ctx: Ctx, fn: (s: string) => G<boolean>, from?: OpenFile): G<void> {
  const of = from ?? ctx.p.fds[0];
  if (!of) return;
  for (;;) {
    const s = yield* readOf(ctx.k, of);
    if (s === null) return;
    if (!(yield* fn(s))) return;
  }
}

/** Stream lines of stdin (with their newline, the last may lack one). */
export function* eachLine(ctx: Ctx, fn: (line: string) => G<boolean>, from?: OpenFile): G<void> {
  // A line arriving in many chunks is kept as pieces and joined once its newline comes (a growing
  // string searched again per chunk is quadratic: head -n 1 /dev/zero).
  const parts: string[] = [];
  let held = 0;
  let stopped = false;
  yield* eachChunk(ctx, function* (s) {
    let nl = s.indexOf('\n');
    if (nl < 0) {
      parts.push(s);
      held += s.length;
      ctx.k.hold(held);
      return true;
    }
    let buf = parts.length ? parts.join('') + s : s;
    nl += held;
    parts.length = 0;
    held = 0;
    do {
      const line = buf.slice(0, nl + 1);
      buf = buf.slice(nl + 1);
      ctx.k.io(LINE_COST);
      if (!(yield* fn(line))) { stopped = true; return false; }
    } while ((nl = buf.indexOf('\n')) >= 0);
    if (buf !== '') { parts.push(buf); held = buf.length; }
    return true;
  }, from);
  if (!stopped && held > 0) yield* fn(parts.join(''));
}

/** Split text into lines keeping terminators. */
export function splitLines(s: string): string[] {
  if (s === '') return [];
  const out = s.split('\n').map((l) => l + '\n');
  if (s.endsWith('\n')) out.pop();
  else out[out.length - 1] = out[out.length - 1].slice(0, -1);
  return out;
}

export function chomp(line: string): string {
  return line.endsWith('\n') ? line.slice(0, -1) : line;
}
