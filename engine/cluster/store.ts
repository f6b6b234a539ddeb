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

export class ObjectStore {
  /**
   * kind → namespace ('' for cluster-scoped kinds) → name → object. Nested maps rather than one map keyed by
   * `kind/namespace/name`: the names are the objects' own strings, so a lookup builds no key to hash.
   */
  private readonly byKind = new Map<string, Map<string, Map<string, ApiObject>>>();
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
    return this.names(kind, namespace, false)?.get(name) as T | undefined;
  }

  /** The name → object map of a kind in a namespace (made when `create`). */
  private names(kind: string, namespace: string | undefined, create: boolean): Map<string, ApiObject> | undefined {
    let spaces = this.byKind.get(kind);
    if (!spaces) {
      if (!create) return undefined;
      this.byKind.set(kind, (spaces = new Map()));
    }
    const ns = CLUSTER_SCOPED.has(kind) ? '' : namespace ?? 'default';
    let names = spaces.get(ns);
    if (!names && create) spaces.set(ns, (names = new Map()));
    return names;
  }

  /** How many objects of a kind exist (in every namespace). */
  count(kind: string): number {
    let n = 0;
    for (const names of this.byKind.get(kind)?.values() ?? []) n += names.size;
    return n;
  }

  /** Objects of a kind (in one namespace, or all when `namespace` is undefined), sorted by namespace then name. */
  list<T extends ApiObject = ApiObject>(kind: string, namespace?: string): T[] {
    let all = this.sorted.get(kind);
    if (!all) {
      all = [...this.byKind.get(kind)?.values() ?? []].flatMap((names) => [...names.values()]).sort((a, b) => cmp(a.metadata?.namespace ?? '', b.metadata?.namespace ?? '') || cmp(a.metadata?.name ?? '', b.metadata?.name ?? ''));
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
    this.names(kind, obj.metadata?.namespace, true)!.set(obj.metadata!.name!, obj);
    this.sorted.delete(kind);
    this.index(obj, true);
    this.emit({ op: 'created', obj });
  }

  /** Replace an object in place (same key), bumping its resourceVersion. */
  update(obj: ApiObject, notify = true): void {
    (obj.metadata as Writable<ObjectMeta>).resourceVersion = this.nextResourceVersion();
    const kind = obj.kind!;
    const name = obj.metadata!.name!;
    const map = this.names(kind, obj.metadata?.namespace, false);
    const old = map?.get(name);
    if (old !== obj) {
      if (old) this.index(old, false);
      if (map) map.set(name, obj);
      this.sorted.delete(kind);
      this.index(obj, true);
    }
    if (notify) this.emit({ op: 'updated', obj });
  }

  remove(kind: string, namespace: string | undefined, name: string): ApiObject | undefined {
    const map = this.names(kind, namespace, false);
    const obj = map?.get(name);
    if (!obj) return undefined;
    map!.delete(name);
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
