/**
 * The API server's admission of one manifest, step by step as a create request goes: kubectl's
 * type check, kind lookup, JSON decoding, defaulting, validation. Never throws.
 */
import { DIAGNOSTIC_CODES } from '../sim/diagnostics';
import type { Diagnostic } from '../sim/diagnostics';
import { decodeAgainst } from './decode';
import { applyDefaults } from './defaults';
import { ErrorList, fieldError } from './fieldErrors';
import type { FieldError, RenderOptions } from './fieldErrors';
import { apiVersionOf, lookupKind, resourceRef } from './kinds';
import type { KindInfo } from './kinds';
import { formatBadRequest, formatInvalid, formatMissingTypeInfo, formatNotAnObject, formatUnknownKind } from './kubectlMessages';
import { isObj, str } from './metaValidation';
import type { Obj } from './metaValidation';
import type { ManifestDoc } from './parseManifests';
import { validatePod } from './podValidation';
import { positionOf } from './positions';
import { KIND_SCHEMAS } from './schema';
import { validateConfigMap, validateNamespace, validateSecret, validateService } from './serviceValidation';
import { validateDeployment, validateJob, validateReplicaSet } from './workloadValidation';

/** Options of the simulated API server. */
export interface ValidationOptions {
  /** `1.35`, `v1.33.2`…: picks version-dependent wording. Default: the newest modelled (1.35). */
  readonly kubernetesVersion?: string;
  /** The file name kubectl names in messages. Default `STDIN` (`kubectl apply -f -`). */
  readonly source?: string;
  /** The UID a created object gets (appears in a Job's generated selector). */
  readonly uid?: string;
}

/** The outcome of submitting one object. `message` is kubectl's complete output for a rejection. */
export type ObjectCheck =
  | { readonly type: 'ok'; readonly info: KindInfo; readonly ref: string; readonly name: string; readonly namespace: string; readonly object: Obj }
  | { readonly type: 'invalid'; readonly info: KindInfo; readonly ref: string; readonly name: string; readonly errors: FieldError[]; readonly message: string }
  | { readonly type: 'bad-request'; readonly info: KindInfo; readonly ref: string; readonly name: string; readonly error: FieldError; readonly message: string }
  | { readonly type: 'unknown-kind' | 'missing-type' | 'not-an-object'; readonly message: string; readonly line: number; readonly column: number };

const DEFAULT_UID = '00000000-0000-4000-8000-000000000000';

/** Minor version from `1.35`, `v1.28.3`; the newest modelled when absent or unreadable. */
export function minorOf(version: string | undefined): number {
  const m = /^v?1\.(\d+)/.exec(version ?? '');
  return m ? Number(m[1]) : 35;
}

/**
 * Submits one manifest object as `kubectl apply` would on create, and reports what happens.
 *
 * @param doc a document from parseManifests (positions are used for error lines), or a bare object
 */
export function checkObject(doc: ManifestDoc | unknown, options: ValidationOptions = {}): ObjectCheck {
  const md = asDoc(doc);
  try {
    return checkUnsafe(md, options);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { type: 'not-an-object', message: `internal error while validating: ${detail}`, line: md.start.line, column: md.start.column };
  }
}

/**
 * The field errors the API server returns for one object (with 1-based positions when the doc
 * has them); a decoding failure is a single `Decode` error. Empty when the object is accepted or
 * is not an object of a known kind (see checkObject for those cases).
 */
export function validateObject(doc: ManifestDoc | unknown, options: ValidationOptions = {}): FieldError[] {
  const r = checkObject(doc, options);
  if (r.type === 'invalid') return r.errors;
  if (r.type === 'bad-request') return [r.error];
  return [];
}

function checkUnsafe(md: ManifestDoc, options: ValidationOptions): ObjectCheck {
  const source = options.source ?? 'STDIN';
  const render: RenderOptions = { minor: minorOf(options.kubernetesVersion) };
  const at = { line: md.start.line, column: md.start.column };
  const raw = md.object;
  if (!isObj(raw)) {
    const kind = Array.isArray(raw) ? 'array' : typeof raw === 'number' ? 'number' : typeof raw === 'boolean' ? 'bool' : 'string';
    return { type: 'not-an-object', message: formatNotAnObject(kind, source), ...at };
  }
  const missing: ('apiVersion' | 'kind')[] = [];
  if (!str(raw.apiVersion)) missing.push('apiVersion');
  if (!str(raw.kind)) missing.push('kind');
  if (missing.length > 0) return { type: 'missing-type', message: formatMissingTypeInfo(missing, source), ...posOf(md, missing[0] as string) };
  const apiVersion = str(raw.apiVersion);
  const kind = str(raw.kind);
  const meta = isObj(raw.metadata) ? raw.metadata : {};
  const name = str(meta.name);
  const info = lookupKind(apiVersion, kind);
  if (!info) {
    return { type: 'unknown-kind', message: formatUnknownKind(kind, apiVersion, name, str(meta.namespace), source), ...posOf(md, 'kind') };
  }
  const ref = resourceRef(info.kind, name);
  const schema = KIND_SCHEMAS[`${apiVersionOf(info)}/${info.kind}`];
  const failure = (schema ? decodeAgainst(raw, schema, info.kind) : null) ?? sidecarFieldBefore129(raw, render.minor);
  if (failure) {
    const error = withPos({ ...fieldError('Decode', failure.field, undefined, undefined, render), message: failure.message }, md);
    return { type: 'bad-request', info, ref, name, error, message: formatBadRequest(info.kind, info.version, failure.message, source) };
  }
  const object = applyDefaults(render.minor === 28 ? dropSidecarField(raw) : raw);
  const errs = new ErrorList(render);
  validateKind(info, object, errs, options);
  if (errs.errors.length > 0) {
    const errors = errs.errors.map((e) => withPos(e, md));
    return { type: 'invalid', info, ref, name, errors, message: formatInvalid(info.kind, name, errors) };
  }
  const ns = info.namespaced ? str((object.metadata as Obj).namespace) : '';
  return { type: 'ok', info, ref, name, namespace: ns, object };
}

/** The pod spec inside a Pod or a workload's template. */
function podSpecOf(o: Obj): { spec: Obj; prefix: string } | null {
  const spec = isObj(o.spec) ? o.spec : null;
  if (!spec) return null;
  if (isObj(spec.template) && isObj((spec.template as Obj).spec)) return { spec: (spec.template as Obj).spec as Obj, prefix: 'spec.template.spec' };
  return o.kind === 'Pod' ? { spec, prefix: 'spec' } : null;
}

// Models the API before 1.28: the container restartPolicy field (native sidecars, KEP-753) did not exist,
// so kubectl's strict field validation refuses it as an unknown field.
function sidecarFieldBefore129(o: Obj, minor: number): { message: string; field: string } | null {
  if (minor >= 28) return null;
  const ps = podSpecOf(o);
  const inits = ps && Array.isArray(ps.spec.initContainers) ? ps.spec.initContainers : [];
  const i = inits.findIndex((c) => isObj(c) && c.restartPolicy !== undefined);
  if (i < 0) return null;
  const field = `${ps!.prefix}.initContainers[${i}].restartPolicy`;
  return { message: `strict decoding error: unknown field "${field}"`, field };
}

// Models 1.28 with the SidecarContainers gate off (its default): the API server drops the disabled field,
// so the "sidecar" runs as a regular init container.
function dropSidecarField(o: Obj): Obj {
  const copy = JSON.parse(JSON.stringify(o)) as Obj;
  const ps = podSpecOf(copy);
  for (const c of ps && Array.isArray(ps.spec.initContainers) ? ps.spec.initContainers : []) if (isObj(c)) delete c.restartPolicy;
  return copy;
}

function validateKind(info: KindInfo, o: Obj, errs: ErrorList, options: ValidationOptions): void {
  switch (info.kind) {
    case 'Pod':
      return validatePod(o, errs);
    case 'Service':
      return validateService(o, errs);
    case 'ConfigMap':
      return validateConfigMap(o, errs);
    case 'Secret':
      return validateSecret(o, errs);
    case 'Namespace':
      return validateNamespace(o, errs);
    case 'Deployment':
      return validateDeployment(o, errs);
    case 'ReplicaSet':
      return validateReplicaSet(o, errs);
    case 'Job':
      return validateJob(o, errs, { uid: options.uid ?? DEFAULT_UID });
  }
}

/**
 * Diagnostics for the editor: one per field error (at the field), or one for an object that
 * could not be submitted at all. Accepted objects give none.
 */
export function objectDiagnostics(check: ObjectCheck): Diagnostic[] {
  switch (check.type) {
    case 'ok':
      return [];
    case 'invalid':
      return check.errors.map((e) => diag(DIAGNOSTIC_CODES.invalidObject, e.message, e.line ?? 1, e.column ?? 1, check.ref, e.field));
    case 'bad-request':
      return [diag(DIAGNOSTIC_CODES.invalidObject, check.message, check.error.line ?? 1, check.error.column ?? 1, check.ref, check.error.field)];
    case 'unknown-kind':
      return [diag(DIAGNOSTIC_CODES.unknownKind, check.message, check.line, check.column)];
    default:
      return [diag(DIAGNOSTIC_CODES.manifestShape, check.message, check.line, check.column)];
  }
}

function diag(code: Diagnostic['code'], message: string, line: number, column: number, object?: string, path?: string): Diagnostic {
  const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = { code, severity: 'error', message, line, column };
  if (object) d.object = object;
  if (path) d.path = path;
  return d;
}

function asDoc(doc: unknown): ManifestDoc {
  if (isObj(doc) && doc.positions instanceof Map && isObj(doc.start) && 'object' in doc) return doc as unknown as ManifestDoc;
  return { index: 0, object: doc, start: { line: 1, column: 1 }, positions: new Map() };
}

// Validation names map keys as `data[key]`; positions are recorded as `data.key`.
const positionKey = (field: string): string => field.replace(/\[([^\]]*[^0-9\]][^\]]*|)\]/g, '.$1');

function posOf(md: ManifestDoc, field: string): { line: number; column: number } {
  const p = positionOf(md.positions, positionKey(field), md.start);
  return { line: p.line, column: p.column };
}

function withPos(e: FieldError, md: ManifestDoc): FieldError {
  return { ...e, ...posOf(md, e.field) };
}
