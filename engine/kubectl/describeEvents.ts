/**
 * The `Events:` section every describer ends with: the object's events sorted by last timestamp,
 * repeated ones collapsed into `12s (x4 over 70s)`.
 */
import type { Event } from 'kubernetes-types/core/v1';
import type { DescribeWriter, KubectlProfile } from './describeWriter';
import { L0, L1 } from './describeWriter';
import { timeMs, translateTimestampSince } from './duration';
import { byteOrder, goSort } from './goSort';

/** The object whose events are wanted, as describe's searchEvents identifies it. */
export interface EventTarget {
  readonly name: string;
  readonly namespace?: string;
  /** Empty for pods (describe clears the kind in the reference it searches with). */
  readonly kind?: string;
  readonly uid?: string;
}

/** The events the API returns for describe's field selector, in list (name) order. */
// Models describe.go searchEvents (involvedObject.name/namespace/kind/uid field selector).
export function selectEvents(events: readonly Event[], target: EventTarget): Event[] {
  return events.filter((e) => {
    const io = e.involvedObject;
    if (io.name !== target.name) return false;
    const ns = target.namespace ?? '';
    if ((io.namespace ?? '') !== ns) return false;
    if (e.metadata.namespace !== undefined && e.metadata.namespace !== ns) return false;
    if (target.kind && io.kind !== target.kind) return false;
    if (target.uid && io.uid && io.uid !== target.uid) return false;
    return true;
  }).sort((a, b) => byteOrder(a.metadata.name ?? '', b.metadata.name ?? ''));
}

const microSince = (t: string | undefined, now: number): string => translateTimestampSince(t, now);

/** How long ago an event happened, as `12s (x4 over 70s)` when it repeated. */
// Models the interval describe.go DescribeEvents and kubectl events' getInterval print (the same rule).
export function eventInterval(e: Event, nowMs: number): string {
  const first = e.eventTime ? microSince(e.eventTime, nowMs) : translateTimestampSince(e.firstTimestamp, nowMs);
  if (e.series) return `${microSince(e.series.lastObservedTime, nowMs)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${translateTimestampSince(e.lastTimestamp, nowMs)} (x${e.count} over ${first})`;
  return first;
}

/**
 * Writes the Events section. kubectl ≥ 1.35 prefixes messages with the involved field path
 * (`spec.containers{app}: Container started`); ≤ 1.19 prints `From` as `component, host`.
 */
// Models describe.go DescribeEvents (events sorted with Go's unstable sort by lastTimestamp).
export function describeEvents(w: DescribeWriter, events: readonly Event[], nowMs: number, profile: KubectlProfile): void {
  if (events.length === 0) { w.write(L0, 'Events:\t<none>\n'); return; }
  const last = (e: Event): number => timeMs(e.lastTimestamp) ?? Number.NEGATIVE_INFINITY;
  const sorted = goSort(events, (a, b) => last(a) < last(b));
  w.write(L0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(L1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const interval = eventInterval(e, nowMs);
    let source = e.source?.component || e.reportingComponent || '';
    if (profile.kubectlMinor <= 19 && e.source?.host) source = `${source}, ${e.source.host}`;
    let message = (e.message ?? '').trim();
    if (profile.kubectlMinor >= 35 && e.involvedObject.fieldPath) message = `${e.involvedObject.fieldPath}: ${message}`;
    w.write(L1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${message}\n`);
  }
}
