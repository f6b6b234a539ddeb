/**
 * `npm run bench`: speed figures (printed, never asserted by tests).
 *  1. every golden scenario: median wall time of simulate() (target < 5 ms);
 *  2. a Deployment of 1,000 replicas × (3 init + 1 app) behind a Service for 10 virtual minutes
 *     (target < 1 s wall, < 300 MB peak heap: median of 5 runs after a first one, each from a forced full GC),
 *     and the same with 10,000 replicas (stretch < 10 s);
 *  3. `while true; do :; done` for 15 virtual minutes, ending at its budget (target < 2 s);
 *  4. the shell interpreter: simple commands per second (target ≥ 1,000,000) and a builtin-arithmetic
 *     loop in the interpreter and in real `busybox sh`, as a ratio.
 * Run with `--expose-gc` for clean heap figures (npm run bench does). `npm run bench -- 2 4` runs only sections 2 and 4.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { GCProfiler } from 'node:v8';
import { readScenario } from '../engine/scenario/readScenario';
import { simulate, type ScenarioInput } from '../engine/sim/simulate';
import { benchScript } from '../engine/runtime/shell/driver';

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeIt(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/**
 * Runs `fn` and measures its peak heap: V8's GC profiler records the used heap before every collection
 * during the run (the highs of the saw-tooth), and the heap right after it is the last point.
 */
function withPeakHeap<T>(fn: () => T): { value: T; peak: number; retained: number; wallMs: number; gcs: number } {
  gc?.();
  const base = process.memoryUsage().heapUsed;
  const profiler = new GCProfiler();
  profiler.start();
  const t0 = performance.now();
  const value = fn();
  const wallMs = performance.now() - t0;
  const end = process.memoryUsage().heapUsed;
  const stats = profiler.stop()?.statistics ?? [];
  const peak = Math.max(end, ...stats.map((s) => s.beforeGC.heapStatistics.usedHeapSize));
  gc?.();
  return { value, peak: peak - base, retained: process.memoryUsage().heapUsed - base, wallMs, gcs: stats.length };
}

function scenarios(): void {
  console.log('\n1. Golden scenarios: simulate() wall time, median of 25 runs after 10 warm-up rounds of all of them and 5 of the scenario itself (target < 5 ms for those of ../shared; `own`: ours); `first`: the scenario\'s first run in this process, before the JIT has seen the others');
  const dir = 'test/scenarios';
  const inputs = readdirSync(dir).filter((x) => x.endsWith('.scenario.yaml')).sort().map((f) => {
    const sc = readScenario(readFileSync(`${dir}/${f}`, 'utf8'), f).scenario!;
    const input: ScenarioInput = { manifests: sc.manifests, actions: sc.actions, settings: sc.settings, ...(sc.untilMs !== undefined ? { untilMs: sc.untilMs } : {}) };
    return { f, input };
  });
  // Warm the JIT on every scenario first: the page's worker runs the same engine again on every edit, so the
  // steady cost is what a learner meets after the first few. V8 is still optimising after three rounds (a
  // scenario's time halves between its 10th and 40th run); the first, cold run is printed beside it.
  const first = new Map<string, number>();
  for (let round = 0; round < 10; round++) {
    for (const { f, input } of inputs) {
      const t = timeIt(() => simulate(input));
      if (round === 0) first.set(f, t);
    }
  }
  const shared = new Set(readFileSync(`${dir}/FROM-SHARED.txt`, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')));
  for (const { f, input } of inputs) {
    // As in the page, where each edit re-runs the scenario being edited: 5 untimed runs of it first, which also
    // absorb the garbage of the scenario before. No forced gc() here: a full collection forced between groups
    // made the next 25 runs about twice as slow (2.2 → 4.5 ms for seed-common-containers-crashloop, measured),
    // a state of the heap the page's worker never sees.
    for (let i = 0; i < 5; i++) simulate(input);
    const times = Array.from({ length: 25 }, () => timeIt(() => simulate(input)));
    const m = median(times);
    // The target is for the scenarios of ../shared; our own (heavier: megabytes through a tmpfs) are shown for scale.
    const mark = !shared.has(f) ? 'own ' : m < 5 ? 'ok  ' : 'SLOW';
    console.log(`   ${mark} ${m.toFixed(2).padStart(7)} ms  (first ${first.get(f)!.toFixed(1).padStart(5)} ms)  ${f.replace('.scenario.yaml', '')}`);
  }
}

function deployment(replicas: number): ScenarioInput {
  const init = (n: number) => `        - name: init-${n}\n          image: busybox:1.36\n          command: ['sh', '-c', 'echo step ${n}; sleep ${n}']\n`;
  return {
    untilMs: 10 * 60_000,
    manifests: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      initContainers:
${init(1)}${init(2)}${init(3)}      containers:
        - name: app
          image: busybox:1.36
          command: ['sh', '-c', 'echo serving; while true; do sleep 30; done']
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
`,
  };
}

function bigDeployments(): void {
  console.log('\n2. Deployment × (3 init + 1 app) behind a Service, 10 virtual minutes: the first run in this section (the JIT has not seen this load yet) ' +
    'is shown apart; then the median of 5 runs, each right after a forced full GC (peak heap: the highest used heap V8 saw in any run)');
  for (const [replicas, wallTarget, heapTarget, runs] of [[1_000, 1_000, 300 * 2 ** 20, 5], [10_000, 10_000, Infinity, 1]] as const) {
    // As section 1 warms each scenario before timing it (the page runs the engine again on every edit), the
    // 1,000-replica figure is the median after one run. Each timed run still starts from a full collection, which
    // also lets V8 drop the hidden classes of the run before and the optimised code that depends on them: the
    // slower case a learner meets after the page sat idle (V8's memory reducer collects then), not back-to-back edits.
    const first = runs > 1 ? withPeakHeap(() => simulate(deployment(replicas), { recordBudget: 5_000_000 })) : undefined;
    const results = Array.from({ length: runs }, () => withPeakHeap(() => simulate(deployment(replicas), { recordBudget: 5_000_000 })));
    const r = [...results].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(runs / 2)];
    const running = new Set(r.value.records.filter((x) => x.type === 'pod-row' && x.status === 'Running').map((x) => x.type === 'pod-row' && x.uid)).size;
    const all = runs > 1 ? ` (runs: ${results.map((x) => x.wallMs.toFixed(0)).join(', ')} ms; first run ${first!.wallMs.toFixed(0)} ms)` : '';
    const peak = Math.max(...results.map((x) => x.peak), first?.peak ?? 0);
    console.log(`   ${r.wallMs < wallTarget && peak < heapTarget ? 'ok  ' : 'SLOW'} ${String(replicas).padStart(6)} replicas: ${r.wallMs.toFixed(0).padStart(6)} ms wall${all}, ` +
      `peak heap +${mb(peak)} (${r.gcs} collections), trace kept +${mb(r.retained)}, ${(600_000 / r.wallMs).toFixed(0)}× real time, ` +
      `${running} pods reached Running, ${r.value.records.length} trace records`);
  }
}

function busyLoop(): void {
  console.log('\n3. `while true; do :; done` for 15 virtual minutes (target: ends at its budget in < 2 s)');
  const input: ScenarioInput = { untilMs: 15 * 60_000, manifests: `apiVersion: v1
kind: Pod
metadata: {name: spin}
spec:
  containers: [{name: spin, image: busybox:1.36, command: ['sh', '-c', 'while true; do :; done']}]
` };
  const wall = timeIt(() => {
    const t = simulate(input);
    const notes = t.records.filter((r) => r.type === 'why' && r.why?.type === 'runtime' && r.why.note.type === 'budget').length;
    console.log(`   ended at T+${(t.until / 1000).toFixed(0)}s, truncated=${t.truncated}, budget notes=${notes}`);
  });
  console.log(`   ${wall < 2_000 ? 'ok  ' : 'SLOW'} ${wall.toFixed(0)} ms wall`);
}

function shellSpeed(): void {
  console.log('\n4. Shell interpreter');
  const loop = 'i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; echo $i';
  for (let i = 0; i < 3; i++) benchScript(loop); // warm up the JIT
  // The kernel counts the simple commands it ran (each iteration: `[ $i -lt N ]` and the assignment).
  const runs = Array.from({ length: 5 }, () => { let commands = 0; const ms = timeIt(() => { commands = benchScript(loop).commands; }); return { ms, commands }; });
  const ms = median(runs.map((r) => r.ms));
  const commands = runs[0].commands;
  const rate = commands / (ms / 1000);
  console.log(`   ${rate >= 1_000_000 ? 'ok  ' : 'SLOW'} ${Math.round(rate).toLocaleString('en-US')} simple commands/s (${commands.toLocaleString('en-US')} commands in ${ms.toFixed(0)} ms, median of 5; target ≥ 1,000,000)`);
  const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p));
  if (!busybox) { console.log('   (no busybox installed: real-busybox comparison skipped)'); return; }
  const real = median(Array.from({ length: 5 }, () => timeIt(() => execFileSync(busybox, ['sh', '-c', loop], { encoding: 'utf8' }))));
  console.log(`   ${ms <= real ? 'ok  ' : 'SLOW'} arithmetic loop (200,000 iterations): interpreter ${ms.toFixed(0)} ms, real busybox sh ${real.toFixed(0)} ms, ratio ${(real / ms).toFixed(2)}× (≥ 1 means at least as fast)`);
}

console.log(`Init Container Playground bench: Node ${process.version}, ${process.arch}${gc ? '' : ' (run with --expose-gc for heap figures)'}`);
// Each section starts from a collected heap: what one leaves behind must not slow the next.
// `npm run bench -- 2 4` runs only sections 2 and 4.
const only = process.argv.slice(2).map(Number).filter((n) => n >= 1 && n <= 4);
for (const [i, section] of [scenarios, bigDeployments, busyLoop, shellSpeed].entries()) {
  if (only.length > 0 && !only.includes(i + 1)) continue;
  gc?.();
  section();
}
