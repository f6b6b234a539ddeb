/**
 * A recursive-descent parser for the Python subset, following the grammar of CPython's
 * Grammar/python.gram (statement and expression precedence, chained comparisons, comprehensions,
 * f-strings). Errors carry the PEG parser's common messages: `invalid syntax` at the offending
 * token, `expected ':'`, `expected an indented block after … on line N`, `Perhaps you forgot a comma?`.
 */
import type { Arg, CompFor, Expr, Handler, Param, Pos, Stmt } from './ast';
import { PySyntaxError, tokenize, type Tok } from './lexer';
import { parseFString, stringValue } from './strings';

const BLOCK_NAMES: Readonly<Record<string, string>> = {
  if: "'if' statement", elif: "'elif' statement", else: "'else' statement", while: "'while' statement", for: "'for' statement",
  try: "'try' statement", except: "'except' statement", finally: "'finally' statement", with: "'with' statement",
  def: 'function definition', class: 'class definition',
};
const COMPARE = new Set(['<', '>', '==', '>=', '<=', '!=', 'in', 'not', 'is']);
const AUG = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '>>=', '<<=', '&=', '|=', '^=', '@=']);
const KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

export function parseModule(src: string): Stmt[] {
  const toks = tokenize(src);
  try {
    return new Parser(toks).module();
  } catch (e) {
    // A bracket left open makes the tokenizer's error win over a generic one (pegen's second pass).
    const open = toks[toks.length - 1].open;
    if (e instanceof PySyntaxError && e.generic && open) throw new PySyntaxError('SyntaxError', `'${open.ch}' was never closed`, open.line, open.col);
    throw e;
  }
}

/** An expression on its own (f-string replacement fields), positioned at `line`/`col` of the source. */
export function parseExpression(text: string, line: number, col: number): Expr {
  const toks = tokenize(`(${text})`).map((t) => (t.line === 1 ? { ...t, line: line, endLine: line, col: t.col - 1 + col, endCol: t.endCol - 1 + col } : t));
  const p = new Parser(toks);
  const e = p.expr();
  return e;
}

const span = (a: Pos, b: Pos): Pos => ({ line: a.line, col: a.col, endLine: b.endLine, endCol: b.endCol });

class Parser {
  private i = 0;
  constructor(private readonly t: Tok[]) {}

  private get tok(): Tok { return this.t[this.i]; }
  /** The current token's type (a call, so TypeScript does not narrow it across `this.i++`). */
  private ty(): Tok['type'] { return this.t[this.i].type; }
  private peek(n = 1): Tok { return this.t[Math.min(this.i + n, this.t.length - 1)]; }
  private is(v: string): boolean { const t = this.tok; return (t.type === 'OP' || t.type === 'NAME') && t.value === v; }
  private next(): Tok { return this.t[this.i++]; }
  private eat(v: string): boolean { if (this.is(v)) { this.i++; return true; } return false; }

  fail(t: Tok = this.tok, msg = 'invalid syntax'): never {
    const e = new PySyntaxError('SyntaxError', msg, t.line, t.col, Math.max(t.endCol, t.col + 1));
    e.generic = msg === 'invalid syntax' || t.type === 'END';
    throw e;
  }

  private expect(v: string): Tok {
    if (this.is(v)) return this.next();
    if (v === ':') { const p = this.t[this.i - 1]; throw new PySyntaxError('SyntaxError', "expected ':'", p.endLine, p.endCol, p.endCol + 1); }
    return this.fail();
  }

  private name(): Tok {
    const t = this.tok;
    if (t.type !== 'NAME' || KEYWORDS.has(t.value)) this.fail();
    return this.next();
  }

  module(): Stmt[] {
    const body: Stmt[] = [];
    while (this.ty() !== 'END') {
      if (this.ty() === 'NEWLINE') { this.i++; continue; }
      if (this.ty() === 'INDENT') throw new PySyntaxError('IndentationError', 'unexpected indent', this.tok.line, -1);
      body.push(...this.statement());
    }
    return body;
  }

  private block(header: Tok): Stmt[] {
    this.expect(':');
    if (this.ty() !== 'NEWLINE') return this.simpleLine();
    this.i++;
    const t = this.peek(0);
    if (t.type !== 'INDENT') {
      throw new PySyntaxError('IndentationError', `expected an indented block after ${BLOCK_NAMES[header.value]} on line ${header.line}`, t.line, t.col, t.endCol);
    }
    this.i++;
    const body: Stmt[] = [];
    while (this.ty() !== 'DEDENT' && this.ty() !== 'END') {
      if (this.ty() === 'INDENT') throw new PySyntaxError('IndentationError', 'unexpected indent', this.tok.line, -1);
      body.push(...this.statement());
    }
    if (this.ty() === 'DEDENT') this.i++;
    return body;
  }

  private statement(): Stmt[] {
    const t = this.tok;
    if (t.type === 'NAME') {
      switch (t.value) {
        case 'if': return [this.ifStmt()];
        case 'while': { this.i++; const test = this.expr(); this.assignInTest(test); const body = this.block(t); return [{ type: 'While', test, body, orelse: this.elseBlock(), ...this.pos(t) }]; }
        case 'for': return [this.forStmt()];
        case 'def': return [this.defStmt([])];
        case 'class': return [this.classStmt()];
        case 'try': return [this.tryStmt()];
        case 'with': return [this.withStmt()];
      }
    }
    if (this.is('@')) {
      const decorators: Expr[] = [];
      while (this.eat('@')) { decorators.push(this.expr()); this.newline(); }
      return [this.defStmt(decorators)];
    }
    return this.simpleLine();
  }

  private pos(t: Tok): Pos {
    const e = this.t[this.i - 1];
    return { line: t.line, col: t.col, endLine: e.endLine, endCol: e.endCol };
  }

  private newline(): void {
    if (this.ty() === 'NEWLINE') { this.i++; return; }
    if (this.ty() === 'END' || this.ty() === 'DEDENT') return;
    this.fail();
  }

  private simpleLine(): Stmt[] {
    const out = [this.simple()];
    while (this.eat(';')) {
      if (this.ty() === 'NEWLINE') break;
      out.push(this.simple());
    }
    this.newline();
    return out;
  }

  private elseBlock(): Stmt[] {
    if (!this.is('else')) return [];
    return this.block(this.next());
  }

  private assignInTest(test: Expr): void {
    if (!this.is('=')) return;
    this.i++;
    const rhs = this.expr();
    throw new PySyntaxError('SyntaxError', "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", test.line, test.col, rhs.endCol);
  }

  private ifStmt(): Stmt {
    const t = this.next();
    const test = this.namedExpr();
    this.assignInTest(test);
    const body = this.block(t);
    const orelse = this.is('elif') ? [this.ifStmt()] : this.elseBlock();
    return { type: 'If', test, body, orelse, ...this.pos(t) };
  }

  private forStmt(): Stmt {
    const t = this.next();
    const target = this.targetList();
    this.expect('in');
    const iter = this.exprList();
    const body = this.block(t);
    return { type: 'For', target, iter, body, orelse: this.elseBlock(), ...this.pos(t) };
  }

  private targetList(): Expr {
    const first = this.bitOr();
    if (!this.is(',')) return first;
    const items = [first];
    while (this.eat(',')) { if (this.is('in') || this.is('=')) break; items.push(this.bitOr()); }
    return { type: 'Tuple', items, ...span(first, items[items.length - 1]) };
  }

  private params(close: string): Param[] {
    const ps: Param[] = [];
    while (!this.is(close)) {
      let star: Param['star'] = '';
      if (this.eat('**')) star = '**';
      else if (this.eat('*')) star = '*';
      if (star === '*' && (this.is(',') || this.is(close))) { ps.push({ name: '', star, def: null }); if (!this.eat(',')) break; continue; }
      const name = this.name().value;
      if (close === ')' && this.eat(':')) this.expr();
      const def = this.eat('=') ? this.expr() : null;
      ps.push({ name, star, def });
      if (!this.eat(',')) break;
    }
    return ps;
  }

  private defStmt(decorators: Expr[]): Stmt {
    const t = this.next();
    if (t.value !== 'def') this.fail(t);
    const name = this.name().value;
    this.expect('(');
    let params: Param[];
    try {
      params = this.params(')');
      this.expect(')');
    } catch (e) {
      // pegen's invalid_parameters rules report here even when the bracket is never closed.
      if (e instanceof PySyntaxError) e.generic = false;
      throw e;
    }
    if (this.eat('->')) this.expr();
    const body = this.block(t);
    return { type: 'Def', name, params, body, decorators, ...this.pos(t) };
  }

  private classStmt(): Stmt {
    const t = this.next();
    const name = this.name().value;
    const bases: Expr[] = [];
    if (this.eat('(')) {
      while (!this.is(')')) { bases.push(this.expr()); if (!this.eat(',')) break; }
      this.expect(')');
    }
    return { type: 'Class', name, bases, body: this.block(t), ...this.pos(t) };
  }

  private tryStmt(): Stmt {
    const t = this.next();
    const body = this.block(t);
    const handlers: Handler[] = [];
    while (this.is('except')) {
      const h = this.next();
      let types: Expr | null = null;
      let name: string | null = null;
      if (!this.is(':')) {
        types = this.exprList();
        if (this.eat('as')) name = this.name().value;
      }
      handlers.push({ types, name, body: this.block(h), line: h.line });
    }
    const orelse = this.elseBlock();
    let final: Stmt[] = [];
    if (this.is('finally')) final = this.block(this.next());
    if (!handlers.length && !final.length) {
      throw new PySyntaxError('SyntaxError', "expected 'except' or 'finally' block", this.tok.line, this.tok.col, this.tok.endCol);
    }
    return { type: 'Try', body, handlers, orelse, final, ...this.pos(t) };
  }

  private withStmt(): Stmt {
    const t = this.next();
    const items: { ctx: Expr; as: Expr | null }[] = [];
    do {
      const ctx = this.expr();
      items.push({ ctx, as: this.eat('as') ? this.bitOr() : null });
    } while (this.eat(','));
    return { type: 'With', items, body: this.block(t), ...this.pos(t) };
  }

  private simple(): Stmt {
    const t = this.tok;
    if (t.type === 'NAME') {
      switch (t.value) {
        case 'pass': case 'break': case 'continue':
          this.i++;
          return { type: t.value === 'pass' ? 'Pass' : t.value === 'break' ? 'Break' : 'Continue', ...this.pos(t) };
        case 'return': { this.i++; const value = this.atStmtEnd() ? null : this.exprList(); return { type: 'Return', value, ...this.pos(t) }; }
        case 'raise': {
          this.i++;
          const exc = this.atStmtEnd() ? null : this.expr();
          const cause = exc && this.eat('from') ? this.expr() : null;
          return { type: 'Raise', exc, cause, ...this.pos(t) };
        }
        case 'global': case 'nonlocal': {
          this.i++;
          const names = [this.name().value];
          while (this.eat(',')) names.push(this.name().value);
          return { type: t.value === 'global' ? 'Global' : 'Nonlocal', names, ...this.pos(t) };
        }
        case 'import': {
          this.i++;
          const names: { name: string; as: string | null }[] = [];
          do { names.push({ name: this.dotted(), as: this.eat('as') ? this.name().value : null }); } while (this.eat(','));
          return { type: 'Import', names, ...this.pos(t) };
        }
        case 'from': {
          this.i++;
          const module = this.dotted();
          this.expect('import');
          const paren = this.eat('(');
          const names: { name: string; as: string | null }[] = [];
          if (this.eat('*')) names.push({ name: '*', as: null });
          else do { if (paren && this.is(')')) break; names.push({ name: this.name().value, as: this.eat('as') ? this.name().value : null }); } while (this.eat(','));
          if (paren) this.expect(')');
          return { type: 'ImportFrom', module, names, ...this.pos(t) };
        }
        case 'assert': { this.i++; const test = this.expr(); const msg = this.eat(',') ? this.expr() : null; return { type: 'Assert', test, msg, ...this.pos(t) }; }
        case 'del': { this.i++; const targets = [this.bitOr()]; while (this.eat(',')) targets.push(this.bitOr()); return { type: 'Del', targets, ...this.pos(t) }; }
        case 'print': {
          const n = this.peek();
          if (n.type === 'STRING' || n.type === 'NUMBER' || (n.type === 'NAME' && !KEYWORDS.has(n.value))) {
            let j = this.i;
            while (this.t[j + 1].type !== 'NEWLINE' && this.t[j + 1].type !== 'END') j++;
            throw new PySyntaxError('SyntaxError', "Missing parentheses in call to 'print'. Did you mean print(...)?", t.line, t.col, this.t[j].endCol);
          }
        }
      }
    }
    const first = this.exprList(true);
    if (this.is('=')) {
      const targets = [first];
      let value = first;
      while (this.eat('=')) { value = this.is('yield') ? this.fail() : this.exprList(true); targets.push(value); }
      targets.pop();
      return { type: 'Assign', targets, value, ...this.pos(t) };
    }
    if (this.ty() === 'OP' && AUG.has(this.tok.value)) {
      const op = this.next().value.slice(0, -1);
      return { type: 'AugAssign', target: first, op, value: this.exprList(), ...this.pos(t) };
    }
    if (this.is(':') && (first.type === 'Name' || first.type === 'Attr' || first.type === 'Sub')) {
      this.i++;
      this.expr();
      return { type: 'AnnAssign', target: first, value: this.eat('=') ? this.exprList() : null, ...this.pos(t) };
    }
    if (!this.atStmtEnd()) this.adjacent(first);
    return { type: 'Expr', value: first, ...this.pos(t) };
  }

  private atStmtEnd(): boolean {
    return this.ty() === 'NEWLINE' || this.ty() === 'END' || this.is(';');
  }

  /** Two expressions side by side: CPython's "Perhaps you forgot a comma?" inside brackets, else invalid syntax. */
  private adjacent(prev: Expr, inBrackets = false): never {
    const t = this.tok;
    if (inBrackets && (t.type === 'NAME' || t.type === 'NUMBER' || t.type === 'STRING') && !KEYWORDS.has(t.value)) {
      const save = this.i;
      try {
        const e = this.bitOr();
        throw new PySyntaxError('SyntaxError', 'invalid syntax. Perhaps you forgot a comma?', prev.line, prev.col, e.endCol);
      } catch (err) {
        if (err instanceof PySyntaxError && err.message.startsWith('invalid syntax. Perhaps')) throw err;
        this.i = save;
      }
    }
    return this.fail();
  }

  private dotted(): string {
    let n = this.name().value;
    while (this.eat('.')) n += '.' + this.name().value;
    return n;
  }

  /** `a, b` as a tuple (assignment targets, return values, for iterables). */
  exprList(allowStar = false): Expr {
    const first = allowStar && this.is('*') ? this.starred() : this.namedExpr();
    if (!this.is(',')) return first;
    const items = [first];
    while (this.eat(',')) {
      if (this.atStmtEnd() || this.is('=') || this.is(':') || this.is(')')) break;
      items.push(allowStar && this.is('*') ? this.starred() : this.expr());
    }
    return { type: 'Tuple', items, ...span(first, this.t[this.i - 1]) };
  }

  private starred(): Expr {
    const t = this.next();
    const value = this.bitOr();
    return { type: 'Starred', value, ...span(t, value) };
  }

  private namedExpr(): Expr {
    if (this.ty() === 'NAME' && this.peek().value === ':=' && this.peek().type === 'OP') {
      const t = this.next();
      this.i++;
      const value = this.expr();
      return { type: 'Walrus', target: t.value, value, ...span(t, value) };
    }
    return this.expr();
  }

  expr(): Expr {
    if (this.is('lambda')) {
      const t = this.next();
      const params = this.params(':');
      this.expect(':');
      const body = this.expr();
      return { type: 'Lambda', params, body, ...span(t, body) };
    }
    const body = this.or();
    if (this.is('if')) {
      this.i++;
      const test = this.or();
      if (!this.is('else')) this.fail(this.tok, "expected 'else' after 'if' expression");
      this.i++;
      const orelse = this.expr();
      return { type: 'IfExp', test, body, orelse, ...span(body, orelse) };
    }
    return body;
  }

  private or(): Expr { return this.boolOp('or', () => this.and()); }
  private and(): Expr { return this.boolOp('and', () => this.not()); }

  private boolOp(op: 'and' | 'or', sub: () => Expr): Expr {
    const first = sub();
    if (!this.is(op)) return first;
    const values = [first];
    while (this.eat(op)) values.push(sub());
    return { type: 'Bool', op, values, ...span(first, values[values.length - 1]) };
  }

  private not(): Expr {
    if (this.is('not')) {
      const t = this.next();
      const arg = this.not();
      return { type: 'Unary', op: 'not', arg, ...span(t, arg) };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.bitOr();
    const ops: string[] = [];
    const rights: Expr[] = [];
    while (COMPARE.has(this.tok.value) && (this.ty() === 'OP' || this.ty() === 'NAME')) {
      let op = this.next().value;
      if (op === 'not') { if (!this.eat('in')) this.fail(); op = 'not in'; } else if (op === 'is' && this.eat('not')) op = 'is not';
      ops.push(op);
      rights.push(this.bitOr());
    }
    if (!ops.length) return left;
    return { type: 'Cmp', left, ops, rights, ...span(left, rights[rights.length - 1]) };
  }

  private binLevel(ops: readonly string[], sub: () => Expr): Expr {
    let left = sub();
    while (this.ty() === 'OP' && ops.includes(this.tok.value)) {
      const op = this.next().value;
      const right = sub();
      left = { type: 'Bin', op, left, right, ...span(left, right) };
    }
    return left;
  }

  private bitOr(): Expr { return this.binLevel(['|'], () => this.binLevel(['^'], () => this.binLevel(['&'], () => this.shift()))); }
  private shift(): Expr { return this.binLevel(['<<', '>>'], () => this.binLevel(['+', '-'], () => this.binLevel(['*', '/', '//', '%', '@'], () => this.unary()))); }

  private unary(): Expr {
    if (this.ty() === 'OP' && (this.is('-') || this.is('+') || this.is('~'))) {
      const t = this.next();
      const arg = this.unary();
      return { type: 'Unary', op: t.value, arg, ...span(t, arg) };
    }
    const base = this.primary();
    if (this.is('**')) {
      this.i++;
      const right = this.unary();
      return { type: 'Bin', op: '**', left: base, right, ...span(base, right) };
    }
    return base;
  }

  private primary(): Expr {
    let e = this.atom();
    for (;;) {
      if (this.eat('.')) {
        const n = this.name();
        e = { type: 'Attr', obj: e, attr: n.value, ...span(e, n) };
      } else if (this.is('(')) {
        this.i++;
        const args = this.callArgs();
        const close = this.expect(')');
        e = { type: 'Call', fn: e, args, ...span(e, close) };
      } else if (this.is('[')) {
        this.i++;
        const index = this.subscript();
        const close = this.expect(']');
        e = { type: 'Sub', obj: e, index, ...span(e, close) };
      } else return e;
    }
  }

  private subscript(): Expr {
    const items: Expr[] = [];
    do {
      if (this.is(']')) break;
      items.push(this.sliceItem());
    } while (this.eat(','));
    if (items.length === 1 && !(this.t[this.i - 1].value === ',')) return items[0];
    return { type: 'Tuple', items, ...span(items[0], items[items.length - 1]) };
  }

  private sliceItem(): Expr {
    const t = this.tok;
    const lo = this.is(':') ? null : this.expr();
    if (!this.is(':')) return lo!;
    this.i++;
    const hi = this.is(':') || this.is(']') || this.is(',') ? null : this.expr();
    let step: Expr | null = null;
    if (this.eat(':')) step = this.is(']') || this.is(',') ? null : this.expr();
    return { type: 'Slice', lo, hi, step, ...span(t, this.t[this.i - 1]) };
  }

  private callArgs(): Arg[] {
    const args: Arg[] = [];
    while (!this.is(')')) {
      if (this.eat('**')) args.push({ name: null, star: '**', value: this.expr() });
      else if (this.eat('*')) args.push({ name: null, star: '*', value: this.expr() });
      else if (this.ty() === 'NAME' && this.peek().type === 'OP' && this.peek().value === '=') {
        const name = this.next().value;
        this.i++;
        args.push({ name, star: '', value: this.expr() });
      } else {
        const value = this.namedExpr();
        if (this.is('for')) {
          args.push({ name: null, star: '', value: this.comprehension('gen', value, null, value) });
          continue;
        }
        args.push({ name: null, star: '', value });
      }
      if (!this.eat(',')) { if (!this.is(')')) this.adjacent(args[args.length - 1].value, true); break; }
    }
    return args;
  }

  private comprehension(kind: 'list' | 'set' | 'gen' | 'dict', elt: Expr, value: Expr | null, start: Pos): Expr {
    const gens: CompFor[] = [];
    while (this.eat('for')) {
      const target = this.targetList();
      this.expect('in');
      const iter = this.or();
      const ifs: Expr[] = [];
      while (this.eat('if')) ifs.push(this.or());
      gens.push({ target, iter, ifs });
    }
    return { type: 'Comp', kind, elt, value, gens, ...span(start, this.t[this.i - 1]) };
  }

  private seq(close: string): Expr[] {
    const items: Expr[] = [];
    while (!this.is(close)) {
      items.push(this.is('*') ? this.starred() : this.namedExpr());
      if (!this.eat(',')) { if (!this.is(close)) this.adjacent(items[items.length - 1], true); break; }
    }
    return items;
  }

  private atom(): Expr {
    const t = this.tok;
    if (t.type === 'NUMBER') { this.i++; return { type: 'Const', value: numberValue(t), ...this.pos(t) }; }
    if (t.type === 'STRING') return this.strings();
    if (t.type === 'NAME') {
      if (t.value === 'None' || t.value === 'True' || t.value === 'False') {
        this.i++;
        return { type: 'Const', value: t.value === 'None' ? null : t.value === 'True', ...this.pos(t) };
      }
      if (KEYWORDS.has(t.value)) this.fail();
      this.i++;
      return { type: 'Name', id: t.value, ...this.pos(t) };
    }
    if (t.type !== 'OP') return this.fail();
    if (t.value === '(') {
      this.i++;
      if (this.is(')')) { this.i++; return { type: 'Tuple', items: [], ...this.pos(t) }; }
      const first = this.is('*') ? this.starred() : this.namedExpr();
      if (this.is('for')) { const c = this.comprehension('gen', first, null, t); this.expect(')'); return { ...c, ...this.pos(t) }; }
      if (this.eat(')')) return first;
      if (!this.eat(',')) this.adjacent(first, true);
      const items = [first, ...this.seq(')')];
      this.expect(')');
      return { type: 'Tuple', items, ...this.pos(t) };
    }
    if (t.value === '[') {
      this.i++;
      if (!this.is(']')) {
        const first = this.namedExpr();
        if (this.is('for')) { const c = this.comprehension('list', first, null, t); this.expect(']'); return { ...c, ...this.pos(t) }; }
        if (!this.eat(',') && !this.is(']')) this.adjacent(first, true);
        const items = [first, ...this.seq(']')];
        this.expect(']');
        return { type: 'List', items, ...this.pos(t) };
      }
      this.i++;
      return { type: 'List', items: [], ...this.pos(t) };
    }
    if (t.value === '{') return this.braces(t);
    if (t.value === '...') { this.i++; return { type: 'Const', value: null, ...this.pos(t) }; }
    return this.fail();
  }

  private braces(t: Tok): Expr {
    this.i++;
    const keys: (Expr | null)[] = [];
    const values: Expr[] = [];
    if (this.eat('}')) return { type: 'Dict', keys, values, ...this.pos(t) };
    if (this.eat('**')) { keys.push(null); values.push(this.bitOr()); } else {
      const k = this.expr();
      if (!this.is(':')) {
        if (this.is('for')) { const c = this.comprehension('set', k, null, t); this.expect('}'); return { ...c, ...this.pos(t) }; }
        const items = [k];
        if (this.eat(',')) items.push(...this.seq('}'));
        this.expect('}');
        return { type: 'Set', items, ...this.pos(t) };
      }
      this.i++;
      const v = this.expr();
      if (this.is('for')) { const c = this.comprehension('dict', k, v, t); this.expect('}'); return { ...c, ...this.pos(t) }; }
      keys.push(k);
      values.push(v);
    }
    while (this.eat(',')) {
      if (this.is('}')) break;
      if (this.eat('**')) { keys.push(null); values.push(this.bitOr()); continue; }
      keys.push(this.expr());
      this.expect(':');
      values.push(this.expr());
    }
    this.expect('}');
    return { type: 'Dict', keys, values, ...this.pos(t) };
  }

  /** Adjacent string literals concatenate; an f-string anywhere makes the whole an f-string. */
  private strings(): Expr {
    const first = this.tok;
    const parts: Extract<Expr, { type: 'FStr' }>['parts'] = [];
    let bytes = false;
    let isF = false;
    while (this.ty() === 'STRING') {
      const s = this.next();
      const prefix = s.prefix ?? '';
      if (prefix.includes('b')) bytes = true;
      if (prefix.includes('f')) { isF = true; parts.push(...parseFString(s)); } else parts.push(stringValue(s));
    }
    const pos = this.pos(first);
    if (!isF) return { type: 'Const', value: parts.join(''), bytes, ...pos };
    return { type: 'FStr', parts, ...pos };
  }
}

function numberValue(t: Tok): bigint | number {
  const s = t.value.replace(/_/g, '');
  if (/^0[xob]/i.test(s)) return BigInt(s);
  if (/[.eE]/.test(s) && !/^0[xX]/.test(s)) return Number(s);
  if (/[jJ]$/.test(s)) throw new PySyntaxError('SyntaxError', 'complex numbers are not modelled by the playground', t.line, t.col, t.endCol);
  if (/^0+[1-9]/.test(s)) {
    throw new PySyntaxError('SyntaxError', 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers', t.line, t.col, t.col + /^0+/.exec(s)![0].length);
  }
  return BigInt(s);
}
