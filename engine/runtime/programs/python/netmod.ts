/* eslint-disable require-yield -- native functions share the generator signature of Python calls; many never block. */
/**
 * socket and urllib on the pod's network: name resolution through the libc resolver the shell's tools
 * use (resolv.conf search list, /etc/hosts, the cluster DNS), TCP connects that block in virtual time,
 * HTTP to listening containers. Errors are CPython's: `socket.gaierror: [Errno -2] Name or service not
 * known`, ConnectionRefusedError [Errno 111], TimeoutError('timed out') after settimeout, and urllib's
 * URLError/HTTPError wrapping them.
 */
import type { Interp } from './interp';
import { module } from './modules';
import { connectTo, exchange, parseUrl, resolveHost } from '../netlib';
import type { ConnectResult, HttpResponse } from '../../seam';
import {
  PyExc, builtinClass, bytes, dict, list, moduleClass, newExc, osError, raise, tuple, typeName,
  type G, type NativeFn, type PyClass, type PyInst, type PyModule, type PyVal,
} from './values';
import { utf8Bytes } from '../utf8';
import { str } from './ops';

const ERRNOS: Readonly<Record<string, [number, string, string]>> = {
  'Connection refused': [111, 'ConnectionRefusedError', 'Connection refused'],
  'Connection timed out': [110, 'TimeoutError', 'Connection timed out'],
  'No route to host': [113, 'OSError', 'No route to host'],
  'Network is unreachable': [101, 'OSError', 'Network is unreachable'],
};

type Conn = Extract<ConnectResult, { ok: true }>;

interface Net { gaierror: PyClass; urlError: PyClass; httpError: PyClass }

/** getaddrinfo for an IPv4 address: the pod's resolver; failure is EAI_NONAME as glibc reports it. */
function* resolve(ip: Interp, net: Net, host: string): G<string> {
  yield { k: 'flush' };
  const r = resolveHost(ip.ctx, host, 'python');
  if (!r) {
    const e = newExc(net.gaierror, -2n, 'Name or service not known');
    e.attrs.set('errno', -2n);
    e.attrs.set('strerror', 'Name or service not known');
    throw new PyExc(e);
  }
  return r.ip;
}

/** connect(2) with an optional socket timeout (seconds); raises the OSError CPython would. */
function* connect(ip: Interp, net: Net, host: string, port: number, timeout: number | null): G<Conn> {
  const addr = yield* resolve(ip, net, host);
  const r = yield* connectTo(ip.ctx, `${host}:${port}`, addr, port, timeout === null ? null : Math.round(timeout * 1000));
  if (r.ok) return r.res;
  if (r.timedOut) throw new PyExc(newExc('TimeoutError', 'timed out'));
  const [n, cls, msg] = ERRNOS[r.errno] ?? [111, 'OSError', r.errno];
  throw osError(cls, n, msg);
}

function hostPort(v: PyVal): [string, number] {
  if (v === null || typeof v !== 'object' || v.kind !== 'tuple' || v.items.length !== 2) return raise('TypeError', `AF_INET address must be tuple, not ${typeName(v)}`);
  const [h, p] = v.items;
  if (typeof h !== 'string') raise('TypeError', `str, bytes or bytearray expected, not ${typeName(h)}`);
  if (typeof p !== 'bigint') raise('TypeError', `'${typeName(p)}' object cannot be interpreted as an integer`);
  if (p < 0n || p > 65535n) raise('OverflowError', 'connect(): port must be 0-65535.');
  return [h, Number(p)];
}

const SOCKET_CLASS: PyClass = { kind: 'class', name: 'socket', bases: [], attrs: new Map(), module: 'socket' };

function rawResponse(res: HttpResponse): string {
  const head = [`HTTP/1.0 ${res.status} ${res.reason}`, ...Object.entries(res.headers).map(([k, v]) => `${k}: ${v}`), `Content-Length: ${utf8Bytes(res.body).length}`];
  return head.join('\r\n') + '\r\n\r\n' + utf8Bytes(res.body);
}

function socketObject(ip: Interp, net: Net, timeout0: number | null): PyInst {
  const s: PyInst = { kind: 'inst', cls: SOCKET_CLASS, attrs: new Map(), args: [] };
  let timeout = timeout0;
  let conn: Conn | null = null;
  let sent = '';
  let inbox: string | null = null;
  let closed = false;
  const m = (name: string, fn: NativeFn) => s.attrs.set(name, { kind: 'builtin', name, fn, self: s });
  m('settimeout', function* (a) { timeout = a[0] === null ? null : Number(a[0]); return null; });
  m('gettimeout', function* () { return timeout; });
  m('setsockopt', function* () { return null; });
  m('connect', function* (a) {
    if (closed) throw osError('OSError', 9, 'Bad file descriptor');
    const [h, p] = hostPort(a[0]);
    conn = yield* connect(ip, net, h, p, timeout);
    return null;
  });
  m('connect_ex', function* (a) {
    const [h, p] = hostPort(a[0]);
    try { conn = yield* connect(ip, net, h, p, timeout); return 0n; } catch (e) {
      if (e instanceof PyExc && e.exc.cls.name !== 'gaierror') {
        const n = e.exc.attrs.get('errno');
        return typeof n === 'bigint' ? n : 11n;
      }
      throw e;
    }
  });
  m('sendall', function* (a) {
    if (!conn) throw osError('BrokenPipeError', 32, 'Broken pipe');
    const v = a[0];
    if (v === null || typeof v !== 'object' || v.kind !== 'bytes') raise('TypeError', `a bytes-like object is required, not '${typeName(v)}'`);
    sent += v.data;
    return null;
  });
  s.attrs.set('send', s.attrs.get('sendall')!);
  m('recv', function* () {
    if (!conn) throw osError('OSError', 107, 'Transport endpoint is not connected');
    if (inbox === null) {
      const head = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r?\n([\s\S]*?)\r?\n\r?\n/.exec(sent);
      if (conn.handle.protocol !== 'http' || !head) {
        // A plain TCP server (redis, a database) answers its own protocol: the playground does not model it.
        if (conn.handle.protocol !== 'http') raise('NotImplementedError', 'the playground does not model conversations with non-HTTP servers over socket.recv');
        inbox = '';
      } else {
        const headers: Record<string, string> = {};
        for (const line of head[3].split(/\r?\n/)) { const i = line.indexOf(':'); if (i > 0) headers[line.slice(0, i)] = line.slice(i + 1).trim(); }
        const res = exchange(ip.ctx, conn.handle, { method: head[1], path: head[2], headers });
        inbox = res ? rawResponse(res) : '';
      }
    }
    const out = inbox;
    inbox = '';
    return bytes(out);
  });
  const close: NativeFn = function* () { closed = true; conn = null; return null; };
  m('close', close);
  m('shutdown', function* () { return null; });
  m('__enter__', function* () { return s; });
  m('__exit__', close);
  return s;
}

function response(res: HttpResponse, url: string): PyInst {
  const cls: PyClass = { kind: 'class', name: 'HTTPResponse', bases: [], attrs: new Map(), module: 'http.client' };
  const r: PyInst = { kind: 'inst', cls, attrs: new Map(), args: [] };
  let body = utf8Bytes(res.body);
  const m = (name: string, fn: NativeFn) => r.attrs.set(name, { kind: 'builtin', name, fn, self: r });
  m('read', function* () { const b = body; body = ''; return bytes(b); });
  m('getcode', function* () { return BigInt(res.status); });
  m('geturl', function* () { return url; });
  m('getheader', function* (a) { const k = Object.keys(res.headers).find((h) => h.toLowerCase() === String(a[0]).toLowerCase()); return k ? res.headers[k] : (a[1] ?? null); });
  m('__enter__', function* () { return r; });
  m('__exit__', function* () { return false; });
  m('close', function* () { return null; });
  r.attrs.set('status', BigInt(res.status));
  r.attrs.set('reason', res.reason);
  r.attrs.set('headers', dict(Object.entries(res.headers).map(([k, v]) => [k, v] as [PyVal, PyVal])));
  return r;
}

function urlError(net: Net, reason: PyVal): PyExc {
  const e = newExc(net.urlError, reason);
  e.attrs.set('reason', reason);
  return new PyExc(e);
}

function* urlopen(ip: Interp, net: Net, target: PyVal, data: PyVal, timeout: number | null): G<PyVal> {
  let url: string;
  let method = 'GET';
  const headers: Record<string, string> = {};
  if (typeof target === 'string') url = target;
  else if (target !== null && typeof target === 'object' && target.kind === 'inst' && target.cls.name === 'Request') {
    url = String(target.attrs.get('full_url'));
    const h = target.attrs.get('headers');
    if (h !== undefined && h !== null && typeof h === 'object' && h.kind === 'dict') for (const [k, v] of h.map.values()) headers[String(k)] = str(v);
    const d = target.attrs.get('data');
    if (d !== undefined && d !== null) data = d;
    const mth = target.attrs.get('method');
    if (typeof mth === 'string') method = mth;
  } else return raise('AttributeError', `'${typeName(target)}' object has no attribute 'timeout'`);
  const u = /^[a-z]+:\/\//i.test(url) ? parseUrl(url) : null;
  if (!u) raise('ValueError', `unknown url type: ${JSON.stringify(url).replace(/"/g, "'")}`);
  if (u.scheme !== 'http' && u.scheme !== 'https') throw urlError(net, `unknown url type: ${u.scheme}`);
  if (data !== null && method === 'GET') method = 'POST';
  let conn: Conn;
  try {
    conn = yield* connect(ip, net, u.host, u.port, timeout);
  } catch (e) {
    if (e instanceof PyExc) throw urlError(net, e.exc);
    throw e;
  }
  const body = data !== null && typeof data === 'object' && data.kind === 'bytes' ? data.data : undefined;
  const res = exchange(ip.ctx, conn.handle, { method, path: u.path, headers: { 'Accept-Encoding': 'identity', Host: u.hostPort, 'User-Agent': `Python-urllib/${ip.version.split('.').slice(0, 2).join('.')}`, ...headers }, body });
  if (!res) throw urlError(net, newExc('ConnectionResetError', 104n, 'Connection reset by peer'));
  if (res.status >= 400) {
    const e = newExc(net.httpError, `HTTP Error ${res.status}: ${res.reason}`);
    e.attrs.set('code', BigInt(res.status));
    e.attrs.set('reason', res.reason);
    e.attrs.set('status', BigInt(res.status));
    const rsp = response(res, url);
    for (const k of ['read', 'getcode', 'headers']) e.attrs.set(k, rsp.attrs.get(k)!);
    throw new PyExc(e);
  }
  return response(res, url);
}

/** socket, urllib, urllib.request and urllib.error share their exception classes within one interpreter. */
export function netModules(ip: Interp, name: string): PyModule {
  const socketMod = ip.modules.get('socket');
  let net = ip.netClasses;
  if (!net) {
    const gaierror = socketMod?.attrs.get('gaierror') as PyClass | undefined ?? moduleClass('gaierror', builtinClass('OSError'), 'socket');
    const urlErr = moduleClass('URLError', builtinClass('OSError'), 'urllib.error');
    urlErr.attrs.set('__str__', { kind: 'builtin', name: '__str__', fn: function* (a) { return `<urlopen error ${str((a[0] as PyInst).attrs.get('reason') ?? null)}>`; } });
    const httpErr = moduleClass('HTTPError', urlErr, 'urllib.error');
    httpErr.attrs.set('__str__', { kind: 'builtin', name: '__str__', fn: function* (a) { return str((a[0] as PyInst).args[0] ?? null); } });
    net = { gaierror, urlError: urlErr, httpError: httpErr };
    ip.netClasses = net;
  }
  const n = net;
  const timeoutOf = (v: PyVal | undefined): number | null => (v === undefined || v === null ? null : Number(v));
  switch (name) {
    case 'socket': return module('socket', {
      AF_INET: 2n, AF_INET6: 10n, SOCK_STREAM: 1n, SOCK_DGRAM: 2n, SOL_SOCKET: 1n, SO_REUSEADDR: 2n,
      gaierror: n.gaierror, herror: moduleClass('herror', builtinClass('OSError'), 'socket'), timeout: builtinClass('TimeoutError'), error: builtinClass('OSError'),
      gethostbyname: { kind: 'builtin', name: 'gethostbyname', fn: function* (a) {
        if (typeof a[0] !== 'string') raise('TypeError', `gethostbyname() argument 1 must be str, not ${typeName(a[0])}`);
        return yield* resolve(ip, n, a[0]);
      } },
      gethostname: { kind: 'builtin', name: 'gethostname', fn: function* () {
        try { return ip.ctx.fs.readFile('/etc/hostname', '/', ip.ctx.cred).trim(); } catch { return 'localhost'; }
      } },
      getaddrinfo: { kind: 'builtin', name: 'getaddrinfo', fn: function* (a) {
        const addr = yield* resolve(ip, n, String(a[0]));
        return list([tuple([2n, 1n, 6n, '', tuple([addr, typeof a[1] === 'bigint' ? a[1] : 0n])])]);
      } },
      socket: { kind: 'builtin', name: 'socket', fn: function* () { return socketObject(ip, n, null); } },
      create_connection: { kind: 'builtin', name: 'create_connection', fn: function* (a, kw) {
        const s = socketObject(ip, n, timeoutOf(a[1] ?? kw.get('timeout')));
        const c = s.attrs.get('connect') as { fn: NativeFn };
        yield* c.fn([a[0]], new Map());
        return s;
      } },
      setdefaulttimeout: { kind: 'builtin', name: 'setdefaulttimeout', fn: function* () { return null; } },
    });
    case 'urllib': return module('urllib', {});
    case 'urllib.error': return module('urllib.error', { URLError: n.urlError, HTTPError: n.httpError });
    default: {
      const requestCls: PyClass = { kind: 'class', name: 'Request', bases: [], attrs: new Map(), module: 'urllib.request' };
      requestCls.make = function* (a, kw) {
        const r: PyInst = { kind: 'inst', cls: requestCls, attrs: new Map(), args: [] };
        r.attrs.set('full_url', a[0]);
        r.attrs.set('data', a[1] ?? kw.get('data') ?? null);
        r.attrs.set('headers', a[2] ?? kw.get('headers') ?? dict());
        r.attrs.set('method', kw.get('method') ?? null);
        return r;
      };
      return module('urllib.request', {
        Request: requestCls,
        urlopen: { kind: 'builtin', name: 'urlopen', fn: function* (a, kw) { return yield* urlopen(ip, n, a[0], a[1] ?? kw.get('data') ?? null, timeoutOf(a[2] ?? kw.get('timeout'))); } },
      });
    }
  }
}
