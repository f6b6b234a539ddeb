/**
 * ObjectMeta, labels and label selectors (apimachinery `pkg/api/validation/objectmeta.go`,
 * `pkg/apis/meta/v1/validation`).
 */
import type { ErrorList } from './fieldErrors';
import { isDNS1123Subdomain, isDNS1123Label, isLabelValue, isQualifiedName } from './names';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const objs = (v: unknown): Obj[] => arr(v).map((x) => (isObj(x) ? x : {}));
export const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
};
/** Go's `len(s) > 0` for an optional string field. */
export const has = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** A ValidateNameFunc: problems with a name (prefix: it will get a generated suffix). */
export type NameFn = (name: string, prefix: boolean) => string[];

// Models apimachinery maskTrailingDash: a generateName may end in '-'.
const mask = (name: string, prefix: boolean): string => (prefix && name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name);
export const nameIsDNSSubdomain: NameFn = (n, p) => isDNS1123Subdomain(mask(n, p));
export const nameIsDNSLabel: NameFn = (n, p) => isDNS1123Label(mask(n, p));

const ANNOTATIONS_MAX_BYTES = 256 * 1024;

// Models apimachinery ValidateObjectMetaAccessor: generateName, name, namespace, labels, annotations.
export function validateObjectMeta(meta: Obj, namespaced: boolean, nameFn: NameFn, path: string, errs: ErrorList): void {
  const generateName = str(meta.generateName);
  if (generateName) errs.invalidEach(`${path}.generateName`, generateName, nameFn(generateName, true));
  const name = str(meta.name);
  if (!name) errs.required(`${path}.name`, 'name or generateName is required');
  else errs.invalidEach(`${path}.name`, name, nameFn(name, false));
  if (namespaced) {
    const ns = str(meta.namespace);
    if (!ns) errs.required(`${path}.namespace`);
    else errs.invalidEach(`${path}.namespace`, ns, isDNS1123Label(ns));
  }
  errs.nonNegative(`${path}.generation`, meta.generation);
  validateLabels(strMap(meta.labels), `${path}.labels`, errs);
  validateAnnotations(strMap(meta.annotations), `${path}.annotations`, errs);
}

// Models v1validation.ValidateLabels: key then value problems, per label.
export function validateLabels(labels: Record<string, string>, path: string, errs: ErrorList): void {
  for (const [k, v] of Object.entries(labels)) {
    errs.invalidEach(path, k, isQualifiedName(k));
    errs.invalidEach(path, v, isLabelValue(v));
  }
}

// Models apimachinery ValidateAnnotations: keys are qualified names (case-insensitive), total ≤ 256 KiB.
export function validateAnnotations(annotations: Record<string, string>, path: string, errs: ErrorList): void {
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) {
    errs.invalidEach(path, k, isQualifiedName(k.toLowerCase()));
    size += k.length + v.length;
  }
  if (size > ANNOTATIONS_MAX_BYTES) errs.tooLong(path, ANNOTATIONS_MAX_BYTES);
}

/** A label selector as the API server evaluates it; null when it cannot be built (invalid). */
export type Selector = { readonly nothing: true } | { readonly nothing: false; readonly matches: (labels: Record<string, string>) => boolean; readonly empty: boolean };

// Models v1validation.ValidateLabelSelector and ValidateLabelSelectorRequirement.
export function validateLabelSelector(sel: Obj, path: string, errs: ErrorList): void {
  validateLabels(strMap(sel.matchLabels), `${path}.matchLabels`, errs);
  objs(sel.matchExpressions).forEach((req, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const op = str(req.operator);
    const values = arr(req.values);
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'");
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) errs.forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    } else {
      errs.invalid(`${p}.operator`, op, 'not a valid selector operator');
    }
    errs.invalidEach(`${p}.key`, str(req.key), isQualifiedName(str(req.key)));
    values.forEach((v, j) => errs.invalidEach(`${p}.values[${j}]`, str(v), isLabelValue(str(v))));
  });
}

// Models metav1.LabelSelectorAsSelector: nil selects nothing, {} everything; null result = conversion error.
export function selectorFor(sel: unknown): Selector | null {
  if (!isObj(sel)) return { nothing: true };
  const matchLabels = strMap(sel.matchLabels);
  const exprs = objs(sel.matchExpressions);
  for (const [k, v] of Object.entries(matchLabels)) if (isQualifiedName(k).length || isLabelValue(v).length) return null;
  for (const e of exprs) {
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(str(e.operator)) || isQualifiedName(str(e.key)).length) return null;
  }
  const empty = Object.keys(matchLabels).length === 0 && exprs.length === 0;
  return {
    nothing: false,
    empty,
    matches: (labels) =>
      Object.entries(matchLabels).every(([k, v]) => labels[k] === v) &&
      exprs.every((e) => {
        const key = str(e.key);
        const values = arr(e.values).map(str);
        const present = Object.prototype.hasOwnProperty.call(labels, key);
        switch (str(e.operator)) {
          case 'In':
            return present && values.includes(labels[key] as string);
          case 'NotIn':
            return !present || !values.includes(labels[key] as string);
          case 'Exists':
            return present;
          default:
            return !present;
        }
      }),
  };
}
