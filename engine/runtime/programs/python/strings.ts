/**
 * String literals as CPython reads them: escape sequences (\n, \t, \xNN, \uNNNN, \N is not modelled),
 * raw strings, and f-strings split into literal text and `{expr!conv:spec}` replacement fields
 * (PEP 701 nesting of quotes is allowed, `{x=}` self-documenting fields, `{{`/`}}` escapes).
 */
import type { Expr } from './ast';
import { PySyntaxError, type Tok } from './lexer';
import { parseExpression } from './exprParser';

const SIMPLE: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '' };

export function unescape(body: string, raw: boolean): string {
  if (raw) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g, (m, e: string) => {
    if (e.length > 1 && (e[0] === 'x' || e[0] === 'u' || e[0] === 'U')) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return SIMPLE[e] ?? m;
  });
}

export function stringValue(t: Tok): string {
  return unescape(t.body ?? '', (t.prefix ?? '').includes('r'));
}

type Part = string | { expr: Expr; conv: string; spec: Expr | null; self: string };

/** The pieces of an f-string token: literal text and replacement fields with their expressions parsed. */
export function parseFString(t: Tok): Part[] {
  const body = t.body ?? '';
  const raw = (t.prefix ?? '').includes('r');
  const quoteLen = t.value.length - body.length - (t.prefix ?? '').length;
  const bodyCol = t.col + (t.prefix ?? '').length + quoteLen / 2;
  return splitFields(body, raw, t.line, bodyCol);
}

function splitFields(body: string, raw: boolean, line: number, col0: number): Part[] {
  const parts: Part[] = [];
  let lit = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === '{' && body[i + 1] === '{') { lit += '{'; i += 2; continue; }
    if (c === '}' && body[i + 1] === '}') { lit += '}'; i += 2; continue; }
    if (c === '}') throw new PySyntaxError('SyntaxError', "f-string: single '}' is not allowed", line, col0 + i);
    if (c !== '{') {
      const next = body.slice(i).search(/[{}]/);
      const chunk = next < 0 ? body.slice(i) : body.slice(i, i + next);
      lit += chunk;
      i += chunk.length;
      continue;
    }
    if (lit) { parts.push(unescape(lit, raw)); lit = ''; }
    // Find the end of the expression: the first top-level '!', ':' or '}' outside brackets and strings.
    let j = i + 1;
    let depth = 0;
    let quote = '';
    for (; j < body.length; j++) {
      const d = body[j];
      if (quote) { if (d === quote) quote = ''; continue; }
      if (d === '"' || d === "'") { quote = d; continue; }
      if ('([{'.includes(d)) depth++;
      else if (')]'.includes(d) || (d === '}' && depth > 0)) depth--;
      else if (depth === 0 && (d === '}' || d === ':' || (d === '!' && body[j + 1] !== '='))) break;
    }
    let text = body.slice(i + 1, j);
    let self = '';
    if (/=\s*$/.test(text) && !/[=!<>]=\s*$/.test(text)) { self = text; text = text.replace(/=\s*$/, ''); }
    if (text.trim() === '') throw new PySyntaxError('SyntaxError', "f-string: valid expression required before '}'", line, col0 + j);
    const expr = parseExpression(text, line, col0 + i + 1);
    let conv = '';
    if (body[j] === '!') { conv = body[j + 1]; j += 2; }
    let spec: Expr | null = null;
    if (body[j] === ':') {
      let k = j + 1;
      let d2 = 0;
      for (; k < body.length; k++) {
        if (body[k] === '{') d2++;
        else if (body[k] === '}') { if (d2 === 0) break; d2--; }
      }
      const specParts = splitFields(body.slice(j + 1, k), raw, line, col0 + j + 1);
      spec = { type: 'FStr', parts: specParts, line, col: col0 + j, endLine: line, endCol: col0 + k };
      j = k;
    }
    if (body[j] !== '}') throw new PySyntaxError('SyntaxError', "f-string: expecting '}'", line, col0 + i);
    parts.push({ expr, conv, spec, self });
    i = j + 1;
  }
  if (lit) parts.push(unescape(lit, raw));
  return parts;
}
