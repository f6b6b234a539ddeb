/**
 * Evaluates a scenario's `expect` block against a trace (scenarios/README.md): pass/fail per clause
 * with the observed value. Commands in `expect` are read-only kubectl lines run at a moment, so
 * they are evaluated by one more run with them added as actions (the rest of the run is unchanged:
 * the engine is deterministic and read-only commands change nothing).
 */
import { parseDuration } from '../scenario/duration';
import { simulate, type ActionInput, type SettingsInput } from './simulate';
import type { Trace, TraceRecord } from './trace';
import { isObj, type Obj } from '../scenario/metaValidation';

export interface ClauseResult {
  /** Where the clause is, e.g. `pods.myapp-pod.final.status`. */
  readonly clause: string;
  readonly pass: boolean;
  readonly expected: unknown;
  readonly observed: unknown;
}

export interface ExpectResult {
  readonly pass: boolean;
  readonly clauses: readonly ClauseResult[];
}

export interface ExpectContext {
  /** The CLI's exit code for this run (1 when something was rejected). */
  readonly exit: number;
  readonly manifests: string;
  readonly actions: readonly ActionInput[];
  readonly settings?: SettingsInput;
  readonly untilMs?: number;
}

type Row = Extract<TraceRecord, { type: 'pod-row' }>;

function ms(v: unknown): number | null {
  return typeof v === 'number' || typeof v === 'string' ? parseDuration(v) : null;
}

/** Pods a key names: an exact pod name, or `prefix-*` for a workload's pods. */
function podUids(trace: Trace, key: string): string[] {
  const match = key.endsWith('*') ? (n: string) => n.startsWith(key.slice(0, -1)) : (n: string) => n === key;
  return trace.pods.filter((p) => match(p.name)).map((p) => p.uid);
}

function rowsOf(trace: Trace, uid: string): Row[] {
  return trace.records.filter((r): r is Row => r.type === 'pod-row' && r.uid === uid);
}

function rowAt(rows: readonly Row[], t: number): Row | undefined {
  let found: Row | undefined;
  for (const r of rows) { if (r.t <= t) found = r; else break; }
  return found;
}

/** Distinct consecutive STATUS values. */
export function statusSequence(rows: readonly Row[]): string[] {
  const out: string[] = [];
  for (const r of rows) if (out[out.length - 1] !== r.status) out.push(r.status);
  return out;
}

function isSubsequence(needle: readonly string[], hay: readonly string[]): boolean {
  let i = 0;
  for (const h of hay) if (i < needle.length && h === needle[i]) i++;
  return i === needle.length;
}

const FINAL_FIELDS: Record<string, (r: Row) => unknown> = {
  status: (r) => r.status, ready: (r) => r.ready, restarts: (r) => r.restarts, phase: (r) => r.phase,
};

function podClauses(trace: Trace, key: string, spec: Obj, out: ClauseResult[]): void {
  const uids = podUids(trace, key);
  if (uids.length === 0) {
    out.push({ clause: `pods.${key}`, pass: false, expected: 'a pod', observed: 'no such pod in the run' });
    return;
  }
  for (const uid of uids) {
    const rows = rowsOf(trace, uid);
    const name = trace.pods.find((p) => p.uid === uid)?.name ?? key;
    const seq = statusSequence(rows);
    if (Array.isArray(spec.statuses)) {
      const want = spec.statuses.map(String);
      const got = want[0] !== 'Pending' && seq[0] === 'Pending' ? seq.slice(1) : seq;
      out.push({ clause: `pods.${name}.statuses`, pass: JSON.stringify(got) === JSON.stringify(want), expected: want, observed: seq });
    }
    if (Array.isArray(spec.statusesInclude)) {
      const want = spec.statusesInclude.map(String);
      out.push({ clause: `pods.${name}.statusesInclude`, pass: isSubsequence(want, seq), expected: want, observed: seq });
    }
    if (Array.isArray(spec.never)) {
      const bad = spec.never.map(String).filter((s) => seq.includes(s));
      out.push({ clause: `pods.${name}.never`, pass: bad.length === 0, expected: spec.never, observed: seq });
    }
    const last = rows[rows.length - 1];
    if (isObj(spec.final) && !(key.endsWith('*') && last?.deleted)) {
      for (const [field, want] of Object.entries(spec.final)) {
        const get = FINAL_FIELDS[field];
        const got = last && get ? get(last) : undefined;
        out.push({ clause: `pods.${name}.final.${field}`, pass: got !== undefined && String(got) === String(want), expected: want, observed: got ?? null });
      }
    }
  }
}

function atClauses(trace: Trace, list: unknown[], out: ClauseResult[]): void {
  list.forEach((item, i) => {
    if (!isObj(item)) return;
    const t = ms(item.t);
    const uids = podUids(trace, String(item.pod ?? ''));
    for (const field of ['status', 'ready', 'restarts', 'phase'] as const) {
      if (item[field] === undefined) continue;
      const observed = uids.map((uid) => (t === null ? undefined : rowAt(rowsOf(trace, uid), t))).map((r) => (r ? FINAL_FIELDS[field](r) : null));
      const pass = t !== null && observed.length > 0 && observed.every((o) => o !== null && String(o) === String(item[field]));
      out.push({ clause: `at[${i}] ${String(item.pod)}@${String(item.t)}.${field}`, pass, expected: item[field], observed: observed.length === 1 ? observed[0] : observed });
    }
  });
}

const norm = (s: string) => s.replace(/\n$/, '');

function commandClauses(trace: Trace, list: unknown[], ctx: ExpectContext, out: ClauseResult[]): void {
  const cmds = list.filter(isObj).map((c) => ({ c, atMs: ms(c.at) ?? 0, run: String(c.run ?? '') }));
  if (cmds.length === 0) return;
  const extra: ActionInput[] = cmds.map((x) => ({ atMs: x.atMs, run: x.run }));
  const rerun = simulate({ manifests: ctx.manifests, actions: [...ctx.actions, ...extra], settings: ctx.settings, ...(ctx.untilMs !== undefined ? { untilMs: ctx.untilMs } : {}) },
    { untilMs: trace.until, seed: trace.seed });
  // Records with the same time and line: the scenario's own actions were scheduled first, then ours in order.
  const byKey = new Map<string, Extract<TraceRecord, { type: 'command' }>[]>();
  for (const r of rerun.records) {
    if (r.type !== 'command') continue;
    const key = `${r.t}\u0000${r.run}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const taken = new Map<string, number>();
  for (const a of ctx.actions) { const key = `${a.atMs}\u0000${a.run}`; taken.set(key, (taken.get(key) ?? 0) + 1); }
  cmds.forEach((x, i) => {
    const key = `${x.atMs}\u0000${x.run}`;
    const k = taken.get(key) ?? 0;
    taken.set(key, k + 1);
    const rec = byKey.get(key)?.[k];
    const label = `commands[${i}] ${x.run} @${String(x.c.at)}`;
    const stdout = rec?.stdout ?? '', stderr = rec?.stderr ?? '';
    if (typeof x.c.stdout === 'string') out.push({ clause: `${label}.stdout`, pass: norm(stdout) === norm(x.c.stdout), expected: x.c.stdout, observed: stdout });
    if (typeof x.c.stderr === 'string') out.push({ clause: `${label}.stderr`, pass: norm(stderr) === norm(x.c.stderr), expected: x.c.stderr, observed: stderr });
    if (typeof x.c.stdoutContains === 'string') out.push({ clause: `${label}.stdoutContains`, pass: stdout.includes(x.c.stdoutContains), expected: x.c.stdoutContains, observed: stdout });
    if (typeof x.c.stderrContains === 'string') out.push({ clause: `${label}.stderrContains`, pass: stderr.includes(x.c.stderrContains), expected: x.c.stderrContains, observed: stderr });
  });
}

function rejectedClauses(trace: Trace, spec: Obj, out: ClauseResult[]): void {
  for (const [ref, want] of Object.entries(spec)) {
    const rec = trace.records.find((r): r is Extract<TraceRecord, { type: 'rejected' }> => r.type === 'rejected' && r.object === ref);
    out.push({ clause: `rejected.${ref}`, pass: !!rec && norm(rec.stderr) === norm(String(want)), expected: want, observed: rec?.stderr ?? null });
  }
}

/** Every clause of `expect` against `trace`. An absent or empty block passes. */
export function evaluateExpect(expect: unknown, trace: Trace, ctx: ExpectContext): ExpectResult {
  const out: ClauseResult[] = [];
  if (isObj(expect)) {
    if (expect.exit !== undefined) out.push({ clause: 'exit', pass: Number(expect.exit) === ctx.exit, expected: expect.exit, observed: ctx.exit });
    if (isObj(expect.pods)) for (const [key, spec] of Object.entries(expect.pods)) if (isObj(spec)) podClauses(trace, key, spec, out);
    if (Array.isArray(expect.at)) atClauses(trace, expect.at, out);
    if (isObj(expect.rejected)) rejectedClauses(trace, expect.rejected, out);
    if (Array.isArray(expect.commands)) commandClauses(trace, expect.commands, ctx, out);
  }
  return { pass: out.every((c) => c.pass), clauses: out };
}

/** The `--check` report: one line a clause, then a verdict. */
export function formatCheck(result: ExpectResult): string {
  const lines = result.clauses.map((c) => (c.pass
    ? `PASS ${c.clause}`
    : `FAIL ${c.clause}\n     expected: ${JSON.stringify(c.expected)}\n     observed: ${JSON.stringify(c.observed)}`));
  const failed = result.clauses.filter((c) => !c.pass).length;
  lines.push(failed === 0 ? `ok: all ${result.clauses.length} clauses hold` : `FAILED: ${failed} of ${result.clauses.length} clauses`);
  return lines.map((l) => `${l}\n`).join('');
}
