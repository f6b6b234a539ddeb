/**
 * psql of the postgres images, for what an init container does with it: connect (options, PG* variables or
 * a postgresql:// URI; without a password it prompts on stderr and reads stdin, as there is no tty) and runs `-c` commands. Connection failures print
 * libpq's message (`psql: error: connection to server at "HOST" (IP), port P failed: …`) and exit 2. Of
 * SQL only `SELECT <integer>` is answered (aligned, -A, -t) and `\q`; other commands say the playground
 * does not model them (exit 1, nothing was run).
 */
import { errRaw, nameForId, out, type Applet, type G } from './lib';
import { readAll, type Ctx } from '../shell/sys';
import { dial, dialSocket, getoptLong, isIp, noSuchName, stall } from './dbnet';

const LONG: Record<string, [string, boolean]> = {
  command: ['c', true], dbname: ['d', true], host: ['h', true], port: ['p', true], username: ['U', true], 'no-password': ['w', false],
  password: ['W', false], quiet: ['q', false], 'tuples-only': ['t', false], 'no-align': ['A', false], 'no-psqlrc': ['X', false],
  set: ['v', true], variable: ['v', true], file: ['f', true],
};
const SOCKET_DIR = '/var/run/postgresql';
const NO_PASSWORD = 'fe_sendauth: no password supplied';

interface Conn { host: string; port: string; user: string; db: string; password: string | null }

/** postgresql://[user[:password]@][host][:port][/dbname] */
function parseUri(uri: string, c: Conn): void {
  const m = /^postgres(?:ql)?:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^:/?]*)(?::(\d*))?(?:\/([^?]*))?/.exec(uri);
  if (!m) return;
  const dec = (s: string) => decodeURIComponent(s);
  if (m[1]) c.user = dec(m[1]);
  if (m[2] !== undefined) c.password = dec(m[2]);
  if (m[3]) c.host = dec(m[3]);
  if (m[4]) c.port = m[4];
  if (m[5]) c.db = dec(m[5]);
}

/** The result of SELECT n as psql prints it. */
function selectInt(value: string, tuplesOnly: boolean, unaligned: boolean): string {
  if (unaligned) return tuplesOnly ? `${value}\n` : `?column?\n${value}\n(1 row)\n`;
  // The column is as wide as its header even when -t hides it.
  const w = Math.max(8, value.length);
  if (tuplesOnly) return ` ${value.padStart(w)}\n\n`;
  return ` ${'?column?'.padStart(Math.floor((w + 8) / 2)).padEnd(w)} \n${'-'.repeat(w + 2)}\n ${value.padStart(w)}\n(1 row)\n\n`;
}

function* connect(ctx: Ctx, c: Conn): G<string | null> {
  const port = Number(c.port);
  if (c.host.startsWith('/')) {
    const path = `${c.host}/.s.PGSQL.${port}`;
    const d = yield* dialSocket(ctx, 'psql', path, port);
    const at = `connection to server on socket "${path}" failed`;
    if (d.kind !== 'open') return `${at}: No such file or directory\n\tIs the server running locally and accepting connections on that socket?`;
    const app = d.handle.app;
    if (app?.name !== 'postgres') return `${at}: server closed the connection unexpectedly`;
    const e = app.login?.(c.user, c.db, c.password, true) ?? null;
    return e && `${at}: ${e}`;
  }
  const d = yield* dial(ctx, 'psql', c.host, port, null);
  if (d.kind === 'unresolved') return `could not translate host name "${c.host}" to address: ${noSuchName(ctx)}`;
  const at = `connection to server at "${c.host}"${isIp(c.host) ? '' : ` (${d.ip})`}, port ${port} failed`;
  if (d.kind === 'failed') return `${at}: ${d.errno}\n\tIs the server running on that host and accepting TCP/IP connections?`;
  const app = d.handle.app;
  if (app?.name === 'mysql') return `${at}: expected authentication request from server, but received ${String.fromCharCode(68 + app.version.length)}`;
  if (app?.name !== 'postgres') {
    // Nothing answers the startup packet; nginx gives up after 60 s, a silent server never.
    yield* stall(ctx, d.handle.protocol === 'http' ? 60_000 : null);
    return `${at}: server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.`;
  }
  const e = app.login?.(c.user, c.db, c.password, false) ?? null;
  return e && `${at}: ${e}`;
}

export const psql: Applet = function* (ctx) {
  const parsed = getoptLong(ctx.argv, 'c:d:h:p:U:wWqtAXv:f:', LONG);
  if (parsed.error) { errRaw(ctx, `psql: ${parsed.error}\npsql: hint: Try "psql --help" for more information.\n`); return 1; }
  const env = ctx.env;
  const osUser = ctx.cred.uid === 0 ? 'root' : nameForId(ctx, '/etc/passwd', ctx.cred.uid) ?? 'root';
  const c: Conn = { host: env.get('PGHOST') || SOCKET_DIR, port: env.get('PGPORT') || '5432', user: env.get('PGUSER') || osUser, db: '', password: env.get('PGPASSWORD') ?? null };
  let db: string | undefined = env.get('PGDATABASE');
  const commands: string[] = [];
  let tuplesOnly = false, unaligned = false;
  const words = [...parsed.rest];
  for (const [k, v] of parsed.opts) {
    if (k === 'c') commands.push(v!);
    else if (k === 'd') db = v!;
    else if (k === 'h') c.host = v!;
    else if (k === 'p') c.port = v!;
    else if (k === 'U') c.user = v!;
    else if (k === 't') tuplesOnly = true;
    else if (k === 'A') unaligned = true;
  }
  if (words.length && db === undefined) db = words.shift();
  if (words.length) c.user = words.shift()!;
  if (db && /^postgres(ql)?:\/\//.test(db)) { parseUri(db, c); db = c.db || undefined; }
  c.db = db || c.user;
  let failed = yield* connect(ctx, c);
  if (failed?.endsWith(NO_PASSWORD) && c.password === null && !parsed.opts.some(([k]) => k === 'w')) {
    // simple_prompt: no /dev/tty in a container, so the prompt goes to stderr and the password comes from stdin.
    errRaw(ctx, `Password for user ${c.user}: \n`);
    const stdin = ctx.p.fds[0];
    const line = (stdin ? yield* readAll(ctx.k, stdin) : '').split('\n')[0];
    if (line !== '') { c.password = line; failed = yield* connect(ctx, c); }
  }
  if (failed) { errRaw(ctx, `psql: error: ${failed}\n`); return 2; }
  for (const command of commands) {
    const sql = command.trim().replace(/;\s*$/, '');
    if (sql === '\\q') return 0;
    const m = /^select\s+(-?\d+)$/i.exec(sql);
    if (!m) {
      errRaw(ctx, `playground: psql: only SELECT <integer> and \\q are modelled; "${command}" was not run\n`);
      return 1;
    }
    yield* out(ctx, selectInt(String(Number(m[1])), tuplesOnly, unaligned));
  }
  return 0;
};
