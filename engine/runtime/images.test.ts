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
  });
});
