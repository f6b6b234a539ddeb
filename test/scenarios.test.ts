// Golden scenarios: every file in test/scenarios (copied from the articles and basic behaviours)
// must pass its `expect` block, exactly as `npm run simulate -- FILE --check` evaluates it.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readScenario } from '../engine/scenario/readScenario';
import { simulate } from '../engine/sim/simulate';
import { evaluateExpect, formatCheck } from '../engine/sim/expect';

const DIR = 'test/scenarios';

/**
 * Scenarios that do not pass yet, each asserted to FAIL (so one that starts passing must leave the
 * list). Empty: every fixture passes.
 */
const PENDING = new Set<string>([]);

function check(file: string) {
  const read = readScenario(readFileSync(`${DIR}/${file}`, 'utf8'), file);
  const sc = read.scenario!;
  const scenario = { manifests: sc.manifests, actions: sc.actions, settings: sc.settings, ...(sc.untilMs !== undefined ? { untilMs: sc.untilMs } : {}) };
  const trace = simulate(scenario);
  const exit = trace.records.some((r) => r.type === 'rejected') ? 1 : 0;
  return evaluateExpect(sc.expect, trace, { exit, ...scenario });
}

describe('golden scenarios (expect blocks)', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.scenario.yaml')).sort();
  it('has the fixtures', () => expect(files.length).toBeGreaterThanOrEqual(16));
  for (const file of files) {
    const name = file.replace('.scenario.yaml', '');
    const body = () => {
      const result = check(file);
      expect(result.clauses.length).toBeGreaterThan(0);
      expect(result.pass, formatCheck(result)).toBe(true);
    };
    if (PENDING.has(name)) it.fails(`${name} (pending)`, body);
    else it(name, body);
  }
});
