/**
 * What kubectl prints after mutating commands, and the objects its generators send
 * (`kubectl create service|deployment|namespace`).
 */
import type { Namespace, Pod, Service } from 'kubernetes-types/core/v1';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { KubectlCommand, PortPair } from './commands';
import type { KubectlProfile } from './describeWriter';
import { DEFAULT_PROFILE } from './describeWriter';
import type { ResourceInfo } from './resources';
import { kindPrefix } from './resources';

/** `service/myservice created`, `deployment.apps/web scaled`, `pod/x unchanged` … */
// Models cli-runtime NamePrinter with an operation ("created", "configured", "unchanged", "scaled", "restarted").
export function operationMessage(r: ResourceInfo, name: string, operation: string): string {
  return `${kindPrefix(r)}/${name} ${operation}`;
}

/** The warning `kubectl delete --grace-period=0 --force` prints first (stderr). */
export const FORCE_DELETE_WARNING = 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.';

/** `pod "x" deleted from default namespace` (kubectl ≥ 1.34; `pod "x" deleted` before), `force deleted` for grace 0. */
// Models kubectl delete.go PrintObj.
export function deletedMessage(r: ResourceInfo, name: string, namespace: string, gracePeriod: number, outputName = false, profile: KubectlProfile = DEFAULT_PROFILE): string {
  if (outputName) return `${kindPrefix(r)}/${name}`;
  let op = gracePeriod === 0 ? 'force deleted' : 'deleted';
  if (r.namespaced && profile.kubectlMinor >= 34) op = `${op} from ${namespace} namespace`;
  return `${kindPrefix(r)} "${name}" ${op}`;
}

/** The `Forwarding from …` lines of `kubectl port-forward` (for `localhost`: IPv4 then IPv6). */
// Models client-go portforward.PortForwarder.listenOnPort / getListener messages.
export function portForwardBanner(ports: readonly { readonly local: number; readonly remote: number }[], addresses: readonly string[] = ['localhost']): string {
  let out = '';
  for (const p of ports) {
    for (const a of addresses) {
      const hosts = a === 'localhost' ? ['127.0.0.1', '[::1]'] : [a.includes(':') ? `[${a}]` : a];
      for (const h of hosts) out += `Forwarding from ${h}:${p.local} -> ${p.remote}\n`;
    }
  }
  return out;
}

/** The line port-forward prints for each accepted connection. */
export function portForwardConnection(localPort: number): string {
  return `Handling connection for ${localPort}\n`;
}

/** kubectl refuses to forward to a pod that is not Running. */
// Models kubectl portforward.go RunPortForwardContext.
export function portForwardNotRunning(pod: Pod): string {
  return `error: unable to forward port because pod is not running. Current status=${pod.status?.phase ?? ''}`;
}

/** The container port a `svc/NAME` forward reaches: the Service port's targetPort, resolved by name on the pod. */
// Models kubectl portforward.go translateServicePortToTargetPort / util.LookupContainerPortNumberByServicePort.
export function serviceTargetPort(svc: Service, pod: Pod, remote: PortPair['remote']): number | { error: string } {
  const svcName = svc.metadata?.name ?? '';
  let port: number;
  if (typeof remote === 'number') port = remote;
  else {
    const named = (svc.spec?.ports ?? []).find((p) => p.name === remote);
    if (!named) return { error: `error: Service '${svcName}' does not have a named port '${remote}'` };
    port = named.port;
  }
  const sp = (svc.spec?.ports ?? []).find((p) => p.port === port);
  if (!sp) return { error: `error: Service ${svcName} does not have a service port ${port}` };
  if (svc.spec?.clusterIP === 'None') return port;
  const target = sp.targetPort;
  if (target === undefined || target === 0) return sp.port;
  if (typeof target === 'number') return target;
  for (const c of pod.spec?.containers ?? []) {
    const cp = (c.ports ?? []).find((p) => p.name === target);
    if (cp) return cp.containerPort;
  }
  return { error: `error: Pod '${pod.metadata?.name ?? ''}' does not have a named port '${target}'` };
}

type Cmd<T extends KubectlCommand['type']> = Extract<KubectlCommand, { type: T }>;

/** The Service `kubectl create service …` sends. */
// Models kubectl create_service.go createService (app=NAME label and selector, port names "port-target").
export function createServiceObject(cmd: Cmd<'create-service'>): Service {
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: cmd.name, labels: { app: cmd.name }, ...(cmd.namespaceSet ? { namespace: cmd.namespace } : {}) },
    spec: {
      type: cmd.serviceType, selector: { app: cmd.name },
      ports: cmd.tcp.map((t) => ({ name: t.spec.split(':').join('-'), port: t.port, protocol: 'TCP', targetPort: t.targetPort, ...(cmd.nodePort ? { nodePort: cmd.nodePort } : {}) })),
      ...(cmd.clusterIP !== undefined ? { clusterIP: cmd.clusterIP } : {}),
    },
  };
}

/**
 * The Deployment `kubectl create deployment NAME --image=…` sends. `random5` supplies the 5-character
 * suffix kubectl appends to a container name made from an image name containing `_` or `.`
 * (pass the simulation's seeded PRNG).
 */
// Models kubectl create_deployment.go createDeployment / buildPodSpec / sanitizeAndUniquify.
export function createDeploymentObject(cmd: Cmd<'create-deployment'>, random5: () => string): Deployment {
  const labels = { app: cmd.name };
  const containers = cmd.images.map((image) => {
    let n = image.split('/').pop() ?? image;
    n = n.split(':')[0].split('@')[0];
    if (/[_.]/.test(n)) n = `${n.replace(/[_.]/g, '-')}-${random5()}`;
    return { name: n, image, ...(cmd.command.length > 0 ? { command: [...cmd.command] } : {}) };
  });
  if (cmd.port !== undefined && cmd.port >= 0 && containers.length > 0) Object.assign(containers[0], { ports: [{ containerPort: cmd.port }] });
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: cmd.name, labels, ...(cmd.namespaceSet ? { namespace: cmd.namespace } : {}) },
    spec: { replicas: cmd.replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers } } },
  };
}

/** The Namespace `kubectl create namespace NAME` sends. */
export function createNamespaceObject(cmd: Cmd<'create-namespace'>): Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: cmd.name } };
}
