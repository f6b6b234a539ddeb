import { describe, expect, it } from 'vitest';
import { simulate } from './simulate';

const pod = (script: string) => ({
  untilMs: 20_000,
  manifests: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never
  containers: [{name: c, image: busybox:1.36, command: ['sh', '-c', ${JSON.stringify(script)}]}]
`,
});

describe('runs in one process', () => {
  // Image layers are kept from one run to the next (runtime/index.ts): a run that writes to its root must not
  // change what the next one sees.
  it('give the same trace whatever ran before', () => {
    const reader = pod('ls /etc /bin | wc -l; cat /etc/passwd | wc -l; ls /etc');
    const writer = pod('echo x > /etc/planted; echo y >> /etc/passwd; mkdir /data; ls /etc; rm /bin/ls');
    const first = JSON.stringify(simulate(reader));
    const wrote = simulate(writer);
    expect(JSON.stringify(wrote)).toContain('planted');
    expect(JSON.stringify(simulate(reader))).toBe(first);
    expect(first).not.toContain('planted');
  });
});
