/**
 * What the database images' servers answer their clients (seam.ts AppProtocol): redis a few commands of a
 * keyspace of its own, postgres an authentication request, mysql a greeting and a login check against the
 * accounts its entrypoint creates from the environment.
 */
import type { AppProtocol, RedisReply } from './seam';

const ok: RedisReply = { type: 'status', value: 'OK' };
const error = (value: string): RedisReply => ({ type: 'error', value });

/** Arity as redis's command table gives it: n exactly, or -n for at least n (the command name included). */
const ARITY: Readonly<Record<string, number>> = { auth: -2, ping: -1, echo: 2, set: -3, get: 2, del: -2, exists: -2, incr: 2, decr: 2, dbsize: 1, flushall: -1 };

/** The unknown-command error of redis 7 (processCommand): the first arguments quoted, up to 128 bytes. */
function unknownCommand(args: readonly string[]): RedisReply {
  let rest = '';
  for (let i = 1; i < args.length && rest.length < 128; i++) rest += `'${args[i].slice(0, 128 - rest.length)}' `;
  return error(`ERR unknown command '${args[0].slice(0, 128)}', with args beginning with: ${rest}`.replace(/[\r\n]/g, ' '));
}

/** A redis server: AUTH, PING, ECHO and a string keyspace (SET, GET, DEL, EXISTS, INCR, DECR, DBSIZE, FLUSHALL). */
export function redisServer(): AppProtocol {
  const keys = new Map<string, string>();
  const step = (key: string, by: number): RedisReply => {
    const cur = keys.get(key) ?? '0';
    if (!/^-?\d+$/.test(cur)) return error('ERR value is not an integer or out of range');
    const n = Number(cur) + by;
    keys.set(key, String(n));
    return { type: 'integer', value: n };
  };
  const command = (args: readonly string[]): RedisReply => {
    const name = (args[0] ?? '').toLowerCase();
    const arity = ARITY[name];
    if (arity === undefined) return unknownCommand(args);
    if (arity > 0 ? args.length !== arity : args.length < -arity) return error(`ERR wrong number of arguments for '${name}' command`);
    switch (name) {
      case 'auth':
        // The image's server has no requirepass: the default user takes any password, others do not exist.
        if (args.length > 3) return error('ERR syntax error');
        if (args.length === 2) return error('ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?');
        return args[1] === 'default' ? ok : error('WRONGPASS invalid username-password pair or user is disabled.');
      case 'ping':
        if (args.length > 2) return error("ERR wrong number of arguments for 'ping' command");
        return args.length === 2 ? { type: 'string', value: args[1] } : { type: 'status', value: 'PONG' };
      case 'echo': return { type: 'string', value: args[1] };
      case 'set':
        if (args.length > 3) return error('ERR syntax error');
        keys.set(args[1], args[2]);
        return ok;
      case 'get': {
        const v = keys.get(args[1]);
        return v === undefined ? { type: 'nil' } : { type: 'string', value: v };
      }
      case 'del': case 'exists': {
        let n = 0;
        for (const k of args.slice(1)) if (keys.has(k)) { n++; if (name === 'del') keys.delete(k); }
        return { type: 'integer', value: n };
      }
      case 'incr': return step(args[1], 1);
      case 'decr': return step(args[1], -1);
      case 'dbsize': return { type: 'integer', value: keys.size };
      default: keys.clear(); return ok;
    }
  };
  return { name: 'redis', command };
}

/**
 * A mysql server: the docker-library entrypoint creates root@'%' with MYSQL_ROOT_PASSWORD (empty with
 * MYSQL_ALLOW_EMPTY_PASSWORD, unknowable with MYSQL_RANDOM_ROOT_PASSWORD) and MYSQL_USER with MYSQL_PASSWORD.
 */
export function mysqlServer(version: string, env: ReadonlyMap<string, string>): AppProtocol {
  const accounts = new Map<string, string | null>();
  const root = env.get('MYSQL_ROOT_PASSWORD');
  accounts.set('root', root ? root : env.has('MYSQL_ALLOW_EMPTY_PASSWORD') ? '' : null);
  const user = env.get('MYSQL_USER');
  if (user && user !== 'root') accounts.set(user, env.get('MYSQL_PASSWORD') ?? '');
  const login = (name: string, password: string | null): boolean => {
    const stored = accounts.get(name);
    if (stored === undefined || stored === null) return false;
    return stored === (password ?? '');
  };
  return { name: 'mysql', version: version.replace(/-\d+\.el\d+$/, ''), login };
}

/**
 * A postgres server as the docker-library entrypoint sets it up: the superuser POSTGRES_USER (postgres) with
 * POSTGRES_PASSWORD, its database POSTGRES_DB (the user's name) beside postgres and template1; pg_hba trusts
 * the Unix socket and asks for a password (scram-sha-256) over TCP, unless POSTGRES_HOST_AUTH_METHOD=trust.
 */
export function postgresServer(env: ReadonlyMap<string, string>): AppProtocol {
  const superuser = env.get('POSTGRES_USER') || 'postgres';
  const password = env.get('POSTGRES_PASSWORD') ?? '';
  const databases = new Set([env.get('POSTGRES_DB') || superuser, 'postgres', 'template1']);
  const trust = env.get('POSTGRES_HOST_AUTH_METHOD') === 'trust';
  const login = (user: string, database: string, given: string | null, local: boolean): string | null => {
    if (!local && !trust) {
      if (given === null) return 'fe_sendauth: no password supplied';
      if (user !== superuser || given !== password) return `FATAL:  password authentication failed for user "${user}"`;
    } else if (user !== superuser) return `FATAL:  role "${user}" does not exist`;
    if (!databases.has(database)) return `FATAL:  database "${database}" does not exist`;
    return null;
  };
  return { name: 'postgres', login };
}
