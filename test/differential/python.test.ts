/**
 * The oracle for `python3`: every snippet in pythonCases runs in the host's real CPython 3.13 and in
 * the playground's interpreter; stdout, stderr and the exit code must match exactly. Expected outputs
 * are never stored: CPython runs at test time. Only the interpreter's own path in command-line error
 * messages is normalised.
 */
import { describe, expect, it } from 'vitest';
import { PYTHON_CASES } from './pythonCases';
import { PYTHON_GAPS } from './interpreterGaps';
import { findOracle, runOurs, runReal, type Outcome } from './oracle';

const skipReason = process.env.DIFFERENTIAL_SKIP_REASON;
const ENV = { GREETING: 'hello' };

describe('differential: our python3 vs CPython 3.13', () => {
  const oracle = skipReason ? null : findOracle([process.env.PYTHON_ORACLE, 'python3.13', 'python3'], /^Python 3\.13\./, ENV);

  it('has the oracle and at least 100 cases', () => {
    if (skipReason) { console.warn(`python differential skipped: ${skipReason}`); return; }
    if (!oracle) throw new Error('python differential cannot run: no CPython 3.13 found (set PYTHON_ORACLE, or DIFFERENTIAL_SKIP_REASON to skip explicitly)');
    expect(Object.keys(PYTHON_CASES).length).toBeGreaterThanOrEqual(100);
  });

  it('matches CPython on every case (except documented gaps)', () => {
    if (!oracle) return;
    const failures: string[] = [];
    let passed = 0;
    for (const [name, c] of Object.entries(PYTHON_CASES)) {
      const real = runReal(oracle.bin, oracle.env, c, '-c');
      const want: Outcome = { ...real, stderr: real.stderr.split(oracle.bin).join('python3') };
      const got = runOurs('python3', c, '-c', [['PATH', '/usr/local/bin:/usr/bin:/bin'], ...Object.entries(ENV)], { python: oracle.version });
      const same = got.stdout === want.stdout && got.stderr === want.stderr && got.code === want.code;
      if (same) passed++;
      if (same === !(name in PYTHON_GAPS)) continue;
      failures.push(same ? `${name}: listed in PYTHON_GAPS but now passes` :
        `${name}: ${JSON.stringify(c.code)}\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`);
    }
    console.log(`python differential: ${Object.keys(PYTHON_CASES).length} cases, ${passed} pass, ${Object.keys(PYTHON_GAPS).length} known gaps`);
    expect(failures.slice(0, 30).join('\n')).toBe('');
  }, 300_000);
});
