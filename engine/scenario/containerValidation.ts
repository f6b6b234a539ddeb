/**
 * Per-container checks from `pkg/apis/core/validation/validation.go` (validateContainerCommon and
 * what it calls), in the API server's order.
 */
import type { ErrorList } from './fieldErrors';
import { quantityValue } from './quantity';
import { arr, has, isObj, nameIsDNSSubdomain, objs, str } from './metaValidation';
import type { Obj } from './metaValidation';
import { isConfigMapKey, isDNS1123Label, isEnvVarName, isValidPortName, isValidPortNum } from './names';

/** Volume names that passed validation (the `vols` map of ValidatePodSpec). */
export type VolumeSet = ReadonlySet<string>;

// Models validateContainerCommon: name, image, terminationMessagePolicy, ports, env, envFrom,
// volumeMounts, imagePullPolicy, resources.
export function validateContainerCommon(c: Obj, vols: VolumeSet, path: string, errs: ErrorList): void {
  const name = str(c.name);
  if (!name) errs.required(`${path}.name`);
  else errs.invalidEach(`${path}.name`, name, isDNS1123Label(name));
  if (!has(c.image)) errs.required(`${path}.image`);
  const tmp = str(c.terminationMessagePolicy);
  if (tmp === '') errs.required(`${path}.terminationMessagePolicy`);
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']);
  validateContainerPorts(objs(c.ports), `${path}.ports`, errs);
  validateEnv(objs(c.env), `${path}.env`, errs);
  validateEnvFrom(objs(c.envFrom), `${path}.envFrom`, errs);
  validateVolumeMounts(objs(c.volumeMounts), vols, `${path}.volumeMounts`, errs);
  // Models validatePullPolicy: sets.List order.
  const pull = str(c.imagePullPolicy);
  if (pull === '') errs.required(`${path}.imagePullPolicy`);
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull)) errs.notSupported(`${path}.imagePullPolicy`, pull, ['Always', 'IfNotPresent', 'Never']);
  if (isObj(c.resources)) validateResources(c.resources, `${path}.resources`, errs);
}

// Models validateContainerPorts.
function validateContainerPorts(ports: Obj[], path: string, errs: ErrorList): void {
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const idx = `${path}[${i}]`;
    const name = str(p.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) errs.invalidEach(`${idx}.name`, name, msgs);
      else if (names.has(name)) errs.duplicate(`${idx}.name`, name);
      else names.add(name);
    }
    const cp = typeof p.containerPort === 'number' ? p.containerPort : 0;
    if (cp === 0) errs.required(`${idx}.containerPort`);
    else errs.invalidEach(`${idx}.containerPort`, cp, isValidPortNum(cp));
    const hp = typeof p.hostPort === 'number' ? p.hostPort : 0;
    if (hp !== 0) errs.invalidEach(`${idx}.hostPort`, hp, isValidPortNum(hp));
    const proto = str(p.protocol);
    if (proto === '') errs.required(`${idx}.protocol`);
    else if (!['SCTP', 'TCP', 'UDP'].includes(proto)) errs.notSupported(`${idx}.protocol`, proto, ['SCTP', 'TCP', 'UDP']);
  });
}

const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

// Models ValidateEnv and validateEnvVarValueFrom.
function validateEnv(vars: Obj[], path: string, errs: ErrorList): void {
  vars.forEach((ev, i) => {
    const idx = `${path}[${i}]`;
    const name = str(ev.name);
    if (!name) errs.required(`${idx}.name`);
    else errs.invalidEach(`${idx}.name`, name, isEnvVarName(name));
    if (!isObj(ev.valueFrom)) return;
    const vf = ev.valueFrom;
    const vp = `${idx}.valueFrom`;
    let sources = 0;
    if (isObj(vf.fieldRef)) {
      sources++;
      const fp = str(vf.fieldRef.fieldPath);
      if (!has(vf.fieldRef.apiVersion)) errs.required(`${vp}.fieldRef.apiVersion`);
      else if (!fp) errs.required(`${vp}.fieldRef.fieldPath`);
      else if (!/^metadata\.(labels|annotations)\['.+'\]$/.test(fp) && !ENV_FIELD_PATHS.includes(fp)) {
        errs.notSupported(`${vp}.fieldRef.fieldPath`, fp, ENV_FIELD_PATHS);
      }
    }
    if (isObj(vf.resourceFieldRef)) {
      sources++;
      const r = str(vf.resourceFieldRef.resource);
      if (!r) errs.required(`${vp}.resourceFieldRef.resource`);
      else if (!RESOURCE_FIELD_PATHS.includes(r) && !/^(limits|requests)\.hugepages-/.test(r)) errs.notSupported(`${vp}.resourceFieldRef.resource`, r, RESOURCE_FIELD_PATHS);
    }
    for (const key of ['configMapKeyRef', 'secretKeyRef']) {
      const ref = vf[key];
      if (!isObj(ref)) continue;
      sources++;
      errs.invalidEach(`${vp}.${key}.name`, str(ref.name), nameIsDNSSubdomain(str(ref.name), false));
      const k = str(ref.key);
      if (!k) errs.required(`${vp}.${key}.key`);
      else errs.invalidEach(`${vp}.${key}.key`, k, isConfigMapKey(k));
    }
    if (sources === 0) errs.invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`');
    else if (has(ev.value)) errs.invalid(vp, '', 'may not be specified when `value` is not empty');
    else if (sources > 1) errs.invalid(vp, '', 'may not have more than one field specified at a time');
  });
}

// Models ValidateEnvFrom.
function validateEnvFrom(list: Obj[], path: string, errs: ErrorList): void {
  list.forEach((ev, i) => {
    const idx = `${path}[${i}]`;
    if (has(ev.prefix)) errs.invalidEach(`${idx}.prefix`, ev.prefix, isEnvVarName(ev.prefix));
    let sources = 0;
    for (const key of ['configMapRef', 'secretRef']) {
      const ref = ev[key];
      if (!isObj(ref)) continue;
      sources++;
      const name = str(ref.name);
      if (!name) errs.required(`${idx}.${key}.name`);
      else errs.invalidEach(`${idx}.${key}.name`, name, nameIsDNSSubdomain(name, true));
    }
    if (sources === 0) errs.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`');
    else if (sources > 1) errs.invalid(path, '', 'may not have more than one field specified at a time');
  });
}

// Models ValidateVolumeMounts: a mount must name a valid volume of the pod.
function validateVolumeMounts(mounts: Obj[], vols: VolumeSet, path: string, errs: ErrorList): void {
  const mountPoints = new Set<string>();
  mounts.forEach((m, i) => {
    const idx = `${path}[${i}]`;
    const name = str(m.name);
    const mountPath = str(m.mountPath);
    if (!name) errs.required(`${idx}.name`);
    if (!vols.has(name)) errs.notFound(`${idx}.name`, name);
    if (!mountPath) errs.required(`${idx}.mountPath`);
    if (mountPoints.has(mountPath)) errs.invalid(`${idx}.mountPath`, mountPath, 'must be unique');
    mountPoints.add(mountPath);
    // Upstream reports subPath problems on `volumeMounts.subPath`, without the index.
    if (has(m.subPath)) validateLocalDescendingPath(m.subPath, `${path}.subPath`, errs);
    if (has(m.subPathExpr)) {
      if (has(m.subPath)) errs.invalid(`${idx}.subPathExpr`, m.subPathExpr, 'subPathExpr and subPath are mutually exclusive');
      validateLocalDescendingPath(m.subPathExpr, `${path}.subPathExpr`, errs);
    }
  });
}

// Models validateLocalDescendingPath: relative, and no '..' element.
function validateLocalDescendingPath(p: string, path: string, errs: ErrorList): void {
  if (p.startsWith('/')) errs.invalid(path, p, 'must be a relative path');
  if (p.split(/[\\/]/).includes('..')) errs.invalid(path, p, "must not contain '..'");
}

// Models ValidateContainerResourceRequirements (the part learners meet): requests ≤ limits.
function validateResources(res: Obj, path: string, errs: ErrorList): void {
  const limits = isObj(res.limits) ? res.limits : {};
  const requests = isObj(res.requests) ? res.requests : {};
  for (const [name, q] of Object.entries(requests)) {
    const lim = limits[name];
    if (lim === undefined) continue;
    const r = quantityValue(q);
    const l = quantityValue(lim);
    if (r !== null && l !== null && r > l) {
      errs.invalid(`${path}.requests`, String(q), `must be less than or equal to ${name} limit of ${String(lim)}`);
    }
  }
}

// Models validateProbe / validateLivenessProbe / validateReadinessProbe / validateStartupProbe.
export function validateProbe(probe: unknown, kind: 'liveness' | 'readiness' | 'startup', grace: number | undefined, path: string, errs: ErrorList): void {
  if (!isObj(probe)) return;
  validateHandler(probe, ['exec', 'httpGet', 'tcpSocket', 'grpc'], grace, path, errs);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.nonNegative(`${path}.${f}`, probe[f]);
  }
  const tgps = probe.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps <= 0) errs.invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must be greater than 0');
  if (kind !== 'readiness' && probe.successThreshold !== 1 && typeof probe.successThreshold === 'number') {
    errs.invalid(`${path}.successThreshold`, probe.successThreshold, 'must be 1');
  }
  if (kind === 'readiness' && typeof tgps === 'number') errs.invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must not be set for readinessProbes');
}

// Models validateLifecycle: postStart and preStop handlers.
export function validateLifecycle(lc: unknown, grace: number | undefined, path: string, errs: ErrorList): void {
  if (!isObj(lc)) return;
  for (const hook of ['postStart', 'preStop']) {
    if (isObj(lc[hook])) validateHandler(lc[hook] as Obj, ['exec', 'httpGet', 'tcpSocket', 'sleep'], grace, `${path}.${hook}`, errs);
  }
}

// Models validateHandler: exactly one handler type.
function validateHandler(h: Obj, kinds: readonly string[], grace: number | undefined, path: string, errs: ErrorList): void {
  let n = 0;
  for (const kind of ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep']) {
    if (!kinds.includes(kind) || !isObj(h[kind])) continue;
    const p = `${path}.${kind}`;
    if (n++ > 0) {
      errs.forbidden(p, 'may not specify more than 1 handler type');
      continue;
    }
    const a = h[kind] as Obj;
    if (kind === 'exec' && arr(a.command).length === 0) errs.required(`${p}.command`);
    if (kind === 'httpGet') {
      if (!has(a.path)) errs.required(`${p}.path`);
      validatePortNumOrName(a.port, `${p}.port`, errs);
      const scheme = str(a.scheme);
      if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.notSupported(`${p}.scheme`, scheme, ['HTTP', 'HTTPS']);
    }
    if (kind === 'tcpSocket') validatePortNumOrName(a.port, `${p}.port`, errs);
    if (kind === 'grpc') validatePortNumOrName(typeof a.port === 'number' ? a.port : 0, `${p}.port`, errs);
    if (kind === 'sleep' && grace !== undefined) {
      const s = typeof a.seconds === 'number' ? a.seconds : 0;
      if (s < 0 || s > grace) errs.invalid(p, s, `must be non-negative and less than terminationGracePeriodSeconds (${grace})`);
    }
  }
  if (n === 0) errs.required(path, 'must specify a handler type');
}

// Models ValidatePortNumOrName.
export function validatePortNumOrName(port: unknown, path: string, errs: ErrorList): void {
  if (typeof port === 'string') errs.invalidEach(path, port, isValidPortName(port));
  else {
    const n = typeof port === 'number' ? port : 0;
    errs.invalidEach(path, n, isValidPortNum(n));
  }
}
