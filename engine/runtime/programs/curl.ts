/**
 * curl, for images that ship it (flavor extraApplets 'curl'). Modelled on curl 8's tool: the body
 * to stdout (or -o FILE), errors `curl: (N) …` with curl's exit codes (docs/cmdline-opts/
 * _EXITCODES.md), and the progress meter on stderr: stdout is never a terminal in a container, so
 * curl draws it unless -s (lib/progress.c). A virtual transfer takes no time; the meter shows it as
 * one millisecond, so speeds read bytes×1000 (a real run shows similar, noisy numbers).
 */
import type { HttpResponse } from '../seam';
import { FsError } from '../fs/errors';
import { errRaw, out, type Applet, type G } from './lib';
import type { Ctx } from '../shell/sys';
import { byteLen, connectTo, exchange, headerLines, parseUrl, resolveHost, type Url } from './netlib';

/** The version the User-Agent and `curl --version` report. */
export const CURL_VERSION = '8.5.0';

interface CurlOpts {
  silent: boolean; showError: boolean; fail: boolean; head: boolean; verbose: boolean; follow: boolean;
  output: string | null; remoteName: boolean; maxTime: number | null; connectTimeout: number | null;
  writeOut: string | null; method: string | null; headers: string[]; data: string | null; urls: string[];
}

const LONG: Readonly<Record<string, string>> = {
  silent: 's', 'show-error': 'S', fail: 'f', head: 'I', verbose: 'v', location: 'L', output: 'o', 'remote-name': 'O',
  'max-time': 'm', 'connect-timeout': 'C', 'write-out': 'w', request: 'X', header: 'H', data: 'd', insecure: 'k',
  'user-agent': 'A', retry: 'R', include: 'i', version: 'V', 'fail-with-body': 'f', 'data-raw': 'd', url: 'u',
};
const TAKES = new Set(['o', 'm', 'C', 'w', 'X', 'H', 'd', 'A', 'R', 'u']);

function parse(argv: readonly string[]): CurlOpts | { bad: string; code: number } {
  const o: CurlOpts = { silent: false, showError: false, fail: false, head: false, verbose: false, follow: false, output: null,
    remoteName: false, maxTime: null, connectTimeout: null, writeOut: null, method: null, headers: [], data: null, urls: [] };
  const num = (v: string): number | null => (/^\d+(\.\d+)?$/.test(v) ? Number(v) : null);
  const set = (c: string, v: string): string | null => {
    switch (c) {
      case 's': o.silent = true; break;
      case 'S': o.showError = true; break;
      case 'f': o.fail = true; break;
      case 'I': o.head = true; break;
      case 'v': o.verbose = true; break;
      case 'L': o.follow = true; break;
      case 'O': o.remoteName = true; break;
      case 'o': o.output = v; break;
      case 'm': if (num(v) === null) return 'expected a proper numerical parameter'; o.maxTime = num(v); break;
      case 'C': if (num(v) === null) return 'expected a proper numerical parameter'; o.connectTimeout = num(v); break;
      case 'w': o.writeOut = v; break;
      case 'X': o.method = v; break;
      case 'H': o.headers.push(v); break;
      case 'd': o.data = o.data === null ? v : `${o.data}&${v}`; break;
      case 'A': o.headers.push(`User-Agent: ${v}`); break;
      case 'u': o.urls.push(v); break;
    }
    return null;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const c = LONG[a.slice(2, eq < 0 ? undefined : eq)];
      if (!c) return { bad: `option ${a}: is unknown`, code: 2 };
      const v = TAKES.has(c) ? (eq >= 0 ? a.slice(eq + 1) : argv[++i]) : '';
      if (v === undefined) return { bad: `option ${a}: requires parameter`, code: 2 };
      const e = set(c, v);
      if (e) return { bad: `option ${a}: ${e}`, code: 2 };
      continue;
    }
    if (a[0] !== '-' || a.length < 2) { o.urls.push(a); continue; }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (!'sSfIvLoOmwXHdAkiqV'.includes(c)) return { bad: `option -${c}: is unknown`, code: 2 };
      if (TAKES.has(c)) {
        const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (v === undefined) return { bad: `option -${c}: requires parameter`, code: 2 };
        const e = set(c, v);
        if (e) return { bad: `option -${c}: ${e}`, code: 2 };
        break;
      }
      set(c, '');
    }
  }
  return o;
}

/** lib/progress.c max5data: a size or speed in five columns. */
export function max5(bytes: number): string {
  const ONE_M = 1024 * 1024;
  if (bytes < 100000) return String(bytes).padStart(5, ' ');
  if (bytes < 10000 * 1024) return String(Math.floor(bytes / 1024)).padStart(4, ' ') + 'k';
  if (bytes < 100 * ONE_M) return `${String(Math.floor(bytes / ONE_M)).padStart(2, ' ')}.${Math.floor((bytes % ONE_M) / (ONE_M / 10))}M`;
  if (bytes < 10000 * ONE_M) return String(Math.floor(bytes / ONE_M)).padStart(4, ' ') + 'M';
  return String(Math.floor(bytes / (1024 * ONE_M))).padStart(4, ' ') + 'G';
}

const DASHES = '--:--:--';
const HEADER = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

function meterLine(total: number, received: number, speed: number): string {
  const pct = (a: number, b: number) => String(b > 0 ? Math.floor((a * 100) / b) : 0).padStart(3, ' ');
  return `\r${pct(received, total)} ${max5(total)}  ${pct(received, total)} ${max5(received)}    0 ${max5(0)}  ${max5(speed)}  ${max5(0)} ${DASHES} ${DASHES} ${DASHES} ${max5(speed)}`;
}

const ZERO_LINE = meterLine(0, 0, 0);

/** curl's exit codes and strerror-style messages (curl 8). */
class CurlErr { constructor(readonly code: number, readonly msg: string) {} }

interface Result { res: HttpResponse | null; ip: string; port: number; url: string; ms: number }

export const curl: Applet = function* (ctx) {
  const o = parse(ctx.argv);
  if ('bad' in o) {
    errRaw(ctx, `curl: ${o.bad}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
    return o.code;
  }
  if (ctx.argv.includes('-V') || ctx.argv.includes('--version')) {
    yield* out(ctx, `curl ${CURL_VERSION} (x86_64-pc-linux-musl) libcurl/${CURL_VERSION}\nProtocols: http\nFeatures: IPv6 Largefile\n`);
    return 0;
  }
  if (o.urls.length === 0) {
    errRaw(ctx, "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  let status = 0;
  for (const u of o.urls) status = yield* one(ctx, o, u);
  return status;
};

function* one(ctx: Ctx, o: CurlOpts, text: string): G<number> {
  const meter = !o.silent;
  if (meter) errRaw(ctx, HEADER + ZERO_LINE);
  let result: Result = { res: null, ip: '', port: 0, url: text, ms: 0 };
  let failure: CurlErr | null = null;
  try {
    result = yield* transfer(ctx, o, text);
  } catch (e) {
    if (!(e instanceof CurlErr)) throw e;
    failure = e;
  }
  const res = result.res;
  const body = res && !o.head ? res.body : '';
  if (!failure && res && o.fail && res.status >= 400) failure = new CurlErr(22, `The requested URL returned error: ${res.status}`);
  const shown = failure && failure.code === 22 ? '' : o.head && res ? headText(res) : body;
  if (!failure || failure.code === 22) {
    const total = res ? (o.head ? 0 : byteLen(res.body)) : 0;
    const got = failure ? 0 : total;
    if (o.verbose && got) errRaw(ctx, `{ [${got} bytes data]\n`);
    if (meter) errRaw(ctx, meterLine(total, got, got * 1000) + '\n');
  } else if (meter && failure.code !== 6) errRaw(ctx, ZERO_LINE + '\n');
  if (!failure || failure.code !== 22) {
    const written = yield* deliver(ctx, o, text, shown);
    if (!written && !failure) failure = new CurlErr(23, 'Failure writing output to destination');
  }
  if (o.writeOut !== null) yield* out(ctx, writeOut(o.writeOut, result, failure));
  if (failure) {
    if (!o.silent || o.showError) errRaw(ctx, `curl: (${failure.code}) ${failure.msg}\n`);
    return failure.code;
  }
  return 0;
}

function headText(res: HttpResponse): string {
  return [`HTTP/1.1 ${res.status} ${res.reason}`, ...headerLines(res, true)].map((l) => l + '\r\n').join('') + '\r\n';
}

function* deliver(ctx: Ctx, o: CurlOpts, url: string, data: string): G<boolean> {
  let file = o.output;
  if (file === null && o.remoteName) {
    const path = parseUrl(url)?.path ?? '';
    file = path.split('?')[0].slice(path.lastIndexOf('/') + 1);
    if (file === '') { errRaw(ctx, 'curl: Remote file name has no length!\n'); return false; }
  }
  // A write that fails (a full tmpfs, /dev/full) is CURLE_WRITE_ERROR with no warning of its own.
  if (file === null || file === '-') return (yield* out(ctx, data)) === null;
  try {
    ctx.fs.writeFile(file, ctx.cwd, ctx.cred, data);
    return true;
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    if (e.code !== 'ENOSPC') errRaw(ctx, `Warning: Failed to open the file ${file}: ${e.message}\n`);
    return false;
  }
}

function* transfer(ctx: Ctx, o: CurlOpts, text: string): G<Result> {
  const first = parseUrl(text);
  if (!first) throw new CurlErr(3, 'URL rejected: Malformed input to a URL function');
  let url: Url = first;
  if (url.scheme !== 'http' && url.scheme !== 'https') throw new CurlErr(1, `Protocol "${url.scheme}" not supported`);
  yield { k: 'flush' };
  const limitMs = (() => {
    const c = o.connectTimeout === null ? Infinity : o.connectTimeout * 1000;
    const m = o.maxTime === null ? Infinity : o.maxTime * 1000;
    return Math.min(c, m);
  })();
  for (let hops = 0; ; hops++) {
    const addr = resolveHost(ctx, url.host, 'curl');
    if (!addr) throw new CurlErr(6, `Could not resolve host: ${url.host}`);
    if (o.verbose) errRaw(ctx, `*   Trying ${addr.ip}:${url.port}...\n`);
    const conn = yield* connectTo(ctx, `${url.host}:${url.port}`, addr.ip, url.port, limitMs === Infinity ? null : Math.round(limitMs));
    if (!conn.ok) {
      if (conn.timedOut) throw new CurlErr(28, `Connection timed out after ${conn.waitedMs} milliseconds`);
      throw new CurlErr(conn.errno === 'Connection timed out' ? 28 : 7, `Failed to connect to ${url.host} port ${url.port} after ${conn.waitedMs} ms: Couldn't connect to server`);
    }
    if (o.verbose) errRaw(ctx, `* Connected to ${url.host} (${addr.ip}) port ${url.port}\n`);
    const defaultPort = url.scheme === 'https' ? 443 : 80;
    const headers: Record<string, string> = { Host: url.port === defaultPort ? url.host : `${url.host}:${url.port}`, 'User-Agent': `curl/${CURL_VERSION}`, Accept: '*/*' };
    for (const h of o.headers) {
      const c = h.indexOf(':');
      if (c > 0) headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
    }
    const method = o.method ?? (o.head ? 'HEAD' : o.data !== null ? 'POST' : 'GET');
    if (o.data !== null) {
      headers['Content-Length'] = String(byteLen(o.data));
      headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
    }
    if (o.verbose) errRaw(ctx, [`${method} ${url.path} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), ''].map((l) => `> ${l}\r\n`).join(''));
    const res = exchange(ctx, conn.res.handle, { method, path: url.path, headers, body: o.data ?? undefined });
    if (!res) throw new CurlErr(52, 'Empty reply from server');
    if (o.verbose) {
      errRaw(ctx, [`HTTP/1.1 ${res.status} ${res.reason}`, ...headerLines(res, method === 'HEAD'), ''].map((l) => `< ${l}\r\n`).join(''));
      errRaw(ctx, `* Connection #0 to host ${url.host} left intact\n`);
    }
    const loc = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'location')?.[1];
    if (o.follow && loc !== undefined && res.status >= 300 && res.status < 400) {
      if (hops >= 50) throw new CurlErr(47, 'Maximum (50) redirects followed');
      const next: Url | null = loc.startsWith('/') ? { ...url, path: loc } : parseUrl(loc);
      if (!next) throw new CurlErr(3, 'URL rejected: Malformed input to a URL function');
      url = next;
      continue;
    }
    return { res, ip: addr.ip, port: url.port, url: `${url.scheme}://${url.hostPort}${url.path}`, ms: 1 };
  }
}

/** -w FORMAT: %{variable} and the \n \r \t escapes curl interprets itself. */
function writeOut(fmt: string, r: Result, failure: CurlErr | null): string {
  const res = r.res;
  const vars: Record<string, string> = {
    http_code: res ? String(res.status).padStart(3, '0') : '000',
    response_code: res ? String(res.status) : '0',
    size_download: String(res ? byteLen(res.body) : 0),
    url_effective: r.url,
    remote_ip: r.ip,
    remote_port: r.port ? String(r.port) : '',
    content_type: res ? Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '' : '',
    time_total: (r.ms / 1000).toFixed(6),
    time_connect: (r.ms / 1000).toFixed(6),
    exitcode: String(failure ? failure.code : 0),
    errormsg: failure ? failure.msg : '',
  };
  return fmt
    .replace(/%\{([a-z_]+)\}/g, (m, v: string) => vars[v] ?? '')
    .replace(/\\([nrt\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : '\\'));
}
