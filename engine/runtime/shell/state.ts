/**
 * A shell's variables, functions, options and traps. A subshell (fork) gets a deep copy of the
 * variables, so nothing it sets reaches its parent, as with a real fork.
 */
import type { Node } from './ast';
import type { Dialect } from './dialect';

/** A variable; `arr` holds a bash indexed array (element 0 mirrors `v`, as `$a` is `${a[0]}`). */
export interface Var {
  v: string | undefined; exp: boolean; ro: boolean; arr?: Map<number, string>;
  /** bash `declare -i`: assignments evaluate their value arithmetically. */
  int?: boolean;
}

export interface Options { e: boolean; u: boolean; x: boolean; f: boolean; n: boolean; v: boolean; C: boolean; pipefail: boolean }

/** Thrown by `exit` and by fatal errors; caught at the process top. */
export class ExitErr { constructor(readonly status: number) {} }
/** `break N` / `continue N`. */
export class BreakErr { constructor(public n: number, readonly cont: boolean) {} }
/** `return N`. */
export class ReturnErr { constructor(readonly status: number) {} }

/** A variable as read through Vars.map: never changed in place (it may be shared with other shells). */
export interface VarView {
  readonly v: string | undefined; readonly exp: boolean; readonly ro: boolean; readonly arr?: ReadonlyMap<number, string>;
  readonly int?: boolean;
}

/** A copy of a variable this shell may change (its own array too). */
export function copyVar(v: VarView): Var {
  return v.arr || v.int ? { ...v, arr: v.arr && new Map(v.arr) } : { v: v.v, exp: v.exp, ro: v.ro };
}

/**
 * A shell's variables, in definition order (what `set` and `export -p` list, and the order of the
 * environment a program gets). Copy-on-write: a forked shell, and every shell started from the same
 * environment, share one table until one of them changes a variable; that one then copies it (and its
 * Var objects) first, so no change is ever seen by another shell.
 */
export class Vars {
  private tbl: Map<string, Var>;
  /** The table is (or may be) seen by another Vars: copy before changing anything. */
  private shared = false;
  constructor(from?: Vars) {
    if (from) {
      this.tbl = from.tbl;
      this.shared = from.shared = true;
    } else {
      this.tbl = new Map();
    }
  }
  /** The variables to read; what it holds must not be changed (see `own`). */
  get map(): ReadonlyMap<string, VarView> {
    return this.tbl;
  }
  /** The variables to change: this shell's own table and Var objects (copied first when shared). */
  get own(): Map<string, Var> {
    if (this.shared) {
      const t = new Map<string, Var>();
      for (const [k, v] of this.tbl) t.set(k, copyVar(v));
      this.tbl = t;
      this.shared = false;
    }
    return this.tbl;
  }
  get(name: string): string | undefined {
    const e = this.tbl.get(name);
    return e === undefined ? undefined : e.v;
  }
  /** Returns false when the variable is read-only. */
  set(name: string, value: string): boolean {
    const seen = this.tbl.get(name);
    if (seen !== undefined && seen.ro) return false;
    const own = this.own;
    const e = own.get(name);
    if (e === undefined) { own.set(name, { v: value, exp: false, ro: false }); return true; }
    e.v = value;
    if (e.arr) e.arr.set(0, value);
    return true;
  }
  exported(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [k, v] of this.tbl) if (v.exp && v.v !== undefined) out.set(k, v.v);
    return out;
  }
}

export interface ShellData {
  vars: Vars;
  funcs: Map<string, Node>;
  /** alias's table (names to values, in definition order); absent until the first alias. */
  aliases?: Map<string, string>;
  pos: string[];
  arg0: string;
  /**
   * ash's commandname outside builtins: the script file (or `-c`'s $0, or the file `.` reads), whose
   * diagnostics then say `NAME: line N:`; absent for a plain `-c`.
   */
  commandName?: string;
  cwd: string;
  opt: Options;
  traps: Map<string, string>;
  status: number;
  bgPid: number | null;
  /** Saved variables for `local`, one frame per function call. */
  frames: Map<string, Var | undefined>[];
  loopDepth: number;
  /** > 0 while evaluating a condition (`if`, `while`, `&&`/`||` left side, `!`): no errexit. */
  condDepth: number;
  /** $$: the pid of the top shell (subshells keep it). */
  rootPid: number;
  /** Which shell this is (ash, dash or bash): its wording, builtins and syntax. */
  readonly dialect: Dialect;
}

export function cloneData(d: ShellData): ShellData {
  // Models ash.c forkchild: traps are reset in a subshell, except ignored ones stay ignored.
  const traps = new Map<string, string>();
  for (const [k, v] of d.traps) if (v === '') traps.set(k, '');
  return {
    vars: new Vars(d.vars), funcs: new Map(d.funcs), pos: d.pos.slice(), arg0: d.arg0, cwd: d.cwd, ...(d.commandName !== undefined ? { commandName: d.commandName } : {}),
    opt: { ...d.opt }, traps, status: d.status, bgPid: d.bgPid, frames: [], loopDepth: 0, condDepth: d.condDepth,
    rootPid: d.rootPid, dialect: d.dialect, ...(d.aliases ? { aliases: new Map(d.aliases) } : {}),
  };
}

export function defaultOptions(): Options {
  return { e: false, u: false, x: false, f: false, n: false, v: false, C: false, pipefail: false };
}
