/**
 * The statement half of the recursive-descent parser for the Python subset, following the grammar of CPython's
 * Grammar/python.gram (statement and expression precedence, chained comparisons, comprehensions,
 * f-strings). Errors carry the PEG parser's common messages: `invalid syntax` at the offending
 * token, `expected ':'`, `expected an indented block after … on line N`, `Perhaps you forgot a comma?`.
 */
import type { Expr, Handler, Param, Stmt } from './ast';
import { ExprParser, KEYWORDS } from './exprParser';
import { PySyntaxError, tokenize, type Tok } from './lexer';
import { NotModelled } from './values';

const BLOCK_NAMES: Readonly<Record<string, string>> = {
  if: "'if' statement", elif: "'elif' statement", else: "'else' statement", while: "'while' statement", for: "'for' statement",
  try: "'try' statement", except: "'except' statement", finally: "'finally' statement", with: "'with' statement",
  def: 'function definition', class: 'class definition',
};
const AUG = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '>>=', '<<=', '&=', '|=', '^=', '@=']);

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

class Parser extends ExprParser {
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
      // Syntax the subset leaves out: said plainly rather than reported as a SyntaxError.
      const n = this.peek();
      if (t.value === 'async' && (n.value === 'def' || n.value === 'with' || n.value === 'for')) throw new NotModelled(`async ${n.value}`, t.line);
      if (t.value === 'match' && n.type !== 'OP' && !this.atStmtEnd()) throw new NotModelled('the match statement', t.line);
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

  private dotted(): string {
    let n = this.name().value;
    while (this.eat('.')) n += '.' + this.name().value;
    return n;
  }
}
