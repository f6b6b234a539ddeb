/**
 * A POSIX regular expression as busybox's tools get it from glibc (regcomp/regexec): the syntax of
 * parse.ts, the matching of machine.ts. Searches see the text from `from` on as busybox passes it (the
 * rest of a line after a match, with REG_NOTBOL): no look-behind past `from`.
 *
 * Each search counts its work in `work` (thread steps) for the caller to charge, as the shell's pattern
 * matcher does; a back-referencing pattern that backtracks past its limit stops the container at a budget.
 */
import { BudgetStop } from '../../shell/kernel';
import { backtrack, Pike, RegexTooHard, type Context } from './machine';
import { parseRegex, type Node, type Syntax } from './parse';
import { compile, type Program } from './program';

export { EGREP, GREP, POSIX_BASIC, POSIX_EXTENDED, RegexError, type Syntax } from './parse';

type Pred = (c: number) => boolean;
const NONE: Pred = () => false;

/** The characters a match can start with (null: any, or the pattern can match empty). */
function firstChars(root: Node): Pred | null {
  const walk = (n: Node): { f: Pred | null; empty: boolean } => {
    switch (n.t) {
      case 'char': { const c = n.c; return { f: (x) => x === c, empty: false }; }
      case 'set': return { f: n.has, empty: false };
      case 'any': case 'backref': return { f: null, empty: n.t === 'backref' };
      case 'assert': case 'empty': return { f: NONE, empty: true };
      case 'group': return walk(n.body);
      case 'rep': { const r = walk(n.body); return { f: r.f, empty: r.empty || n.min === 0 }; }
      case 'cat': case 'alt': {
        const fs: Pred[] = [];
        let empty = n.t === 'cat';
        for (const x of n.items) {
          const r = walk(x);
          if (r.f === null) return { f: null, empty: true };
          fs.push(r.f);
          if (n.t === 'alt') empty ||= r.empty;
          else if (!r.empty) { empty = false; break; }
        }
        return { f: fs.length === 1 ? fs[0] : (x) => fs.some((f) => f(x)), empty };
      }
    }
  };
  const r = walk(root);
  return r.empty ? null : r.f;
}

function startsWithBol(n: Node): boolean {
  switch (n.t) {
    case 'assert': return n.k === 'bol';
    case 'cat': return n.items.length > 0 && startsWithBol(n.items[0]);
    case 'alt': return n.items.every(startsWithBol);
    case 'group': return startsWithBol(n.body);
    default: return false;
  }
}

/** The text of a pattern that is only ordinary characters (searched with indexOf). */
function literalOf(n: Node): string | null {
  if (n.t === 'char') return String.fromCharCode(n.c);
  if (n.t !== 'cat' || !n.items.every((x) => x.t === 'char')) return null;
  return n.items.map((x) => String.fromCharCode((x as { c: number }).c)).join('');
}

export class Regex {
  readonly groups: number;
  /** Thread steps of the searches so far (the owner resets and charges it). */
  work = 0;
  private readonly prog: Program;
  private readonly pike: Pike | null;
  private readonly anchored: boolean;
  private readonly first: Pred | null;
  private readonly literal: string | null;
  private readonly dotNotNull: boolean;

  constructor(readonly source: string, syntax: Syntax, readonly icase = false) {
    const parsed = parseRegex(source, syntax, icase);
    this.groups = parsed.groups;
    this.prog = compile(parsed.node, parsed.groups);
    this.pike = parsed.backrefs ? null : new Pike(this.prog);
    this.anchored = startsWithBol(parsed.node);
    this.first = firstChars(parsed.node);
    this.literal = parsed.groups === 0 ? literalOf(parsed.node) : null;
    this.dotNotNull = syntax.dotNotNull;
  }

  /** regexec: the match in `s` searched from `from` (slots [start, end, g1 start, g1 end, …], -1 unset), or null. */
  exec(s: string, from = 0, notbol = false): Int32Array | null {
    return this.search(s, from, notbol, false, true);
  }

  /** Where the match is, without its groups (cheaper). */
  extent(s: string, from = 0, notbol = false): Int32Array | null {
    return this.search(s, from, notbol, false, false);
  }

  test(s: string, from = 0, notbol = false): boolean {
    return this.search(s, from, notbol, true, false) !== null;
  }

  /** The match's slots without the progress marks that follow them. */
  private slots(m: Int32Array | null): Int32Array | null {
    const n = 2 * (this.groups + 1);
    return m !== null && m.length > n ? m.subarray(0, n) : m;
  }

  private search(s: string, from: number, notbol: boolean, testOnly: boolean, groups: boolean): Int32Array | null {
    if (this.literal !== null && !this.icase) {
      const at = s.indexOf(this.literal, from);
      this.work += 1 + ((at < 0 ? s.length - from : at - from) >> 4);
      return at < 0 ? null : Int32Array.of(at, at + this.literal.length);
    }
    if (this.anchored && notbol) return null;
    const cx: Context = { s, base: from, notbol, icase: this.icase, dotNotNull: this.dotNotNull };
    if (this.pike !== null) {
      this.pike.work = 0;
      const m = this.pike.run(cx, from, testOnly, groups, this.anchored, this.first);
      this.work += this.pike.work + 1;
      return this.slots(m);
    }
    try {
      return this.slots(backtrack(this.prog, cx, from, this.anchored, this));
    } catch (e) {
      if (e instanceof RegexTooHard) throw new BudgetStop('steps', `stopped a regular expression with back-references that backtracked too long (step budget): ${this.source}`);
      throw e;
    }
  }
}
