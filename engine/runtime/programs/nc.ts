/**
 * busybox nc as the images build it: defconfig has NC_110_COMPAT, so it is networking/nc_bloaty.c
 * (nc 1.10): `-z` only connects, `-v` reports `HOST (IP:PORT) open` on stderr, refusals are printed
 * only with -vv (other errors with -v), `-w SEC` bounds the connect, exit 1 when it fails.
 * Without -z, what stdin holds is sent; an HTTP listener answers a request in it and closes.
 * `-l -p PORT` listens (a TCP server that accepts and never answers).
 */
import { err, errRaw, out, type Applet } from './lib';
import { readAll } from '../shell/sys';
import { connectTo, exchange, headerLines, resolveHost } from './netlib';

const USAGE = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n\n\t-e PROG\tRun PROG after connect (must be last)\n\t-l\tListen mode, for inbound connects\n\t-lk\tWith -e, provides persistent server\n\t-p PORT\tLocal port\n\t-s ADDR\tLocal address\n\t-w SEC\tTimeout for connects and final net reads\n\t-i SEC\tDelay interval for lines sent\n\t-n\tDon\'t do DNS resolution\n\t-u\tUDP mode\n\t-b\tAllow broadcasts\n\t-v\tVerbose\n\t-o FILE\tHex dump traffic\n\t-z\tZero-I/O mode (scanning)\n';

interface NcOpts { verbose: number; zero: boolean; wait: number; listen: boolean; lport: number | null; udp: boolean; rest: string[] }

function parse(argv: readonly string[]): NcOpts | { bad: string } {
  const o: NcOpts = { verbose: 0, zero: false, wait: 0, listen: false, lport: null, udp: false, rest: [] };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-e') break;
    if (a[0] !== '-' || a.length < 2) { o.rest.push(a); continue; }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if ('pswio'.includes(c)) {
        const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (v === undefined) return { bad: `option requires an argument -- '${c}'` };
        if (c === 'w') {
          if (!/^\d+$/.test(v)) return { bad: `invalid number '${v}'` };
          o.wait = Number(v);
        }
        if (c === 'p') o.lport = Number(v);
        break;
      }
      if (c === 'v') o.verbose++;
      else if (c === 'z') o.zero = true;
      else if (c === 'l') o.listen = true;
      else if (c === 'u') o.udp = true;
      else if (c === 'e') return o;
      else if (!'nbk'.includes(c)) return { bad: `invalid option -- '${c}'` };
    }
  }
  return o;
}

export const nc: Applet = function* (ctx) {
  const o = parse(ctx.argv);
  if ('bad' in o) { err(ctx, o.bad); errRaw(ctx, USAGE); return 1; }
  if (o.rest.length > 2) { errRaw(ctx, USAGE); return 1; }
  if (o.listen) {
    const port = o.lport ?? 0;
    yield { k: 'flush' };
    if (!ctx.host.listen(port, { protocol: 'tcp' })) { err(ctx, 'bind: Address already in use'); return 1; }
    if (o.verbose) errRaw(ctx, `listening on [::]:${port} ...\n`);
    const p = ctx.p;
    const prev = p.onExit;
    p.onExit = () => { ctx.host.unlisten(port); if (prev) prev(); };
    // Accepting a connection is not modelled: the listener waits until it is killed.
    yield { k: 'host', keys: [], until: null };
    return 0;
  }
  if (o.rest.length < 2) { errRaw(ctx, USAGE); return 1; }
  const [name, portText] = o.rest;
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) { err(ctx, `bad port '${portText}'`); return 1; }
  yield { k: 'flush' };
  const addr = resolveHost(ctx, name, 'nc');
  if (!addr) { err(ctx, `bad address '${name}'`); return 1; }
  const dotted = `${addr.ip}:${port}`;
  const conn = yield* connectTo(ctx, `${name}:${port}`, addr.ip, port, o.wait > 0 ? o.wait * 1000 : null);
  if (!conn.ok) {
    // "if we're scanning at a "one -v" verbosity level, don't print refusals" (nc_bloaty.c).
    if (o.verbose > 1 || (o.verbose === 1 && conn.errno !== 'Connection refused')) err(ctx, `${name} (${dotted}): ${conn.errno}`);
    return 1;
  }
  if (o.verbose) errRaw(ctx, `${name} (${dotted}) open\n`);
  if (o.zero) return 0;
  const stdin = ctx.p.fds[0];
  const input = stdin ? yield* readAll(ctx.k, stdin) : '';
  const req = parseRequest(input);
  if (req) {
    const res = exchange(ctx, conn.res.handle, req);
    if (res) {
      const head = [`HTTP/1.1 ${res.status} ${res.reason}`, ...headerLines(res)].map((l) => l + '\r\n').join('');
      yield* out(ctx, head + '\r\n' + (req.method === 'HEAD' ? '' : res.body));
    }
  }
  // stdin ended: nc shuts down its sending side; the server closes too, and nc exits 0.
  return 0;
};

function parseRequest(text: string): { method: string; path: string; headers: Record<string, string> } | null {
  const lines = text.split(/\r?\n/);
  const m = /^([A-Z]+) (\S+)(?: HTTP\/\d\.\d)?$/.exec(lines[0] ?? '');
  if (!m) return null;
  const headers: Record<string, string> = {};
  for (const l of lines.slice(1)) {
    if (l === '') break;
    const c = l.indexOf(':');
    if (c > 0) headers[l.slice(0, c).trim()] = l.slice(c + 1).trim();
  }
  return { method: m[1], path: m[2], headers };
}
