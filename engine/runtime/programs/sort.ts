/** sort (busybox coreutils/sort.c): -n -g -h -V -f -r -u -c -k -t -s -b -d. */
import { badOption, chomp, errRaw, getopts, out, readInput, splitLines, type Applet } from './lib';

/** sort -h: a number with an optional K M G T P E suffix (powers of 1024). */
function human(s: string): number {
  const m = /^\s*(-?[0-9.]+)([KMGTPE]?)/.exec(s);
  if (!m) return 0;
  return (parseFloat(m[1]) || 0) * (m[2] ? 1024 ** ('KMGTPE'.indexOf(m[2]) + 1) : 1);
}

/** sort -V (strverscmp-like): runs of digits compare as numbers, the rest as text. */
function versionCmp(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) return Number(x) - Number(y) || x.length - y.length;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

export const sort: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'nrufk:t:bdshgcV');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const files = o.rest.length ? o.rest : ['-'];
  let lines: string[] = [];
  for (const f of files) {
    // xfopen_stdin: bb_simple_perror_msg(name), then exit 2 (sort's error status).
    const data = yield* readInput(ctx, f, 'plain');
    if (data === null) return 2;
    // One push per line: a spread of millions of lines overflows the stack.
    for (const l of splitLines(data)) lines.push(chomp(l));
  }
  const sep = o.values.get('t')?.[0];
  const kspec = o.values.get('k')?.[0];
  const key = (l: string): string => {
    if (!kspec) return l;
    const [a, b] = kspec.split(',');
    const start = parseInt(a, 10) - 1;
    const end = b ? parseInt(b, 10) : Infinity;
    const fields = sep !== undefined ? l.split(sep) : l.trim().split(/\s+/);
    return fields.slice(start, end === Infinity ? undefined : end).join(sep ?? ' ');
  };
  const num = o.flags.has('n') || o.flags.has('g') || o.flags.has('h');
  const fold = o.flags.has('f');
  const cmp = (x: string, y: string): number => {
    let a = key(x);
    let b = key(y);
    if (num) {
      const d = o.flags.has('h') ? human(a) - human(b) : (parseFloat(a) || 0) - (parseFloat(b) || 0);
      if (d !== 0) return d;
      a = x; b = y;
    } else if (o.flags.has('V')) {
      const d = versionCmp(a, b);
      if (d !== 0) return d;
    }
    if (fold) { a = a.toUpperCase(); b = b.toUpperCase(); }
    return a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0;
  };
  // -c: busybox names the first line out of order (-u: a repeated one too) and exits 1.
  if (o.flags.has('c')) {
    const rcmp = (x: string, y: string) => Math.sign(o.flags.has('r') ? cmp(y, x) : cmp(x, y));
    const limit = o.flags.has('u') ? -1 : 0;
    for (let i = 1; i < lines.length; i++) {
      if (rcmp(lines[i - 1], lines[i]) > limit) { errRaw(ctx, `Check line ${i}\n`); return 1; }
    }
    return 0;
  }
  lines.sort(cmp);
  if (o.flags.has('r')) lines.reverse();
  if (o.flags.has('u')) lines = lines.filter((l, i) => i === 0 || cmp(lines[i - 1], l) !== 0);
  yield* out(ctx, lines.map((l) => l + '\n').join(''));
  return 0;
};
