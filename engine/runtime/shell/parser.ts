/**
 * The ash grammar: lists, and-or, pipelines, compound commands, functions, redirections.
 * Models ash.c parsecmd/list/andor/pipeline/command/simplecmd, including its error wording
 * (`syntax error: unexpected "done"`, `… (expecting "fi")`), and its habit of parsing one
 * top-level line at a time, so earlier lines run before a later line's syntax error.
 */
import { EMPTY, type Assign, type Node, type Redir, type Word } from './ast';
import { heredocWord, makeWord, WordReader } from './words';
import { bashAssign, parseArithCmd, parseCond, parseFunctionKw } from './parseBash';
import { caseCmd, doGroup, forCmd, ifCmd } from './parseCompound';
import { expandAlias, type AliasLookup } from './parseAlias';

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'while', 'until', 'for', 'do', 'done', 'case', 'esac', 'in', '{', '}', '!']);
/** Words that end a compound list. */
const LIST_END = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
const DELIM = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>', undefined as unknown as string]);
const OPS = ['&&', '||', ';;', '<<-', '<<', '>>', '<&', '>&', '<>', '>|', ';', '&', '|', '(', ')', '<', '>'];
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** bash's declaration builtins, whose `name=(…)` arguments are array assignments. */
const DECL_BUILTINS = new Set(['declare', 'typeset', 'local', 'readonly', 'export']);

interface PendingDoc { redir: Redir; delim: string; quoted: boolean; strip: boolean }

export class Parser extends WordReader {
  private pending: PendingDoc[] = [];
  /** The shell's aliases (ash, dash), substituted for command words as they are parsed; null: none. */
  aliases: AliasLookup | null = null;
  aliasRegions: { name: string; end: number }[] = [];
  aliasBlankEnd = -1;

  spawn(src: string, lineBase: number): Parser {
    const p = new Parser(src, lineBase, this.bash, this.test2);
    p.aliases = this.aliases;
    return p;
  }

  protected parseNested(src: string, line: number): Node {
    const p = this.spawn(src, line);
    const items: Node[] = [];
    for (;;) {
      const n = p.next();
      if (n === null) break;
      items.push(n);
    }
    return items.length === 1 ? items[0] : { type: 'seq', items };
  }

  protected parseSubshellBody(): Node {
    this.skipNewlines();
    if (this.src[this.pos] === ')') return EMPTY;
    if (this.pos >= this.src.length) this.fail('unexpected end of file (expecting ")")');
    const n = this.compoundList(true);
    this.skipWs();
    return n;
  }

  /** The next top-level command (one line's list); null at end of input. Throws SyntaxError. */
  next(): Node | null {
    for (;;) {
      this.skipWs();
      const c = this.src[this.pos];
      if (c === undefined) return null;
      if (c === '\n') { this.newline(); continue; }
      break;
    }
    const items: Node[] = [];
    for (;;) {
      this.checkNotEnd();
      let n = this.andOr();
      this.skipWs();
      const op = this.peekOp();
      if (op === '&') { this.pos++; n = { type: 'bg', body: n }; } else if (op === ';') this.pos++;
      else if (op !== null) this.unexpected();
      items.push(n);
      this.skipWs();
      const c = this.src[this.pos];
      if (c === undefined) break;
      if (c === '\n') { this.newline(); break; }
      if (op === null) this.unexpected();
    }
    return items.length === 1 ? items[0] : { type: 'seq', items };
  }

  skipWs(): void {
    const src = this.src;
    for (;;) {
      const c = src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < src.length && src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private peekOp(): string | null {
    const src = this.src;
    for (const op of OPS) if (src.startsWith(op, this.pos)) return op;
    return null;
  }

  /** Is the next token the reserved word `kw`? */
  atKw(kw: string): boolean {
    return this.src.startsWith(kw, this.pos) && DELIM.has(this.src[this.pos + kw.length]);
  }

  private peekKw(): string | null {
    const src = this.src;
    let end = this.pos;
    while (end < src.length && !DELIM.has(src[end])) end++;
    const w = src.slice(this.pos, end);
    return KEYWORDS.has(w) ? w : null;
  }

  private describe(): string {
    const c = this.src[this.pos];
    if (c === undefined) return 'end of file';
    if (c === '\n') return 'newline';
    const op = this.peekOp();
    if (op) {
      if ('<>'.includes(op[0]) || /^\d+[<>]/.test(this.src.slice(this.pos, this.pos + 4))) return 'redirection';
      return `"${op}"`;
    }
    const kw = this.peekKw();
    if (kw) return `"${kw}"`;
    return 'word';
  }

  unexpected(expecting?: string): never {
    const token = this.describe();
    this.fail(`unexpected ${token}${expecting ? ` (expecting "${expecting}")` : ''}`, token, expecting);
  }

  private checkNotEnd(): void {
    const kw = this.peekKw();
    if (kw && LIST_END.has(kw)) this.unexpected();
    const op = this.peekOp();
    if (op && op !== '(' && op !== '<' && op !== '>' && op !== '<<' && op !== '>>' && op !== '<<-' && op !== '<&' && op !== '>&' && op !== '<>' && op !== '>|') this.unexpected();
  }

  /** Consume a newline, then read any here-document bodies it completes. */
  newline(): void {
    this.pos++;
    const docs = this.pending;
    this.pending = [];
    for (const d of docs) this.readHeredoc(d);
  }

  private readHeredoc(d: PendingDoc): void {
    const src = this.src;
    let body = '';
    for (;;) {
      if (this.pos >= src.length) break;
      let end = src.indexOf('\n', this.pos);
      if (end < 0) end = src.length;
      let line = src.slice(this.pos, end);
      this.pos = Math.min(end + 1, src.length);
      if (d.strip) line = line.replace(/^\t+/, '');
      if (line === d.delim) break;
      body += line + '\n';
    }
    d.redir.heredoc = heredocWord(this, body, d.quoted);
  }

  skipNewlines(): void {
    for (;;) {
      this.skipWs();
      if (this.src[this.pos] === '\n') this.newline();
      else return;
    }
  }

  /**
   * A list inside a compound command; newlines separate; ends before a keyword or `)`. An empty list at
   * the end of the input names the word that should close it (`expecting "done"`), as ash and dash do.
   */
  compoundList(inParen = false, expect?: string): Node {
    const items: Node[] = [];
    for (;;) {
      this.skipNewlines();
      const c = this.src[this.pos];
      if (c === undefined) break;
      const kw = this.peekKw();
      if (kw && LIST_END.has(kw)) break;
      if (c === ')' || this.src.startsWith(';;', this.pos)) break;
      let n = this.andOr();
      this.skipWs();
      // bash's `;&` ends a case item like `;;`.
      if (this.bash && this.src.startsWith(';&', this.pos)) { items.push(n); break; }
      const op = this.peekOp();
      if (op === '&') { this.pos++; n = { type: 'bg', body: n }; } else if (op === ';') this.pos++;
      else if (op === ')' && inParen) { items.push(n); break; } else if (op !== null && op !== ';;' && op !== ')') this.unexpected();
      items.push(n);
    }
    if (items.length === 0) this.unexpected(this.src[this.pos] === undefined ? expect : undefined);
    return items.length === 1 ? items[0] : { type: 'seq', items };
  }

  private andOr(): Node {
    let left = this.pipeline();
    for (;;) {
      this.skipWs();
      const op = this.peekOp();
      if (op !== '&&' && op !== '||') return left;
      this.pos += 2;
      this.skipNewlines();
      const right = this.pipeline();
      left = { type: op === '&&' ? 'and' : 'or', left, right };
    }
  }

  private pipeline(): Node {
    this.skipWs();
    let bang = false;
    if (this.atKw('!')) {
      this.pos++;
      bang = true;
      this.skipWs();
      if (this.atKw('!')) this.unexpected();
    }
    const cmds = [this.command()];
    for (;;) {
      this.skipWs();
      if (this.src[this.pos] !== '|' || this.src[this.pos + 1] === '|') break;
      this.pos++;
      this.skipNewlines();
      cmds.push(this.command());
    }
    if (cmds.length === 1 && !bang) return cmds[0];
    return { type: 'pipe', cmds, bang };
  }

  expectKw(kw: string): void {
    this.skipWs();
    if (!this.atKw(kw)) this.unexpected(kw);
    this.pos += kw.length;
  }

  command(): Node {
    this.skipWs();
    expandAlias(this, true);
    const line = this.lineAt(this.pos);
    const kw = this.peekKw();
    let node: Node;
    if (this.bash && this.src.startsWith('[[', this.pos) && DELIM.has(this.src[this.pos + 2])) node = parseCond(this, line);
    else if (this.bash && this.src.startsWith('((', this.pos)) node = parseArithCmd(this, line);
    else if ((this.bash || this.test2) && this.atKw('function')) return parseFunctionKw(this, line); // ash's BASH_FUNCTION too
    else if (kw === 'if') node = ifCmd(this);
    else if (kw === 'while' || kw === 'until') {
      this.pos += kw.length;
      const cond = this.compoundList(false, 'do');
      node = { type: 'while', until: kw === 'until', cond, body: doGroup(this) };
    } else if (kw === 'for') node = forCmd(this, line);
    else if (kw === 'case') node = caseCmd(this, line);
    else if (kw === '{') {
      this.pos++;
      const body = this.compoundList(false, '}');
      this.expectKw('}');
      node = { type: 'group', body, redirs: [] };
    } else if (this.src[this.pos] === '(') {
      this.pos++;
      const body = this.compoundList(true);
      this.skipWs();
      if (this.src[this.pos] !== ')') this.unexpected(')');
      this.pos++;
      node = { type: 'subshell', body, redirs: [] };
    } else if (kw && kw !== '!') {
      this.unexpected();
    } else {
      return this.simple(line);
    }
    const redirs = this.redirections();
    if (redirs.length === 0) return node;
    if (node.type === 'group' || node.type === 'subshell') return { ...node, redirs };
    return { type: 'group', body: node, redirs };
  }

  private redirections(): Redir[] {
    const out: Redir[] = [];
    for (;;) {
      this.skipWs();
      const r = this.tryRedir();
      if (!r) return out;
      out.push(r);
    }
  }

  private tryRedir(): Redir | null {
    const src = this.src;
    let p = this.pos;
    let fd = -1;
    if (src[p] >= '0' && src[p] <= '9') {
      let q = p;
      while (src[q] >= '0' && src[q] <= '9') q++;
      if (src[q] !== '<' && src[q] !== '>') return null;
      fd = Number(src.slice(p, q));
      p = q;
    }
    if (src[p] !== '<' && src[p] !== '>') return null;
    this.pos = p;
    const op = this.bash && src.startsWith('<<<', p) ? '<<<' : this.peekOp() as Redir['op'];
    this.pos += op.length;
    if (fd < 0) fd = op[0] === '<' ? 0 : 1;
    this.skipWs();
    const target = this.readWord();
    if (!target) this.unexpected();
    const r: Redir = { fd, op, target };
    if (op === '<<' || op === '<<-') {
      let delim = '';
      let quoted = false;
      for (const part of target.parts) {
        if (part.t === 'lit') delim += part.v;
        else if (part.t === 'q') { delim += part.v; quoted = true; } else if (part.t === 'dq') {
          quoted = true;
          for (const x of part.parts) delim += x.t === 'q' || x.t === 'lit' ? x.v : '';
        } else delim += target.raw;
      }
      this.pending.push({ redir: r, delim, quoted, strip: op === '<<-' });
    }
    return r;
  }

  private simple(line: number): Node {
    const assigns: Assign[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    const declArrays: Assign[] = [];
    let brackets = false;
    let aliasNext = false;
    for (;;) {
      this.skipWs();
      // Alias names are looked up until a word that is no assignment (redirections aside), and after an alias text ending in a blank.
      if (words.length === 0 || aliasNext) expandAlias(this, false);
      const r = this.tryRedir();
      if (r) { redirs.push(r); continue; }
      const c = this.src[this.pos];
      if (brackets && (this.src.startsWith('&&', this.pos) || this.src.startsWith('||', this.pos))) {
        const op = this.src.slice(this.pos, this.pos + 2);
        this.pos += 2;
        words.push(makeWord([{ t: 'lit', v: op }], op));
        continue;
      }
      if (c === '(' && words.length === 1 && assigns.length === 0 && redirs.length === 0) return this.funcDef(words[0], line);
      const w = this.readWord();
      if (!w) break;
      if (this.bash && words.length > 0 && DECL_BUILTINS.has(words[0].raw) && /^[A-Za-z_][A-Za-z0-9_]*=$/.test(w.raw) && this.src[this.pos] === '(') {
        const a = bashAssign(this, w, w.raw.length - 1, () => w)!;
        declArrays.push(a);
        words.push(makeWord([{ t: 'lit', v: a.name }], a.name));
        continue;
      }
      if (words.length === 0 && this.bash && w.parts[0].t === 'lit' && w.raw.indexOf('=') > 0) {
        const eq = w.raw.indexOf('=');
        const a = bashAssign(this, w, eq, () => assignValue(this, w, eq));
        if (a) { assigns.push(a); continue; }
      }
      if (words.length === 0) {
        const eq = w.raw.indexOf('=');
        if (eq > 0 && NAME_RE.test(w.raw.slice(0, eq)) && w.parts[0].t === 'lit' && w.parts[0].v.length > eq) {
          assigns.push({ name: w.raw.slice(0, eq), value: assignValue(this, w, eq) });
          continue;
        }
      }
      words.push(w);
      aliasNext = this.aliasBlankEnd >= 0 && this.pos <= this.aliasBlankEnd;
      if (this.test2 && (w.raw === '[[' || w.raw === ']]')) brackets = w.raw === '[[';
    }
    if (words.length === 0 && assigns.length === 0 && redirs.length === 0) this.unexpected();
    const fast = redirs.length === 0 && !declArrays.length && words.every((w) => w.sync) && assigns.every((a) => a.value.sync && !a.array && !a.append && !a.index);
    return declArrays.length ? { type: 'simple', assigns, words, redirs, line, fast, declArrays } : { type: 'simple', assigns, words, redirs, line, fast };
  }

  private funcDef(nameWord: Word, line: number): Node {
    this.pos++;
    this.skipWs();
    if (this.src[this.pos] !== ')') this.unexpected(')');
    this.pos++;
    this.skipNewlines();
    const body = this.command();
    return { type: 'func', name: nameWord.raw, body, line };
  }
}

/** The value part of `name=value`, re-read so a leading `~` expands (ash does tilde after `=`). */
function assignValue(p: Parser, w: Word, eq: number): Word {
  const first = w.parts[0] as { t: 'lit'; v: string };
  const rest = first.v.slice(eq + 1);
  const parts = rest ? [{ t: 'lit' as const, v: rest }, ...w.parts.slice(1)] : w.parts.slice(1);
  if (rest.startsWith('~')) {
    const sub = p.spawn(w.raw.slice(eq + 1), 0);
    const word = sub.readWord();
    if (word) return word;
  }
  return makeWord(parts.length ? parts : [{ t: 'q', v: '' }], w.raw.slice(eq + 1));
}

export { EMPTY };
