/**
 * `kubectl events`: the namespace's events in time order, `--for TYPE/NAME` one object's, `--types` some
 * types only, with the events printer's columns (the object as `Kind/name`).
 */
import type { Event } from 'kubernetes-types/core/v1';
import { eventInterval } from './describeEvents';
import { timeMs } from './duration';
import type { CommandOutput, ObjectStore } from './get';
import { goSort } from './goSort';
import { tabwrite } from './table';

export interface EventsRequest {
  readonly namespace: string;
  readonly allNamespaces: boolean;
  /** `--for`: the involved object's kind and name. */
  readonly for?: { readonly kind: string; readonly name: string };
  /** `--types` (Normal, Warning), any case; empty: all. */
  readonly types: readonly string[];
  readonly noHeaders: boolean;
}

// Models kubectl events.go eventTime: the series' last observation, else lastTimestamp, else eventTime.
function eventTime(e: Event): number {
  return timeMs(e.series?.lastObservedTime) ?? timeMs(e.lastTimestamp) ?? timeMs(e.eventTime) ?? Number.NEGATIVE_INFINITY;
}

/** Runs `kubectl events` against `store` at `nowMs`. */
// Models kubectl events.go Run (field selector on involvedObject for --for, the type filter, SortableEvents
// with sort.Sort) and EventPrinter.
export function runEvents(store: ObjectStore, req: EventsRequest, nowMs: number): CommandOutput {
  const all = (store.events ?? []) as unknown as Event[];
  const picked = all.filter((e) => (req.allNamespaces || (e.metadata.namespace ?? 'default') === req.namespace)
    && (!req.for || (e.involvedObject.kind === req.for.kind && e.involvedObject.name === req.for.name))
    && (req.types.length === 0 || req.types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase())));
  if (picked.length === 0) return { stdout: '', stderr: req.allNamespaces ? 'No events found.\n' : `No events found in ${req.namespace} namespace.\n`, exitCode: 0 };
  const sorted = goSort(picked, (a, b) => eventTime(a) < eventTime(b));
  const rows = sorted.map((e) => [...(req.allNamespaces ? [e.metadata.namespace ?? ''] : []), eventInterval(e, nowMs), e.type ?? '', e.reason ?? '',
    `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`, (e.message ?? '').trim()]);
  const header = [...(req.allNamespaces ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  return { stdout: tabwrite(req.noHeaders ? rows : [header, ...rows]).text, stderr: '', exitCode: 0 };
}
