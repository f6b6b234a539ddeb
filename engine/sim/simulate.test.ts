import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readScenario } from '../scenario/readScenario';
import { simulate } from './simulate';
import { formatJsonl } from './format';

const file = 'test/scenarios/seed-sequential-sleeps.scenario.yaml';
const scenario = readScenario(readFileSync(file, 'utf8'), file).scenario!;
const input = { manifests: scenario.manifests, actions: scenario.actions, untilMs: scenario.untilMs, settings: scenario.settings };

describe('simulate', () => {
  it('is deterministic: two runs with the same seed give byte-identical traces', () => {
    expect(JSON.stringify(simulate(input, { seed: 7 }))).toBe(JSON.stringify(simulate(input, { seed: 7 })));
  });

  it('derives uids and IPs from the seed', () => {
    const a = simulate(input, { seed: 1 }).pods[0].uid;
    const b = simulate(input, { seed: 2 }).pods[0].uid;
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  // Models E2E "should launch init container serially before a regular container" at the default timing
  // (1 s to start each container; every shell command also costs 100 µs of virtual CPU).
  it('runs init containers one at a time, then the app (rows and container states)', () => {
    const trace = simulate(input);
    expect(formatJsonl(trace)).toBe([
      '{"t":0,"pod":"init-containers-pattern-example","ready":"0/1","status":"Pending","restarts":0,"phase":"Pending"}',
      '{"t":0,"pod":"init-containers-pattern-example","ready":"0/1","status":"Init:0/2","restarts":0,"phase":"Pending"}',
      '{"t":3.001,"pod":"init-containers-pattern-example","ready":"0/1","status":"Init:1/2","restarts":0,"phase":"Pending"}',
      '{"t":9.002,"pod":"init-containers-pattern-example","ready":"0/1","status":"PodInitializing","restarts":0,"phase":"Pending"}',
      '{"t":10.002,"pod":"init-containers-pattern-example","ready":"1/1","status":"Running","restarts":0,"phase":"Running"}',
      '',
    ].join('\n'));
    const states = trace.records.filter((r) => r.type === 'container').map((r) => r.type === 'container' && `${r.t / 1000}s ${r.container} ${r.state} ${r.reason}`.trim());
    expect(states).toEqual([
      '0s first-container waiting PodInitializing',
      '0s second-container waiting PodInitializing',
      '0s app-container waiting PodInitializing',
      '1s first-container running',
      '3.001s first-container terminated Completed',
      '4.001s second-container running',
      '9.002s second-container terminated Completed',
      '10.002s app-container running',
    ]);
  });
});

// Each case starts `npx tsx` twice: generous timeouts, so a busy machine cannot fail them.
describe('npm run simulate', { timeout: 120_000 }, () => {
  const cli = (...args: string[]) => execFileSync('npx', ['tsx', 'engine/cli.ts', ...args], { encoding: 'utf8' });

  it('prints the jsonl rows, identical bytes on two runs', () => {
    const a = cli(file, '--format', 'jsonl');
    expect(a).toBe(cli(file, '--format', 'jsonl'));
    expect(a.trim().split('\n').map((l) => JSON.parse(l).status)).toEqual(['Pending', 'Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);
  });

  it('exits 2 with file, line and column for unreadable input', () => {
    let status = 0, stderr = '';
    try {
      execFileSync('npx', ['tsx', 'engine/cli.ts', 'test/testdata/broken.yaml'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      status = (e as { status: number }).status;
      stderr = String((e as { stderr: string }).stderr);
    }
    expect(status).toBe(2);
    expect(stderr).toMatch(/^test\/testdata\/broken\.yaml:\d+:\d+: /m);
  });
});
