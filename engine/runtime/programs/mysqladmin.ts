/**
 * mysqladmin of the mysql images (client/mysqladmin.cc, libmysqlclient 8.x), for `ping`: "mysqld is alive"
 * (0) once the server has checked the login. When the connection fails it prints
 * `mysqladmin: connect to server at 'HOST' failed` and `error: '…'` (with a hint for the socket, refused and
 * unknown-host cases) unless --silent; the exit status is 1 for a client error (2002 no socket, 2003 cannot
 * connect, 2005 unknown host, 2013 lost connection) but 0 for a server's refusal (1045 access denied) when
 * every command is ping: the server is up. -w[N] retries a refused connection every 5 s. Host localhost (the
 * default) means the Unix socket /var/run/mysqld/mysqld.sock, which exists only where mysqld runs.
 * Other commands (status, version, …) are not modelled: the playground says so (exit 1).
 */
import { errRaw, nameForId, out, type Applet, type G } from './lib';
import type { Ctx } from '../shell/sys';
import { dial, dialSocket, errnoNumber, stall, type Dialed } from './dbnet';

const SOCKET = '/var/run/mysqld/mysqld.sock';
const COMMANDS = ['create', 'debug', 'drop', 'extended-status', 'flush-hosts', 'flush-logs', 'flush-privileges', 'flush-status',
  'flush-tables', 'flush-threads', 'kill', 'password', 'ping', 'processlist', 'refresh', 'reload', 'shutdown', 'status',
  'start-replica', 'start-slave', 'stop-replica', 'stop-slave', 'variables', 'version', 'flush-error-log', 'flush-general-log',
  'flush-relay-log', 'flush-slow-log', 'flush-engine-log', 'flush-binary-log'];
/** Seconds mysqladmin's --connect-timeout defaults to (12 hours). */
const CONNECT_TIMEOUT_S = 43_200;
/** nginx and postgres close a connection that stays silent for 60 s. */
const SERVER_GIVES_UP_MS = 60_000;

export interface Opts { host: string | null; port: number; user: string; password: string | null; silent: number; wait: number; timeoutS: number; commands: string[];
  /** The mysql client's: -e statements, -D database, -N. */
  execute: string[]; database: string | null; skipNames: boolean }

export function defaultOpts(): Opts {
  return { host: null, port: 3306, user: '', password: null, silent: 0, wait: 0, timeoutS: CONNECT_TIMEOUT_S, commands: [], execute: [], database: null, skipNames: false };
}

/** my_getopt: long options with = or the next word, -hHOST / -h HOST, -pPASS only attached. Returns an error text. */
export function parse(ctx: Ctx, argv: readonly string[], o: Opts, tool = 'mysqladmin'): string | null {
  const client = tool === 'mysql';
  const takes: Record<string, string> = { ...(client ? { execute: 'e', database: 'D' } : {}), host: 'h', port: 'P', user: 'u', socket: 'S', protocol: 'protocol', 'connect-timeout': 'timeout', connect_timeout: 'timeout' };
  const set = (k: string, v: string | null) => {
    if (k === 'h') o.host = v;
    else if (k === 'P') o.port = parseInt(v ?? '', 10) || 0;
    else if (k === 'u') o.user = v ?? '';
    else if (k === 'p') o.password = v;
    else if (k === 's') o.silent++;
    else if (k === 'w') o.wait = v === null ? Infinity : parseInt(v, 10) || 0;
    else if (k === 'timeout') o.timeoutS = parseInt(v ?? '', 10) || 0;
    else if (k === 'e') o.execute.push(v ?? '');
    else if (k === 'D') o.database = v;
    else if (k === 'N') o.skipNames = true;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const value = eq < 0 ? null : a.slice(eq + 1);
      if (takes[name]) {
        const v = value ?? argv[++i];
        if (v === undefined) return `option '--${name}' requires an argument.`;
        set(takes[name], v);
      } else if (name === 'password') set('p', value);
      else if (name === 'silent') set('s', null);
      else if (client && (name === 'skip-column-names' || name === 'batch')) set(name === 'batch' ? 'B' : 'N', null);
      else if (name === 'wait') set('w', value);
      else if (!['force', 'no-defaults', 'verbose', 'vertical', 'no-beep', 'skip-ssl', 'ssl-mode'].includes(name)) return `unknown option '--${name}'.`;
      continue;
    }
    if (a[0] !== '-' || a.length < 2) { o.commands.push(a); continue; }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if ((client ? 'hPuSeD' : 'hPuS').includes(c)) {
        const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (v === undefined) return `option '-${c}' requires an argument.`;
        set(c, v);
        break;
      }
      if (c === 'p' || c === 'w') { set(c, j + 1 < a.length ? a.slice(j + 1) : null); break; }
      if (c === 's') set('s', null);
      else if (client && 'NB'.includes(c)) set(c, null);
      else if (!'fvE'.includes(c)) return `unknown option '-${c}'.`;
    }
  }
  if (o.password === null && argv.some((a) => a === '-p' || a === '--password')) {
    // No value: it asks on the terminal; without one it reads stdin, which holds nothing here.
    errRaw(ctx, 'Enter password: ');
    o.password = '';
  } else if (o.password !== null) errRaw(ctx, `${tool}: [Warning] Using a password on the command line interface can be insecure.\n`);
  return null;
}

export interface Failure { code: number; message: string }

/** mysql_real_connect: the connection, the greeting and the login. */
export function* connect(ctx: Ctx, o: Opts): G<Failure | null> {
  const host = o.host ?? 'localhost';
  const timeoutMs = o.timeoutS > 0 ? o.timeoutS * 1000 : null;
  const c: Dialed = host === 'localhost' ? yield* dialSocket(ctx, 'mysqladmin', SOCKET, 3306) : yield* dial(ctx, 'mysqladmin', host, o.port, timeoutMs);
  if (c.kind === 'unresolved') return { code: 2005, message: `Unknown MySQL server host '${host}' (-2)` };
  if (c.kind === 'failed') {
    if (host === 'localhost') return { code: 2002, message: `Can't connect to local MySQL server through socket '${SOCKET}' (${errnoNumber(c.errno)})` };
    return { code: 2003, message: `Can't connect to MySQL server on '${host}:${o.port}' (${errnoNumber(c.errno)})` };
  }
  const app = c.handle.app;
  if (app?.name !== 'mysql') {
    // It waits for a greeting that never comes: the server closes first, or the connect timeout ends it.
    const closes = c.handle.protocol === 'http' || app?.name === 'postgres';
    const waitMs = timeoutMs ?? CONNECT_TIMEOUT_S * 1000;
    if (closes && SERVER_GIVES_UP_MS < waitMs) {
      yield* stall(ctx, SERVER_GIVES_UP_MS);
      return { code: 2013, message: "Lost connection to MySQL server at 'reading initial communication packet', system error: 0" };
    }
    yield* stall(ctx, waitMs);
    return { code: 2013, message: "Lost connection to MySQL server at 'waiting for initial communication packet', system error: 110" };
  }
  if (app.login(o.user, o.password === '' ? null : o.password)) return null;
  const client = host === 'localhost' ? 'localhost' : ctx.k.podIp;
  return { code: 1045, message: `Access denied for user '${o.user}'@'${client}' (using password: ${o.password ? 'YES' : 'NO'})` };
}

export const mysqladmin: Applet = function* (ctx) {
  const o = defaultOpts();
  const bad = parse(ctx, ctx.argv, o);
  if (bad) { errRaw(ctx, `mysqladmin: [ERROR] ${bad}\n`); return bad.startsWith('unknown') ? 7 : 4; }
  defaultUser(ctx, o);
  if (!o.commands.length) {
    errRaw(ctx, 'playground: mysqladmin: its usage text is not modelled; give a command such as ping\n');
    return 1;
  }
  const host = o.host ?? 'localhost';
  let fail: Failure | null;
  let waiting = false;
  for (let tries = o.wait; ; tries--) {
    fail = yield* connect(ctx, o);
    if (!fail || tries <= 0) break;
    if (fail.code !== 2002 && fail.code !== 2003) { errRaw(ctx, `Got error: ${fail.message}\n`); break; }
    if (!o.silent) errRaw(ctx, waiting ? '.' : 'Waiting for MySQL server to answer');
    waiting = true;
    yield* stall(ctx, 5_000);
  }
  if (waiting && !fail) errRaw(ctx, '\n');
  if (fail) {
    if (!o.silent) {
      errRaw(ctx, `mysqladmin: connect to server at '${host}' failed\nerror: '${fail.message}'\n`);
      if (fail.code === 2002) errRaw(ctx, `Check that mysqld is running and that the socket: '${SOCKET}' exists!\n`);
      else if (fail.code === 2003 || fail.code === 2005) errRaw(ctx, `Check that mysqld is running on ${host} and that the port is ${o.port}.\nYou can check this by doing 'telnet ${host} ${o.port}'\n`);
    }
    // The server answered (it refused the login): ping alone counts that as alive.
    const serverError = fail.code < 2000 || fail.code > 2999;
    return serverError && o.commands.every((c) => commandOf(c) === 'ping') ? 0 : 1;
  }
  for (const word of o.commands) {
    const cmd = commandOf(word);
    if (cmd === null) { errRaw(ctx, `mysqladmin: Unknown command: '${word.slice(0, 60)}'\n`); return 1; }
    if (cmd !== 'ping') { errRaw(ctx, `playground: mysqladmin: the command '${cmd}' is not modelled (nothing was run)\n`); return 1; }
    if (o.silent < 2) yield* out(ctx, 'mysqld is alive\n');
  }
  return 0;
};

/** find_type: a command name or an unambiguous prefix of one, in any case. */
function commandOf(word: string): string | null {
  const w = word.toLowerCase();
  if (COMMANDS.includes(w)) return w;
  const hits = COMMANDS.filter((c) => c.startsWith(w));
  return hits.length === 1 ? hits[0] : null;
}

/** libmysqlclient's read_user_name: root for uid 0, else the login name. */
export function defaultUser(ctx: Ctx, o: Opts): void {
  if (o.user === '') o.user = ctx.cred.uid === 0 ? 'root' : ctx.env.get('USER') || nameForId(ctx, '/etc/passwd', ctx.cred.uid) || 'UNKNOWN_USER';
}
