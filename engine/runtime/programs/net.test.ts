import { describe, expect, it } from 'vitest';
import type { ConnectResult, DnsQuery, DnsReply, HttpRequest } from '../seam';
import { runScript, type ScriptOptions } from '../shell/driver';

const FILES = {
  '/etc/resolv.conf': 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
  '/etc/hosts': '127.0.0.1\tlocalhost\n10.244.0.5\tmypod\n',
  '/etc/hostname': 'mypod\n',
  '/w': { dir: true },
} as const;

/** CoreDNS for cluster.local: A for known Services, NOERROR/empty for their AAAA, NXDOMAIN otherwise. */
function coreDns(records: Record<string, string>): (q: DnsQuery) => DnsReply {
  return (q) => {
    const ip = records[q.name];
    if (ip === undefined) return { rcode: 'NXDOMAIN', answers: [] };
    return { rcode: 'NOERROR', answers: q.type === 'A' ? [ip] : [] };
  };
}

const seen: HttpRequest[] = [];
const web = (ip: string, port: number): ConnectResult => ({
  ok: true, ip, port,
  handle: { protocol: 'http', http: (req) => {
    seen.push(req);
    return req.path === '/' ? { status: 200, reason: 'OK', headers: { 'Content-Type': 'text/html' }, body: 'hello\n' }
      : { status: 404, reason: 'Not Found', headers: { 'Content-Type': 'text/html' }, body: 'missing\n' };
  } },
});

function run(script: string, opts: ScriptOptions = {}) {
  return runScript(script, {
    files: FILES as never, cwd: '/w',
    dns: coreDns({ 'web.default.svc.cluster.local': '10.96.0.20', 'db.default.svc.cluster.local': '10.96.0.30' }),
    connect: (ip, port) => (ip === '10.96.0.20' && port === 80 ? web(ip, port) : ip === '10.96.0.30' ? { ok: false, error: 'timeout' } : { ok: false, error: 'refused' }),
    flavor: { busyboxVersion: '1.36', extraApplets: ['curl'] },
    ...opts,
  });
}

describe('nslookup by version (k8s-semantics §9)', () => {
  const dns = coreDns({ 'myservice.default.svc.cluster.local': '10.96.0.20' });

  it('1.28 walks the search list: success prints the FQDN as reverse name, exit 0', () => {
    const r = run('nslookup myservice', { dns, flavor: { busyboxVersion: '1.28' } });
    expect(r.stdout).toBe('Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      myservice\nAddress 1: 10.96.0.20 myservice.default.svc.cluster.local\n');
    expect(r.code).toBe(0);
    expect(r.notes).toContainEqual({ type: 'lookup-ok', name: 'myservice', tool: 'nslookup' });
  });

  it("1.28 failure: can't resolve on stderr, exit 1", () => {
    const r = run('nslookup mydb', { dns, flavor: { busyboxVersion: '1.28' } });
    expect(r.stdout).toBe('Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n');
    expect(r.stderr).toBe("nslookup: can't resolve 'mydb'\n");
    expect(r.code).toBe(1);
  });

  it('1.36 short name whose Service exists: the other expansions are NXDOMAIN, exit 1', () => {
    const r = run('nslookup myservice', { dns });
    expect(r.stdout).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tmyservice.default.svc.cluster.local\nAddress: 10.96.0.20\n\n' +
      "** server can't find myservice.svc.cluster.local: NXDOMAIN\n\n** server can't find myservice.cluster.local: NXDOMAIN\n\n\n" +
      "** server can't find myservice.svc.cluster.local: NXDOMAIN\n\n** server can't find myservice.cluster.local: NXDOMAIN\n\n");
    expect(r.code).toBe(1);
  });

  it('1.36 FQDN that exists: exit 0', () => {
    const r = run('nslookup myservice.default.svc.cluster.local', { dns });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Name:\tmyservice.default.svc.cluster.local\nAddress: 10.96.0.20\n');
  });

  it('1.36 name with a dot is queried literally (NXDOMAIN forever)', () => {
    const r = run('nslookup myservice.default', { dns });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("** server can't find myservice.default: NXDOMAIN");
  });

  it('1.29/1.30 always exit 0', () => {
    expect(run('nslookup nothing', { dns, flavor: { busyboxVersion: '1.29' } }).code).toBe(0);
  });
});

describe('wget', () => {
  it('saves index.html with busybox messages and the status bar; sends User-Agent Wget from the pod IP', () => {
    seen.length = 0;
    const r = run('wget http://web/ && cat index.html');
    expect(r.stderr).toBe("Connecting to web (10.96.0.20:80)\nsaving to 'index.html'\nindex.html           100% |********************************|     6  0:00:00 ETA\n'index.html' saved\n");
    expect(r.stdout).toBe('hello\n');
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/', remoteIp: '10.244.0.5', headers: { Host: 'web', 'User-Agent': 'Wget' } });
  });

  it('-q -O - prints the body only', () => {
    const r = run('wget -q -O - web:80');
    expect([r.stdout, r.stderr, r.code]).toEqual(['hello\n', '', 0]);
  });

  it('errors: bad address, refused, 404', () => {
    expect(run('wget nosuch').stderr).toBe("wget: bad address 'nosuch'\n");
    const refused = run('wget -q http://10.96.0.99:8080/');
    expect([refused.stderr, refused.code]).toEqual(["wget: can't connect to remote host (10.96.0.99): Connection refused\n", 1]);
    expect(refused.notes).toContainEqual({ type: 'connect-failed', target: '10.96.0.99:8080', error: 'Connection refused' });
    expect(run('wget -q web/x').stderr).toBe('wget: server returned error: HTTP/1.1 404 Not Found\n');
  });

  it('-T bounds a connect that gets no answer; without it the kernel gives up after 127 s', () => {
    const t = run('wget -q -T 5 db');
    expect([t.stderr, t.code]).toEqual(['wget: download timed out\n', 1]);
    expect(Math.floor(t.timeMs / 1000)).toBe(5);
    const k = run('wget -q db');
    expect(k.stderr).toBe("wget: can't connect to remote host (10.96.0.30): Connection timed out\n");
    expect(Math.floor(k.timeMs / 1000)).toBe(127);
  });

  it('--spider checks without saving', () => {
    const r = run('wget --spider web; ls');
    expect(r.stderr).toBe('Connecting to web (10.96.0.20:80)\nremote file exists\n');
    expect(r.stdout).toBe('');
  });
});

describe('nc (nc_bloaty)', () => {
  it('-z exits 0 when something listens, 1 otherwise; -v reports open, refusals need -vv', () => {
    expect(run('nc -z web 80; echo $?; nc -z web 81; echo $?').stdout).toBe('0\n1\n');
    expect(run('nc -zv web 80').stderr).toBe('web (10.96.0.20:80) open\n');
    expect(run('nc -zv web 81').stderr).toBe('');
    expect(run('nc -zvv web 81').stderr).toBe('nc: web (10.96.0.20:81): Connection refused\n');
  });

  it('-w bounds the connect; virtual time passes', () => {
    const r = run('nc -w 2 -zv db 5432');
    expect([r.stderr, r.code]).toEqual(['nc: db (10.96.0.30:5432): Connection timed out\n', 1]);
    expect(Math.floor(r.timeMs / 1000)).toBe(2);
  });

  it('an HTTP request on stdin gets the raw response', () => {
    const r = run('printf "GET / HTTP/1.0\\r\\n\\r\\n" | nc web 80');
    expect(r.stdout).toBe('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 6\r\nConnection: close\r\n\r\nhello\n');
  });

  it('bad address', () => {
    expect(run('nc -z nosuch 80').stderr).toBe("nc: bad address 'nosuch'\n");
  });
});

describe('curl', () => {
  const METER = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n' +
    '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0';

  it('prints the body and the progress meter (stdout is not a terminal)', () => {
    seen.length = 0;
    const r = run('curl web');
    expect(r.stdout).toBe('hello\n');
    expect(r.stderr).toBe(METER + '\r100     6  100     6    0     0   6000      0 --:--:-- --:--:-- --:--:--  6000\n');
    expect(seen[0].headers['User-Agent']).toMatch(/^curl\/8\./);
  });

  it('exit codes and messages: 6, 7, 22, 28', () => {
    expect(run('curl -sS nope')).toMatchObject({ stderr: 'curl: (6) Could not resolve host: nope\n', code: 6 });
    expect(run('curl -sS web:81')).toMatchObject({ stderr: "curl: (7) Failed to connect to web port 81 after 0 ms: Couldn't connect to server\n", code: 7 });
    expect(run('curl -sSf web/x')).toMatchObject({ stdout: '', stderr: 'curl: (22) The requested URL returned error: 404\n', code: 22 });
    expect(run('curl -s web/x')).toMatchObject({ stdout: 'missing\n', code: 0 });
    const t = run('curl -sS --connect-timeout 3 db');
    expect(t).toMatchObject({ stderr: 'curl: (28) Connection timed out after 3000 milliseconds\n', code: 28 });
    expect(Math.floor(t.timeMs / 1000)).toBe(3);
  });

  it("-w '%{http_code}' and -o FILE", () => {
    expect(run("curl -s -o /dev/null -w '%{http_code}' web/x").stdout).toBe('404');
    expect(run('curl -so page web && cat page').stdout).toBe('hello\n');
  });

  it('is not there in images without it', () => {
    expect(run('curl web', { flavor: { busyboxVersion: '1.36' } }).code).toBe(127);
  });
});
