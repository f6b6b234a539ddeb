/**
 * One object through the API server as `kubectl apply`/`create` submits it: admission (kubectl's type
 * check, kind lookup, decoding, defaults, validation; engine/scenario) and then storage. Produces
 * kubectl's output lines and the editor's diagnostics.
 */
import { checkObject, objectDiagnostics } from '../scenario/validateObject';
import type { ManifestDoc } from '../scenario/parseManifests';
import type { Diagnostic } from '../sim/diagnostics';
import type { World } from '../sim/world';
import type { ApiServer, SourceInfo } from './apiServer';
import { patchedPodSpec, podUpdateError } from './podUpdate';
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { ApiObject, LooseObject } from './store';

export interface SubmitResult {
  readonly ok: boolean;
  /** `pod/x created` (stdout) or kubectl's error text (stderr). */
  readonly stdout: string;
  readonly stderr: string;
  /** The object reference when it was recognised (`pod/x`), for the trace. */
  readonly ref?: string;
  readonly diagnostics: Diagnostic[];
}

/** The parts of an object `kubectl apply` manages (what the user wrote), for comparing and updating. */
const DESIRED = ['spec', 'data', 'stringData', 'binaryData', 'type'] as const;

/** JSON with sorted keys, where an empty list or map equals an absent field (as the API server prunes them). */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map(canonical);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const c = canonical((v as Record<string, unknown>)[k]);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return v;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a) ?? null) === JSON.stringify(canonical(b) ?? null);
}

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** JSON with map keys sorted (Go's encoding/json on an unstructured object). */
function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${sortedJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * What `kubectl apply` records on the object: the manifest as the user wrote it, with an empty
 * annotations map and the namespace filled in (apply.go / util.GetModifiedConfiguration).
 */
export function lastAppliedOf(user: LooseObject, namespaced: boolean): string {
  const meta = { ...(user.metadata ?? {}) } as Record<string, unknown>;
  const annotations = { ...((meta.annotations as Record<string, string> | undefined) ?? {}) };
  delete annotations[LAST_APPLIED];
  meta.annotations = annotations;
  if (namespaced && !meta.namespace) meta.namespace = 'default';
  return `${sortedJson({ ...user, metadata: meta })}\n`;
}

// Models kubectl apply on an existing object: the patch is computed against the last applied configuration,
// so re-applying the same manifest is "unchanged"; anything else is sent as an update.
function applyUpdate(world: World, api: ApiServer, existing: LooseObject, next: LooseObject, ref: string, lastApplied: string): SubmitResult {
  if (existing.metadata?.annotations?.[LAST_APPLIED] === lastApplied) return { ok: true, stdout: `${ref} unchanged`, stderr: '', ref, diagnostics: [] };
  const changed = DESIRED.filter((k) => next[k] !== undefined && !sameJson(existing[k], next[k]));
  const podError = existing.kind === 'Pod' && changed.includes('spec') ? podUpdateError(world.profile.minor, existing.spec as PodSpec,
    patchedPodSpec(existing.spec as PodSpec, lastAppliedSpec(existing), next.spec as PodSpec)) : null;
  if (podError) {
    const stderr = `The Pod "${existing.metadata!.name}" is invalid: ${podError}`;
    return { ok: false, stdout: '', stderr, ref, diagnostics: [{ code: 'invalid-object', severity: 'error', message: stderr, object: ref }] };
  }
  api.update(existing, withLastApplied(next, lastApplied));
  return { ok: true, stdout: `${ref} configured`, stderr: '', ref, diagnostics: [] };
}

/** The spec of the manifest last applied to `obj` (its annotation), if any. */
function lastAppliedSpec(obj: LooseObject): PodSpec | undefined {
  try {
    return (JSON.parse(obj.metadata?.annotations?.[LAST_APPLIED] ?? 'null') as { spec?: PodSpec } | null)?.spec;
  } catch {
    return undefined;
  }
}

function withLastApplied(obj: LooseObject, lastApplied: string): LooseObject {
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...(obj.metadata?.annotations ?? {}), [LAST_APPLIED]: lastApplied } } };
}

export function submit(world: World, api: ApiServer, doc: ManifestDoc, verb: 'apply' | 'create', source: SourceInfo = {}): SubmitResult {
  const check = checkObject(doc, { kubernetesVersion: world.profile.version, source: 'STDIN' });
  if (check.type !== 'ok') {
    const ref = 'ref' in check ? check.ref : undefined;
    return { ok: false, stdout: '', stderr: check.message, ...(ref ? { ref } : {}), diagnostics: objectDiagnostics(check) };
  }
  const existing = world.store.get<LooseObject>(check.object.kind as string, check.namespace || undefined, check.name);
  const lastApplied = verb === 'apply' ? lastAppliedOf(doc.object as LooseObject, check.info.namespaced) : '';
  const obj = (verb === 'apply' ? withLastApplied(check.object as LooseObject, lastApplied) : check.object) as ApiObject;
  if (existing && verb === 'apply') return applyUpdate(world, api, existing, obj as LooseObject, check.ref, lastApplied);
  const created = api.create(obj, source);
  if (!created.ok) return { ok: false, stdout: '', stderr: created.stderr, ref: created.ref, diagnostics: [] };
  return { ok: true, stdout: `${created.ref} created`, stderr: '', ref: created.ref, diagnostics: [] };
}
