/**
 * The matchers. Both find what glibc's regexec finds: the leftmost match, the longest at that start, and
 * for its groups the path the pattern prefers (earlier alternatives, greedier repetitions) among those of
 * that length ("(a|ab)(c|bcd)" on abcd: a and bcd).
 *
 * `pike` runs every thread of the program in step over the text (Thompson's construction, Pike's
 * captures): each character costs at most one step per instruction, so no pattern backtracks
 * exponentially (`^(a+)+$` on a long line). Threads are kept in priority order and, at each
 * instruction, only the first to arrive survives; earlier starts come first.
 *
 * Back-references cannot run that way: `backtrack` walks the paths one by one, in priority order,
 * and gives up past a step limit (glibc would run for hours on `\(a*\)*\1` over a long line).
 */
import { isWordChar } from './parse';
import { Op, type Program } from './program';

/** Thrown past the backtracking step limit. */
export class RegexTooHard extends Error {}

/** Steps the backtracking matcher may take for one search. */
const BACKTRACK_STEPS = 2_000_000;

export interface Context {
  readonly s: string;
  /** Where the text starts for the pattern (busybox passes the rest of a line after a match). */
  readonly base: number;
  /** REG_NOTBOL: ^ does not match at the start. */
  readonly notbol: boolean;
  readonly icase: boolean;
  readonly dotNotNull: boolean;
}

function holds(kind: number, cx: Context, pos: number): boolean {
  const s = cx.s;
  const prev = pos > cx.base && isWordChar(s.charCodeAt(pos - 1));
  const next = pos < s.length && isWordChar(s.charCodeAt(pos));
  switch (kind) {
    case 0: return pos === cx.base && !cx.notbol;
    case 1: return pos === s.length;
    case 2: return prev !== next;
    case 3: return prev === next;
    case 4: return !prev && next;
    case 5: return prev && !next;
    case 6: return pos === cx.base;
    default: return pos === s.length;
  }
}

interface List { pc: Int32Array; caps: Int32Array[]; n: number }

export class Pike {
  private a: List;
  private b: List;
  private readonly mark: Uint32Array;
  private gen = 0;
  private readonly stackPc: number[] = [];
  private readonly stackCaps: Int32Array[] = [];
  /** Thread steps taken since the owner last reset it (the caller's cost account). */
  work = 0;

  constructor(private readonly prog: Program) {
    const n = prog.op.length;
    const list = (): List => ({ pc: new Int32Array(n), caps: new Array<Int32Array>(n), n: 0 });
    this.a = list();
    this.b = list();
    this.mark = new Uint32Array(n);
  }

  /** Adds the thread at `pc0` and everything it reaches without consuming, in priority order. */
  private add(list: List, pc0: number, caps0: Int32Array, pos: number, g: number, cx: Context, groups: boolean): void {
    const { op, a, b } = this.prog;
    const sp = this.stackPc;
    const sc = this.stackCaps;
    sp.push(pc0);
    sc.push(caps0);
    while (sp.length > 0) {
      let pc = sp.pop()!;
      let caps = sc.pop()!;
      for (;;) {
        if (this.mark[pc] === g) break;
        this.mark[pc] = g;
        const o = op[pc];
        if (o === Op.Split) { sp.push(b[pc]); sc.push(caps); pc = a[pc]; continue; }
        if (o === Op.Jmp) { pc = a[pc]; continue; }
        if (o === Op.Save) {
          if (groups) { caps = caps.slice(); caps[a[pc]] = pos; }
          pc++;
          continue;
        }
        if (o === Op.Mark) { caps = caps.slice(); caps[a[pc]] = pos; pc++; continue; }
        if (o === Op.Check) { if (caps[a[pc]] === pos) break; pc++; continue; }
        if (o === Op.Assert) { if (!holds(a[pc], cx, pos)) break; pc++; continue; }
        list.pc[list.n] = pc;
        list.caps[list.n++] = caps;
        break;
      }
    }
  }

  /**
   * The leftmost-longest match in cx.s from `from` (slots: start and end of the match, then of each group,
   * -1 when unset); with `testOnly`, any match ends the search and the result is an empty array.
   */
  run(cx: Context, from: number, testOnly: boolean, groups: boolean, anchored: boolean, first: ((c: number) => boolean) | null): Int32Array | null {
    const { op, a, sets, slots } = this.prog;
    const s = cx.s;
    const len = s.length;
    let clist = this.a;
    let nlist = this.b;
    clist.n = 0;
    let best: Int32Array | null = null;
    let g = ++this.gen;
    if (g > 0xfff00000) { this.mark.fill(0); this.gen = g = 1; }
    for (let pos = from; ; pos++) {
      if (best === null && (pos === from || !anchored)) {
        if (clist.n === 0 && first !== null && !anchored) {
          while (pos < len && !first(s.charCodeAt(pos))) pos++;
          if (pos >= len) break;
        }
        const seed = new Int32Array(slots).fill(-1);
        seed[0] = pos;
        this.add(clist, 0, seed, pos, g, cx, groups);
      }
      if (clist.n === 0) {
        if (best !== null || anchored || pos >= len) break;
        // The seed that died here marked instructions: the next position's seed starts a new generation.
        g = ++this.gen;
        continue;
      }
      g = ++this.gen;
      nlist.n = 0;
      const c = pos < len ? s.charCodeAt(pos) : -1;
      this.work += clist.n;
      for (let i = 0; i < clist.n; i++) {
        const pc = clist.pc[i];
        const caps = clist.caps[i];
        if (best !== null && caps[0] > best[0]) break;
        switch (op[pc]) {
          case Op.Match:
            if (testOnly) return new Int32Array(0);
            if (best === null || caps[0] < best[0] || pos > best[1]) { best = caps.slice(); best[1] = pos; }
            break;
          case Op.Char: if (c === a[pc]) this.add(nlist, pc + 1, caps, pos + 1, g, cx, groups); break;
          case Op.Any: if (c >= 0 && !(c === 0 && cx.dotNotNull)) this.add(nlist, pc + 1, caps, pos + 1, g, cx, groups); break;
          case Op.Set: if (c >= 0 && sets[a[pc]](c)) this.add(nlist, pc + 1, caps, pos + 1, g, cx, groups); break;
        }
      }
      if (pos >= len) break;
      const t = clist;
      clist = nlist;
      nlist = t;
    }
    return best;
  }
}

/** The same search by walking paths one at a time (patterns with back-references). */
export function backtrack(prog: Program, cx: Context, from: number, anchored: boolean, account: { work: number }): Int32Array | null {
  const { op, a, b, sets, slots } = prog;
  const s = cx.s;
  const len = s.length;
  let steps = 0;
  const fold = (c: number): number => (cx.icase && c >= 65 && c <= 90 ? c + 32 : c);
  try {
    for (let start = from; start <= len; start++) {
      let best: Int32Array | null = null;
      const seed = new Int32Array(slots).fill(-1);
      seed[0] = start;
      const stack: [number, number, Int32Array][] = [[0, start, seed]];
      while (stack.length > 0) {
        const top = stack.pop()!;
        let [pc, pos] = top;
        const caps = top[2];
        for (;;) {
          if (++steps > BACKTRACK_STEPS) throw new RegexTooHard();
          const o = op[pc];
          const c = pos < len ? s.charCodeAt(pos) : -1;
          if (o === Op.Char) { if (c !== a[pc]) break; pos++; pc++; } else if (o === Op.Any) {
            if (c < 0 || (c === 0 && cx.dotNotNull)) break;
            pos++; pc++;
          } else if (o === Op.Set) { if (c < 0 || !sets[a[pc]](c)) break; pos++; pc++; } else if (o === Op.Backref) {
            const gs = caps[2 * a[pc]];
            const ge = caps[2 * a[pc] + 1];
            if (gs < 0 || ge < 0 || pos + ge - gs > len) break;
            let k = 0;
            while (k < ge - gs && fold(s.charCodeAt(gs + k)) === fold(s.charCodeAt(pos + k))) k++;
            if (k < ge - gs) break;
            pos += k;
            pc++;
          } else if (o === Op.Split) { stack.push([b[pc], pos, caps.slice()]); pc = a[pc]; } else if (o === Op.Jmp) pc = a[pc];
          else if (o === Op.Save || o === Op.Mark) { caps[a[pc]] = pos; pc++; } else if (o === Op.Check) { if (caps[a[pc]] === pos) break; pc++; } else if (o === Op.Assert) {
            if (!holds(a[pc], cx, pos)) break;
            pc++;
          } else {
            if (best === null || pos > best[1]) { best = caps.slice(); best[1] = pos; }
            break;
          }
        }
      }
      if (best !== null || anchored) return best;
    }
    return null;
  } finally {
    account.work += steps;
  }
}
