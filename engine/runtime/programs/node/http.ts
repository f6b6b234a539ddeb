/* eslint-disable require-yield -- native functions share the generator signature of JS calls; many never block. */
/**
 * The http module: `createServer(handler).listen(port[, cb])` answers requests through the pod's
 * network (the handler runs when a client's request arrives, and must answer with `res.end()` before
 * returning: the playground does not model responses finished later), and `http.get(url, cb)` to a
 * cluster Service, with the response's 'data'/'end' events and the request's 'error' event
 * (`getaddrinfo ENOTFOUND`, `connect ECONNREFUSED`), unhandled errors as Node reports them.
 */
import type { HttpRequest, HttpResponse } from '../../seam';
import { rfc1123z } from '../../../sim/time';
import { byteLen, connectTo, exchange, parseUrl, resolveHost } from '../netlib';
import type { Js } from './interp';
import type { Loop } from './loop';
import { sysError } from './modules';
import { jsonParse } from './json';
import { toNumber } from './ops';
import { JsNotModelled, JsThrow, isCallable, isObj, type JsObj, type JsVal, type NativeCall } from './values';

export const STATUS: Readonly<Record<number, string>> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
  418: "I'm a Teapot", 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** Errors a server's handler threw while answering: the process dies of them the next time it runs. */
export interface ServerCrash { error: JsVal; site: Js['site'] }

/** An object with `on(event, fn)` that remembers its listeners. */
function emitter(js: Js, cls: string): { o: JsObj; listeners: Map<string, JsObj[]> } {
  const o = js.newObject(js.realm.ObjectProto, cls);
  const listeners = new Map<string, JsObj[]>();
  const on: NativeCall = function* (self, [ev, fn]) {
    if (isCallable(fn)) listeners.set(js.toStr(ev), [...(listeners.get(js.toStr(ev)) ?? []), fn]);
    return self;
  };
  for (const n of ['on', 'once', 'addListener']) o.props.set(n, js.native(n, on, 2));
  o.hidden = new Set(['on', 'once', 'addListener']);
  return { o, listeners };
}

function headersObj(js: Js, h: Readonly<Record<string, string>>): JsObj {
  const o = js.newObject();
  for (const [k, v] of Object.entries(h)) o.props.set(k.toLowerCase(), v);
  return o;
}

function serverHandler(js: Js, handler: JsObj, crash: (c: ServerCrash) => void): (req: HttpRequest) => HttpResponse {
  return (req) => {
    const { o: reqObj } = emitter(js, 'IncomingMessage');
    reqObj.props.set('method', req.method);
    reqObj.props.set('url', req.path);
    reqObj.props.set('headers', headersObj(js, req.headers));
    reqObj.props.set('httpVersion', '1.1');
    const headers: Record<string, string> = {};
    let status = 200;
    let body = '';
    let ended = false;
    let chunked = false;
    const res = js.newObject(js.realm.ObjectProto, 'ServerResponse');
    const def = (n: string, f: NativeCall) => { res.props.set(n, js.native(n, f)); (res.hidden ??= new Set()).add(n); };
    res.props.set('statusCode', 200);
    def('setHeader', function* (self, [k, v]) { headers[js.toStr(k)] = js.toStr(v); return self; });
    def('getHeader', function* (_s, [k]) { const key = Object.keys(headers).find((h) => h.toLowerCase() === js.toStr(k).toLowerCase()); return key ? headers[key] : undefined; });
    def('writeHead', function* (self, [code, a, b]) {
      status = toNumber(js, code);
      res.props.set('statusCode', status);
      const h = isObj(a) ? a : b;
      if (isObj(h)) for (const [k, v] of h.props) headers[k] = js.toStr(v);
      return self;
    });
    def('write', function* (_s, [chunk]) { chunked = true; body += js.toStr(chunk); return true; });
    def('end', function* (self, [chunk]) { if (chunk !== undefined && !isCallable(chunk)) body += js.toStr(chunk); ended = true; return self; });
    try {
      js.runSync(js.call(handler, undefined, [reqObj, res]));
    } catch (e) {
      if (!(e instanceof JsThrow)) throw e;
      crash({ error: e.value, site: js.site });
      return { status: 502, reason: 'Bad Gateway', headers: {}, body: '' };
    }
    if (!ended) throw new JsNotModelled('an HTTP response not ended (res.end()) before the request handler returns');
    status = toNumber(js, res.props.get('statusCode'));
    const date = rfc1123z(js.ctx.k.wallMs()).replace('+0000', 'GMT');
    const lower = Object.keys(headers).map((h) => h.toLowerCase());
    const extra: Record<string, string> = { Date: date, Connection: 'keep-alive', 'Keep-Alive': 'timeout=5' };
    if (!lower.includes('content-length')) { if (chunked) extra['Transfer-Encoding'] = 'chunked'; else extra['Content-Length'] = String(byteLen(body)); }
    return { status, reason: STATUS[status] ?? 'unknown', headers: { ...headers, ...extra }, body };
  };
}

export function httpModule(js: Js, loop: Loop): JsObj {
  const m = js.newObject();
  const fn = (n: string, f: NativeCall) => m.props.set(n, js.native(n, f));
  const statusCodes = js.newObject();
  for (const [k, v] of Object.entries(STATUS)) statusCodes.props.set(k, v);
  m.props.set('STATUS_CODES', statusCodes);
  fn('createServer', function* (_s, args) {
    const handler = args.find(isCallable);
    const { o: server, listeners } = emitter(js, 'Server');
    let port: number | null = null;
    server.props.set('listen', js.native('listen', function* (self, largs) {
      port = toNumber(js, largs[0] ?? 0);
      const cb = largs.find(isCallable);
      yield { k: 'flush' };
      const crash = (c: ServerCrash) => { loop.crash = c; js.ctx.host.notify(loop.wakeKey); };
      const ok = js.ctx.host.listen(port, { protocol: 'http', http: serverHandler(js, handler ?? js.native('noop', function* () { return undefined; }), crash) });
      if (!ok) {
        const err = sysError(js, 'EADDRINUSE', 'listen', { address: '::', port }, `listen EADDRINUSE: address already in use :::${port}`);
        loop.tasks.push(function* () {
          const l = listeners.get('error');
          if (l) for (const f of l) yield* js.call(f, server, [err]);
          else throw new JsThrow(err);
        });
        return self;
      }
      loop.servers.set(port, server);
      if (cb) loop.tasks.push(function* () { yield* js.call(cb, server, []); });
      return self;
    }, 2));
    server.props.set('close', js.native('close', function* (self, [cb]) {
      if (port !== null && loop.servers.delete(port)) js.ctx.host.unlisten(port);
      if (isCallable(cb)) loop.tasks.push(function* () { yield* js.call(cb, server, []); });
      return self;
    }));
    server.hidden!.add('listen').add('close');
    return server;
  });
  const get: NativeCall = function* (_s, [target, a, b]) {
    const cb = isCallable(a) ? a : isCallable(b) ? b : null;
    const url = typeof target === 'string' ? target : isObj(target) ? `http://${js.toStr(target.props.get('hostname') ?? target.props.get('host') ?? 'localhost')}:${js.toStr(target.props.get('port') ?? 80)}${js.toStr(target.props.get('path') ?? '/')}` : '';
    const u = parseUrl(url);
    if (!u || !/^https?:\/\//.test(url)) return js.throwError('TypeError', `Invalid URL`);
    const { o: req, listeners } = emitter(js, 'ClientRequest');
    const fail = function* (err: JsObj) {
      const l = listeners.get('error');
      if (l) { for (const f of l) yield* js.call(f, req, [err]); return; }
      loop.unhandledEmit = true;
      throw new JsThrow(err);
    };
    loop.tasks.push(function* () {
      yield { k: 'flush' };
      const host = resolveHost(js.ctx, u.host, 'node');
      if (!host) { yield* fail(sysError(js, 'ENOTFOUND', 'getaddrinfo', { hostname: u.host }, `getaddrinfo ENOTFOUND ${u.host}`)); return; }
      const conn = yield* connectTo(js.ctx, `${u.host}:${u.port}`, host.ip, u.port, null);
      if (!conn.ok) {
        const code = conn.errno === 'Connection refused' ? 'ECONNREFUSED' : conn.errno === 'Connection timed out' ? 'ETIMEDOUT' : 'EHOSTUNREACH';
        yield* fail(sysError(js, code, 'connect', { address: host.ip, port: u.port }, `connect ${code} ${host.ip}:${u.port}`));
        return;
      }
      const res = exchange(js.ctx, conn.res.handle, { method: 'GET', path: u.path, headers: { Host: u.hostPort, Connection: 'keep-alive' } });
      if (!res) { yield* fail(sysError(js, 'ECONNRESET', 'read', {}, 'socket hang up')); return; }
      const { o: msg, listeners: ml } = emitter(js, 'IncomingMessage');
      msg.props.set('statusCode', res.status);
      msg.props.set('statusMessage', res.reason);
      msg.props.set('headers', headersObj(js, res.headers));
      let encoding = false;
      msg.props.set('setEncoding', js.native('setEncoding', function* (self) { encoding = true; return self; }));
      msg.props.set('resume', js.native('resume', function* (self) { return self; }));
      if (cb) yield* js.call(cb, req, [msg]);
      // Chunks are Buffers unless setEncoding was called.
      for (const f of ml.get('data') ?? []) if (res.body !== '') yield* js.call(f, msg, [encoding ? res.body : js.buffers.fromString(res.body)]);
      for (const f of ml.get('end') ?? []) yield* js.call(f, msg, []);
    });
    req.props.set('end', js.native('end', function* (self) { return self; }));
    req.props.set('setTimeout', js.native('setTimeout', function* (self) { return self; }));
    return req;
  };
  fn('get', get);
  fn('request', function* (s, args) { return yield* get(s, args, null); });
  return m;
}

/**
 * fetch(url) (undici in Node 22): a promise of a Response (status, ok, headers.get, text(), json());
 * a failure to resolve or connect rejects with `TypeError: fetch failed` whose cause is the system error.
 */
export function fetchFunction(js: Js, loop: Loop): JsObj {
  return js.native('fetch', function* (_s, [input, init]) {
    const promises = js.promises;
    const p = promises.make();
    const url = js.toStr(input);
    const u = /^https?:\/\//.test(url) ? parseUrl(url) : null;
    const method = isObj(init) && typeof init.props.get('method') === 'string' ? String(init.props.get('method')).toUpperCase() : 'GET';
    const body = isObj(init) && init.props.get('body') !== undefined ? js.toStr(init.props.get('body')) : undefined;
    const failed = (cause: JsObj) => {
      const e = js.makeError('TypeError', 'fetch failed');
      e.props.set('stack', 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:13502:13\n    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)');
      e.props.set('cause', cause);
      e.hidden!.add('cause');
      e.site = { file: 'node:internal/deps/undici/undici', line: 13502, col: 12 };
      promises.reject(p, e);
    };
    if (!u) {
      const e = js.makeError('TypeError', 'Failed to parse URL from ' + url);
      promises.reject(p, e);
      return p;
    }
    loop.tasks.push(function* () {
      yield { k: 'flush' };
      const host = resolveHost(js.ctx, u.host, 'node');
      if (!host) {
        const cause = sysError(js, 'ENOTFOUND', 'getaddrinfo', { hostname: u.host }, `getaddrinfo ENOTFOUND ${u.host}`);
        cause.props.set('stack', `Error: getaddrinfo ENOTFOUND ${u.host}\n    at GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:dns:120:26)`);
        failed(cause);
        return;
      }
      const conn = yield* connectTo(js.ctx, `${u.host}:${u.port}`, host.ip, u.port, null);
      if (!conn.ok) {
        const code = conn.errno === 'Connection refused' ? 'ECONNREFUSED' : conn.errno === 'Connection timed out' ? 'ETIMEDOUT' : 'EHOSTUNREACH';
        const cause = sysError(js, code, 'connect', { address: host.ip, port: u.port }, `connect ${code} ${host.ip}:${u.port}`);
        cause.props.set('stack', `Error: connect ${code} ${host.ip}:${u.port}\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1610:16)`);
        failed(cause);
        return;
      }
      const res = exchange(js.ctx, conn.res.handle, { method, path: u.path, headers: { host: u.hostPort, connection: 'keep-alive', accept: '*/*', 'user-agent': 'node', 'accept-encoding': 'gzip, deflate' }, body });
      if (!res) { failed(sysError(js, 'ECONNRESET', 'read', {}, 'other side closed')); return; }
      promises.resolve(p, response(js, res, url));
    });
    return p;
  }, 1);
}

function response(js: Js, res: HttpResponse, url: string): JsObj {
  const r = js.newObject(js.realm.ObjectProto, 'Response');
  r.props.set('status', res.status);
  r.props.set('statusText', res.reason);
  r.props.set('ok', res.status >= 200 && res.status < 300);
  r.props.set('url', url);
  const headers = js.newObject(js.realm.ObjectProto, 'Headers');
  headers.props.set('get', js.native('get', function* (_s, [name]) {
    const k = Object.keys(res.headers).find((h) => h.toLowerCase() === js.toStr(name).toLowerCase());
    return k === undefined ? null : res.headers[k];
  }, 1));
  r.props.set('headers', headers);
  r.props.set('text', js.native('text', function* () { return js.promises.from(res.body); }));
  r.props.set('json', js.native('json', function* () {
    const p = js.promises.make();
    try { js.promises.resolve(p, jsonParse(js, res.body)); } catch (e) { if (e instanceof JsThrow) js.promises.reject(p, e.value); else throw e; }
    return p;
  }));
  return r;
}
