// Shared by the golden-scenario suites: read a scenario file, simulate it, evaluate its `expect` block
// exactly as `npm run simulate -- FILE --check` does.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { readScenario, type Scenario } from '../engine/scenario/readScenario';
import { simulate, type ScenarioInput } from '../engine/sim/simulate';
import { evaluateExpect, formatCheck, type ExpectResult } from '../engine/sim/expect';

export function loadScenario(dir: string, file: string): { sc: Scenario; input: ScenarioInput } {
  const sc = readScenario(readFileSync(`${dir}/${file}`, 'utf8'), file).scenario!;
  const input: ScenarioInput = { manifests: sc.manifests, actions: sc.actions, settings: sc.settings, ...(sc.untilMs !== undefined ? { untilMs: sc.untilMs } : {}) };
  return { sc, input };
}

export function checkScenario(dir: string, file: string): ExpectResult {
  const { sc, input } = loadScenario(dir, file);
  const trace = simulate(input);
  const exit = trace.records.some((r) => r.type === 'rejected') ? 1 : 0;
  return evaluateExpect(sc.expect, trace, { exit, ...input, actions: input.actions ?? [] });
}

/**
 * One test per `*.scenario.yaml` in `dir`. Names in `known` (name → why) are asserted to FAIL, so a
 * known gap stays visible and the test turns red once the engine is fixed: then drop it from the list.
 */
export function goldenSuite(dir: string, known: Readonly<Record<string, string>>, atLeast: number): string[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.scenario.yaml')).sort();
  it('has the fixtures', () => expect(files.length).toBeGreaterThanOrEqual(atLeast));
  for (const file of files) {
    const name = file.replace('.scenario.yaml', '');
    const body = () => {
      const result = checkScenario(dir, file);
      expect(result.clauses.length).toBeGreaterThan(0);
      expect(result.pass, formatCheck(result)).toBe(true);
    };
    if (known[name]) it.fails(`${name} (known gap: ${known[name]})`, body);
    else it(name, body);
  }
  it('every known gap names an existing scenario', () => {
    for (const name of Object.keys(known)) expect(files).toContain(`${name}.scenario.yaml`);
  });
  return files;
}
