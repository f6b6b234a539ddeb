/**
 * awk (busybox editors/awk.c): `awk [-F SEP] [-v VAR=VAL] [-f FILE | 'PROGRAM'] [FILE | VAR=VAL]…`.
 * Records stream from stdin chunk by chunk (so `yes | awk 'NR==3{exit}'` ends); output is
 * flushed after each record. A program that uses plain `getline` reads its stdin whole first
 * (actions run synchronously, and getline must not block inside one).
 * Errors read `awk: cmd. line:1: MESSAGE` and exit 1, as busybox's syntax_error does.
 */
import { FsError } from '../fs/errors';
import { BudgetStop, LINE_COST } from '../shell/kernel';
import { readOf, type Ctx } from '../shell/sys';
import { err, errRaw, out, type Applet, type G } from './lib';
import { unescape } from './printf';
import { AwkSyntaxError } from './awk/lex';
import { parseProgram, type Program } from './awk/parse';
import { runNested } from './nested';
import { AwkFatal, AwkRuntimeError, ExitSignal, Interp, NextFileSignal, NextSignal } from './awk/interp';
import { StrNum, toNum } from './awk/values';

/** The main input: ARGV operands in turn (files, `-`, VAR=VAL assignments), or stdin. */
class Input {
  buf = '';
  eof = true;
  fromStdin = false;
  argi = 1;
  sawFile = false;
  /** Prefetched stdin (getline mode). */
  stdinAll: string | null = null;
  failed = false;

  constructor(readonly ctx: Ctx, readonly it: Interp) {}

  /** Open the next operand; false when there is none left. */
  nextSource(): boolean {
    const it = this.it;
    const argv = it.array('ARGV');
    const argc = Math.trunc(toNum(it.scalar('ARGC')));
    while (this.argi < argc) {
      const v = argv.get(String(this.argi++));
      const a = v === undefined ? '' : it.str(v);
      if (a === '') continue;
      const eq = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(a);
      if (eq) { it.setVar(eq[1], new StrNum(unescape(a.slice(eq[0].length), false)[0])); continue; }
      this.sawFile = true;
      it.setVar('FILENAME', a);
      it.setVar('FNR', 0);
      if (a === '-' || a === '/dev/stdin') return this.openStdin();
      try {
        this.buf = this.ctx.fs.readFile(a, this.ctx.cwd, this.ctx.cred);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        // busybox dies here (bb_perror_msg_and_die): no END, exit 1.
        err(this.ctx, `${a}: ${e.message}`);
        this.failed = true;
        return false;
      }
      this.fromStdin = false;
      this.eof = true;
      return true;
    }
    if (this.sawFile) return false;
    this.sawFile = true;
    it.setVar('FILENAME', '-');
    return this.openStdin();
  }

  private openStdin(): boolean {
    this.fromStdin = true;
    if (this.stdinAll !== null) { this.buf = this.stdinAll; this.stdinAll = ''; this.eof = true; } else { this.buf = ''; this.eof = false; }
    return true;
  }

  /**
   * Stdin read since the last record boundary, in pieces: a record arriving in many chunks is joined once
   * (a growing buffer searched again per chunk is quadratic: awk 1 < /dev/zero). The record is held in memory.
   */
  private parts: string[] = [];
  private held = 0;

  /** Append a chunk of stdin. */
  feed(s: string): void {
    this.parts.push(s);
    this.held += s.length;
    this.ctx.k.hold(this.buf.length + this.held);
  }

  /** The next record of the current source: a string, null at its end, or 'more' (read stdin). */
  take(): string | null | 'more' {
    const rs = this.it.str(this.it.scalar('RS'));
    if (this.parts.length) {
      // No separator can end in a chunk without a newline (paragraph mode) or without RS's character.
      const last = this.parts[this.parts.length - 1];
      if (!this.eof && !last.includes(rs === '' ? '\n' : rs[0])) return 'more';
      this.buf += this.parts.join('');
      this.parts.length = 0;
      this.held = 0;
    }
    if (rs === '') {
      this.buf = this.buf.replace(/^\n+/, '');
      const m = /\n\n+/.exec(this.buf);
      if (m && (m.index + m[0].length < this.buf.length || this.eof)) {
        const rec = this.buf.slice(0, m.index);
        this.buf = this.buf.slice(m.index + m[0].length);
        return rec;
      }
      if (!this.eof) return 'more';
      if (this.buf === '') return null;
      const rec = this.buf.replace(/\n+$/, '');
      this.buf = '';
      return rec;
    }
    const sep = rs[0];
    const at = this.buf.indexOf(sep);
    if (at >= 0) {
      const rec = this.buf.slice(0, at);
      this.buf = this.buf.slice(at + 1);
      return rec;
    }
    if (!this.eof) return 'more';
    if (this.buf === '') return null;
    const rec = this.buf;
    this.buf = '';
    return rec;
  }

  /** Synchronous: for getline, with stdin prefetched. */
  nextSync(): string | null {
    for (;;) {
      const r = this.take();
      if (typeof r === 'string') {
        this.it.setVar('FNR', toNum(this.it.scalar('FNR')));
        return r;
      }
      if (!this.nextSource()) return null;
    }
  }
}

function usage(ctx: Ctx): number {
  errRaw(ctx, 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n\n\t-v VAR=VAL\tSet variable\n\t-F SEP\t\tUse SEP as field separator\n\t-f FILE\t\tRead program from FILE\n\t-e AWK_PROGRAM\n');
  return 1;
}

export const awkApplet: Applet = function* (ctx) {
  const assigns: [string, string][] = [];
  let fs: string | null = null;
  let text: string | null = null;
  let i = 1;
  const argv = ctx.argv;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { i++; break; }
    if (a[0] !== '-' || a.length < 2) break;
    const opt = a[1];
    const val = a.length > 2 ? a.slice(2) : argv[++i];
    if (!'Fvfe'.includes(opt)) { err(ctx, `invalid option -- '${opt}'`); return usage(ctx); }
    if (val === undefined) { err(ctx, `option requires an argument -- '${opt}'`); return usage(ctx); }
    if (opt === 'F') fs = val;
    else if (opt === 'v') {
      const eq = val.indexOf('=');
      if (eq < 1) return usage(ctx);
      assigns.push([val.slice(0, eq), val.slice(eq + 1)]);
    } else if (opt === 'f') {
      try {
        text = (text ?? '') + ctx.fs.readFile(val, ctx.cwd, ctx.cred) + '\n';
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        err(ctx, `can't open '${val}': ${e.message}`);
        return 1;
      }
    } else text = (text ?? '') + val + '\n';
  }
  if (text === null) {
    if (i >= argv.length) return usage(ctx);
    text = argv[i++];
  }
  let prog: Program;
  try {
    prog = parseProgram(text);
  } catch (e) {
    if (!(e instanceof AwkSyntaxError)) throw e;
    err(ctx, `cmd. line:1: ${e.message}`);
    return 1;
  }
  return yield* runProgram(ctx, prog, fs, assigns, argv.slice(i));
};

function* runProgram(ctx: Ctx, prog: Program, fs: string | null, assigns: [string, string][], operands: readonly string[]): G<number> {
  let input: Input | null = null;
  const it: Interp = new Interp(prog, {
    nextMainRecord: () => (input ? input.nextSync() : null),
    readFile: (name) => { try { return ctx.fs.readFile(name, ctx.cwd, ctx.cred); } catch { return null; } },
    // busybox awk never checks its output files' writes: on a full tmpfs what fit stays and awk goes on.
    writeFile: (name, data, append) => {
      try { ctx.fs.writeFile(name, ctx.cwd, ctx.cred, data, append); return true; } catch (e) { return e instanceof FsError && e.code === 'ENOSPC'; }
    },
    stderr: (t) => errRaw(ctx, t),
    run: (cmd, stdin) => runNested(ctx, cmd, stdin),
    env: ctx.env,
  });
  input = new Input(ctx, it);
  // Output to the console must stay in order with stderr: buffered stdout is written first.
  let pendingOut = '';
  it.flushOut = () => { if (it.out.length) { pendingOut += it.out.join(''); it.out = []; } };
  const flush = function* (): G<void> {
    it.flushOut();
    if (pendingOut) { const s = pendingOut; pendingOut = ''; yield* out(ctx, s); }
  };
  const steps = () => ctx.k.charge();
  it.tick = steps;
  it.hold = (bytes) => ctx.k.hold(bytes);
  it.work = (items) => ctx.k.io(items * LINE_COST);
  if (fs !== null) it.setVar('FS', fs === 't' ? '\t' : unescape(fs, false)[0]);
  for (const [n, v] of assigns) it.setVar(n, new StrNum(unescape(v, false)[0]));
  const argvArr = it.array('ARGV');
  argvArr.set('0', 'awk');
  operands.forEach((a, j) => argvArr.set(String(j + 1), new StrNum(a)));
  it.setVar('ARGC', operands.length + 1);
  let code = 0;
  let exiting = false;
  const guard = function* (fn: () => void): G<boolean> {
    try {
      fn();
      return true;
    } catch (e) {
      if (e instanceof ExitSignal) { if (e.code >= 0) code = e.code; exiting = true; return false; }
      if (e instanceof AwkRuntimeError) {
        yield* flush();
        err(ctx, `cmd. line:1: ${e.message}`);
        throw new ExitSignal(2);
      }
      if (e instanceof AwkFatal) {
        yield* flush();
        err(ctx, e.message);
        throw new ExitSignal(1);
      }
      if (e instanceof BudgetStop) throw e;
      throw e;
    }
  };
  // busybox compiles the program's /regex/ literals as it parses it: a bad one fails before BEGIN.
  try {
    forEachRegex(prog, (src) => it.literal(src));
  } catch (e) {
    if (!(e instanceof AwkFatal)) throw e;
    err(ctx, e.message);
    return 1;
  }
  try {
    if (prog.usesGetline) {
      const of = ctx.p.fds[0];
      let all = '';
      if (of) for (let s = yield* readOf(ctx.k, of); s !== null; s = yield* readOf(ctx.k, of)) { all += s; ctx.k.hold(all.length); }
      input.stdinAll = all;
    }
    for (const b of prog.begin) {
      if (!(yield* guard(() => it.run(b)))) break;
    }
    yield* flush();
    if (!exiting && (prog.rules.length || prog.end.length)) {
      outer: while (input.nextSource()) {
        for (;;) {
          const rec = input.take();
          if (rec === null) break;
          if (rec === 'more') {
            const s = yield* readOf(ctx.k, ctx.p.fds[0]!);
            if (s === null) input.eof = true;
            else input.feed(s);
            continue;
          }
          steps();
          it.setVar('NR', toNum(it.scalar('NR')) + 1);
          it.setVar('FNR', toNum(it.scalar('FNR')) + 1);
          it.setRecord(rec);
          let nextFile = false;
          const ok = yield* guard(() => {
            try {
              for (let r = 0; r < prog.rules.length; r++) {
                if (!it.matches(r)) continue;
                const body = prog.rules[r].body;
                if (body) it.run(body);
                else it.out.push(it.fields[0] + it.str(it.scalar('ORS')));
              }
            } catch (e) {
              if (e instanceof NextSignal) return;
              if (e instanceof NextFileSignal) { nextFile = true; return; }
              throw e;
            }
          });
          yield* flush();
          if (!ok) break outer;
          if (nextFile) break;
        }
      }
    }
    if (input.failed) { yield* flush(); return 1; }
    exiting = false;
    for (const b of prog.end) {
      if (!(yield* guard(() => it.run(b)))) break;
    }
    it.closeAll();
    yield* flush();
  } catch (e) {
    if (e instanceof ExitSignal) { yield* flush(); return e.code === 2 ? 1 : e.code; }
    throw e;
  }
  return code;
}

/** Calls `f` with the source of every /regex/ literal in the parsed program. */
function forEachRegex(node: unknown, f: (src: string) => void): void {
  if (Array.isArray(node)) { for (const x of node) forEachRegex(x, f); return; }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.k === 're' && typeof o.v === 'string') f(o.v);
  for (const v of Object.values(o)) forEachRegex(v, f);
}
