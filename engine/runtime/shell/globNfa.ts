/**
 * Shell patterns run as a set of states over the text, never by backtracking: a JS regex for `*a*a*a*b`
 * backtracks exponentially on a long value, and ${x//a/b}, ${x%%pat} tried every substring with one.
 * A state is how many tokens of the pattern have been matched; a star keeps its state on any character.
 * Each character costs at most one step per token, so every match is linear in the text (ash's own
 * ${x%%*b} is quadratic: its scan starts a match at every position, and so does ours for / and //).
 */

/** A literal character, any character (?), any run (*), or a bracket expression. */
type Tok = { readonly k: 'lit'; readonly c: string } | { readonly k: 'any' } | { readonly k: 'star' } | { readonly k: 'set'; readonly re: RegExp };

export interface GlobNfa {
  readonly toks: readonly Tok[];
  /** The pattern read backwards (for suffixes, run from the end of the text). */
  readonly rev: readonly Tok[];
  /** `*` and `?` do not match '/' (pathname expansion). */
  readonly path: boolean;
  /** Scratch for scans (reused: / and // start one at every position of the value). */
  readonly run: Run;
  test(s: string): boolean;
}

/** Which states were added in generation `gen`; two state lists swapped at each character. */
interface Run { mark: Uint32Array; gen: number; a: number[]; b: number[]; work: number }

/** Tokens of `pat` (quoted characters escaped with a backslash); `bracket(i)` is the source of a bracket expression at i and its end, or null. */
export function buildNfa(pat: string, path: boolean, bracket: (i: number) => { src: string; end: number } | null): GlobNfa {
  const toks: Tok[] = [];
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === '\\') { i++; toks.push({ k: 'lit', c: i < pat.length ? pat[i] : '\\' }); } else if (c === '*') { if (toks[toks.length - 1]?.k !== 'star') toks.push({ k: 'star' }); } else if (c === '?') toks.push({ k: 'any' });
    else if (c === '[') {
      const b = bracket(i);
      if (!b) { toks.push({ k: 'lit', c }); continue; }
      toks.push({ k: 'set', re: new RegExp(`^${b.src}$`) });
      i = b.end;
    } else toks.push({ k: 'lit', c });
  }
  const rev = toks.slice().reverse();
  const run: Run = { mark: new Uint32Array(toks.length + 1), gen: 0, a: [], b: [], work: 0 };
  return { toks, rev, path, run, test: (s) => fullMatch(toks, path, run, s) };
}

function accepts(t: Tok, c: string, path: boolean): boolean {
  switch (t.k) {
    case 'lit': return t.c === c;
    case 'any': return !(path && c === '/');
    case 'star': return !(path && c === '/');
    case 'set': return !(path && c === '/') && t.re.test(c);
  }
}

/**
 * Feed `s` from `start` forwards (dir 1) or backwards from just before `start` (dir -1) through `toks`:
 * the first (`longest` false) or last position p where the text between start and p matches, -1 if none.
 * Adds the work done (state steps, and one for the start) to `run.work`, for the caller's cost account.
 */
export function scan(toks: readonly Tok[], path: boolean, run: Run, s: string, start: number, dir: 1 | -1, longest: boolean): number {
  const m = toks.length;
  const mark = run.mark;
  let cur = run.a;
  let next = run.b;
  if (run.gen > 0xfff00000) { mark.fill(0); run.gen = 0; }
  let n = 0;
  cur[n++] = 0;
  mark[0] = ++run.gen;
  for (let k = 0; k < m && toks[k].k === 'star';) { mark[++k] = run.gen; cur[n++] = k; }
  let found = -1;
  run.work++;
  for (let p = start; ; p += dir) {
    if (mark[m] === run.gen) { found = p; if (!longest) break; }
    const at = dir === 1 ? p : p - 1;
    if (at < 0 || at >= s.length) break;
    const c = s[at];
    const gen = ++run.gen;
    let nn = 0;
    for (let i = 0; i < n; i++) {
      let k = cur[i];
      if (k >= m) continue;
      const t = toks[k];
      if (!accepts(t, c, path)) continue;
      if (t.k !== 'star') k++;
      // Add k and the states its stars can skip to.
      for (;;) {
        if (mark[k] === gen) break;
        mark[k] = gen;
        next[nn++] = k;
        if (k < m && toks[k].k === 'star') k++;
        else break;
      }
    }
    run.work += n;
    const t = cur; cur = next; next = t; n = nn;
    if (n === 0) break;
  }
  run.a = cur;
  run.b = next;
  return found;
}

function fullMatch(toks: readonly Tok[], path: boolean, run: Run, s: string): boolean {
  return scan(toks, path, run, s, 0, 1, true) === s.length;
}

/** ${x#pat} ${x##pat} ${x%pat} ${x%%pat}: the value without the shortest or longest matching prefix or suffix. */
export function removeAffixNfa(g: GlobNfa, value: string, op: string, work: (n: number) => void): string {
  const longest = op === '##' || op === '%%';
  g.run.work = 0;
  const front = op[0] === '#';
  const cut = front ? scan(g.toks, g.path, g.run, value, 0, 1, longest) : scan(g.rev, g.path, g.run, value, value.length, -1, longest);
  work(g.run.work);
  return cut < 0 ? value : front ? value.slice(cut) : value.slice(0, cut);
}

/**
 * ${x/pat/rep} family: / first, // all, /# prefix, /% suffix; each match the longest at its start. An empty
 * pattern leaves the value as it is (ash: "If there's no pattern to match, return the expansion unmolested").
 */
export function replaceNfa(g: GlobNfa, value: string, rep: string, op: string, work: (n: number) => void): string {
  if (g.toks.length === 0) return value;
  g.run.work = 0;
  try {
    if (op === '/#') { const j = scan(g.toks, g.path, g.run, value, 0, 1, true); return j < 0 ? value : rep + value.slice(j); }
    if (op === '/%') { const i = scan(g.rev, g.path, g.run, value, value.length, -1, true); return i < 0 ? value : value.slice(0, i) + rep; }
    // The result in flat pieces (a rope of millions of short matches takes gigabytes).
    const pieces: string[] = [];
    const parts: string[] = [];
    const first = g.toks[0];
    let from = 0;
    for (let i = 0; i < value.length;) {
      // A pattern that starts with a literal can only match where that character is.
      if (first.k === 'lit' && value[i] !== first.c) {
        const at = value.indexOf(first.c, i);
        if (at < 0) break;
        i = at;
      }
      const j = scan(g.toks, g.path, g.run, value, i, 1, true);
      if (j <= i) { i++; continue; }
      if (from < i) parts.push(value.slice(from, i));
      parts.push(rep);
      if (parts.length >= 8192) { pieces.push(parts.join('')); parts.length = 0; }
      i = from = j;
      if (op !== '//') break;
    }
    parts.push(value.slice(from));
    return pieces.join('') + parts.join('');
  } finally {
    work(g.run.work);
  }
}
