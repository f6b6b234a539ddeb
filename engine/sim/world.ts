/**
 * One simulation run's state: the clock, the API objects, the node, the network and the trace being
 * written. Built by simulate(); everything in it is derived from the scenario and the seed.
 */
import type { Container, Pod, Service } from 'kubernetes-types/core/v1';
import { printPodRow } from '../kubectl/printPod';
import { answerDns, type DnsView } from '../cluster/dns';
import { Network, type NetworkView } from '../cluster/network';
import { outsideSite } from '../cluster/outside';
import { ObjectStore, type ApiObject, type LooseObject, type Writable } from '../cluster/store';
import { Kubelet, NODE_IP, NODE_NAME } from '../kubelet/kubelet';
import type { PodRuntime, ContainerState2 } from '../kubelet/podState';
import { createRuntime, ImageCatalog, type ContainerRuntime } from '../runtime';
import type { ContainerStart, DnsQuery, DnsReply } from '../runtime/seam';
import { createPrng, type Prng } from './prng';
import type { VersionProfile } from './profile';
import { PRIORITY, Scheduler } from './scheduler';
import { rfc3339 } from './time';
import type { TracePod, TraceRecord } from './trace';
import { ProcessTable } from './processes';
import { buildContainerStart } from '../kubelet/containerStart';
import { isPodReady } from '../kubelet/conditions';

export interface EngineSettings {
  readonly epochMs: number;
  readonly containerStartMs: number;
  readonly imagePullMs: number;
  /** Virtual µs one simple shell command costs. */
  readonly commandMicros: number;
  /** Most commands one container instance may run. */
  readonly processStepBudget: number;
  /** Most scheduler steps in a whole run. */
  readonly runStepBudget: number;
  /** Bytes of log kept per container instance. */
  readonly outputBudget: number;
  /** Most trace records in a run. */
  readonly recordBudget: number;
  /** Most pods the cluster holds at once; creating one more ends the run. */
  readonly podBudget: number;
}

export interface EventInput {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
  readonly fieldPath?: string;
  readonly source: string;
}

export interface LogChunk {
  readonly t: number;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

export class TraceWriter {
  private readonly items: (TraceRecord | null)[] = [];
  private dropped = 0;
  truncated = false;
  notice?: string;

  constructor(private readonly budget: number) {}

  /** Appends a record; returns its index (-1 past the budget). */
  push(record: TraceRecord): number {
    if (this.items.length - this.dropped >= this.budget) {
      if (!this.truncated) { this.truncated = true; this.notice = `The run recorded ${this.budget} trace records and stopped there.`; }
      return -1;
    }
    return this.items.push(record) - 1;
  }

  /** Replaces a record written at the same instant (coalescing two writes into one). */
  replace(index: number, record: TraceRecord): void {
    if (index >= 0 && this.items[index]) this.items[index] = record;
  }

  /** The record written at `index` (what push returned), if it is still there. */
  at(index: number): TraceRecord | undefined {
    return index >= 0 ? this.items[index] ?? undefined : undefined;
  }

  /** Withdraws a record written at this instant that a later write at the same instant undid. */
  drop(index: number): void {
    if (index >= 0 && this.items[index]) { this.items[index] = null; this.dropped++; }
  }

  /** The records so far, in time order. */
  get records(): readonly TraceRecord[] {
    return this.dropped === 0 ? (this.items as TraceRecord[]) : this.items.filter((r): r is TraceRecord => r !== null);
  }
}

/** What the last writes of a pod's row looked like, for coalescing same-instant kubelet posts. */
interface RowMemo {
  key: string;
  index: number;
  t: number;
  writer: 'api' | 'kubelet';
  /** The row in effect before `index` was written. */
  before: string;
  /** What `key` was computed from. */
  from: RowInputs;
}

/** Everything of a pod that its `kubectl get pods` row (READY, STATUS, RESTARTS count, phase) reads. */
interface RowInputs {
  readonly status: Pod['status'];
  readonly containers: readonly Container[] | undefined;
  readonly initContainers: readonly Container[] | undefined;
  readonly deletionTimestamp: string | undefined;
  readonly deleted: boolean;
}

function sameInputs(a: RowInputs, b: RowInputs): boolean {
  return a.status === b.status && a.containers === b.containers && a.initContainers === b.initContainers &&
    a.deletionTimestamp === b.deletionTimestamp && a.deleted === b.deleted;
}

export class World {
  readonly scheduler = new Scheduler();
  readonly processes = new ProcessTable(this.scheduler);
  readonly prng: Prng;
  readonly store: ObjectStore;
  readonly images = new ImageCatalog();
  readonly runtime: ContainerRuntime;
  readonly kubelet: Kubelet;
  readonly network: Network;
  readonly trace: TraceWriter;
  readonly tracePods = new Map<string, TracePod>();
  readonly logs = new Map<string, LogChunk[]>();
  private readonly logBytes = new Map<string, number>();
  private readonly lastRow = new Map<string, RowMemo>();
  private nextPodIp = 5;
  /**
   * A time by which something is known to change (the eviction manager's next look at an over-full volume):
   * a run with the default `until` goes on at least until then.
   */
  dueChangeAt = 0;
  /** Budgets hit during the run that did not stop it (each a sentence for the run notice). */
  readonly notices: string[] = [];
  private eventSeq = 0;
  /** Per involved object (uid) and message: its events and what each was recorded from, for the correlator's aggregation. */
  /** Per involved object (uid): its name in the trace (`pod/x`) and its events by message, for aggregation. */
  /** Per involved object (by uid): its `kind/name` for trace records, and its events. */
  private readonly eventsByObject = new Map<string, { object: string; events: LooseObject[] }>();
  /** An event's `source`, one object per component (never mutated: events only change count and lastTimestamp). */
  private readonly eventSources = new Map<string, { component: string; host?: string }>();
  readonly epoch: number;

  constructor(readonly seed: number, readonly settings: EngineSettings, readonly profile: VersionProfile) {
    this.prng = createPrng(seed);
    this.store = new ObjectStore(this.prng.fork('uid'));
    this.epoch = settings.epochMs;
    this.trace = new TraceWriter(settings.recordBudget);
    this.runtime = createRuntime(this.images);
    this.network = new Network(this.networkView());
    this.kubelet = new Kubelet(this);
  }

  now(): number {
    return this.scheduler.now();
  }

  /** RFC 3339 for virtual ms `t` (default: now). */
  iso(t: number = this.scheduler.now()): string {
    return rfc3339(this.epoch + t);
  }

  /** Pod IPs come from the node's pod CIDR in order (host-local IPAM). */
  allocatePodIp(): string {
    const n = this.nextPodIp++;
    return `10.244.0.${n}`;
  }

  logKey(uid: string, container: string, instance: number): string {
    return `${uid}/${container}/${instance}`;
  }

  appendLog(uid: string, container: string, instance: number, stream: 'stdout' | 'stderr', text: string): void {
    const key = this.logKey(uid, container, instance);
    // A safety net for programs other than the shell (which cuts its own output at outputBudget and says so):
    // the log keeps a little more than the budget, so the shell's note fits.
    const cap = this.settings.outputBudget + 4096;
    const used = this.logBytes.get(key) ?? 0;
    if (used >= cap) return;
    const room = cap - used;
    const kept = text.length > room ? `${text.slice(0, room)}\n[output truncated: more than ${this.settings.outputBudget} bytes]\n` : text;
    if (text.length > room) {
      const pod = this.tracePods.get(uid);
      this.addNotice(`Container ${container} of pod ${pod?.name ?? uid} printed more than ${Math.round(this.settings.outputBudget / 1024)} KiB at T+${Math.floor(this.now() / 1000)}s; the playground keeps the first ${Math.round(this.settings.outputBudget / 1024)} KiB of its log.`);
    }
    this.logBytes.set(key, used + kept.length);
    let list = this.logs.get(key);
    if (!list) this.logs.set(key, (list = []));
    list.push({ t: this.now(), stream, text: kept });
    const pod = this.tracePods.get(uid);
    this.trace.push({ t: this.now(), type: 'log', uid, pod: pod?.name ?? '', container, instance, stream, text: kept });
  }

  /** Ends the run now, for a budget other than steps and records; `text` says which. */
  halt(text: string): void {
    this.addNotice(text);
    this.scheduler.stop();
  }

  addNotice(text: string): void {
    if (this.notices.length < 20 && !this.notices.includes(text)) this.notices.push(text);
  }

  /**
   * Record the pod's `kubectl get pods` row if it changed. Two kubelet status posts in the same
   * millisecond reach the API server as one update (the status manager coalesces them), so the
   * second replaces the first instead of adding a row nobody could have watched.
   */
  recordPodRow(pod: Pod, writer: 'api' | 'kubelet', deleted = false): void {
    const uid = pod.metadata!.uid!;
    const memo = this.lastRow.get(uid);
    const from: RowInputs = { status: pod.status, containers: pod.spec?.containers, initContainers: pod.spec?.initContainers, deletionTimestamp: pod.metadata?.deletionTimestamp, deleted };
    // The row is a function of these (status objects are never edited in place): same inputs, same row.
    if (memo && sameInputs(memo.from, from)) return;
    const row = printPodRow(pod, this.epoch + this.now());
    const key = `${row.ready}|${row.status}|${row.restartCount}|${pod.status?.phase}|${deleted}`;
    if (memo?.key === key) { memo.from = from; return; }
    const lastRestartAt = row.lastRestartMs;
    const record: TraceRecord = {
      t: this.now(), type: 'pod-row', uid, pod: pod.metadata!.name!, namespace: pod.metadata!.namespace ?? 'default',
      ready: row.ready, status: row.status, restarts: row.restartCount, phase: pod.status?.phase ?? 'Pending',
      ...(lastRestartAt !== undefined ? { lastRestartAt: lastRestartAt - this.epoch } : {}), ...(deleted ? { deleted } : {}),
    };
    if (memo && writer === 'kubelet' && memo.writer === 'kubelet' && memo.t === this.now()) {
      if (memo.before === key) {
        this.trace.drop(memo.index);
        this.lastRow.set(uid, { ...memo, key, index: -1, from });
      } else if (memo.index >= 0) {
        this.trace.replace(memo.index, record);
        this.lastRow.set(uid, { ...memo, key, from });
      } else {
        this.lastRow.set(uid, { ...memo, key, index: this.trace.push(record), from });
      }
      return;
    }
    this.lastRow.set(uid, { key, index: this.trace.push(record), t: this.now(), writer, before: memo?.key ?? '', from });
  }

  /** Record an event on `obj`, collapsing repeats into one Event object with a count (as the event recorder does). */
  recordEvent(obj: ApiObject, ev: EventInput): void {
    const meta = obj.metadata!;
    const ns = meta.namespace ?? 'default';
    const now = this.iso();
    // Models the event correlator's aggregation key: same object, field, reason, message, type and source.
    let involved = this.eventsByObject.get(meta.uid!);
    if (!involved) this.eventsByObject.set(meta.uid!, (involved = { object: `${obj.kind}/${meta.name}`.toLowerCase(), events: [] }));
    // An object has a few events: a scan comparing the reason first (a literal) finds the one to aggregate
    // with, without hashing the freshly built message as a map key would.
    const fieldPath = ev.fieldPath ?? '';
    let same: LooseObject | undefined;
    for (const e of involved.events) {
      // Cheapest first: reasons and sources are literals, a container's field path is one string it keeps.
      if (e.reason === ev.reason && ((e.involvedObject as { fieldPath?: string }).fieldPath ?? '') === fieldPath && e.reportingComponent === ev.source &&
        e.type === ev.type && e.message === ev.message) { same = e; break; }
    }
    if (same) {
      const w = same as Writable<LooseObject>;
      w.count = (same.count as number) + 1;
      w.lastTimestamp = now;
      this.store.update(same, false);
    } else {
      // Models the event recorder's name: "<object>.<UnixNano in hex>", so events list in time order.
      const name = `${meta.name}.${nanosHex(this.epoch + this.now(), this.eventSeq++ % 1_000_000)}`;
      const event: LooseObject = {
        apiVersion: 'v1', kind: 'Event',
        metadata: { name, namespace: ns, uid: this.store.newUid(), creationTimestamp: now, resourceVersion: this.store.nextResourceVersion() },
        involvedObject: { kind: obj.kind, namespace: ns, name: meta.name, uid: meta.uid, apiVersion: obj.apiVersion, ...(ev.fieldPath ? { fieldPath: ev.fieldPath } : {}) },
        reason: ev.reason, message: ev.message, type: ev.type, count: 1,
        source: this.eventSource(ev.source),
        firstTimestamp: now, lastTimestamp: now, reportingComponent: ev.source, reportingInstance: ev.source === 'kubelet' ? NODE_NAME : '',
      };
      this.store.add(event);
      involved.events.push(event);
    }
    // Two literals rather than a spread in the middle: same key order, no intermediate objects.
    const object = involved.object;
    this.trace.push(ev.fieldPath
      ? { t: this.now(), type: 'event', object, namespace: ns, eventType: ev.type, reason: ev.reason, message: ev.message, fieldPath: ev.fieldPath, source: ev.source }
      : { t: this.now(), type: 'event', object, namespace: ns, eventType: ev.type, reason: ev.reason, message: ev.message, source: ev.source });
  }

  private eventSource(component: string): { component: string; host?: string } {
    let src = this.eventSources.get(component);
    if (!src) this.eventSources.set(component, (src = component === 'kubelet' ? { component, host: NODE_NAME } : { component }));
    return src;
  }

  /** The last container of a deleted pod stopped: the object goes away. */
  removePod(pod: Pod): void {
    const meta = pod.metadata!;
    this.recordPodRow(pod, 'api', true);
    this.store.remove('Pod', meta.namespace, meta.name!);
    this.trace.push({ t: this.now(), type: 'object', op: 'deleted', kind: 'Pod', name: meta.name!, namespace: meta.namespace });
  }

  containerStart(rt: PodRuntime, c: ContainerState2, restartIndex: number): ContainerStart {
    return buildContainerStart(this, rt, c, restartIndex);
  }

  dns(query: DnsQuery): DnsReply {
    return answerDns(this.dnsView, query);
  }

  /** Ready endpoint IPs of a Service: pods matching its selector that are Ready, by name. */
  readyAddresses(namespace: string, name: string): string[] {
    const svc = this.store.get<Service>('Service', namespace, name);
    const selector = svc?.spec?.selector;
    if (!svc || !selector || Object.keys(selector).length === 0) return [];
    return this.store.list<Pod>('Pod', namespace)
      .filter((p) => !p.metadata?.deletionTimestamp && matches(selector, p.metadata?.labels))
      .filter(isPodReady)
      .map((p) => p.status?.podIP ?? '')
      .filter((ip) => ip !== '');
  }

  serviceByIp(ip: string): Service | undefined {
    return this.store.list<Service>('Service').find((s) => s.spec?.clusterIP === ip);
  }

  /** Made once: every DNS query of every container goes through it. */
  private readonly dnsView: DnsView = {
    service: (ns, name) => this.store.get<Service>('Service', ns, name),
    readyAddresses: (ns, name) => this.readyAddresses(ns, name),
    serviceByIp: (ip) => this.serviceByIp(ip),
    namespaceExists: (name) => this.store.get('Namespace', undefined, name) !== undefined,
    // CoreDNS forwards names outside cluster.local upstream: the simulated outside world answers.
    external: (name) => outsideSite(name)?.ips,
  };

  private networkView(): NetworkView {
    return {
      serviceByIp: (ip) => this.serviceByIp(ip),
      readyAddresses: (ns, name) => this.readyAddresses(ns, name),
      hostExists: (ip) => ip === NODE_IP || this.store.list<Pod>('Pod').some((p) => p.status?.podIP === ip),
      targetPort: (svc, port, podIp) => {
        const sp = (svc.spec?.ports ?? []).find((p) => p.port === port);
        const tp = sp?.targetPort ?? port;
        if (typeof tp === 'number') return tp;
        const pod = this.store.list<Pod>('Pod').find((p) => p.status?.podIP === podIp);
        const named = (pod?.spec?.containers ?? []).flatMap((c: Container) => c.ports ?? []).find((p) => p.name === tp);
        return named?.containerPort ?? (/^\d+$/.test(tp) ? Number(tp) : undefined);
      },
    };
  }

  /** Run `fn` in the API phase of virtual time `t`. */
  atApi(t: number, fn: () => void): void {
    this.scheduler.at(t, PRIORITY.api, fn);
  }
}

export function matches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** Hex of `ms` × 10⁶ + `extra` (a UnixNano past 2⁵³), exact in two halves of 24 bits without BigInt. */
export function nanosHex(ms: number, extra: number): string {
  const split = 2 ** 24;
  let hi = Math.floor(ms / split) * 1_000_000;
  let lo = (ms % split) * 1_000_000 + extra;
  hi += Math.floor(lo / split);
  lo %= split;
  return hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(6, '0');
}
