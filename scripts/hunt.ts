/**
 * Hunts for bad-input runs that hang, throw or break an invariant (a developer tool, not a test): replays the
 * generators of test/properties/badInputArbs.ts seed after seed, writing each input to FILE before simulating
 * it, so that when a run hangs (kill it) or fails, FILE holds the input.
 * Usage: npx tsx scripts/hunt.ts [FIRST_SEED] [SEEDS] [FILE]
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { simulate } from '../engine/sim/simulate';
import { PROPERTIES } from '../test/properties/badInputArbs';

const first = Number(process.argv[2] ?? 1);
const count = Number(process.argv[3] ?? 100);
const file = process.argv[4] ?? '/tmp/hunt-current.json';
const slow: { ms: number; seed: number; name: string }[] = [];
for (let seed = first; seed < first + count; seed++) {
  for (const [name, { input, numRuns }] of Object.entries(PROPERTIES)) {
    for (const scenario of fc.sample(input, { seed, numRuns })) {
      fs.writeFileSync(file, JSON.stringify({ seed, name, scenario }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)));
      const start = performance.now();
      const trace = simulate(scenario);
      const ms = performance.now() - start;
      const internal = trace.diagnostics.find((d) => d.code === 'internal');
      if (internal) { console.log(`seed ${seed} ${name}: internal error ${internal.message}`); fs.copyFileSync(file, `${file}.internal-${seed}`); }
      if (ms > 5_000) { slow.push({ ms, seed, name }); console.log(`seed ${seed} ${name}: ${Math.round(ms)} ms`); fs.copyFileSync(file, `${file}.slow-${seed}-${Math.round(ms)}`); }
    }
  }
  if (seed % 10 === 0) console.log(`seed ${seed} done`);
}
console.log(`${count} seeds, ${slow.length} slow runs`);
