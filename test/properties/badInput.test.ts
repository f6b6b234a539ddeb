// Bad input never crashes (DESIGN.md "reports bad input as diagnostics, never by throwing"; "Budgets, not hangs"):
// random and mutated manifests, random text, random actions, and a fixed set of heavy inputs.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { PROPERTIES } from './badInputArbs';
import { runChecked } from './invariants';

// The seed is fixed for every property (test/setup/fastCheck.ts); scripts/hunt.ts replays these generators
// seed after seed to find an input that hangs.
describe('simulate never crashes on bad input', () => {
  it.each(Object.entries(PROPERTIES))('%s', (_name, { input, numRuns }) => {
    fc.assert(fc.property(input, (scenario) => { runChecked(scenario); }), { numRuns });
  }, 60_000);
});

// Heavy inputs: a fixed set, not random (each is slow by design).
describe('simulate stays bounded on heavy input', () => {
  const pod = (command: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: heavy
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox:1.36
    command: ['sh', '-c', ${JSON.stringify(command)}]
${extra}`;

  it.each([
    ['busy loop', 'while true; do :; done'],
    ['fork bomb', ':(){ :|:& };:'],
    ['yes', 'yes'],
    ['deep recursion', 'f(){ f; }; f'],
    ['output flood', 'while true; do echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; done'],
    ['file flood', 'i=0; while true; do echo x >> /tmp/f$i; i=$((i+1)); done'],
  ])('%s ends (truncated or not) and is deterministic', (_name, script) => {
    runChecked({ manifests: pod(script), untilMs: 60_000 });
  }, 60_000);

  it('10,000 containers', () => {
    const containers = Array.from({ length: 10_000 }, (_, i) => `  - {name: c${i}, image: 'busybox:1.36', command: ['sh', '-c', 'sleep 1']}`).join('\n');
    runChecked({ manifests: `apiVersion: v1\nkind: Pod\nmetadata: {name: many}\nspec:\n  containers:\n${containers}\n`, untilMs: 5_000 });
  }, 60_000);

  it('a Job asking for a billion pods at once', () => {
    runChecked({ manifests: `apiVersion: batch/v1\nkind: Job\nmetadata: {name: many}\nspec:\n  parallelism: 1000000000\n  completions: 1000000000\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: 'busybox:1.36', command: [sh, -c, 'exit 1']}]\n`, untilMs: 1_000 });
  }, 60_000);

  it('a document of a few MB', () => {
    const big = 'x'.repeat(3_000_000);
    runChecked({ manifests: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  k: "${big}"\n`, untilMs: 1_000 });
  }, 60_000);

  it('deep nesting (flow and block)', () => {
    const depth = 5_000;
    runChecked({ manifests: `${'['.repeat(depth)}${']'.repeat(depth)}`, untilMs: 1_000 });
    runChecked({ manifests: `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`, untilMs: 1_000 });
    const block = Array.from({ length: 500 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    runChecked({ manifests: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: deep\n  labels:\n${block.replace(/^/gm, '    ')} 1\n`, untilMs: 1_000 });
  }, 60_000);

  it('many documents', () => {
    runChecked({ manifests: Array.from({ length: 2_000 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\nspec: {ports: [{port: 80}]}`).join('\n---\n'), untilMs: 1_000 });
  }, 60_000);
});
