/**
 * Field selectors (`--field-selector status.phase=Running,metadata.name!=x`): the string form, and the
 * fields each resource's API server accepts, with the values it compares them against.
 */
import type { ResourceInfo, ResourceName } from './resources';

/** One term of a field selector: `field=value`, `field==value` or `field!=value`. */
export interface FieldRequirement {
  readonly field: string;
  readonly op: '=' | '!=';
  readonly value: string;
}

/**
 * Parses a field selector; an error string as the API server words it when a term has no operator.
 * `\,` `\=` `\!` and `\\` escape those characters inside a field or value.
 */
// Models apimachinery fields.ParseSelector (splitTerms, splitTerm: "!=" before "==" before "=", UnescapeValue).
export function parseFieldSelector(s: string): FieldRequirement[] | { error: string } {
  const out: FieldRequirement[] = [];
  if (s === '') return out;
  for (const term of splitUnescaped(s, ',')) {
    if (term === '') continue;
    const parsed = splitTerm(term);
    if (!parsed) return { error: `invalid selector: '${s}'; can't understand '${term}'` };
    const value = unescape(parsed.value);
    if (value === null) return { error: `invalid field selector value '${parsed.value}'` };
    out.push({ field: parsed.field, op: parsed.op, value });
  }
  return out;
}

/** Splits at `sep` where it is not escaped by a backslash (the escapes stay in the parts). */
function splitUnescaped(s: string, sep: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === sep) { parts.push(s.slice(start, i)); start = i + 1; }
  }
  parts.push(s.slice(start));
  return parts;
}

function splitTerm(term: string): { field: string; op: '=' | '!='; value: string } | null {
  for (let i = 0; i < term.length; i++) {
    if (term[i] === '\\') { i++; continue; }
    for (const [token, op] of [['!=', '!='], ['==', '='], ['=', '=']] as const) {
      if (term.startsWith(token, i)) return { field: term.slice(0, i), op, value: term.slice(i + token.length) };
    }
  }
  return null;
}

function unescape(v: string): string | null {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== '\\') { out += v[i]; continue; }
    const next = v[++i];
    if (next === undefined || !'\\,=!'.includes(next)) return null;
    out += next;
  }
  return out;
}

type Obj = { readonly metadata?: { readonly name?: string; readonly namespace?: string } } & Record<string, unknown>;
type Fields = Readonly<Record<string, (o: Obj) => string>>;

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const at = (o: Obj, ...path: string[]): unknown => path.reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);

// Models the API servers' field label conversion functions and *ToSelectableFields: every resource has
// metadata.name and metadata.namespace, some have a few more.
const COMMON: Fields = { 'metadata.name': (o) => str(o.metadata?.name), 'metadata.namespace': (o) => str(o.metadata?.namespace) };
const EXTRA: Partial<Record<ResourceName, Fields>> = {
  // pkg/registry/core/pod/strategy.go PodToSelectableFields.
  pods: {
    'spec.nodeName': (o) => str(at(o, 'spec', 'nodeName')),
    'spec.restartPolicy': (o) => str(at(o, 'spec', 'restartPolicy')),
    'spec.schedulerName': (o) => str(at(o, 'spec', 'schedulerName')),
    'spec.serviceAccountName': (o) => str(at(o, 'spec', 'serviceAccountName')),
    'spec.hostNetwork': (o) => String(at(o, 'spec', 'hostNetwork') === true),
    'status.phase': (o) => str(at(o, 'status', 'phase')),
    'status.podIP': (o) => str(at(o, 'status', 'podIP')),
    'status.podIPs': (o) => str(at(o, 'status', 'podIP')),
    'status.nominatedNodeName': (o) => str(at(o, 'status', 'nominatedNodeName')),
  },
  // pkg/registry/core/event/strategy.go ToSelectableFields.
  events: {
    'involvedObject.kind': (o) => str(at(o, 'involvedObject', 'kind')),
    'involvedObject.namespace': (o) => str(at(o, 'involvedObject', 'namespace')),
    'involvedObject.name': (o) => str(at(o, 'involvedObject', 'name')),
    'involvedObject.uid': (o) => str(at(o, 'involvedObject', 'uid')),
    'involvedObject.apiVersion': (o) => str(at(o, 'involvedObject', 'apiVersion')),
    'involvedObject.resourceVersion': (o) => str(at(o, 'involvedObject', 'resourceVersion')),
    'involvedObject.fieldPath': (o) => str(at(o, 'involvedObject', 'fieldPath')),
    reason: (o) => str(at(o, 'reason')),
    reportingComponent: (o) => str(at(o, 'reportingComponent')),
    source: (o) => str(at(o, 'source', 'component')),
    type: (o) => str(at(o, 'type')),
  },
  secrets: { type: (o) => str(at(o, 'type')) },
  namespaces: { 'status.phase': (o) => str(at(o, 'status', 'phase')) },
  replicasets: { 'status.replicas': (o) => str(at(o, 'status', 'replicas') ?? 0) },
  jobs: { 'status.successful': (o) => str(at(o, 'status', 'succeeded') ?? 0) },
  services: { 'spec.clusterIP': (o) => str(at(o, 'spec', 'clusterIP')), 'spec.type': (o) => str(at(o, 'spec', 'type')) },
};

/**
 * Whether `o` (of resource `r`) matches every requirement; or the API server's refusal when a field is not
 * one it can select on.
 */
export function matchFields(r: ResourceInfo, reqs: readonly FieldRequirement[]): ((o: object) => boolean) | { error: string } {
  const fields = { ...COMMON, ...EXTRA[r.resource] };
  for (const q of reqs) if (!Object.hasOwn(fields, q.field)) return { error: `field label not supported: ${q.field}` };
  return (o) => reqs.every((q) => (fields[q.field](o as Obj) === q.value) === (q.op === '='));
}
