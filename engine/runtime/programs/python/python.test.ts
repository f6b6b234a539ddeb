// python3 on the pod's runtime: cluster DNS, TCP and HTTP through a fake host, http.server serving
// files, virtual time for sleeps and connects, budgets and signals. (Plain-language behaviour is
// compared with the real CPython in test/differential/python.test.ts.)
import { describe, expect, it } from 'vitest';
import type { ConnectResult, ContainerHost, DnsQuery, DnsReply, HttpRequest, HttpResponse, ListenerHandle } from '../../seam';
import { createTestFs, runScript, type ScriptOptions } from '../../shell/driver';
import { runProgram } from '../../shell/start';

const FLAVOR = { busyboxVersion: '1.36', extraApplets: ['python3', 'python'], versions: { python: '3.12.8' } };
const FILES = {
  '/etc/resolv.conf': 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
  '/etc/hosts': '127.0.0.1\tlocalhost\n10.244.0.5\tmypod\n',
  '/etc/hostname': 'mypod\n',
};

function coreDns(records: Record<string, string>, readyAfterQueries = 0): (q: DnsQuery) => DnsReply {
  let n = 0;
  return (q) => {
    const ip = records[q.name];
    if (ip === undefined || n++ < readyAfterQueries) return { rcode: 'NXDOMAIN', answers: [] };
    return { rcode: 'NOERROR', answers: q.type === 'A' ? [ip] : [] };
  };
}

const web: ListenerHandle = {
  protocol: 'http',
  http: (req) => (req.path === '/' ? { status: 200, reason: 'OK', headers: { 'Content-Type': 'text/plain' }, body: `hello ${req.headers['User-Agent']}\n` }
    : { status: 404, reason: 'Not Found', headers: { 'Content-Type': 'text/plain' }, body: 'nope\n' }),
};

function py(code: string, opts: ScriptOptions = {}) {
  return runScript('', {
    argv: ['python3', '-c', code], files: FILES, flavor: FLAVOR,
    dns: coreDns({ 'web.default.svc.cluster.local': '10.96.0.20', 'mydb.default.svc.cluster.local': '10.96.0.30' }),
    connect: (ip, port): ConnectResult => (ip === '10.96.0.20' && port === 80 ? { ok: true, ip, port, handle: web }
      : ip === '10.96.0.30' ? { ok: false, error: 'timeout' } : { ok: false, error: 'refused' }),
    ...opts,
  });
}

const WAIT_FOR_DB = `import socket, time
while True:
    try:
        print("resolved", socket.gethostbyname("mydb"))
        break
    except socket.gaierror:
        print("waiting for mydb")
        time.sleep(2)`;

describe('python3: waiting for a Service (the init-container idiom)', () => {
  it('loops on gaierror in virtual time until the name resolves', () => {
    const r = py(WAIT_FOR_DB, { argv: ['python3', '-u', '-c', WAIT_FOR_DB], dns: coreDns({ 'mydb.default.svc.cluster.local': '10.96.0.30' }, 2) });
    // The Service's name answers from the third lookup on.
    expect(r.stdout).toBe('waiting for mydb\nwaiting for mydb\nresolved 10.96.0.30\n');
    expect([r.code, Math.floor(r.timeMs / 1000)]).toEqual([0, 4]);
    expect(r.output.map((o) => Math.floor(o.t / 1000))).toEqual([0, 2, 4]);
    expect(r.notes.filter((n) => n.type === 'lookup-failed')).toHaveLength(2);
  });

  it('without -u the prints sit in the block buffer until exit, as when stdout is a pipe', () => {
    const r = py(WAIT_FOR_DB, { dns: coreDns({ 'mydb.default.svc.cluster.local': '10.96.0.30' }, 2) });
    expect(r.output.map((o) => [o.text, Math.floor(o.t / 1000)])).toEqual([['waiting for mydb\nwaiting for mydb\nresolved 10.96.0.30\n', 4]]);
    expect(py(WAIT_FOR_DB, { env: [['PYTHONUNBUFFERED', '1']], dns: coreDns({ 'mydb.default.svc.cluster.local': '10.96.0.30' }, 2) }).output).toHaveLength(3);
  });

  it('an uncaught gaierror is the real traceback, exit 1', () => {
    const r = py('import socket\nsocket.gethostbyname("nosuch")');
    expect(r.stderr).toBe('Traceback (most recent call last):\n  File "<string>", line 2, in <module>\n    socket.gethostbyname("nosuch")\n' +
      '    ~~~~~~~~~~~~~~~~~~~~^^^^^^^^^^\nsocket.gaierror: [Errno -2] Name or service not known\n');
    expect(r.code).toBe(1);
  });
});

describe('python3: TCP and HTTP clients', () => {
  it('urlopen reads a cluster Service; HTTPError and URLError as urllib raises them', () => {
    const r = py('import urllib.request, urllib.error\nprint(urllib.request.urlopen("http://web/").read().decode(), end="")\n' +
      'try:\n    urllib.request.urlopen("http://web/missing")\nexcept urllib.error.HTTPError as e:\n    print(e.code, e)\n' +
      'try:\n    urllib.request.urlopen("http://web:81/", timeout=3)\nexcept urllib.error.URLError as e:\n    print(e.reason, "|", e)');
    expect(r.stdout).toBe('hello Python-urllib/3.12\n404 HTTP Error 404: Not Found\n[Errno 111] Connection refused | <urlopen error [Errno 111] Connection refused>\n');
  });

  it('socket connect: refused at once, settimeout bounds an unanswered SYN, the kernel gives up after 127 s', () => {
    const refused = py('import socket\ns = socket.socket()\ns.connect(("web", 81))');
    expect(refused.stderr).toContain('ConnectionRefusedError: [Errno 111] Connection refused\n');
    const t = py('import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\ns.settimeout(2)\ntry:\n    s.connect(("mydb", 5432))\nexcept socket.timeout as e:\n    print("timeout:", e)');
    expect([t.stdout, Math.floor(t.timeMs / 1000)]).toEqual(['timeout: timed out\n', 2]);
    const k = py('import socket\nprint(socket.create_connection(("mydb", 5432)))');
    expect(k.stderr.split('\n').slice(-2)).toEqual(['TimeoutError: [Errno 110] Connection timed out', '']);
    expect(Math.floor(k.timeMs / 1000)).toBe(127);
  });

  it('connect_ex returns errno; an HTTP request over a raw socket gets the raw response', () => {
    const r = py('import socket\ns = socket.create_connection(("web", 80))\nprint(s.connect_ex(("web", 81)))\n' +
      's.sendall(b"GET / HTTP/1.0\\r\\nHost: web\\r\\n\\r\\n")\nprint(s.recv(4096).decode().splitlines()[0])');
    expect(r.stdout).toBe('111\nHTTP/1.0 200 OK\n');
  });
});

/** Drives a container whose process serves, sending `requests` at their times. */
function serve(argv: string[], files: Record<string, string>, requests: { at: number; path: string }[]) {
  let now = 0;
  const handlers = new Map<number, ListenerHandle>();
  const out: { stream: string; text: string }[] = [];
  const host: ContainerHost = {
    now: () => now, output: (stream, text) => { out.push({ stream, text }); }, dns: () => ({ rcode: 'NXDOMAIN', answers: [] }),
    connect: () => ({ ok: false, error: 'refused' }), listen: (p, h) => { if (handlers.has(p)) return false; handlers.set(p, h); return true; },
    unlisten: (p) => { handlers.delete(p); }, fileOp: () => undefined, notify: () => undefined, explain: () => undefined,
  };
  const gen = runProgram({ argv, env: [['PATH', '/bin']], cwd: '/srv', fs: createTestFs({ ...FILES, ...files }, 'srv', FLAVOR), host,
    budgets: { commandMicros: 10, stepBudget: 100_000, outputBudget: 1 << 20 }, flavor: FLAVOR, podIp: '10.244.0.9' });
  gen.next({ type: 'start' });
  const responses: (HttpResponse | null)[] = [];
  for (const q of requests) {
    now = q.at;
    const h = handlers.get(8000);
    const req: HttpRequest = { method: 'GET', path: q.path, headers: { Host: 'x', 'User-Agent': 'curl/8.5.0' }, remoteIp: '10.244.0.7' };
    responses.push(h?.http ? h.http(req) : null);
  }
  return { responses, out, handlers };
}

describe('python3 -m http.server', () => {
  const files = { '/srv/index.html': '<h1>hi</h1>\n', '/srv/data/a.txt': 'A\n', '/srv/data/b b.json': '{}' };

  it('serves files and directory listings from the filesystem, logging each request on stderr', () => {
    const { responses, out } = serve(['python3', '-m', 'http.server'], files, [{ at: 1000, path: '/' }, { at: 2000, path: '/data/' }, { at: 3000, path: '/nope' }, { at: 4000, path: '/data' }]);
    expect(responses.map((r) => r?.status)).toEqual([200, 200, 404, 301]);
    expect(responses[0]?.body).toBe('<h1>hi</h1>\n');
    expect(responses[1]?.body).toBe('<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for /data/</title>\n</head>\n' +
      '<body>\n<h1>Directory listing for /data/</h1>\n<hr>\n<ul>\n<li><a href="a.txt">a.txt</a></li>\n<li><a href="b%20b.json">b b.json</a></li>\n</ul>\n<hr>\n</body>\n</html>\n');
    expect(responses[2]?.body).toContain('<p>Message: File not found.</p>');
    expect(responses[3]?.headers.Location).toBe('/data/');
    expect(out.map((o) => `${o.stream}: ${o.text}`).join('')).toBe(
      'stderr: ::ffff:10.244.0.7 - - [01/Jan/2024 10:00:01] "GET / HTTP/1.1" 200 -\n' +
      'stderr: ::ffff:10.244.0.7 - - [01/Jan/2024 10:00:02] "GET /data/ HTTP/1.1" 200 -\n' +
      'stderr: ::ffff:10.244.0.7 - - [01/Jan/2024 10:00:03] code 404, message File not found\n' +
      'stderr: ::ffff:10.244.0.7 - - [01/Jan/2024 10:00:03] "GET /nope HTTP/1.1" 404 -\n' +
      'stderr: ::ffff:10.244.0.7 - - [01/Jan/2024 10:00:04] "GET /data HTTP/1.1" 301 -\n');
  });

  it('takes PORT, --bind and --directory; the banner goes to the buffered stdout, -u shows it', () => {
    const { handlers, out, responses } = serve(['python3', '-u', '-m', 'http.server', '8000', '--bind', '0.0.0.0', '--directory', '/srv/data'], files, [{ at: 500, path: '/a.txt' }]);
    expect([...handlers.keys()]).toEqual([8000]);
    expect(responses[0]?.body).toBe('A\n');
    expect(out[0]).toEqual({ stream: 'stdout', text: 'Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...\n' });
    expect(out[1].text).toBe('10.244.0.7 - - [01/Jan/2024 10:00:00] "GET /a.txt HTTP/1.1" 200 -\n');
  });

  it('SIGINT is a KeyboardInterrupt that http.server catches: its message, then exit 0', () => {
    const r = runScript('', { argv: ['python3', '-m', 'http.server', '9000'], flavor: FLAVOR, signals: [{ at: 3000, signal: 'INT' }] });
    expect([r.stdout, r.code, r.timeMs]).toEqual(['Serving HTTP on :: port 9000 (http://[::]:9000/) ...\n\nKeyboard interrupt received, exiting.\n', 0, 3000]);
  });

  it('a bad port is argparse\'s error, exit 2', () => {
    const r = runScript('', { argv: ['python3', '-m', 'http.server', 'eighty'], flavor: FLAVOR });
    expect([r.stderr, r.code]).toEqual(['usage: server.py [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION] [port]\nserver.py: error: argument port: invalid int value: \'eighty\'\n', 2]);
  });
});

describe('python3: the program, budgets and signals', () => {
  it('runs a script file (a configMap volume) with its path in tracebacks', () => {
    const r = runScript('', { argv: ['python', '/app/check.py', 'x'], flavor: FLAVOR, files: { '/app/check.py': 'import sys\nprint(sys.argv)\ndef main():\n    return 1 / 0\nmain()\n' } });
    expect(r.stdout).toBe("['/app/check.py', 'x']\n");
    expect(r.stderr).toBe('Traceback (most recent call last):\n  File "/app/check.py", line 5, in <module>\n    main()\n    ~~~~^^\n' +
      '  File "/app/check.py", line 4, in main\n    return 1 / 0\n           ~~^~~\nZeroDivisionError: division by zero\n');
    expect(runScript('', { argv: ['python3', 'nope.py'], cwd: '/tmp', flavor: FLAVOR })).toMatchObject({ code: 2, stderr: "python3: can't open file '/tmp/nope.py': [Errno 2] No such file or directory\n" });
  });

  it('datetime.now() reads the container\'s virtual clock (UTC)', () => {
    const r = py('import time\nfrom datetime import datetime, timezone\ntime.sleep(2)\nprint(str(datetime.now())[:19], datetime.now(timezone.utc).strftime("%H:%M:%S %Z"))');
    expect(r.stdout).toBe('2024-01-01 10:00:02 10:00:02 UTC\n');
  });

  it('prints the image\'s version', () => {
    expect(runScript('', { argv: ['python3', '--version'], flavor: FLAVOR }).stdout).toBe('Python 3.12.8\n');
    expect(runScript('', { argv: ['python', '-V'], flavor: { busyboxVersion: '1.36', extraApplets: ['python'] } }).stdout).toBe('Python 3.13.1\n');
  });

  it('runaway recursion is a RecursionError the script can catch (the traceback folds the repeated frames)', () => {
    expect(py('def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError as e:\n    print("caught:", e)').stdout).toBe('caught: maximum recursion depth exceeded\n');
    const r = py('def f(n):\n    return f(n + 1)\nf(0)');
    expect(r.stderr).toMatch(/ {2}\[Previous line repeated \d+ more times\]\nRecursionError: maximum recursion depth exceeded\n$/);
    expect(r.code).toBe(1);
  });

  it('a busy loop ends at the step budget like the shell\'s', () => {
    const r = py('while True:\n    pass', { stepBudget: 5000 });
    expect(r.status).toMatchObject({ code: 137, reason: 'BudgetExceeded' });
    expect(r.notes).toContainEqual({ type: 'budget', what: 'steps', detail: 'stopped after 5000 commands (step budget)' });
  });

  it('as PID 1 without a handler SIGTERM is ignored (the kubelet escalates to KILL); under a shell it kills: 143', () => {
    const pid1 = py('import time\ntime.sleep(10)\nprint("still here")', { signals: [{ at: 1000, signal: 'TERM' }] });
    expect([pid1.stdout, pid1.code, Math.floor(pid1.timeMs / 1000)]).toEqual(['still here\n', 0, 10]);
    const child = runScript('python3 -c "import time; time.sleep(10)" & sleep 1; kill -TERM $!; wait $!; echo "status $?"', { flavor: FLAVOR });
    expect(child.stdout).toBe('status 143\n');
  });

  it('signal.signal(SIGTERM, handler): graceful shutdown runs the handler (within 0.1 s of a sleep)', () => {
    const code = 'import signal, sys, time\ndef bye(signum, frame):\n    print("got signal", signum)\n    sys.exit(0)\nsignal.signal(signal.SIGTERM, bye)\nprint("serving")\nwhile True:\n    time.sleep(3600)';
    const r = py(code, { argv: ['python3', '-u', '-c', code], signals: [{ at: 2000, signal: 'TERM' }] });
    expect([r.stdout, r.code, Math.floor(r.timeMs / 100)]).toEqual(['serving\ngot signal 15\n', 0, 20]);
  });

  it('an unmodelled stdlib module is said plainly, not ModuleNotFoundError', () => {
    const r = py('import subprocess');
    expect(r.stderr).toBe("python3: the playground does not model the standard library module 'subprocess' (it models sys, os, os.path, time, datetime, math, json, signal, socket, urllib.request and urllib.error) (<string>, line 1)\n");
    expect(py('def numbers():\n    yield 1').stderr).toBe('python3: the playground does not model generators (yield) (<string>, line 2)\n');
    expect(py('import os\nos.fork()').stderr).toBe('python3: the playground does not model os.fork (<string>, line 2)\n');
    expect(r.code).toBe(1);
  });
});
