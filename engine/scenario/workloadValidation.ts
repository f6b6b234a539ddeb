/**
 * Controllers' validation: Deployment and ReplicaSet (`pkg/apis/apps/validation`), Job
 * (`pkg/apis/batch/validation`). Their pod templates are validated as PodSpecs under `spec.template.spec`.
 */
import type { ErrorList } from './fieldErrors';
import { isObj, nameIsDNSSubdomain, selectorFor, str, strMap, validateLabelSelector, validateObjectMeta } from './metaValidation';
import type { Obj } from './metaValidation';
import { isValidPercent } from './names';
import { validatePodTemplateSpec } from './podValidation';

const specOf = (o: Obj): Obj => (isObj(o.spec) ? o.spec : {});
const templateOf = (spec: Obj): Obj => (isObj(spec.template) ? spec.template : {});
const templateLabels = (spec: Obj): Record<string, string> => {
  const t = templateOf(spec);
  return strMap(isObj(t.metadata) ? t.metadata.labels : undefined);
};

// Models ValidateDeployment / ValidateDeploymentSpec.
export function validateDeployment(d: Obj, errs: ErrorList): void {
  validateObjectMeta(isObj(d.metadata) ? d.metadata : {}, true, nameIsDNSSubdomain, 'metadata', errs);
  const spec = specOf(d);
  errs.nonNegative('spec.replicas', spec.replicas);
  validateSelectorAndTemplate(spec, errs);
  validateStrategy(isObj(spec.strategy) ? spec.strategy : {}, errs);
  errs.nonNegative('spec.minReadySeconds', spec.minReadySeconds);
  errs.nonNegative('spec.revisionHistoryLimit', spec.revisionHistoryLimit);
  const pds = spec.progressDeadlineSeconds;
  if (typeof pds === 'number') {
    errs.nonNegative('spec.progressDeadlineSeconds', pds);
    const mrs = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
    if (pds <= mrs) errs.invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds');
  }
}

// Models ValidateReplicaSet / ValidateReplicaSetSpec.
export function validateReplicaSet(rs: Obj, errs: ErrorList): void {
  validateObjectMeta(isObj(rs.metadata) ? rs.metadata : {}, true, nameIsDNSSubdomain, 'metadata', errs);
  const spec = specOf(rs);
  errs.nonNegative('spec.replicas', spec.replicas);
  errs.nonNegative('spec.minReadySeconds', spec.minReadySeconds);
  validateSelectorAndTemplate(spec, errs);
}

// The shared part of both specs: selector required and non-empty, it must select the template,
// the template must be a valid pod that restarts Always.
function validateSelectorAndTemplate(spec: Obj, errs: ErrorList): void {
  if (!isObj(spec.selector)) errs.required('spec.selector');
  else {
    validateLabelSelector(spec.selector, 'spec.selector', errs);
    const sel = spec.selector;
    const n = Object.keys(strMap(sel.matchLabels)).length + (Array.isArray(sel.matchExpressions) ? sel.matchExpressions.length : 0);
    if (n === 0) errs.invalid('spec.selector', sel, 'empty selector is invalid for deployment');
  }
  const selector = selectorFor(spec.selector);
  if (!selector) {
    errs.invalid('spec.selector', spec.selector, 'invalid label selector');
    return;
  }
  // Models ValidatePodTemplateSpecForReplicaSet.
  const labels = templateLabels(spec);
  if (selector.nothing || (!selector.empty && !selector.matches(labels))) {
    const t = templateOf(spec);
    const raw = isObj(t.metadata) ? t.metadata.labels : undefined;
    errs.invalid('spec.template.metadata.labels', raw ?? null, '`selector` does not match template `labels`');
  }
  validatePodTemplateSpec(templateOf(spec), 'spec.template', errs);
  const tspec = isObj(templateOf(spec).spec) ? (templateOf(spec).spec as Obj) : {};
  const rp = str(tspec.restartPolicy);
  if (rp !== 'Always') errs.notSupported('spec.template.spec.restartPolicy', rp, ['Always']);
  if (tspec.activeDeadlineSeconds !== undefined && tspec.activeDeadlineSeconds !== null) {
    errs.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicaSet is not Supported');
  }
}

// Models ValidateDeploymentStrategy and ValidateRollingUpdateDeployment.
function validateStrategy(strategy: Obj, errs: ErrorList): void {
  const type = str(strategy.type);
  if (type === 'Recreate') {
    if (strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
      errs.forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'");
    }
  } else if (type === 'RollingUpdate') {
    const ru = isObj(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
    const path = 'spec.strategy.rollingUpdate';
    intOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`, errs);
    intOrPercent(ru.maxSurge, `${path}.maxSurge`, errs);
    if (numeric(ru.maxUnavailable) === 0 && numeric(ru.maxSurge) === 0) {
      errs.invalid(`${path}.maxUnavailable`, ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0');
    }
    if (typeof ru.maxUnavailable === 'string' && isValidPercent(ru.maxUnavailable).length === 0 && numeric(ru.maxUnavailable) > 100) {
      errs.invalid(`${path}.maxUnavailable`, ru.maxUnavailable, 'must not be greater than 100%');
    }
  } else {
    errs.notSupported('spec.strategy', { Type: type, RollingUpdate: strategy.rollingUpdate ?? null }, ['Recreate', 'RollingUpdate']);
  }
}

// Models ValidatePositiveIntOrPercent.
function intOrPercent(v: unknown, path: string, errs: ErrorList): void {
  if (typeof v === 'string') errs.invalidEach(path, v, isValidPercent(v));
  else errs.nonNegative(path, v);
}

function numeric(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[0-9]+%$/.test(v)) return Number(v.slice(0, -1));
  return 0;
}

/** Options that stand in for what the API server generates on create. */
export interface JobCreateOptions {
  /** The UID the object gets (shown in the `selector not auto-generated` error). */
  readonly uid: string;
}

// Models ValidateJob: metadata, the generated selector, ValidateJobSpec.
export function validateJob(job: Obj, errs: ErrorList, opts: JobCreateOptions): void {
  const meta = isObj(job.metadata) ? job.metadata : {};
  validateObjectMeta(meta, true, nameIsDNSSubdomain, 'metadata', errs);
  const spec = specOf(job);
  const name = str(meta.name);
  // Models job strategy generateSelector: without manualSelector the API server labels the template
  // and selects on its own UID; a user selector that wants other labels is rejected.
  const manual = spec.manualSelector === true;
  const labels = { ...templateLabels(spec) };
  let selectorValue: unknown = spec.selector;
  if (!manual) {
    const gen: Record<string, string> = { 'batch.kubernetes.io/controller-uid': opts.uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': opts.uid, 'job-name': name };
    for (const [k, v] of Object.entries(gen)) if (!(k in labels)) labels[k] = v;
    const userSel = isObj(spec.selector) ? spec.selector : {};
    const matchLabels = { ...strMap(userSel.matchLabels) };
    if (!('batch.kubernetes.io/controller-uid' in matchLabels)) matchLabels['batch.kubernetes.io/controller-uid'] = opts.uid;
    selectorValue = { ...userSel, matchLabels };
    const sel = selectorFor(selectorValue);
    if (sel && !sel.nothing && !sel.matches(gen)) errs.invalid('spec.selector', selectorValue, '`selector` not auto-generated');
  }
  validateJobSpec(spec, labels, errs);
  if (!isObj(selectorValue)) errs.required('spec.selector');
  else validateLabelSelector(selectorValue, 'spec.selector', errs);
  const sel = selectorFor(selectorValue);
  if (sel && (sel.nothing || !sel.matches(labels))) {
    errs.invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`');
  }
}

// Models validateJobSpec (the fields learners write).
function validateJobSpec(spec: Obj, labels: Record<string, string>, errs: ErrorList): void {
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished']) errs.nonNegative(`spec.${f}`, spec[f]);
  const mode = spec.completionMode;
  if (typeof mode === 'string') {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.notSupported('spec.completionMode', mode, ['NonIndexed', 'Indexed']);
    if (mode === 'Indexed' && typeof spec.completions !== 'number') errs.required('spec.completions', 'when completion mode is Indexed');
  }
  const template = templateOf(spec);
  const meta = isObj(template.metadata) ? template.metadata : {};
  validatePodTemplateSpec({ ...template, metadata: { ...meta, labels } }, 'spec.template', errs);
  const tspec = isObj(template.spec) ? template.spec : {};
  const rp = str(tspec.restartPolicy);
  if (rp === 'Always' || rp === '') errs.required('spec.template.spec.restartPolicy', 'valid values: "OnFailure", "Never"');
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.notSupported('spec.template.spec.restartPolicy', rp, ['OnFailure', 'Never']);
  else if (isObj(spec.podFailurePolicy) && rp !== 'Never') errs.invalid('spec.template.spec.restartPolicy', rp, 'only "Never" is supported when podFailurePolicy is specified');
}
