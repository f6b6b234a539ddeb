/**
 * Alias substitution while parsing (ash.c readtoken with CHKALIAS, as dash does it too): a command word
 * that names an alias is replaced by the alias's text, which is then read as input (so it may hold
 * several words, operators, even keywords). An alias is not expanded again inside its own text, and a
 * text ending in a blank makes the next word a candidate as well (`alias sudo='sudo '`).
 * Aliases are looked up when the command is parsed: one defined on a line applies from the next line.
 */

/** The shell's alias table as it is now (none: no substitution). */
export type AliasLookup = () => ReadonlyMap<string, string> | undefined;

/** What a parser needs for alias substitution: its input (which substitution rewrites) and position. */
export interface AliasReader {
  src: string;
  pos: number;
  aliases: AliasLookup | null;
  /** Alias texts spliced into `src` that the reader has not yet read past. */
  aliasRegions: { name: string; end: number }[];
  /** Where the last alias text ending in a blank ends (-1: none). */
  aliasBlankEnd: number;
  skipWs(): void;
}

const WORD_END = /[\s;&|()<>]/;
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'while', 'until', 'for', 'do', 'done', 'case', 'esac', 'in', '{', '}', '!']);

/**
 * Substitutes aliases for the word at `r.pos` (repeatedly, as ash re-reads the pushed text); true when it did.
 * Only a plain word is looked up: quoted or with `$`, `\\` or a backquote it is no alias name; with
 * `keywords`, a reserved word is taken as such first.
 */
export function expandAlias(r: AliasReader, keywords: boolean): boolean {
  const table = r.aliases?.();
  if (!table || table.size === 0) return false;
  let did = false;
  for (;;) {
    const start = r.pos;
    let end = start;
    while (end < r.src.length && !WORD_END.test(r.src[end])) end++;
    const word = r.src.slice(start, end);
    if (!word || /["'\\$`]/.test(word) || (keywords && KEYWORDS.has(word))) return did;
    r.aliasRegions = r.aliasRegions.filter((g) => start < g.end);
    if (r.aliasRegions.some((g) => g.name === word)) return did;
    const value = table.get(word);
    if (value === undefined) return did;
    r.src = r.src.slice(0, start) + value + r.src.slice(end);
    const delta = value.length - word.length;
    for (const g of r.aliasRegions) g.end += delta;
    if (r.aliasBlankEnd > start) r.aliasBlankEnd += delta;
    r.aliasRegions.push({ name: word, end: start + value.length });
    if (/[ \t]$/.test(value)) r.aliasBlankEnd = start + value.length;
    did = true;
    r.skipWs();
  }
}
