/**
 * Updating an existing Pod with `kubectl apply`: the spec the API server ends up validating (the live
 * object patched with the manifest's changes) and pkg/apis/core/validation ValidatePodUpdate's
 * answer: adding or removing (init) containers is refused first (ValidateContainerUpdates); then the
 * new spec with its updatable fields put back to their old values (images, activeDeadlineSeconds,
 * tolerations, schedulingGates, terminationGracePeriodSeconds set to 1 from a negative value) must
 * equal the old one, else the error carries `cmp.Diff(oldSpec, mungedSpec)`.
 */
import type { PodSpec } from 'kubernetes-types/core/v1';
import { cmpDiff } from './goCmp';
import { podSpecToGo, podSpecType } from './podSpecGo';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** Strategic merge keys of the PodSpec lists a playground manifest uses (patchMergeKey in core/v1 types). */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name', initContainers: 'name', volumes: 'name', volumeMounts: 'mountPath', env: 'name', ports: 'containerPort', imagePullSecrets: 'name',
};

/**
 * The live value with the manifest applied, as the three-way patch of kubectl apply does: what the
 * manifest sets replaces or merges into the live value (lists with a merge key item by item), what
 * the last applied manifest had and this one drops is removed, and what only the server set
 * (nodeName, the service account token volume and its mounts) stays.
 */
function merge(live: unknown, last: unknown, user: unknown): unknown {
  if (!isObj(live) || !isObj(user)) return user;
  const lastObj = isObj(last) ? last : {};
  const out: Obj = {};
  for (const key of new Set([...Object.keys(live), ...Object.keys(user)])) {
    if (key in user) {
      const mergeKey = MERGE_KEYS[key];
      out[key] = mergeKey && Array.isArray(live[key]) && Array.isArray(user[key])
        ? mergeList(live[key] as unknown[], lastObj[key], user[key] as unknown[], mergeKey)
        : merge(live[key], lastObj[key], user[key]);
    } else if (!(key in lastObj)) {
      out[key] = live[key];
    }
  }
  return out;
}

function mergeList(live: unknown[], last: unknown, user: unknown[], key: string): unknown[] {
  const keyOf = (v: unknown) => (isObj(v) ? v[key] : undefined);
  const lastItems = Array.isArray(last) ? last : [];
  const merged = user.map((u) => {
    const l = live.find((v) => keyOf(v) === keyOf(u));
    return l === undefined ? u : merge(l, lastItems.find((v) => keyOf(v) === keyOf(u)), u);
  });
  const serverOnly = live.filter((v) => !user.some((u) => keyOf(u) === keyOf(v)) && !lastItems.some((u) => keyOf(u) === keyOf(v)));
  return [...merged, ...serverOnly];
}

/** The spec the update submits: the live spec patched with the (defaulted) manifest's spec. */
export function patchedPodSpec(live: PodSpec, lastApplied: PodSpec | undefined, user: PodSpec): PodSpec {
  return merge(live, lastApplied, user) as PodSpec;
}

const UPDATABLE = '`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** ValidatePodUpdate's spec error (field path and message), or null when the update is allowed. */
export function podUpdateError(minor: number, oldSpec: PodSpec, newSpec: PodSpec): string | null {
  for (const field of ['containers', 'initContainers'] as const) {
    if ((newSpec[field] ?? []).length !== (oldSpec[field] ?? []).length) return `spec.${field}: Forbidden: pod updates may not add or remove containers`;
  }
  const withOldImages = (field: 'containers' | 'initContainers') => newSpec[field]?.map((c, i) => ({ ...c, image: oldSpec[field]![i].image }));
  const munged: PodSpec = {
    ...newSpec,
    containers: withOldImages('containers') ?? newSpec.containers,
    ...(newSpec.initContainers ? { initContainers: withOldImages('initContainers') } : {}),
    activeDeadlineSeconds: oldSpec.activeDeadlineSeconds,
    tolerations: oldSpec.tolerations,
    ...(minor >= 27 ? { schedulingGates: oldSpec.schedulingGates } : {}),
  };
  const oldGrace = oldSpec.terminationGracePeriodSeconds;
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  const diff = cmpDiff(podSpecType(minor), podSpecToGo(minor, oldSpec as unknown as Record<string, unknown>), podSpecToGo(minor, munged as unknown as Record<string, unknown>));
  return diff === '' ? null : `spec: Forbidden: pod updates may not change fields other than ${UPDATABLE}\n${diff.replace(/\n$/, '')}`;
}
