import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/simulate';
import { containerEnv } from './containerEnv';

describe('a container\'s environment', () => {
  it('is PATH, HOSTNAME, the kubelet\'s variables (a PATH of its own replaces the default in place), then HOME', () => {
    expect(containerEnv([['A', '1'], ['PATH', '/x']], 'pod-1', '/root')).toEqual([['PATH', '/x'], ['HOSTNAME', 'pod-1'], ['A', '1'], ['HOME', '/root']]);
    expect(containerEnv([['HOME', '/h']], 'p', '/root')).toEqual([['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HOSTNAME', 'p'], ['HOME', '/h']]);
  });

  it('as `env` prints it in a busybox pod, HOME from the image\'s /etc/passwd for the user (/ when it has none)', () => {
    const manifests = `apiVersion: v1
kind: Pod
metadata: {name: hn}
spec:
  hostname: web-0
  restartPolicy: Never
  containers:
  - {name: root, image: busybox:1.36, command: ['env'], env: [{name: FOO, value: bar}]}
  - {name: nobody, image: busybox:1.36, command: ['sh', '-c', 'echo "$HOSTNAME $HOME"'], securityContext: {runAsUser: 65534}}
  - {name: other, image: busybox:1.36, command: ['sh', '-c', 'echo "$HOME"'], securityContext: {runAsUser: 4242}}
`;
    const t = simulate({ manifests, untilMs: 5_000 });
    const log = (c: string) => t.records.filter((r) => r.type === 'log' && r.container === c).map((r) => (r.type === 'log' ? r.text : '')).join('');
    const env = log('root').split('\n').filter(Boolean);
    expect(env[0]).toBe('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    expect(env[1]).toBe('HOSTNAME=web-0');
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
    expect(env.slice(-2)).toEqual(['FOO=bar', 'HOME=/root']);
    expect(log('nobody')).toBe('web-0 /home\n');
    expect(log('other')).toBe('/\n');
  });
});

describe('pods of one template', () => {
  it('yet each shell sees its own pod\'s HOSTNAME, its own writes only, and an env HOSTNAME set in the spec', () => {
    const manifests = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      initContainers:
      - {name: a, image: busybox:1.36, command: ['sh', '-c', 'X=$HOSTNAME; export Y=$X-y; sh -c "echo a $HOSTNAME $Y"']}
      - {name: b, image: busybox:1.36, command: ['sh', '-c', 'echo b $HOSTNAME $Y'], env: [{name: SHLVL, value: '4'}]}
      containers:
      - {name: c, image: busybox:1.36, command: ['sh', '-c', 'echo c $HOSTNAME $SHLVL; sleep 3600'], env: [{name: HOSTNAME, value: fixed}]}
`;
    const t = simulate({ manifests, untilMs: 10_000 });
    const pods = [...new Set(t.records.filter((r) => r.type === 'log').map((r) => (r.type === 'log' ? r.pod : '')))];
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      const out = t.records.filter((r) => r.type === 'log' && r.pod === pod).map((r) => (r.type === 'log' ? r.text : '')).join('');
      expect(out).toBe(`a ${pod} ${pod}-y\nb ${pod}\nc fixed 1\n`);
    }
  });
});
