/**
 * `git` as the alpine/git image ships it, for what init containers use it for: `git clone URL [DIR]`
 * (plus `--version`, `--help`). The clone goes through the pod's DNS and network to the simulated outside
 * world (cluster/outside.ts) and writes the repository's files and a minimal .git directory. Messages and
 * exit codes are git's: progress on stderr, `fatal: …` and 128 on failure.
 */
import { FsError } from '../fs/errors';
import { errRaw, out, type Applet, type G } from './lib';
import type { Ctx } from '../shell/sys';
import { connectTo, exchange, parseUrl, resolveHost } from './netlib';

export const GIT_VERSION = '2.45.2';

const USAGE = `usage: git [-v | --version] [-h | --help] [-C <path>] [-c <name>=<value>]
           [--exec-path[=<path>]] [--html-path] [--man-path] [--info-path]
           [-p | --paginate | -P | --no-pager] [--no-replace-objects] [--no-lazy-fetch]
           [--no-optional-locks] [--no-advice] [--bare] [--git-dir=<path>]
           [--work-tree=<path>] [--namespace=<name>] [--config-env=<name>=<envvar>]
           <command> [<args>]
`;

function fatal(ctx: Ctx, msg: string): number {
  errRaw(ctx, `fatal: ${msg}\n`);
  return 128;
}

/** git's "humanish" directory name: the last path component without `.git` or a trailing slash. */
function humanish(url: string): string {
  const path = url.replace(/\/+$/, '').replace(/\.git$/, '');
  return path.slice(path.lastIndexOf('/') + 1) || 'repo';
}

function isEmptyDir(ctx: Ctx, dir: string): 'missing' | 'empty' | 'not-empty' {
  try {
    const node = ctx.fs.exists(dir, ctx.cwd, ctx.cred);
    if (!node) return 'missing';
    if (node.kind !== 'dir') return 'not-empty';
    return ctx.fs.readdir(dir, ctx.cwd, ctx.cred).length === 0 ? 'empty' : 'not-empty';
  } catch {
    return 'missing';
  }
}

function* clone(ctx: Ctx, args: string[]): G<number> {
  const positional: string[] = [];
  let quiet = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { positional.push(...args.slice(i + 1)); break; }
    if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '--depth' || a === '-b' || a === '--branch' || a === '-o' || a === '--origin') i++;
    else if (a.startsWith('-')) continue; // --single-branch, --depth=1, --recurse-submodules …: no effect on the files
    else positional.push(a);
  }
  const [url, dirArg] = positional;
  if (!url) { errRaw(ctx, 'fatal: You must specify a repository to clone.\n\nusage: git clone [<options>] [--] <repo> [<dir>]\n'); return 129; }
  const dir = dirArg ?? humanish(url);
  if (isEmptyDir(ctx, dir) === 'not-empty') return fatal(ctx, `destination path '${dir}' already exists and is not an empty directory.`);
  const u = parseUrl(url);
  if (!u || (u.scheme !== 'https' && u.scheme !== 'http')) return fatal(ctx, `repository '${url}' does not exist`);
  if (!quiet) errRaw(ctx, `Cloning into '${dir}'...\n`);
  const shown = url.endsWith('/') ? url : `${url}/`;
  const host = resolveHost(ctx, u.host, 'git');
  if (!host) return fatal(ctx, `unable to access '${shown}': Could not resolve host: ${u.host}`);
  const conn = yield* connectTo(ctx, `${u.host}:${u.port}`, host.ip, u.port, null);
  if (!conn.ok) return fatal(ctx, `unable to access '${shown}': Failed to connect to ${u.host} port ${u.port} after ${conn.waitedMs} ms: Couldn't connect to server`);
  const repoPath = u.path.replace(/\/+$/, '');
  const res = exchange(ctx, conn.res.handle, { method: 'GET', path: `${repoPath}/info/refs?service=git-upload-pack`, headers: { Host: u.hostPort, 'User-Agent': `git/${GIT_VERSION}` } });
  if (!res || res.status === 404) { errRaw(ctx, 'remote: Repository not found.\n'); return fatal(ctx, `repository '${shown}' not found`); }
  if (res.status >= 400) return fatal(ctx, `unable to access '${shown}': The requested URL returned error: ${res.status}`);
  let files: Record<string, string>;
  try {
    files = (JSON.parse(res.body) as { files: Record<string, string> }).files;
  } catch {
    return fatal(ctx, `unable to access '${shown}': not a git repository`);
  }
  try {
    write(ctx, dir, files, url);
  } catch (e) {
    if (e instanceof FsError) return fatal(ctx, `could not create work tree dir '${dir}': ${e.message}`);
    throw e;
  }
  return 0;
}

function write(ctx: Ctx, dir: string, files: Record<string, string>, url: string): void {
  const { fs, cwd, cred } = ctx;
  const mkdirp = (path: string) => {
    let at = path.startsWith('/') ? '' : '.';
    for (const part of path.split('/').filter(Boolean)) {
      at = at === '' ? `/${part}` : `${at}/${part}`;
      if (!fs.exists(at, cwd, cred)) fs.mkdir(at, cwd, cred, 0o755);
    }
  };
  mkdirp(dir);
  const git: Record<string, string> = {
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/config': `[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n[remote "origin"]\n\turl = ${url}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch "main"]\n\tremote = origin\n\tmerge = refs/heads/main\n`,
    '.git/description': "Unnamed repository; edit this file 'description' to name the repository.\n",
  };
  for (const [path, content] of Object.entries({ ...git, ...files })) {
    const full = `${dir.replace(/\/+$/, '')}/${path}`;
    mkdirp(full.slice(0, full.lastIndexOf('/')));
    fs.writeFile(full, cwd, cred, content, false, 0o644);
  }
}

// Models git.c handle_options / cmd_main for the few commands an init container runs.
export const git: Applet = function* (ctx) {
  const [sub, ...rest] = ctx.argv.slice(1);
  if (sub === undefined) { errRaw(ctx, USAGE); return 1; }
  if (sub === '--version' || sub === 'version' || sub === '-v') { yield* out(ctx, `git version ${GIT_VERSION}\n`); return 0; }
  if (sub === '--help' || sub === '-h' || sub === 'help') { yield* out(ctx, USAGE); return 0; }
  if (sub === 'clone') return yield* clone(ctx, rest);
  errRaw(ctx, `git: '${sub}' is not a git command. See 'git --help'.\n`);
  return 1;
};
