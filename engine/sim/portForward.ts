/**
 * `kubectl port-forward` and `curl localhost:PORT` from the learner's machine. A forward holds a
 * local port until its pod goes away; curl reaches the pod's port through it. Messages as kubectl
 * (portforward.go) and curl print them in a terminal.
 */
import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { KubectlCommand } from '../kubectl/commands';
import { curlConnectionRefused, portForwardBanner, portForwardNotRunning, serviceTargetPort } from '../kubectl/index';
import type { ActionContext } from './actions';
import { matches } from './world';

type PortForwardCmd = Extract<KubectlCommand, { type: 'port-forward' }>;
type CurlCmd = Extract<KubectlCommand, { type: 'curl' }>;

interface Forward {
  readonly podUid: string;
  readonly podName: string;
  readonly namespace: string;
  readonly podIp: string;
  readonly remote: number;
}

const forwards = new WeakMap<object, Map<number, Forward>>();

function table(ctx: ActionContext): Map<number, Forward> {
  let t = forwards.get(ctx.world);
  if (!t) forwards.set(ctx.world, (t = new Map()));
  return t;
}

function running(p: Pod): boolean {
  return p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp;
}

/** The pod `kubectl port-forward`/`exec` reaches for POD or TYPE/NAME, or the error kubectl prints. */
export function resolvePod(ctx: ActionContext, cmd: Pick<PortForwardCmd, 'resource' | 'name' | 'namespace'>): { pod?: Pod; svc?: Service; error?: string } {
  const store = ctx.world.store;
  const ns = cmd.namespace;
  if (cmd.resource === 'pods') {
    const pod = store.get<Pod>('Pod', ns, cmd.name);
    return pod ? { pod } : { error: `Error from server (NotFound): pods "${cmd.name}" not found` };
  }
  const kind = cmd.resource === 'services' ? 'Service' : cmd.resource === 'deployments' ? 'Deployment' : 'ReplicaSet';
  const owner = store.get<Service & { spec?: { selector?: Record<string, string> | { matchLabels?: Record<string, string> } } }>(kind, ns, cmd.name);
  if (!owner) return { error: `Error from server (NotFound): ${cmd.resource}${kind === 'Service' ? '' : '.apps'} "${cmd.name}" not found` };
  const sel = (kind === 'Service' ? owner.spec?.selector : (owner.spec?.selector as { matchLabels?: Record<string, string> })?.matchLabels) as Record<string, string> | undefined;
  // Models polymorphichelpers.AttachablePodForObject: the first running pod matching the selector.
  const pods = store.list<Pod>('Pod', ns).filter((p) => sel && matches(sel, p.metadata?.labels)).sort((a, b) => Number(running(b)) - Number(running(a)));
  if (pods.length === 0) return { error: `error: timed out waiting for the condition` };
  return { pod: pods[0], ...(kind === 'Service' ? { svc: owner as Service } : {}) };
}

export function portForward(ctx: ActionContext, cmd: PortForwardCmd): { stdout: string; stderr: string; exit?: number } {
  const found = resolvePod(ctx, cmd);
  if (!found.pod) return { stdout: '', stderr: `${found.error}\n`, exit: 1 };
  const pod = found.pod;
  if (!running(pod)) return { stdout: '', stderr: `${portForwardNotRunning(pod)}\n`, exit: 1 };
  const t = table(ctx);
  const opened: { local: number; remote: number }[] = [];
  for (const pair of cmd.ports) {
    let remote = typeof pair.remote === 'number' ? pair.remote : Number(pair.remote);
    if (found.svc) {
      const target = serviceTargetPort(found.svc, pod, pair.remote);
      if (typeof target !== 'number') return { stdout: '', stderr: `${target.error}\n`, exit: 1 };
      remote = target;
    }
    if (t.has(pair.local) && ctx.world.store.get('Pod', t.get(pair.local)!.namespace, t.get(pair.local)!.podName)) {
      return { stdout: '', stderr: `Unable to listen on port ${pair.local}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${pair.local}: bind: address already in use unable to create listener: Error listen tcp6 [::1]:${pair.local}: bind: address already in use]\nerror: unable to listen on any of the requested ports: [{${pair.local} ${remote}}]\n`, exit: 1 };
    }
    t.set(pair.local, { podUid: pod.metadata!.uid!, podName: pod.metadata!.name!, namespace: pod.metadata!.namespace ?? 'default', podIp: pod.status?.podIP ?? '', remote });
    opened.push({ local: pair.local, remote });
  }
  return { stdout: portForwardBanner(opened, cmd.addresses.length ? cmd.addresses : undefined), stderr: '' };
}

export function curlLocal(ctx: ActionContext, cmd: CurlCmd): { stdout: string; stderr: string; exit: number } {
  const refused = { stdout: '', stderr: `${curlConnectionRefused(cmd.host, cmd.port)}\n`, exit: 7 };
  if (!['localhost', '127.0.0.1', '[::1]'].includes(cmd.host)) return { stdout: '', stderr: `curl: (6) Could not resolve host: ${cmd.host}\n`, exit: 6 };
  const f = table(ctx).get(cmd.port);
  const pod = f && ctx.world.store.get<Pod>('Pod', f.namespace, f.podName);
  if (!f || !pod || pod.metadata?.uid !== f.podUid) return refused;
  // The forward connects to the port inside the pod's network namespace.
  const conn = ctx.world.network.connect(f.podIp, '127.0.0.1', f.remote);
  if (!conn.ok || !conn.handle.http) return { stdout: '', stderr: 'curl: (52) Empty reply from server\n', exit: 52 };
  const res = conn.handle.http({ method: 'GET', path: cmd.path || '/', headers: { Host: `${cmd.host}:${cmd.port}`, 'User-Agent': 'curl/8.5.0', Accept: '*/*' }, remoteIp: '127.0.0.1' });
  return { stdout: res.body, stderr: '', exit: 0 };
}
