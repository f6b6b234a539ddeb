/**
 * `python3 -m http.server [PORT] [--bind ADDR] [--directory DIR]`: Lib/http/server.py's
 * SimpleHTTPRequestHandler on the container's filesystem (so files an init container wrote into a
 * shared emptyDir are served). index.html/index.htm, directory listings, the 301 for a directory
 * without a slash, the HTML error page, and one access-log line per request on stderr:
 * `ADDR - - [DD/Mon/YYYY HH:MM:SS] "GET / HTTP/1.1" 200 -`. Bound to `::` by default (dual stack),
 * so IPv4 clients appear as `::ffff:a.b.c.d`, as they do in a real pod.
 */
import { rfc1123z, utcParts } from '../../../sim/time';
import type { HttpRequest, HttpResponse } from '../../seam';
import type { Ctx } from '../../shell/sys';
import { errRaw, type G } from '../lib';
import { byteLen } from '../netlib';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html', '.htm': 'text/html', '.txt': 'text/plain', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.ico': 'image/vnd.microsoft.icon', '.xml': 'application/xml',
  '.md': 'text/markdown', '.yaml': 'application/yaml', '.py': 'text/x-python', '.sh': 'application/x-sh', '.csv': 'text/csv',
};

export interface HttpServerArgs { port: number; bind: string | null; directory: string }

/** argparse of http.server's command line; an error is argparse's usage text and exit 2. */
export function parseHttpServerArgs(args: string[], cwd: string): HttpServerArgs | { error: string } {
  const usage = 'usage: server.py [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION] [port]\n';
  let port: number | null = null;
  let bind: string | null = null;
  let directory = cwd;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string | null => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i] ?? null);
    if (a === '-b' || a === '--bind' || a.startsWith('--bind=')) { const v = value(); if (v === null) return { error: `${usage}server.py: error: argument -b/--bind: expected one argument\n` }; bind = v; } else if (a === '-d' || a === '--directory' || a.startsWith('--directory=')) {
      const v = value();
      if (v === null) return { error: `${usage}server.py: error: argument -d/--directory: expected one argument\n` };
      directory = v;
    } else if (a === '-p' || a === '--protocol') i++;
    else if (/^-?\d+$/.test(a) && port === null) port = Number(a);
    else if (port === null && !a.startsWith('-')) return { error: `${usage}server.py: error: argument port: invalid int value: '${a}'\n` };
    else return { error: `${usage}server.py: error: unrecognized arguments: ${a}\n` };
  }
  return { port: port ?? 8000, bind, directory };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function errorPage(code: number, message: string, explain: string): string {
  return `<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: ${code}</p>\n        <p>Message: ${message}.</p>\n        <p>Error code explanation: ${code} - ${explain}.</p>\n    </body>\n</html>\n`;
}

/** The request handler: reads the filesystem at the time of the request. */
export function simpleHandler(ctx: Ctx, opts: HttpServerArgs, version: string): (req: HttpRequest) => HttpResponse {
  const { fs, cred } = ctx;
  const root = opts.directory.startsWith('/') ? opts.directory : `${ctx.cwd.replace(/\/$/, '')}/${opts.directory}`;
  const dual = opts.bind === null || opts.bind === '::';
  const log = (remote: string, msg: string) => {
    const c = utcParts(ctx.k.wallMs());
    const p2 = (n: number) => String(n).padStart(2, '0');
    const addr = dual && /^\d+\.\d+\.\d+\.\d+$/.test(remote) ? `::ffff:${remote}` : remote;
    errRaw(ctx, `${addr} - - [${p2(c.d)}/${MONTHS[c.m - 1]}/${c.y} ${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)}] ${msg}\n`);
  };
  const base = (): Record<string, string> => ({ Server: `SimpleHTTP/0.6 Python/${version}`, Date: rfc1123z(ctx.k.wallMs()).replace('+0000', 'GMT') });
  return (req) => {
    const line = `"${req.method} ${req.path} HTTP/1.1"`;
    const fail = (code: number, reason: string, message: string, explain: string): HttpResponse => {
      log(req.remoteIp, `code ${code}, message ${message}`);
      log(req.remoteIp, `${line} ${code} -`);
      const body = req.method === 'HEAD' ? '' : errorPage(code, message, explain);
      return { status: code, reason, headers: { ...base(), Connection: 'close', 'Content-Type': 'text/html;charset=utf-8', 'Content-Length': String(byteLen(errorPage(code, message, explain))) }, body };
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(501, 'Not Implemented', `Unsupported method ('${req.method}')`, 'Server does not support this operation');
    const urlPath = req.path.split(/[?#]/)[0];
    let rel: string;
    try { rel = decodeURIComponent(urlPath); } catch { rel = urlPath; }
    const parts = rel.split('/').filter((p) => p && p !== '.' && p !== '..');
    let path = [root.replace(/\/$/, ''), ...parts].join('/') || '/';
    if (rel.endsWith('/')) path += '/';
    const node = (p: string) => { try { return fs.exists(p, '/', cred); } catch { return null; } };
    const n = node(path.replace(/\/$/, '') || '/');
    if (n && n.kind === 'dir') {
      if (!urlPath.endsWith('/')) {
        log(req.remoteIp, `${line} 301 -`);
        return { status: 301, reason: 'Moved Permanently', headers: { ...base(), Location: `${urlPath}/`, 'Content-Length': '0' }, body: '' };
      }
      const dir = path.replace(/\/$/, '');
      const index = ['index.html', 'index.htm'].find((i) => node(`${dir}/${i}`)?.kind === 'file');
      if (index) path = `${dir}/${index}`;
      else {
        let names: string[];
        try { names = fs.readdir(dir || '/', '/', cred); } catch { return fail(404, 'Not Found', 'No permission to list directory', 'Nothing matches the given URI'); }
        names.sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
        const title = `Directory listing for ${escapeHtml(rel)}`;
        const items = names.map((name) => {
          const isDir = node(`${dir}/${name}`)?.kind === 'dir';
          const link = encodeURI(name + (isDir ? '/' : ''));
          return `<li><a href="${link}">${escapeHtml(name + (isDir ? '/' : ''))}</a></li>`;
        });
        const body = ['<!DOCTYPE HTML>', '<html lang="en">', '<head>', '<meta charset="utf-8">', `<title>${title}</title>\n</head>`, `<body>\n<h1>${title}</h1>`, '<hr>\n<ul>', ...items, '</ul>\n<hr>\n</body>\n</html>\n'].join('\n');
        log(req.remoteIp, `${line} 200 -`);
        return { status: 200, reason: 'OK', headers: { ...base(), 'Content-type': 'text/html; charset=utf-8', 'Content-Length': String(byteLen(body)) }, body: req.method === 'HEAD' ? '' : body };
      }
    }
    if (path.endsWith('/')) return fail(404, 'Not Found', 'File not found', 'Nothing matches the given URI');
    let body: string;
    try { body = fs.readFile(path, '/', cred); } catch { return fail(404, 'Not Found', 'File not found', 'Nothing matches the given URI'); }
    const ext = /\.[^./]*$/.exec(path)?.[0] ?? '';
    log(req.remoteIp, `${line} 200 -`);
    return {
      status: 200, reason: 'OK',
      headers: { ...base(), 'Content-type': TYPES[ext] ?? TYPES[ext.toLowerCase()] ?? 'application/octet-stream', 'Content-Length': String(byteLen(body)), 'Last-Modified': rfc1123z(ctx.k.wallMs()).replace('+0000', 'GMT') },
      body: req.method === 'HEAD' ? '' : body,
    };
  };
}

/** The banner http.server prints (to stdout, so it sits in the block buffer unless -u). */
export function banner(opts: HttpServerArgs): string {
  const host = opts.bind ?? '::';
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return `Serving HTTP on ${host} port ${opts.port} (http://${urlHost}:${opts.port}/) ...\n`;
}

/**
 * Serve until the process is killed (the listener goes away with it) or SIGINT arrives: CPython's
 * handler raises KeyboardInterrupt, which http.server's test() catches to exit cleanly.
 */
export function* serveForever(ctx: Ctx, port: number): G<void> {
  ctx.p.onExit = () => ctx.host.unlisten(port);
  for (;;) {
    yield { k: 'child', pid: -1, intr: true };
    if (ctx.p.pending.includes('INT')) {
      ctx.p.pending.length = 0;
      ctx.host.unlisten(port);
      return;
    }
  }
}
