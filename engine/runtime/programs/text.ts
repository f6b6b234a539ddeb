/** Text applets: head, tail (-f follows appends), tee, cut, tr, sort, seq (wc is in wc.ts, uniq in uniq.ts). */
import { FsError, strerror } from '../fs/errors';
import { countLines, openPath, readOf, writeOf, type Ctx } from '../shell/sys';
import type { OpenFile } from '../shell/io';
import { retain } from '../shell/io';
import { LINE_COST } from '../shell/kernel';
import { badOption, chomp, eachChunk, eachLine, err, errnoMsg, getopts, out, readInput, splitLines, STDIO_BUFSIZ, stdio, stdioFailure, withStream, type Applet, type G } from './lib';
import { sort } from './sort';
import { wording } from './wording';
import { grep } from './grep';
import { uniq } from './uniq';

/** A head/tail count: an optional sign, digits, an optional b/k/m suffix (512, 1024, 1048576); null if malformed. */
function parseCount(v: string): { sign: string; n: number } | null {
  const m = /^([+-]?)(\d+)([bkm]?)$/.exec(v);
  if (!m) return null;
  return { sign: m[1], n: Number(m[2]) * ({ '': 1, b: 512, k: 1024, m: 1048576 } as Record<string, number>)[m[3]] };
}

/** The value of whichever of `opts` was given last (head's and tail's -n and -c share one count). */
function lastValue(o: { order: string[]; values: Map<string, string[]> }, opts: string): string | undefined {
  const c = [...o.order].reverse().find((x) => opts.includes(x));
  return c === undefined ? undefined : o.values.get(c)!.at(-1);
}

/** head/tail accept the old `-5` form (tail `+5` too) as their first argument only. */
function legacyCount(argv: readonly string[], tail = false): string[] {
  const a = argv[1];
  if (a === undefined || !(tail ? /^[+-]\d/ : /^-\d/).test(a)) return [...argv];
  return [argv[0], '-n', tail ? a : a.slice(1), ...argv.slice(2)];
}

export const head: Applet = function* (ctx) {
  const o = getopts(legacyCount(ctx.argv), 'n:c:qv');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  // -c N counts bytes even when a later -n gives the count; -N: all but the last N lines (bytes).
  const spec = lastValue(o, 'nc') ?? '10';
  const count = parseCount(spec);
  if (!count || count.sign === '+') { err(ctx, wording(ctx).badLineCount(spec)); return 1; }
  const bytes = o.flags.has('c');
  const allBut = count.sign === '-';
  const n = count.n;
  const files = o.rest.length ? o.rest : ['-'];
  let status = 0;
  // Output goes through stdio: once a write fails head writes no more but reads on (its writes go to the buffer),
  // and says so as its stdio would (stdioFailure).
  const so = stdio(ctx);
  const put = function* (s: string): G<true> {
    if (so.put(s)) yield* so.drain();
    return true;
  };
  // A header only for a file opened; busybox starts every one after the first operand with a blank line,
  // coreutils every one after the first header it printed.
  let headers = 0;
  const gnu = ctx.flavor.userland === 'gnu';
  const header = (f: string, i: number) =>
    (files.length > 1 ? `${(gnu ? headers++ : i) ? '\n' : ''}==> ${f === '-' ? 'standard input' : f} <==\n` : '');
  for (const [i, f] of files.entries()) {
    // stdin and devices (head -c N /dev/zero) are read as streams: only what is needed.
    const streamed = allBut ? null : yield* withStream(ctx, f, function* (from) {
      yield* put(header(f, i));
      let left = n;
      if (left <= 0) return;
      if (bytes) yield* eachChunk(ctx, function* (s) { const part = s.slice(0, left); left -= part.length; return (yield* put(part)) && left > 0; }, from);
      else yield* eachLine(ctx, function* (line) { return (yield* put(line)) && --left > 0; }, from);
    });
    if (!streamed) {
      const data = yield* readInput(ctx, f, 'plain');
      if (data === null) { status = 1; continue; }
      yield* put(header(f, i));
      if (bytes) yield* put(allBut ? data.slice(0, Math.max(0, data.length - n)) : data.slice(0, n));
      else {
        const lines = splitLines(data);
        yield* put(lines.slice(0, allBut ? Math.max(0, lines.length - n) : n).join(''));
      }
    }
    // busybox checks stdout after each file it printed (die_if_ferror_stdout): a write that failed by now ends it.
    if (!gnu && so.failed !== null) { err(ctx, wording(ctx).headWrite(true, strerror(so.failed))[0]); return 1; }
  }
  // busybox's last fflush has nothing to say when its buffer is empty (a failure before was checked per file).
  const last = yield* so.flush();
  const failed = gnu ? so.failed : last;
  if (failed === null) return status;
  const { total, fit } = so;
  // coreutils' head fwrite()s whole read buffers, and glibc writes a whole block past the buffer at once: a block
  // that is complete fails at once even when no more output follows it.
  const flushed = stdioFailure(ctx.flavor.userland === 'gnu' ? total + 1 : total, fit) === 'flush';
  const [text, failStatus] = wording(ctx).headWrite(flushed, strerror(failed));
  err(ctx, text);
  return failStatus ?? status;
};

/**
 * tail of one stream read as it comes (standard input, a device), holding only what it may print: the last n
 * lines or bytes (trimmed whenever the buffer doubles, as busybox trims its tailbuf), or, from the nth on,
 * written out as they arrive. Returns the text left to print.
 */
function* tailStream(ctx: Ctx, bytes: boolean, fromStart: boolean, n: number, from?: OpenFile): G<string> {
  if (fromStart) {
    let skip = Math.max(0, n - 1);
    yield* eachChunk(ctx, function* (s) {
      let k = 0;
      if (bytes) { k = Math.min(skip, s.length); skip -= k; } else {
        while (skip > 0 && k < s.length) {
          const nl = s.indexOf('\n', k);
          if (nl < 0) { k = s.length; break; }
          k = nl + 1;
          skip--;
        }
      }
      if (k < s.length) yield* out(ctx, k ? s.slice(k) : s);
      return true;
    }, from);
    return '';
  }
  const of = from ?? ctx.p.fds[0];
  if (!of) return '';
  let buf = '';
  let limit = 65536;
  const keep = (): string => {
    if (n === 0) return '';
    if (bytes) return buf.slice(-n);
    // The start of the last n lines (a last line without its newline counts as one).
    let end = buf.endsWith('\n') ? buf.length - 1 : buf.length;
    for (let i = 0; i < n; i++) {
      const nl = buf.lastIndexOf('\n', end - 1);
      if (nl < 0) return buf;
      end = nl;
    }
    return buf.slice(end + 1);
  };
  for (let s = yield* readOf(ctx.k, of); s !== null; s = yield* readOf(ctx.k, of)) {
    buf += s;
    if (buf.length > limit) {
      buf = keep();
      limit = Math.max(65536, buf.length * 2);
    }
    ctx.k.hold(buf.length, false);
  }
  return keep();
}

export const tail: Applet = function* (ctx) {
  const o = getopts(legacyCount(ctx.argv, true), 'n:c:fFqs:v');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const spec = lastValue(o, 'nc') ?? '10';
  const count = parseCount(spec);
  if (!count) { err(ctx, wording(ctx).badLineCount(spec)); return 1; }
  const fromStart = count.sign === '+';
  const n = count.n;
  const files = o.rest.length ? o.rest : ['-'];
  // -c counts bytes (tail -c 5: the last five; -c +5 from the fifth on).
  const pickLines = (lines: string[]) => (fromStart ? lines.slice(Math.max(0, n - 1)) : n === 0 ? [] : lines.slice(-n));
  const pick = (data: string): string =>
    o.flags.has('c') ? (fromStart ? data.slice(Math.max(0, n - 1)) : n === 0 ? '' : data.slice(-n)) : pickLines(splitLines(data)).join('');
  let status = 0;
  // One operand read as a stream (standard input, a device): nothing held but what it prints.
  if (files.length === 1) {
    const streamed = yield* withStream(ctx, files[0], (from) => tailStream(ctx, o.flags.has('c'), fromStart, n, from));
    if (streamed) { yield* out(ctx, streamed.value); return status; }
  }
  if (ctx.flavor.userland === 'gnu') {
    // coreutils: a header for each file opened, the first one printed without the blank line.
    let headers = 0;
    for (const f of files) {
      const data = yield* readInput(ctx, f, 'cant-open');
      if (data === null) { status = 1; continue; }
      if (files.length > 1) yield* out(ctx, `${headers++ ? '\n' : ''}==> ${f === '-' ? 'standard input' : f} <==\n`);
      yield* out(ctx, pick(data));
    }
  } else {
    // busybox's tail opens every file first (the errors come first), then prints those it opened, with headers
    // when it opened more than one, naming each as given ('-' for stdin).
    const opened: [string, string][] = [];
    for (const f of files) {
      const data = yield* readInput(ctx, f, 'cant-open');
      if (data === null) status = 1;
      else opened.push([f, data]);
    }
    for (const [i, [f, data]] of opened.entries()) {
      if (opened.length > 1) yield* out(ctx, `${i ? '\n' : ''}==> ${f} <==\n`);
      yield* out(ctx, pick(data));
    }
  }
  if (!(o.flags.has('f') || o.flags.has('F')) || files.length !== 1 || files[0] === '-') return status;
  return yield* follow(ctx, files[0]);
};

/** tail -f: wait on the file's notify key and print what was appended (or restart on truncation). */
function* follow(ctx: Ctx, file: string): G<number> {
  let key: string;
  let seen: number;
  try {
    const st = ctx.fs.stat(file, ctx.cwd, ctx.cred);
    key = ctx.fs.keyOf(st.path, st.mount);
    seen = st.node.kind === 'file' ? st.node.data.length : 0;
  } catch {
    return 1;
  }
  for (;;) {
    yield { k: 'host', keys: [key], until: null };
    let data: string;
    try {
      data = ctx.fs.readFile(file, ctx.cwd, ctx.cred);
    } catch {
      continue;
    }
    // Each wake reads the whole file (the data budget bounds a tail -f fed by its own output).
    ctx.k.io(data.length);
    if (data.length < seen) { err(ctx, `${file}: file truncated`); seen = 0; }
    if (data.length > seen) {
      yield* out(ctx, data.slice(seen));
      seen = data.length;
    }
  }
}

export const tee: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'ai');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const outs: OpenFile[] = [];
  const names: string[] = [];
  let status = 0;
  for (const f of o.rest) {
    const r = openPath(ctx.fs, ctx.p, ctx.cwd, ctx.cred, f, o.flags.has('a') ? 'a' : 'w');
    if ('err' in r) { err(ctx, `${f}: ${new FsError(r.err).message}`); status = 1; continue; }
    outs.push(retain(r.of));
    names.push(f);
  }
  // A file that fails a write is written no more; coreutils reports it at once, busybox's die_if_ferror when
  // the input ends, and only the first such file (it exits there).
  const gnu = ctx.flavor.userland === 'gnu';
  const failed: string[] = [];
  yield* eachLine(ctx, function* (line) {
    yield* out(ctx, line);
    for (let i = 0; i < outs.length; i++) {
      if (failed[i] !== undefined) continue;
      const e = yield* writeOf(ctx.k, outs[i], line);
      if (e === null) continue;
      failed[i] = wording(ctx).teeWrite(names[i], strerror(e));
      if (gnu) err(ctx, failed[i]);
    }
    return true;
  });
  for (const of of outs) ctx.k.closeOf(of);
  const first = failed.find((m) => m !== undefined);
  if (first === undefined) return status;
  if (!gnu) err(ctx, first);
  return 1;
};

function ranges(spec: string): (i: number) => boolean {
  const parts = spec.split(',').map((r) => {
    const m = /^([0-9]*)(-?)([0-9]*)$/.exec(r);
    if (!m) return [0, -1];
    const a = m[1] ? Number(m[1]) : 1;
    const b = m[2] ? (m[3] ? Number(m[3]) : Infinity) : a;
    return [a, b];
  });
  return (i) => parts.some(([a, b]) => i >= a && i <= b);
}

export const cut: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'd:f:c:b:s');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const delim = o.values.get('d')?.[0] ?? '\t';
  const fspec = o.values.get('f')?.[0];
  const cspec = o.values.get('c')?.[0] ?? o.values.get('b')?.[0];
  if (!fspec && !cspec) { err(ctx, 'expected a list of bytes, characters, or fields'); return 1; }
  const sel = ranges((fspec ?? cspec)!);
  const files = o.rest.length ? o.rest : ['-'];
  const cutLine = (raw: string): string => {
    const line = chomp(raw);
    if (cspec) return [...line].filter((_, i) => sel(i + 1)).join('') + '\n';
    if (!line.includes(delim)) return o.flags.has('s') ? '' : line + '\n';
    return line.split(delim).filter((_, i) => sel(i + 1)).join(delim) + '\n';
  };
  let status = 0;
  for (const f of files) {
    let text = '';
    if (f === '-') {
      // Standard input is cut as it arrives (`yes | cut -c1 | head -2` ends when head does).
      yield* eachLine(ctx, function* (raw) {
        text += cutLine(raw);
        if (text.length >= STDIO_BUFSIZ) { yield* out(ctx, text); text = ''; }
        return true;
      });
    } else {
      const data = yield* readInput(ctx, f);
      if (data === null) { status = 1; continue; }
      for (const raw of splitLines(data)) text += cutLine(raw);
    }
    yield* out(ctx, text);
  }
  return status;
};

function expandSet(s: string): string {
  const classes: Record<string, string> = {
    alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \t\n\r\f\v', blank: ' \t', punct: '!-/:-@[-`{-~',
  };
  s = s.replace(/\[:([a-z]+):\]/g, (m, c: string) => classes[c] ?? m);
  s = s.replace(/\\(n|t|r|\\|[0-7]{1,3})/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c === '\\' ? '\\' : String.fromCharCode(parseInt(c, 8))));
  let outS = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i + 1] === '-' && i + 2 < s.length) {
      for (let c = s.charCodeAt(i); c <= s.charCodeAt(i + 2); c++) outS += String.fromCharCode(c);
      i += 2;
    } else outS += s[i];
  }
  return outS;
}

export const tr: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'dscC');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const set1 = expandSet(o.rest[0] ?? '');
  const set2 = expandSet(o.rest[1] ?? '');
  const del = o.flags.has('d');
  const comp = o.flags.has('c') || o.flags.has('C');
  const squeeze = o.flags.has('s');
  // What each character becomes ('' when deleted), worked out once per distinct character.
  const table = new Map<string, string>();
  const map = (ch: string): string => {
    let c = table.get(ch);
    if (c !== undefined) return c;
    const inSet = set1.includes(ch) !== comp;
    c = ch;
    if (del) { if (inSet) c = ''; } else if (inSet && set2) {
      const idx = comp ? set2.length - 1 : set1.indexOf(ch);
      c = set2[Math.min(idx, set2.length - 1)];
    }
    table.set(ch, c);
    return c;
  };
  const sqSet = squeeze ? (del ? set2 : set2 || set1) : '';
  const cls = [...new Set(set1)].map((c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
  const changing = cls === '' ? (comp ? /[\s\S]/g : /(?!)/g) : new RegExp(comp ? `[^${cls}]` : `[${cls}]`, 'g');
  let last = '';
  // tr works on blocks, not lines: `tr -dc a-z < /dev/urandom | head -c 8` must not wait for a newline.
  yield* eachChunk(ctx, function* (chunk) {
    // Each line is work as eachLine counts it (yes | tr y n ends at the data budget, not after hours).
    ctx.k.io(countLines(chunk) * LINE_COST);
    let res = '';
    if (!squeeze) {
      // Only the characters of SET1 (or of its complement) change: one regex pass finds them.
      res = chunk.replace(changing, map);
    } else {
      for (const ch of chunk) {
        const c = map(ch);
        if (c === '' || (c === last && sqSet.includes(c))) continue;
        last = c;
        res += c;
      }
    }
    yield* out(ctx, res);
    return true;
  });
  return 0;
};


export const seq: Applet = function* (ctx) {
  const o = getopts(ctx.argv.map((a, i) => (i > 0 && /^-[0-9.]/.test(a) ? '\0' + a : a)), 's:w');
  const args = o.rest.map((a) => a.replace(/^\0/, ''));
  if (o.bad || args.length < 1 || args.length > 3) { err(ctx, 'usage: seq [-w] [-s SEP] [FIRST [INC]] LAST'); return 1; }
  const nums = args.map(Number);
  for (const [i, n] of nums.entries()) if (Number.isNaN(n)) { err(ctx, wording(ctx).seqBadNumber(args[i])); return 1; }
  const [first, inc, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : nums;
  const dec = Math.max(...args.map((a) => (a.includes('.') ? a.length - a.indexOf('.') - 1 : 0)));
  const sep = o.values.get('s')?.[0] ?? '\n';
  const parts: string[] = [];
  if (inc !== 0) for (let v = first; inc > 0 ? v <= last + 1e-10 : v >= last - 1e-10; v += inc) {
    parts.push(v.toFixed(dec));
    if (parts.length % 4096 === 0) { ctx.k.charge(); ctx.k.io(4096 * LINE_COST); yield* out(ctx, parts.join(sep) + sep); parts.length = 0; }
  }
  let width = 0;
  if (o.flags.has('w')) width = Math.max(...parts.map((p) => p.length));
  if (parts.length) yield* out(ctx, parts.map((p) => p.padStart(width, '0')).join(sep) + '\n');
  return 0;
};

export const TEXT_APPLETS: [string, Applet][] = [
  ['head', head], ['tail', tail], ['tee', tee], ['cut', cut], ['tr', tr], ['sort', sort],
  ['uniq', uniq], ['seq', seq], ['grep', grep], ['egrep', grep], ['fgrep', grep],
];
export { errnoMsg };
