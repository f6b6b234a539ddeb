/**
 * The expression half of the JavaScript parser (ECMA-262 §13: assignment, conditional, binary
 * operators by precedence, unary and update, calls, members with optional chaining, primaries,
 * object and array literals, arrow functions, function and class expressions, binding patterns)
 * and the token helpers the statement parser builds on.
 */
import type { Node, NodeOf, Prop } from './ast';
import { JsNotModelled } from './values';
import { JsSyntaxError, tokenize, type Tok } from './lexer';

const BIN_PREC: Readonly<Record<string, number>> = {
  '??': 1, '||': 2, '&&': 3, '|': 4, '^': 5, '&': 6, '==': 7, '!=': 7, '===': 7, '!==': 7,
  '<': 8, '>': 8, '<=': 8, '>=': 8, instanceof: 8, in: 8, '<<': 9, '>>': 9, '>>>': 9, '+': 10, '-': 10, '*': 11, '/': 11, '%': 11, '**': 12,
};
const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '&&=', '||=', '??=']);
export const RESERVED = new Set(['break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'export', 'extends',
  'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'return', 'super', 'switch', 'this', 'throw', 'try', 'typeof', 'var', 'void',
  'while', 'with', 'null', 'true', 'false', 'enum']);


export abstract class ExprParser {
  /** Inside an async function's body, where `await` is an operator. */
  protected inAsync = false;
  protected i = 0;
  protected readonly lines: string[];
  constructor(protected readonly t: Tok[], protected readonly src: string, protected readonly line0 = 1) {
    this.lines = src.split('\n');
  }

  protected get tok(): Tok { return this.t[this.i]; }
  protected peekTok(n = 1): Tok { return this.t[Math.min(this.i + n, this.t.length - 1)]; }
  protected is(v: string): boolean { const t = this.tok; return (t.type === 'punct' || t.type === 'name') && t.value === v; }
  protected eat(v: string): boolean { if (this.is(v)) { this.i++; return true; } return false; }
  protected next(): Tok { return this.t[this.i++]; }

  fail(t: Tok = this.tok): never {
    if (t.type === 'eof') throw new JsSyntaxError('Unexpected end of input', t.line, -1);
    const what = t.type === 'num' ? 'number' : t.type === 'str' ? 'string' : t.type === 'tmpl' ? 'template string'
      : t.type === 'name' && !RESERVED.has(t.value) ? `identifier '${t.value}'` : `token '${t.value}'`;
    throw new JsSyntaxError(`Unexpected ${what}`, t.line, t.col);
  }

  protected expect(v: string): Tok {
    if (this.is(v)) return this.next();
    return this.fail();
  }

  protected at(t: Tok): { line: number; col: number; end: number } {
    return { line: t.line, col: t.col, end: t.end };
  }

  /** Source text between two tokens (for messages like `o.f is not a function`). */
  protected text(from: Tok, to: Tok): string {
    if (from.line !== to.line) return this.lines[from.line - this.line0]?.slice(from.col) ?? '';
    return (this.lines[from.line - this.line0] ?? '').slice(from.col, to.end);
  }

  protected semi(): void {
    if (this.eat(';')) return;
    if (this.is('}') || this.tok.type === 'eof' || this.tok.nl) return;
    this.fail();
  }

  protected func(isAsync: boolean): NodeOf<'Func'> {
    const t = this.next();
    if (this.is('*')) throw new JsNotModelled('generator functions', t.line);
    const name = this.tok.type === 'name' && !this.is('(') ? this.next().value : '';
    return this.funcRest(t, name, isAsync);
  }

  protected funcRest(t: Tok, name: string, isAsync: boolean): NodeOf<'Func'> {
    this.expect('(');
    const outer = this.inAsync;
    this.inAsync = isAsync;
    const params = this.paramList();
    const body = this.block();
    this.inAsync = outer;
    const last = this.t[this.i - 1];
    return { type: 'Func', name, params, body, arrow: false, isAsync, src: this.text(t, last), ...this.at(t) };
  }

  protected paramList(): Node[] {
    const params: Node[] = [];
    while (!this.eat(')')) {
      if (this.eat('...')) params.push({ type: 'Rest', arg: this.bindingTarget(), ...this.at(this.tok) });
      else {
        const target = this.bindingTarget();
        params.push(this.eat('=') ? { type: 'Default', target, value: this.assign(), ...this.at(this.tok) } : target);
      }
      if (!this.is(')')) this.expect(',');
    }
    return params;
  }

  protected classExpr(): NodeOf<'Class'> {
    const t = this.next();
    const name = this.tok.type === 'name' && !this.is('extends') && !this.is('{') ? this.next().value : '';
    const base = this.eat('extends') ? this.unaryish() : null;
    this.expect('{');
    const methods: { name: string; fn: Node; isStatic: boolean }[] = [];
    while (!this.eat('}')) {
      if (this.eat(';')) continue;
      const isStatic = this.is('static') && this.peekTok().value !== '(' ? (this.i++, true) : false;
      const isAsync = this.is('async') && this.peekTok().value !== '(' ? (this.i++, true) : false;
      const nt = this.next();
      if (nt.type !== 'name' && nt.type !== 'str') this.fail(nt);
      const mname = nt.type === 'str' ? nt.cooked! : nt.value;
      if (this.eat('=')) { this.assign(); this.semi(); throw new JsNotModelled('class fields', nt.line); }
      methods.push({ name: mname, fn: { ...this.funcRest(nt, mname, isAsync), name: mname }, isStatic });
    }
    return { type: 'Class', name, base, methods, ...this.at(t) };
  }

  /** Expression; `noIn` stops at `in` (for-in heads). */
  protected bindingTarget(): Node {
    const t = this.tok;
    if (this.is('[') || this.is('{')) return this.toPattern(this.primary());
    if (t.type !== 'name' || RESERVED.has(t.value)) this.fail();
    this.i++;
    return { type: 'Ident', name: t.value, ...this.at(t) };
  }

  expression(noIn = false): Node {
    const first = this.assign(noIn);
    if (!this.is(',')) return first;
    const exprs = [first];
    while (this.eat(',')) exprs.push(this.assign(noIn));
    return { type: 'Seq', exprs, line: first.line, col: first.col, end: exprs[exprs.length - 1].end };
  }

  /** Arrow function ahead? `x =>`, `(…) =>`, `async x =>`, `async (…) =>`. */
  protected arrowAhead(): boolean {
    let j = this.i;
    if (this.t[j].value === 'async' && this.t[j].type === 'name' && !this.t[j + 1].nl && (this.t[j + 1].type === 'name' || this.t[j + 1].value === '(')) j++;
    const t = this.t[j];
    if (t.type === 'name' && this.t[j + 1].value === '=>') return true;
    if (t.value !== '(' || t.type !== 'punct') return false;
    let depth = 0;
    for (; j < this.t.length; j++) {
      const v = this.t[j];
      if (v.type !== 'punct') continue;
      if ('([{'.includes(v.value)) depth++;
      else if (')]}'.includes(v.value)) { depth--; if (depth === 0) return this.t[j + 1]?.value === '=>' && !this.t[j + 1].nl; }
    }
    return false;
  }

  protected arrow(): Node {
    const t = this.tok;
    const isAsync = this.is('async') && this.peekTok().value !== '=>' ? (this.i++, true) : false;
    let params: Node[];
    if (this.tok.type === 'name') params = [{ type: 'Ident', name: this.next().value, ...this.at(t) }];
    else { this.expect('('); params = this.paramList(); }
    this.expect('=>');
    const outer = this.inAsync;
    this.inAsync = isAsync;
    const body = this.is('{') ? this.block() : this.assign();
    this.inAsync = outer;
    const last = this.t[this.i - 1];
    return { type: 'Func', name: '', params, body, arrow: true, isAsync, src: this.text(t, last), ...this.at(t) };
  }

  assign(noIn = false): Node {
    if (this.arrowAhead()) return this.arrow();
    if (this.is('yield')) throw new JsNotModelled('generators', this.tok.line);
    const left = this.conditional(noIn);
    if (this.tok.type === 'punct' && ASSIGN.has(this.tok.value)) {
      const opTok = this.next();
      const target = opTok.value === '=' ? this.toPattern(left) : left;
      if (target.type !== 'Ident' && target.type !== 'Member' && target.type !== 'ArrPat' && target.type !== 'ObjPat') {
        throw new JsSyntaxError('Invalid left-hand side in assignment', left.line, left.col);
      }
      const value = this.assign(noIn);
      return { type: 'Assign', op: opTok.value, target, value, opCol: opTok.col, line: left.line, col: left.col, end: value.end };
    }
    return left;
  }

  /** An expression read as an assignment target: arrays/objects become patterns. */
  protected toPattern(e: Node): Node {
    switch (e.type) {
      case 'Arr': return { ...e, type: 'ArrPat', elems: e.elems.map((x) => (x === null ? null : x.type === 'Spread' ? { line: x.line, col: x.col, end: x.end, type: 'Rest', arg: this.toPattern(x.arg) } : this.toPattern(x))) };
      case 'Obj': {
        const props: { key: string | Node; value: Node }[] = [];
        let rest: Node | null = null;
        for (const p of e.props) {
          if (p.kind === 'spread') rest = this.toPattern(p.value);
          else props.push({ key: p.key, value: this.toPattern(p.value) });
        }
        return { type: 'ObjPat', props, rest, line: e.line, col: e.col, end: e.end };
      }
      case 'Assign': return e.op === '=' ? { type: 'Default', target: this.toPattern(e.target), value: e.value, line: e.line, col: e.col, end: e.end } : e;
      default: return e;
    }
  }

  protected conditional(noIn: boolean): Node {
    const test = this.binary(0, noIn);
    if (!this.eat('?')) return test;
    const then = this.assign();
    this.expect(':');
    const other = this.assign(noIn);
    return { type: 'Cond', test, then, else: other, line: test.line, col: test.col, end: other.end };
  }

  protected binary(minPrec: number, noIn: boolean): Node {
    let left = this.unaryish();
    for (;;) {
      const t = this.tok;
      const prec = (t.type === 'punct' || t.value === 'instanceof' || t.value === 'in') ? BIN_PREC[t.value] : undefined;
      if (prec === undefined || prec <= minPrec - (t.value === '**' ? 1 : 0) || (noIn && t.value === 'in')) return left;
      if (prec < minPrec) return left;
      this.i++;
      const right = this.binary(t.value === '**' ? prec - 1 : prec, noIn);
      const op = t.value;
      const at = { line: left.line, col: left.col, end: right.end };
      left = op === '&&' || op === '||' || op === '??' ? { type: 'Logical', op, left, right, ...at } : { type: 'Bin', op, left, right, opCol: t.col, ...at };
    }
  }

  protected unaryish(): Node {
    const t = this.tok;
    if ((t.type === 'punct' && ['!', '-', '+', '~'].includes(t.value)) || (t.type === 'name' && ['typeof', 'void', 'delete'].includes(t.value))) {
      this.i++;
      const arg = this.unaryish();
      if (this.is('**')) throw new JsSyntaxError('Unary operator used immediately before exponentiation expression. Parenthesis must be used to disambiguate operator precedence', t.line, t.col);
      return { type: 'Unary', op: t.value, arg, ...this.at(t), end: arg.end };
    }
    if (t.type === 'name' && t.value === 'await') {
      if (!this.inAsync) throw new JsSyntaxError('await is only valid in async functions and the top level bodies of modules', t.line, t.col, 5);
      this.i++;
      const arg = this.unaryish();
      return { type: 'Await', arg, ...this.at(t), end: arg.end };
    }
    if (this.is('++') || this.is('--')) {
      this.i++;
      const arg = this.unaryish();
      return { type: 'Update', op: t.value as '++', prefix: true, arg, ...this.at(t), end: arg.end };
    }
    const e = this.postfix();
    if ((this.is('++') || this.is('--')) && !this.tok.nl) {
      const op = this.next().value as '++';
      return { type: 'Update', op, prefix: false, arg: e, line: e.line, col: e.col, end: this.t[this.i - 1].end };
    }
    return e;
  }

  protected postfix(): Node {
    const start = this.tok;
    let e: Node;
    if (this.is('new')) {
      this.i++;
      if (this.eat('.')) { this.expect('target'); throw new JsNotModelled('new.target', start.line); }
      let callee = this.primary();
      while (this.is('.') || this.is('[')) callee = this.member(callee, start);
      const args = this.is('(') ? (this.i++, this.args()) : [];
      e = { type: 'New', callee, args, ...this.at(start), end: this.t[this.i - 1].end };
    } else e = this.primary();
    for (;;) {
      if (this.is('.') || this.is('[')) e = this.member(e, start);
      else if (this.is('?.')) {
        const q = this.peekTok();
        if (q.value === '(') { this.i += 2; e = { type: 'Call', callee: e, args: this.args(), optional: true, src: '', line: e.line, col: e.col, end: this.t[this.i - 1].end }; } else e = this.member(e, start);
      } else if (this.is('(')) {
        this.i++;
        const args = this.args();
        e = { type: 'Call', callee: e, args, optional: false, src: this.text(start, this.t[this.i - 1]), line: e.line, col: e.col, end: this.t[this.i - 1].end };
      } else if (this.tok.type === 'tmpl' && !this.tok.nl) {
        throw new JsNotModelled('tagged templates', this.tok.line);
      } else return e;
    }
  }

  protected member(obj: Node, start: Tok): Node {
    const op = this.next().value;
    const optional = op === '?.';
    if (op === '[' || (optional && this.is('['))) {
      if (optional) this.i++;
      const pt = this.tok;
      const prop = this.expression();
      const close = this.expect(']');
      return { type: 'Member', obj, prop, optional, propCol: pt.col, src: this.text(start, close), line: obj.line, col: obj.col, end: close.end };
    }
    const nt = this.next();
    if (nt.type !== 'name') this.fail(nt);
    return { type: 'Member', obj, prop: nt.value, optional, propCol: nt.col, src: this.text(start, nt), line: obj.line, col: obj.col, end: nt.end };
  }

  protected args(): Node[] {
    const args: Node[] = [];
    while (!this.eat(')')) {
      if (this.is('...')) { const t = this.next(); args.push({ type: 'Spread', arg: this.assign(), ...this.at(t) }); } else args.push(this.assign());
      if (!this.is(')')) this.expect(',');
    }
    return args;
  }

  protected primary(): Node {
    const t = this.tok;
    const at = this.at(t);
    switch (t.type) {
      case 'num': this.i++; return { type: 'Num', value: t.num!, ...at };
      case 'str': this.i++; return { type: 'Str', value: t.cooked!, ...at };
      case 'tmpl': {
        this.i++;
        const exprs = (t.exprs ?? []).map((x) => this.nested(tokenize(x.src, x.line, x.col)).expression());
        return { type: 'Tmpl', parts: t.parts!, exprs, ...at };
      }
      case 'name':
        switch (t.value) {
          case 'true': case 'false': this.i++; return { type: 'Lit', value: t.value === 'true', ...at };
          case 'null': this.i++; return { type: 'Lit', value: null, ...at };
          case 'this': this.i++; return { type: 'This', ...at };
          case 'super': this.i++; return { type: 'Ident', name: 'super', ...at };
          case 'function': return this.func(false);
          case 'async': if (this.peekTok().value === 'function') { this.i++; return this.func(true); } break;
          case 'class': return this.classExpr();
        }
        if (RESERVED.has(t.value)) this.fail();
        this.i++;
        return { type: 'Ident', name: t.value, ...at };
      case 'punct':
        if (t.value === '(') {
          this.i++;
          const e = this.expression();
          this.expect(')');
          return e;
        }
        if (t.value === '[') {
          this.i++;
          const elems: (Node | null)[] = [];
          while (!this.eat(']')) {
            if (this.is(',')) { this.i++; elems.push(null); continue; }
            if (this.is('...')) { const s = this.next(); elems.push({ type: 'Spread', arg: this.assign(), ...this.at(s) }); } else elems.push(this.assign());
            if (!this.is(']')) this.expect(',');
          }
          return { type: 'Arr', elems, ...at, end: this.t[this.i - 1].end };
        }
        if (t.value === '{') return this.object();
    }
    return this.fail();
  }

  protected object(): Node {
    const t = this.next();
    const props: Prop[] = [];
    while (!this.eat('}')) {
      if (this.is('...')) { this.i++; props.push({ kind: 'spread', key: '', value: this.assign() }); } else {
        const kt = this.tok;
        let kind: Prop['kind'] = 'init';
        if ((kt.value === 'get' || kt.value === 'set') && kt.type === 'name' && this.peekTok().value !== ':' && this.peekTok().value !== '(' && this.peekTok().value !== ',' && this.peekTok().value !== '}') {
          kind = kt.value;
          this.i++;
        }
        const isAsync = this.is('async') && this.peekTok().value !== ':' && this.peekTok().value !== '(' && this.peekTok().value !== ',' ? (this.i++, true) : false;
        let key: string | Node;
        const k = this.next();
        if (k.type === 'name') key = k.value;
        else if (k.type === 'str') key = k.cooked!;
        else if (k.type === 'num') key = String(k.num);
        else if (k.value === '[') { key = this.assign(); this.expect(']'); } else return this.fail(k);
        if (this.is('(')) {
          const fn = this.funcRest(k, typeof key === 'string' ? key : '', isAsync);
          props.push({ kind, key, value: fn });
        } else if (this.eat(':')) props.push({ kind: 'init', key, value: this.assign() });
        else if (k.type === 'name') {
          const id: Node = { type: 'Ident', name: k.value, ...this.at(k) };
          props.push({ kind: 'init', key, value: this.eat('=') ? { type: 'Assign', op: '=', target: id, value: this.assign(), opCol: k.col, ...this.at(k) } : id });
        } else this.fail();
      }
      if (!this.is('}')) this.expect(',');
    }
    return { type: 'Obj', props, ...this.at(t), end: this.t[this.i - 1].end };
  }

  /** A function body or block: the statement parser's. */
  protected abstract block(): Node[];
  /** A parser over the tokens of a template literal's `${}`. */
  protected abstract nested(toks: Tok[]): ExprParser;
}
