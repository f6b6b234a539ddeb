/**
 * What kubectl prints when the API server (or kubectl itself) refuses an object
 * (kubernetes/kubectl `pkg/cmd/util/helpers.go`: checkErr, MultilineError, StandardErrorMessage).
 */
import type { FieldError } from './fieldErrors';

const causeText = (e: FieldError): string => (e.type === 'Decode' ? e.message : e.message);

/**
 * `kubectl apply`/`create` output for one object the API server rejects as Invalid.
 * One cause prints on the same line; several print as `* field: msg` lines after a line ending
 * in `is invalid: ` (trailing space). No trailing newline.
 *
 * @param kind the object's kind (`Pod`, `Deployment`), as in the StatusError details
 */
export function formatInvalid(kind: string, name: string, errors: readonly FieldError[]): string {
  // Models kubectl checkErr for StatusReasonInvalid + MultilineError.
  const head = `The ${kind} "${name}" is invalid: `;
  if (errors.length === 0) return `The ${kind} "${name}" is invalid`;
  if (errors.length === 1) return head + causeText(errors[0] as FieldError);
  return `${head}\n${errors.map((e) => `* ${causeText(e)}`).join('\n')}`;
}

/**
 * The aggregated form (`Error from server (Invalid): error when creating "STDIN": Pod "x" is invalid: [a, b]`),
 * printed when several objects of one apply fail.
 *
 * @param qualifiedKind `Pod`, `Deployment.apps`
 */
export function formatInvalidAggregate(qualifiedKind: string, name: string, errors: readonly FieldError[], source = 'STDIN', verb = 'creating'): string {
  // Models apierrors.NewInvalid's message (ErrorList.ToAggregate: one error bare, several in brackets).
  const unique = [...new Set(errors.map((e) => e.message))];
  const agg = unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
  return `Error from server (Invalid): error when ${verb} "${source}": ${qualifiedKind} "${name}" is invalid: ${agg}`;
}

/**
 * A body the API server could not decode (wrong type, unknown field, bad quantity).
 *
 * @param kind the object's kind; @param version its version without group (`v1`)
 */
export function formatBadRequest(kind: string, version: string, decoderMessage: string, source = 'STDIN', verb = 'creating'): string {
  // Models apiserver transformDecodeError + kubectl AddSourceToErr + StandardErrorMessage.
  return `Error from server (BadRequest): error when ${verb} "${source}": ${kind} in version "${version}" cannot be handled as a ${kind}: ${decoderMessage}`;
}

/** kubectl's answer for a kind no API serves (two lines). */
export function formatUnknownKind(kind: string, apiVersion: string, name: string, namespace: string, source = 'STDIN'): string {
  // Models kubectl's resource builder: meta.NoKindMatchError wrapped with "resource mapping not found".
  return `error: resource mapping not found for name: "${name}" namespace: "${namespace}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`;
}

/** kubectl's client-side check of apiVersion and kind. */
export function formatMissingTypeInfo(missing: readonly ('apiVersion' | 'kind')[], source = 'STDIN'): string {
  // Models kubectl's schema validation (ValidateBytes): "apiVersion not set", "kind not set".
  const items = missing.map((m) => `${m} not set`).join(', ');
  return `error: error validating "${source}": error validating data: [${items}]; if you choose to ignore these errors, turn validation off with --validate=false`;
}

/** kubectl's answer for a document that is not an object at all. */
export function formatNotAnObject(jsonKind: string, source = 'STDIN'): string {
  return `error: unable to decode "${source}": json: cannot unmarshal ${jsonKind} into Go value of type map[string]interface {}`;
}
