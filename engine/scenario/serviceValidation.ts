/**
 * ValidateService, ValidateConfigMap, ValidateSecret and ValidateNamespace
 * (`pkg/apis/core/validation/validation.go`), for the fields the playground uses.
 */
import type { ErrorList } from './fieldErrors';
import { validatePortNumOrName } from './containerValidation';
import { has, isObj, nameIsDNSLabel, nameIsDNSSubdomain, objs, str, strMap, validateLabels, validateObjectMeta } from './metaValidation';
import type { Obj } from './metaValidation';
import { isConfigMapKey, isDNS1035Label, isDNS1123Label, isQualifiedName, isValidPortNum } from './names';

const nameIsDNS1035Label = (n: string, prefix: boolean): string[] => isDNS1035Label(prefix && n.length > 1 && n.endsWith('-') ? `${n.slice(0, -2)}a` : n);
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
/** The API server's default NodePort range (--service-node-port-range). */
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

// Models ValidateService (plus the NodePort allocator's range check, which answers Invalid too).
export function validateService(svc: Obj, errs: ErrorList): void {
  validateObjectMeta(isObj(svc.metadata) ? svc.metadata : {}, true, nameIsDNS1035Label, 'metadata', errs);
  const spec = isObj(svc.spec) ? svc.spec : {};
  const type = str(spec.type);
  const headless = spec.clusterIP === 'None';
  const ports = objs(spec.ports);
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.required('spec.ports');
  if ((type === 'LoadBalancer' || type === 'NodePort') && headless) {
    errs.invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${type} services`);
  }
  if (type === 'ExternalName') {
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname) errs.invalidEach('spec.externalName', cname, nameIsDNSSubdomain(cname, false));
    else errs.required('spec.externalName');
  }
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const path = `spec.ports[${i}]`;
    // Models validateServicePort: names required once there are several ports.
    const name = str(p.name);
    if (ports.length > 1 && !name) errs.required(`${path}.name`);
    else if (name) {
      errs.invalidEach(`${path}.name`, name, isDNS1123Label(name));
      if (names.has(name)) errs.duplicate(`${path}.name`, name);
      else names.add(name);
    }
    const port = typeof p.port === 'number' ? p.port : 0;
    errs.invalidEach(`${path}.port`, port, isValidPortNum(port));
    const proto = str(p.protocol);
    if (!proto) errs.required(`${path}.protocol`);
    else if (!['SCTP', 'TCP', 'UDP'].includes(proto)) errs.notSupported(`${path}.protocol`, proto, ['SCTP', 'TCP', 'UDP']);
    validatePortNumOrName(p.targetPort, `${path}.targetPort`, errs);
    if (typeof p.appProtocol === 'string') errs.invalidEach(`${path}.appProtocol`, p.appProtocol, isQualifiedName(p.appProtocol));
  });
  if (isObj(spec.selector)) validateLabels(strMap(spec.selector), 'spec.selector', errs);
  const affinity = str(spec.sessionAffinity);
  if (!affinity) errs.required('spec.sessionAffinity');
  else if (affinity !== 'ClientIP' && affinity !== 'None') errs.notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']);
  if (affinity === 'None' && spec.sessionAffinityConfig !== undefined && spec.sessionAffinityConfig !== null) {
    errs.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None');
  }
  // Models ValidateServiceClusterIPsRelatedFields (the common case): clusterIP is None, empty or an IP.
  const cip = str(spec.clusterIP);
  if (cip && cip !== 'None' && !isIP(cip)) errs.invalid('spec.clusterIPs[0]', cip, 'must be empty, \'None\', or a valid IP address');
  if (!type) errs.required('spec.type');
  else if (!SERVICE_TYPES.includes(type)) errs.notSupported('spec.type', type, SERVICE_TYPES);
  ports.forEach((p, i) => {
    const np = typeof p.nodePort === 'number' ? p.nodePort : 0;
    if (np === 0) return;
    if (type === 'ClusterIP') errs.forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'");
    else if (np < NODE_PORT_MIN || np > NODE_PORT_MAX) {
      errs.invalid(`spec.ports[${i}].nodePort`, np, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`);
    }
  });
  const seenNode = new Set<string>();
  ports.forEach((p, i) => {
    const np = typeof p.nodePort === 'number' ? p.nodePort : 0;
    if (np === 0) return;
    const key = `${str(p.protocol)}/${np}`;
    if (seenNode.has(key)) errs.duplicate(`spec.ports[${i}].nodePort`, np);
    seenNode.add(key);
  });
  // Models the (protocol, port) uniqueness check; the value is the internal ServicePort key.
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${str(p.protocol)}/${typeof p.port === 'number' ? p.port : 0}`;
    if (seen.has(key)) {
      errs.duplicate(`spec.ports[${i}]`, { Name: '', Protocol: str(p.protocol), AppProtocol: null, Port: p.port ?? 0, TargetPort: 0, NodePort: 0 });
    }
    seen.add(key);
  });
}

function isIP(s: string): boolean {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s)) return s.split('.').every((x) => Number(x) <= 255 && (x === '0' || !x.startsWith('0')));
  return /^[0-9a-fA-F:]+$/.test(s) && s.includes(':');
}

/** Largest ConfigMap/Secret payload (1 MiB). */
const MAX_DATA_BYTES = 1024 * 1024;

// Models ValidateConfigMap: keys are config keys, not repeated across data and binaryData, ≤ 1 MiB.
export function validateConfigMap(cm: Obj, errs: ErrorList): void {
  validateObjectMeta(isObj(cm.metadata) ? cm.metadata : {}, true, nameIsDNSSubdomain, 'metadata', errs);
  let size = 0;
  const data = isObj(cm.data) ? cm.data : {};
  for (const [k, v] of Object.entries(data)) {
    errs.invalidEach(`data[${k}]`, k, isConfigMapKey(k));
    size += str(v).length;
  }
  const binary = isObj(cm.binaryData) ? cm.binaryData : {};
  for (const [k, v] of Object.entries(binary)) {
    errs.invalidEach(`binaryData[${k}]`, k, isConfigMapKey(k));
    if (Object.prototype.hasOwnProperty.call(data, k)) errs.invalid(`data[${k}]`, k, 'duplicate of key present in binaryData');
    size += str(v).length;
  }
  if (size > MAX_DATA_BYTES) errs.tooLong('', MAX_DATA_BYTES);
}

// Models ValidateSecret (stringData merged into data first, as the Secret strategy does).
export function validateSecret(secret: Obj, errs: ErrorList): void {
  validateObjectMeta(isObj(secret.metadata) ? secret.metadata : {}, true, nameIsDNSSubdomain, 'metadata', errs);
  const keys = new Set([...Object.keys(isObj(secret.data) ? secret.data : {}), ...Object.keys(isObj(secret.stringData) ? secret.stringData : {})]);
  let size = 0;
  for (const k of keys) {
    errs.invalidEach(`data[${k}]`, k, isConfigMapKey(k));
    const raw = isObj(secret.stringData) && has(secret.stringData[k]) ? str(secret.stringData[k]) : str(isObj(secret.data) ? secret.data[k] : '');
    size += raw.length;
  }
  if (size > MAX_DATA_BYTES) errs.tooLong('data', MAX_DATA_BYTES);
  // Models the per-type checks learners meet: the well-known types' required keys.
  const type = str(secret.type);
  const required: Record<string, string[]> = {
    'kubernetes.io/basic-auth': [],
    'kubernetes.io/ssh-auth': ['ssh-privatekey'],
    'kubernetes.io/tls': ['tls.crt', 'tls.key'],
    'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
    'kubernetes.io/dockercfg': ['.dockercfg'],
  };
  for (const key of required[type] ?? []) if (!keys.has(key)) errs.required(`data[${key}]`);
}

// Models ValidateNamespace: the name is a DNS-1123 label; cluster-scoped.
export function validateNamespace(ns: Obj, errs: ErrorList): void {
  // The API server clears metadata.namespace of cluster-scoped objects before validating them.
  const meta = { ...(isObj(ns.metadata) ? ns.metadata : {}) };
  delete meta.namespace;
  validateObjectMeta(meta, false, nameIsDNSLabel, 'metadata', errs);
}
