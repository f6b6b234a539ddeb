/**
 * xargs (busybox findutils/xargs.c semantics): words of stdin appended to PROG ARGS, each batch run as a
 * child process through the same $PATH lookup env and timeout use. Statuses as busybox documents them:
 * 123 when a run exited 1-125 (xargs goes on), 124 when one exited 255 (xargs stops), 127 when PROG
 * is not found, 126 when it cannot be run.
 */
import type { ProcGen } from '../shell/kernel';
import { cloneFds } from '../shell/io';
import { readAll } from '../shell/sys';
import { badOption, err, errRaw, getopts, type Applet, type G } from './lib';
import { lookup } from './exec';
import type { Ctx } from '../shell/sys';

/** The words of `input` with busybox's quoting: '…', "…" and backslash; whitespace separates. */
function quotedWords(input: string): { words: string[]; error: string | null } {
  const words: string[] = [];
  let cur = '';
  let have = false;
  let q = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (q) {
      if (c === q) q = ''; else cur += c;
      continue;
    }
    if (c === '\\') {
      if (i + 1 < input.length) { cur += input[++i]; have = true; }
      continue;
    }
    if (c === '\'' || c === '"') { q = c; have = true; continue; }
    if (/[ \t\n\v\f\r]/.test(c)) {
      if (have) { words.push(cur); cur = ''; have = false; }
      continue;
    }
    cur += c;
    have = true;
  }
  if (q) return { words, error: `unmatched ${q === '\'' ? 'single' : 'double'} quote` };
  if (have) words.push(cur);
  return { words, error: null };
}

/** Lines for -I: leading whitespace skipped, empty lines ignored. */
function replLines(input: string, eol: string): string[] {
  const out: string[] = [];
  for (const raw of input.split(eol)) {
    const line = raw.replace(/^[ \t\n\v\f\r]+/, '');
    if (line !== '') out.push(line);
  }
  return out;
}

/** Run `argv` as a child and wait; null when the program is not found or cannot run (reported). */
export function* spawnAndWait(ctx: Ctx, argv: string[]): G<number | null> {
  const { applet, found } = lookup(ctx, argv[0], ctx.env);
  if (!applet) {
    err(ctx, `${argv[0]}: ${found ? 'Permission denied' : 'No such file or directory'}`);
    return found ? -126 : -127;
  }
  const child = ctx.k.spawn(ctx.p.pid, cloneFds(ctx.p.fds), (p): ProcGen => applet({ ...ctx, p, argv, env: ctx.env }));
  child.argv = argv;
  yield { k: 'child', pid: child.pid, intr: false };
  ctx.k.procs.delete(child.pid);
  return child.status;
}

export const xargs: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'trn:s:E:oI:0P:xa:', true);
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const flags = o.flags;
  const val = (c: string) => o.values.get(c)?.at(-1);
  let input: string;
  const file = val('a');
  if (file !== undefined) {
    try {
      input = ctx.fs.readFile(file, ctx.cwd, ctx.cred);
    } catch (e) {
      err(ctx, `can't open '${file}': ${(e as Error).message}`);
      return 1;
    }
  } else {
    const of = ctx.p.fds[0];
    input = of ? yield* readAll(ctx.k, of) : '';
  }
  const cmd = o.rest.length ? o.rest : ['echo'];
  let maxArgs = Infinity;
  const n = val('n');
  if (n !== undefined) {
    if (!/^[0-9]+$/.test(n) || Number(n) < 1) { err(ctx, `invalid number '${n}'`); return 1; }
    maxArgs = Number(n);
  }
  const repl = val('I');
  let batches: string[][];
  if (repl !== undefined) {
    batches = replLines(input, flags.has('0') ? '\0' : '\n').map((line) => cmd.map((a) => a.split(repl).join(line)));
  } else {
    let words: string[];
    if (flags.has('0')) {
      words = input.split('\0');
      if (words.at(-1) === '') words.pop();
    } else {
      const r = quotedWords(input);
      words = r.words;
      const eof = val('E');
      if (eof) {
        const at = words.indexOf(eof);
        if (at >= 0) words = words.slice(0, at);
      }
      // busybox dies on an unmatched quote when it meets it, after running the full batches before it.
      if (r.error) {
        const full = maxArgs === Infinity ? 0 : Math.floor(words.length / maxArgs) * maxArgs;
        const status = yield* runBatches(ctx, batchesOf(cmd, words.slice(0, full), maxArgs, true), flags.has('t'));
        if (status.stopped) return status.code;
        err(ctx, r.error);
        return 1;
      }
    }
    batches = batchesOf(cmd, words, maxArgs, flags.has('r'));
  }
  return (yield* runBatches(ctx, batches, flags.has('t'))).code;
};

function batchesOf(cmd: string[], words: string[], maxArgs: number, noEmpty: boolean): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < words.length; i += Math.min(maxArgs, words.length)) out.push([...cmd, ...words.slice(i, i + maxArgs)]);
  if (out.length === 0 && !noEmpty) out.push([...cmd]);
  return out;
}

function* runBatches(ctx: Ctx, batches: string[][], verbose: boolean): G<{ code: number; stopped: boolean }> {
  let code = 0;
  for (const argv of batches) {
    if (verbose) errRaw(ctx, argv.join(' ') + '\n');
    const status = yield* spawnAndWait(ctx, argv);
    if (status === null || status < 0) return { code: status === null ? 1 : -status, stopped: true };
    if (status === 255) {
      err(ctx, `${argv[0]}: exited with status 255; aborting`);
      return { code: 124, stopped: true };
    }
    if (status !== 0) code = 123;
  }
  return { code, stopped: false };
}
