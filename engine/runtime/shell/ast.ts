/**
 * The parsed form of an ash script. Parsing happens once per top-level command (ash's cmdloop
 * parses and runs one list at a time), and nodes are immutable afterwards, so loops re-run the
 * same tree without re-parsing.
 */

/** A piece of a word before expansion. */
export type Part =
  /** Unquoted text; glob characters in it are live. */
  | { readonly t: 'lit'; readonly v: string }
  /** Quoted text ('…', \x, or literal text inside "…"). */
  | { readonly t: 'q'; readonly v: string }
  | { readonly t: 'dq'; readonly parts: readonly Part[] }
  | ParamPart
  | { readonly t: 'cmd'; readonly body: Node; readonly quoted: boolean }
  | { readonly t: 'arith'; readonly expr: Word; readonly quoted: boolean }
  | { readonly t: 'tilde'; readonly user: string };

export interface ParamPart {
  readonly t: 'param';
  /** Variable name, digit string, or one of @ * # ? - $ ! 0. */
  readonly name: string;
  /**
   * null: plain $x. Otherwise one of - = ? + (with `colon`), % %% # ## (pattern removal),
   * len (${#x}), / // /# /% (replacement), sub (${x:off:len}); bad: a ${…} of no known form (`name`
   * holds its text), which fails when expanded.
   */
  readonly op: string | null;
  readonly colon: boolean;
  readonly arg: Word | null;
  readonly arg2: Word | null;
  /** Inside double quotes: no field splitting or globbing of the result. */
  readonly quoted: boolean;
  /** bash `${a[i]}`: the subscript (`@` or `*` as literal words, else an arithmetic word). */
  readonly index?: Word;
}

export interface Word {
  readonly parts: readonly Part[];
  /** Precomputed value when the word is plain literal text without glob characters. */
  readonly lit: string | null;
  /** Source text (for reserved words, function names, error messages). */
  readonly raw: string;
  /** No command substitution anywhere inside: expansion never blocks, so it can run synchronously. */
  readonly sync: boolean;
}

export interface Redir {
  readonly fd: number;
  /** `<<<` is bash's here-string. */
  readonly op: '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '<<' | '<<-' | '<<<';
  readonly target: Word;
  /** Here-document body (filled once the body line(s) are read). */
  heredoc?: Word;
}

export interface Assign {
  readonly name: string;
  readonly value: Word;
  /** bash `a=(x y)`: the elements (value is then empty). */
  readonly array?: readonly Word[];
  /** bash `a+=…`: append to the string or array. */
  readonly append?: boolean;
  /** bash `a[i]=v`: the subscript (arithmetic). */
  readonly index?: Word;
}

/** bash's `[[ … ]]` expression. */
export type CondExpr =
  | { readonly t: 'and' | 'or'; readonly l: CondExpr; readonly r: CondExpr }
  | { readonly t: 'not'; readonly e: CondExpr }
  | { readonly t: 'unary'; readonly op: string; readonly w: Word }
  | { readonly t: 'binary'; readonly op: string; readonly l: Word; readonly r: Word }
  | { readonly t: 'word'; readonly w: Word };

export type Node =
  | {
    readonly type: 'simple'; readonly assigns: readonly Assign[]; readonly words: readonly Word[]; readonly redirs: readonly Redir[]; readonly line: number;
    /** No redirections and every word sync: a candidate for the synchronous fast path (simple.ts). */
    readonly fast: boolean;
    /** bash `declare/local/typeset/readonly/export name=(…)`: the arrays, assigned once the builtin ran. */
    readonly declArrays?: readonly Assign[];
  }
  | { readonly type: 'pipe'; readonly cmds: readonly Node[]; readonly bang: boolean }
  | { readonly type: 'and' | 'or'; readonly left: Node; readonly right: Node }
  | { readonly type: 'seq'; readonly items: readonly Node[] }
  | { readonly type: 'bg'; readonly body: Node }
  | { readonly type: 'if'; readonly cond: Node; readonly then: Node; readonly else: Node | null }
  | { readonly type: 'while'; readonly until: boolean; readonly cond: Node; readonly body: Node }
  | { readonly type: 'for'; readonly name: string; readonly words: readonly Word[] | null; readonly body: Node; readonly line: number }
  | { readonly type: 'case'; readonly word: Word; readonly items: readonly CaseItem[]; readonly line: number }
  | { readonly type: 'group'; readonly body: Node; readonly redirs: readonly Redir[] }
  | { readonly type: 'subshell'; readonly body: Node; readonly redirs: readonly Redir[] }
  | { readonly type: 'func'; readonly name: string; readonly body: Node; readonly line: number }
  /** bash `[[ … ]]`. */
  | { readonly type: 'cond'; readonly expr: CondExpr; readonly line: number }
  /** bash `for (( init; cond; step ))`: empty parts are null. */
  | { readonly type: 'cfor'; readonly init: Word | null; readonly cond: Word | null; readonly step: Word | null; readonly body: Node; readonly line: number }
  /** bash `(( … ))`. */
  | { readonly type: 'arith'; readonly expr: Word; readonly line: number }
  | { readonly type: 'empty' };

/** `next`: bash's `;&` runs the next item's body too (`fall`), `;;&` goes on testing patterns (`test`). */
export interface CaseItem { readonly pats: readonly Word[]; readonly body: Node | null; readonly next?: 'fall' | 'test' }

export const EMPTY: Node = { type: 'empty' };
