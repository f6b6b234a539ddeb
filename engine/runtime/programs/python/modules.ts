/* eslint-disable require-yield -- native functions share the generator signature of Python calls; many never block. */
/**
 * `import`: the stdlib modules the playground models (sys, os, os.path, time, math, json, socket,
 * urllib.request, urllib.error), each on the container's runtime (its environment, filesystem,
 * virtual clock and network). A real stdlib module that is not modelled stops the program with a
 * plain statement of that fact; a name that is no module at all is ModuleNotFoundError, as in the image.
 */
import { utcParts } from '../../../sim/time';
import { FsError } from '../../fs/errors';
import { normalizePath } from '../../shell/builtins2';
import type { Interp } from './interp';
import { fsCall } from './files';
import { datetimeModule } from './datetime';
import { jsonModule } from './json';
import { netModules } from './netmod';
import { str } from './ops';
import { NotModelled, PyExc, dict, list, newExc, raise, tuple, typeName, type G, type NativeFn, type PyModule, type PyVal } from './values';

/** Standard-library modules of CPython 3.13 that tutorials import and the playground does not model. */
const STDLIB_NOT_MODELLED = new Set(['re', 'subprocess', 'random', 'logging', 'pathlib', 'shutil', 'threading', 'http', 'http.client',
  'argparse', 'collections', 'itertools', 'functools', 'typing', 'hashlib', 'base64', 'uuid', 'asyncio', 'sqlite3', 'ssl',
  'platform', 'string', 'textwrap', 'tempfile', 'glob', 'fnmatch', 'csv', 'pprint', 'traceback', 'copy', 'dataclasses', 'enum', 'io',
  'struct', 'select', 'selectors', 'socketserver', 'urllib.parse', 'email', 'smtplib', 'multiprocessing', 'concurrent', 'queue',
  'getpass', 'pwd', 'grp', 'stat', 'errno', 'secrets', 'statistics', 'decimal', 'fractions', 'operator', 'contextlib', 'abc', 'inspect',
  'unittest', 'zipfile', 'tarfile', 'gzip', 'zlib', 'pickle', 'configparser', 'xml', 'html', 'webbrowser', 'ftplib', 'ipaddress',
  'locale', 'calendar', 'heapq', 'bisect', 'array', 'weakref', 'types', 'warnings', 'atexit', 'codecs', 'unicodedata', 'timeit', 'sched']);

export function* importModule(ip: Interp, name: string): G<PyModule> {
  const cached = ip.modules.get(name);
  if (cached) return cached;
  const mod = build(ip, name);
  if (!mod) {
    if (STDLIB_NOT_MODELLED.has(name) || STDLIB_NOT_MODELLED.has(name.split('.')[0])) {
      throw new NotModelled(`the standard library module '${name}' (it models sys, os, os.path, time, datetime, math, json, signal, socket, urllib.request and urllib.error)`);
    }
    throw new PyExc(newExc('ModuleNotFoundError', `No module named '${name}'`));
  }
  ip.modules.set(name, mod);
  const dot = name.lastIndexOf('.');
  if (dot > 0) (yield* importModule(ip, name.slice(0, dot))).attrs.set(name.slice(dot + 1), mod);
  return mod;
}

export function module(name: string, attrs: Record<string, PyVal>): PyModule {
  return { kind: 'module', name, attrs: new Map(Object.entries(attrs)) };
}

export const native = (name: string, fn: NativeFn): PyVal => ({ kind: 'builtin', name, fn });
const sync = (name: string, fn: (a: PyVal[], kw: Map<string, PyVal>) => PyVal): PyVal => native(name, function* (a, kw) { return fn(a, kw); });

function build(ip: Interp, name: string): PyModule | null {
  switch (name) {
    case 'sys': return sysModule(ip);
    case 'os': return osModule(ip);
    case 'os.path': return osPath(ip);
    case 'time': return timeModule(ip);
    case 'math': return mathModule();
    case 'signal': return signalModule(ip);
    case 'datetime': return datetimeModule(ip);
    case 'json': return jsonModule();
    case 'socket': case 'urllib': case 'urllib.request': case 'urllib.error': return netModules(ip, name);
  }
  return null;
}

/** A file object for fd 1 or 2: writes go through the interpreter's (buffered) output. */
function stream(ip: Interp, fd: 1 | 2): PyVal {
  const cls = { kind: 'class' as const, name: 'TextIOWrapper', bases: [], attrs: new Map(), module: '_io' };
  return {
    kind: 'inst', cls, args: [], attrs: new Map<string, PyVal>([
      ['write', native('write', function* (a) {
        if (typeof a[0] !== 'string') raise('TypeError', `write() argument must be str, not ${typeName(a[0])}`);
        yield* ip.io.write(fd, a[0]);
        return BigInt([...a[0]].length);
      })],
      ['flush', native('flush', function* () { if (fd === 1) yield* ip.io.flush(); return null; })],
      ['isatty', sync('isatty', () => false)],
      ['fileno', sync('fileno', () => BigInt(fd))],
    ]),
  };
}

function sysModule(ip: Interp): PyModule {
  const [major, minor, micro] = ip.version.split('.').map(Number);
  const lib = `/usr/local/lib/python${major}.${minor}`;
  // The image's CPython is built with the Debian release's compiler: gcc 12.2.0 in bookworm, 14.2.0 in trixie.
  const gcc = ip.ctx.flavor.release === 'trixie' ? '14.2.0' : '12.2.0';
  return module('sys', {
    argv: list(ip.argv), platform: 'linux', executable: '/usr/local/bin/python3', maxsize: 9223372036854775807n,
    version: `${ip.version} (main) [GCC ${gcc}]`, version_info: tuple([BigInt(major), BigInt(minor), BigInt(micro), 'final', 0n]),
    stdout: stream(ip, 1), stderr: stream(ip, 2), __stdout__: stream(ip, 1),
    stdin: { kind: 'inst', cls: { kind: 'class', name: 'TextIOWrapper', bases: [], attrs: new Map(), module: '_io' }, args: [], attrs: new Map<string, PyVal>([
      ['readline', native('readline', function* () { return (yield* ip.io.readLine()) ?? ''; })],
      ['read', native('read', function* () { let s = ''; for (;;) { const l = yield* ip.io.readLine(); if (l === null) return s; s += l; } })],
    ]) },
    exit: sync('exit', (a) => { throw new PyExc(newExc('SystemExit', ...a)); }),
    path: list(['', `/usr/local/lib/python${major}${minor}.zip`, lib, `${lib}/lib-dynload`, `${lib}/site-packages`]),
  });
}

function osPath(ip: Interp): PyModule {
  const { fs, cred } = ip.ctx;
  const node = (p: PyVal) => { try { return fs.exists(String(p), ip.ctx.cwd, cred); } catch { return null; } };
  const join = (parts: string[]) => parts.reduce((acc, p) => (p.startsWith('/') ? p : acc === '' || acc.endsWith('/') ? acc + p : `${acc}/${p}`), '');
  return module('os.path', {
    exists: sync('exists', (a) => node(a[0]) !== null),
    isfile: sync('isfile', (a) => node(a[0])?.kind === 'file'),
    isdir: sync('isdir', (a) => node(a[0])?.kind === 'dir'),
    join: sync('join', (a) => join(a.map((x) => (typeof x === 'string' ? x : raise('TypeError', `join() argument must be str, bytes, or os.PathLike object, not '${typeName(x)}'`))))),
    basename: sync('basename', (a) => String(a[0]).slice(String(a[0]).lastIndexOf('/') + 1)),
    dirname: sync('dirname', (a) => { const s = String(a[0]); const i = s.lastIndexOf('/'); return i < 0 ? '' : s.slice(0, i).replace(/\/+$/, '') || (i === 0 ? '/' : s.slice(0, i)); }),
    abspath: sync('abspath', (a) => normalizePath(String(a[0]).startsWith('/') ? String(a[0]) : `${ip.ctx.cwd}/${String(a[0])}`)),
    getsize: sync('getsize', (a) => BigInt(fsCall(String(a[0]), () => fs.readFile(String(a[0]), ip.ctx.cwd, cred)).length)),
    sep: '/',
  });
}

function osModule(ip: Interp): PyModule {
  const { fs, cred } = ip.ctx;
  const environ = dict([...ip.ctx.env].map(([k, v]) => [k, v] as [PyVal, PyVal]));
  // os._Environ is Python code in CPython: a missing variable's KeyError shows its frozen frame.
  environ.origin = { file: '<frozen os>', name: '__getitem__', line: 716, node: null };
  const path = (v: PyVal) => (typeof v === 'string' ? v : raise('TypeError', `expected str, bytes or os.PathLike object, not ${typeName(v)}`));
  const mkdirs = (p: string, existOk: boolean) => {
    let at = p.startsWith('/') ? '' : '.';
    const parts = p.split('/').filter(Boolean);
    parts.forEach((part, i) => {
      at = at === '' ? `/${part}` : `${at}/${part}`;
      const n = fs.exists(at, ip.ctx.cwd, cred);
      if (n && i === parts.length - 1 && !existOk) fsCall(p, () => { throw new FsError('EEXIST'); });
      if (!n) fsCall(p, () => fs.mkdir(at, ip.ctx.cwd, cred, 0o777));
    });
  };
  return module('os', {
    environ, path: osPath(ip), sep: '/', linesep: '\n', name: 'posix', curdir: '.',
    getenv: sync('getenv', (a, kw) => { const v = environ.map.get('s' + path(a[0])); return v ? v[1] : (a[1] ?? kw.get('default') ?? null); }),
    listdir: sync('listdir', (a) => { const p = a.length ? path(a[0]) : '.'; return list(fsCall(p, () => fs.readdir(p, ip.ctx.cwd, cred))); }),
    makedirs: sync('makedirs', (a, kw) => { mkdirs(path(a[0]), str(kw.get('exist_ok') ?? a[2] ?? false) === 'True'); return null; }),
    mkdir: sync('mkdir', (a) => { const p = path(a[0]); fsCall(p, () => fs.mkdir(p, ip.ctx.cwd, cred, 0o777)); return null; }),
    remove: sync('remove', (a) => { const p = path(a[0]); fsCall(p, () => fs.unlink(p, ip.ctx.cwd, cred)); return null; }),
    unlink: sync('unlink', (a) => { const p = path(a[0]); fsCall(p, () => fs.unlink(p, ip.ctx.cwd, cred)); return null; }),
    rmdir: sync('rmdir', (a) => { const p = path(a[0]); fsCall(p, () => fs.rmdir(p, ip.ctx.cwd, cred)); return null; }),
    rename: sync('rename', (a) => { const p = path(a[0]); fsCall(p, () => fs.rename(p, path(a[1]), ip.ctx.cwd, cred)); return null; }),
    getcwd: sync('getcwd', () => ip.ctx.cwd),
    chdir: sync('chdir', (a) => { const p = path(a[0]); const n = fsCall(p, () => fs.stat(p, ip.ctx.cwd, cred)); if (n.node.kind !== 'dir') raise('NotADirectoryError', `[Errno 20] Not a directory: '${p}'`); ip.ctx.cwd = normalizePath(p.startsWith('/') ? p : `${ip.ctx.cwd}/${p}`); return null; }),
    getpid: sync('getpid', () => BigInt(ip.ctx.p.pid)),
    getuid: sync('getuid', () => BigInt(cred.uid)),
    getgid: sync('getgid', () => BigInt(cred.gid)),
  });
}


function timeModule(ip: Interp): PyModule {
  const k = ip.ctx.k;
  const wall = () => k.epochMs / 1000 + k.clock() / 1e6;
  return module('time', {
    sleep: native('sleep', function* (a) {
      const v = a[0];
      if (typeof v !== 'number' && typeof v !== 'bigint' && typeof v !== 'boolean') raise('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
      const secs = Number(v);
      if (secs < 0) raise('ValueError', 'sleep length must be non-negative');
      yield* ip.io.sleep(secs * 1000);
      return null;
    }),
    time: sync('time', () => wall()),
    monotonic: sync('monotonic', () => k.clock() / 1e6),
    perf_counter: sync('perf_counter', () => k.clock() / 1e6),
    time_ns: sync('time_ns', () => BigInt(Math.floor(wall() * 1e6)) * 1000n),
    strftime: sync('strftime', (a) => strftime(String(a[0]), Math.floor(wall() * 1000))),
  });
}

/** strftime for the common directives, on the container's (UTC) clock. */
function strftime(fmt: string, ms: number): string {
  const c = utcParts(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return fmt.replace(/%([YmdHMSyjaAbBpZz%])/g, (_m, d: string) => {
    switch (d) {
      case 'Y': return String(c.y);
      case 'y': return p2(c.y % 100);
      case 'm': return p2(c.m);
      case 'd': return p2(c.d);
      case 'H': return p2(c.hh);
      case 'M': return p2(c.mm);
      case 'S': return p2(c.ss);
      case 'a': return days[c.weekday].slice(0, 3);
      case 'A': return days[c.weekday];
      case 'b': return months[c.m - 1].slice(0, 3);
      case 'B': return months[c.m - 1];
      case 'p': return c.hh < 12 ? 'AM' : 'PM';
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case '%': return '%';
      default: return '';
    }
  });
}

/**
 * signal.signal(SIGTERM, handler): the handler runs between statements (and interrupts time.sleep
 * within a tenth of a second of virtual time); SIG_IGN ignores; SIG_DFL restores the default action.
 */
function signalModule(ip: Interp): PyModule {
  const names: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGUSR1: 10, SIGUSR2: 12, SIGTERM: 15 };
  const byNum = new Map(Object.entries(names).map(([n, v]) => [v, n.slice(3)]));
  const p = ip.ctx.p;
  p.disposition = (sig) => {
    const h = ip.handlers.get(sig);
    if (h === 1n) return 'ignore';
    return h !== undefined || sig === 'INT' ? 'trap' : 'default';
  };
  return module('signal', {
    ...Object.fromEntries(Object.entries(names).map(([n, v]) => [n, BigInt(v)])), SIG_DFL: 0n, SIG_IGN: 1n,
    signal: sync('signal', (a) => {
      const sig = byNum.get(Number(a[0]));
      if (!sig) return raise('ValueError', 'signal number out of range');
      const prev = ip.handlers.get(sig) ?? 0n;
      if (a[1] === 0n) ip.handlers.delete(sig);
      else ip.handlers.set(sig, a[1]);
      return prev;
    }),
  });
}

function mathModule(): PyModule {
  const f1 = (name: string, fn: (x: number) => number) => sync(name, (a) => {
    const v = a[0];
    if (typeof v !== 'number' && typeof v !== 'bigint' && typeof v !== 'boolean') raise('TypeError', `must be real number, not ${typeName(v)}`);
    const r = fn(Number(v));
    if (Number.isNaN(r) && !Number.isNaN(Number(v))) raise('ValueError', 'math domain error');
    return r;
  });
  const toInt = (x: number): PyVal => (Number.isFinite(x) ? BigInt(x) : raise('OverflowError', 'cannot convert float infinity to integer'));
  return module('math', {
    pi: Math.PI, e: Math.E, tau: 2 * Math.PI, inf: Infinity, nan: NaN,
    sqrt: f1('sqrt', Math.sqrt), exp: f1('exp', Math.exp), fabs: f1('fabs', Math.abs), sin: f1('sin', Math.sin), cos: f1('cos', Math.cos),
    log10: f1('log10', Math.log10), log2: f1('log2', Math.log2),
    log: sync('log', (a) => (a.length > 1 ? Math.log(Number(a[0])) / Math.log(Number(a[1])) : Math.log(Number(a[0])))),
    floor: sync('floor', (a) => (typeof a[0] === 'bigint' ? a[0] : toInt(Math.floor(Number(a[0]))))),
    ceil: sync('ceil', (a) => (typeof a[0] === 'bigint' ? a[0] : toInt(Math.ceil(Number(a[0]))))),
    isnan: sync('isnan', (a) => Number.isNaN(Number(a[0]))), isinf: sync('isinf', (a) => Math.abs(Number(a[0])) === Infinity),
    pow: sync('pow', (a) => Number(a[0]) ** Number(a[1])),
  });
}
