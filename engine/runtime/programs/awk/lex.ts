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
      let s = '';
      i++;
      let inClass = false;
      while (i < src.length && (src[i] !== '/' || inClass)) {
        if (src[i] === '\n') throw new AwkSyntaxError('Unexpected end of regex');
        if (src[i] === '\\' && i + 1 < src.length) {
          s += src[i + 1] === '/' ? '/' : src.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (src[i] === '[') inClass = true;
        else if (src[i] === ']') inClass = false;
        s += src[i++];
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
