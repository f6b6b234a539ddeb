// The database images end to end: their servers listen after start-up, their clients reach them through a
// Service (and the Unix socket inside the server's own container).
import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/simulate';

function logs(server: string, env: string, client: string, script: string, at = 30_000): string[] {
  const manifests = `apiVersion: v1
kind: Pod
metadata: {name: srv, labels: {app: srv}}
spec:
  containers: [{name: s, image: "${server}", env: [${env}]}]
---
apiVersion: v1
kind: Service
metadata: {name: srv}
spec:
  selector: {app: srv}
  ports: [{port: ${server.startsWith('redis') ? 6379 : server.startsWith('mysql') ? 3306 : 5432}}]
---
apiVersion: v1
kind: Pod
metadata: {name: cli}
spec:
  restartPolicy: Never
  containers: [{name: c, image: "${client}", command: ['sh', '-c', ${JSON.stringify(script)}]}]
`;
  const actions = [{ atMs: at, run: 'kubectl logs cli' }];
  const t = simulate({ manifests, untilMs: at + 1000, actions });
  return t.records.flatMap((r) => (r.type === 'command' ? [r.stdout + r.stderr] : []));
}

describe('database clients against the images', () => {
  it('redis-cli waits for redis:7, then PONG', () => {
    const [out] = logs('redis:7', '', 'redis:7', 'until redis-cli -h srv ping | grep -q PONG; do echo waiting; sleep 1; done; redis-cli -h srv ping');
    expect(out).toMatch(/^(Could not connect to Redis at srv:6379: Connection refused\nwaiting\n)+PONG\n$/);
  });
  it('mysqladmin ping --silent waits for mysql:8.0 with its root password', () => {
    const [out] = logs('mysql:8.0', '{name: MYSQL_ROOT_PASSWORD, value: pw}', 'mysql:8.0',
      'until mysqladmin ping -h srv --silent; do echo waiting; sleep 2; done; mysqladmin ping -h srv -uroot -ppw');
    expect(out).toMatch(/^(waiting\n)+mysqladmin: \[Warning\] Using a password on the command line interface can be insecure\.\nmysqld is alive\n$/);
  });
  it('pg_isready in the postgres container uses its socket (an exec readiness probe); in another it finds none', () => {
    const manifests = `apiVersion: v1
kind: Pod
metadata: {name: srv}
spec:
  containers:
  - name: s
    image: postgres:16
    env: [{name: POSTGRES_PASSWORD, value: pw}]
    readinessProbe: {exec: {command: [pg_isready, -U, postgres]}, periodSeconds: 2}
`;
    const t = simulate({ manifests, untilMs: 11_000, actions: [{ atMs: 2_000, run: 'kubectl get pod srv' }, { atMs: 10_000, run: 'kubectl get pod srv' }] });
    const rows = t.records.flatMap((r) => (r.type === 'command' ? [r.stdout.split('\n')[1]] : []));
    expect(rows[0]).toMatch(/^srv +0\/1 +Running/);
    expect(rows[1]).toMatch(/^srv +1\/1 +Running/);
    const [out] = logs('postgres:16', '{name: POSTGRES_PASSWORD, value: pw}', 'postgres:16-alpine', 'sleep 5; pg_isready; pg_isready -h srv');
    expect(out).toBe('/var/run/postgresql:5432 - no response\nsrv:5432 - accepting connections\n');
  });
  it('redis-cli against postgres does not answer PONG', () => {
    const [out] = logs('postgres:16', '{name: POSTGRES_PASSWORD, value: pw}', 'redis:7-alpine', 'sleep 5; redis-cli -h srv -p 5432 ping; echo $?');
    expect(out).toBe('Error: Server closed the connection\n1\n');
  });
});
