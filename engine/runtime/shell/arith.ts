/**
 * $((…)) arithmetic. Models busybox shell/math.c: C operators with C precedence, variables read
 * as numbers (a variable holding an expression is evaluated in turn), assignments write back,
 * `arithmetic syntax error` / `divide by zero` as its messages. Expressions compile once to a
 * closure tree and are cached by text, so `i=$((i+1))` in a loop does no parsing.
 */

export class ArithError extends Error {}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Expr = (v: ArithVars) => number;
/** An lvalue: a variable name (for = += ++ …). */
type Compiled = { e: Expr; name?: string };

const toInt = (n: number): number => (Number.isFinite(n) ? Math.trunc(n) : 0);

/** Parse a variable's value as ash does: a number literal, empty → 0, else an expression. */
export function varNumber(vars: ArithVars, name: string, cache: Map<string, Expr>, depth = 0): number {
  const s = vars.get(name);
  if (s === undefined || s === '') return 0;
  const n = parseNumber(s.trim());
  if (n !== null) return n;
  if (depth > 32) throw new ArithError('expression recursion loop detected');
  return evalArith(s, vars, cache, depth + 1);
}

/** A digit's value in `base#digits` (bash and busybox): 0-9, a-z, A-Z (a-z again up to base 36), @, _. */
function digitValue(c: string, base: number): number {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  if (c >= 'a' && c <= 'z') return c.charCodeAt(0) - 87;
  if (c >= 'A' && c <= 'Z') return c.charCodeAt(0) - (base <= 36 ? 55 : 29);
  return c === '@' ? 62 : 63;
}

function parseNumber(s: string): number | null {
  if (/^-?[1-9][0-9]*$|^-?0$/.test(s)) return Number(s);
  const based = /^([0-9]+)#([0-9a-zA-Z@_]+)$/.exec(s);
  if (based) {
    const base = Number(based[1]);
    if (base < 2 || base > 64) return null;
    let n = 0;
    for (const c of based[2]) {
      const v = digitValue(c, base);
      if (v >= base) return null;
      n = n * base + v;
    }
    return n;
  }
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) return parseInt(s, 16);
  if (/^0[0-7]+$/.test(s)) return parseInt(s, 8);
  return null;
}

const TOKEN = /\s*(0[xX][0-9a-fA-F]+|[0-9]+#[0-9a-zA-Z@_]+|[0-9][0-9a-zA-Z_]*|[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?|\*\*=|<<=|>>=|\+\+|--|\*\*|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&^|]=|[-+*/%<>=!~&^|?:(),])/y;

function tokenize(s: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  for (;;) {
    while (pos < s.length && /\s/.test(s[pos])) pos++;
    if (pos >= s.length) return out;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(s);
    if (!m) throw new ArithError('arithmetic syntax error');
    out.push(m[1]);
    pos = TOKEN.lastIndex;
  }
}

const BINARY: Record<string, [number, (a: number, b: number) => number]> = {
  '||': [1, (a, b) => (a || b ? 1 : 0)], '&&': [2, (a, b) => (a && b ? 1 : 0)],
  '|': [3, (a, b) => Number(BigInt.asIntN(64, BigInt(a) | BigInt(b)))],
  '^': [4, (a, b) => Number(BigInt.asIntN(64, BigInt(a) ^ BigInt(b)))],
  '&': [5, (a, b) => Number(BigInt.asIntN(64, BigInt(a) & BigInt(b)))],
  '==': [6, (a, b) => (a === b ? 1 : 0)], '!=': [6, (a, b) => (a !== b ? 1 : 0)],
  '<': [7, (a, b) => (a < b ? 1 : 0)], '<=': [7, (a, b) => (a <= b ? 1 : 0)],
  '>': [7, (a, b) => (a > b ? 1 : 0)], '>=': [7, (a, b) => (a >= b ? 1 : 0)],
  '<<': [8, (a, b) => Number(BigInt.asIntN(64, BigInt(a) << BigInt(b & 63)))],
  '>>': [8, (a, b) => Number(BigInt.asIntN(64, BigInt(a) >> BigInt(b & 63)))],
  '+': [9, (a, b) => wrap(a + b)], '-': [9, (a, b) => wrap(a - b)],
  '*': [10, (a, b) => wrap(a * b)],
  '/': [10, (a, b) => { if (b === 0) throw new ArithError('divide by zero'); return toInt(a / b); }],
  '%': [10, (a, b) => { if (b === 0) throw new ArithError('divide by zero'); return toInt(a % b); }],
  '**': [11, (a, b) => { if (b < 0) throw new ArithError('exponent less than 0'); return wrap(a ** b); }],
};

/** Wrap to int64 like C arithmetic (only leaves the fast path when out of range). */
function wrap(n: number): number {
  if (n <= 9007199254740991 && n >= -9007199254740991) return n;
  return Number(BigInt.asIntN(64, BigInt(Math.trunc(n))));
}

class Compiler {
  i = 0;
  constructor(readonly toks: string[], readonly cache: Map<string, Expr>, readonly depth: number) {}
  fail(): never { throw new ArithError('arithmetic syntax error'); }
  peek(): string | undefined { return this.toks[this.i]; }

  comma(): Compiled {
    let c = this.assign();
    while (this.peek() === ',') {
      this.i++;
      const a = c.e;
      const b = this.assign().e;
      c = { e: (v) => (a(v), b(v)) };
    }
    return c;
  }

  assign(): Compiled {
    const left = this.ternary();
    const op = this.peek();
    if (op && /^([-+*/%&^|]|\*\*|<<|>>)?=$/.test(op) && op !== '==' ) {
      if (!left.name) this.fail();
      this.i++;
      const name = left.name;
      const right = this.assign().e;
      const bin = op.length > 1 ? BINARY[op.slice(0, -1)][1] : null;
      const cache = this.cache;
      return { e: (v) => {
        const r = right(v);
        const val = bin ? bin(varNumber(v, name, cache), r) : r;
        v.set(name, String(val));
        return val;
      } };
    }
    return left;
  }

  ternary(): Compiled {
    const c = this.binary(1);
    if (this.peek() !== '?') return c;
    this.i++;
    const a = this.comma().e;
    if (this.peek() !== ':') this.fail();
    this.i++;
    const b = this.assign().e;
    const cond = c.e;
    return { e: (v) => (cond(v) ? a(v) : b(v)) };
  }

  binary(minPrec: number): Compiled {
    let left = this.unary();
    for (;;) {
      const op = this.peek();
      const entry = op === undefined ? undefined : BINARY[op];
      if (!entry || entry[0] < minPrec) return left;
      this.i++;
      // ** is right-associative; the rest are left-associative.
      const right = this.binary(op === '**' ? entry[0] : entry[0] + 1).e;
      const l = left.e;
      const f = entry[1];
      if (op === '&&') left = { e: (v) => (l(v) ? (right(v) ? 1 : 0) : 0) };
      else if (op === '||') left = { e: (v) => (l(v) ? 1 : right(v) ? 1 : 0) };
      else left = { e: (v) => f(l(v), right(v)) };
    }
  }

  unary(): Compiled {
    const t = this.peek();
    if (t === undefined) this.fail();
    if (t === '+' || t === '-' || t === '!' || t === '~') {
      this.i++;
      const x = this.unary().e;
      if (t === '-') return { e: (v) => wrap(-x(v)) };
      if (t === '+') return { e: x };
      if (t === '!') return { e: (v) => (x(v) ? 0 : 1) };
      return { e: (v) => wrap(-x(v) - 1) };
    }
    if (t === '++' || t === '--') {
      this.i++;
      const name = this.toks[this.i++];
      if (!name || !/^[A-Za-z_]/.test(name)) this.fail();
      const d = t === '++' ? 1 : -1;
      const cache = this.cache;
      return { e: (v) => { const n = varNumber(v, name, cache) + d; v.set(name, String(n)); return n; } };
    }
    return this.postfix();
  }

  postfix(): Compiled {
    const t = this.toks[this.i++];
    if (t === '(') {
      const c = this.comma();
      if (this.toks[this.i++] !== ')') this.fail();
      return { e: c.e };
    }
    if (t === undefined) this.fail();
    if (/^[0-9]/.test(t)) {
      const n = parseNumber(t);
      if (n === null) this.fail();
      return { e: () => n };
    }
    if (!/^[A-Za-z_]/.test(t)) this.fail();
    const name = t;
    const cache = this.cache;
    const depth = this.depth;
    const next = this.peek();
    if (next === '++' || next === '--') {
      this.i++;
      const d = next === '++' ? 1 : -1;
      return { e: (v) => { const n = varNumber(v, name, cache, depth); v.set(name, String(n + d)); return n; } };
    }
    return { e: (v) => varNumber(v, name, cache, depth), name };
  }
}

/** Evaluate an already-expanded arithmetic expression. Throws ArithError. */
export function evalArith(text: string, vars: ArithVars, cache: Map<string, Expr>, depth = 0): number {
  let e = cache.get(text);
  if (!e) {
    const toks = tokenize(text);
    if (toks.length === 0) {
      e = () => 0;
    } else {
      const c = new Compiler(toks, cache, depth);
      const compiled = c.comma().e;
      if (c.i !== toks.length) c.fail();
      e = compiled;
    }
    if (cache.size > 4096) cache.clear();
    cache.set(text, e);
  }
  return e(vars);
}

export type ArithCache = Map<string, Expr>;
