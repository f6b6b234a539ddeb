// Which programs each image has, end to end (image layer → PATH lookup → program).
import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/simulate';

function logsOf(image: string, script: string): string {
  const manifests = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never
  containers: [{name: c, image: "${image}", command: ['sh', '-c', ${JSON.stringify(script)}]}]
`;
  const t = simulate({ manifests, untilMs: 10_000, actions: [{ atMs: 8_000, run: 'kubectl logs p' }] });
  const cmd = t.records.find((r) => r.type === 'command');
  return cmd && cmd.type === 'command' ? cmd.stdout : '';
}

describe('image programs', () => {
  it('curl images have curl, which reaches the outside world through the cluster DNS', () => {
    expect(logsOf('lqshow/busybox-curl:1.28', 'curl -s http://example.com | grep title')).toBe('    <title>Example Domain</title>\n');
  });
  it('plain busybox has no curl, but its wget reaches the same host', () => {
    expect(logsOf('busybox:1.36', 'curl http://example.com')).toBe('sh: curl: not found\n');
    expect(logsOf('busybox:1.36', 'wget -q -O- http://example.com | grep title')).toBe('    <title>Example Domain</title>\n');
  });
  it('Debian-based tags run dash with GNU tools and have no busybox network tools; -alpine tags keep busybox', () => {
    expect(logsOf('nginx:1.27', 'nslookup x; ls nope; echo "a\\tb"')).toBe('sh: 1: nslookup: not found\nls: cannot access \'nope\': No such file or directory\na\tb\n');
    expect(logsOf('nginx:1.27-alpine', 'nslookup 2>&1 | head -c 0; ls nope')).toBe('ls: nope: No such file or directory\n');
    expect(logsOf('postgres:17', 'grep -c postgres /etc/passwd; cat /etc/debian_version')).toBe('1\n13.2\n');
    expect(logsOf('python:3.12', 'command -v curl; bash -c "echo {1..3}"')).toBe('/usr/bin/curl\n1 2 3\n');
    expect(logsOf('python:3.12-slim', 'curl x')).toBe('sh: 1: curl: not found\n');
  });
  it("node's ENTRYPOINT script hands its arguments to the command, or to node", () => {
    const manifests = (args: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Never\n  containers: [{name: c, image: "node:22", args: ${args}}]\n`;
    const logs = (args: string) => {
      const t = simulate({ manifests: manifests(args), untilMs: 10_000, actions: [{ atMs: 8_000, run: 'kubectl logs p' }] });
      const cmd = t.records.find((r) => r.type === 'command');
      return cmd && cmd.type === 'command' ? cmd.stdout : '';
    };
    expect(logs('["sh", "-c", "echo $0"]')).toBe('sh\n');
    expect(logs('["echo", "hi"]')).toBe('hi\n');
  });
  it('python and node report the release their tag installs', () => {
    expect(logsOf('python:3.12', 'python3 --version; python -V; python3 -c "import sys; print(sys.version_info[:3], sys.path[2])"'))
      .toBe('Python 3.12.13\nPython 3.12.13\n(3, 12, 13) /usr/local/lib/python3.12\n');
    expect(logsOf('python:3.11.4-slim-bookworm', 'python3 -c "import sys; print(sys.version)"')).toBe('3.11.4 (main) [GCC 12.2.0]\n');
    expect(logsOf('python', 'python3 --version')).toBe('Python 3.14.6\n');
    expect(logsOf('python:3-alpine', 'python3 --version')).toBe('Python 3.14.6\n');
    expect(logsOf('node:20', 'node --version; node -p process.version; nodejs -e "console.log(process.versions.node)"')).toBe('v20.20.2\nv20.20.2\n20.20.2\n');
    expect(logsOf('node:22.11-slim', 'node -v')).toBe('v22.11.0\n');
    expect(logsOf('node:lts', 'node -v')).toBe('v24.19.0\n');
    expect(logsOf('node', 'node -v; cat /etc/debian_version')).toBe('v26.7.0\n13.2\n');
  });
  it('the python image has /usr/local/bin/python3.N, python3 and python link to it; other minors are not there', () => {
    expect(logsOf('python:3.13', 'python3.13 -c "print(1)"; python3.12 -c "print(2)"; echo $?')).toBe('1\nsh: 1: python3.12: not found\n127\n');
    expect(logsOf('python:3.12', 'python3.13 -c "print(1)"; python3.12 -c "print(2)"; command -v python')).toBe('sh: 1: python3.13: not found\n2\n/usr/local/bin/python\n');
    expect(logsOf('python:3.12', 'ls -l /usr/local/bin/python /usr/local/bin/python3 /usr/local/bin/python3.12 | sed "s/.*:00 //"'))
      .toBe('/usr/local/bin/python -> python3\n/usr/local/bin/python3 -> python3.12\n/usr/local/bin/python3.12\n');
    expect(logsOf('node:22', 'ls -l /usr/local/bin/nodejs | sed "s/.*:00 //"; command -v node')).toBe('/usr/local/bin/nodejs -> /usr/local/bin/node\n/usr/local/bin/node\n');
  });
  it('alpine/git has git', () => {
    expect(logsOf('alpine/git:2.45.2', 'git --version')).toBe('git version 2.45.2\n');
  });
});

describe('image tags', () => {
  // An unknown tag of a catalogued image does not exist in the registry: the pull fails.
  it('a tag that was never published fails to pull; a real one is present', () => {
    const run = (image: string) => {
      const t = simulate({ manifests: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: "${image}", command: ['sh', '-c', 'sleep 60']}]\n`, untilMs: 10_000 });
      return [...new Set(t.records.filter((r) => r.type === 'pod-row').map((r) => r.type === 'pod-row' && r.status))];
    };
    expect(run('nginx:1.999')).toEqual(['Pending', 'ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']);
    expect(run('postgres:99')).toContain('ErrImagePull');
    expect(run('nginx:1.25')).toEqual(['Pending', 'ContainerCreating', 'Running']);
    expect(run('busybox:1.36')).toEqual(['Pending', 'ContainerCreating', 'Running']);
    // Versions that were never released: python 3.12 stopped at 3.12.13 (as of the catalog's date), there was no python:3.0 image.
    expect(run('python:3.12.99')).toContain('ErrImagePull');
    expect(run('python:3.0')).toContain('ErrImagePull');
    expect(run('node:22.99')).toContain('ErrImagePull');
    expect(run('python:3.12.4')).toEqual(['Pending', 'ContainerCreating', 'Running']);
  });
});
