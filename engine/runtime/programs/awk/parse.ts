/**
 * awk grammar → tree. Precedence from POSIX awk (lowest first): assignment, ?:, ||, &&, in, ~ !~,
 * relational, concatenation, + -, * / %, unary, ^, ++ --, $. Inside print/printf arguments an
 * unparenthesised `>` is output redirection.
 */
import { AwkSyntaxError, tokenize, type Tok } from './lex';

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; v: string }
  | { k: 'var'; name: string }
  | { k: 'field'; e: Expr }
  | { k: 'index'; name: string; subs: Expr[] }
  | { k: 'assign'; op: string; target: Expr; e: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'and' | 'or'; a: Expr; b: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'match'; neg: boolean; a: Expr; re: Expr }
  | { k: 'cmp'; op: string; a: Expr; b: Expr }
  | { k: 'concat'; a: Expr; b: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'unary'; op: string; e: Expr }
  | { k: 'incdec'; op: '++' | '--'; pre: boolean; target: Expr }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'builtin'; name: string; args: Expr[] }
  | { k: 'getline'; target: Expr | null; file: Expr | null; cmd: Expr | null }
  | { k: 'group'; list: Expr[] };

export interface Redirect { op: '>' | '>>' | '|'; e: Expr }

export type Stmt =
  | { k: 'expr'; e: Expr }
  | { k: 'print'; args: Expr[]; redir: Redirect | null }
  | { k: 'printf'; args: Expr[]; redir: Redirect | null }
  | { k: 'block'; body: Stmt[] }
  | { k: 'if'; c: Expr; then: Stmt; else: Stmt | null }
  | { k: 'while'; c: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; c: Expr }
  | { k: 'for'; init: Stmt | null; c: Expr | null; step: Stmt | null; body: Stmt }
  | { k: 'forin'; v: Expr; arr: string; body: Stmt }
  | { k: 'simple'; what: 'break' | 'continue' | 'next' | 'nextfile' }
  | { k: 'exit' | 'return'; e: Expr | null }
  | { k: 'delete'; name: string; subs: Expr[] | null };

export interface Rule { pattern: Expr | null; range: Expr | null; body: Stmt[] | null }
export interface Func { params: string[]; body: Stmt[] }
export interface Program { begin: Stmt[][]; end: Stmt[][]; rules: Rule[]; funcs: Map<string, Func>; usesGetline: boolean }

export function parseProgram(src: string): Program {
  return new AwkParser(tokenize(src)).program();
}

class AwkParser {
  i = 0;
  usesGetline = false;
  constructor(readonly toks: Tok[]) {}

  peek(n = 0): Tok { return this.toks[Math.min(this.i + n, this.toks.length - 1)]; }
  is(t: Tok['t'], v?: string): boolean {
    const x = this.peek();
    return x.t === t && (v === undefined || ('v' in x && x.v === v));
  }
  isOp(v: string): boolean { return this.is('op', v); }
  fail(): never { throw new AwkSyntaxError('Unexpected token'); }
  take(t: Tok['t'], v?: string): Tok {
    if (!this.is(t, v)) this.fail();
    return this.toks[this.i++];
  }
  eat(t: Tok['t'], v?: string): boolean {
    if (!this.is(t, v)) return false;
    this.i++;
    return true;
  }
  nls(): void { while (this.is('nl')) this.i++; }
  /** Statement terminators: newlines and semicolons. */
  terms(): void { while (this.is('nl') || this.isOp(';')) this.i++; }

  program(): Program {
    const p: Program = { begin: [], end: [], rules: [], funcs: new Map(), usesGetline: false };
    this.terms();
    while (!this.is('eof')) {
      if (this.eat('kw', 'BEGIN')) { this.nls(); p.begin.push(this.block()); } else if (this.eat('kw', 'END')) { this.nls(); p.end.push(this.block()); } else if (this.eat('kw', 'function')) {
        const name = this.peek();
        if (name.t !== 'name' && name.t !== 'fname') this.fail();
        this.i++;
        this.take('op', '(');
        const params: string[] = [];
        while (!this.isOp(')')) {
          params.push((this.take('name') as { v: string }).v);
          if (!this.eat('op', ',')) break;
          this.nls();
        }
        this.take('op', ')');
        this.nls();
        p.funcs.set(name.v, { params, body: this.block() });
      } else {
        const rule: Rule = { pattern: null, range: null, body: null };
        if (!this.isOp('{')) {
          rule.pattern = this.expr(false);
          if (this.eat('op', ',')) { this.nls(); rule.range = this.expr(false); }
        }
        if (this.isOp('{')) rule.body = this.block();
        p.rules.push(rule);
      }
      this.terms();
    }
    p.usesGetline = this.usesGetline;
    return p;
  }

  block(): Stmt[] {
    this.take('op', '{');
    const body: Stmt[] = [];
    this.terms();
    while (!this.isOp('}')) {
      body.push(this.stmt());
      this.terms();
    }
    this.take('op', '}');
    return body;
  }

  /** A statement inside a block; `simpleEnd` is the terminator check for simple statements. */
  stmt(): Stmt {
    const t = this.peek();
    if (t.t === 'op' && t.v === '{') return { k: 'block', body: this.block() };
    if (t.t === 'op' && t.v === ';') { this.i++; return { k: 'block', body: [] }; }
    if (t.t === 'kw') {
      switch (t.v) {
        case 'if': {
          this.i++;
          this.take('op', '(');
          const c = this.expr(false);
          this.take('op', ')');
          this.nls();
          const then = this.stmt();
          const save = this.i;
          this.terms();
          if (this.eat('kw', 'else')) { this.nls(); return { k: 'if', c, then, else: this.stmt() }; }
          this.i = save;
          return { k: 'if', c, then, else: null };
        }
        case 'while': {
          this.i++;
          this.take('op', '(');
          const c = this.expr(false);
          this.take('op', ')');
          if (this.isOp(';')) { this.i++; return { k: 'while', c, body: { k: 'block', body: [] } }; }
          this.nls();
          return { k: 'while', c, body: this.stmt() };
        }
        case 'do': {
          this.i++;
          this.nls();
          const body = this.stmt();
          this.terms();
          this.take('kw', 'while');
          this.take('op', '(');
          const c = this.expr(false);
          this.take('op', ')');
          return { k: 'do', body, c };
        }
        case 'for': return this.forStmt();
        case 'break': case 'continue': case 'next': case 'nextfile':
          this.i++;
          return { k: 'simple', what: t.v };
        case 'exit': case 'return': {
          this.i++;
          const e = this.atEnd() ? null : this.expr(false);
          return { k: t.v, e };
        }
        case 'delete': {
          this.i++;
          const name = (this.take('name') as { v: string }).v;
          if (!this.eat('op', '[')) return { k: 'delete', name, subs: null };
          const subs = this.exprList(']');
          return { k: 'delete', name, subs };
        }
        case 'print': case 'printf': {
          this.i++;
          let args: Expr[] = [];
          if (!this.atEnd() && !this.isOp('>') && !this.isOp('>>') && !this.isOp('|')) {
            args.push(this.expr(true));
            while (this.eat('op', ',')) { this.nls(); args.push(this.expr(true)); }
          }
          if (args.length === 1 && args[0].k === 'group') args = args[0].list;
          let redir: Redirect | null = null;
          const r = this.peek();
          if (r.t === 'op' && (r.v === '>' || r.v === '>>' || r.v === '|')) {
            this.i++;
            redir = { op: r.v, e: this.concat(true) };
          }
          return { k: t.v, args, redir };
        }
      }
    }
    return { k: 'expr', e: this.expr(false) };
  }

  atEnd(): boolean {
    const t = this.peek();
    return t.t === 'nl' || t.t === 'eof' || (t.t === 'op' && (t.v === ';' || t.v === '}'));
  }

  forStmt(): Stmt {
    this.i++;
    this.take('op', '(');
    // for (v in arr)
    if (this.is('name') && this.peek(1).t === 'kw' && (this.peek(1) as { v: string }).v === 'in' && this.peek(2).t === 'name' &&
      this.peek(3).t === 'op' && (this.peek(3) as { v: string }).v === ')') {
      const v: Expr = { k: 'var', name: (this.take('name') as { v: string }).v };
      this.i++;
      const arr = (this.take('name') as { v: string }).v;
      this.take('op', ')');
      this.nls();
      return { k: 'forin', v, arr, body: this.stmt() };
    }
    const init = this.isOp(';') ? null : { k: 'expr' as const, e: this.expr(false) };
    this.take('op', ';');
    this.nls();
    const c = this.isOp(';') ? null : this.expr(false);
    this.take('op', ';');
    this.nls();
    const step = this.isOp(')') ? null : { k: 'expr' as const, e: this.expr(false) };
    this.take('op', ')');
    if (this.isOp(';')) { this.i++; return { k: 'for', init, c, step, body: { k: 'block', body: [] } }; }
    this.nls();
    return { k: 'for', init, c, step, body: this.stmt() };
  }

  /** A call's arguments after its '(' (there may be none), through the ')'. */
  callArgs(): Expr[] {
    const args: Expr[] = [];
    this.nls();
    while (!this.isOp(')')) {
      args.push(this.expr(false));
      if (!this.eat('op', ',')) break;
      this.nls();
    }
    this.take('op', ')');
    return args;
  }

  exprList(close: string): Expr[] {
    const list = [this.expr(false)];
    while (this.eat('op', ',')) { this.nls(); list.push(this.expr(false)); }
    this.take('op', close);
    return list;
  }

  /** Assignment (right-associative) over the conditional. `noGt`: in print arguments. */
  expr(noGt: boolean): Expr {
    const left = this.ternary(noGt);
    const t = this.peek();
    if (t.t === 'op' && /^([-+*/%^]?=)$/.test(t.v) && (left.k === 'var' || left.k === 'field' || left.k === 'index')) {
      this.i++;
      this.nls();
      return { k: 'assign', op: t.v, target: left, e: this.expr(noGt) };
    }
    return left;
  }

  ternary(noGt: boolean): Expr {
    const c = this.or(noGt);
    if (!this.isOp('?')) return c;
    this.i++;
    this.nls();
    const a = this.expr(noGt);
    this.nls();
    this.take('op', ':');
    this.nls();
    return { k: 'cond', c, a, b: this.expr(noGt) };
  }

  or(noGt: boolean): Expr {
    let a = this.and(noGt);
    while (this.eat('op', '||')) { this.nls(); a = { k: 'or', a, b: this.and(noGt) }; }
    return a;
  }

  and(noGt: boolean): Expr {
    let a = this.inExpr(noGt);
    while (this.eat('op', '&&')) { this.nls(); a = { k: 'and', a, b: this.inExpr(noGt) }; }
    return a;
  }

  inExpr(noGt: boolean): Expr {
    let a = this.matchExpr(noGt);
    while (this.is('kw', 'in')) {
      this.i++;
      const name = (this.take('name') as { v: string }).v;
      a = { k: 'in', subs: a.k === 'group' ? a.list : [a], name };
    }
    return a;
  }

  matchExpr(noGt: boolean): Expr {
    let a = this.compare(noGt);
    for (;;) {
      if (this.eat('op', '~')) a = { k: 'match', neg: false, a, re: this.compare(noGt) };
      else if (this.eat('op', '!~')) a = { k: 'match', neg: true, a, re: this.compare(noGt) };
      else return a;
    }
  }

  compare(noGt: boolean): Expr {
    let a = this.concat(noGt);
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && t.v === '|' && this.peek(1).t === 'kw' && (this.peek(1) as { v: string }).v === 'getline') {
        this.i += 2;
        this.usesGetline = true;
        a = { k: 'getline', target: this.optLvalue(), file: null, cmd: a };
        continue;
      }
      if (t.t === 'op' && (t.v === '<' || t.v === '<=' || t.v === '==' || t.v === '!=' || t.v === '>=' || (t.v === '>' && !noGt))) {
        this.i++;
        a = { k: 'cmp', op: t.v, a, b: this.concat(noGt) };
        continue;
      }
      return a;
    }
  }

  concat(noGt: boolean): Expr {
    let a = this.additive();
    for (;;) {
      const t = this.peek();
      const starts = t.t === 'num' || t.t === 'str' || t.t === 're' || t.t === 'name' || t.t === 'fname' || t.t === 'builtin' ||
        (t.t === 'op' && (t.v === '$' || t.v === '(' || t.v === '!' || t.v === '-' || t.v === '+' || t.v === '++' || t.v === '--')) ||
        (t.t === 'kw' && t.v === 'getline');
      // `a -1` and `a +1` are arithmetic (handled by additive); a leading ! starts no concatenation either.
      if (!starts || (t.t === 'op' && (t.v === '-' || t.v === '+' || t.v === '!'))) return a;
      a = { k: 'concat', a, b: this.additive() };
      void noGt;
    }
  }

  additive(): Expr {
    let a = this.mul();
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && (t.v === '+' || t.v === '-')) { this.i++; a = { k: 'bin', op: t.v, a, b: this.mul() }; } else return a;
    }
  }

  mul(): Expr {
    let a = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && (t.v === '*' || t.v === '/' || t.v === '%')) { this.i++; a = { k: 'bin', op: t.v, a, b: this.unary() }; } else return a;
    }
  }

  unary(): Expr {
    const t = this.peek();
    if (t.t === 'op' && (t.v === '!' || t.v === '-' || t.v === '+')) {
      this.i++;
      return { k: 'unary', op: t.v, e: this.unary() };
    }
    return this.pow();
  }

  pow(): Expr {
    const a = this.postfix();
    if (this.eat('op', '^')) return { k: 'bin', op: '^', a, b: this.unaryPow() };
    return a;
  }

  /** The right side of ^: right-associative, and may carry a sign (2^-1). */
  unaryPow(): Expr {
    const t = this.peek();
    if (t.t === 'op' && (t.v === '-' || t.v === '+' || t.v === '!')) { this.i++; return { k: 'unary', op: t.v, e: this.unaryPow() }; }
    return this.pow();
  }

  postfix(): Expr {
    const e = this.primary();
    if ((e.k === 'var' || e.k === 'field' || e.k === 'index') && (this.isOp('++') || this.isOp('--'))) {
      const op = (this.toks[this.i++] as { v: string }).v as '++' | '--';
      return { k: 'incdec', op, pre: false, target: e };
    }
    return e;
  }

  optLvalue(): Expr | null {
    if (this.is('name')) return this.primary();
    if (this.isOp('$')) { this.i++; return { k: 'field', e: this.fieldOperand() }; }
    return null;
  }

  fieldOperand(): Expr {
    const t = this.peek();
    if (t.t === 'op' && (t.v === '++' || t.v === '--')) {
      this.i++;
      return { k: 'incdec', op: t.v as '++' | '--', pre: true, target: this.primary() };
    }
    if (t.t === 'op' && t.v === '-') { this.i++; return { k: 'unary', op: '-', e: this.primary() }; }
    return this.primary();
  }

  primary(): Expr {
    const t = this.toks[this.i++];
    switch (t.t) {
      case 'num': return { k: 'num', v: t.v };
      case 'str': return { k: 'str', v: t.v };
      case 're': return { k: 're', v: t.v };
      case 'name':
        if (this.eat('op', '[')) return { k: 'index', name: t.v, subs: this.exprList(']') };
        return { k: 'var', name: t.v };
      case 'fname': {
        this.take('op', '(');
        return { k: 'call', name: t.v, args: this.callArgs() };
      }
      case 'builtin': {
        let args: Expr[] = [];
        if (this.eat('op', '(')) args = this.callArgs();
        else if (t.v !== 'length') this.fail();
        return { k: 'builtin', name: t.v, args };
      }
      case 'kw':
        if (t.v === 'getline') {
          this.usesGetline = true;
          const target = this.optLvalue();
          let file: Expr | null = null;
          if (this.eat('op', '<')) file = this.primaryNoConcat();
          return { k: 'getline', target, file, cmd: null };
        }
        break;
      case 'op':
        if (t.v === '$') return { k: 'field', e: this.fieldOperand() };
        if (t.v === '++' || t.v === '--') return { k: 'incdec', op: t.v, pre: true, target: this.postfixTarget() };
        if (t.v === '(') {
          this.nls();
          const list = [this.expr(false)];
          while (this.eat('op', ',')) { this.nls(); list.push(this.expr(false)); }
          this.nls();
          this.take('op', ')');
          return list.length === 1 ? list[0] : { k: 'group', list };
        }
        if (t.v === '-' || t.v === '+' || t.v === '!') return { k: 'unary', op: t.v, e: this.unary() };
        break;
    }
    this.i--;
    return this.fail();
  }

  postfixTarget(): Expr {
    const e = this.primary();
    if (e.k !== 'var' && e.k !== 'field' && e.k !== 'index') this.fail();
    return e;
  }

  /** The file of `getline < file`: a primary with field references, no concatenation. */
  primaryNoConcat(): Expr {
    return this.primary();
  }
}
