/**
 * bash's compound commands and assignments that ash and dash do not have, read when the parser runs
 * for bash: `[[ … ]]` (parse.y cond_expr: `!`, `&&`, `||`, parentheses, unary and binary tests, `=~`
 * with its unquoted regex word), `(( … ))`, `function name { … }` and `name=(…)` / `name+=…` /
 * `name[i]=…` assignments.
 */
import type { Assign, CondExpr, Node, Word } from './ast';
import type { Parser } from './parser';
import { makeWord } from './words';

const COND_UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-G', '-L', '-N', '-O', '-S', '-z', '-n', '-o', '-v']);
const COND_BINARY = new Set(['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

/** `[[ expr ]]` at the parser's position (on the `[[`). */
export function parseCond(p: Parser, line: number): Node {
  p.pos += 2;
  const expr = condOr(p);
  skipBlank(p);
  if (!p.src.startsWith(']]', p.pos)) p.unexpected();
  p.pos += 2;
  return { type: 'cond', expr, line };
}

function skipBlank(p: Parser): void {
  for (;;) {
    p.skipWs();
    if (p.src[p.pos] === '\n') p.pos++;
    else return;
  }
}

function condOr(p: Parser): CondExpr {
  let l = condAnd(p);
  for (;;) {
    skipBlank(p);
    if (!p.src.startsWith('||', p.pos)) return l;
    p.pos += 2;
    l = { t: 'or', l, r: condAnd(p) };
  }
}

function condAnd(p: Parser): CondExpr {
  let l = condNot(p);
  for (;;) {
    skipBlank(p);
    if (!p.src.startsWith('&&', p.pos)) return l;
    p.pos += 2;
    l = { t: 'and', l, r: condNot(p) };
  }
}

function condNot(p: Parser): CondExpr {
  skipBlank(p);
  if (p.src[p.pos] === '!' && /[\s(]/.test(p.src[p.pos + 1] ?? '')) {
    p.pos++;
    return { t: 'not', e: condNot(p) };
  }
  if (p.src[p.pos] === '(') {
    p.pos++;
    const e = condOr(p);
    skipBlank(p);
    if (p.src[p.pos] !== ')') p.unexpected(')');
    p.pos++;
    return e;
  }
  const first = condWord(p);
  if (COND_UNARY.has(first.raw)) {
    skipBlank(p);
    if (!p.src.startsWith(']]', p.pos)) return { t: 'unary', op: first.raw, w: condWord(p) };
  }
  skipBlank(p);
  const c = p.src[p.pos];
  let op: string | null = null;
  if (c === '<' || c === '>') { op = c; p.pos++; } else if (!p.src.startsWith(']]', p.pos) && !p.src.startsWith('&&', p.pos) && !p.src.startsWith('||', p.pos) && c !== ')') {
    const save = p.pos;
    const w = p.readWord();
    if (w && COND_BINARY.has(w.raw)) op = w.raw;
    else p.pos = save;
  }
  if (op === null) return { t: 'word', w: first };
  skipBlank(p);
  return { t: 'binary', op, l: first, r: op === '=~' ? regexWord(p) : condWord(p) };
}

function condWord(p: Parser): Word {
  skipBlank(p);
  const w = p.readWord();
  if (!w) p.unexpected();
  return w;
}

/** The right side of `=~`: parentheses and `|` belong to the regex; it ends at a blank outside them. */
function regexWord(p: Parser): Word {
  const src = p.src;
  let end = p.pos;
  let depth = 0;
  while (end < src.length) {
    const c = src[end];
    if (c === '\\') { end += 2; continue; }
    if (c === "'" || c === '"') {
      const close = src.indexOf(c, end + 1);
      end = close < 0 ? src.length : close + 1;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') { if (depth === 0) break; depth--; } else if (depth === 0 && (c === ' ' || c === '\t' || c === '\n')) break;
    end++;
  }
  const text = src.slice(p.pos, end);
  p.pos = end;
  // Read as the inside of ${…}: quotes and $ work, parentheses and | are plain characters.
  const sub = p.spawn(text + '}', p.lineAt(end));
  const parts = sub.readParts('param', false);
  return makeWord(parts, text);
}

/** `(( expr ))` at the parser's position. */
export function parseArithCmd(p: Parser, line: number): Node {
  p.pos += 2;
  const parts = p.readParts('arith', false);
  if (!p.src.startsWith('))', p.pos)) p.unexpected('))');
  p.pos += 2;
  return { type: 'arith', expr: makeWord(parts, ''), line };
}

/** `for (( init; cond; step )) do … done` at the parser's position (on the `((`). */
export function parseCFor(p: Parser, line: number, body: () => Node): Node {
  p.pos += 2;
  const exprs: (Word | null)[] = [];
  for (let k = 0; k < 3; k++) {
    const start = p.pos;
    let depth = 0;
    while (p.pos < p.src.length) {
      const c = p.src[p.pos];
      if (c === '(') depth++;
      else if (c === ')') { if (depth === 0) break; depth--; } else if (c === ';' && depth === 0 && k < 2) break;
      p.pos++;
    }
    const text = p.src.slice(start, p.pos);
    exprs.push(text.trim() ? makeWord(p.spawn(text + ')', p.lineAt(start)).readParts('arith', false), text) : null);
    if (k < 2) { if (p.src[p.pos] !== ';') p.unexpected('))'); p.pos++; }
  }
  if (!p.src.startsWith('))', p.pos)) p.unexpected('))');
  p.pos += 2;
  p.skipWs();
  if (p.src[p.pos] === ';') p.pos++;
  p.skipNewlines();
  return { type: 'cfor', init: exprs[0], cond: exprs[1], step: exprs[2], body: body(), line };
}

/** `function name [()] body`. */
export function parseFunctionKw(p: Parser, line: number): Node {
  p.pos += 'function'.length;
  p.skipWs();
  const name = p.readWord();
  if (!name) p.unexpected();
  p.skipWs();
  if (p.src.startsWith('()', p.pos)) p.pos += 2;
  p.skipNewlines();
  return { type: 'func', name: name.raw, body: p.command(), line };
}

/**
 * bash's forms of an assignment word `w` (its `=` at `eq`): `name+=v`, `name[i]=v`, and, when `(`
 * follows a bare `name=`, an array `name=(w1 w2 …)`. Null when `w` is none of them.
 */
export function bashAssign(p: Parser, w: Word, eq: number, value: () => Word): Assign | null {
  let name = w.raw.slice(0, eq);
  const append = name.endsWith('+');
  if (append) name = name.slice(0, -1);
  const sub = /^([A-Za-z_][A-Za-z0-9_]*)\[(.+)\]$/.exec(name);
  let index: Word | undefined;
  if (sub) {
    name = sub[1];
    index = makeWord(p.spawn(sub[2] + ')', 0).readParts('arith', false), sub[2]);
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || (!append && !index)) {
    if (!(w.raw.length === eq + 1 && p.src[p.pos] === '(')) return null;
  }
  if (w.raw.length === eq + 1 && p.src[p.pos] === '(' && !index) {
    p.pos++;
    const array: Word[] = [];
    for (;;) {
      skipBlank(p);
      if (p.src[p.pos] === ')') { p.pos++; break; }
      const x = p.readWord();
      if (!x) p.unexpected(')');
      array.push(x);
    }
    return { name, value: makeWord([{ t: 'q', v: '' }], ''), array, append };
  }
  return { name, value: value(), append, index };
}
