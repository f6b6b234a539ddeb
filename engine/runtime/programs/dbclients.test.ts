// The database clients against running servers (the images' own, dbServers.ts) and against nothing.
import { describe, expect, it } from 'vitest';
import type { ConnectResult, DnsQuery, DnsReply, ListenerHandle } from '../seam';
import { runScript, type ScriptOptions } from '../shell/driver';
import { mysqlServer, postgresServer, redisServer } from '../dbServers';

const FILES = {
  '/etc/resolv.conf': 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
  '/etc/hosts': '127.0.0.1\tlocalhost\n10.244.0.5\tmypod\n',
  '/w': { dir: true },
} as const;

// Services: db (postgres), redis, mysql, web (nginx), slow (SYNs unanswered), down (no endpoint: refused).
const SERVICES: Record<string, string> = { db: '10.96.0.11', redis: '10.96.0.12', mysql: '10.96.0.13', web: '10.96.0.14', slow: '10.96.0.15', down: '10.96.0.16', quiet: '10.96.0.17' };

function coreDns(q: DnsQuery): DnsReply {
  const m = /^(\w+)\.default\.svc\.cluster\.local$/.exec(q.name);
  const ip = m ? SERVICES[m[1]] : undefined;
  return ip ? { rcode: 'NOERROR', answers: q.type === 'A' ? [ip] : [] } : { rcode: 'NXDOMAIN', answers: [] };
}

function listeners(): Record<string, ListenerHandle> {
  return {
    [`${SERVICES.db}:5432`]: { protocol: 'tcp', app: { name: 'postgres' } },
    [`${SERVICES.redis}:6379`]: { protocol: 'tcp', app: redisServer() },
    [`${SERVICES.mysql}:3306`]: { protocol: 'tcp', app: mysqlServer('8.0.46-1.el9', new Map([['MYSQL_ROOT_PASSWORD', 'secret']])) },
    [`${SERVICES.web}:80`]: { protocol: 'http', http: () => ({ status: 200, reason: 'OK', headers: {}, body: 'hi\n' }) },
    [`${SERVICES.quiet}:9000`]: { protocol: 'tcp' },
  };
}

function run(script: string, opts: ScriptOptions = {}) {
  const l = listeners();
  const connect = (ip: string, port: number): ConnectResult => {
    const handle = l[`${ip}:${port}`];
    if (handle) return { ok: true, ip, port, handle };
    return ip === SERVICES.slow ? { ok: false, error: 'timeout' } : { ok: false, error: 'refused' };
  };
  return runScript(script, { files: FILES as never, cwd: '/w', dns: coreDns, connect, podIp: '10.244.0.5', untilMs: 600_000,
    flavor: { busyboxVersion: '1.36', extraApplets: ['pg_isready', 'psql', 'redis-cli', 'mysqladmin', 'mysql'], userland: 'gnu' }, ...opts });
}

describe('pg_isready', () => {
  it('accepts when postgres answers, exit 0', () => {
    const r = run('pg_isready -h db -p 5432; echo $?');
    expect(r.stdout).toBe('db:5432 - accepting connections\n0\n');
    expect(r.stderr).toBe('');
  });
  it('no response (2) when refused, at once', () => {
    const r = run('pg_isready -h down; echo $?');
    expect(r.stdout).toBe('down:5432 - no response\n2\n');
    expect(r.timeMs).toBeLessThan(100);
  });
  it('no response (2) when the name does not resolve; -q prints nothing', () => {
    expect(run('pg_isready -h nosuch; echo $?').stdout).toBe('nosuch:5432 - no response\n2\n');
    expect(run('pg_isready -q -h nosuch; echo $?').stdout).toBe('2\n');
  });
  it('an unanswered connect takes the 3 s connect_timeout (-t sets it, at least 2 s)', () => {
    const r = run('pg_isready -h slow; echo $?');
    expect(r.stdout).toBe('slow:5432 - no response\n2\n');
    expect(r.timeMs).toBeGreaterThanOrEqual(3000);
    expect(r.timeMs).toBeLessThan(3100);
    expect(run('pg_isready -h slow -t 1').timeMs).toBeGreaterThanOrEqual(2000);
    expect(run('pg_isready -h slow --timeout=10').timeMs).toBeGreaterThanOrEqual(10_000);
  });
  it('a server that speaks something else gives no response after the timeout', () => {
    const r = run('pg_isready -h web -p 80; echo $?');
    expect(r.stdout).toBe('web:80 - no response\n2\n');
    expect(r.timeMs).toBeGreaterThanOrEqual(3000);
    expect(run('pg_isready -h mysql -p 3306; echo $?').stdout).toBe('mysql:3306 - no response\n2\n');
  });
  it('defaults to the Unix socket in /var/run/postgresql, and PGHOST/PGPORT', () => {
    expect(run('pg_isready; echo $?').stdout).toBe('/var/run/postgresql:5432 - no response\n2\n');
    expect(run('PGHOST=db PGPORT=5432 pg_isready').stdout).toBe('db:5432 - accepting connections\n');
  });
  it('the socket of a postgres in the same container answers through the pod loopback', () => {
    const r = run('pg_isready -U postgres; echo $?', {
      files: { ...FILES, '/var/run/postgresql/.s.PGSQL.5432': '' } as never,
      connect: (ip, port) => (ip === '127.0.0.1' && port === 5432 ? { ok: true, ip, port, handle: { protocol: 'tcp', app: { name: 'postgres' } } } : { ok: false, error: 'refused' }),
    });
    expect(r.stdout).toBe('/var/run/postgresql:5432 - accepting connections\n0\n');
  });
  it('usage errors exit 3', () => {
    const r = run('pg_isready db; echo $?');
    expect(r.stderr).toBe('pg_isready: error: too many command-line arguments (first is "db")\npg_isready: hint: Try "pg_isready --help" for more information.\n');
    expect(r.stdout).toBe('3\n');
    // getopt names the binary pg_wrapper runs (Debian images); the alpine images' as typed.
    expect(run('pg_isready -x; echo $?', { flavor: { busyboxVersion: '1.36', extraApplets: ['pg_isready'], userland: 'gnu', versions: { postgres: '16' } } }).stderr)
      .toBe("/usr/lib/postgresql/16/bin/pg_isready: invalid option -- 'x'\npg_isready: hint: Try \"pg_isready --help\" for more information.\n");
    expect(run('pg_isready -x', { flavor: { busyboxVersion: '1.36', extraApplets: ['pg_isready'] } }).stderr)
      .toBe("pg_isready: invalid option -- 'x'\npg_isready: hint: Try \"pg_isready --help\" for more information.\n");
    expect(run('pg_isready -h db -p abc; echo $?').stdout).toBe('db:abc - no response\n2\n');
  });
});

describe('redis-cli', () => {
  it('PING answers PONG, raw', () => {
    const r = run('redis-cli -h redis ping; echo $?');
    expect(r.stdout).toBe('PONG\n0\n');
    expect(run('until redis-cli -h redis ping | grep -q PONG; do sleep 1; done; echo up').stdout).toBe('up\n');
  });
  it('replies as redis-cli prints them without a tty: errors followed by an empty line, nil as an empty line', () => {
    const r = run("redis-cli -h redis set k v; redis-cli -h redis get k; redis-cli -h redis get nope; redis-cli -h redis incr n; redis-cli -h redis echo 'a b'; redis-cli -h redis foo bar; echo $?");
    expect(r.stdout).toBe("OK\nv\n\n1\na b\nERR unknown command 'foo', with args beginning with: 'bar' \n\n0\n");
  });
  it('--no-raw gives the tty form; -e sends an error reply to stderr and exits 1', () => {
    expect(run('redis-cli --no-raw -h redis get nope; redis-cli --no-raw -h redis foo').stdout).toBe("(nil)\n(error) ERR unknown command 'foo', with args beginning with: \n");
    const r = run('redis-cli -e -h redis foo; echo $?');
    expect(r.stderr).toBe("ERR unknown command 'foo', with args beginning with: \n");
    expect(r.stdout).toBe('1\n');
  });
  it('refused: one line on stderr, exit 1 (the quiet first try is not printed)', () => {
    const r = run('redis-cli -h down ping; echo $?');
    expect(r.stderr).toBe('Could not connect to Redis at down:6379: Connection refused\n');
    expect(r.stdout).toBe('1\n');
    expect(r.notes.filter((n) => n.type === 'connect-failed')).toHaveLength(2);
  });
  it("a name that does not resolve: getaddrinfo's text (glibc; musl in alpine tags)", () => {
    expect(run('redis-cli -h nosuch ping').stderr).toBe('Could not connect to Redis at nosuch:6379: Name or service not known\n');
    expect(run('redis-cli -h nosuch ping', { flavor: { busyboxVersion: '1.36', extraApplets: ['redis-cli'] } }).stderr)
      .toBe('Could not connect to Redis at nosuch:6379: Name does not resolve\n');
    expect(run('redis-cli ping').stderr).toBe('Could not connect to Redis at 127.0.0.1:6379: Connection refused\n');
  });
  it('-a warns, and AUTH without a configured password fails but the command runs', () => {
    const r = run('redis-cli -h redis -a pw ping');
    expect(r.stderr).toBe("Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.\n" +
      'AUTH failed: ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?\n');
    expect(r.stdout).toBe('PONG\n');
  });
  it('does not answer PONG from another server', () => {
    const r = run('redis-cli -h web -p 80 ping; echo $?');
    expect(r.stderr).toBe('Error: Protocol error, got "H" as reply type byte\n');
    expect(r.stdout).toBe('1\n');
    expect(run('redis-cli -h db -p 5432 ping').stderr).toBe('Error: Server closed the connection\n');
    expect(run('redis-cli -h mysql -p 3306 ping').stderr).toBe('Error: Protocol error, got "J" as reply type byte\n');
    expect(run('redis-cli -h quiet -p 9000 ping', { untilMs: 60_000 }).hung).toBe(true);
  });
  it('reads commands from stdin without arguments (a refused connection is reported again per command); -x takes the last argument from stdin', () => {
    expect(run("printf 'PING\\nset a 1\\nget a\\n' | redis-cli -h redis").stdout).toBe('PONG\nOK\n1\n');
    const r = run("echo PING | redis-cli -h down; echo $?");
    expect(r.stderr).toBe('Could not connect to Redis at down:6379: Connection refused\n'.repeat(2));
    expect(r.stdout).toBe('0\n');
    expect(run("printf hello | redis-cli -h redis -x echo").stdout).toBe('hello\n');
  });
  it('rejects an unknown option', () => {
    const r = run('redis-cli --foo ping; echo $?');
    expect(r.stderr).toBe("Unrecognized option or bad number of args for: '--foo'\n");
    expect(r.stdout).toBe('1\n');
  });
});

describe('mysqladmin', () => {
  it('ping with the right password: mysqld is alive, after the command-line password warning', () => {
    const r = run('mysqladmin ping -h mysql -uroot -psecret; echo $?');
    expect(r.stdout).toBe('mysqld is alive\n0\n');
    expect(r.stderr).toBe('mysqladmin: [Warning] Using a password on the command line interface can be insecure.\n');
    expect(run('mysqladmin ping -h mysql -psecret --silent').stdout).toBe('mysqld is alive\n');
  });
  it('access denied: the server is up, so ping exits 0 (silent with --silent)', () => {
    const r = run('mysqladmin ping -h mysql; echo $?');
    expect(r.stderr).toBe("mysqladmin: connect to server at 'mysql' failed\nerror: 'Access denied for user 'root'@'10.244.0.5' (using password: NO)'\n");
    expect(r.stdout).toBe('0\n');
    const s = run('mysqladmin ping -h mysql --silent; echo $?');
    expect(s.stderr).toBe('');
    expect(s.stdout).toBe('0\n');
  });
  it('refused: the error, the hint, exit 1; --silent prints nothing', () => {
    const r = run('mysqladmin ping -h down; echo $?');
    expect(r.stderr).toBe("mysqladmin: connect to server at 'down' failed\nerror: 'Can't connect to MySQL server on 'down:3306' (111)'\n" +
      "Check that mysqld is running on down and that the port is 3306.\nYou can check this by doing 'telnet down 3306'\n");
    expect(r.stdout).toBe('1\n');
    const s = run('until mysqladmin ping -h down --silent; do echo waiting; sleep 2; done', { untilMs: 5_000 });
    expect(s.stdout).toBe('waiting\nwaiting\nwaiting\n');
    expect(s.stderr).toBe('');
  });
  it('unknown host (-2) and the local socket (2)', () => {
    expect(run('mysqladmin ping -h nosuch').stderr).toContain("error: 'Unknown MySQL server host 'nosuch' (-2)'\nCheck that mysqld is running on nosuch");
    expect(run('mysqladmin ping; echo $?').stderr).toBe("mysqladmin: connect to server at 'localhost' failed\n" +
      "error: 'Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)'\nCheck that mysqld is running and that the socket: '/var/run/mysqld/mysqld.sock' exists!\n");
  });
  it('another server: the connection is lost waiting for the greeting', () => {
    const r = run('mysqladmin ping -h web -P 80; echo $?');
    expect(r.stderr).toBe("mysqladmin: connect to server at 'web' failed\nerror: 'Lost connection to MySQL server at 'reading initial communication packet', system error: 0'\n");
    expect(r.stdout).toBe('1\n');
    expect(r.timeMs).toBeGreaterThanOrEqual(60_000);
  });
});

describe('psql', () => {
  const pg = (password: string) => ({ protocol: 'tcp' as const, app: postgresServer(new Map([['POSTGRES_PASSWORD', password]])) });
  const runPg = (script: string, opts: ScriptOptions = {}) => run(script, {
    connect: (ip, port) => (ip === SERVICES.db && port === 5432 ? { ok: true, ip, port, handle: pg('pw') } : ip === SERVICES.slow ? { ok: false, error: 'timeout' } : { ok: false, error: 'refused' }),
    ...opts,
  });
  it('connects with PGPASSWORD and answers SELECT 1 and \\q', () => {
    const r = runPg("PGPASSWORD=pw psql -h db -U postgres -c 'SELECT 1'; echo $?");
    expect(r.stdout).toBe(' ?column? \n----------\n        1\n(1 row)\n\n0\n');
    expect(runPg("psql postgresql://postgres:pw@db:5432/postgres -tAc 'select 1;'").stdout).toBe('1\n');
    expect(runPg("PGPASSWORD=pw psql -h db -U postgres -c '\\q'; echo $?").stdout).toBe('0\n');
  });
  it("libpq's messages, exit 2", () => {
    // No tty: the prompt goes to stderr and the password is read from stdin.
    expect(runPg('psql -h db -U postgres -c "select 1" </dev/null; echo $?').stderr)
      .toBe('Password for user postgres: \npsql: error: connection to server at "db" (10.96.0.11), port 5432 failed: fe_sendauth: no password supplied\n');
    expect(runPg('psql -h db -U postgres -w -c "select 1"').stderr).toBe('psql: error: connection to server at "db" (10.96.0.11), port 5432 failed: fe_sendauth: no password supplied\n');
    const piped = runPg('echo pw | psql -h db -U postgres -tAc "select 1"');
    expect(piped.stderr).toBe('Password for user postgres: \n');
    expect(piped.stdout).toBe('1\n');
    expect(runPg("PGPASSWORD=pw psql -h db -U postgres -t -c 'select 1'").stdout).toBe('        1\n\n');
    expect(runPg("PGPASSWORD=pw psql -h db -U postgres -c 'select 123456789'").stdout).toBe(' ?column?  \n-----------\n 123456789\n(1 row)\n\n');
    expect(runPg('PGPASSWORD=pw psql -h db -U postgres -d nodb').stderr).toBe('psql: error: connection to server at "db" (10.96.0.11), port 5432 failed: FATAL:  database "nodb" does not exist\n');
    expect(runPg('PGPASSWORD=x psql -h db -U postgres -c "select 1"').stderr).toBe('psql: error: connection to server at "db" (10.96.0.11), port 5432 failed: FATAL:  password authentication failed for user "postgres"\n');
    const r = runPg('psql -h down -U postgres; echo $?');
    expect(r.stderr).toBe('psql: error: connection to server at "down" (10.96.0.16), port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n');
    expect(r.stdout).toBe('2\n');
    expect(runPg('psql -h nosuch').stderr).toBe('psql: error: could not translate host name "nosuch" to address: Name or service not known\n');
    expect(runPg('psql').stderr).toBe('psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: No such file or directory\n\tIs the server running locally and accepting connections on that socket?\n');
  });
});

describe('mysql', () => {
  it('runs SELECT n in batch form; -N drops the header', () => {
    const r = run("mysql -h mysql -uroot -psecret -e 'SELECT 1'; echo $?");
    expect(r.stdout).toBe('1\n1\n0\n');
    expect(r.stderr).toBe('mysql: [Warning] Using a password on the command line interface can be insecure.\n');
    expect(run("mysql -h mysql -psecret -N -e 'select 1;'").stdout).toBe('1\n');
  });
  it('ERROR CODE (SQLSTATE): message, exit 1', () => {
    const r = run("mysql -h mysql -e 'SELECT 1'; echo $?");
    expect(r.stderr).toBe("ERROR 1045 (28000): Access denied for user 'root'@'10.244.0.5' (using password: NO)\n");
    expect(r.stdout).toBe('1\n');
    expect(run("mysql -h down -e 'SELECT 1'").stderr).toBe("ERROR 2003 (HY000): Can't connect to MySQL server on 'down:3306' (111)\n");
    expect(run("mysql -e 'SELECT 1'").stderr).toBe("ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)\n");
  });
});
