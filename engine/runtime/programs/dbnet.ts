/**
 * What the database clients (pg_isready, redis-cli, mysqladmin) share: the libc resolver and connect path of
 * netlib (every lookup and connection is a trace record), getaddrinfo's wording, glibc-style option parsing,
 * and waiting on a server that never answers.
 */
import type { ListenerHandle } from '../seam';
import type { Ctx } from '../shell/sys';
import type { G } from './lib';
import { connectTo, resolveHost, waitMs } from './netlib';

export type Dialed =
  | { readonly kind: 'unresolved' }
  | { readonly kind: 'failed'; readonly errno: string; readonly ip?: string }
  | { readonly kind: 'open'; readonly handle: ListenerHandle; readonly ip: string };

/** getaddrinfo + connect(2), bounded by `timeoutMs` (null: the kernel's limit). */
export function* dial(ctx: Ctx, tool: string, name: string, port: number, timeoutMs: number | null): G<Dialed> {
  yield { k: 'flush' };
  const addr = resolveHost(ctx, name, tool);
  if (!addr) return { kind: 'unresolved' };
  const c = yield* connectTo(ctx, `${name}:${port}`, addr.ip, port, timeoutMs);
  if (!c.ok) return { kind: 'failed', errno: c.errno, ip: addr.ip };
  return { kind: 'open', handle: c.res.handle, ip: addr.ip };
}

/** A connection through a Unix socket the server made (its file is there): the pod's loopback listener. */
export function* dialSocket(ctx: Ctx, tool: string, path: string, port: number): G<Dialed> {
  yield { k: 'flush' };
  let there = false;
  try { there = ctx.fs.exists(path, ctx.cwd, ctx.cred) !== null; } catch { /* a component is missing */ }
  if (!there) return { kind: 'failed', errno: 'No such file or directory' };
  return yield* dial(ctx, tool, '127.0.0.1', port, null);
}

/** errno numbers of the connect failures netlib reports. */
export function errnoNumber(text: string): number {
  switch (text) {
    case 'Connection refused': return 111;
    case 'Connection timed out': return 110;
    case 'No route to host': return 113;
    case 'Network is unreachable': return 101;
    case 'No such file or directory': return 2;
    default: return 0;
  }
}

/** gai_strerror(EAI_NONAME): glibc's text in the Debian-based images, musl's in the alpine ones. */
export function noSuchName(ctx: Ctx): string {
  return ctx.flavor.userland === 'gnu' ? 'Name or service not known' : 'Name does not resolve';
}

/** Wait `ms` of virtual time, or until killed when null (a server that never answers, no timeout). */
export function* stall(ctx: Ctx, ms: number | null): G<void> {
  if (ms === null) {
    yield { k: 'host', keys: [], until: null };
    return;
  }
  yield* waitMs(ctx, ms);
}

export interface Parsed { opts: [string, string | null][]; rest: string[]; error?: string }

/**
 * glibc getopt_long with argument permutation: `short` as in getopt ("h:p:q"), `long` maps a long name to its
 * short letter (or to itself) and whether it takes an argument. Unique prefixes of long names are accepted.
 */
export function getoptLong(argv: readonly string[], short: string, long: Readonly<Record<string, [string, boolean]>>, permute = true): Parsed {
  const r: Parsed = { opts: [], rest: [] };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { r.rest.push(...argv.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const hits = Object.keys(long).filter((n) => n === name || n.startsWith(name));
      const exact = hits.find((n) => n === name);
      if (!exact && hits.length !== 1) return { ...r, error: hits.length ? `option '${a}' is ambiguous` : `unrecognized option '${a}'` };
      const full = exact ?? hits[0];
      const [key, takes] = long[full];
      if (takes) {
        const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) return { ...r, error: `option '--${full}' requires an argument` };
        r.opts.push([key, v]);
      } else {
        if (eq >= 0) return { ...r, error: `option '--${full}' doesn't allow an argument` };
        r.opts.push([key, null]);
      }
      continue;
    }
    if (a[0] !== '-' || a.length < 2) {
      if (!permute) { r.rest.push(...argv.slice(i)); break; }
      r.rest.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      const at = short.indexOf(c);
      if (at < 0 || c === ':') return { ...r, error: `invalid option -- '${c}'` };
      if (short[at + 1] === ':') {
        const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (v === undefined) return { ...r, error: `option requires an argument -- '${c}'` };
        r.opts.push([c, v]);
        break;
      }
      r.opts.push([c, null]);
    }
  }
  return r;
}

/** A numeric IPv4 host (libpq then names no address in parentheses). */
export function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}
