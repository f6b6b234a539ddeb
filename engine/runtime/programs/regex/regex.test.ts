/**
 * The POSIX regex engine: glibc's parse (contexts, intervals, brackets, errors) and regexec's matching
 * (leftmost, then longest, groups by preference among the longest). The differential suite checks the
 * same against real busybox through grep, sed, awk and expr; these pin the engine's own rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POSIX_BASIC as BRE, POSIX_EXTENDED as ERE, Regex, RegexError } from './index';

const m = (src: string, s: string, syntax = ERE, icase = false): number[] | null => {
  const r = new Regex(src, syntax, icase).exec(s);
  return r && Array.from(r);
};
const error = (src: string, syntax = ERE): string => {
  try {
    new Regex(src, syntax);
    return 'compiled';
  } catch (e) {
    if (e instanceof RegexError) return e.message;
    throw e;
  }
};

describe('matching as regexec does', () => {
  it('the leftmost match, then the longest there, whatever the order of the alternatives', () => {
    expect(m('a|ab', 'xabcd')).toEqual([1, 3]);
    expect(m('a\\|ab\\|abc', 'abcd', BRE)).toEqual([0, 3]);
    expect(m('c|abcd', 'abcd')).toEqual([0, 4]);
    expect(m('x*', 'abc')).toEqual([0, 0]);
  });

  it('groups: the preferred path among those of the longest length; the last iteration of a repeated group', () => {
    expect(m('(a|ab)(c|bcd)', 'abcd')).toEqual([0, 4, 0, 1, 1, 4]);
    expect(m('(a|b)*', 'abab')).toEqual([0, 4, 3, 4]);
    expect(m('(a*)*', 'aa')).toEqual([0, 2, 0, 2]);
    expect(m('(a*)*', 'b')).toEqual([0, 0, 0, 0]);
    expect(m('(a)|b', 'b')).toEqual([0, 1, -1, -1]);
    expect(m('\\(a\\)\\1', 'xaay', BRE)).toEqual([1, 3, 1, 2]);
    // An empty optional copy after a required one keeps the group (glibc restores it); a first one does not.
    expect(m('(b|){1,2}', 'b')).toEqual([0, 1, 0, 1]);
    expect(m('(b|){,2}c', 'bc')).toEqual([0, 2, 1, 1]);
  });

  it('anchors and word assertions; ^ and $ are ordinary in the middle of a BRE', () => {
    expect(m('^b', 'ab')).toBeNull();
    expect(m('a$b', 'a$b', BRE)).toEqual([0, 3]);
    expect(m('a^b', 'a^b', BRE)).toEqual([0, 3]);
    expect(m('\\(^a\\)', 'a', BRE)).toEqual([0, 1, 0, 1]);
    expect(m('x|^y', 'y')).toEqual([0, 1]);
    expect(m('\\<foo\\>', 'a foo b', BRE)).toEqual([2, 5]);
    expect(m('\\bo', 'foo o')).toEqual([4, 5]);
    expect(m('\\Bo', 'foo o')).toEqual([1, 2]);
    expect(new Regex('^a', ERE).exec('aa', 1, true)).toBeNull();
    expect(Array.from(new Regex('\\<a', ERE).exec('aa', 1, true)!)).toEqual([1, 2]);
  });

  it('brackets, classes, intervals and case folding', () => {
    expect(m('[]a]+', 'x]a]')).toEqual([1, 4]);
    expect(m('[^]a]', ']ab')).toEqual([2, 3]);
    expect(m('[a-]+', 'x-a-')).toEqual([1, 4]);
    expect(m('[[:digit:][:space:]]+', 'ab1 2c')).toEqual([2, 5]);
    expect(m('[a\\]+', 'x\\a')).toEqual([1, 3]);
    expect(m('a{2,3}', 'aaaa')).toEqual([0, 3]);
    expect(m('a\\{,2\\}b', 'aaab', BRE)).toEqual([1, 4]);
    expect(m('[[:upper:]]+', 'aBc', ERE, true)).toEqual([0, 3]);
    expect(m('ABC', 'xabc', BRE, true)).toEqual([1, 4]);
    expect(m('\\w+\\s\\W', 'ab !')).toEqual([0, 4]);
  });

  it('* + ? { first in a branch: literal in a BRE, an error in a POSIX ERE; a repeated repetition is an error in a BRE', () => {
    expect(m('*b', 'a*b', BRE)).toEqual([1, 3]);
    expect(m('\\(*a\\)', '*a', BRE)).toEqual([0, 2, 0, 2]);
    expect(m('^*', '*', BRE)).toEqual([0, 1]);
    expect(error('*b')).toBe('Invalid preceding regular expression');
    expect(error('a|+')).toBe('Invalid preceding regular expression');
    expect(error('a**', BRE)).toBe('Invalid preceding regular expression');
    expect(error('\\{1\\}', BRE)).toBe('Invalid preceding regular expression');
    expect(m('a**', 'aa')).toEqual([0, 2]);
  });

  it('every regcomp error in glibc\'s words', () => {
    expect(error('a\\(', BRE)).toBe('Unmatched ( or \\(');
    expect(error('(a')).toBe('Unmatched ( or \\(');
    expect(error('a\\)', BRE)).toBe('Unmatched ( or \\(');
    expect(error('a[')).toBe('Invalid regular expression');
    expect(error('[^')).toBe('Invalid regular expression');
    expect(m('a)', 'a)')).toEqual([0, 2]);
    expect(error('[a')).toBe('Unmatched [, [^, [:, [., or [=');
    expect(error('[[:alpha:')).toBe('Unmatched [, [^, [:, [., or [=');
    expect(error('[[:foo:]]')).toBe('Invalid character class name');
    expect(error('[[.ab.]]')).toBe('Invalid collation character');
    expect(error('[z-a]')).toBe('Invalid range end');
    expect(error('[a-c-e]')).toBe('Invalid range end');
    expect(error('a\\{1', BRE)).toBe('Unmatched \\{');
    expect(error('a{1')).toBe('Unmatched \\{');
    expect(error('a{x}')).toBe('Invalid content of \\{\\}');
    expect(error('a{2,1}')).toBe('Invalid content of \\{\\}');
    expect(error('a{99999}')).toBe('Regular expression too big');
    expect(error('\\1(a)')).toBe('Invalid back reference');
    expect(error('(a)|\\1')).toBe('Invalid back reference');
    expect(error('(a)(b|\\1)')).toBe('compiled');
    expect(error('a\\')).toBe('Trailing backslash');
  });
});

describe('no pattern backtracks', () => {
  it('nested repetitions over long text take time linear in the text', () => {
    const r = new Regex('^(a+)+$', ERE);
    expect(r.test('a'.repeat(20000) + 'b')).toBe(false);
    expect(r.work).toBeLessThan(20000 * 8);
    expect(new Regex('(a|aa)*c', ERE).exec('a'.repeat(20000))).toBeNull();
  });
});

/**
 * Against a brute-force reference built on JS RegExp for the syntax both read alike (no backtracking
 * blow-up at these sizes): the leftmost start is JS's first match; the longest end is the furthest point
 * where the text from that start matches the whole pattern.
 */
describe('leftmost-longest against a brute-force reference', () => {
  const atom = fc.constantFrom('a', 'b', '.', '[ab]', '[^a]', '(a|b)', '(ab|a)', '()', '(a*)', '(b|)');
  const piece = fc.tuple(atom, fc.constantFrom('', '*', '+', '?', '{1,2}', '{2}')).map(([a, q]) => a + q);
  const branch = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
  const pattern = fc.array(branch, { minLength: 1, maxLength: 3 }).map((b) => b.join('|'));
  const text = fc.stringMatching(/^[abc]{0,12}$/);

  it('finds the same match extent', () => {
    fc.assert(fc.property(pattern, text, (src, s) => {
      const js = new RegExp(src).exec(s);
      const ours = new Regex(src, ERE).extent(s);
      if (!js) return ours === null;
      const whole = new RegExp(`^(?:${src})$`);
      let end = -1;
      for (let e = js.index; e <= s.length; e++) if (whole.test(s.slice(js.index, e))) end = e;
      return ours !== null && ours[0] === js.index && ours[1] === end;
    }), { numRuns: 3000, seed: 42 });
  });
});
