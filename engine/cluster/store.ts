/**
 * The API server's object store: objects by kind, namespace and name, with deterministic uids and
 * resourceVersions. Watchers see every change in order.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { Prng } from '../sim/prng';

/** Any API object. Fields beyond these are read through the kind's own type (kubernetes-types). */
export interface ApiObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: ObjectMeta;
}

/** kubernetes-types marks every field readonly; the API server and kubelet are the ones allowed to write. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A loosely typed object for fields read generically (events, data maps). */
export type LooseObject = ApiObject & Record<string, unknown>;

export type Change = { readonly op: 'created' | 'updated' | 'deleted'; readonly obj: ApiObject };

/** Kinds that live outside namespaces. */
const CLUSTER_SCOPED = new Set(['Namespace', 'Node']);

export function keyOf(kind: string, namespace: string | undefined, name: string): string {
  return CLUSTER_SCOPED.has(kind) ? `${kind}//${name}` : `${kind}/${namespace ?? 'default'}/${name}`;
}

export class ObjectStore {
  private readonly objects = new Map<string, ApiObject>();
  private readonly watchers: ((change: Change) => void)[] = [];
  private resourceVersion = 1000;

  constructor(private readonly prng: Prng) {}

  /** A v4-shaped UUID from the seeded generator. */
  newUid(): string {
    const h = this.prng.hex(32).split('');
    h[12] = '4';
    h[16] = '89ab'[parseInt(h[16], 16) % 4];
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  nextResourceVersion(): string {
    return String(++this.resourceVersion);
  }

  watch(fn: (change: Change) => void): void {
    this.watchers.push(fn);
  }

  get<T extends ApiObject = ApiObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.objects.get(keyOf(kind, namespace, name)) as T | undefined;
  }

  /** Objects of a kind (in one namespace, or all when `namespace` is undefined), sorted by namespace then name. */
  list<T extends ApiObject = ApiObject>(kind: string, namespace?: string): T[] {
    const out: T[] = [];
    for (const obj of this.objects.values()) {
      if (obj.kind !== kind) continue;
      if (namespace !== undefined && !CLUSTER_SCOPED.has(kind) && obj.metadata?.namespace !== namespace) continue;
      out.push(obj as T);
    }
    return out.sort((a, b) => cmp(a.metadata?.namespace ?? '', b.metadata?.namespace ?? '') || cmp(a.metadata?.name ?? '', b.metadata?.name ?? ''));
  }

  /** Store a new object (its metadata already complete) and tell the watchers. */
  add(obj: ApiObject): void {
    this.objects.set(keyOf(obj.kind!, obj.metadata?.namespace, obj.metadata!.name!), obj);
    this.emit({ op: 'created', obj });
  }

  /** Replace an object in place (same key), bumping its resourceVersion. */
  update(obj: ApiObject, notify = true): void {
    (obj.metadata as Writable<ObjectMeta>).resourceVersion = this.nextResourceVersion();
    this.objects.set(keyOf(obj.kind!, obj.metadata?.namespace, obj.metadata!.name!), obj);
    if (notify) this.emit({ op: 'updated', obj });
  }

  remove(kind: string, namespace: string | undefined, name: string): ApiObject | undefined {
    const key = keyOf(kind, namespace, name);
    const obj = this.objects.get(key);
    if (!obj) return undefined;
    this.objects.delete(key);
    this.emit({ op: 'deleted', obj });
    return obj;
  }

  private emit(change: Change): void {
    for (const w of this.watchers) w(change);
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
