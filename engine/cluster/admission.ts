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
import type { ApiObject } from './store';

export interface SubmitResult {
  readonly ok: boolean;
  /** `pod/x created` (stdout) or kubectl's error text (stderr). */
  readonly stdout: string;
  readonly stderr: string;
  /** The object reference when it was recognised (`pod/x`), for the trace. */
  readonly ref?: string;
  readonly diagnostics: Diagnostic[];
}

export function submit(world: World, api: ApiServer, doc: ManifestDoc, verb: 'apply' | 'create', source: SourceInfo = {}): SubmitResult {
  const check = checkObject(doc, { kubernetesVersion: world.profile.version, source: 'STDIN' });
  if (check.type !== 'ok') {
    const ref = 'ref' in check ? check.ref : undefined;
    return { ok: false, stdout: '', stderr: check.message, ...(ref ? { ref } : {}), diagnostics: objectDiagnostics(check) };
  }
  const obj = check.object as unknown as ApiObject;
  const existing = world.store.get(obj.kind!, check.namespace || undefined, check.name);
  if (existing && verb === 'apply') {
    // Models kubectl apply's three-way merge at the level learners meet it: an identical object is unchanged.
    return { ok: true, stdout: `${check.ref} unchanged`, stderr: '', ref: check.ref, diagnostics: [] };
  }
  const created = api.create(obj, source);
  if (!created.ok) return { ok: false, stdout: '', stderr: created.stderr, ref: created.ref, diagnostics: [] };
  return { ok: true, stdout: `${created.ref} created`, stderr: '', ref: created.ref, diagnostics: [] };
}
