/**
 * CPython's tokenizer (Parser/tokenizer.c) for the subset the playground runs: NAME, NUMBER,
 * STRING (prefixes r/b/f, single and triple quotes), OP, NEWLINE, INDENT/DEDENT and ENDMARKER.
 * Brackets join lines, a backslash continues one, comments and blank lines make no tokens.
 * Errors are the tokenizer's own SyntaxError/IndentationError messages.
 */

export type TokType = 'NAME' | 'NUMBER' | 'STRING' | 'OP' | 'NEWLINE' | 'INDENT' | 'DEDENT' | 'END';

export interface Tok {
  readonly type: TokType;
  readonly value: string;
  /** 1-based line, 0-based columns (end exclusive), as CPython's ast positions. */
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
  /** STRING: the prefix letters (lower case) and the body between the quotes. */
  readonly prefix?: string;
  readonly body?: string;
  /** END: the innermost bracket still open at the end of the source. */
  readonly open?: { ch: string; line: number; col: number };
}

/** A SyntaxError (or IndentationError) found while reading the source; `col`/`endCol` are 0-based. */
export class PySyntaxError extends Error {
  /** A plain `invalid syntax` that a tokenizer error found later in the source replaces (pegen's second pass). */
  generic = false;
  constructor(readonly kind: 'SyntaxError' | 'IndentationError', msg: string, readonly line: number, readonly col: number,
    readonly endCol: number = col + 1) {
    super(msg);
  }
}

const OPS = ['**=', '//=', '>>=', '<<=', '...', '->', ':=', '**', '//', '<<', '>>', '<=', '>=', '==', '!=', '+=', '-=', '*=', '/=',
  '%=', '&=', '|=', '^=', '@=', '+', '-', '*', '/', '%', '@', '&', '|', '^', '~', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':',
  '.', ';', '='];
const CLOSER: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

export function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  const indents = [0];
  const parens: { ch: string; line: number; col: number }[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let atLineStart = true;
  const col = () => i - lineStart;
  const push = (type: TokType, value: string, l: number, c: number, extra: Partial<Tok> = {}) =>
    toks.push({ type, value, line: l, col: c, endLine: line, endCol: col(), ...extra });
  const newline = () => { line++; lineStart = i; };

  while (i <= src.length) {
    if (atLineStart && parens.length === 0) {
      let width = 0;
      let j = i;
      while (src[j] === ' ' || src[j] === '\t') { width = src[j] === '\t' ? (width / 8 + 1) * 8 | 0 : width + 1; j++; }
      const c = src[j];
      if (c === '\n' || c === '#' || c === '\r' || (c === '\\' && src[j + 1] === '\n')) {
        // Blank or comment-only line: no NEWLINE, no indentation change.
        while (j < src.length && src[j] !== '\n') j++;
        i = j + 1;
        if (j >= src.length) { i = src.length + 1; break; }
        newline();
        continue;
      }
      if (j >= src.length) { i = j; break; }
      i = j;
      const top = indents[indents.length - 1];
      if (width > top) {
        indents.push(width);
        push('INDENT', '', line, 0);
      } else if (width < top) {
        while (width < indents[indents.length - 1]) { indents.pop(); push('DEDENT', '', line, width); }
        if (width !== indents[indents.length - 1]) {
          const end = src.indexOf('\n', i) < 0 ? src.length - lineStart : src.indexOf('\n', i) - lineStart;
          throw new PySyntaxError('IndentationError', 'unindent does not match any outer indentation level', line, end, end + 1);
        }
      }
      atLineStart = false;
    }
    if (i >= src.length) break;
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') { i++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; newline(); continue; }
    if (c === '\n') {
      if (parens.length === 0) push('NEWLINE', '', line, col());
      i++;
      newline();
      atLineStart = true;
      continue;
    }
    const l0 = line;
    const c0 = col();
    const strM = /^([rRbBfFuU]{0,2})(['"])/.exec(src.slice(i, i + 3));
    if (strM && /^[rbfu]*$/i.test(strM[1])) {
      readString(strM[1].toLowerCase(), l0, c0);
      continue;
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      const m = /^[A-Za-z_0-9\u0080-\uffff]+/.exec(src.slice(i))!;
      i += m[0].length;
      push('NAME', m[0], l0, c0);
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?[jJ]?)/.exec(src.slice(i))!;
      i += m[0].length;
      if (/[A-Za-z_]/.test(src[i] ?? '')) throw new PySyntaxError('SyntaxError', 'invalid decimal literal', l0, c0, col() + 1);
      push('NUMBER', m[0], l0, c0);
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) {
      if (c === '!' || c === '$' || c === '?' || c === '`') throw new PySyntaxError('SyntaxError', 'invalid syntax', l0, c0);
      throw new PySyntaxError('SyntaxError', `invalid character '${c}' (U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`, l0, c0);
    }
    if ('([{'.includes(op)) parens.push({ ch: op, line: l0, col: c0 });
    else if (')]}'.includes(op)) {
      const open = parens.pop();
      if (!open) throw new PySyntaxError('SyntaxError', `unmatched '${op}'`, l0, c0);
      if (open.ch !== CLOSER[op]) {
        const where = open.line === l0 ? '' : ` on line ${open.line}`;
        throw new PySyntaxError('SyntaxError', `closing parenthesis '${op}' does not match opening parenthesis '${open.ch}'${where}`, l0, c0);
      }
    }
    i += op.length;
    push('OP', op, l0, c0);
  }
  if (toks.length && toks[toks.length - 1].type !== 'NEWLINE') toks.push({ type: 'NEWLINE', value: '', line, col: col(), endLine: line, endCol: col() + 1 });
  while (indents.length > 1) { indents.pop(); toks.push({ type: 'DEDENT', value: '', line: line + 1, col: 0, endLine: line + 1, endCol: 0 }); }
  toks.push({ type: 'END', value: '', line: line + 1, col: 0, endLine: line + 1, endCol: 0, open: parens[parens.length - 1] });
  return toks;

  function readString(prefix: string, l0: number, c0: number): void {
    i += prefix.length;
    const q = src[i];
    const triple = src.startsWith(q.repeat(3), i);
    const delim = triple ? q.repeat(3) : q;
    i += delim.length;
    const start = i;
    // PEP 701 (3.12+): inside an f-string's replacement field, quotes start nested strings.
    const isF = prefix.includes('f');
    let depth = 0;
    for (;;) {
      if (isF && depth > 0 && (src[i] === '"' || src[i] === "'")) {
        const q = src[i];
        i++;
        while (i < src.length && src[i] !== q && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
        i++;
        continue;
      }
      if (isF && src[i] === '{') { if (depth === 0 && src[i + 1] === '{') { i += 2; continue; } depth++; i++; continue; }
      if (isF && src[i] === '}' && depth > 0) { depth--; i++; continue; }
      if (i >= src.length || (!triple && src[i] === '\n')) {
        if (triple) throw new PySyntaxError('SyntaxError', `unterminated triple-quoted string literal (detected at line ${line})`, l0, c0);
        throw new PySyntaxError('SyntaxError', `unterminated string literal (detected at line ${l0})`, l0, c0);
      }
      if (src[i] === '\\') {
        if (src[i + 1] === '\n') { i += 2; newline(); continue; }
        i += 2;
        continue;
      }
      if (src.startsWith(delim, i)) break;
      if (src[i] === '\n') { i++; newline(); continue; }
      i++;
    }
    const body = src.slice(start, i);
    i += delim.length;
    push('STRING', src.slice(start - delim.length - prefix.length, i), l0, c0, { prefix, body });
  }
}

/** The source lines, for tracebacks and SyntaxError displays. */
export function sourceLine(src: string, line: number): string {
  return src.split('\n')[line - 1] ?? '';
}
