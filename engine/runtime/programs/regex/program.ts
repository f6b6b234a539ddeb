/**
 * A parsed regex compiled to a program for the matchers: consuming instructions (a character, any
 * character, a set, a back-reference), epsilon instructions (split with the preferred branch first, jump,
 * save a capture slot, an assertion, a progress mark and its check) and MATCH.
 *
 * Repetitions are unrolled as glibc duplicates them ({2,4} is two copies and two optional ones). A loop
 * whose body can match the empty string runs its first iteration freely and every later one only when it
 * consumed something (a progress mark checked at the end of the body), so `(a*)*` ends, and an empty last
 * iteration never overwrites the groups of the one before (glibc's update_regs restores them); the
 * optional copies of {n,m} with n ≥ 1 follow the same rule.
 */
import { RegexError, REG, type AssertKind, type Node } from './parse';

export const enum Op { Char, Any, Set, Backref, Match, Split, Jmp, Save, Assert, Mark, Check }

export const ASSERTS: readonly AssertKind[] = ['bol', 'eol', 'wordb', 'notwordb', 'wordstart', 'wordend', 'bufstart', 'bufend'];

/** Past this many instructions a pattern is "too big" (a{1000}{1000}). */
const MAX_PROG = 1 << 18;

export interface Program {
  readonly op: Int32Array;
  /** Char: the code; Set: index into sets; Split/Jmp: the (first) target; Save/Mark/Check: the slot; Assert: ASSERTS index; Backref: group. */
  readonly a: Int32Array;
  /** Split: the second target. */
  readonly b: Int32Array;
  readonly sets: readonly ((c: number) => boolean)[];
  /** Slots per thread: 2 per group (0 and 1 the whole match), then progress marks. */
  readonly slots: number;
  readonly groups: number;
}

function nullable(n: Node): boolean {
  switch (n.t) {
    case 'char': case 'any': case 'set': return false;
    case 'cat': return n.items.every(nullable);
    case 'alt': return n.items.some(nullable);
    case 'group': return nullable(n.body);
    case 'rep': return n.min === 0 || nullable(n.body);
    default: return true;
  }
}

export function compile(root: Node, groups: number): Program {
  const op: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  const sets: ((c: number) => boolean)[] = [];
  let marks = 0;
  const emit = (o: Op, x = 0, y = 0): number => {
    if (op.length >= MAX_PROG) throw new RegexError(REG.ESIZE);
    op.push(o); a.push(x); b.push(y);
    return op.length - 1;
  };
  const loop = (body: Node): void => {
    // L: split B, E;  B: mark; body; check; jmp L;  E:
    const slot = nullable(body) ? 2 * (groups + 1) + marks++ : -1;
    const l = emit(Op.Split);
    a[l] = l + 1;
    if (slot >= 0) emit(Op.Mark, slot);
    gen(body);
    if (slot >= 0) emit(Op.Check, slot);
    emit(Op.Jmp, l);
    b[l] = op.length;
  };
  /** split B, E; B: body (E is patched by the caller). `progress`: an empty iteration is not taken. */
  const optional = (body: Node, progress = false): number => {
    const s = emit(Op.Split);
    a[s] = s + 1;
    const slot = progress ? 2 * (groups + 1) + marks++ : -1;
    if (slot >= 0) emit(Op.Mark, slot);
    gen(body);
    if (slot >= 0) emit(Op.Check, slot);
    return s;
  };
  function gen(n: Node): void {
    switch (n.t) {
      case 'char': emit(Op.Char, n.c); return;
      case 'any': emit(Op.Any); return;
      case 'set': sets.push(n.has); emit(Op.Set, sets.length - 1); return;
      case 'backref': emit(Op.Backref, n.n); return;
      case 'assert': emit(Op.Assert, ASSERTS.indexOf(n.k)); return;
      case 'empty': return;
      case 'cat': for (const x of n.items) gen(x); return;
      case 'group':
        emit(Op.Save, 2 * n.n);
        gen(n.body);
        emit(Op.Save, 2 * n.n + 1);
        return;
      case 'alt': {
        // split x1, next; x1; jmp end; next: split x2, … ; the last alternative has no split.
        const jumps: number[] = [];
        n.items.forEach((x, k) => {
          const last = k === n.items.length - 1;
          const s = last ? -1 : emit(Op.Split);
          if (s >= 0) a[s] = s + 1;
          gen(x);
          if (!last) { jumps.push(emit(Op.Jmp)); b[s] = op.length; }
        });
        for (const j of jumps) a[j] = op.length;
        return;
      }
      case 'rep': {
        const { min, max, body } = n;
        if (max === 0) return;
        // The first iteration may match empty; the loop after it must progress.
        for (let k = 0; k < min; k++) gen(body);
        if (max === -1) {
          if (min === 0 && nullable(body)) {
            const s = optional(body);
            loop(body);
            b[s] = op.length;
          } else loop(body);
          return;
        }
        const opts: number[] = [];
        // After a required iteration, an optional copy that would match empty keeps the groups of the one
        // before (glibc's restore; measured: `(b|){1,2}` on b keeps [0,1], while `(b|){,2}` gives [1,1]).
        for (let k = min; k < max; k++) opts.push(optional(body, min > 0 && nullable(body)));
        for (const s of opts) b[s] = op.length;
        return;
      }
    }
  }
  // Slots 0 and 1 (where the match starts and ends) are set by the matchers.
  gen(root);
  emit(Op.Match);
  return { op: Int32Array.from(op), a: Int32Array.from(a), b: Int32Array.from(b), sets, slots: 2 * (groups + 1) + marks, groups };
}
