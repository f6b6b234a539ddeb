// Lanes are a pure function of the trace (memoised by the caller, never stored).
import type { ContainerKind, ContainerStateName, Trace, TracePod } from '../../engine/index';

export interface Segment {
  readonly from: number;
  readonly to: number;
  readonly state: ContainerStateName;
  readonly reason: string;
  readonly exitCode?: number;
  readonly restartCount: number;
}

export interface Lane {
  readonly uid: string;
  readonly pod: string;
  readonly container: string;
  readonly kind: ContainerKind;
  readonly image: string;
  readonly line?: number;
  readonly segments: readonly Segment[];
  /** Times a new instance started (restarts), for markers. */
  readonly restarts: readonly number[];
}

export interface PodGroup {
  readonly pod: TracePod;
  readonly lanes: readonly Lane[];
  /** The pod's `kubectl get pods` rows in time order, each with the time it took effect. */
  readonly rows: readonly TimedRow[];
}

/** One group per pod in creation order; lanes in DESIGN.md's order (init and sidecars in spec order, then app). */
export function deriveLanes(trace: Trace): PodGroup[] {
  const byKey = new Map<string, { segs: Segment[]; restarts: number[] }>();
  for (const r of trace.records) {
    if (r.type !== 'container') continue;
    const key = `${r.uid}/${r.container}`;
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { segs: [], restarts: [] }));
    const prev = entry.segs[entry.segs.length - 1];
    if (prev) (prev as { to: number }).to = r.t;
    if (r.state === 'running' && prev && r.restartCount > prev.restartCount) entry.restarts.push(r.t);
    entry.segs.push({ from: r.t, to: trace.until, state: r.state, reason: r.reason, ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}), restartCount: r.restartCount });
  }
  const ended = new Map<string, number>();
  const rows = new Map<string, TimedRow[]>();
  for (const r of trace.records) {
    if (r.type !== 'pod-row') continue;
    if (r.deleted) ended.set(r.uid, r.t);
    let list = rows.get(r.uid);
    if (!list) rows.set(r.uid, (list = []));
    list.push({ t: r.t, status: r.status, ready: r.ready, restarts: r.restarts, ...(r.lastRestartAt !== undefined ? { lastRestartAt: r.lastRestartAt } : {}), exists: !r.deleted });
  }
  return trace.pods.map((pod) => ({
    pod,
    rows: rows.get(pod.uid) ?? [],
    lanes: pod.containers.map((c) => {
      const entry = byKey.get(`${pod.uid}/${c.name}`);
      const end = ended.get(pod.uid);
      const segments = (entry?.segs ?? []).filter((s) => s.to > s.from || s.to === trace.until)
        .map((s) => (end !== undefined && s.to > end ? { ...s, to: end } : s));
      return { uid: pod.uid, pod: pod.name, container: c.name, kind: c.kind, image: c.image, ...(c.line ? { line: c.line } : {}), segments, restarts: entry?.restarts ?? [] };
    }),
  }));
}

/** The container's state at virtual time t (the segment holding t, or waiting before the first). */
export function laneStateAt(lane: Lane, t: number): { state: ContainerStateName; reason: string; exitCode?: number } {
  let found: Segment | undefined;
  for (const s of lane.segments) {
    if (s.from <= t) found = s;
    else break;
  }
  return found ? { state: found.state, reason: found.reason, ...(found.exitCode !== undefined ? { exitCode: found.exitCode } : {}) } : { state: 'waiting', reason: '' };
}

export interface PodRowAt {
  readonly status: string;
  readonly ready: string;
  readonly restarts: number;
  readonly lastRestartAt?: number;
  readonly exists: boolean;
}

export interface TimedRow extends PodRowAt {
  readonly t: number;
}

const NO_ROW: PodRowAt = { status: '', ready: '', restarts: 0, exists: false };

/** The pod's `kubectl get pods` row in effect at t: the last of its rows at or before t (binary search). */
export function podRowAt(rows: readonly TimedRow[], t: number): PodRowAt {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid].t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? NO_ROW : rows[lo - 1];
}

const changeTimesOf = new WeakMap<Trace, readonly number[]>();

/** Sorted distinct times at which anything visible changes (for ←/→ stepping); computed once per trace. */
export function changeTimes(trace: Trace): readonly number[] {
  let times = changeTimesOf.get(trace);
  if (!times) {
    const set = new Set<number>([0, trace.until]);
    for (const r of trace.records) if (r.type === 'container' || r.type === 'pod-row' || r.type === 'command' || r.type === 'event') set.add(r.t);
    changeTimesOf.set(trace, (times = [...set].sort((a, b) => a - b)));
  }
  return times;
}

/** Tick spacing for an axis over `until` ms: about 6–12 ticks at a round interval. */
export function tickStep(untilMs: number): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map((s) => s * 1000);
  return steps.find((s) => untilMs / s <= 12) ?? 3_600_000;
}
