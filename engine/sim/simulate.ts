/**
 * simulate(scenario, options) → Trace: the engine's one pure entry point (DESIGN.md "Engine principles").
 * Same scenario and seed give a byte-identical trace. Bad input ends in diagnostics, never a throw;
 * runaway work ends at a budget with `truncated: true`.
 */
import { ApiServer } from '../cluster/apiServer';
import { submit } from '../cluster/admission';
import { ControllerManager } from '../cluster/controllers';
import type { ApiObject } from '../cluster/store';
import { parseManifests, type ManifestDoc } from '../scenario/parseManifests';
import { DIAGNOSTIC_CODES, type Diagnostic } from './diagnostics';
import { DEFAULT_KUBERNETES_VERSION, profileFor } from './profile';
import { PRIORITY } from './scheduler';
import { DEFAULT_EPOCH_MS, rfc3339 } from './time';
import { TRACE_VERSION, type Trace } from './trace';
import { World, type EngineSettings } from './world';
import { finishWatches, runAction, type ActionContext } from './actions';

/** One user intervention: a kubectl (or curl) line at a virtual time. */
export interface ActionInput {
  /** Virtual ms. */
  readonly atMs: number;
  readonly run: string;
  readonly stdin?: string;
}

/** Scenario settings (DESIGN.md timing defaults; all optional). */
export interface SettingsInput {
  readonly kubernetesVersion?: string;
  readonly imagePullSeconds?: number;
  readonly containerStartSeconds?: number;
  readonly seed?: number;
  /** Virtual µs per shell command (default 100). */
  readonly commandMicros?: number;
}

/** What the engine simulates: the editor's manifests plus the user's actions. */
export interface ScenarioInput {
  readonly manifests: string;
  readonly actions?: readonly ActionInput[];
  /** End of the run in virtual ms; default: 30 s after the last change, at most 15 min. */
  readonly untilMs?: number;
  readonly settings?: SettingsInput;
}

export interface SimulateOptions {
  /** Seed for uids, IPs and name suffixes (default: settings.seed, else 1). */
  readonly seed?: number;
  /** Overrides the scenario's `until`. */
  readonly untilMs?: number;
  /** Most trace records kept (default LIMITS.recordBudget; the page keeps the default to bound memory). */
  readonly recordBudget?: number;
  /** Tools (bench, memory probes): sees the world once it is set up, before anything runs. */
  readonly onWorld?: (world: World) => void;
}

/** Hard limits that keep every run bounded. */
export const LIMITS = {
  maxUntilMs: 15 * 60_000,
  quietTailMs: 30_000,
  runStepBudget: 3_000_000,
  processStepBudget: 1_000_000,
  outputBudget: 256 * 1024,
  recordBudget: 400_000,
  podBudget: 20_000,
} as const;

function resolveSettings(s: SettingsInput | undefined): EngineSettings {
  const num = (v: unknown, d: number, lo: number, hi: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : d);
  return {
    epochMs: DEFAULT_EPOCH_MS,
    containerStartMs: Math.round(num(s?.containerStartSeconds, 1, 0, 600) * 1000),
    imagePullMs: Math.round(num(s?.imagePullSeconds, 2, 0, 3600) * 1000),
    commandMicros: Math.round(num(s?.commandMicros, 100, 1, 1_000_000)),
    processStepBudget: LIMITS.processStepBudget,
    runStepBudget: LIMITS.runStepBudget,
    outputBudget: LIMITS.outputBudget,
    recordBudget: LIMITS.recordBudget,
    podBudget: LIMITS.podBudget,
  };
}

// The objects every cluster starts with (kubeadm/kind): namespaces, and the kubernetes and kube-dns Services.
function bootstrap(world: World): void {
  const created = rfc3339(world.epoch - 5 * 86_400_000);
  const meta = (name: string, namespace?: string, labels?: Record<string, string>) => ({
    name, ...(namespace ? { namespace } : {}), uid: world.store.newUid(), creationTimestamp: created, resourceVersion: world.store.nextResourceVersion(),
    ...(labels ? { labels } : {}),
  });
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    world.store.add({ apiVersion: 'v1', kind: 'Namespace', metadata: meta(ns, undefined, { 'kubernetes.io/metadata.name': ns }), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } } as ApiObject);
  }
  world.store.add({ apiVersion: 'v1', kind: 'Service', metadata: meta('kubernetes', 'default', { component: 'apiserver', provider: 'kubernetes' }),
    spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None' } } as ApiObject);
  world.store.add({ apiVersion: 'v1', kind: 'Service', metadata: meta('kube-dns', 'kube-system', { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' }),
    spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], selector: { 'k8s-app': 'kube-dns' },
      ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }, { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 }], sessionAffinity: 'None' } } as ApiObject);
}

/** Lines of each container's `name:` for the timeline's links to the YAML. */
function containerLines(doc: ManifestDoc): Map<string, number> {
  const out = new Map<string, number>();
  for (const [path, pos] of doc.positions) {
    const m = /^(?:spec\.template\.)?spec\.(initContainers|containers)\[(\d+)\]$/.exec(path);
    if (m) out.set(`${m[1]}[${m[2]}]`, pos.key?.line ?? pos.value.line);
  }
  return out;
}

/** Applies the manifests at t = 0, as `kubectl apply -f` would; returns what was rejected. */
function applyManifests(world: World, api: ApiServer, text: string, diagnostics: Diagnostic[]): void {
  const parsed = parseManifests(text);
  diagnostics.push(...parsed.diagnostics);
  for (const doc of parsed.docs) {
    const line = doc.start.line;
    const result = submit(world, api, doc, 'apply', { line, containerLines: containerLines(doc) });
    if (!result.ok) {
      world.trace.push({ t: world.now(), type: 'rejected', object: result.ref ?? `document ${doc.index + 1}`, stderr: result.stderr, line });
      diagnostics.push(...(result.diagnostics.length ? result.diagnostics
        : [{ code: DIAGNOSTIC_CODES.invalidObject, severity: 'error' as const, message: result.stderr, line, column: doc.start.column, ...(result.ref ? { object: result.ref } : {}) }]));
    }
  }
}

function lastChange(world: World): number {
  const recs = world.trace.records;
  for (let i = recs.length - 1; i >= 0; i--) {
    const r = recs[i];
    if (r.type === 'pod-row' || r.type === 'container' || r.type === 'object' || r.type === 'command' || r.type === 'rejected') return r.t;
  }
  return 0;
}

/**
 * Runs a scenario. Pure: same input and seed → byte-identical `JSON.stringify` of the result.
 * @returns the trace over virtual time [0, until] (ms)
 */
export function simulate(input: ScenarioInput, options: SimulateOptions = {}): Trace {
  const diagnostics: Diagnostic[] = [];
  const seed = options.seed ?? input.settings?.seed ?? 1;
  const settings = { ...resolveSettings(input.settings), ...(options.recordBudget ? { recordBudget: options.recordBudget } : {}) };
  const world = new World(seed, settings, profileFor(input.settings?.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION));
  bootstrap(world);
  const api = new ApiServer(world);
  new ControllerManager(world, api);
  const manifests = typeof input.manifests === 'string' ? input.manifests : '';
  world.scheduler.at(0, PRIORITY.api, () => applyManifests(world, api, manifests, diagnostics));
  const actions = [...(input.actions ?? [])].filter((a) => Number.isFinite(a.atMs) && a.atMs >= 0)
    .map((a) => ({ ...a, atMs: Math.round(a.atMs) })).sort((a, b) => a.atMs - b.atMs);
  const ctx: ActionContext = { world, api, diagnostics, watches: [] };
  for (const action of actions) world.scheduler.at(action.atMs, PRIORITY.action, () => runAction(ctx, action));
  options.onWorld?.(world);

  // The clock is integer milliseconds: a fractional, negative or huge `until` is rounded and clamped; NaN means "not set".
  const rawUntil = options.untilMs ?? input.untilMs;
  const fixedUntil = typeof rawUntil === 'number' && Number.isFinite(rawUntil) ? Math.min(Math.max(0, Math.round(rawUntil)), 24 * 3_600_000) : undefined;
  const lastAction = actions.length ? actions[actions.length - 1].atMs : 0;
  let end = fixedUntil !== undefined ? fixedUntil : Math.min(LIMITS.maxUntilMs, lastAction + LIMITS.quietTailMs);
  let truncated = false;
  let notice: string | undefined;
  for (;;) {
    let outcome: 'done' | 'budget' | 'stopped';
    try {
      outcome = world.scheduler.run(end, settings.runStepBudget);
    } catch (err) {
      // A bug must not take the page or the CLI down: report it and keep what was simulated.
      truncated = true;
      end = world.now();
      notice = `The simulation stopped at T+${Math.floor(end / 1000)}s on an internal error: ${String(err)}`;
      diagnostics.push({ code: DIAGNOSTIC_CODES.internal, severity: 'error', message: notice });
      break;
    }
    if (outcome === 'stopped') {
      // World.halt put the reason among the notices, added below.
      truncated = true;
      end = world.now();
      break;
    }
    if (outcome === 'budget') {
      truncated = true;
      end = world.now();
      notice = `The run stopped at T+${Math.floor(end / 1000)}s: it took more than ${settings.runStepBudget.toLocaleString('en-US')} simulation steps (a loop that never waits?).`;
      break;
    }
    if (fixedUntil !== undefined) break;
    const wanted = Math.min(LIMITS.maxUntilMs, Math.max(lastChange(world) + LIMITS.quietTailMs, lastAction + LIMITS.quietTailMs, world.dueChangeAt));
    if (wanted <= end) break;
    end = wanted;
  }
  if (world.trace.truncated) { truncated = true; notice = notice ?? world.trace.notice; }
  if (world.notices.length > 0) { truncated = true; notice = [notice, ...world.notices].filter(Boolean).join(' '); }
  if (truncated && !diagnostics.some((d) => d.code === DIAGNOSTIC_CODES.internal)) diagnostics.push({ code: DIAGNOSTIC_CODES.budget, severity: 'warning', message: notice ?? 'The run stopped at a budget.' });
  finishWatches(ctx);
  world.processes.clear();
  return {
    version: TRACE_VERSION,
    seed,
    until: end,
    truncated,
    ...(notice ? { notice } : {}),
    diagnostics,
    pods: [...world.tracePods.values()],
    records: world.trace.records,
  };
}
