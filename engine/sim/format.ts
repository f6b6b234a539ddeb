/**
 * The command line's output formats (DESIGN.md "The command line"): `watch` (kubectl get pods -w
 * with a leading T+ column) and `jsonl`. Pure functions of the trace.
 */
import { humanDuration } from '../kubectl/duration';
import type { Trace, TraceRecord } from './trace';

/** Virtual ms as the `t` field: seconds, fractional only when needed. */
export function seconds(ms: number): number {
  return Math.round(ms) / 1000;
}

export function tLabel(ms: number): string {
  return `T+${seconds(ms)}s`;
}

type RowRecord = Extract<TraceRecord, { type: 'pod-row' }>;

/** The RESTARTS cell: `N` or `N (AGE ago)` (printPod). */
export function restartsCell(r: RowRecord): string {
  if (r.restarts === 0 || r.lastRestartAt === undefined) return String(r.restarts);
  return `${r.restarts} (${humanDuration(r.t - r.lastRestartAt)} ago)`;
}

/** One JSON object a line, in time order: pod rows, command outputs, rejected objects. */
export function formatJsonl(trace: Trace): string {
  const lines: string[] = [];
  for (const r of trace.records) {
    if (r.type === 'pod-row') {
      lines.push(JSON.stringify({ t: seconds(r.t), pod: r.pod, ready: r.ready, status: r.status, restarts: r.restarts, phase: r.phase, ...(r.deleted ? { deleted: true } : {}) }));
    } else if (r.type === 'command') {
      lines.push(JSON.stringify({ t: seconds(r.t), run: r.run, stdout: r.stdout, stderr: r.stderr, ...(r.exit !== undefined ? { exit: r.exit } : {}) }));
    } else if (r.type === 'rejected') {
      lines.push(JSON.stringify({ t: seconds(r.t), rejected: r.object, stderr: r.stderr }));
    }
  }
  return lines.map((l) => `${l}\n`).join('');
}

function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length); });
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] + 3))).join('').trimEnd());
}

/** `kubectl get pods -w` style, each line led by its virtual time; commands and rejections interleaved. */
export function formatWatch(trace: Trace): string {
  const created = new Map(trace.pods.map((p) => [p.uid, p.createdAt]));
  type Item = { t: number; row?: string[]; text?: string };
  const items: Item[] = [];
  for (const r of trace.records) {
    if (r.type === 'pod-row') {
      const age = humanDuration(r.t - (created.get(r.uid) ?? 0));
      items.push({ t: r.t, row: [tLabel(r.t), r.pod, r.ready, r.status, restartsCell(r), age] });
    } else if (r.type === 'command') {
      const body = (r.console ?? `${r.stdout}${r.stderr}`).replace(/\n$/, '');
      items.push({ t: r.t, text: `${tLabel(r.t)}   $ ${r.run}${body ? `\n${body.split('\n').map((l) => `        ${l}`).join('\n')}` : ''}` });
    } else if (r.type === 'rejected') {
      items.push({ t: r.t, text: `${tLabel(r.t)}   ${r.stderr}` });
    }
  }
  const rows = [['', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], ...items.filter((i) => i.row).map((i) => i.row!)];
  const formatted = table(rows);
  const out: string[] = [formatted[0]];
  let k = 1;
  for (const item of items) out.push(item.row ? formatted[k++] : item.text!);
  if (trace.truncated && trace.notice) out.push(`# ${trace.notice}`);
  return out.map((l) => `${l}\n`).join('');
}
