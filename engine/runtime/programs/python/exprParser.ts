/**
 * The expression half of the parser (Grammar/python.gram's expressions: lambda, conditional, boolean,
 * comparison chains, bitwise, arithmetic, unary, power, primaries, atoms, comprehensions, f-strings)
 * and the token helpers the statement parser builds on.
 */
import type { Arg, CompFor, Expr, Param, Pos } from './ast';
import { PySyntaxError, tokenize, type Tok } from './lexer';
import { NotModelled } from './values';
import { parseFString, stringValue } from './strings';

const COMPARE = new Set(['<', '>', '==', '>=', '<=', '!=', 'in', 'not', 'is']);
export const KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);


/** An expression on its own (f-string replacement fields), positioned at `line`/`col` of the source. */
export function parseExpression(text: string, line: number, col: number): Expr {
  const toks = tokenize(`(${text})`).map((t) => (t.line === 1 ? { ...t, line, endLine: line, col: t.col - 1 + col, endCol: t.endCol - 1 + col } : t));
  return new ExprParser(toks).expr();
}

export const span = (a: Pos, b: Pos): Pos => ({ line: a.line, col: a.col, endLine: b.endLine, endCol: b.endCol });

export class ExprParser {
  protected i = 0;
  constructor(protected readonly t: Tok[]) {}

  protected get tok(): Tok { return this.t[this.i]; }
  /** The current token's type (a call, so TypeScript does not narrow it across `this.i++`). */
  protected ty(): Tok['type'] { return this.t[this.i].type; }
  protected peek(n = 1): Tok { return this.t[Math.min(this.i + n, this.t.length - 1)]; }
  protected is(v: string): boolean { const t = this.tok; return (t.type === 'OP' || t.type === 'NAME') && t.value === v; }
  protected next(): Tok { return this.t[this.i++]; }
  protected eat(v: string): boolean { if (this.is(v)) { this.i++; return true; } return false; }

  fail(t: Tok = this.tok, msg = 'invalid syntax'): never {
    const e = new PySyntaxError('SyntaxError', msg, t.line, t.col, Math.max(t.endCol, t.col + 1));
    e.generic = msg === 'invalid syntax' || t.type === 'END';
    throw e;
  }

  protected expect(v: string): Tok {
    if (this.is(v)) return this.next();
    if (v === ':') { const p = this.t[this.i - 1]; throw new PySyntaxError('SyntaxError', "expected ':'", p.endLine, p.endCol, p.endCol + 1); }
    return this.fail();
  }

  protected name(): Tok {
    const t = this.tok;
    if (t.type !== 'NAME' || KEYWORDS.has(t.value)) this.fail();
    return this.next();
  }


  protected pos(t: Tok): Pos {
    const e = this.t[this.i - 1];
    return { line: t.line, col: t.col, endLine: e.endLine, endCol: e.endCol };
  }

  protected targetList(): Expr {
    const first = this.bitOr();
    if (!this.is(',')) return first;
    const items = [first];
    while (this.eat(',')) { if (this.is('in') || this.is('=')) break; items.push(this.bitOr()); }
    return { type: 'Tuple', items, ...span(first, items[items.length - 1]) };
  }

  protected params(close: string): Param[] {
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

  protected atStmtEnd(): boolean {
    return this.ty() === 'NEWLINE' || this.ty() === 'END' || this.is(';');
  }

  /** Two expressions side by side: CPython's "Perhaps you forgot a comma?" inside brackets, else invalid syntax. */
  protected adjacent(prev: Expr, inBrackets = false): never {
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

  protected starred(): Expr {
    const t = this.next();
    const value = this.bitOr();
    return { type: 'Starred', value, ...span(t, value) };
  }

  protected namedExpr(): Expr {
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

  protected or(): Expr { return this.boolOp('or', () => this.and()); }
  protected and(): Expr { return this.boolOp('and', () => this.not()); }

  protected boolOp(op: 'and' | 'or', sub: () => Expr): Expr {
    const first = sub();
    if (!this.is(op)) return first;
    const values = [first];
    while (this.eat(op)) values.push(sub());
    return { type: 'Bool', op, values, ...span(first, values[values.length - 1]) };
  }

  protected not(): Expr {
    if (this.is('not')) {
      const t = this.next();
      const arg = this.not();
      return { type: 'Unary', op: 'not', arg, ...span(t, arg) };
    }
    return this.comparison();
  }

  protected comparison(): Expr {
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

  protected binLevel(ops: readonly string[], sub: () => Expr): Expr {
    let left = sub();
    while (this.ty() === 'OP' && ops.includes(this.tok.value)) {
      const op = this.next().value;
      const right = sub();
      left = { type: 'Bin', op, left, right, ...span(left, right) };
    }
    return left;
  }

  protected bitOr(): Expr { return this.binLevel(['|'], () => this.binLevel(['^'], () => this.binLevel(['&'], () => this.shift()))); }
  protected shift(): Expr { return this.binLevel(['<<', '>>'], () => this.binLevel(['+', '-'], () => this.binLevel(['*', '/', '//', '%', '@'], () => this.unary()))); }

  protected unary(): Expr {
    if (this.is('yield') || this.is('await')) throw new NotModelled(this.tok.value === 'yield' ? 'generators (yield)' : 'await', this.tok.line);
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

  protected primary(): Expr {
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

  protected subscript(): Expr {
    const items: Expr[] = [];
    do {
      if (this.is(']')) { if (!items.length) this.fail(); break; }
      items.push(this.sliceItem());
    } while (this.eat(','));
    if (items.length === 1 && !(this.t[this.i - 1].value === ',')) return items[0];
    return { type: 'Tuple', items, ...span(items[0], items[items.length - 1]) };
  }

  protected sliceItem(): Expr {
    const t = this.tok;
    const lo = this.is(':') ? null : this.expr();
    if (!this.is(':')) return lo!;
    this.i++;
    const hi = this.is(':') || this.is(']') || this.is(',') ? null : this.expr();
    let step: Expr | null = null;
    if (this.eat(':')) step = this.is(']') || this.is(',') ? null : this.expr();
    return { type: 'Slice', lo, hi, step, ...span(t, this.t[this.i - 1]) };
  }

  protected callArgs(): Arg[] {
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

  protected comprehension(kind: 'list' | 'set' | 'gen' | 'dict', elt: Expr, value: Expr | null, start: Pos): Expr {
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

  protected seq(close: string): Expr[] {
    const items: Expr[] = [];
    while (!this.is(close)) {
      items.push(this.is('*') ? this.starred() : this.namedExpr());
      if (!this.eat(',')) { if (!this.is(close)) this.adjacent(items[items.length - 1], true); break; }
    }
    return items;
  }

  protected atom(): Expr {
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

  protected braces(t: Tok): Expr {
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
  protected strings(): Expr {
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
