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
  /** kind → key → object. */
  private readonly byKind = new Map<string, Map<string, ApiObject>>();
  /** kind → list in API order (namespace, then name), rebuilt only after an add or a remove. */
  private readonly sorted = new Map<string, ApiObject[]>();
  /** owner uid → its dependents (any kind), from metadata.ownerReferences. */
  private readonly owned = new Map<string, Set<ApiObject>>();
  private readonly watchers: ((change: Change) => void)[] = [];
  private resourceVersion = 1000;

  constructor(private readonly prng: Prng) {}

  /** A v4-shaped UUID from the seeded generator. */
  newUid(): string {
    return this.prng.uuid();
  }

  nextResourceVersion(): string {
    return String(++this.resourceVersion);
  }

  watch(fn: (change: Change) => void): void {
    this.watchers.push(fn);
  }

  get<T extends ApiObject = ApiObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.byKind.get(kind)?.get(keyOf(kind, namespace, name)) as T | undefined;
  }

  /** How many objects of a kind exist (in every namespace). */
  count(kind: string): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  /** Objects of a kind (in one namespace, or all when `namespace` is undefined), sorted by namespace then name. */
  list<T extends ApiObject = ApiObject>(kind: string, namespace?: string): T[] {
    let all = this.sorted.get(kind);
    if (!all) {
      all = [...(this.byKind.get(kind)?.values() ?? [])].sort((a, b) => cmp(a.metadata?.namespace ?? '', b.metadata?.namespace ?? '') || cmp(a.metadata?.name ?? '', b.metadata?.name ?? ''));
      this.sorted.set(kind, all);
    }
    if (namespace === undefined || CLUSTER_SCOPED.has(kind)) return all.slice() as T[];
    return all.filter((o) => o.metadata?.namespace === namespace) as T[];
  }

  /** Objects whose ownerReferences name `ownerUid` (optionally of one kind), in creation order. */
  dependents<T extends ApiObject = ApiObject>(ownerUid: string, kind?: string): T[] {
    const set = this.owned.get(ownerUid);
    if (!set) return [];
    const out: T[] = [];
    for (const o of set) if (!kind || o.kind === kind) out.push(o as T);
    return out;
  }

  /** Store a new object (its metadata already complete) and tell the watchers. */
  add(obj: ApiObject): void {
    const kind = obj.kind!;
    let map = this.byKind.get(kind);
    if (!map) this.byKind.set(kind, (map = new Map()));
    map.set(keyOf(kind, obj.metadata?.namespace, obj.metadata!.name!), obj);
    this.sorted.delete(kind);
    this.index(obj, true);
    this.emit({ op: 'created', obj });
  }

  /** Replace an object in place (same key), bumping its resourceVersion. */
  update(obj: ApiObject, notify = true): void {
    (obj.metadata as Writable<ObjectMeta>).resourceVersion = this.nextResourceVersion();
    const kind = obj.kind!;
    const key = keyOf(kind, obj.metadata?.namespace, obj.metadata!.name!);
    const map = this.byKind.get(kind);
    const old = map?.get(key);
    if (old !== obj) {
      if (old) this.index(old, false);
      if (map) map.set(key, obj);
      this.sorted.delete(kind);
      this.index(obj, true);
    }
    if (notify) this.emit({ op: 'updated', obj });
  }

  remove(kind: string, namespace: string | undefined, name: string): ApiObject | undefined {
    const key = keyOf(kind, namespace, name);
    const map = this.byKind.get(kind);
    const obj = map?.get(key);
    if (!obj) return undefined;
    map!.delete(key);
    this.sorted.delete(kind);
    this.index(obj, false);
    this.emit({ op: 'deleted', obj });
    return obj;
  }

  private index(obj: ApiObject, add: boolean): void {
    for (const ref of obj.metadata?.ownerReferences ?? []) {
      let set = this.owned.get(ref.uid);
      if (add) {
        if (!set) this.owned.set(ref.uid, (set = new Set()));
        set.add(obj);
      } else {
        set?.delete(obj);
      }
    }
  }

  private emit(change: Change): void {
    for (const w of this.watchers) w(change);
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
