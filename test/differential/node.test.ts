/**
 * The oracle for `node`: every snippet in nodeCases runs in the host's real Node and in the
 * playground's runtime; stdout, stderr and the exit code must match. Outputs are never stored.
 * Normalised, because they depend on the Node release rather than on the script: the `Node.js vX`
 * line, stack frames inside Node itself (`node:internal/…`, `[eval]-wrapper`), and the line numbers of
 * node:events, the CommonJS loader and the promise-rejection code in headers.
 */
import { describe, expect, it } from 'vitest';
import { NODE_CASES } from './nodeCases';
import { NODE_GAPS } from './interpreterGaps';
import { findOracle, runOurs, runReal, type Outcome } from './oracle';

const skipReason = process.env.DIFFERENTIAL_SKIP_REASON;
const ENV = { GREETING: 'hello' };

function normalise(o: Outcome): Outcome {
  const fix = (s: string) => s.split('\n')
    .filter((l) => !/^\s+at (.*\()?(node:|\[eval\]-wrapper|Module\.|Object\.\.js|Function\.|TracingChannel|wrapModuleLoad)/.test(l))
    .join('\n').replace(/Node\.js v[\d.]+/g, 'Node.js vX').replace(/node:events:\d+/g, 'node:events:N').replace(/cjs\/loader:\d+/g, 'cjs/loader:N').replace(/process\/promises:\d+/g, 'process/promises:N');
  return { stdout: fix(o.stdout), stderr: fix(o.stderr), code: o.code };
}

describe('differential: our node vs the real Node', () => {
  const oracle = skipReason ? null : findOracle([process.env.NODE_ORACLE, 'node'], /^v\d+\./);

  it('has the oracle and at least 60 cases', () => {
    if (skipReason) { console.warn(`node differential skipped: ${skipReason}`); return; }
    if (!oracle) throw new Error('node differential cannot run: no node found (set NODE_ORACLE, or DIFFERENTIAL_SKIP_REASON to skip explicitly)');
    expect(Object.keys(NODE_CASES).length).toBeGreaterThanOrEqual(60);
  });

  it('matches Node on every case (except documented gaps)', () => {
    if (!oracle) return;
    const failures: string[] = [];
    let passed = 0;
    for (const [name, c] of Object.entries(NODE_CASES)) {
      const want = normalise(runReal(oracle.bin, { ...oracle.env, ...ENV }, c, '-e'));
      const got = normalise(runOurs('node', c, '-e', [['PATH', '/usr/local/bin:/usr/bin:/bin'], ...Object.entries(ENV)], { node: oracle.version }));
      const same = got.stdout === want.stdout && got.stderr === want.stderr && got.code === want.code;
      if (same) passed++;
      if (same === !(name in NODE_GAPS)) continue;
      failures.push(same ? `${name}: listed in NODE_GAPS but now passes` :
        `${name}: ${JSON.stringify(c.code)}\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`);
    }
    console.log(`node differential: ${Object.keys(NODE_CASES).length} cases, ${passed} pass, ${Object.keys(NODE_GAPS).length} known gaps`);
    expect(failures.slice(0, 30).join('\n')).toBe('');
  }, 300_000);
});
