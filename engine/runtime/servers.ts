/**
 * What the serving images do when run with their default command: nginx and httpd serve files over
 * HTTP, http-echo answers its text, redis/mysql/postgres listen after a start-up delay (the databases
 * exit with their entrypoint's real error when a required variable is missing), pause sleeps.
 * A `command` override (e.g. `sh -c …`) runs the shell instead.
 */
import { utcParts } from '../sim/time';
import type { FileSpec, FsView } from './fs/index';
import type { ImageFlavor } from './images';
import type { AppProtocol, ContainerHost, ContainerProcess, ContainerStart, ExitStatus, HttpRequest, HttpResponse, ListenerHandle } from './seam';
import { mysqlServer, postgresServer, redisServer } from './dbServers';

const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>
</body>
</html>
`;

const NODE_ENTRYPOINT = `#!/bin/sh
set -e

# An option first (\`-e …\`), or a first word that is no command (or a plain file): hand the arguments to node.
if [ "\${1#-}" != "\${1}" ] || [ -z "$(command -v "\${1}")" ] || { [ -f "\${1}" ] && ! [ -x "\${1}" ]; }; then
  set -- node "$@"
fi

exec "$@"
`;

/** Files an image ships besides busybox's (content a learner may `cat` or serve). */
export function imageFiles(flavor: ImageFlavor): Record<string, FileSpec> {
  if (flavor.kind === 'server' && flavor.server === 'nginx') {
    return { '/usr/share/nginx/html/index.html': NGINX_INDEX, '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html><body><h1>An error occurred.</h1></body></html>\n',
      '/etc/nginx/conf.d/default.conf': 'server {\n    listen       80;\n    server_name  localhost;\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n' };
  }
  if (flavor.kind === 'server' && flavor.server === 'httpd') return { '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n' };
  if (flavor.kind === 'alpine') return { '/etc/alpine-release': `${flavor.version === 'latest' ? '3.20.3' : flavor.version}\n` };
  // The node image's ENTRYPOINT: runs `node ARGS` when the first argument is an option or no command.
  if (flavor.kind === 'distro' && flavor.versions.node) return { '/usr/local/bin/docker-entrypoint.sh': { data: NODE_ENTRYPOINT, mode: 0o755 } };
  return {};
}

interface ServerOptions {
  readonly argv: readonly string[];
  readonly env: readonly (readonly [string, string])[];
  readonly fs: FsView;
  readonly host: ContainerHost;
  readonly spec: ContainerStart;
}

const ROOT = { uid: 0, gid: 0, groups: [0] };
/** Where the postgres image's server puts its Unix socket (the Dockerfile's /var/run/postgresql). */
export const PG_SOCKET_DIR = '/var/run/postgresql';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

function clf(epochMs: number): string {
  const c = utcParts(epochMs);
  return `${p2(c.d)}/${MONTHS[c.m - 1]}/${c.y}:${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)} +0000`;
}

/** Serve files under `root` from the container's own filesystem (so an emptyDir mount shows up). */
function fileServer(fs: FsView, root: string, notFound: string): (req: HttpRequest) => HttpResponse {
  return (req) => {
    let path = decodeURIComponent(req.path.split('?')[0] || '/');
    if (path.endsWith('/')) path += 'index.html';
    try {
      const body = fs.readFile(`${root}${path}`, '/', ROOT);
      return { status: 200, reason: 'OK', headers: { 'Content-Type': path.endsWith('.html') ? 'text/html' : 'text/plain' }, body };
    } catch {
      return { status: 404, reason: 'Not Found', headers: { 'Content-Type': 'text/html' }, body: notFound };
    }
  };
}

/**
 * Listen, then wait for a signal; TERM or INT stop the server cleanly (nginx, httpd and redis handle them).
 * `socket` is a Unix socket the server creates beside its TCP port (postgres's /var/run/postgresql/.s.PGSQL.5432)
 * and removes when it stops.
 */
function* serve(host: ContainerHost, port: number, http: ((req: HttpRequest) => HttpResponse) | undefined, delayMs = 0,
  app?: AppProtocol, socket?: { fs: FsView; path: string }): ContainerProcess {
  if (delayMs > 0) yield { type: 'sleep', ms: delayMs };
  const handle: ListenerHandle = http ? { protocol: 'http', http } : app ? { protocol: 'tcp', app } : { protocol: 'tcp' };
  host.listen(port, handle);
  if (socket) makeSocket(socket.fs, socket.path);
  for (;;) {
    const wake = yield { type: 'wait', keys: [] };
    if (wake.type === 'signal') {
      host.unlisten(port);
      if (socket) try { socket.fs.unlink(socket.path, '/', ROOT); } catch { /* already gone */ }
      return { code: 0 };
    }
  }
}

/** The socket file a server binds (a plain empty file stands for it; clients look for it by name). */
function makeSocket(fs: FsView, path: string): void {
  const dir = path.slice(0, path.lastIndexOf('/'));
  try { fs.mkdir(dir, '/', ROOT, 0o3777); } catch { /* exists */ }
  try { fs.writeFile(path, '/', ROOT, '', false, 0o777); } catch { /* read-only root: no socket */ }
}

function* fail(host: ContainerHost, lines: string, code: number): ContainerProcess {
  yield { type: 'sleep', ms: 300 };
  host.output('stderr', lines);
  const status: ExitStatus = { code };
  return status;
}

function envOf(opts: ServerOptions): Map<string, string> {
  return new Map(opts.env.map(([k, v]) => [k, v] as [string, string]));
}

/** The image's server for its default argv, or null when the shell should run the argv. */
export function runServer(flavor: ImageFlavor, argv: readonly string[], opts: ServerOptions): ContainerProcess | null {
  const prog = (argv[0] ?? '').split('/').pop() ?? '';
  const host = opts.host;
  if (flavor.kind === 'pause' && prog === 'pause') return serve(host, -1, undefined);
  if (flavor.kind !== 'server') return null;
  const env = envOf(opts);
  switch (flavor.server) {
    case 'nginx': {
      if (prog !== 'docker-entrypoint.sh' && prog !== 'nginx') return null;
      const handler = fileServer(opts.fs, '/usr/share/nginx/html', '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n');
      // nginx writes one access-log line per request to stdout (the image links access.log there).
      const logged = (req: HttpRequest): HttpResponse => {
        const res = handler(req);
        host.output('stdout', `${req.remoteIp} - - [${clf(host.now() + (opts.spec.pod.epochMs ?? 0))}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${res.body.length} "-" "${req.headers['User-Agent'] ?? '-'}" "-"\n`);
        return res;
      };
      return serve(host, 80, logged);
    }
    case 'httpd':
      return prog === 'httpd-foreground' ? serve(host, 80, fileServer(opts.fs, '/usr/local/apache2/htdocs', '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n')) : null;
    case 'http-echo': {
      if (prog !== 'http-echo') return null;
      const text = argv.find((a) => a.startsWith('-text='))?.slice(6) ?? argv[argv.indexOf('-text') + 1];
      if (!text) return fail(host, 'Missing -text option!\n', 127);
      const port = Number(argv.find((a) => a.startsWith('-listen='))?.split(':').pop() ?? 5678);
      return serve(host, port, () => ({ status: 200, reason: 'OK', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: `${text}\n` }));
    }
    case 'redis':
      return prog === 'docker-entrypoint.sh' || prog === 'redis-server' ? serve(host, 6379, undefined, 500, redisServer()) : null;
    case 'mysql': {
      if (prog !== 'docker-entrypoint.sh' && prog !== 'mysqld') return null;
      const c = utcParts(host.now() + (opts.spec.pod.epochMs ?? 0));
      const stamp = `${c.y}-${p2(c.m)}-${p2(c.d)} ${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)}+00:00`;
      // The docker-library entrypoint notes its start on stdout (mysql_note), switches to the mysql user with
      // gosu and starts again, which notes it a second time.
      const started = `${stamp} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${flavor.version} started.\n`;
      host.output('stdout', `${started}${stamp} [Note] [Entrypoint]: Switching to dedicated user 'mysql'\n${started}`);
      if (!env.get('MYSQL_ROOT_PASSWORD') && !env.has('MYSQL_ALLOW_EMPTY_PASSWORD') && !env.has('MYSQL_RANDOM_ROOT_PASSWORD')) {
        // docker_verify_minimum_env, on stderr (mysql_error).
        return fail(host, `${stamp} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n`, 1);
      }
      return serve(host, 3306, undefined, 8_000, mysqlServer(flavor.version ?? '', env), { fs: opts.fs, path: '/var/run/mysqld/mysqld.sock' });
    }
    case 'postgres': {
      if (prog !== 'docker-entrypoint.sh' && prog !== 'postgres') return null;
      if (!env.get('POSTGRES_PASSWORD') && env.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
        return fail(host, 'Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n\n       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all\n       connections without a password. This is *not* recommended.\n\n       See PostgreSQL documentation about "trust":\n       https://www.postgresql.org/docs/current/auth-trust.html\n', 1);
      }
      return serve(host, 5432, undefined, 3_000, postgresServer(env), { fs: opts.fs, path: `${PG_SOCKET_DIR}/.s.PGSQL.5432` });
    }
  }
}
