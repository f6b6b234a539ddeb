/**
 * pg_isready of the postgres images (src/bin/scripts/pg_isready.c with libpq's PQpingParams): prints
 * `HOST:PORT - accepting connections` (0) when a postgres server answers, `- no response` (2) when the name
 * does not resolve, the connection is refused or the connect_timeout (-t, 3 s by default; 0 waits for ever,
 * less than 2 counts as 2) passes first, `- no attempt` (3) when the options are invalid (a bad port is no response). Without -h (and
 * PGHOST) it connects to the Unix socket in /var/run/postgresql, which exists only where postgres runs.
 * "rejecting connections" (1) needs a server that is up but not ready, which the playground does not model.
 */
import { errRaw, out, prog, type Applet } from './lib';
import { dial, dialSocket, getoptLong, stall, type Dialed } from './dbnet';

const LONG: Record<string, [string, boolean]> = {
  dbname: ['d', true], host: ['h', true], port: ['p', true], quiet: ['q', false], timeout: ['t', true], username: ['U', true],
  help: ['?', false], version: ['V', false],
};

const HELP = (p: string) => `${p} issues a connection check to a PostgreSQL database.\n\nUsage:\n  ${p} [OPTION]...\n\nOptions:\n` +
  '  -d, --dbname=DBNAME      database name\n  -q, --quiet              run quietly\n  -V, --version            output version information, then exit\n' +
  '  -?, --help               show this help, then exit\n\nConnection options:\n  -h, --host=HOSTNAME      database server host or socket directory\n' +
  '  -p, --port=PORT          database server port\n  -t, --timeout=SECS       seconds to wait when attempting connection, 0 disables (default: 3)\n' +
  '  -U, --username=USERNAME  user name to connect as\n\nReport bugs to <pgsql-bugs@lists.postgresql.org>.\nPostgreSQL home page: <https://www.postgresql.org/>\n';

const DEFAULT_SOCKET_DIR = '/var/run/postgresql';
/** What PQping returns. */
const OK = 0, NO_RESPONSE = 2, NO_ATTEMPT = 3;
/** nginx (client_header_timeout) and postgres (authentication_timeout) close a silent connection after 60 s. */
const SERVER_GIVES_UP_MS = 60_000;

export const pgIsready: Applet = function* (ctx) {
  const p = prog(ctx);
  const a = ctx.argv[1];
  if (a === '--help' || a === '-?') { yield* out(ctx, HELP(p)); return 0; }
  const parsed = getoptLong(ctx.argv, 'd:h:p:qt:U:', LONG);
  const hint = `${p}: hint: Try "${p} --help" for more information.\n`;
  // getopt names argv[0]: the full path pg_wrapper runs in the Debian images, the typed name in the alpine ones.
  const argv0 = ctx.flavor.userland === 'gnu' ? `/usr/lib/postgresql/${ctx.flavor.versions?.postgres ?? '17'}/bin/pg_isready` : ctx.argv[0];
  if (parsed.error) { errRaw(ctx, `${argv0}: ${parsed.error}\n${hint}`); return NO_ATTEMPT; }
  if (parsed.rest.length) {
    errRaw(ctx, `${p}: error: too many command-line arguments (first is "${parsed.rest[0]}")\n${hint}`);
    return NO_ATTEMPT;
  }
  const o = new Map<string, string | null>(parsed.opts);
  if (o.has('?')) { yield* out(ctx, HELP(p)); return 0; }
  const host = o.get('h') ?? (ctx.env.get('PGHOST') || DEFAULT_SOCKET_DIR);
  const portText = o.get('p') ?? (ctx.env.get('PGPORT') || '5432');
  const quiet = o.has('q');
  const report = function* (rv: number) {
    if (!quiet) yield* out(ctx, `${host}:${portText} - ${['accepting connections', 'rejecting connections', 'no response', 'no attempt'][rv]}\n`);
    return rv;
  };
  if (!/^\s*\d+\s*$/.test(portText) || Number(portText) > 65535) return yield* report(NO_RESPONSE);
  const port = Number(portText);
  const tText = o.get('t') ?? '3';
  if (!/^\s*-?\d+\s*$/.test(tText)) return yield* report(NO_RESPONSE);
  const secs = Number(tText);
  const timeoutMs = secs <= 0 ? null : Math.max(secs, 2) * 1000;
  let conn: Dialed;
  if (host.startsWith('/')) conn = yield* dialSocket(ctx, p, `${host}/.s.PGSQL.${port}`, port);
  else conn = yield* dial(ctx, p, host, port, timeoutMs);
  if (conn.kind !== 'open') return yield* report(NO_RESPONSE);
  const app = conn.handle.app;
  if (app?.name === 'postgres') return yield* report(OK);
  // mysql greets first: libpq reads its packet as an unexpected message and gives up at once. Others wait
  // for more of the startup packet: the timeout ends it, or the server closing the connection.
  if (app?.name !== 'mysql') yield* stall(ctx, timeoutMs ?? (conn.handle.protocol === 'http' ? SERVER_GIVES_UP_MS : null));
  return yield* report(NO_RESPONSE);
};
