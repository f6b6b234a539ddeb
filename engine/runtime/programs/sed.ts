/**
 * sed (busybox editors/sed.c): -n -e -f -i[SUFFIX] -E/-r; the script's parse and run are in sedRun.ts.
 * Input files are one stream (line numbers and `$` run across them); with -i each file is edited on its own.
 */
import { badOption, eachLine, err, getopts, readInput, type Applet, type G } from './lib';
import { SedStdout, sedInPlace } from './sedOutput';
import type { Regex } from './regex/index';
import { parseScript, runSed, SedError, sedStream, takeWork, type Cmd, type InLine, type SedIo, type SedSink } from './sedRun';
import { wording } from './wording';
import type { Ctx } from '../shell/sys';

function linesOf(text: string): InLine[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const last = parts.pop()!;
  const lines = parts.map((t) => ({ text: t, nl: true }));
  if (last !== '') lines.push({ text: last, nl: false });
  return lines;
}

/** -i's optional suffix is attached (`-i.bak`, getopt32's "i::"): taken out so the rest parses as flags. */
function splitSuffix(argv: readonly string[]): { argv: string[]; suffix: string | null } {
  const out = [argv[0]];
  let suffix: string | null = null;
  for (let k = 1; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--' || !a.startsWith('-') || a === '-') { out.push(...argv.slice(k)); break; }
    const i = a.indexOf('i');
    const e = a.search(/[ef]/);
    if (i > 0 && (e < 0 || i < e) && i < a.length - 1) {
      suffix = a.slice(i + 1);
      out.push(a.slice(0, i + 1));
    } else {
      out.push(a);
      if (e === a.length - 1 && k + 1 < argv.length) out.push(argv[++k]);
    }
  }
  return { argv: out, suffix };
}

function ioFor(ctx: Ctx, cmds: Cmd[], prevRe: Regex | null): SedIo {
  const written = new Map<string, string>();
  for (const c of cmds) if ((c.c === 'w' || (c.c === 's' && c.text)) && c.text !== '/dev/stdout') written.set(c.text!, '');
  return {
    written,
    hold: '',
    prevRe,
    read: (file) => {
      try {
        return ctx.fs.readFile(file, ctx.cwd, ctx.cred);
      } catch {
        return null;
      }
    },
  };
}

function flushWritten(ctx: Ctx, io: SedIo): void {
  for (const [f, data] of io.written) {
    try {
      ctx.fs.writeFile(f, ctx.cwd, ctx.cred, data);
    } catch (e) {
      err(ctx, `can't open '${f}': ${(e as Error).message}`);
    }
  }
}

export const sedApplet: Applet = function* (ctx) {
  const { argv, suffix } = splitSuffix(ctx.argv);
  const o = getopts(argv, 'ne:f:iErs');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const ext = o.flags.has('E') || o.flags.has('r');
  const scripts = [...(o.values.get('e') ?? [])];
  for (const f of o.values.get('f') ?? []) {
    const text = yield* readInput(ctx, f);
    if (text === null) return 1;
    scripts.push(text.replace(/\n$/, ''));
  }
  let files = o.rest;
  if (scripts.length === 0) {
    if (files.length === 0) { err(ctx, 'no script specified'); return 1; }
    scripts.push(files[0]);
    files = files.slice(1);
  }
  let cmds: Cmd[];
  let prevRe: Regex | null;
  let quiet = o.flags.has('n');
  try {
    const parsed = parseScript(scripts.join('\n'), ext, ctx.flavor.userland === 'gnu');
    cmds = parsed.cmds;
    prevRe = parsed.prevRe;
    quiet ||= parsed.quiet;
  } catch (e) {
    if (!(e instanceof SedError)) throw e;
    err(ctx, e.message);
    return 1;
  }
  const io = ioFor(ctx, cmds, prevRe);
  const run = (input: InLine[]): string | null => {
    try {
      return runSed(cmds, input, quiet, io);
    } catch (e) {
      if (!(e instanceof SedError)) throw e;
      err(ctx, e.message);
      return null;
    } finally {
      ctx.k.io(takeWork(cmds, io));
    }
  };
  if (o.flags.has('i')) {
    if (files.length === 0) { err(ctx, "option requires an argument -- 'i'"); return 1; }
    let status = 0;
    for (const f of files) {
      const data = yield* readInput(ctx, f, 'plain');
      if (data === null) { status = 1; continue; }
      const text = run(linesOf(data));
      if (text === null) return 1;
      if (suffix) {
        try {
          ctx.fs.writeFile(f + suffix, ctx.cwd, ctx.cred, data);
        } catch { /* the backup is best effort, as the rename it stands for */ }
      }
      const s = sedInPlace(ctx, f, text);
      if (s !== 0) return s;
    }
    flushWritten(ctx, io);
    return status;
  }
  // The input files are one stream, fed to the script as it asks for lines: standard input as it arrives, so
  // `yes | sed 5q` ends and `tail -f log | sed …` prints as lines come (in stdio's blocks, as busybox does).
  const sink: SedSink = { res: '' };
  const co = sedStream(cmds, quiet, io, sink);
  const stdout = new SedStdout(ctx);
  let error: string | null = null;
  let done = false;
  const resume = (line?: InLine | null): void => {
    try {
      done = co.next(line as InLine | null).done === true;
    } catch (e) {
      if (!(e instanceof SedError)) throw e;
      error = e.message;
      done = true;
    } finally {
      ctx.k.io(takeWork(cmds, io));
    }
  };
  let status = 0;
  resume();
  const feed = function* (line: InLine): G<boolean> {
    resume(line);
    yield* stdout.drain(sink, false, status);
    return !done && stdout.failed === null;
  };
  for (const f of files.length ? files : ['-']) {
    if (done || stdout.failed !== null) break;
    if (f === '-') {
      yield* eachLine(ctx, (raw) => feed(raw.endsWith('\n') ? { text: raw.slice(0, -1), nl: true } : { text: raw, nl: false }));
      continue;
    }
    const data = yield* readInput(ctx, f);
    if (data === null) { status = wording(ctx).sedMissingStatus; continue; }
    for (const line of linesOf(data)) if (!(yield* feed(line))) break;
  }
  while (!done && stdout.failed === null) resume(null);
  flushWritten(ctx, io);
  // busybox dies on a script error (bb_error_msg_and_die): exit() still flushes what stdio held.
  if (error !== null) err(ctx, error);
  if (stdout.failed === null) yield* stdout.drain(sink, true, status);
  if (stdout.failed !== null) return stdout.failed;
  return error !== null ? 1 : sink.exit ?? status;
};
