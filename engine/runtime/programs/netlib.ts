/**
 * What the network clients share: the libc resolver (resolv.conf search list and ndots, /etc/hosts
 * first), URL parsing, connect errors as errno text, and the HTTP exchange with a listener.
 * Every DNS question and connection goes through the host, which records it.
 */
import type { ConnectResult, HttpRequest, HttpResponse } from '../seam';
import type { Ctx } from '../shell/sys';
import type { G } from './lib';

export interface Resolv { search: string[]; ndots: number; server: string }

/** /etc/resolv.conf as the kubelet writes it (search, nameserver, options ndots:N). */
export function resolvConf(ctx: Ctx): Resolv {
  const r: Resolv = { search: [], ndots: 1, server: '127.0.0.1' };
  try {
    for (const line of ctx.fs.readFile('/etc/resolv.conf', '/', ctx.cred).split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f[0] === 'search') r.search = f.slice(1);
      else if (f[0] === 'nameserver') r.server = f[1];
      else if (f[0] === 'options') for (const o of f.slice(1)) if (o.startsWith('ndots:')) r.ndots = Number(o.slice(6));
    }
  } catch { /* defaults */ }
  return r;
}

export function isIPv4(s: string): boolean {
  return /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s) && s.split('.').every((x) => Number(x) <= 255);
}

/**
 * The names a libc resolver tries, in order (glibc res_search, musl name_from_dns_search): a name
 * with at least `ndots` dots is tried as-is first, otherwise after the search list; a trailing dot
 * means "only as-is".
 */
export function searchCandidates(name: string, conf: Resolv): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const expanded = conf.search.map((s) => `${name}.${s}`);
  return dots >= conf.ndots ? [name, ...expanded] : [...expanded, name];
}

function fromHosts(ctx: Ctx, name: string): string | null {
  try {
    for (const line of ctx.fs.readFile('/etc/hosts', '/', ctx.cred).split('\n')) {
      const f = line.replace(/#.*/, '').trim().split(/\s+/);
      if (f.length > 1 && isIPv4(f[0]) && f.slice(1).includes(name)) return f[0];
    }
  } catch { /* no hosts file */ }
  return null;
}

/**
 * getaddrinfo(3) for an IPv4 address: a literal, /etc/hosts ("files" before "dns" in nsswitch), then
 * one A query per search candidate until one answers. Returns the address and the name that matched.
 */
export function resolveHost(ctx: Ctx, name: string, tool: string): { ip: string; fqdn: string } | null {
  if (isIPv4(name)) return { ip: name, fqdn: name };
  const local = fromHosts(ctx, name);
  if (local) return { ip: local, fqdn: name };
  if (name === '' || name.includes('..')) return null;
  for (const cand of searchCandidates(name, resolvConf(ctx))) {
    const r = ctx.host.dns({ name: cand, type: 'A' });
    if (r.rcode === 'NOERROR' && r.answers.length) {
      ctx.host.explain({ type: 'lookup-ok', name, tool });
      return { ip: r.answers[0], fqdn: cand };
    }
  }
  ctx.host.explain({ type: 'lookup-failed', name, tool });
  return null;
}

/** Linux gives up on an unanswered SYN after its retries (tcp_syn_retries=6: 1+2+…+64 s). */
export const KERNEL_CONNECT_TIMEOUT_MS = 127_000;
/** EHOSTUNREACH arrives when ARP for the address fails (about 3 s). */
export const UNREACHABLE_MS = 3_000;

/** strerror text for a failed connect. */
export function connectErrno(error: Exclude<ConnectResult, { ok: true }>['error']): string {
  switch (error) {
    case 'refused': return 'Connection refused';
    case 'timeout': return 'Connection timed out';
    case 'unreachable': return 'No route to host';
    case 'no-route': return 'Network is unreachable';
  }
}

/** Let virtual time pass (a blocked connect, a timeout). */
export function* waitMs(ctx: Ctx, ms: number): G<void> {
  if (ms > 0) yield { k: 'sleep', until: ctx.k.clock() + ms * 1000 };
}

/**
 * connect(2) to ip:port with an optional timeout in ms: refused answers at once, an unanswered SYN
 * blocks until the timeout or the kernel's limit. Reports failures to the Explain view.
 * `timedOut` says the caller's own timeout (not the kernel's) ended it. `target` names it (`host:port`).
 */
export function* connectTo(ctx: Ctx, target: string, ip: string, port: number, timeoutMs: number | null):
  G<{ ok: true; res: Extract<ConnectResult, { ok: true }> } | { ok: false; errno: string; timedOut: boolean; waitedMs: number }> {
  yield { k: 'flush' };
  const res = ctx.host.connect(ip, port);
  if (res.ok) return { ok: true, res };
  let waited = 0;
  let timedOut = false;
  if (res.error === 'timeout') {
    waited = KERNEL_CONNECT_TIMEOUT_MS;
    if (timeoutMs !== null && timeoutMs < waited) { waited = timeoutMs; timedOut = true; }
  } else if (res.error === 'unreachable') {
    waited = timeoutMs !== null && timeoutMs < UNREACHABLE_MS ? timeoutMs : UNREACHABLE_MS;
    timedOut = waited < UNREACHABLE_MS;
  }
  yield* waitMs(ctx, waited);
  const errno = timedOut ? 'Connection timed out' : connectErrno(res.error);
  ctx.host.explain({ type: 'connect-failed', target, error: errno });
  return { ok: false, errno, timedOut, waitedMs: waited };
}

export interface Url { scheme: string; host: string; port: number; hostPort: string; path: string }

const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443, ftp: 21 };

/** scheme://[user@]host[:port]/path; a URL without a scheme is http (busybox wget, curl). */
export function parseUrl(text: string): Url | null {
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?([^/?#]*)(.*)$/.exec(text);
  if (!m) return null;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const hostPort = m[2].slice(m[2].lastIndexOf('@') + 1);
  let host = hostPort;
  let port = DEFAULT_PORTS[scheme] ?? 80;
  const colon = hostPort.lastIndexOf(':');
  if (colon >= 0 && !hostPort.includes(']')) {
    host = hostPort.slice(0, colon);
    const p = hostPort.slice(colon + 1);
    if (p !== '') {
      if (!/^\d+$/.test(p) || Number(p) > 65535) return null;
      port = Number(p);
    }
  }
  let path = m[3].replace(/#.*$/, '');
  if (path === '' || path[0] === '?') path = '/' + path;
  return { scheme, host, port, hostPort, path };
}

/** Deliver one request to a listener. A plain TCP listener does not speak HTTP: null. */
export function exchange(ctx: Ctx, handle: Extract<ConnectResult, { ok: true }>['handle'], req: Omit<HttpRequest, 'remoteIp'>): HttpResponse | null {
  if (handle.protocol !== 'http' || !handle.http) return null;
  return handle.http({ ...req, remoteIp: ctx.k.podIp });
}

/** The response's header lines as the server sends them, with the length and close headers a server adds. */
export function headerLines(res: HttpResponse, head = false): string[] {
  const lines = Object.entries(res.headers).map(([k, v]) => `${k}: ${v}`);
  const has = (n: string) => Object.keys(res.headers).some((k) => k.toLowerCase() === n);
  if (!has('content-length') && !(head && res.status === 304)) lines.push(`Content-Length: ${byteLen(res.body)}`);
  if (!has('connection')) lines.push('Connection: close');
  return lines;
}

export function byteLen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 2 : 3;
  }
  return n;
}
