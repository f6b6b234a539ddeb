/**
 * The simulated world outside the cluster: a few well-known hosts with fixed public addresses. CoreDNS
 * forwards names outside cluster.local upstream, so pods resolve them; connections to their addresses
 * reach these servers. Any other external name is NXDOMAIN. Everything here is deterministic data.
 */
import type { HttpRequest, HttpResponse } from '../runtime/seam';

export interface OutsideSite {
  readonly host: string;
  readonly ips: readonly string[];
  /** HTTP(S) on ports 80 and 443. */
  serve(req: HttpRequest): HttpResponse;
}

const html = (status: number, reason: string, body: string): HttpResponse => ({ status, reason, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body });

/**
 * A git hosting site: `GET /<owner>/<repo>[.git]/info/refs?service=git-upload-pack` answers with the
 * repository's files (the playground's stand-in for a pack: a JSON map of path → content). Every
 * repository exists and holds a small tree derived from its name.
 */
function gitHost(host: string, ips: string[]): OutsideSite {
  return {
    host,
    ips,
    serve(req) {
      const m = /^\/([^/]+)\/([^/]+?)(?:\.git)?\/info\/refs\?service=git-upload-pack$/.exec(req.path);
      if (m) {
        const [, owner, repo] = m;
        const files: Record<string, string> = {
          'README.md': `# ${repo}\n\nA repository of ${owner} on ${host}, as the playground's simulated outside world serves it.\n`,
          'index.html': `<!DOCTYPE html>\n<html><head><title>${repo}</title></head><body><h1>${repo}</h1><p>Served from ${owner}/${repo}.</p></body></html>\n`,
          'config/app.conf': `name = ${repo}\n`,
        };
        return { status: 200, reason: 'OK', headers: { 'Content-Type': 'application/x-git-upload-pack-advertisement' }, body: JSON.stringify({ owner, repo, files }) };
      }
      const page = /^\/([^/?]+)\/([^/?]+)\/?$/.exec(req.path);
      if (page) return html(200, 'OK', `<!DOCTYPE html>\n<html><head><title>${page[1]}/${page[2]}</title></head><body><h1>${page[1]}/${page[2]}</h1></body></html>\n`);
      return html(200, 'OK', `<!DOCTYPE html>\n<html><head><title>${host}</title></head><body><h1>${host}</h1></body></html>\n`);
    },
  };
}

const EXAMPLE_PAGE = `<!doctype html>
<html>
<head>
    <title>Example Domain</title>
</head>
<body>
<div>
    <h1>Example Domain</h1>
    <p>This domain is for use in illustrative examples in documents. You may use this
    domain in literature without prior coordination or asking for permission.</p>
</div>
</body>
</html>
`;

export const OUTSIDE_SITES: readonly OutsideSite[] = [
  gitHost('github.com', ['140.82.121.4']),
  gitHost('gitlab.com', ['172.65.251.78']),
  gitHost('bitbucket.org', ['104.192.141.1']),
  { host: 'example.com', ips: ['93.184.215.14'], serve: () => html(200, 'OK', EXAMPLE_PAGE) },
  { host: 'www.example.com', ips: ['93.184.215.14'], serve: () => html(200, 'OK', EXAMPLE_PAGE) },
];

/** The site a (lower-case, dot-less at the end) name or address belongs to. */
export function outsideSite(nameOrIp: string): OutsideSite | undefined {
  const n = nameOrIp.toLowerCase().replace(/\.$/, '');
  return OUTSIDE_SITES.find((s) => s.host === n || s.ips.includes(n));
}
