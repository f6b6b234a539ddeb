/**
 * redis-cli of the redis images (src/redis-cli.c, hiredis), as it runs in a container: stdout is no tty, so
 * replies are raw (no "(error)" or quotes; an error reply is followed by an empty line, --no-raw gives the tty
 * form). With a command it connects quietly, then once more printing `Could not connect to Redis at
 * HOST:PORT: REASON` (exit 1); REASON is strerror or getaddrinfo's text. Without one it reads commands from
 * stdin. A server that speaks something else: HTTP answers a protocol error, postgres closes the connection,
 * mysql's greeting is a protocol error, a silent one leaves redis-cli waiting (it has no read timeout).
 * The server answers PING, ECHO, AUTH and a small string keyspace (dbServers.ts); other commands get redis's
 * "ERR unknown command" reply.
 */
import type { ListenerHandle, RedisReply } from '../seam';
import { readAll } from '../shell/sys';
import { errRaw, out, type Applet, type G } from './lib';
import type { Ctx } from '../shell/sys';
import { dial, noSuchName, stall } from './dbnet';

interface Opts { host: string; port: number; auth: string | null; user: string | null; noWarn: boolean; errcode: boolean; raw: boolean; timeoutMs: number | null; db: number; stdinArg: boolean }

const WITH_ARG = new Set(['-h', '-p', '-a', '-n', '-t', '-s', '-u', '-r', '-i', '-d', '--user', '--pass']);

function parse(argv: readonly string[]): { o: Opts; rest: string[] } | { bad: string } {
  const o: Opts = { host: '127.0.0.1', port: 6379, auth: null, user: null, noWarn: false, errcode: false, raw: true, timeoutMs: null, db: 0, stdinArg: false };
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    const last = i === argv.length - 1;
    if (WITH_ARG.has(a) && !last) {
      const v = argv[++i];
      if (a === '-h') o.host = v;
      else if (a === '-p') o.port = parseInt(v, 10) || 0;
      else if (a === '-a' || a === '--pass') o.auth = v;
      else if (a === '--user') o.user = v;
      else if (a === '-n') o.db = parseInt(v, 10) || 0;
      else if (a === '-t') { const s = parseFloat(v); o.timeoutMs = s > 0 ? Math.round(s * 1000) : null; }
    } else if (a === '-e') o.errcode = true;
    else if (a === '-x') o.stdinArg = true;
    else if (a === '--raw') o.raw = true;
    else if (a === '--no-raw') o.raw = false;
    else if (a === '--no-auth-warning') o.noWarn = true;
    else if (a[0] === '-') return { bad: a };
    else break;
  }
  return { o, rest: argv.slice(i) };
}

/** A reply as redis-cli prints it: raw (no tty) or the tty form (--no-raw). */
function format(r: RedisReply, raw: boolean): string {
  if (raw) {
    switch (r.type) {
      case 'nil': return '\n';
      case 'error': return `${r.value}\n\n`;
      default: return `${r.value}\n`;
    }
  }
  switch (r.type) {
    case 'nil': return '(nil)\n';
    case 'error': return `(error) ${r.value}\n`;
    case 'integer': return `(integer) ${r.value}\n`;
    case 'string': return `"${r.value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"\n`;
    case 'status': return `${r.value}\n`;
  }
}

/** The first byte of mysql's greeting: the payload length (68 bytes besides the version string). */
function mysqlFirstByte(version: string): string {
  const c = String.fromCharCode(68 + version.length);
  return /[ -~]/.test(c) && c !== '"' && c !== '\\' ? `"${c}"` : `"\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}"`;
}

/** How a non-redis server ends the exchange: hiredis's error, or null when it never answers. */
function notRedis(handle: ListenerHandle): string | null {
  if (handle.protocol === 'http') return 'Protocol error, got "H" as reply type byte';
  if (handle.app?.name === 'postgres') return 'Server closed the connection';
  if (handle.app?.name === 'mysql') return `Protocol error, got ${mysqlFirstByte(handle.app.version)} as reply type byte`;
  return null;
}

/** cliConnect: connect (and AUTH); errors printed unless quiet. The open handle, or null. */
function* connect(ctx: Ctx, o: Opts, quiet: boolean): G<ListenerHandle | null> {
  const c = yield* dial(ctx, 'redis-cli', o.host, o.port, o.timeoutMs);
  if (c.kind !== 'open') {
    if (!quiet) errRaw(ctx, `Could not connect to Redis at ${o.host}:${o.port}: ${c.kind === 'unresolved' ? noSuchName(ctx) : c.errno}\n`);
    return null;
  }
  if (o.auth !== null) {
    const app = c.handle.app;
    if (app?.name === 'redis') {
      const r = app.command(o.user === null ? ['AUTH', o.auth] : ['AUTH', o.user, o.auth]);
      if (r.type === 'error') errRaw(ctx, `AUTH failed: ${r.value}\n`);
    } else if (notRedis(c.handle) !== null) errRaw(ctx, '\nI/O error\n');
  }
  return c.handle;
}

/** Send one command and print its reply. 0, or 1 when redis-cli exits on an error. */
function* command(ctx: Ctx, o: Opts, handle: ListenerHandle, args: readonly string[]): G<number | 'exit1'> {
  const app = handle.app;
  if (app?.name !== 'redis') {
    const e = notRedis(handle);
    if (e === null) { yield* stall(ctx, null); return 'exit1'; }
    errRaw(ctx, `Error: ${e}\n`);
    return 'exit1';
  }
  const r = app.command(args);
  if (r.type === 'error' && o.errcode) { errRaw(ctx, `${r.value}\n`); return 'exit1'; }
  yield* out(ctx, format(r, o.raw));
  return 0;
}

/** sdssplitargs, enough for typed lines: words, "double" and 'single' quoted strings. */
function splitArgs(line: string): string[] | null {
  const args: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s"']+))/y;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < line.length && line.slice(pos).trim() !== '') {
    re.lastIndex = pos;
    if (!(m = re.exec(line))) return null;
    args.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[c] ?? c) : m[2] ?? m[3]);
    pos = re.lastIndex;
  }
  return args;
}

export const redisCli: Applet = function* (ctx) {
  const parsed = parse(ctx.argv);
  if ('bad' in parsed) { errRaw(ctx, `Unrecognized option or bad number of args for: '${parsed.bad}'\n`); return 1; }
  const { o, rest } = parsed;
  if (o.auth !== null && !o.noWarn) errRaw(ctx, "Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.\n");
  if (rest.length) {
    // -x: the last argument is what stdin holds.
    if (o.stdinArg) {
      const stdin = ctx.p.fds[0];
      rest.push(stdin ? yield* readAll(ctx.k, stdin) : '');
    }
    const handle = (yield* connect(ctx, o, true)) ?? (yield* connect(ctx, o, false));
    if (!handle) return 1;
    const r = yield* command(ctx, o, handle, rest);
    return r === 'exit1' ? 1 : 0;
  }
  // No command: the repl, reading lines from stdin (no tty: no prompt); a failed connection is retried per line.
  let handle = yield* connect(ctx, o, false);
  const stdin = ctx.p.fds[0];
  const text = stdin ? yield* readAll(ctx.k, stdin) : '';
  for (const line of text.split('\n')) {
    const args = splitArgs(line);
    if (args === null) { yield* out(ctx, 'Invalid argument(s)\n'); continue; }
    if (!args.length) continue;
    if (/^(quit|exit)$/i.test(args[0])) break;
    if (!handle && !(handle = yield* connect(ctx, o, false))) continue;
    if ((yield* command(ctx, o, handle, args)) === 'exit1') return 1;
  }
  return 0;
};
