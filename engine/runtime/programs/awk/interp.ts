/**
 * Running an awk program (busybox editors/awk.c semantics): records and fields, special variables,
 * user functions (arrays by reference, scalars by value), builtins, output redirection. Actions run
 * synchronously; the applet feeds records and flushes output between them, so a pipe keeps flowing.
 */
import { POSIX_BASIC, POSIX_EXTENDED, Regex, RegexError } from '../regex/index';
import type { Expr, Func, Program, Stmt } from './parse';
import { compare, fmtNum, isNumeric, sprintf, StrNum, toNum, toStr, truthy, type Value } from './values';
import { callBuiltin } from './builtins';

export type AwkArray = Map<string, Value>;
type Slot = Value | AwkArray;

export class NextSignal {}
export class NextFileSignal {}
export class ExitSignal { constructor(readonly code: number) {} }
class BreakSignal { constructor(readonly cont: boolean) {} }
class ReturnSignal { constructor(readonly v: Value) {} }
export class AwkRuntimeError extends Error {}
/** A fatal error busybox awk words itself (bb_error_msg_and_die): printed as it is, exit status 1. */
export class AwkFatal extends Error {}

/** What the interpreter needs from the outside: input for getline, files, output. */
export interface AwkIO {
  /** The next record of the main input (plain getline); null at the end. */
  nextMainRecord(): string | null;
  readFile(name: string): string | null;
  writeFile(name: string, text: string, append: boolean): boolean;
  stderr(text: string): void;
  /** Run `sh -c cmd` with `stdin` to its end: its output and exit status. */
  run(cmd: string, stdin: string): { out: string; err: string; status: number };
  env: ReadonlyMap<string, string>;
}

/** What one field or array element takes in busybox awk (its var struct and string), for the memory account. */
export const FIELD_BYTES = 32;

export class Interp {
  readonly globals = new Map<string, Slot>();
  frames: Map<string, Slot>[] = [];
  fields: string[] = [''];
  /** $0 needs re-splitting into fields. */
  splitPending = false;
  nf = 0;
  out: string[] = [];
  readonly files = new Map<string, { pos: number; lines: string[] } | null>();
  /** `"cmd" | getline`: each command's output records, read one by one until close(cmd). */
  readonly cmdIn = new Map<string, { pos: number; lines: string[]; status: number }>();
  readonly opened = new Set<string>();
  readonly pipes = new Map<string, string[]>();
  readonly rangeOn: boolean[];
  readonly reCache = new Map<string, Regex>();
  readonly litCache = new Map<string, Regex>();
  seed = 0;
  prevSeed = 0;

  constructor(readonly prog: Program, readonly io: AwkIO) {
    this.rangeOn = prog.rules.map(() => false);
    const env = new Map<string, Value>();
    for (const [k, v] of io.env) env.set(k, new StrNum(v));
    for (const [k, v] of Object.entries({ FS: ' ', OFS: ' ', ORS: '\n', RS: '\n', SUBSEP: '\x1c', CONVFMT: '%.6g', OFMT: '%.6g', NR: 0, FNR: 0, RSTART: 0, RLENGTH: -1, FILENAME: '' })) {
      this.globals.set(k, v);
    }
    this.globals.set('ENVIRON', env);
  }

  get convfmt(): string { return toStr(this.getVar('CONVFMT') as Value, '%.6g'); }

  str(v: Value): string { return typeof v === 'string' ? v : toStr(v, this.convfmt); }

  getVar(name: string): Slot {
    if (name === 'NF') { this.ensureSplit(); return this.nf; }
    const f = this.frames[this.frames.length - 1];
    if (f && f.has(name)) return f.get(name);
    return this.globals.get(name);
  }

  setVar(name: string, v: Value): void {
    if (name === 'NF') { this.setNF(Math.trunc(toNum(v))); return; }
    // A large string is memory awk holds (s = s s in a loop grows until the OOM killer or the budget).
    const str = typeof v === 'string' ? v : v instanceof StrNum ? v.s : '';
    if (str.length > 65536) this.hold(str.length);
    const f = this.frames[this.frames.length - 1];
    if (f && f.has(name)) { if (f.get(name) instanceof Map) throw new AwkRuntimeError(`can't assign to array ${name}`); f.set(name, v); return; }
    if (this.globals.get(name) instanceof Map) throw new AwkRuntimeError(`can't assign to array ${name}`);
    this.globals.set(name, v);
  }

  scalar(name: string): Value {
    const s = this.getVar(name);
    if (s instanceof Map) throw new AwkRuntimeError(`can't use array ${name} in scalar context`);
    return s;
  }

  array(name: string): AwkArray {
    const f = this.frames[this.frames.length - 1];
    const scope = f && f.has(name) ? f : this.globals;
    const s = scope.get(name);
    if (s instanceof Map) return s;
    if (s !== undefined) throw new AwkRuntimeError(`can't use scalar ${name} as array`);
    const a: AwkArray = new Map();
    scope.set(name, a);
    return a;
  }

  // ---- records and fields ----

  setRecord(text: string): void {
    if (text.length > 65536) this.hold(text.length);
    this.fields = [text];
    this.splitPending = true;
  }

  ensureSplit(): void {
    if (!this.splitPending) return;
    this.splitPending = false;
    const parts = this.splitText(this.fields[0], this.scalar('FS'));
    this.hold(parts.length * FIELD_BYTES);
    this.fields = [this.fields[0]];
    for (let i = 0; i < parts.length; i++) this.fields.push(parts[i]);
    this.nf = parts.length;
  }

  splitText(s: string, fsv: Value): string[] {
    const fs = this.str(fsv);
    if (s === '') return [];
    if (fs === ' ') return s.split(/[ \t\n]+/).filter((x) => x !== '');
    // A single character other than space separates literally (busybox awk.c: it is not a regex).
    // An empty separator splits between characters (awk_split's null split).
    if (fs.length <= 1) return s.split(fs);
    return this.splitRegex(s, this.literal(fs));
  }

  /**
   * awk_split with a regex: each separator is the first non-empty match in the rest of the text, searched
   * as a text of its own (so ^ matches at every field's start); an empty match at the start is retried one
   * character further on (regexec1_nonempty).
   */
  splitRegex(s: string, re: Regex): string[] {
    if (s === '') return [];
    const parts: string[] = [];
    let at = 0;
    re.work = 0;
    // In paragraph mode (RS "") a newline also ends a field.
    const nlToo = this.str(this.scalar('RS')) === '';
    while (at < s.length) {
      let m = re.extent(s, at);
      if (m !== null && m[1] === at) {
        m = null;
        for (let ofs = at + 1; ofs < s.length; ofs++) {
          const r = re.extent(s, ofs);
          if (r !== null && r[1] !== ofs) { m = r; break; }
        }
      }
      const nl = nlToo ? s.indexOf('\n', at) : -1;
      if (m === null || (nl >= 0 && m[0] > nl)) {
        const end = nl >= 0 ? nl : s.length;
        parts.push(s.slice(at, end));
        at = end + 1;
        continue;
      }
      parts.push(s.slice(at, m[0]));
      at = m[1];
      if (at >= s.length) parts.push('');
    }
    this.work(re.work >> 8);
    return parts;
  }

  getField(i: number): Value {
    if (i < 0) throw new AwkRuntimeError('Access to negative field');
    if (i === 0) return new StrNum(this.fields[0]);
    this.ensureSplit();
    return i <= this.nf ? new StrNum(this.fields[i]) : undefined;
  }

  setField(i: number, v: string): void {
    if (i < 0) throw new AwkRuntimeError('Access to negative field');
    if (i === 0) { this.setRecord(v); return; }
    this.ensureSplit();
    if (i > this.nf) this.hold(i * FIELD_BYTES);
    while (this.nf < i) this.fields[++this.nf] = '';
    this.fields[i] = v;
    this.rebuild();
  }

  setNF(n: number): void {
    this.ensureSplit();
    if (n > this.nf) this.hold(n * FIELD_BYTES);
    while (this.nf < n) this.fields[++this.nf] = '';
    this.nf = Math.max(0, n);
    this.fields.length = this.nf + 1;
    this.rebuild();
  }

  rebuild(): void {
    const ofs = this.str(this.scalar('OFS'));
    this.fields[0] = this.fields.slice(1, this.nf + 1).join(ofs);
  }

  /** A regex given as a string: an ERE, or a BRE when it is not a valid ERE (as_regex: gawk reads "a{" so). */
  regex(src: string): Regex {
    let re = this.reCache.get(src);
    if (!re) {
      try {
        re = new Regex(src, POSIX_EXTENDED);
      } catch {
        re = compiled(src, POSIX_BASIC);
      }
      this.reCache.set(src, re);
    }
    return re;
  }

  /** A /regex/ of the program, or FS: an ERE (xregcomp). */
  literal(src: string): Regex {
    let re = this.litCache.get(src);
    if (!re) this.litCache.set(src, (re = compiled(src, POSIX_EXTENDED)));
    return re;
  }

  /** A regex operand: a literal /re/ or any expression's string value. */
  reOf(e: Expr): Regex {
    return e.k === 're' ? this.literal(e.v) : this.regex(this.str(this.eval(e)));
  }

  // ---- statements ----

  run(body: readonly Stmt[]): void {
    for (const s of body) this.exec(s);
  }

  exec(s: Stmt): void {
    switch (s.k) {
      case 'expr': this.eval(s.e); return;
      case 'block': this.run(s.body); return;
      case 'print': {
        const ofmt = this.str(this.scalar('OFMT'));
        const text = s.args.length === 0 ? this.fields[0]
          : s.args.map((a) => { const v = this.eval(a); return typeof v === 'number' ? fmtNum(v, ofmt) : this.str(v); }).join(this.str(this.scalar('OFS')));
        this.emit(text + this.str(this.scalar('ORS')), s.redir);
        return;
      }
      case 'printf': {
        if (s.args.length === 0) throw new AwkRuntimeError('Too few arguments for builtin');
        const [f, ...rest] = s.args.map((a) => this.eval(a));
        this.emit(sprintf(this.str(f), rest, this.convfmt), s.redir);
        return;
      }
      case 'if':
        if (truthy(this.eval(s.c))) this.exec(s.then);
        else if (s.else) this.exec(s.else);
        return;
      case 'while':
        while (truthy(this.eval(s.c))) if (this.loopBody(s.body)) break;
        return;
      case 'do':
        do { if (this.loopBody(s.body)) break; } while (truthy(this.eval(s.c)));
        return;
      case 'for':
        if (s.init) this.exec(s.init);
        while (!s.c || truthy(this.eval(s.c))) {
          if (this.loopBody(s.body)) break;
          if (s.step) this.exec(s.step);
        }
        return;
      case 'forin': {
        const arr = this.array(s.arr);
        for (const key of [...arr.keys()]) {
          if (!arr.has(key)) continue;
          this.assignTo(s.v, new StrNum(key));
          if (this.loopBody(s.body)) break;
        }
        return;
      }
      case 'simple':
        if (s.what === 'next') throw new NextSignal();
        if (s.what === 'nextfile') throw new NextFileSignal();
        throw new BreakSignal(s.what === 'continue');
      case 'exit': throw new ExitSignal(s.e ? Math.trunc(toNum(this.eval(s.e))) & 255 : -1);
      case 'return': throw new ReturnSignal(s.e ? this.eval(s.e) : undefined);
      case 'delete': {
        const arr = this.array(s.name);
        if (s.subs === null) arr.clear();
        else arr.delete(this.subscript(s.subs));
        return;
      }
    }
  }

  /** Charged once per loop iteration, so a runaway loop meets the step budget. */
  tick: () => void = () => undefined;
  /** Memory the program holds now (fields, split arrays), told to the kernel: OOM past the limit. */
  hold: (bytes: number) => void = () => undefined;
  /** Per-item work done inside one statement (gsub's matches), told to the kernel as lines. */
  work: (items: number) => void = () => undefined;

  /** Returns true on break. */
  loopBody(body: Stmt): boolean {
    this.tick();
    try {
      this.exec(body);
      return false;
    } catch (e) {
      if (e instanceof BreakSignal) return !e.cont;
      throw e;
    }
  }

  emit(text: string, redir: { op: '>' | '>>' | '|'; e: Expr } | null): void {
    if (!redir) { this.out.push(text); return; }
    const name = this.str(this.eval(redir.e));
    if (redir.op === '|') {
      const buf = this.pipes.get(name) ?? [];
      buf.push(text);
      this.pipes.set(name, buf);
      return;
    }
    if (name === '/dev/stdout' || name === '-') { this.out.push(text); return; }
    if (name === '/dev/stderr') { this.flushOut(); this.io.stderr(text); return; }
    const append = redir.op === '>>' || this.opened.has(name);
    this.opened.add(name);
    if (!this.io.writeFile(name, text, append)) throw new AwkRuntimeError(`cannot open "${name}" for output`);
  }

  /** Hook for the applet: write buffered stdout before something else reaches the console. */
  flushOut: () => void = () => undefined;

  /** close() of `print | "cmd"`: the command runs on everything printed to it; its exit status. */
  closePipe(cmd: string): number {
    const lines = this.pipes.get(cmd);
    if (!lines) return -1;
    this.pipes.delete(cmd);
    const r = this.io.run(cmd, lines.join(''));
    this.out.push(r.out);
    if (r.err) { this.flushOut(); this.io.stderr(r.err); }
    return r.status;
  }

  closeAll(): void {
    for (const cmd of [...this.pipes.keys()]) this.closePipe(cmd);
  }

  subscript(subs: readonly Expr[]): string {
    if (subs.length === 1) return this.str(this.eval(subs[0]));
    return subs.map((e) => this.str(this.eval(e))).join(this.str(this.scalar('SUBSEP')));
  }

  // ---- expressions ----

  assignTo(target: Expr, v: Value): Value {
    if (target.k === 'var') this.setVar(target.name, v);
    else if (target.k === 'field') this.setField(Math.trunc(toNum(this.eval(target.e))), this.str(v));
    else if (target.k === 'index') this.array(target.name).set(this.subscript(target.subs), v);
    else throw new AwkRuntimeError('assignment to non-lvalue');
    return v;
  }

  eval(e: Expr): Value {
    switch (e.k) {
      case 'num': return e.v;
      case 'str': return e.v;
      case 're': return this.literal(e.v).test(this.fields[0]) ? 1 : 0;
      case 'var': return this.scalar(e.name);
      case 'field': return this.getField(Math.trunc(toNum(this.eval(e.e))));
      case 'index': {
        const arr = this.array(e.name);
        const key = this.subscript(e.subs);
        if (!arr.has(key)) arr.set(key, undefined);
        return arr.get(key);
      }
      case 'group': return this.eval(e.list[e.list.length - 1]);
      case 'assign': {
        const r = this.eval(e.e);
        if (e.op === '=') return this.assignTo(e.target, r instanceof StrNum ? r : r);
        const l = toNum(this.eval(e.target));
        return this.assignTo(e.target, arith(e.op[0], l, toNum(r)));
      }
      case 'cond': return truthy(this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
      case 'and': return truthy(this.eval(e.a)) && truthy(this.eval(e.b)) ? 1 : 0;
      case 'or': return truthy(this.eval(e.a)) || truthy(this.eval(e.b)) ? 1 : 0;
      case 'in': return this.array(e.name).has(this.subscript(e.subs)) ? 1 : 0;
      case 'match': {
        const s = this.str(this.eval(e.a));
        return this.reOf(e.re).test(s) !== e.neg ? 1 : 0;
      }
      case 'cmp': {
        const c = compare(this.eval(e.a), this.eval(e.b), this.convfmt);
        switch (e.op) {
          case '<': return c < 0 ? 1 : 0;
          case '<=': return c <= 0 ? 1 : 0;
          case '>': return c > 0 ? 1 : 0;
          case '>=': return c >= 0 ? 1 : 0;
          case '==': return c === 0 ? 1 : 0;
          default: return c !== 0 ? 1 : 0;
        }
      }
      case 'concat': return this.str(this.eval(e.a)) + this.str(this.eval(e.b));
      case 'bin': return arith(e.op, toNum(this.eval(e.a)), toNum(this.eval(e.b)));
      case 'unary': {
        const v = this.eval(e.e);
        if (e.op === '!') return truthy(v) ? 0 : 1;
        return e.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'incdec': {
        const old = toNum(this.eval(e.target));
        const nv = e.op === '++' ? old + 1 : old - 1;
        this.assignTo(e.target, nv);
        return e.pre ? nv : old;
      }
      case 'call': return this.call(e.name, e.args);
      case 'builtin': return this.builtin(e.name, e.args);
      case 'getline': return this.getline(e);
    }
  }

  call(name: string, args: readonly Expr[]): Value {
    const f: Func | undefined = this.prog.funcs.get(name);
    if (!f) throw new AwkRuntimeError(`Call to undefined function`);
    if (args.length > f.params.length) throw new AwkRuntimeError('Too many arguments');
    const frame = new Map<string, Slot>();
    f.params.forEach((p, i) => {
      const a = args[i];
      if (!a) { frame.set(p, undefined); return; }
      if (a.k === 'var') {
        const cur = this.getVar(a.name);
        // An array (or an untouched name the callee may use as one) is passed by reference.
        if (cur instanceof Map) { frame.set(p, cur); return; }
        if (cur === undefined && usesAsArray(f.body, p)) { frame.set(p, this.array(a.name)); return; }
      }
      frame.set(p, this.eval(a));
    });
    if (this.frames.length > 1000) throw new AwkRuntimeError('function recursion too deep');
    this.frames.push(frame);
    try {
      this.run(f.body);
      return undefined;
    } catch (e) {
      if (e instanceof ReturnSignal) return e.v;
      throw e;
    } finally {
      this.frames.pop();
    }
  }

  getline(e: Extract<Expr, { k: 'getline' }>): Value {
    let rec: string | null;
    if (e.cmd) {
      // The command runs once, at the first getline from it; its output is read record by record.
      const cmd = this.str(this.eval(e.cmd));
      let c = this.cmdIn.get(cmd);
      if (!c) {
        this.flushOut();
        const r = this.io.run(cmd, '');
        if (r.err) this.io.stderr(r.err);
        c = { pos: 0, lines: splitRecords(r.out, this.str(this.scalar('RS'))), status: r.status };
        this.cmdIn.set(cmd, c);
      }
      if (c.pos >= c.lines.length) return 0;
      rec = c.lines[c.pos++];
      this.setVar('NR', toNum(this.scalar('NR')) + 1);
      if (e.target) this.assignTo(e.target, new StrNum(rec));
      else this.setRecord(rec);
      return 1;
    }
    if (e.file) {
      const name = this.str(this.eval(e.file));
      let f = this.files.get(name);
      if (f === undefined) {
        const text = name === '-' || name === '/dev/stdin' ? null : this.io.readFile(name);
        f = text === null ? null : { pos: 0, lines: splitRecords(text, this.str(this.scalar('RS'))) };
        this.files.set(name, f);
      }
      if (f === null) {
        if (name !== '-' && name !== '/dev/stdin') return -1;
        rec = this.io.nextMainRecord();
      } else rec = f.pos < f.lines.length ? f.lines[f.pos++] : null;
      if (rec === null) return 0;
    } else {
      rec = this.io.nextMainRecord();
      if (rec === null) return 0;
      this.setVar('NR', toNum(this.scalar('NR')) + 1);
      this.setVar('FNR', toNum(this.scalar('FNR')) + 1);
    }
    if (e.target) this.assignTo(e.target, new StrNum(rec));
    else this.setRecord(rec);
    return 1;
  }

  builtin(name: string, args: readonly Expr[]): Value {
    return callBuiltin(this, name, args);
  }

  /** Test a rule's pattern against the current record. */
  matches(i: number): boolean {
    const r = this.prog.rules[i];
    if (!r.pattern) return true;
    if (!r.range) return truthy(this.eval(r.pattern));
    if (!this.rangeOn[i]) {
      if (!truthy(this.eval(r.pattern))) return false;
      this.rangeOn[i] = !truthy(this.eval(r.range));
      return true;
    }
    if (truthy(this.eval(r.range))) this.rangeOn[i] = false;
    return true;
  }

  isNumericValue(v: Value): boolean { return isNumeric(v); }
}

function arith(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': if (b === 0) throw new AwkRuntimeError('Division by zero'); return a / b;
    case '%': if (b === 0) throw new AwkRuntimeError('Division by zero'); return a % b;
    default: return a ** b;
  }
}

/** Split text into records by RS: newline, a single character, or "" (paragraph mode). */
export function splitRecords(text: string, rs: string): string[] {
  if (text === '') return [];
  if (rs === '') return text.replace(/^\n+/, '').split(/\n\n+/).map((r) => r.replace(/\n+$/, '')).filter((r) => r !== '');
  const sep = rs.length === 1 ? rs : rs[0];
  const parts = text.split(sep);
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function usesAsArray(body: readonly Stmt[], name: string): boolean {
  const json = JSON.stringify(body);
  return json.includes(`"k":"index","name":"${name}"`) || json.includes(`"arr":"${name}"`) ||
    json.includes(`"k":"delete","name":"${name}"`) || json.includes(`"k":"in","subs"`) && json.includes(`"name":"${name}"`) ||
    json.includes(`{"k":"var","name":"${name}"}]`);
}

/** xregcomp: a regex that does not compile ends awk. */
function compiled(src: string, syntax: typeof POSIX_BASIC): Regex {
  try {
    return new Regex(src, syntax);
  } catch (e) {
    if (e instanceof RegexError) throw new AwkFatal(`bad regex '${src}': ${e.message}`);
    throw e;
  }
}
