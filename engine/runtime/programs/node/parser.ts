/**
 * The statement half of the recursive-descent parser for the JavaScript subset (ECMA-262 §14:
 * declarations, control flow, try, switch, labels) with automatic semicolon insertion. Errors are
 * V8's: `Unexpected token 'x'`, `Unexpected end of input`, `Unexpected identifier 'x'`,
 * `Missing initializer in const declaration`.
 */
import type { Node } from './ast';
import { ExprParser, RESERVED } from './exprParser';
import { JsNotModelled } from './values';
import { JsSyntaxError, tokenize, type Tok } from './lexer';

export function parseProgram(src: string): Node[] {
  return new Parser(tokenize(src), src).program();
}

class Parser extends ExprParser {
  protected nested(toks: Tok[]): ExprParser {
    return new Parser(toks, this.src, this.line0);
  }

  program(): Node[] {
    const body: Node[] = [];
    while (this.tok.type !== 'eof') body.push(this.statement());
    return body;
  }

  protected block(): Node[] {
    this.expect('{');
    const body: Node[] = [];
    while (!this.is('}')) {
      if (this.tok.type === 'eof') this.fail();
      body.push(this.statement());
    }
    this.i++;
    return body;
  }

  statement(): Node {
    const t = this.tok;
    const at = this.at(t);
    if (t.type === 'punct') {
      if (t.value === '{') return { type: 'Block', body: this.block(), ...at };
      if (t.value === ';') { this.i++; return { type: 'Empty', ...at }; }
    }
    if (t.type === 'name') {
      switch (t.value) {
        case 'var': case 'const': return this.varDecl(true);
        case 'let': if (this.peekTok().type === 'name' || this.peekTok().value === '[' || this.peekTok().value === '{') return this.varDecl(true); break;
        case 'function': { const fn = this.func(false); return { type: 'FuncDecl', fn, ...at }; }
        case 'async': if (this.peekTok().value === 'function' && !this.peekTok().nl) { this.i++; const fn = this.func(true); return { type: 'FuncDecl', fn, ...at }; } break;
        case 'class': return { type: 'ClassDecl', cls: this.classExpr(), ...at };
        case 'return': {
          this.i++;
          const value = this.is(';') || this.is('}') || this.tok.type === 'eof' || this.tok.nl ? null : this.expression();
          this.semi();
          return { type: 'Return', value, ...at };
        }
        case 'if': {
          this.i++;
          this.expect('(');
          const test = this.expression();
          this.expect(')');
          const then = this.statement();
          return { type: 'If', test, then, else: this.eat('else') ? this.statement() : null, ...at };
        }
        case 'for': return this.forStmt();
        case 'while': { this.i++; this.expect('('); const test = this.expression(); this.expect(')'); return { type: 'While', test, body: this.statement(), ...at }; }
        case 'do': {
          this.i++;
          const body = this.statement();
          this.expect('while');
          this.expect('(');
          const test = this.expression();
          this.expect(')');
          this.eat(';');
          return { type: 'DoWhile', test, body, ...at };
        }
        case 'break': case 'continue': {
          this.i++;
          const label = this.tok.type === 'name' && !this.tok.nl && !RESERVED.has(this.tok.value) ? this.next().value : null;
          this.semi();
          return { type: t.value === 'break' ? 'Break' : 'Continue', label, ...at };
        }
        case 'throw': {
          this.i++;
          if (this.tok.nl) throw new JsSyntaxError('Illegal newline after throw', this.tok.line, this.tok.col);
          const value = this.expression();
          this.semi();
          return { type: 'Throw', value, ...at };
        }
        case 'try': return this.tryStmt();
        case 'switch': return this.switchStmt();
        case 'import': case 'export':
          throw new JsSyntaxError('Cannot use import statement outside a module', t.line, t.col);
      }
      if (this.peekTok().value === ':' && this.peekTok().type === 'punct' && !RESERVED.has(t.value)) {
        this.i += 2;
        return { type: 'Labeled', label: t.value, body: this.statement(), ...at };
      }
    }
    const expr = this.expression();
    this.semi();
    return { type: 'ExprStmt', expr, ...at };
  }

  private varDecl(semi: boolean, inFor = false): Node {
    const t = this.next();
    const kind = t.value as 'var' | 'let' | 'const';
    const decls: { id: Node; init: Node | null }[] = [];
    do {
      const id = this.bindingTarget();
      let init: Node | null = null;
      if (this.eat('=')) init = this.assign();
      else if (!inFor && (kind === 'const' || id.type !== 'Ident')) {
        throw new JsSyntaxError(kind === 'const' ? 'Missing initializer in const declaration' : 'Missing initializer in destructuring declaration', id.line, id.col, id.end - id.col);
      }
      decls.push({ id, init });
    } while (this.eat(','));
    if (semi) this.semi();
    return { type: 'Var', kind, decls, ...this.at(t) };
  }

  private forStmt(): Node {
    const t = this.next();
    if (this.is('await')) throw new JsNotModelled('for await', t.line);
    this.expect('(');
    let init: Node | null = null;
    let decl: 'var' | 'let' | 'const' | null = null;
    if (this.is('var') || this.is('let') || this.is('const')) {
      decl = this.tok.value as 'var' | 'let' | 'const';
      init = this.varDecl(false, true);
    } else if (!this.is(';')) init = this.expression(true);
    if (init && (this.is('of') || this.is('in'))) {
      const kind = this.next().value === 'of' ? 'ForOf' : 'ForIn';
      const target = init.type === 'Var' ? init.decls[0].id : this.toPattern(init);
      const iter = kind === 'ForOf' ? this.assign() : this.expression();
      this.expect(')');
      return { type: kind, decl, target, iter, body: this.statement(), ...this.at(t) };
    }
    this.expect(';');
    const test = this.is(';') ? null : this.expression();
    this.expect(';');
    const update = this.is(')') ? null : this.expression();
    this.expect(')');
    return { type: 'For', init, test, update, body: this.statement(), ...this.at(t) };
  }

  private tryStmt(): Node {
    const t = this.next();
    const block = this.block();
    let param: Node | null = null;
    let handler: Node[] | null = null;
    let finalizer: Node[] | null = null;
    if (this.eat('catch')) {
      if (this.eat('(')) { param = this.bindingTarget(); this.expect(')'); }
      handler = this.block();
    }
    if (this.eat('finally')) finalizer = this.block();
    if (!handler && !finalizer) throw new JsSyntaxError('Missing catch or finally after try', this.tok.line, this.tok.col);
    return { type: 'Try', block, param, handler, finalizer, ...this.at(t) };
  }

  private switchStmt(): Node {
    const t = this.next();
    this.expect('(');
    const disc = this.expression();
    this.expect(')');
    this.expect('{');
    const cases: { test: Node | null; body: Node[] }[] = [];
    while (!this.eat('}')) {
      let test: Node | null;
      if (this.eat('default')) test = null;
      else { this.expect('case'); test = this.expression(); }
      this.expect(':');
      const body: Node[] = [];
      while (!this.is('case') && !this.is('default') && !this.is('}')) body.push(this.statement());
      cases.push({ test, body });
    }
    return { type: 'Switch', disc, cases, ...this.at(t) };
  }

}
