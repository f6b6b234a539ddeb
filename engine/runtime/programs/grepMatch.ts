/**
 * How busybox grep (findutils/grep.c, built without EXTRA_COMPAT as the image is) decides that a pattern
 * matches a line, for -x, -w and -F, and which parts of the line -o prints.
 */
import type { Regex } from './regex/index';

/** A line's first matching pattern and the range busybox keeps for -o. */
export interface Found {
  readonly re: Regex | null;
  /** -F: the pattern (-Fo prints it, not the text it matched). */
  readonly pat: string;
  readonly start: number;
  readonly end: number;
}

/** Thrown when a pattern does not compile: grep dies with this message. */
export class BadRegex extends Error {}

const isWord = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

/**
 * regexec on the line; -x wants the match to be the whole line; -w retries after a match that touches a
 * word character (from its end, with REG_NOTBOL; an empty match ends the search). busybox keeps the
 * retried match's offsets relative to where the retry started, and -o then uses them from the line's start.
 */
export function regexMatch(re: Regex, line: string, flags: ReadonlySet<string>): Found | null {
  let at = 0;
  for (;;) {
    const m = re.extent(line, at, at > 0);
    if (m === null) return null;
    const [so, eo] = [m[0] - at, m[1] - at];
    if (flags.has('x')) return m[0] === 0 && m[1] === line.length ? { re, pat: '', start: so, end: eo } : null;
    if (!flags.has('w')) return { re, pat: '', start: so, end: eo };
    if (!isWord(m[0] > 0 ? line[m[0] - 1] : ' ') && !isWord(line[m[1]])) return { re, pat: '', start: so, end: eo };
    if (eo === 0) return null;
    at += eo;
  }
}

/** -F: strstr (strcasestr for -i); -x wants the whole line, -w retries one character after a match that touches a word. */
export function fixedMatch(pat: string, line: string, icase: boolean, flags: ReadonlySet<string>): Found | null {
  const hay = icase ? line.replace(/[A-Z]/g, (c) => c.toLowerCase()) : line;
  const needle = icase ? pat.replace(/[A-Z]/g, (c) => c.toLowerCase()) : pat;
  let from = 0;
  for (;;) {
    const at = hay.indexOf(needle, from);
    if (at < 0) return null;
    const hit = { re: null, pat, start: at, end: at + pat.length };
    if (flags.has('x')) return at === from && at + pat.length === line.length ? hit : null;
    if (!flags.has('w')) return hit;
    if (!isWord(at > 0 ? line[at - 1] : ' ') && !isWord(line[at + pat.length])) return hit;
    from = at + 1;
  }
}

/** -o: the matched text, then every later match of the same pattern (REG_NOTBOL; one character skipped after an empty one). */
export function onlyMatching(re: Regex, line: string, start: number, end: number): string[] {
  const out: string[] = [];
  for (;;) {
    if (end > start) out.push(line.slice(start, end));
    if (end >= line.length) return out;
    if (end === start) end++;
    const m = re.extent(line, end, true);
    if (m === null) return out;
    [start, end] = [m[0], m[1]];
  }
}
