/**
 * ValidatePodSpec and what surrounds it (`pkg/apis/core/validation/validation.go`): volumes,
 * containers first, then init containers, then pod-level fields, in the API server's order.
 */
import type { ErrorList } from './fieldErrors';
import { validateContainerCommon, validateLifecycle, validateProbe } from './containerValidation';
import type { VolumeSet } from './containerValidation';
import { has, isObj, nameIsDNSSubdomain, objs, str, strMap, validateAnnotations, validateLabels, validateObjectMeta } from './metaValidation';
import type { Obj } from './metaValidation';
import { isDNS1123Label } from './names';

// Upstream validateVolumeSource's order of sources (its "more than 1 volume type" check follows it).
const VOLUME_SOURCE_ORDER = ['emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume',
  'configMap', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected',
  'scaleIO', 'csi', 'ephemeral', 'image'];

// Required fields of the common volume sources (validateSecretVolumeSource, validateConfigMapVolumeSource, …).
const SOURCE_REQUIRED: Readonly<Record<string, string>> = {
  secret: 'secretName', configMap: 'name', hostPath: 'path', persistentVolumeClaim: 'claimName', nfs: 'server',
};

// Models ValidateVolumes: source, then name, then duplicates; only clean volumes can be mounted.
function validateVolumes(volumes: Obj[], path: string, errs: ErrorList): VolumeSet {
  const names = new Set<string>();
  volumes.forEach((vol, i) => {
    const idx = `${path}[${i}]`;
    const before = errs.errors.length;
    let sources = 0;
    for (const source of VOLUME_SOURCE_ORDER) {
      if (!isObj(vol[source])) continue;
      if (sources++ > 0) {
        errs.forbidden(`${idx}.${source}`, 'may not specify more than 1 volume type');
        continue;
      }
      const req = SOURCE_REQUIRED[source];
      if (req && !has((vol[source] as Obj)[req])) errs.required(`${idx}.${source}.${req}`);
    }
    if (sources === 0) errs.required(idx, 'must specify a volume type');
    const name = str(vol.name);
    if (!name) errs.required(`${idx}.name`);
    else errs.invalidEach(`${idx}.name`, name, isDNS1123Label(name));
    if (names.has(name)) errs.duplicate(`${idx}.name`, name);
    if (errs.errors.length === before) names.add(name);
  });
  return names;
}

const grace = (spec: Obj): number | undefined => (typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : undefined);

// Models validateContainers: at least one; unique names; probes and lifecycle allowed; no restartPolicy.
function validateContainers(list: unknown, vols: VolumeSet, spec: Obj, path: string, errs: ErrorList): void {
  const containers = objs(list);
  if (containers.length === 0) {
    errs.required(path);
    return;
  }
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const idx = `${path}[${i}]`;
    validateContainerCommon(c, vols, idx, errs);
    const name = str(c.name);
    if (names.has(name)) errs.duplicate(`${idx}.name`, name);
    else names.add(name);
    validateLifecycle(c.lifecycle, grace(spec), `${idx}.lifecycle`, errs);
    validateProbe(c.livenessProbe, 'liveness', grace(spec), `${idx}.livenessProbe`, errs);
    validateProbe(c.readinessProbe, 'readiness', grace(spec), `${idx}.readinessProbe`, errs);
    validateProbe(c.startupProbe, 'startup', grace(spec), `${idx}.startupProbe`, errs);
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) errs.forbidden(`${idx}.restartPolicy`, 'may not be set for non-init containers');
  });
  checkHostPorts(containers, path, errs);
}

// Models validateInitContainers: names unique across app and init containers (reported on the init
// container); probes and lifecycle only for sidecars (restartPolicy: Always).
function validateInitContainers(list: unknown, appList: unknown, vols: VolumeSet, spec: Obj, path: string, errs: ErrorList): void {
  const names = new Set(objs(appList).map((c) => str(c.name)));
  objs(list).forEach((c, i) => {
    const idx = `${path}[${i}]`;
    validateContainerCommon(c, vols, idx, errs);
    let sidecar = false;
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      const rp = str(c.restartPolicy);
      if (rp !== 'Always') errs.notSupported(`${idx}.restartPolicy`, rp, ['Always']);
      sidecar = rp === 'Always';
    }
    const name = str(c.name);
    if (names.has(name)) errs.duplicate(`${idx}.name`, name);
    else if (name) names.add(name);
    // Init containers run one at a time, so host ports are checked per container.
    checkHostPorts([c], path, errs);
    if (sidecar) {
      validateLifecycle(c.lifecycle, grace(spec), `${idx}.lifecycle`, errs);
      validateProbe(c.livenessProbe, 'liveness', grace(spec), `${idx}.livenessProbe`, errs);
      validateProbe(c.readinessProbe, 'readiness', grace(spec), `${idx}.readinessProbe`, errs);
      validateProbe(c.startupProbe, 'startup', grace(spec), `${idx}.startupProbe`, errs);
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[f] !== undefined && c[f] !== null) errs.forbidden(`${idx}.${f}`, 'may not be set for init containers without restartPolicy=Always');
      }
    }
    if (Array.isArray(c.resizePolicy) && c.resizePolicy.length > 0) errs.invalid(`${idx}.resizePolicy`, c.resizePolicy, 'must not be set for init containers');
  });
}

// Models AccumulateUniqueHostPorts: protocol/hostIP/hostPort must not repeat.
function checkHostPorts(containers: Obj[], path: string, errs: ErrorList): void {
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    objs(c.ports).forEach((p, pi) => {
      const port = typeof p.hostPort === 'number' ? p.hostPort : 0;
      if (port === 0) return;
      const key = `${str(p.protocol)}/${str(p.hostIP)}/${port}`;
      if (seen.has(key)) errs.duplicate(`${path}[${ci}].ports[${pi}].hostPort`, key);
      else seen.add(key);
    });
  });
}

/**
 * Models ValidatePodSpec (pod-level checks learners can meet; securityContext, affinity and
 * topology constraints are not modelled).
 */
export function validatePodSpec(spec: Obj, path: string, errs: ErrorList): void {
  if (typeof spec.terminationGracePeriodSeconds !== 'number') errs.required(`${path}.terminationGracePeriodSeconds`);
  const vols = validateVolumes(objs(spec.volumes), `${path}.volumes`, errs);
  validateContainers(spec.containers, vols, spec, `${path}.containers`, errs);
  validateInitContainers(spec.initContainers, spec.containers, vols, spec, `${path}.initContainers`, errs);
  // Models validateRestartPolicy.
  const rp = str(spec.restartPolicy);
  if (rp === '') errs.required(`${path}.restartPolicy`);
  else if (!['Always', 'OnFailure', 'Never'].includes(rp)) errs.notSupported(`${path}.restartPolicy`, rp, ['Always', 'OnFailure', 'Never']);
  // Models validateDNSPolicy.
  const dns = str(spec.dnsPolicy);
  const dnsValues = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (dns === '') errs.required(`${path}.dnsPolicy`);
  else if (!dnsValues.includes(dns)) errs.notSupported(`${path}.dnsPolicy`, dns, dnsValues);
  validateLabels(strMap(spec.nodeSelector), `${path}.nodeSelector`, errs);
  if (has(spec.serviceAccountName)) errs.invalidEach(`${path}.serviceAccountName`, spec.serviceAccountName, nameIsDNSSubdomain(spec.serviceAccountName, false));
  if (has(spec.nodeName)) errs.invalidEach(`${path}.nodeName`, spec.nodeName, nameIsDNSSubdomain(spec.nodeName, false));
  const ads = spec.activeDeadlineSeconds;
  if (typeof ads === 'number' && (ads < 1 || ads > 2147483647)) errs.invalid(`${path}.activeDeadlineSeconds`, ads, 'must be between 1 and 2147483647, inclusive');
  if (has(spec.hostname)) errs.invalidEach(`${path}.hostname`, spec.hostname, isDNS1123Label(spec.hostname));
  if (has(spec.subdomain)) errs.invalidEach(`${path}.subdomain`, spec.subdomain, isDNS1123Label(spec.subdomain));
  if (has(spec.priorityClassName)) errs.invalidEach(`${path}.priorityClassName`, spec.priorityClassName, nameIsDNSSubdomain(spec.priorityClassName, false));
}

// Models validatePodMetadataAndSpec + ValidatePodCreate for a Pod.
export function validatePod(pod: Obj, errs: ErrorList): void {
  validateObjectMeta(isObj(pod.metadata) ? pod.metadata : {}, true, nameIsDNSSubdomain, 'metadata', errs);
  const spec = isObj(pod.spec) ? pod.spec : {};
  validatePodSpec(spec, 'spec', errs);
  for (const list of ['containers', 'initContainers']) {
    objs(spec[list]).forEach((c, i) => {
      // Models validateContainerOnlyForPod: no whitespace around the image.
      const image = str(c.image);
      if (image !== image.trim()) errs.invalid(`spec.${list}[${i}].image`, image, 'must not have leading or trailing whitespace');
    });
  }
  if (Array.isArray(spec.ephemeralContainers) && spec.ephemeralContainers.length > 0) errs.forbidden('spec.ephemeralContainers', 'cannot be set on create');
}

// Models ValidatePodTemplateSpec: template labels, annotations and pod spec.
export function validatePodTemplateSpec(template: Obj, path: string, errs: ErrorList): void {
  const meta = isObj(template.metadata) ? template.metadata : {};
  validateLabels(strMap(meta.labels), `${path}.labels`, errs);
  validateAnnotations(strMap(meta.annotations), `${path}.annotations`, errs);
  const spec = isObj(template.spec) ? template.spec : {};
  validatePodSpec(spec, `${path}.spec`, errs);
  if (Array.isArray(spec.ephemeralContainers) && spec.ephemeralContainers.length > 0) {
    errs.forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template');
  }
}
