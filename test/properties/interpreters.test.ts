// Bad input never crashes the interpreters (DESIGN.md "reports bad input as diagnostics, never by throwing";
// "Budgets, not hangs"): the differential suites' programs, mutated at random (characters deleted, inserted
// or swapped), end with the interpreter's own diagnostics and an exit status, never a JS exception escaping
// into the kernel ("internal error") and never a hang past the budget.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../engine/runtime/shell/driver';
import { NODE_CASES } from '../differential/nodeCases';
import { PYTHON_CASES } from '../differential/pythonCases';

const NOISE = ' \n()[]{}:;,."\'=+-*/%<>!&|^~#@$`\\abcxyz0129_\t';

const mutation = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 2 }), fc.constantFrom(...NOISE));

function mutate(src: string, edits: [number, number, string][]): string {
  let s = src;
  for (const [pos, kind, ch] of edits) {
    const at = pos % (s.length + 1);
    s = kind === 0 ? s.slice(0, at) + s.slice(at + 1) : kind === 1 ? s.slice(0, at) + ch + s.slice(at) : s.slice(0, at) + s.slice(at, at + 5).split('').reverse().join('') + s.slice(at + 5);
  }
  return s;
}

function check(prog: string, flag: string, sources: string[]) {
  fc.assert(fc.property(fc.nat(sources.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), (i, edits) => {
    const code = mutate(sources[i], edits);
    const r = runScript('', { argv: [prog, flag, code], flavor: { busyboxVersion: '1.36', extraApplets: [prog] }, stepBudget: 20_000, untilMs: 20_000 });
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code === -1 ? r.hung : r.code >= 0).toBe(true);
  }), { numRuns: 300, seed: 20_240_101 });
}

describe('mutated programs end with the interpreter\'s own diagnostics', () => {
  it('python3', () => check('python3', '-c', Object.values(PYTHON_CASES).map((c) => c.code)), 120_000);
  it('node', () => check('node', '-e', Object.values(NODE_CASES).map((c) => c.code)), 120_000);
});
