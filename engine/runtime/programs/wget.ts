/**
 * busybox wget (networking/wget.c, 1.36 defconfig: STATUSBAR, TIMEOUT, LONG_OPTIONS). Messages go to
 * stderr: `Connecting to HOST (IP:PORT)`, `saving to 'F'`, the status bar, `'F' saved`. The bar is
 * libbb/progress.c's non-tty form: one line, drawn once the transfer ends (virtual transfers take no
 * time, so the once-a-second redraws never happen), 80 columns unless $COLUMNS says otherwise.
 */
import type { HttpResponse } from '../seam';
import { FsError } from '../fs/errors';
import { err, errRaw, out, type Applet, type G } from './lib';
import type { Ctx } from '../shell/sys';
import { byteLen, connectTo, exchange, headerLines, parseUrl, resolveHost, waitMs, type Url } from './netlib';

interface WgetOpts {
  quiet: boolean;
  spider: boolean;
  serverResponse: boolean;
  out: string | null;
  prefix: string | null;
  userAgent: string;
  timeoutS: number;
  headers: string[];
  urls: string[];
}

const USAGE = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n\n\t--spider\tOnly check URL existence: $? is 0 if exists\n\t--header STR\tAdd STR (of form \'header: value\') to headers\n\t--post-data STR\tSend STR using POST method\n\t--post-file FILE\tSend FILE using POST method\n\t--no-check-certificate\tDon\'t validate the server\'s certificate\n\t-c\t\tContinue retrieval of aborted transfer\n\t-q\t\tQuiet\n\t-P DIR\t\tSave to DIR (default .)\n\t-S    \t\tShow server response\n\t-T SEC\t\tNetwork read timeout is SEC seconds\n\t-O FILE\t\tSave to FILE (\'-\' for stdout)\n\t-o LOGFILE\tLog messages to FILE\n\t-U STR\t\tUse STR for User-Agent header\n\t-Y on/off\tUse proxy\n';

const LONG: Readonly<Record<string, string>> = {
  continue: 'c', quiet: 'q', 'server-response': 'S', 'output-document': 'O', 'directory-prefix': 'P', proxy: 'Y',
  'user-agent': 'U', timeout: 'T', tries: 't', header: 'H', 'post-data': 'D', 'post-file': 'F', spider: 's',
  'no-check-certificate': 'k', 'passive-ftp': 'p', 'no-cache': 'n', 'output-file': 'o',
};
const TAKES = new Set(['O', 'P', 'Y', 'U', 'T', 't', 'H', 'D', 'F', 'o']);

function parse(argv: readonly string[]): WgetOpts | { bad: string } {
  const o: WgetOpts = { quiet: false, spider: false, serverResponse: false, out: null, prefix: null, userAgent: 'Wget', timeoutS: 900, headers: [], urls: [] };
  const set = (c: string, v: string | undefined): string | null => {
    switch (c) {
      case 'q': o.quiet = true; break;
      case 's': o.spider = true; break;
      case 'S': o.serverResponse = true; break;
      case 'O': o.out = v!; break;
      case 'P': o.prefix = v!; break;
      case 'U': o.userAgent = v!; break;
      case 'T': if (!/^\d+$/.test(v!)) return `invalid number '${v}'`; o.timeoutS = Number(v); break;
      case 'H': o.headers.push(v!); break;
    }
    return null;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { o.urls.push(...argv.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const c = LONG[name];
      if (!c) return { bad: `unrecognized option '${a}'` };
      let v: string | undefined;
      if (TAKES.has(c)) {
        v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) return { bad: `option '${a}' requires an argument` };
      }
      const e = set(c, v);
      if (e) return { bad: e };
      continue;
    }
    if (a[0] !== '-' || a.length < 2) { o.urls.push(a); continue; }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (!'csqSOPYUtTok'.includes(c)) return { bad: `invalid option -- '${c}'` };
      if (TAKES.has(c)) {
        const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (v === undefined) return { bad: `option requires an argument -- '${c}'` };
        const e = set(c, v);
        if (e) return { bad: e };
        break;
      }
      set(c, undefined);
    }
  }
  return o;
}

/** libbb smart_ulltoa5: five columns, "  615", " 146k", "92.1M". */
export function ulltoa5(n: number): string {
  const scale = ' kMGTPEZY';
  let idx = 0;
  let ul = n;
  if (ul > 99999) {
    ul *= 10;
    do { ul = Math.floor(ul / 1024); idx++; } while (ul >= 100000);
  }
  if (!idx) return String(ul).padStart(5, ' ');
  const u = Math.floor(ul / 10);
  const v = ul % 10;
  if (u >= 100) return String(u).padStart(4, ' ') + scale[idx];
  return `${String(u).padStart(2, ' ')}.${v}${scale[idx]}`;
}

/** The bar as libbb/progress.c draws it on a non-tty stderr, at the end of a transfer of `size` bytes. */
export function progressLine(name: string, size: number, columns: number): string {
  const file = name.length > 20 ? name.slice(0, 20) : name.padEnd(20, ' ');
  const bar = columns - 48;
  const stars = bar > 2 ? `|${'*'.repeat(Math.min(bar, 999))}| ` : '';
  return `${file} 100% ${stars}${ulltoa5(size)}  0:00:00 ETA\n`;
}

function lastComponent(path: string): string {
  const p = path.split(/[?#]/)[0];
  return p.slice(p.lastIndexOf('/') + 1);
}

/** busybox wget: one GET per URL, following redirects; exits 1 at the first failure. */
export const wget: Applet = function* (ctx) {
  const o = parse(ctx.argv);
  if ('bad' in o) { err(ctx, o.bad); errRaw(ctx, USAGE); return 1; }
  if (o.urls.length === 0) { errRaw(ctx, USAGE); return 1; }
  for (const url of o.urls) {
    const ok = yield* fetchOne(ctx, o, url);
    if (!ok) return 1;
  }
  return 0;
};

function* fetchOne(ctx: Ctx, o: WgetOpts, text: string): G<boolean> {
  const first = parseUrl(text);
  if (!first || (first.scheme !== 'http' && first.scheme !== 'https' && first.scheme !== 'ftp')) {
    err(ctx, `not an http or ftp url: ${text}`);
    return false;
  }
  let url: Url = first;
  let fname = o.out;
  if (fname === null) {
    const base = lastComponent(url.path);
    fname = base === '' ? 'index.html' : base;
    if (o.prefix) fname = `${o.prefix.replace(/\/+$/, '')}/${fname}`;
  }
  const toStdout = fname === '-';
  yield { k: 'flush' };
  for (let redirects = 16; ; redirects--) {
    const addr = resolveHost(ctx, url.host, 'wget');
    if (!addr) { err(ctx, `bad address '${url.host}'`); return false; }
    if (!o.quiet) errRaw(ctx, `Connecting to ${url.hostPort} (${addr.ip}:${url.port})\n`);
    const conn = yield* connectTo(ctx, `${url.host}:${url.port}`, addr.ip, url.port, o.timeoutS > 0 ? o.timeoutS * 1000 : null);
    if (!conn.ok) {
      // -T arms an alarm around connect(); it fires before the kernel gives up (wget.c open_socket).
      if (conn.timedOut) err(ctx, 'download timed out');
      else err(ctx, `can't connect to remote host (${addr.ip}): ${conn.errno}`);
      return false;
    }
    const headers: Record<string, string> = { Host: url.hostPort, 'User-Agent': o.userAgent, Connection: 'close' };
    for (const h of o.headers) {
      const c = h.indexOf(':');
      if (c > 0) headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
    }
    const res = exchange(ctx, conn.res.handle, { method: 'GET', path: url.path, headers });
    if (!res) {
      // A TCP server that does not speak HTTP closes on the request: no status line arrives.
      if (o.timeoutS > 0 && o.timeoutS < 60) { yield* waitMs(ctx, o.timeoutS * 1000); err(ctx, 'download timed out'); } else err(ctx, 'error getting response');
      return false;
    }
    const status = `HTTP/1.1 ${res.status} ${res.reason}`;
    if (o.serverResponse) errRaw(ctx, [status, ...headerLines(res), ''].map((l) => `  ${l}\n`).join(''));
    // wget.c: 200-204 succeed, 300-303/307/308 redirect, anything else is an error.
    if ([300, 301, 302, 303, 307, 308].includes(res.status)) {
      const loc = headerOf(res, 'location');
      if (loc !== undefined) {
        if (redirects <= 1) { err(ctx, 'too many redirections'); return false; }
        const next: Url | null = loc.startsWith('/') ? { ...url, path: loc } : parseUrl(loc);
        if (!next) { err(ctx, `not an http or ftp url: ${loc}`); return false; }
        url = next;
        continue;
      }
    } else if (res.status < 200 || res.status > 204) {
      err(ctx, `server returned error: ${status}`);
      return false;
    }
    if (o.spider) {
      if (!o.quiet) errRaw(ctx, 'remote file exists\n');
      return true;
    }
    return yield* save(ctx, o, fname, toStdout, res.body);
  }
}

function headerOf(res: HttpResponse, name: string): string | undefined {
  for (const [k, v] of Object.entries(res.headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

function* save(ctx: Ctx, o: WgetOpts, fname: string, toStdout: boolean, body: string): G<boolean> {
  if (!toStdout) {
    // Without -O the file is created O_EXCL: an existing file is an error (wget.c G.o_flags).
    try {
      if (o.out === null && ctx.fs.exists(fname, ctx.cwd, ctx.cred)) throw new FsError('EEXIST');
      ctx.fs.writeFile(fname, ctx.cwd, ctx.cred, '');
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      err(ctx, `can't open '${fname}': ${e.message}`);
      return false;
    }
  }
  if (!o.quiet) errRaw(ctx, toStdout ? 'writing to stdout\n' : `saving to '${fname}'\n`);
  if (toStdout) yield* out(ctx, body);
  else {
    try {
      ctx.fs.writeFile(fname, ctx.cwd, ctx.cred, body, true);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      // libbb xwrite: full_write returned a short count ("short write") or nothing at all ("write error").
      const wrote = ctx.fs.stat(fname, ctx.cwd, ctx.cred).node;
      err(ctx, `${wrote.kind === 'file' && wrote.data !== '' ? 'short write' : 'write error'}: ${e.message}`);
      return false;
    }
  }
  const size = byteLen(body);
  if (!o.quiet) {
    const cols = Number(ctx.env.get('COLUMNS') ?? '80') || 80;
    // An empty body never reaches a visible update (bb_progress_update skips when nothing is known).
    if (size > 0) errRaw(ctx, progressLine(toStdout ? '-' : fname.slice(fname.lastIndexOf('/') + 1), size, cols));
    errRaw(ctx, toStdout ? 'written to stdout\n' : `'${fname}' saved\n`);
  }
  return true;
}
