/**
 * Reading words: quoting, `$` expansions, command substitution and here-document bodies.
 * Models ash.c readtoken1 (its CHECKEND/PARSESUB/PARSEBACKQ states): the word is split into
 * parts at parse time, so expansion never rescans source text.
 */
import type { Node, ParamPart, Part, Word } from './ast';
import { unescape } from '../programs/printf';

/**
 * A syntax error. `token`/`expecting` are set for an unexpected token (each shell words that its own
 * way); `line` is where the parser stood.
 */
export class SyntaxError extends Error {
  constructor(message: string, readonly line?: number, readonly token?: string, readonly expecting?: string) {
    super(message);
  }
}

/** Where a word ends. */
type Mode = 'unq' | 'dq' | 'heredoc' | 'param' | 'paramdq' | 'arith';

const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const SPECIAL_PARAMS = '@*#?-$!';
/** Glob characters that can match: `*`, `?`, or a `[` with a closing `]` after it. */
const GLOB_CHARS = /[*?]|\[.*\]/;

function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}
function isNameChar(c: string): boolean {
  return isNameStart(c) || (c >= '0' && c <= '9');
}

function partSync(p: Part): boolean {
  switch (p.t) {
    case 'cmd': return false;
    case 'dq': return p.parts.every(partSync);
    case 'param': return (p.arg === null || p.arg.sync) && (p.arg2 === null || p.arg2.sync) && (p.index === undefined || p.index.sync);
    case 'arith': return p.expr.sync;
    default: return true;
  }
}

export function makeWord(parts: Part[], raw: string): Word {
  const sync = parts.every(partSync);
  let lit: string | null = '';
  for (const p of parts) {
    if (p.t === 'lit' && !GLOB_CHARS.test(p.v)) lit += p.v;
    else if (p.t === 'q') lit += p.v;
    else if (p.t === 'dq' && p.parts.every((x) => x.t === 'q')) lit += p.parts.map((x) => (x as { v: string }).v).join('');
    else { lit = null; break; }
  }
  return { parts, lit, raw, sync };
}

export abstract class WordReader {
  pos = 0;
  /** Extra terminator for ${x/pat/rep} and ${x:off:len} arguments. */
  stopChar: string | null = null;
  /** `bash`: read bash's syntax ($'…', ${x,,}, brace words …) as well. */
  /** `test2`: busybox ash's `[[`: between a word `[[` and `]]` of a simple command, `&&` and `||` are words. */
  constructor(public src: string, readonly lineBase: number, readonly bash = false, readonly test2 = false) {}

  /** Parse a command list for `$( … )` up to the closing paren. */
  protected abstract parseSubshellBody(): Node;
  /** Parse a whole string as a script (backquote bodies). */
  protected abstract parseNested(src: string, line: number): Node;
  /** A reader of the same kind over another string (pattern slices, here-document bodies). */
  abstract spawn(src: string, lineBase: number): WordReader;

  fail(msg: string, token?: string, expecting?: string): never {
    throw new SyntaxError(msg, this.lineAt(this.pos), token, expecting);
  }

  lineAt(pos: number): number {
    let n = this.lineBase;
    for (let i = 0; i < pos && i < this.src.length; i++) if (this.src.charCodeAt(i) === 10) n++;
    return n;
  }

  /** Read one shell word at `pos`; null when a metacharacter or the end is there. */
  readWord(): Word | null {
    const start = this.pos;
    const c = this.src[start];
    if (c === undefined || META.has(c)) return null;
    const parts = this.readParts('unq', true);
    return makeWord(parts, this.src.slice(start, this.pos));
  }

  /** Parts until the end condition of `mode`. `wordStart` enables tilde expansion. */
  readParts(mode: Mode, wordStart: boolean): Part[] {
    const parts: Part[] = [];
    let buf = '';
    let quotedBuf = mode === 'dq' || mode === 'heredoc' || mode === 'paramdq';
    const flush = () => {
      if (buf) parts.push({ t: quotedBuf ? 'q' : 'lit', v: buf });
      buf = '';
    };
    const pushText = (s: string, quoted: boolean) => {
      if (quoted !== quotedBuf) {
        flush();
        quotedBuf = quoted;
      }
      buf += s;
    };
    const inDq = mode === 'dq' || mode === 'heredoc' || mode === 'paramdq';
    if (wordStart && mode === 'unq' && this.src[this.pos] === '~') this.readTilde(parts);
    let depth = 0;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) {
        if (mode === 'dq') this.fail('unterminated quoted string');
        if (mode === 'param' || mode === 'paramdq') this.fail("missing '}'");
        if (mode === 'arith') this.fail("missing '))'");
        break;
      }
      if (mode === 'unq' && META.has(c)) break;
      if (mode === 'dq' && c === '"') break;
      if ((mode === 'param' || mode === 'paramdq') && (c === '}' || c === this.stopChar) && depth === 0) break;
      if (mode === 'arith') {
        if (c === '(') depth++;
        else if (c === ')') {
          if (depth === 0) break;
          depth--;
        }
      }
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === '\n') { this.pos += 2; continue; }
        if (n === undefined) { pushText('\\', !inDq); this.pos++; continue; }
        if (inDq && !(n === '$' || n === '`' || n === '"' || n === '\\' || (mode === 'paramdq' && n === '}'))) {
          pushText('\\', true);
          this.pos++;
          continue;
        }
        if (mode === 'heredoc' && n === '"') { pushText('\\"', true); this.pos += 2; continue; }
        flush();
        parts.push({ t: 'q', v: n });
        this.pos += 2;
        continue;
      }
      if (c === "'" && !inDq && mode !== 'arith') {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) this.fail('unterminated quoted string');
        flush();
        parts.push({ t: 'q', v: this.src.slice(this.pos + 1, end) });
        this.pos = end + 1;
        continue;
      }
      if (c === '"' && !inDq) {
        this.pos++;
        const inner = this.readParts('dq', false);
        this.pos++; // closing quote
        flush();
        parts.push({ t: 'dq', parts: inner.length ? inner : [{ t: 'q', v: '' }] });
        continue;
      }
      if (c === '$') {
        const p = this.readDollar(inDq || mode === 'arith');
        if (p) { flush(); parts.push(p); continue; }
        pushText('$', inDq);
        this.pos++;
        continue;
      }
      if (c === '`') {
        flush();
        parts.push(this.readBackquote(inDq));
        continue;
      }
      if ((mode === 'param' || mode === 'paramdq') && c === '{') depth++;
      if ((mode === 'param' || mode === 'paramdq') && c === '}') depth--;
      pushText(c, inDq);
      this.pos++;
    }
    flush();
    return parts;
  }

  private readTilde(parts: Part[]): void {
    let end = this.pos + 1;
    while (end < this.src.length && !META.has(this.src[end]) && this.src[end] !== '/') {
      if (!/[A-Za-z0-9._-]/.test(this.src[end])) return;
      end++;
    }
    parts.push({ t: 'tilde', user: this.src.slice(this.pos + 1, end) });
    this.pos = end;
  }

  /** `$…` at pos; null when the `$` is literal. */
  private readDollar(quoted: boolean): Part | null {
    const c = this.src[this.pos + 1];
    if (c === "'" && this.bash && !quoted) return this.readAnsiC();
    if (c === '(') {
      if (this.src[this.pos + 2] === '(') {
        const save = this.pos;
        this.pos += 3;
        const expr = this.readParts('arith', false);
        if (this.src[this.pos] === ')' && this.src[this.pos + 1] === ')') {
          this.pos += 2;
          return { t: 'arith', expr: makeWord(expr, ''), quoted };
        }
        if (this.src[this.pos] === ')' && this.pos + 1 >= this.src.length) this.fail("missing '))'");
        this.pos = save; // `$( (…) )`: a subshell inside a command substitution
      }
      this.pos += 2;
      const body = this.parseSubshellBody();
      if (this.src[this.pos] !== ')') this.fail('unexpected end of file (expecting ")")', 'end of file', ')');
      this.pos++;
      return { t: 'cmd', body, quoted };
    }
    if (c === '{') return this.readBraceParam(quoted);
    if (c !== undefined && (SPECIAL_PARAMS.includes(c) || (c >= '0' && c <= '9'))) {
      this.pos += 2;
      return param(c, null, false, null, null, quoted);
    }
    if (c !== undefined && isNameStart(c)) {
      let end = this.pos + 2;
      while (end < this.src.length && isNameChar(this.src[end])) end++;
      const name = this.src.slice(this.pos + 1, end);
      this.pos = end;
      return param(name, null, false, null, null, quoted);
    }
    return null;
  }

  /** bash's `$'…'`: backslash escapes as in C (\n, \t, \xHH, \NNN, \', \"), the result quoted. */
  private readAnsiC(): Part {
    let i = this.pos + 2;
    let raw = '';
    for (; i < this.src.length && this.src[i] !== "'"; i++) {
      if (this.src[i] === '\\' && i + 1 < this.src.length) { raw += this.src[i] + this.src[i + 1]; i++; } else raw += this.src[i];
    }
    if (i >= this.src.length) this.fail('unterminated quoted string');
    this.pos = i + 1;
    return { t: 'q', v: unescape(raw.replace(/\\(['"?])/g, '$1'), false)[0] };
  }

  /** bash's `[i]` after a name in ${…}; undefined when none. */
  private readSubscript(quoted: boolean): Word | undefined {
    if (!this.bash || this.src[this.pos] !== '[') return undefined;
    this.pos++;
    const w = this.readArgUntil(quoted, ']');
    if (this.src[this.pos] !== ']') this.fail('bad substitution');
    this.pos++;
    return w;
  }

  /**
   * A ${…} of no known form: ash and dash parse it (to its brace) and fail only when expanding it
   * (varvalue's "bad substitution"), so the commands before it run.
   */
  private badParam(start: number, quoted: boolean): Part {
    this.skipToBrace();
    return param(this.src.slice(start, this.pos), 'bad', false, null, null, quoted);
  }

  private readBraceParam(quoted: boolean): Part {
    const start = this.pos;
    this.pos += 2;
    let op: string | null = null;
    // ${#}, ${#x}, ${##}
    if (this.src[this.pos] === '#' && this.src[this.pos + 1] !== '}' && this.src[this.pos + 1] !== undefined) {
      const n = this.src[this.pos + 1];
      if (isNameStart(n) || (n >= '0' && n <= '9') || SPECIAL_PARAMS.includes(n)) {
        this.pos++;
        op = 'len';
      }
    }
    // bash's ${!name} (indirection) and ${!name[@]} (the array's indices).
    const bang = this.bash && this.src[this.pos] === '!' && isNameStart(this.src[this.pos + 1] ?? '');
    if (bang) this.pos++;
    let name: string;
    const c = this.src[this.pos];
    if (c === undefined) this.fail("missing '}'");
    if (isNameStart(c)) {
      let end = this.pos + 1;
      while (end < this.src.length && isNameChar(this.src[end])) end++;
      name = this.src.slice(this.pos, end);
      this.pos = end;
    } else if (c >= '0' && c <= '9') {
      let end = this.pos + 1;
      while (end < this.src.length && this.src[end] >= '0' && this.src[end] <= '9') end++;
      name = this.src.slice(this.pos, end);
      this.pos = end;
    } else if (SPECIAL_PARAMS.includes(c)) {
      name = c;
      this.pos++;
    } else return this.badParam(start, quoted);
    const index = this.readSubscript(quoted);
    if (bang) {
      this.expectBrace();
      return index && (index.raw === '@' || index.raw === '*') ? param(name, 'keys', false, null, null, quoted, index) : param(name, 'indirect', false, null, null, quoted, index);
    }
    if (op === 'len') {
      if (this.src[this.pos] !== '}') return this.badParam(start, quoted);
      this.pos++;
      return param(name, 'len', false, null, null, quoted, index);
    }
    const d = this.src[this.pos];
    if (d === '}') { this.pos++; return param(name, null, false, null, null, quoted, index); }
    let colon = false;
    if (d === ':') {
      const e = this.src[this.pos + 1];
      if (e === '-' || e === '=' || e === '?' || e === '+') {
        colon = true;
        this.pos++;
      } else {
        // ${x:off[:len]} (bash compat in ash)
        this.pos++;
        const off = this.readArgUntil(quoted, ':');
        let len: Word | null = null;
        if (this.src[this.pos] === ':') { this.pos++; len = this.readArgUntil(quoted, null); }
        this.expectBrace();
        return param(name, 'sub', false, off, len, quoted, index);
      }
    }
    const o = this.src[this.pos];
    if (o === '-' || o === '=' || o === '?' || o === '+') {
      this.pos++;
      op = o;
    } else if (o === '%' || o === '#' || (this.bash && (o === ',' || o === '^' || o === '~'))) {
      op = this.src[this.pos + 1] === o ? o + o : o;
      this.pos += op.length;
    } else if (o === '/') {
      op = '/';
      const n = this.src[this.pos + 1];
      if (n === '/' || n === '#' || n === '%') { op = '/' + n; this.pos++; }
      this.pos++;
      // A pattern stays a pattern inside double quotes ("${x%.*}" globs); only its quoted parts are literal.
      const pat = this.readArgUntil(false, '/');
      let rep: Word | null = null;
      if (this.src[this.pos] === '/') { this.pos++; rep = this.readArgUntil(quoted, null); }
      this.expectBrace();
      return param(name, op, false, pat, rep, quoted, index);
    } else return this.badParam(start, quoted);
    const arg = this.readArgUntil(quoted && (op === '-' || op === '=' || op === '?' || op === '+'), null);
    this.expectBrace();
    return param(name, op, colon, arg, null, quoted, index);
  }

  /** The word inside ${…}; with `stop`, also ends at that character (for ${x/a/b}, ${x:1:2}). */
  private readArgUntil(quoted: boolean, stop: string | null): Word {
    const start = this.pos;
    const saved = this.stopChar;
    this.stopChar = stop;
    try {
      const parts = this.readParts(quoted ? 'paramdq' : 'param', false);
      return makeWord(parts, this.src.slice(start, this.pos));
    } finally {
      this.stopChar = saved;
    }
  }

  private expectBrace(): void {
    if (this.src[this.pos] !== '}') this.fail("missing '}'");
    this.pos++;
  }

  private skipToBrace(): void {
    const end = this.src.indexOf('}', this.pos);
    this.pos = end < 0 ? this.src.length : end + 1;
  }

  private readBackquote(quoted: boolean): Part {
    const line = this.lineAt(this.pos);
    let i = this.pos + 1;
    let body = '';
    for (;;) {
      const c = this.src[i];
      if (c === undefined) this.fail('EOF in backquote substitution');
      if (c === '`') break;
      if (c === '\\') {
        const n = this.src[i + 1];
        if (n === '`' || n === '\\' || n === '$' || (quoted && n === '"')) { body += n; i += 2; continue; }
        if (n === '\n') { i += 2; continue; }
      }
      body += c;
      i++;
    }
    this.pos = i + 1;
    return { t: 'cmd', body: this.parseNested(body, line), quoted };
  }
}

function param(name: string, op: string | null, colon: boolean, arg: Word | null, arg2: Word | null, quoted: boolean, index?: Word): ParamPart {
  return index ? { t: 'param', name, op, colon, arg, arg2, quoted, index } : { t: 'param', name, op, colon, arg, arg2, quoted };
}

/** Here-document body: expansions live unless the delimiter was quoted. */
export function heredocWord(reader: WordReader, body: string, quoted: boolean): Word {
  if (quoted) return { parts: [{ t: 'q', v: body }], lit: body, raw: body, sync: true };
  const sub = reader.spawn(body, 0);
  const parts = sub.readParts('heredoc', false);
  return makeWord(parts, body);
}
