/**
 * Runs a probe or lifecycle handler against a container instance: exec (a process inside the
 * container, output captured, killed at the timeout), httpGet, tcpSocket, sleep. Results carry the
 * messages the kubelet puts in its events (pkg/probe/exec, pkg/probe/http, pkg/probe/tcp;
 * pkg/kubelet/lifecycle/handlers.go).
 */
import type { Container, ExecAction, HTTPGetAction, TCPSocketAction } from 'kubernetes-types/core/v1';
import { PRIORITY } from '../sim/scheduler';
import type { World } from '../sim/world';
import { createContainerHost } from './containerHost';
import type { ContainerState2, Instance } from './podState';
import type { PodWorker } from './podWorker';

export interface Handler {
  readonly exec?: ExecAction;
  readonly httpGet?: HTTPGetAction;
  readonly tcpSocket?: TCPSocketAction;
  readonly sleep?: { readonly seconds: number };
  readonly grpc?: { readonly port: number };
}

export interface HandlerResult {
  readonly ok: boolean;
  /** Why it failed, worded as the kubelet reports it (also the exec output on success). */
  readonly message: string;
  readonly timedOut?: boolean;
}

/** A named port resolves to the container's containerPort with that name. */
function portOf(port: number | string | undefined, c: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  const named = (c.ports ?? []).find((p) => p.name === port);
  return named?.containerPort ?? (/^\d+$/.test(port) ? Number(port) : undefined);
}

export function runHandler(world: World, worker: PodWorker, c: ContainerState2, inst: Instance, handler: Handler, timeoutMs: number, done: (r: HandlerResult) => void): void {
  const podIp = worker.rt.podIp;
  let settled = false;
  const finish = (r: HandlerResult) => { if (!settled) { settled = true; done(r); } };
  if (handler.exec) {
    const argv = handler.exec.command ?? [];
    if (!inst.exec || inst.state !== 'running') { finish({ ok: false, message: 'container not running' }); return; }
    let output = '';
    const host = createContainerHost(world, worker, c, inst, (_stream, text) => { output += text; });
    const id = world.processes.spawn(inst.exec(argv, host), (status) => {
      // Models pkg/probe/exec: exit 0 is success; the combined output is the message either way.
      finish({ ok: status.code === 0, message: output.replace(/\n$/, '') });
    });
    world.scheduler.after(timeoutMs, PRIORITY.probe, () => {
      if (settled) return;
      world.processes.signal(id, 'KILL');
      finish({ ok: false, timedOut: true, message: `command ${JSON.stringify(argv.join(' '))} timed out` });
    });
    return;
  }
  if (handler.httpGet) {
    const g = handler.httpGet;
    const port = portOf(g.port as number | string, c.spec);
    const ip = g.host || podIp;
    const path = g.path || '/';
    const url = `${(g.scheme ?? 'HTTP').toLowerCase()}://${ip}:${port}${path}`;
    const conn = port === undefined ? { ok: false as const, error: 'refused' as const } : world.network.connect(podIp, ip, port);
    if (!conn.ok) {
      finish({ ok: false, message: conn.error === 'timeout'
        ? `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`
        : `Get "${url}": dial tcp ${ip}:${port}: connect: connection refused` });
      return;
    }
    if (!conn.handle.http) { finish({ ok: false, message: `Get "${url}": EOF` }); return; }
    const headers: Record<string, string> = { Host: `${ip}:${port}`, 'User-Agent': `kube-probe/${world.profile.version}`, Accept: '*/*' };
    for (const h of g.httpHeaders ?? []) headers[h.name] = h.value;
    const res = conn.handle.http({ method: 'GET', path, headers, remoteIp: '172.18.0.2' });
    // Models pkg/probe/http: 200–399 succeed; anything else fails with the status code.
    finish(res.status >= 200 && res.status < 400 ? { ok: true, message: '' } : { ok: false, message: `HTTP probe failed with statuscode: ${res.status}` });
    return;
  }
  if (handler.tcpSocket || handler.grpc) {
    const port = handler.tcpSocket ? portOf(handler.tcpSocket.port as number | string, c.spec) : handler.grpc!.port;
    const ip = handler.tcpSocket?.host || podIp;
    const conn = port === undefined ? { ok: false as const, error: 'refused' as const } : world.network.connect(podIp, ip, port);
    finish(conn.ok ? { ok: true, message: '' } : { ok: false, message: conn.error === 'timeout' ? `dial tcp ${ip}:${port}: i/o timeout` : `dial tcp ${ip}:${port}: connect: connection refused` });
    return;
  }
  if (handler.sleep) {
    world.scheduler.after(Math.max(0, handler.sleep.seconds) * 1000, PRIORITY.probe, () => finish({ ok: true, message: '' }));
    return;
  }
  finish({ ok: false, message: 'no handler' });
}

/** How kubectl prints a handler in events: `[/bin/sh -c exit 1]` for exec. */
export function describeHandler(h: Handler): string {
  if (h.exec) return `[${(h.exec.command ?? []).join(' ')}]`;
  if (h.httpGet) return `http-get ${h.httpGet.path ?? '/'}`;
  if (h.sleep) return `sleep ${h.sleep.seconds}`;
  return 'handler';
}
