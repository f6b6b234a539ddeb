/**
 * POSIX regular expressions as glibc's regcomp reads them (posix/regcomp.c: peek_token, parse_reg_exp,
 * parse_branch, parse_expression, parse_dup_op, parse_bracket_exp), for the C locale busybox runs in.
 * The syntax bits that tell BRE from ERE and regcomp from busybox's EXTRA_COMPAT re_compile_pattern are
 * the fields of `Syntax`; errors carry regerror's wording.
 */

/** The RE_* syntax bits that change how a pattern reads. */
export interface Syntax {
  /** ERE: ( ) { } | + ? are operators unescaped (RE_NO_BK_PARENS, RE_NO_BK_BRACES, RE_NO_BK_VBAR). */
  readonly ext: boolean;
  /** RE_CONTEXT_INVALID_OPS: * + ? { first in a branch are an error (else skipped in ERE, literal in BRE). */
  readonly invalidOps: boolean;
  /** RE_CONTEXT_INVALID_DUP: \{ first in a BRE, and a repetition of a repetition (a**), are errors. */
  readonly invalidDup: boolean;
  /** RE_INVALID_INTERVAL_ORD: a { that does not start a valid interval is an ordinary character. */
  readonly intervalOrd: boolean;
  /** RE_NEWLINE_ALT: a newline separates alternatives. */
  readonly newlineAlt: boolean;
  /** RE_DOT_NOT_NULL: . does not match NUL. */
  readonly dotNotNull: boolean;
}

/** regcomp(…, 0) and regcomp(…, REG_EXTENDED): RE_SYNTAX_POSIX_BASIC and RE_SYNTAX_POSIX_EXTENDED. */
export const POSIX_BASIC: Syntax = { ext: false, invalidOps: false, invalidDup: true, intervalOrd: false, newlineAlt: false, dotNotNull: true };
export const POSIX_EXTENDED: Syntax = { ext: true, invalidOps: true, invalidDup: false, intervalOrd: false, newlineAlt: false, dotNotNull: true };
/** RE_SYNTAX_GREP and RE_SYNTAX_EGREP (GNU grep): a leading * is ordinary or skipped, a bad { is ordinary in an ERE. */
export const GREP: Syntax = { ...POSIX_BASIC, invalidDup: false, newlineAlt: true, dotNotNull: false };
export const EGREP: Syntax = { ...POSIX_EXTENDED, invalidOps: false, intervalOrd: true, newlineAlt: true, dotNotNull: false };

export type AssertKind = 'bol' | 'eol' | 'wordb' | 'notwordb' | 'wordstart' | 'wordend' | 'bufstart' | 'bufend';

export type Node =
  | { readonly t: 'char'; readonly c: number }
  | { readonly t: 'any' }
  | { readonly t: 'set'; readonly has: (c: number) => boolean }
  | { readonly t: 'cat'; readonly items: readonly Node[] }
  | { readonly t: 'alt'; readonly items: readonly Node[] }
  | { readonly t: 'group'; readonly n: number; readonly body: Node }
  | { readonly t: 'rep'; readonly min: number; readonly max: number; readonly body: Node }
  | { readonly t: 'assert'; readonly k: AssertKind }
  | { readonly t: 'backref'; readonly n: number }
  | { readonly t: 'empty' };

/** regerror's messages (glibc __re_error_msgid). */
export const REG = {
  BADPAT: 'Invalid regular expression',
  ECOLLATE: 'Invalid collation character',
  ECTYPE: 'Invalid character class name',
  EESCAPE: 'Trailing backslash',
  ESUBREG: 'Invalid back reference',
  EBRACK: 'Unmatched [, [^, [:, [., or [=',
  EPAREN: 'Unmatched ( or \\(',
  EBRACE: 'Unmatched \\{',
  BADBR: 'Invalid content of \\{\\}',
  ERANGE: 'Invalid range end',
  ESPACE: 'Memory exhausted',
  BADRPT: 'Invalid preceding regular expression',
  EEND: 'Premature end of regular expression',
  ESIZE: 'Regular expression too big',
  ERPAREN: 'Unmatched ) or \\)',
} as const;

export class RegexError extends Error {}

/** RE_DUP_MAX. */
const DUP_MAX = 0x7fff;

type Tok =
  | { k: 'char'; c: number } | { k: 'any' } | { k: 'bracket' } | { k: 'anchor'; a: AssertKind }
  | { k: 'alt' } | { k: 'open' } | { k: 'close' } | { k: 'star' } | { k: 'plus' } | { k: 'qmark' }
  | { k: 'opendup' } | { k: 'closedup' } | { k: 'backref'; n: number } | { k: 'class'; name: 'w' | 'W' | 's' | 'S' }
  | { k: 'trailing' } | { k: 'end' };

const WORD = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** The C locale's character classes (ctype). */
export const CLASSES: Readonly<Record<string, (c: number) => boolean>> = {
  alpha: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  digit: (c) => c >= 48 && c <= 57,
  alnum: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  upper: (c) => c >= 65 && c <= 90,
  lower: (c) => c >= 97 && c <= 122,
  space: (c) => c === 32 || (c >= 9 && c <= 13),
  blank: (c) => c === 32 || c === 9,
  punct: (c) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126),
  print: (c) => c >= 32 && c <= 126,
  graph: (c) => c >= 33 && c <= 126,
  cntrl: (c) => c < 32 || c === 127,
  xdigit: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
};

export { WORD as isWordChar };

export interface Parsed { readonly node: Node; readonly groups: number; readonly backrefs: boolean }

/** Parses `src` with `syntax`; `icase` folds letters in brackets (REG_ICASE). Throws RegexError. */
export function parseRegex(src: string, syntax: Syntax, icase: boolean): Parsed {
  let i = 0;
  let groups = 0;
  let backrefs = false;
  /** Groups whose `)` has been read (a back-reference may only name one: completed_bkref_map). */
  const closed = new Set<number>();
  let tok: Tok = { k: 'end' };
  let tokLen = 0;

  /** peek_token at `at`; `caretHere`: a ^ here anchors even in a BRE (after \( or \|, RE_CARET_ANCHORS_HERE). */
  function peek(at: number, caretHere: boolean): [Tok, number] {
    if (at >= src.length) return [{ k: 'end' }, 0];
    const c = src[at];
    if (c === '\\') {
      if (at + 1 >= src.length) return [{ k: 'trailing' }, 1];
      const d = src[at + 1];
      const lit: [Tok, number] = [{ k: 'char', c: d.charCodeAt(0) }, 2];
      switch (d) {
        case '|': return syntax.ext ? lit : [{ k: 'alt' }, 2];
        case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
          return [{ k: 'backref', n: d.charCodeAt(0) - 48 }, 2];
        case '<': return [{ k: 'anchor', a: 'wordstart' }, 2];
        case '>': return [{ k: 'anchor', a: 'wordend' }, 2];
        case 'b': return [{ k: 'anchor', a: 'wordb' }, 2];
        case 'B': return [{ k: 'anchor', a: 'notwordb' }, 2];
        case 'w': case 'W': case 's': case 'S': return [{ k: 'class', name: d }, 2];
        case '`': return [{ k: 'anchor', a: 'bufstart' }, 2];
        case '\'': return [{ k: 'anchor', a: 'bufend' }, 2];
        case '(': return syntax.ext ? lit : [{ k: 'open' }, 2];
        case ')': return syntax.ext ? lit : [{ k: 'close' }, 2];
        case '+': return syntax.ext ? lit : [{ k: 'plus' }, 2];
        case '?': return syntax.ext ? lit : [{ k: 'qmark' }, 2];
        case '{': return syntax.ext ? lit : [{ k: 'opendup' }, 2];
        case '}': return syntax.ext ? lit : [{ k: 'closedup' }, 2];
        default: return lit;
      }
    }
    const lit: [Tok, number] = [{ k: 'char', c: c.charCodeAt(0) }, 1];
    switch (c) {
      case '\n': return syntax.newlineAlt ? [{ k: 'alt' }, 1] : lit;
      case '|': return syntax.ext ? [{ k: 'alt' }, 1] : lit;
      case '*': return [{ k: 'star' }, 1];
      case '+': return syntax.ext ? [{ k: 'plus' }, 1] : lit;
      case '?': return syntax.ext ? [{ k: 'qmark' }, 1] : lit;
      case '{': return syntax.ext ? [{ k: 'opendup' }, 1] : lit;
      case '}': return syntax.ext ? [{ k: 'closedup' }, 1] : lit;
      case '(': return syntax.ext ? [{ k: 'open' }, 1] : lit;
      case ')': return syntax.ext ? [{ k: 'close' }, 1] : lit;
      case '[': return [{ k: 'bracket' }, 1];
      case '.': return [{ k: 'any' }, 1];
      case '^':
        if (!syntax.ext && !caretHere && at !== 0 && !(syntax.newlineAlt && src[at - 1] === '\n')) return lit;
        return [{ k: 'anchor', a: 'bol' }, 1];
      case '$':
        if (!syntax.ext && at + 1 !== src.length) {
          const [next] = peek(at + 1, false);
          if (next.k !== 'alt' && next.k !== 'close') return lit;
        }
        return [{ k: 'anchor', a: 'eol' }, 1];
      default: return lit;
    }
  }
  function fetch(caretHere = false): void {
    i += tokLen;
    [tok, tokLen] = peek(i, caretHere);
  }
  /** The current token's kind (read through a call: fetch changes it behind TypeScript's narrowing). */
  const kind = (): Tok['k'] => tok.k;

  function regExp(nest: number): Node {
    // A back-reference may name only groups closed before it in its own alternative (or before the alternation).
    const before = new Set(closed);
    const alts: Node[] = [branch(nest)];
    const after = new Set(closed);
    while (tok.k === 'alt') {
      fetch(true);
      const k = kind();
      closed.clear();
      for (const g of before) closed.add(g);
      if (k !== 'alt' && k !== 'end' && (nest === 0 || k !== 'close')) alts.push(branch(nest));
      else alts.push({ t: 'empty' });
      for (const g of closed) after.add(g);
    }
    closed.clear();
    for (const g of after) closed.add(g);
    return alts.length === 1 ? alts[0] : { t: 'alt', items: alts };
  }

  function branch(nest: number): Node {
    const items: Node[] = [];
    while (tok.k !== 'alt' && tok.k !== 'end' && (nest === 0 || tok.k !== 'close')) {
      const e = expression(nest);
      if (e) items.push(e);
    }
    return items.length === 1 ? items[0] : items.length === 0 ? { t: 'empty' } : { t: 'cat', items };
  }

  /** One atom and its repetitions; null for a skipped token. */
  function expression(nest: number): Node | null {
    let node: Node;
    const t = tok;
    switch (t.k) {
      case 'char': node = charNode(t.c); break;
      case 'any': node = { t: 'any' }; break;
      case 'bracket': node = bracket(); break;
      case 'open': node = subexp(nest); break;
      case 'backref':
        if (!closed.has(t.n)) throw new RegexError(REG.ESUBREG);
        backrefs = true;
        node = { t: 'backref', n: t.n };
        break;
      case 'class': {
        const f = t.name === 'w' || t.name === 'W' ? WORD : CLASSES.space;
        const neg = t.name === 'W' || t.name === 'S';
        node = { t: 'set', has: neg ? (c) => !f(c) : f };
        break;
      }
      case 'anchor':
        // An anchor is never repeated: "^*" is ^ then a literal * (or an error in an ERE).
        fetch();
        return { t: 'assert', k: t.a };
      case 'trailing': throw new RegexError(REG.EESCAPE);
      case 'opendup': case 'star': case 'plus': case 'qmark':
        if (t.k === 'opendup' && syntax.invalidDup) throw new RegexError(REG.BADRPT);
        if (syntax.invalidOps && !syntax.invalidDup) throw new RegexError(REG.BADRPT);
        if (syntax.ext) { fetch(); return null; }
        node = charNode(src.charCodeAt(i + tokLen - 1));
        break;
      case 'close':
        if (syntax.ext) { node = charNode(41); break; }
        // glibc words an unmatched \) of a BRE as it words an unmatched \( (REG_EPAREN).
        throw new RegexError(REG.EPAREN);
      case 'closedup': node = charNode(125); break;
      default: throw new RegexError(REG.BADPAT);
    }
    fetch();
    while (tok.k === 'star' || tok.k === 'plus' || tok.k === 'qmark' || tok.k === 'opendup') {
      const r = dup(node);
      if (r === null) break;
      node = r;
      if (syntax.invalidDup && (tok.k === 'star' || tok.k === 'opendup')) throw new RegexError(REG.BADRPT);
    }
    return node;
  }

  function charNode(c: number): Node {
    if (icase) {
      const lo = String.fromCharCode(c).toLowerCase().charCodeAt(0);
      const up = String.fromCharCode(c).toUpperCase().charCodeAt(0);
      if (lo !== up && c < 128) return { t: 'set', has: (x) => x === lo || x === up };
    }
    return { t: 'char', c };
  }

  function subexp(nest: number): Node {
    const n = ++groups;
    fetch(true);
    let body: Node;
    if (kind() === 'close') body = { t: 'empty' };
    else {
      body = regExp(nest + 1);
      if (kind() !== 'close') throw new RegexError(REG.EPAREN);
    }
    closed.add(n);
    return { t: 'group', n, body };
  }

  /** parse_dup_op: the repetition after `node`; null when an invalid { is read as a character (RE_INVALID_INTERVAL_ORD). */
  function dup(node: Node): Node | null {
    const t = tok;
    if (t.k !== 'opendup') {
      fetch();
      return t.k === 'star' ? { t: 'rep', min: 0, max: -1, body: node } : t.k === 'plus' ? { t: 'rep', min: 1, max: -1, body: node } : { t: 'rep', min: 0, max: 1, body: node };
    }
    const at = i;
    const number = (): number => {
      let num = -1;
      for (;;) {
        fetch();
        if (tok.k === 'end') return -2;
        if (tok.k === 'closedup' || (tok.k === 'char' && tok.c === 44)) return num;
        const c = tok.k === 'char' ? tok.c : -1;
        num = c < 48 || c > 57 || num === -2 ? -2 : num === -1 ? c - 48 : Math.min(DUP_MAX + 1, num * 10 + c - 48);
      }
    };
    let start = number();
    let end = 0;
    if (start === -1) {
      if (tok.k === 'char' && tok.c === 44) start = 0;
      else throw new RegexError(REG.BADBR);
    }
    if (start !== -2) end = tok.k === 'closedup' ? start : tok.k === 'char' && tok.c === 44 ? number() : -2;
    if (start === -2 || end === -2) {
      if (!syntax.intervalOrd) throw new RegexError(tok.k === 'end' ? REG.EBRACE : REG.BADBR);
      // Roll back: the { is an ordinary character.
      i = at;
      tokLen = 0;
      [tok, tokLen] = [{ k: 'char', c: 123 }, 1];
      return null;
    }
    if ((end !== -1 && start > end) || tok.k !== 'closedup') throw new RegexError(REG.BADBR);
    if ((end === -1 ? start : end) > DUP_MAX) throw new RegexError(REG.ESIZE);
    fetch();
    return { t: 'rep', min: start, max: end, body: node };
  }

  /** parse_bracket_exp: `i` is at the [. */
  function bracket(): Node {
    let j = i + 1;
    const neg = src[j] === '^';
    if (neg) j++;
    const singles: number[] = [];
    const ranges: [number, number][] = [];
    const preds: ((c: number) => boolean)[] = [];
    let first = true;
    /** One element at j: a character (its code) or a class predicate; moves j past it. */
    const element = (acceptHyphen: boolean): number | ((c: number) => boolean) => {
      if (j >= src.length) throw new RegexError(REG.EBRACK);
      const c = src[j];
      if (c === '[' && (src[j + 1] === '.' || src[j + 1] === '=' || src[j + 1] === ':')) {
        const kind = src[j + 1];
        const close = src.indexOf(kind + ']', j + 2);
        if (close < 0) throw new RegexError(REG.EBRACK);
        const name = src.slice(j + 2, close);
        if (name.length >= 32) throw new RegexError(REG.EBRACK);
        j = close + 2;
        if (kind === ':') {
          const f = CLASSES[name];
          if (!f) throw new RegexError(REG.ECTYPE);
          if (icase && (name === 'upper' || name === 'lower')) return CLASSES.alpha;
          return f;
        }
        if (name.length !== 1) throw new RegexError(REG.ECOLLATE);
        return name.charCodeAt(0);
      }
      if (c === '-' && !acceptHyphen && src[j + 1] !== ']') throw new RegexError(REG.ERANGE);
      j++;
      return c.charCodeAt(0);
    };
    for (;;) {
      // The pattern ending right after [ or [^ is REG_BADPAT; anywhere later, REG_EBRACK.
      if (j >= src.length) throw new RegexError(first ? REG.BADPAT : REG.EBRACK);
      if (src[j] === ']' && !first) break;
      const startAt = j;
      const lo = element(first);
      first = false;
      // A - that is not last starts a range.
      if (src[j] === '-' && j + 1 < src.length && src[j + 1] !== ']') {
        j++;
        if (src[j] === '[' && src[j + 1] === ':') throw new RegexError(REG.ERANGE);
        const hi = element(true);
        if (typeof lo !== 'number' || typeof hi !== 'number' || (src[startAt] === '[' && src[startAt + 1] === '=')) throw new RegexError(REG.ERANGE);
        if (lo > hi) throw new RegexError(REG.ERANGE);
        ranges.push([lo, hi]);
        continue;
      }
      if (typeof lo === 'number') singles.push(lo);
      else preds.push(lo);
    }
    tokLen = j + 1 - i;
    const fold = (c: number): number[] => {
      if (!icase || c >= 128) return [c];
      const s = String.fromCharCode(c);
      return [c, s.toLowerCase().charCodeAt(0), s.toUpperCase().charCodeAt(0)];
    };
    const set = new Set<number>();
    for (const c of singles) for (const f of fold(c)) set.add(f);
    const inSet = (c: number): boolean => {
      if (set.has(c)) return true;
      for (const [a, b] of ranges) if (c >= a && c <= b) return true;
      for (const p of preds) if (p(c)) return true;
      return false;
    };
    const has = icase ? (c: number): boolean => fold(c).some(inSet) : inSet;
    return { t: 'set', has: neg ? (c) => !has(c) : has };
  }

  [tok, tokLen] = peek(0, true);
  const node = regExp(0);
  if (tok.k !== 'end') throw new RegexError(REG.EPAREN);
  return { node, groups, backrefs };
}
