/**
 * The compound commands of the grammar: if, for, case (and the do-group of loops). Models
 * ash.c/dash parser.c's parse of each, with bash's additions (`for ((…))`, `;&`, `;;&`) when
 * the parser reads bash.
 */
import type { CaseItem, Node, Word } from './ast';
import type { Parser } from './parser';
import { parseCFor } from './parseBash';

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `if list then list [elif …] [else list] fi`. */
export function ifCmd(p: Parser, kwLen = 2): Node {
  p.pos += kwLen;
  const cond = p.compoundList(false, 'then');
  p.expectKw('then');
  const then = p.compoundList(false, 'fi');
  p.skipWs();
  let els: Node | null = null;
  if (p.atKw('elif')) {
    els = ifCmd(p, 4);
    return { type: 'if', cond, then, else: els };
  }
  if (p.atKw('else')) {
    p.pos += 4;
    els = p.compoundList(false, 'fi');
  }
  p.expectKw('fi');
  return { type: 'if', cond, then, else: els };
}

/** `for name [in words]; do list done` (bash also `for ((…))`). */
export function forCmd(p: Parser, line: number): Node {
  p.pos += 3;
  p.skipWs();
  if (p.bash && p.src.startsWith('((', p.pos)) return parseCFor(p, line, () => doGroup(p));
  const w = p.readWord();
  if (!w || !NAME_RE.test(w.raw)) p.fail(`bad for loop variable`);
  p.skipNewlines();
  let words: Word[] | null = null;
  if (p.atKw('in')) {
    p.pos += 2;
    words = [];
    for (;;) {
      p.skipWs();
      const x = p.readWord();
      if (!x) break;
      words.push(x);
    }
    p.skipWs();
    const c = p.src[p.pos];
    if (c === ';') p.pos++;
    else if (c === '\n') p.newline();
    else p.unexpected('do');
  } else if (p.src[p.pos] === ';') p.pos++;
  p.skipNewlines();
  const body = doGroup(p);
  return { type: 'for', name: w.raw, words, body, line };
}

/** `do list done`. */
export function doGroup(p: Parser): Node {
  p.expectKw('do');
  const body = p.compoundList(false, 'done');
  p.expectKw('done');
  return body;
}

/** `case word in pattern) list ;; … esac`. */
export function caseCmd(p: Parser, line: number): Node {
  p.pos += 4;
  p.skipWs();
  const word = p.readWord();
  if (!word) p.unexpected();
  p.skipNewlines();
  p.expectKw('in');
  const items: CaseItem[] = [];
  for (;;) {
    p.skipNewlines();
    if (p.atKw('esac')) { p.pos += 4; break; }
    if (p.src[p.pos] === '(') p.pos++;
    const pats: Word[] = [];
    for (;;) {
      p.skipWs();
      const pat = p.readWord();
      if (!pat) p.unexpected(')');
      pats.push(pat);
      p.skipWs();
      if (p.src[p.pos] === '|') { p.pos++; continue; }
      if (p.src[p.pos] === ')') { p.pos++; break; }
      p.unexpected(')');
    }
    p.skipNewlines();
    let body: Node | null = null;
    if (!p.src.startsWith(';;', p.pos) && !p.atKw('esac')) {
      body = p.compoundList();
    }
    p.skipWs();
    // ash (1.35 and 1.36 alike) and dash have no `;&` fall-through: `;` then `&` is a syntax error. bash has
    // `;&` and `;;&`.
    let next: CaseItem['next'];
    if (p.bash && p.src.startsWith(';;&', p.pos)) { p.pos += 3; next = 'test'; } else if (p.src.startsWith(';;', p.pos)) p.pos += 2;
    else if (p.bash && p.src.startsWith(';&', p.pos)) { p.pos += 2; next = 'fall'; } else if (p.atKw('esac')) { items.push({ pats, body }); p.pos += 4; break; } else p.unexpected();
    items.push(next ? { pats, body, next } : { pats, body });
  }
  return { type: 'case', word, items, line };
}
