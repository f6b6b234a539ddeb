// node on the pod's runtime: http servers answering through the pod's network, http.get and
// dns.lookup through the cluster DNS, timers on virtual time, signals, budgets. (The language and
// console formatting are compared with the real Node in test/differential/node.test.ts.)
import { describe, expect, it } from 'vitest';
import type { ConnectResult, ContainerHost, DnsQuery, DnsReply, HttpRequest, HttpResponse, ListenerHandle } from '../../seam';
import { createTestFs, runScript, type ScriptOptions } from '../../shell/driver';
import { runProgram } from '../../shell/start';

const FLAVOR = { busyboxVersion: '1.36', extraApplets: ['node'], versions: { node: '22.11.0' } };
const FILES = {
  '/etc/resolv.conf': 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
  '/etc/hosts': '127.0.0.1\tlocalhost\n10.244.0.5\tmypod\n',
  '/etc/hostname': 'mypod\n',
};

const dns = (q: DnsQuery): DnsReply => (q.name === 'web.default.svc.cluster.local' && q.type === 'A' ? { rcode: 'NOERROR', answers: ['10.96.0.20'] } : { rcode: 'NXDOMAIN', answers: [] });
const web: ListenerHandle = { protocol: 'http', http: (req) => ({ status: 200, reason: 'OK', headers: { 'Content-Type': 'text/plain' }, body: `hello ${req.path}\n` }) };
const connect = (ip: string, port: number): ConnectResult => (ip === '10.96.0.20' && port === 80 ? { ok: true, ip, port, handle: web } : { ok: false, error: 'refused' });

function node(code: string, opts: ScriptOptions = {}) {
  return runScript('', { argv: ['node', '-e', code], files: FILES, flavor: FLAVOR, dns, connect, env: [['HOSTNAME', 'mypod'], ['PATH', '/usr/local/bin:/bin']], ...opts });
}

describe('node: the process and its event loop', () => {
  it('reads the environment and prints its version', () => {
    expect(node('console.log(process.env.HOSTNAME)').stdout).toBe('mypod\n');
    expect(runScript('', { argv: ['node', '--version'], flavor: FLAVOR }).stdout).toBe('v22.11.0\n');
    expect(runScript('', { argv: ['node', '-v'], flavor: { busyboxVersion: '1.36', extraApplets: ['node'] } }).stdout).toBe('v22.12.0\n');
  });

  it('stays alive while timers are pending; they fire in virtual time', () => {
    const r = node('let n = 0;\nconst t = setInterval(() => { console.log("tick", ++n); if (n === 3) clearInterval(t); }, 1000);\nsetTimeout(() => console.log("half"), 1500);');
    expect(r.stdout).toBe('tick 1\nhalf\ntick 2\ntick 3\n');
    expect(r.output.map((o) => Math.floor(o.t / 100) * 100)).toEqual([1000, 1500, 2000, 3000]);
    expect(r.code).toBe(0);
  });

  it('runs a script file (a configMap volume); a missing one is MODULE_NOT_FOUND, exit 1', () => {
    const r = runScript('', { argv: ['node', '/app/main.js', 'x'], flavor: FLAVOR, files: { '/app/main.js': 'console.log(process.argv.slice(1));\nnull.x;\n' } });
    expect(r.stdout).toBe("[ '/app/main.js', 'x' ]\n");
    expect(r.stderr.split('\n').slice(0, 6)).toEqual(['/app/main.js:2', 'null.x;', '     ^', '', "TypeError: Cannot read properties of null (reading 'x')", '    at Object.<anonymous> (/app/main.js:2:6)']);
    const missing = runScript('', { argv: ['node', 'server.js'], cwd: '/app', flavor: FLAVOR });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Error: Cannot find module '/app/server.js'");
  });

  it('runaway recursion is a RangeError the script can catch', () => {
    expect(node('let n = 0;\nfunction f() { n++; f(); }\ntry { f(); } catch (e) { console.log(e.name, e.message, n > 100); }').stdout).toBe('RangeError Maximum call stack size exceeded true\n');
  });

  it('a busy loop ends at the step budget', () => {
    const r = node('while (true) {}', { stepBudget: 5000 });
    expect(r.status).toMatchObject({ code: 137, reason: 'BudgetExceeded' });
  });

  it('without a handler, SIGTERM is ignored as PID 1; process.on("SIGTERM") runs the handler', () => {
    const server = 'require("http").createServer((q, s) => s.end("hi")).listen(3000, () => console.log("listening"));';
    const ignored = node(server, { signals: [{ at: 2000, signal: 'TERM' }], untilMs: 10_000 });
    expect([ignored.stdout, ignored.hung]).toEqual(['listening\n', true]);
    const handled = node(`process.on("SIGTERM", (s) => { console.log("got", s); process.exit(0); });\n${server}`, { signals: [{ at: 2000, signal: 'TERM' }] });
    expect([handled.stdout, handled.code, handled.timeMs]).toEqual(['listening\ngot SIGTERM\n', 0, 2000]);
  });

  it('a SIGTERM handler also runs while timers are pending', () => {
    const r = node('process.on("SIGTERM", () => { console.log("draining"); process.exit(0); });\nsetInterval(() => console.log("work"), 1500);', { signals: [{ at: 2000, signal: 'TERM' }] });
    expect([r.stdout, r.code, Math.floor(r.timeMs / 100)]).toEqual(['work\ndraining\n', 0, 20]);
  });

  it('something the playground does not model is said plainly', () => {
    const r = node('const { execSync } = require("child_process");');
    expect([r.stderr, r.code]).toEqual(["node: the playground does not model require('child_process') ([eval]:1)\n", 1]);
    expect(node('const re = /ab+c/;').stderr).toBe('node: the playground does not model regular expression literals ([eval]:1)\n');
  });
});

describe('node: network clients', () => {
  it('http.get a Service and dns.lookup through the cluster DNS', () => {
    const r = node('const http = require("http");\nhttp.get("http://web/x", (res) => {\n  let b = "";\n  res.on("data", (d) => (b += d));\n  res.on("end", () => console.log(res.statusCode, b.trim()));\n});\n' +
      'require("dns").lookup("web", (err, addr, family) => console.log(err, addr, family));\nrequire("dns").lookup("nope", (err) => console.log(err.code, err.message));');
    expect(r.stdout).toBe('200 hello /x\nnull 10.96.0.20 4\nENOTFOUND getaddrinfo ENOTFOUND nope\n');
  });

  it('fetch (undici) reads a Service; a name that does not resolve rejects with "fetch failed" and its cause', () => {
    const r = node('(async () => {\n  const res = await fetch("http://web/health");\n  console.log(res.status, res.ok, (await res.text()).trim());\n' +
      '  try { await fetch("http://nope/"); } catch (e) { console.log(e.message, "<-", e.cause.code); }\n})();');
    expect(r.stdout).toBe('200 true hello /health\nfetch failed <- ENOTFOUND\n');
    const unhandled = node('fetch("http://nope/")');
    expect(unhandled.code).toBe(1);
    expect(unhandled.stderr).toContain("TypeError: fetch failed\n");
    expect(unhandled.stderr).toContain("  [cause]: Error: getaddrinfo ENOTFOUND nope\n");
  });

  it("an unhandled 'error' event on a request is Node's report, exit 1", () => {
    const r = node('require("http").get("http://web:81/")');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("node:events:497\n      throw er; // Unhandled 'error' event\n      ^\n\nError: connect ECONNREFUSED 10.96.0.20:81\n");
    expect(r.stderr).toContain("  errno: -111,\n  code: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '10.96.0.20',\n  port: 81\n}\n\nNode.js v22.11.0\n");
  });
});

/** Drives a container whose node process serves on `port`, sending `requests` at their times. */
function serve(code: string, port: number, requests: { at: number; path: string }[]) {
  let now = 0;
  const handlers = new Map<number, ListenerHandle>();
  const out: { stream: string; text: string; t: number }[] = [];
  const host: ContainerHost = {
    now: () => now, output: (stream, text) => { out.push({ stream, text, t: now }); }, dns, connect,
    listen: (p, h) => { if (handlers.has(p)) return false; handlers.set(p, h); return true; }, unlisten: (p) => { handlers.delete(p); },
    fileOp: () => undefined, notify: () => undefined, explain: () => undefined,
  };
  const gen = runProgram({ argv: ['node', '-e', code], env: [['PATH', '/bin']], cwd: '/', fs: createTestFs(FILES, 'n', FLAVOR), host,
    budgets: { commandMicros: 10, stepBudget: 100_000, outputBudget: 1 << 20 }, flavor: FLAVOR, podIp: '10.244.0.9' });
  gen.next({ type: 'start' });
  const responses: (HttpResponse | null)[] = [];
  for (const q of requests) {
    now = q.at;
    const req: HttpRequest = { method: 'GET', path: q.path, headers: { Host: 'x', 'User-Agent': 'curl/8.5.0' }, remoteIp: '10.244.0.7' };
    const h = handlers.get(port);
    responses.push(h?.http ? h.http(req) : null);
  }
  return { responses, out };
}

describe('node: http.createServer', () => {
  it('answers requests through the pod network with what the handler wrote', () => {
    const { responses, out } = serve('const http = require("http");\nhttp.createServer((req, res) => {\n  console.log(req.method, req.url, req.headers["user-agent"]);\n' +
      '  if (req.url === "/health") { res.writeHead(200, { "Content-Type": "application/json" }); res.end(JSON.stringify({ ok: true })); return; }\n' +
      '  res.statusCode = 404;\n  res.end("not found");\n}).listen(8080, () => console.log("listening on 8080"));', 8080, [{ at: 1000, path: '/health' }, { at: 2000, path: '/x' }]);
    expect(responses.map((r) => [r?.status, r?.body, r?.headers['Content-Type']])).toEqual([[200, '{"ok":true}', 'application/json'], [404, 'not found', undefined]]);
    expect(responses[0]?.headers).toMatchObject({ 'Content-Length': '11', Connection: 'keep-alive', 'Keep-Alive': 'timeout=5' });
    expect(out.map((o) => o.text).join('')).toBe('listening on 8080\nGET /health curl/8.5.0\nGET /x curl/8.5.0\n');
  });

  it('the one-liner from the tutorials', () => {
    const { responses } = serve('require(\'http\').createServer((q,s)=>s.end(\'hi\')).listen(3000)', 3000, [{ at: 500, path: '/' }]);
    expect(responses[0]?.body).toBe('hi');
  });
});
