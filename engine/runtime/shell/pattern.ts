/**
 * Shell patterns (case, ${x%pat}, globbing). A pattern string here marks quoted characters with a
 * backslash, as ash's expansion does with CTLESC, so `"*"` matches only a star.
 */

import { buildNfa, removeAffixNfa, replaceNfa, type GlobNfa } from './globNfa';

/** What a pattern compiles to: a RegExp when it cannot backtrack badly (at most one star), else a state set. */
export type Matcher = RegExp | GlobNfa;
export type PatternCache = Map<string, Matcher>;
const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
};

function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? '\\' + c : c;
}

/** Translate a pattern to a regex source; `path` makes * and ? stop at '/'. */
export function patternSource(pat: string, path: boolean): string {
  let out = '';
  const any = path ? '[^/]' : '[\\s\\S]';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === '\\') {
      i++;
      out += i < pat.length ? escapeRe(pat[i]) : '\\\\';
    } else if (c === '*') out += any + '*';
    else if (c === '?') out += any;
    else if (c === '[') {
      const end = bracketEnd(pat, i);
      if (end < 0) { out += '\\['; continue; }
      let body = pat.slice(i + 1, end);
      let neg = false;
      if (body[0] === '!' || body[0] === '^') { neg = true; body = body.slice(1); }
      let cls = '';
      for (let j = 0; j < body.length; j++) {
        const b = body[j];
        if (b === '[' && body[j + 1] === ':') {
          const close = body.indexOf(':]', j + 2);
          if (close > 0) { cls += CLASSES[body.slice(j + 2, close)] ?? ''; j = close + 1; continue; }
        }
        if (b === '\\' && j + 1 < body.length) { j++; cls += escapeRe(body[j]); continue; }
        if (b === '-' && j > 0 && j < body.length - 1) { cls += '-'; continue; }
        cls += escapeRe(b);
      }
      out += neg ? `[^${cls}${path ? '/' : ''}]` : `[${cls}]`;
      i = end;
    } else out += escapeRe(c);
  }
  return out;
}

function bracketEnd(pat: string, i: number): number {
  let j = i + 1;
  if (pat[j] === '!' || pat[j] === '^') j++;
  if (pat[j] === ']') j++;
  for (; j < pat.length; j++) {
    if (pat[j] === '\\') { j++; continue; }
    if (pat[j] === '[' && pat[j + 1] === ':') {
      const close = pat.indexOf(':]', j + 2);
      if (close > 0) { j = close + 1; continue; }
    }
    if (pat[j] === ']') return j;
  }
  return -1;
}

/** A compiled matcher; the cache belongs to one container's kernel (no module state). */
export function compile(m: PatternCache, pat: string, flags: 'full' | 'prefix' | 'suffix' | 'path'): Matcher {
  const key = flags + '\0' + pat;
  let re = m.get(key);
  if (!re) {
    const src = patternSource(pat, flags === 'path');
    // Two stars or more backtrack exponentially in a JS regex (case $long in *a*a*a*b): match by states.
    const stars = src.split(']*').length - 1;
    if (stars > 1 && (flags === 'full' || flags === 'path')) re = nfaOf(pat, flags === 'path');
    else re = new RegExp(flags === 'prefix' ? `^(?:${src})` : flags === 'suffix' ? `(?:${src})$` : `^(?:${src})$`);
    if (m.size > 2048) m.clear();
    m.set(key, re);
  }
  return re;
}

function nfaOf(pat: string, path: boolean): GlobNfa {
  return buildNfa(pat, path, (i) => {
    const end = bracketEnd(pat, i);
    return end < 0 ? null : { src: patternSource(pat.slice(i, end + 1), path), end };
  });
}

/** The state-set matcher of `pat` for the scans below (cached next to the regexes). */
function nfa(m: PatternCache, pat: string): GlobNfa {
  const key = 'nfa\0' + pat;
  let g = m.get(key);
  if (!g || g instanceof RegExp) {
    g = nfaOf(pat, false);
    if (m.size > 2048) m.clear();
    m.set(key, g);
  }
  return g;
}

export function matchPattern(owner: PatternCache, pat: string, s: string): boolean {
  if (!/[*?[\\]/.test(pat)) return pat === s;
  return compile(owner, pat, 'full').test(s);
}

export function hasGlob(pat: string): boolean {
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || (c === '[' && pat.indexOf(']', i + 1) > 0)) return true;
  }
  return false;
}

/** Quote every pattern character of a literal string. */
export function escapeGlob(s: string): string {
  return /[*?[\]\\]/.test(s) ? s.replace(/[*?[\]\\]/g, '\\$&') : s;
}

/** Remove pattern quoting: the literal the pattern stands for. */
export function unescapeGlob(s: string): string {
  return s.indexOf('\\') < 0 ? s : s.replace(/\\([\s\S])/g, '$1');
}

/** ${x%pat} ${x%%pat} ${x#pat} ${x##pat}. `work` is told the steps taken (the caller's cost account). */
export function removeAffix(owner: PatternCache, value: string, pat: string, op: string, work: (n: number) => void = () => {}): string {
  return removeAffixNfa(nfa(owner, pat), value, op, work);
}

/** ${x/pat/rep} family: / first, // all, /# prefix, /% suffix. */
export function replacePattern(owner: PatternCache, value: string, pat: string, rep: string, op: string, work: (n: number) => void = () => {}): string {
  return replaceNfa(nfa(owner, pat), value, rep, op, work);
}
