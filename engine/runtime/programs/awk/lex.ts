/**
 * awk tokens (POSIX awk grammar, as busybox editors/awk.c reads it): newlines are tokens because
 * they end statements; `/` starts a regular expression unless the previous token ends an operand.
 */

export type Tok =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 're'; v: string }
  | { t: 'name'; v: string }
  /** A name directly followed by `(`: a user function call. */
  | { t: 'fname'; v: string }
  | { t: 'kw'; v: string }
  | { t: 'builtin'; v: string }
  | { t: 'op'; v: string }
  | { t: 'nl' }
  | { t: 'eof' };

export class AwkSyntaxError extends Error {}

const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next',
  'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf']);
export const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'tolower', 'toupper',
  'int', 'sin', 'cos', 'atan2', 'exp', 'log', 'sqrt', 'rand', 'srand', 'system', 'close', 'fflush']);
const OPS = ['+=', '-=', '*=', '/=', '%=', '^=', '**=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~', '**',
  '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];

/** String escapes in awk string literals (and in regex literals, where `\/` is a slash). */
function escape(c: string, next: string): [string, number] {
  switch (c) {
    case 'n': return ['\n', 1];
    case 't': return ['\t', 1];
    case 'r': return ['\r', 1];
    case '\\': return ['\\', 1];
    case '"': return ['"', 1];
    case '/': return ['/', 1];
    case 'a': return ['\x07', 1];
    case 'b': return ['\b', 1];
    case 'f': return ['\f', 1];
    case 'v': return ['\v', 1];
    default: {
      const m = /^[0-7]{1,3}/.exec(c + next);
      if (m) return [String.fromCharCode(parseInt(m[0], 8)), m[0].length];
      return ['\\' + c, 1];
    }
  }
}

/**
 * libbb's bb_process_escape_sequence at src[q] (just after a backslash): up to three octal digits (a value
 * up to 255), x and up to two hex digits, or one of a b e f n r t v \\; null for any other character.
 */
function escapeSequence(src: string, q: number): [string | null, number] {
  let n = 0;
  let digits = 0;
  let base = 8;
  if (src[q] === 'x') { q++; base = 16; digits++; }
  do {
    const code = src.charCodeAt(q);
    let d = code >= 48 && code <= 57 ? code - 48 : 99;
    if (base === 16 && d === 99) { const lo = code | 32; d = lo >= 97 && lo <= 102 ? lo - 87 : 99; }
    if (d >= base || Number.isNaN(code)) {
      if (base === 16 && --digits === 0) return [null, q];
      break;
    }
    if (n * base + d > 255) break;
    n = n * base + d;
    q++;
  } while (++digits < 3);
  if (digits === 0) {
    const k = 'abefnrtv\\'.indexOf(src[q]);
    if (k < 0 || src[q] === undefined) return [null, q];
    return ['\x07\b\x1b\f\n\r\t\v\\'[k], q + 1];
  }
  return [String.fromCharCode(n), q];
}

export function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const operandEnd = (): boolean => {
    const p = out[out.length - 1];
    if (!p) return false;
    if (p.t === 'num' || p.t === 'str' || p.t === 're' || p.t === 'name' || p.t === 'builtin') return true;
    return p.t === 'op' && (p.v === ')' || p.v === ']' || p.v === '$' || p.v === '++' || p.v === '--');
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '\n') { out.push({ t: 'nl' }); i++; continue; }
    if (c === '"') {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) {
          if (src[i + 1] === '\n') { i += 2; continue; }
          const [e, n] = escape(src[i + 1], src.slice(i + 2, i + 4));
          s += e === '\\/' ? '/' : e;
          i += 1 + n;
          continue;
        }
        if (src[i] === '\n') throw new AwkSyntaxError('Unexpected end of string');
        s += src[i++];
      }
      if (i >= src.length) throw new AwkSyntaxError('Unexpected end of string');
      i++;
      out.push({ t: 'str', v: s });
      continue;
    }
    if (c === '/' && !operandEnd()) {
      // busybox's lexer: the regex ends at the first unescaped /, brackets or not; each escape is replaced by
      // its character (\t, \142, \x62), and one it does not know (\. \/ \() stays for regcomp, as \\ does.
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length || src[i] === '\n') throw new AwkSyntaxError('Unexpected end of string');
        if (src[i] === '/') break;
        if (src[i] !== '\\') { s += src[i++]; continue; }
        if (i + 1 >= src.length) throw new AwkSyntaxError('Unexpected end of string');
        if (src[i + 1] === '\\') { s += '\\\\'; i += 2; continue; }
        const [ch, j] = escapeSequence(src, i + 1);
        if (ch === null) { s += src.slice(i, i + 2); i += 2; } else { s += ch; i = j; }
      }
      i++;
      out.push({ t: 're', v: s });
      continue;
    }
    const num = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/.exec(src.slice(i, i + 64));
    if (num && (c >= '0' && c <= '9' || c === '.')) {
      out.push({ t: 'num', v: /^0[xX]/.test(num[0]) ? parseInt(num[0], 16) : Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 256));
    if (name) {
      const w = name[0];
      i += w.length;
      if (KEYWORDS.has(w)) out.push({ t: 'kw', v: w === 'func' ? 'function' : w });
      else if (BUILTINS.has(w)) out.push({ t: 'builtin', v: w });
      else if (src[i] === '(') out.push({ t: 'fname', v: w });
      else out.push({ t: 'name', v: w });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntaxError(`Unexpected token`);
    out.push({ t: 'op', v: op === '**' ? '^' : op === '**=' ? '^=' : op });
    i += op.length;
  }
  out.push({ t: 'eof' });
  return out;
}
