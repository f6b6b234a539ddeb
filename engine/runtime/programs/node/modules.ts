/* eslint-disable require-yield -- native functions share the generator signature of JS calls; many never block. */
/**
 * `require()` of the core modules the playground models: fs (the sync calls), http (createServer
 * serving through the pod's network, get), dns.lookup, os, path, util. Other core modules stop the
 * program with a plain statement; a name that is no core module is MODULE_NOT_FOUND, as in the image.
 */
import { FsError } from '../../fs/errors';
import { resolveHost } from '../netlib';
import type { Js } from './interp';
import { format, inspect } from './inspect';
import type { Loop } from './loop';
import { httpModule } from './http';
import { JsNotModelled, JsThrow, isCallable, isObj, type JsObj, type JsVal, type NativeCall } from './values';

const CORE_NOT_MODELLED = new Set(['child_process', 'net', 'https', 'events', 'stream', 'crypto', 'url', 'querystring', 'readline', 'zlib',
  'worker_threads', 'cluster', 'tls', 'dgram', 'assert', 'buffer', 'string_decoder', 'timers', 'perf_hooks', 'vm', 'v8', 'async_hooks',
  'http2', 'inspector', 'module', 'process', 'repl', 'tty', 'fs/promises', 'dns/promises', 'timers/promises', 'test', 'sqlite']);

/** Node 22's module loader frames above a failed require() in a stack trace. */
const LOADER_FRAMES = ['    at Function._resolveFilename (node:internal/modules/cjs/loader:1225:15)', '    at Function._load (node:internal/modules/cjs/loader:1055:27)',
  '    at TracingChannel.traceSync (node:diagnostics_channel:322:14)', '    at wrapModuleLoad (node:internal/modules/cjs/loader:220:24)',
  '    at Module.require (node:internal/modules/cjs/loader:1311:12)', '    at require (node:internal/modules/helpers:136:16)'];

const ERRNO: Readonly<Record<string, [number, string]>> = {
  ENOENT: [-2, 'no such file or directory'], EACCES: [-13, 'permission denied'], EISDIR: [-21, 'illegal operation on a directory'],
  ENOTDIR: [-20, 'not a directory'], EEXIST: [-17, 'file already exists'], EROFS: [-30, 'read-only file system'], ENOTEMPTY: [-39, 'directory not empty'],
  EPERM: [-1, 'operation not permitted'], ENOSPC: [-28, 'no space left on device'], ENOTFOUND: [-3008, 'getaddrinfo ENOTFOUND'], ECONNREFUSED: [-111, 'connection refused'],
  ETIMEDOUT: [-110, 'connection timed out'], EHOSTUNREACH: [-113, 'host is unreachable'], EADDRINUSE: [-98, 'address already in use'],
  ECONNRESET: [-104, 'socket hang up'],
};

/** A system error as libuv reports it: `ENOENT: no such file or directory, open 'x'` with errno/code/syscall/path. */
export function sysError(js: Js, code: string, syscall: string, extra: Record<string, JsVal>, message?: string): JsObj {
  const [errno, text] = ERRNO[code] ?? [-5, code.toLowerCase()];
  const e = js.makeError('Error', message ?? `${code}: ${text}, ${syscall}${extra.path !== undefined ? ` '${String(extra.path)}'` : ''}`);
  e.props.set('errno', errno);
  e.props.set('code', code);
  e.props.set('syscall', syscall);
  for (const [k, v] of Object.entries(extra)) e.props.set(k, v);
  return e;
}

function obj(js: Js, fns: Record<string, NativeCall>, values: Record<string, JsVal> = {}): JsObj {
  const o = js.newObject();
  for (const [k, f] of Object.entries(fns)) o.props.set(k, js.native(k, f, f.length));
  for (const [k, v] of Object.entries(values)) o.props.set(k, v);
  return o;
}

function fsModule(js: Js): JsObj {
  const { fs, cred } = js.ctx;
  const cwd = () => js.ctx.cwd;
  const call = <T>(syscall: string, path: string, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      js.frames.pop();
      js.site = { file: js.frame.file, line: js.frame.line, col: js.frame.col };
      // Only the write(2) after open can run out of space: node reports `ENOSPC: …, write` without the path.
      const err = e.code === 'ENOSPC' ? sysError(js, e.code, 'write', {}) : sysError(js, e.code, syscall, { path });
      js.frames.push({ name: '', file: '<native>', line: 0, col: 0, node: null });
      throw new JsThrow(err);
    }
  };
  const pathArg = (v: JsVal): string => (typeof v === 'string' ? v : js.throwError('TypeError', `The "path" argument must be of type string. Received ${inspect(js, v)}`));
  const encoding = (v: JsVal): string | null => (typeof v === 'string' ? v : isObj(v) && typeof v.props.get('encoding') === 'string' ? String(v.props.get('encoding')) : null);
  const data = (v: JsVal): string => (typeof v === 'string' ? v : js.toStr(v));
  return obj(js, {
    readFileSync: function* (_s, [p, opt]) {
      const path = pathArg(p);
      const text = call('open', path, () => { const st = fs.stat(path, cwd(), cred); if (st.node.kind === 'dir') throw new FsError('EISDIR'); return fs.readFile(path, cwd(), cred); });
      return encoding(opt) === null ? js.buffers.fromString(text) : text;
    },
    writeFileSync: function* (_s, [p, d]) { const path = pathArg(p); call('open', path, () => fs.writeFile(path, cwd(), cred, data(d), false, 0o644)); return undefined; },
    appendFileSync: function* (_s, [p, d]) { const path = pathArg(p); call('open', path, () => fs.writeFile(path, cwd(), cred, data(d), true, 0o644)); return undefined; },
    existsSync: function* (_s, [p]) { try { return typeof p === 'string' && fs.exists(p, cwd(), cred) !== null; } catch { return false; } },
    readdirSync: function* (_s, [p]) { const path = pathArg(p); return js.newArray(call('scandir', path, () => fs.readdir(path, cwd(), cred))); },
    unlinkSync: function* (_s, [p]) { const path = pathArg(p); call('unlink', path, () => fs.unlink(path, cwd(), cred)); return undefined; },
    mkdirSync: function* (_s, [p, opt]) {
      const path = pathArg(p);
      const recursive = isObj(opt) && opt.props.get('recursive') === true;
      if (!recursive) { call('mkdir', path, () => fs.mkdir(path, cwd(), cred, 0o777)); return undefined; }
      let at = path.startsWith('/') ? '' : '.';
      let first: string | undefined;
      for (const part of path.split('/').filter(Boolean)) {
        at = at === '' ? `/${part}` : `${at}/${part}`;
        if (!fs.exists(at, cwd(), cred)) { call('mkdir', path, () => fs.mkdir(at, cwd(), cred, 0o777)); first ??= at; }
      }
      return first;
    },
    statSync: function* (_s, [p]) {
      const path = pathArg(p);
      const st = call('stat', path, () => fs.stat(path, cwd(), cred));
      const isDir = st.node.kind === 'dir';
      const size = st.node.kind === 'file' ? st.node.data.length : 4096;
      return obj(js, { isDirectory: function* () { return isDir; }, isFile: function* () { return st.node.kind === 'file'; } }, { size });
    },
  });
}

function pathModule(js: Js): JsObj {
  const normalize = (p: string): string => {
    const abs = p.startsWith('/');
    const out: string[] = [];
    for (const part of p.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') { if (out.length && out[out.length - 1] !== '..') out.pop(); else if (!abs) out.push('..'); } else out.push(part);
    }
    const s = (abs ? '/' : '') + out.join('/');
    return s || (abs ? '/' : '.');
  };
  const strs = (args: JsVal[]) => args.map((a) => (typeof a === 'string' ? a : js.throwError('TypeError', `The "path" argument must be of type string. Received ${inspect(js, a)}`)));
  return obj(js, {
    join: function* (_s, args) { const parts = strs(args).filter((x) => x !== ''); return parts.length ? normalize(parts.join('/')) : '.'; },
    resolve: function* (_s, args) { let r = js.ctx.cwd; for (const p of strs(args)) r = p.startsWith('/') ? p : `${r}/${p}`; return normalize(r); },
    basename: function* (_s, [p, ext]) { const b = String(p).replace(/\/+$/, '').split('/').pop() ?? ''; return typeof ext === 'string' && b.endsWith(ext) && b !== ext ? b.slice(0, -ext.length) : b; },
    dirname: function* (_s, [p]) { const s = String(p).replace(/\/+$/, ''); const i = s.lastIndexOf('/'); return i < 0 ? '.' : i === 0 ? '/' : s.slice(0, i); },
    extname: function* (_s, [p]) { const b = String(p).split('/').pop() ?? ''; const i = b.lastIndexOf('.'); return i <= 0 ? '' : b.slice(i); },
    normalize: function* (_s, [p]) { return normalize(String(p)); },
  }, { sep: '/', delimiter: ':' });
}

function dnsModule(js: Js, loop: Loop): JsObj {
  return obj(js, {
    lookup: function* (_s, [host, opt, cb]) {
      const callback = isCallable(opt) ? opt : cb;
      if (!isCallable(callback)) return js.throwError('TypeError', `The "callback" argument must be of type function. Received ${inspect(js, callback)}`);
      const name = js.toStr(host);
      loop.tasks.push(function* () {
        yield { k: 'flush' };
        const r = resolveHost(js.ctx, name, 'node');
        if (r) yield* js.call(callback, undefined, [null, r.ip, 4]);
        else yield* js.call(callback, undefined, [sysError(js, 'ENOTFOUND', 'getaddrinfo', { hostname: name }, `getaddrinfo ENOTFOUND ${name}`)]);
      });
      return undefined;
    },
  });
}

export function requireModule(js: Js, loop: Loop, raw: string): JsVal {
  const name = raw.startsWith('node:') ? raw.slice(5) : raw;
  const cache = js.modules;
  const hit = cache.get(name);
  if (hit) return hit;
  let m: JsObj;
  switch (name) {
    case 'fs': m = fsModule(js); break;
    case 'path': m = pathModule(js); break;
    case 'dns': m = dnsModule(js, loop); break;
    case 'http': m = httpModule(js, loop); break;
    case 'os': m = obj(js, {
      hostname: function* () { try { return js.ctx.fs.readFile('/etc/hostname', '/', js.ctx.cred).trim(); } catch { return 'localhost'; } },
      platform: function* () { return 'linux'; }, type: function* () { return 'Linux'; }, homedir: function* () { return js.ctx.env.get('HOME') ?? '/root'; },
    }, { EOL: '\n' }); break;
    case 'util': m = obj(js, { format: function* (_s, args) { return format(js, args); }, inspect: function* (_s, [v]) { return inspect(js, v); } }); break;
    default:
      if (CORE_NOT_MODELLED.has(name)) throw new JsNotModelled(`require('${raw}')`);
      {
        const requirer = js.mainFile === '[eval]' ? `${js.ctx.cwd.replace(/\/$/, '')}/[eval]` : js.mainFile;
        const native = js.frames.pop()!;
        const e = js.makeError('Error', `Cannot find module '${raw}'\nRequire stack:\n- ${requirer}`, LOADER_FRAMES);
        js.frames.push(native);
        e.props.set('code', 'MODULE_NOT_FOUND');
        e.props.set('requireStack', js.newArray([requirer]));
        js.site = { file: 'node:internal/modules/cjs/loader', line: 1228, col: 2 };
        throw new JsThrow(e);
      }
  }
  cache.set(name, m);
  return m;
}
