/**
 * A JavaScript tokenizer for the subset (ECMA-262 §12): identifiers and keywords, numbers, string
 * literals with escapes, template literals (with `${}` nesting), punctuators, comments. Each token
 * knows whether a line break precedes it, for automatic semicolon insertion. Errors are V8's
 * SyntaxError messages (`Invalid or unexpected token`, `Unterminated template literal`).
 */

import { JsNotModelled } from './values';

export type TokType = 'name' | 'num' | 'str' | 'tmpl' | 'punct' | 'eof';

export interface Tok {
  readonly type: TokType;
  readonly value: string;
  /** 1-based line, 0-based column. */
  readonly line: number;
  readonly col: number;
  readonly end: number;
  readonly nl: boolean;
  /** num: the value; str: the cooked text. */
  readonly num?: number;
  readonly cooked?: string;
  /** tmpl: literal parts (cooked) and the source of each `${}` with its position. */
  readonly parts?: string[];
  readonly exprs?: { src: string; line: number; col: number }[];
}

export class JsSyntaxError extends Error {
  constructor(msg: string, readonly line: number, readonly col: number, readonly width = 1) {
    super(msg);
  }
}

const PUNCT = ['>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=', '=>', '==', '!=', '<=', '>=', '&&', '||', '??',
  '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<', '>>', '{', '}', '(', ')', '[', ']', ';', ',', '<', '>',
  '+', '-', '*', '/', '%', '&', '|', '^', '!', '~', '?', ':', '=', '.', '@', '#'];

const ESC: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

function unescapeJs(s: string): string {
  return s.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])/g, (_m, e: string) => {
    if (e[0] === 'u' && e.length > 1) return String.fromCodePoint(parseInt(e.replace(/[u{}]/g, ''), 16));
    if (e[0] === 'x' && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e === '\n' || e === '\r\n') return '';
    return ESC[e] ?? e;
  });
}

export function tokenize(src: string, line0 = 1, col0 = 0): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = line0;
  let lineStart = -col0;
  let nl = false;
  const col = (at: number) => at - lineStart;
  // A '/' starts a regular expression where an operand is expected.
  const regexAllowed = () => {
    const p = toks[toks.length - 1];
    if (!p) return true;
    if (p.type === 'num' || p.type === 'str' || p.type === 'tmpl') return false;
    if (p.type === 'name') return ['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof'].includes(p.value);
    return ![')', ']', '}'].includes(p.value);
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') { i++; line++; lineStart = i; nl = true; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') { i++; continue; }
    if (c === '/' && src[i + 1] === '/') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new JsSyntaxError('Invalid or unexpected token', line, col(i));
      for (let j = i; j < end; j++) if (src[j] === '\n') { line++; lineStart = j + 1; nl = true; }
      i = end + 2;
      continue;
    }
    if (i === 0 && c === '#' && src[1] === '!') { while (i < src.length && src[i] !== '\n') i++; continue; }
    const start = i;
    const l0 = line;
    const c0 = col(i);
    const push = (t: Omit<Tok, 'line' | 'col' | 'end' | 'nl'>) => { toks.push({ ...t, line: l0, col: c0, end: col(i), nl }); nl = false; };
    if (/[A-Za-z_$\u0080-\uffff]/.test(c)) {
      const m = /^[A-Za-z0-9_$\u0080-\uffff]+/.exec(src.slice(i))!;
      i += m[0].length;
      push({ type: 'name', value: m[0] });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*)?\.?[\d_]*(?:[eE][+-]?\d+)?)n?/.exec(src.slice(i))!;
      i += m[0].length;
      if (/[A-Za-z_$]/.test(src[i] ?? '')) throw new JsSyntaxError('Invalid or unexpected token', line, col(start));
      if (m[0].endsWith('n')) throw new JsNotModelled('BigInt literals', line);
      const t = m[0].replace(/_/g, '');
      push({ type: 'num', value: m[0], num: /^0[oObB]/.test(t) ? parseInt(t.slice(2), /^0[oO]/.test(t) ? 8 : 2) : Number(t) });
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\n') throw new JsSyntaxError('Invalid or unexpected token', line, col(start), j - start);
        j += src[j] === '\\' ? 2 : 1;
      }
      if (j >= src.length) throw new JsSyntaxError('Invalid or unexpected token', line, col(start), j - start);
      i = j + 1;
      push({ type: 'str', value: src.slice(start, i), cooked: unescapeJs(src.slice(start + 1, j)) });
      continue;
    }
    if (c === '`') {
      const parts: string[] = [];
      const exprs: { src: string; line: number; col: number }[] = [];
      let j = i + 1;
      let lit = '';
      for (;;) {
        if (j >= src.length) throw new JsSyntaxError('Unterminated template literal', l0, c0);
        const d = src[j];
        if (d === '`') { j++; break; }
        if (d === '\\') { lit += src.slice(j, j + 2); j += 2; continue; }
        if (d === '$' && src[j + 1] === '{') {
          parts.push(unescapeJs(lit));
          lit = '';
          let depth = 0;
          let k = j + 2;
          const eLine = line;
          const eCol = col(k);
          for (; k < src.length; k++) {
            const e = src[k];
            if (e === '\n') { line++; lineStart = k + 1; }
            if (e === '{') depth++;
            else if (e === '}') { if (depth === 0) break; depth--; } else if (e === '`' || e === '"' || e === "'") {
              const q = e;
              k++;
              while (k < src.length && src[k] !== q) k += src[k] === '\\' ? 2 : 1;
            }
          }
          exprs.push({ src: src.slice(j + 2, k), line: eLine, col: eCol });
          j = k + 1;
          continue;
        }
        if (d === '\n') { line++; lineStart = j + 1; }
        lit += d;
        j++;
      }
      parts.push(unescapeJs(lit));
      i = j;
      push({ type: 'tmpl', value: src.slice(start, i), parts, exprs });
      continue;
    }
    if (c === '/' && regexAllowed()) throw new JsNotModelled('regular expression literals', line);
    const p = PUNCT.find((x) => src.startsWith(x, i));
    if (!p || p === '@' || p === '#') throw new JsSyntaxError('Invalid or unexpected token', line, col(start));
    // `?.` followed by a digit is `?` then a number (a ? .5 : 1).
    if (p === '?.' && /[0-9]/.test(src[i + 2] ?? '')) { i += 1; push({ type: 'punct', value: '?' }); continue; }
    i += p.length;
    push({ type: 'punct', value: p });
  }
  toks.push({ type: 'eof', value: '', line, col: col(i), end: col(i), nl: true });
  return toks;
}
