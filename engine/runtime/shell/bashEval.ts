/**
 * Running bash's own constructs: `[[ … ]]` (test.c/cond.c semantics: no word splitting or globbing,
 * `==` matches a pattern, `=~` an extended regex filling BASH_REMATCH, `-eq` and friends compare
 * arithmetic values), `(( … ))`, and indexed arrays (`a=(…)`, `a+=(…)`, `a[i]=v`, `${a[i]}`).
 */
import type { Assign, CondExpr, Node, Word } from './ast';
import { expandPattern, expandString, expandWords } from './expand';
import type { Block } from './kernel';
import { matchPattern } from './pattern';
import type { Shell } from './shell';
import { POSIX_EXTENDED, Regex, RegexError } from '../programs/regex/index';
import { testEval } from '../programs/test';
import { makeWord } from './words';

type G<T> = Generator<Block, T, unknown>;

/** `[[ expr ]]`: 0 true, 1 false, 2 for a bad regex. */
export function* evalCond(sh: Shell, node: Extract<Node, { type: 'cond' }>): G<number> {
  sh.line = node.line;
  sh.k.charge();
  const r = yield* cond(sh, node.expr);
  return r === 2 ? 2 : r ? 0 : 1;
}

function* cond(sh: Shell, e: CondExpr): G<boolean | 2> {
  switch (e.t) {
    case 'and': { const l = yield* cond(sh, e.l); return l === true ? yield* cond(sh, e.r) : l; }
    case 'or': { const l = yield* cond(sh, e.l); return l === false ? yield* cond(sh, e.r) : l; }
    case 'not': { const v = yield* cond(sh, e.e); return v === 2 ? 2 : !v; }
    case 'word': return (yield* expandString(sh, e.w)) !== '';
    case 'unary': {
      const v = yield* expandString(sh, e.w);
      if (e.op === '-z') return v === '';
      if (e.op === '-n') return v !== '';
      if (e.op === '-v') return sh.d.vars.get(v) !== undefined;
      return testEval(['test', e.op === '-a' ? '-e' : e.op, v], sh.fs, sh.d.cwd, sh.cred).status === 0;
    }
    case 'binary': {
      const l = yield* expandString(sh, e.l);
      switch (e.op) {
        case '==': case '=': case '!=': {
          const hit = matchPattern(sh.k.pat, yield* expandPattern(sh, e.r), l);
          return e.op === '!=' ? !hit : hit;
        }
        case '=~': return regexMatch(sh, l, yield* regexText(sh, e.r));
        case '<': return l < (yield* expandString(sh, e.r));
        case '>': return l > (yield* expandString(sh, e.r));
        case '-eq': case '-ne': case '-lt': case '-le': case '-gt': case '-ge': {
          const a = sh.arithOf(l);
          const b = sh.arithOf(yield* expandString(sh, e.r));
          return { '-eq': a === b, '-ne': a !== b, '-lt': a < b, '-le': a <= b, '-gt': a > b, '-ge': a >= b }[e.op];
        }
        default:
          return testEval(['test', l, e.op, yield* expandString(sh, e.r)], sh.fs, sh.d.cwd, sh.cred).status === 0;
      }
    }
  }
}


/** The regex of `=~`: quoted parts match literally, unquoted ones are ERE. */
function* regexText(sh: Shell, w: Word): G<string> {
  let re = '';
  for (const p of w.parts) {
    const text = yield* expandString(sh, makeWord([p], ''));
    re += p.t === 'lit' || (p.t !== 'q' && p.t !== 'dq' && !('quoted' in p && p.quoted)) ? text : text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return re;
}

function regexMatch(sh: Shell, s: string, re: string): boolean | 2 {
  // regcomp(REG_EXTENDED) and regexec, as bash's sh_regmatch.
  let m: Int32Array | null;
  try {
    const rx = new Regex(re, POSIX_EXTENDED);
    m = rx.exec(s);
  } catch (e) {
    if (e instanceof RegexError) return 2;
    throw e;
  }
  const arr = new Map<number, string>();
  if (m) for (let i = 0; 2 * i < m.length; i++) arr.set(i, m[2 * i] >= 0 ? s.slice(m[2 * i], m[2 * i + 1]) : '');
  sh.d.vars.own.set('BASH_REMATCH', { v: arr.get(0), exp: false, ro: false, arr });
  return m !== null;
}

/** `(( expr ))`: 0 when the value is non-zero. */
export function* evalArithCmd(sh: Shell, node: Extract<Node, { type: 'arith' }>): G<number> {
  sh.line = node.line;
  sh.k.charge();
  return sh.arithOf(yield* expandString(sh, node.expr)) !== 0 ? 0 : 1;
}

/** Set array variable `name` to `values` (index 0 up). */
export function setArray(sh: Shell, name: string, values: readonly string[]): void {
  const arr = new Map(values.map((v, i) => [i, v] as [number, string]));
  sh.d.vars.own.set(name, { v: values[0], exp: false, ro: false, arr });
}

/** The elements of array (or scalar) `name`, by index. */
export function arrayValues(sh: Shell, name: string): string[] {
  const v = sh.d.vars.map.get(name);
  if (!v) return [];
  if (!v.arr) return v.v === undefined ? [] : [v.v];
  return [...v.arr].sort((a, b) => a[0] - b[0]).map(([, x]) => x);
}

/** `${!name[@]}`: the indices that are set, in order. */
export function arrayKeys(sh: Shell, name: string): string[] {
  const v = sh.d.vars.map.get(name);
  if (!v) return [];
  if (!v.arr) return v.v === undefined ? [] : ['0'];
  return [...v.arr.keys()].sort((a, b) => a - b).map(String);
}

/** `${name[i]}`; a negative index counts from the end. */
export function arrayElement(sh: Shell, name: string, i: number): string | undefined {
  const v = sh.d.vars.map.get(name);
  if (!v) return undefined;
  if (!v.arr) return i === 0 || i === -1 ? v.v : undefined;
  if (i < 0) i += Math.max(-1, ...v.arr.keys()) + 1;
  return v.arr.get(i);
}

/** `name[i]=value`. */
export function setElement(sh: Shell, name: string, i: number, value: string): void {
  const d = sh.d;
  let v = d.vars.own.get(name);
  if (v && v.ro) sh.fatal(d.dialect.msg.readOnly(name));
  if (!v) { v = { v: undefined, exp: false, ro: false }; d.vars.own.set(name, v); }
  const arr = v.arr ?? new Map(v.v !== undefined ? [[0, v.v]] : []);
  arr.set(i, value);
  v.arr = arr;
  v.v = arr.get(0);
}

/** bash's array and append assignments. */
export function* assignBash(sh: Shell, a: Assign): G<void> {
  const d = sh.d;
  const v = d.vars.map.get(a.name);
  if (v && v.ro) sh.fatal(d.dialect.msg.readOnly(a.name));
  if (a.array) {
    const items = yield* expandWords(sh, a.array);
    const arr = a.append && v ? new Map(v.arr ?? (v.v !== undefined ? [[0, v.v]] : [])) : new Map<number, string>();
    let next = arr.size ? Math.max(...arr.keys()) + 1 : 0;
    for (const x of items) arr.set(next++, x);
    // The expansion may have forked (a command substitution): the variable to change is this shell's own
    // copy of the one read before it (a new one when there was none).
    let w = v && d.vars.own.get(a.name);
    if (!w) { w = { v: undefined, exp: false, ro: false }; d.vars.own.set(a.name, w); }
    w.arr = arr;
    w.v = arr.get(0);
    return;
  }
  const value = yield* expandString(sh, a.value);
  if (a.index) {
    const i = sh.arithOf(yield* expandString(sh, a.index));
    setElement(sh, a.name, i, a.append ? (arrayElement(sh, a.name, i) ?? '') + value : value);
    return;
  }
  // `+=` adds to an integer variable (declare -i) and appends to a string.
  if (a.append && v?.int) sh.assign(a.name, String(sh.arithOf(v.v || '0') + sh.arithOf(value)));
  else sh.assign(a.name, a.append ? (v?.v ?? '') + value : value);
}
