// The serving images' own entrypoints: what they log before they listen or fail.
import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/simulate';

function logsOf(image: string, env: Record<string, string> = {}): string {
  const envYaml = Object.entries(env).map(([name, value]) => `{name: ${name}, value: "${value}"}`).join(', ');
  const manifests = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never
  containers: [{name: c, image: "${image}", env: [${envYaml}]}]
`;
  const t = simulate({ manifests, untilMs: 20_000, actions: [{ atMs: 15_000, run: 'kubectl logs p' }] });
  const cmd = t.records.find((r) => r.type === 'command');
  return cmd && cmd.type === 'command' ? cmd.stdout : '';
}

describe('mysql entrypoint', () => {
  it('notes its start twice around the switch to the mysql user, then fails without a password option', () => {
    const started = '2024-01-01 10:00:01+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.0.46-1.el9 started.\n';
    expect(logsOf('mysql:8.0')).toBe(started + "2024-01-01 10:00:01+00:00 [Note] [Entrypoint]: Switching to dedicated user 'mysql'\n" + started +
      '2024-01-01 10:00:01+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n' +
      '    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n');
  });
  it('names the version of the tag: a full tag as written, a line tag its newest release, 5.7 on el7', () => {
    expect(logsOf('mysql:8.0.36', { MYSQL_ROOT_PASSWORD: 'x' })).toContain('for MySQL Server 8.0.36-1.el9 started.');
    expect(logsOf('mysql:lts', { MYSQL_ROOT_PASSWORD: 'x' })).toContain('for MySQL Server 8.4.7-1.el9 started.');
    expect(logsOf('mysql:5.7', { MYSQL_ROOT_PASSWORD: 'x' })).toContain('for MySQL Server 5.7.44-1.el7 started.');
    expect(logsOf('mysql', { MYSQL_ROOT_PASSWORD: 'x' })).toContain('for MySQL Server 9.5.0-1.el9 started.');
  });
});
