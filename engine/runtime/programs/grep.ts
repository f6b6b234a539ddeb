/** grep (busybox findutils/grep.c): -q -v -i -c -n -E -F -o -r -l -h -H -w -x -s -e. */
import type { Ctx } from '../shell/sys';
import { badOption, chomp, eachLine, err, errnoMsg, errRaw, getopts, out, splitLines, STDIO_BUFSIZ, type Applet, type G } from './lib';
import { BadRegex, fixedMatch, onlyMatching, regexMatch, type Found } from './grepMatch';
import { EGREP, GREP, POSIX_BASIC, POSIX_EXTENDED, Regex, RegexError } from './regex/index';
import { wording } from './wording';

export const grep: Applet = function* (ctx) {
  try {
    return yield* grepMain(ctx);
  } catch (e) {
    if (!(e instanceof BadRegex)) throw e;
    // GNU grep prints regerror's text alone; busybox's xregcomp names the pattern.
    err(ctx, ctx.flavor.userland === 'gnu' ? e.message.replace(/^bad regex '.*': /s, '') : e.message);
    return 2;
  }
};

function* grepMain(ctx: Ctx): G<number> {
  const argv = [...ctx.argv];
  const name = argv[0].slice(argv[0].lastIndexOf('/') + 1);
  const o = getopts(argv, 'qvicnEForRlLhHwxse:f:m:A:B:C:a');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const ext = o.flags.has('E') || name === 'egrep';
  const fixed = o.flags.has('F') || name === 'fgrep';
  let pats = o.values.get('e') ?? [];
  let files = o.rest;
  if (pats.length === 0) {
    if (files.length === 0) { errRaw(ctx, wording(ctx).grepUsage); return 2; }
    pats = [files[0]];
    files = files.slice(1);
  }
  pats = pats.flatMap((p) => p.split('\n'));
  // busybox builds its pattern list by prepending (load_pattern_list's llist_add_to): the last is tried first.
  if (ctx.flavor.userland !== 'gnu') pats.reverse();
  const icase = o.flags.has('i');
  // Each pattern is compiled when a line first needs it, as busybox does (a bad one fails only then).
  const compiled: (Regex | null)[] = pats.map(() => null);
  // GNU grep reads patterns with RE_SYNTAX_GREP/EGREP; busybox (built without EXTRA_COMPAT) with regcomp's.
  const syntax = ctx.flavor.userland === 'gnu' ? (ext ? EGREP : GREP) : ext ? POSIX_EXTENDED : POSIX_BASIC;
  const regex = (k: number): Regex => (compiled[k] ??= new Regex(pats[k], syntax, icase));
  const match = (line: string): Found | null => {
    for (let k = 0; k < pats.length; k++) {
      const f = fixed ? fixedMatch(pats[k], line, icase, o.flags) : regexMatch(regex(k), line, o.flags);
      if (f) return f;
    }
    return null;
  };
  const recursive = o.flags.has('r') || o.flags.has('R');
  if (files.length === 0) files = recursive ? ['.'] : ['-'];
  const showName = o.flags.has('H') || (!o.flags.has('h') && (files.length > 1 || recursive));
  let matched = false;
  let errors = false;
  const maxCount = o.values.has('m') ? Number(o.values.get('m')![0]) : Infinity;
  // Context (-A/-B/-C: busybox reads each as a non-negative number); -C sets -A and -B, a later -A or -B overrides.
  const num = (c: string): number => {
    const v = o.values.get(c);
    return v ? Number(v[v.length - 1]) : 0;
  };
  for (const c of 'ABC') for (const v of o.values.get(c) ?? []) if (!/^\d+$/.test(v)) { err(ctx, `invalid number '${v}'`); return 2; }
  let [setA, setB] = [false, false];
  for (const c of o.order) {
    if (c === 'C') [setA, setB] = [false, false];
    else if (c === 'A') setA = true;
    else if (c === 'B') setB = true;
  }
  const listing = ['c', 'q', 'l', 'L'].some((f) => o.flags.has(f));
  const after = listing ? 0 : setA ? num('A') : num('C');
  const before = listing ? 0 : setB ? num('B') : num('C');
  const numbered = o.flags.has('n') && !listing;
  let lastPrinted = 0;
  let printedAny = false;
  /**
   * One input: a file's text, or (null) standard input read line by line, as grep reads it: `-q` and `-m`
   * stop reading at their match, so `tail -f log | grep -q ready` and `yes | grep -m1 y` end.
   */
  function* one(file: string, data: string | null): G<boolean> {
    let count = 0;
    let text = '';
    // busybox's -ov prints a matching line's prefix alone (GNU's odd -ov: no line, and no newline either).
    const emit = (s: string | null, n: number, deco: string): void => {
      if ((before || after) && printedAny && lastPrinted !== n - 1) text += '--\n';
      printedAny = true;
      lastPrinted = n;
      text += (showName ? file + deco : '') + (numbered ? `${n}${deco}` : '') + (s === null ? '' : s + '\n');
    };
    let pending = 0;
    let held: [number, string][] = [];
    let n = 0;
    let bad: RegexError | null = null;
    /** One line: 'go' on, 'stop' reading this input, 'quit' grep (-q matched). */
    const step = (raw: string): 'go' | 'stop' | 'quit' => {
      const line = chomp(raw);
      n++;
      let found: Found | null;
      try {
        found = match(line);
      } catch (e) {
        if (!(e instanceof RegexError)) throw e;
        bad = e;
        return 'stop';
      }
      const hit = (found !== null) !== o.flags.has('v');
      if (hit) {
        if (count >= maxCount) return 'stop';
        count++;
        matched = true;
        if (o.flags.has('q')) return 'quit';
        if (listing) return 'go';
        for (const [hn, h] of held) emit(h, hn, '-');
        held = [];
        pending = after;
        if (o.flags.has('o') && found) {
          if (fixed) emit(found.pat, n, ':');
          else for (const m of onlyMatching(found.re!, line, found.start, found.end)) emit(m, n, ':');
        } else if (o.flags.has('o')) emit(null, n, ':');
        else emit(line, n, ':');
      } else if (pending > 0) {
        emit(line, n, '-');
        pending--;
      } else if (before > 0) {
        held.push([n, line]);
        if (held.length > before) held.shift();
      }
      return count >= maxCount && pending === 0 ? 'stop' : 'go';
    };
    let result: 'go' | 'stop' | 'quit' = 'go';
    if (data !== null) {
      for (const raw of splitLines(data)) if ((result = step(raw)) !== 'go') break;
    } else {
      yield* eachLine(ctx, function* (raw) {
        result = step(raw);
        // stdout is a stdio buffer: what fills it goes out while grep reads on.
        if (text.length >= STDIO_BUFSIZ) { yield* out(ctx, text); text = ''; }
        return result === 'go';
      });
    }
    if (bad !== null) {
      yield* out(ctx, text);
      throw new BadRegex(`bad regex '${pats[compiled.indexOf(null)]}': ${(bad as RegexError).message}`);
    }
    if (result === 'quit') return true;
    // The matchers' steps are work like bytes moved (a long line against many patterns).
    let steps = 0;
    for (const r of compiled) if (r) { steps += r.work; r.work = 0; }
    ctx.k.io(steps);
    if (o.flags.has('c')) text += (showName ? file + ':' : '') + count + '\n';
    if (o.flags.has('l') && count > 0) text += file + '\n';
    if (o.flags.has('L') && count === 0) text += file + '\n';
    yield* out(ctx, text);
    return false;
  }
  function* walk(path: string): G<boolean> {
    const n = ctx.fs.exists(path, ctx.cwd, ctx.cred);
    if (n && n.kind === 'dir') {
      for (const e of ctx.fs.readdir(path, ctx.cwd, ctx.cred).sort()) if (yield* walk(path.replace(/\/$/, '') + '/' + e)) return true;
      return false;
    }
    return yield* one(path, ctx.fs.readFile(path, ctx.cwd, ctx.cred));
  }
  for (const f of files) {
    if (f !== '-' && recursive) { if (yield* walk(f)) return 0; continue; }
    if (f !== '-') {
      const n = ctx.fs.exists(f, ctx.cwd, ctx.cred);
      // GNU grep says so; busybox opens the directory and its read fails silently: an empty input.
      if (n && n.kind === 'dir' && ctx.flavor.userland === 'gnu') { if (!o.flags.has('s')) err(ctx, `${f}: Is a directory`); errors = true; continue; }
    }
    let data: string | null;
    if (f === '-') data = null;
    else if (ctx.fs.exists(f, ctx.cwd, ctx.cred)?.kind === 'dir') data = '';
    else {
      try {
        data = ctx.fs.readFile(f, ctx.cwd, ctx.cred);
      } catch (e) {
        if (!o.flags.has('s')) err(ctx, `${f}: ${errnoMsg(e)}`);
        errors = true;
        continue;
      }
    }
    if (yield* one(f === '-' ? '(standard input)' : f, data)) return 0;
  }
  return errors && !(o.flags.has('q') && matched) ? 2 : matched ? 0 : 1;
}

export type { Ctx };
