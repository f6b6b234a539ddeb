/**
 * One shell process: its state, its kernel process, and the services expansion and builtins use
 * (parameters, assignments, errors, subshells, command substitution, traps).
 */
import type { ContainerHost } from '../seam';
import type { Cred } from '../fs/resolve';
import type { FsView } from '../fs/view';
import type { Node } from './ast';
import { ArithError, evalArith, type ArithVars } from './arith';
import { cloneFds, newCapture, captured, type FdTable } from './io';
import { signaledText, type Block, type Kernel, type Proc, type ProcGen } from './kernel';
import { cloneData, ExitErr, ReturnErr, BreakErr, type ShellData } from './state';
import { SigPipe, writeFileOf, type ImageFlavor } from './sys';
import { expandString } from './expand';
import { arrayElement, setElement } from './bashEval';
import { FsError } from '../fs/errors';
import type { ShellRuntime } from './runtime';
import { JobTable } from './jobTable';

type G<T> = Generator<Block, T, unknown>;

const ARRAY_ELEMENT = /^([A-Za-z_][A-Za-z0-9_]*)\[(.*)\]$/;

/** An error inside a builtin (ash raises EXERROR: fatal only for special builtins). */
export class BuiltinErr { constructor(readonly status: number) {} }

export class Shell {
  /** Line of the command being run (errlinno). */
  line = 0;
  /** The line the parser of the running text has reached (ash's g_parsefile->linno); null outside evalString. */
  parseLine: (() => number) | null = null;
  /** Current builtin's name for error prefixes (ash's commandname). */
  cmdName: string | null = null;
  readonly arithVars: ArithVars;
  /** Whether this shell is the container's main process (EXIT trap, PID 1 rules). */
  readonly isMain: boolean;
  funcDepth = 0;
  /** Where `getopts` stopped inside a bundled argument (-abc), valid while OPTIND is `ind`. */
  optState: { ind: number; off: number } | null = null;
  /** Nesting of `.`/`source` (bash's `return` is allowed there). */
  sourceDepth = 0;
  /** Set while the EXIT trap runs, so `exit` inside it does not re-run it. */
  exiting = false;
  /** A command substitution ran during the current command (its status becomes $?). */
  substRan = false;
  /** Set by `exec` without a command: the current redirections become permanent. */
  keepRedirs = false;
  /** The jobs this shell started (wait, jobs, kill %N). */
  readonly jobs = new JobTable();

  constructor(
    readonly rt: ShellRuntime,
    readonly p: Proc,
    readonly d: ShellData,
    isMain: boolean,
  ) {
    this.isMain = isMain;
    // bash's arithmetic reads and writes array elements (`a[i]`); ash and dash have no arrays.
    const element = (n: string): RegExpExecArray | null => {
      const m = ARRAY_ELEMENT.exec(n);
      if (m && !this.d.dialect.bashVariables) throw new ArithError('arithmetic syntax error');
      return m;
    };
    this.arithVars = {
      get: (n) => { const m = element(n); return m ? arrayElement(this, m[1], this.arithOf(m[2])) : this.getParam(n); },
      set: (n, v) => { const m = element(n); if (m) setElement(this, m[1], this.arithOf(m[2]), v); else this.assign(n, v); },
    };
  }

  get k(): Kernel { return this.rt.k; }
  get fs(): FsView { return this.rt.fs; }
  get cred(): Cred { return this.rt.cred; }
  get host(): ContainerHost { return this.rt.host; }
  get flavor(): ImageFlavor { return this.rt.flavor; }

  getParam(name: string): string | undefined {
    const c = name.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      if (name === '0') return this.d.arg0;
      return this.d.pos[Number(name) - 1];
    }
    if (name === 'LINENO' && (this.d.dialect.bashVariables || this.d.dialect.ashVariables)) return String(this.line);
    if (name === 'RANDOM' && (this.d.dialect.bashVariables || this.d.dialect.ashVariables)) return String(this.nextRandom());
    if (name.length === 1) {
      switch (name) {
        case '?': return String(this.d.status);
        case '#': return String(this.d.pos.length);
        case '$': return String(this.d.rootPid);
        case '!': return this.d.bgPid === null ? undefined : String(this.d.bgPid);
        case '-': return this.optString();
        case '@': case '*': return this.d.pos.join(' ');
      }
    }
    return this.d.vars.get(name);
  }

  /**
   * $RANDOM: 0..32767 from a generator of the shell's own (ash's is seeded from the time and pid; here from
   * the pid, so runs stay reproducible).
   */
  private randomState = -1;
  private nextRandom(): number {
    if (this.randomState < 0) this.randomState = (this.d.rootPid * 2654435761) >>> 0;
    this.randomState = (Math.imul(this.randomState, 1103515245) + 12345) >>> 0;
    return (this.randomState >>> 16) & 0x7fff;
  }

  private optString(): string {
    const o = this.d.opt;
    let s = '';
    if (o.e) s += 'e';
    if (o.f) s += 'f';
    if (o.u) s += 'u';
    if (o.v) s += 'v';
    if (o.x) s += 'x';
    if (o.n) s += 'n';
    if (o.C) s += 'C';
    return s;
  }

  /** Assign a variable; a read-only one is a fatal error (`sh: x: is read only`). */
  assign(name: string, value: string): void {
    if (this.d.vars.map.get(name)?.int) value = String(this.arithOf(value));
    // A large value is memory the shell holds (s=$s$s in a loop grows until the OOM killer or the budget).
    if (value.length > 65536) this.k.hold(value.length);
    if (!this.d.vars.set(name, value)) this.fatal(this.d.dialect.msg.readOnly(name));
    if (name === 'IFS' || name === 'PATH') this.rt.pathCache.clear();
  }

  /** Print a shell diagnostic (`sh: msg`, `sh: 1: msg`, `bash: line 1: msg`) on stderr without blocking. */
  errSync(msg: string): void {
    this.writeErrSync(this.d.dialect.where(this.d.arg0, this.line, this.d.commandName) + msg + '\n');
  }

  /** A waited-for child ended: ash reports one a signal ended (`Terminated`, `Killed`), then it is forgotten. */
  reaped(child: Proc): number {
    this.k.procs.delete(child.pid);
    if (child.killedBy && this.d.dialect.reportsSignaled) {
      const text = signaledText(child.killedBy);
      if (text) this.writeErrSync(text + '\n');
    }
    return child.status;
  }

  writeErrSync(text: string): void {
    const of = this.p.fds[2];
    if (!of) return;
    switch (of.kind) {
      case 'console': this.k.console(of.stream, text); break;
      case 'capture': of.out.push(text); of.size += text.length; break;
      case 'file': writeFileOf(of, text); break;
      case 'pipe': if (of.write && of.pipe.readers > 0) { of.pipe.buf += text; this.k.pipeChanged(of.pipe); } break;
    }
  }

  /** A fatal shell error: message, then the shell exits (status 2; bash: 1). */
  fatal(msg: string, status = this.d.dialect.fatalStatus.other): never {
    this.errSync(msg);
    throw new ExitErr(status);
  }

  /** An error from the current builtin in the dialect's form (ash: `sh: cd: line 1: msg`), status 2 (bash: 1). */
  builtinError(msg: string, status = this.d.dialect.builtinStatus): never {
    this.writeErrSync(this.d.dialect.builtin(this.d.arg0, this.cmdName, this.line, msg) + '\n');
    throw new BuiltinErr(status);
  }

  arithOf(text: string): number {
    try {
      // dash stops at `#` (a token it does not know) and at the second `*` (an operand was due).
      if (!this.d.dialect.arithExtensions && /[0-9]#/.test(text)) throw new ArithError('expecting EOF');
      if (!this.d.dialect.arithExtensions && text.includes('**')) throw new ArithError('arithmetic syntax error');
      return evalArith(text, this.arithVars, this.k.arith);
    } catch (e) {
      if (e instanceof ArithError) this.fatal(this.d.dialect.msg.arith(e.message, text));
      throw e;
    }
  }

  homeOf(user: string): string | null {
    try {
      const passwd = this.fs.readFile('/etc/passwd', '/', this.cred);
      for (const line of passwd.split('\n')) {
        const f = line.split(':');
        if (f[0] === user && f.length >= 6) return f[5];
      }
    } catch {
      return null;
    }
    return null;
  }

  /** A forked copy of this shell for a subshell/pipeline stage/background job. */
  fork(p: Proc): Shell {
    const sh = new Shell(this.rt, p, cloneData(this.d), false);
    sh.line = this.line;
    sh.funcDepth = this.funcDepth;
    return sh;
  }

  /** Run `node` in a new process with `fds` (already retained); returns the child. `subshell`: the body of ( … ). */
  spawn(node: Node, fds: FdTable, bg: boolean, subshell = false): Proc {
    return this.k.spawn(this.p.pid, fds, (child) => {
      child.sub = true;
      const sh = this.fork(child);
      // `( … )` is a subshell node, never the simple command the job hack looks for; dash has no such hack.
      if (!subshell && this.d.dialect.name !== 'dash' && runsJobs(node)) sh.jobs.copyOf(this.jobs);
      if (bg) sh.d.condDepth = 0;
      child.disposition = (sig) => sh.disposition(sig);
      return sh.subshellMain(node);
    });
  }

  /** How this shell takes `sig`: a trap, ignored, or the default action. */
  disposition(sig: string): 'trap' | 'ignore' | 'default' {
    const t = this.d.traps.get(sig);
    if (t === undefined) return 'default';
    return t === '' ? 'ignore' : 'trap';
  }

  *subshellMain(node: Node): ProcGen {
    let status: number;
    try {
      status = yield* this.rt.eval(this, node);
    } catch (e) {
      status = this.caught(e);
    }
    return yield* this.exitTrap(status);
  }

  /** Map a control-flow exception at a process top to its exit status. */
  caught(e: unknown): number {
    if (e instanceof ExitErr) return e.status;
    if (e instanceof ReturnErr) return e.status;
    if (e instanceof BreakErr) return this.d.status;
    if (e instanceof BuiltinErr) return e.status;
    if (e instanceof SigPipe) return 141;
    throw e;
  }

  /** Run the EXIT trap (once) and return the final status. */
  *exitTrap(status: number): ProcGen {
    const t = this.d.traps.get('EXIT');
    if (t === undefined || t === '' || this.exiting) return status;
    this.exiting = true;
    this.d.status = status;
    try {
      yield* this.rt.evalString(this, t, false);
    } catch (e) {
      if (e instanceof ExitErr) return e.status;
      this.caught(e);
    }
    return status;
  }

  /** Run pending signal traps (ash's dotrap, between commands). */
  *runTraps(): G<void> {
    const sigs = this.p.pending;
    while (sigs.length) {
      const sig = sigs.shift()!;
      const action = this.d.traps.get(sig);
      if (!action) continue;
      const saved = this.d.status;
      yield* this.rt.evalString(this, action, false);
      this.d.status = saved;
    }
  }

  /** `$(…)`: run in a child with stdout captured; $? becomes its status. */
  *commandSubst(body: Node): G<string> {
    // bash reads `$(<file)` itself, without running a command (dash runs the empty command: no output).
    if (this.d.dialect.builtinOptions && body.type === 'simple' && !body.words.length && !body.assigns.length && body.redirs.length === 1 && body.redirs[0].op === '<') {
      const name = yield* expandString(this, body.redirs[0].target);
      try {
        return this.fs.readFile(name, this.d.cwd, this.cred);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        this.errSync(this.d.dialect.msg.redirect(name, false, e.message, e.code));
        return '';
      }
    }
    const cap = newCapture();
    const fds = cloneFds(this.p.fds);
    const old = fds[1];
    if (old) this.k.closeOf(old);
    fds[1] = cap;
    cap.refs = 1;
    this.jobs.forked();
    const child = this.spawn(body, fds, false);
    yield { k: 'child', pid: child.pid, intr: false };
    this.d.status = this.reaped(child);
    this.substRan = true;
    return captured(cap);
  }
}

/** A lone simple command whose first word is `jobs` (ash checks the unexpanded text). */
function runsJobs(node: Node): boolean {
  while (node.type === 'seq' && node.items.length === 1) node = node.items[0];
  return node.type === 'simple' && node.words[0]?.raw === 'jobs';
}
