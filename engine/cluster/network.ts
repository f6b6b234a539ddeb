/**
 * The pod network: listeners by pod IP and port, Service ClusterIPs forwarded to ready endpoints
 * (kube-proxy), loopback inside a pod. A port nobody listens on refuses the connection; an address
 * nothing owns times out.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { ConnectResult, ListenerHandle } from '../runtime/seam';
import { outsideSite } from './outside';

export interface NetworkView {
  serviceByIp(ip: string): Service | undefined;
  /** Ready endpoint IPs of a Service, in a stable order. */
  readyAddresses(namespace: string, name: string): readonly string[];
  /** Whether an IP belongs to a pod or node that exists. */
  hostExists(ip: string): boolean;
  /** Resolve a Service port's targetPort (number or named container port) on the pod with `podIp`. */
  targetPort(svc: Service, port: number, podIp: string): number | undefined;
}

interface Listener {
  readonly handle: ListenerHandle;
  readonly alive: () => boolean;
}

export class Network {
  private readonly listeners = new Map<string, Listener>();

  constructor(private readonly view: NetworkView) {}

  listen(ip: string, port: number, handle: ListenerHandle, alive: () => boolean): boolean {
    const key = `${ip}:${port}`;
    const existing = this.listeners.get(key);
    if (existing && existing.alive()) return false;
    this.listeners.set(key, { handle, alive });
    return true;
  }

  unlisten(ip: string, port: number): void {
    this.listeners.delete(`${ip}:${port}`);
  }

  /** Whether something listens on ip:port now (probes, port-forward). */
  listening(ip: string, port: number): ListenerHandle | undefined {
    const l = this.listeners.get(`${ip}:${port}`);
    return l && l.alive() ? l.handle : undefined;
  }

  connect(fromIp: string, ip: string, port: number): ConnectResult {
    const target = ip === '127.0.0.1' || ip === 'localhost' || ip === '::1' ? fromIp : ip;
    const svc = this.view.serviceByIp(target);
    if (svc) {
      const svcPort = (svc.spec?.ports ?? []).find((p) => p.port === port);
      if (!svcPort) return { ok: false, error: 'timeout' };
      const backends = this.view.readyAddresses(svc.metadata?.namespace ?? 'default', svc.metadata?.name ?? '');
      // Models kube-proxy: a Service without endpoints rejects connections (ICMP port unreachable).
      if (backends.length === 0) return { ok: false, error: 'refused' };
      const backend = backends[0];
      const tp = this.view.targetPort(svc, port, backend) ?? port;
      return this.direct(backend, tp);
    }
    return this.direct(target, port);
  }

  private direct(ip: string, port: number): ConnectResult {
    const handle = this.listening(ip, port);
    if (handle) return { ok: true, ip, port, handle };
    // Hosts outside the cluster answer HTTP(S); their other ports are filtered (no answer at all).
    const site = outsideSite(ip);
    if (site) return port === 80 || port === 443 ? { ok: true, ip, port, handle: { protocol: 'http', http: (req) => site.serve(req) } } : { ok: false, error: 'timeout' };
    return this.view.hostExists(ip) ? { ok: false, error: 'refused' } : { ok: false, error: 'timeout' };
  }
}
