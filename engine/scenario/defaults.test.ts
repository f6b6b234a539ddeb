import { describe, expect, it } from 'vitest';
import { applyDefaults, defaultPullPolicy } from './defaults';
import { simulate } from '../sim/simulate';

describe('applyDefaults', () => {
  it('defaults a pod as the API server stores it', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'busybox', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { port: 80 } } }] } };
    const out = applyDefaults(pod) as unknown as { metadata: Record<string, unknown>; spec: Record<string, unknown> & { containers: Record<string, unknown>[] } };
    expect(out.metadata.namespace).toBe('default');
    expect(out.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', serviceAccountName: 'default', enableServiceLinks: true, priority: 0 });
    expect(out.spec.containers[0]).toMatchObject({ imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', ports: [{ containerPort: 80, protocol: 'TCP' }] });
    expect(out.spec.containers[0]!.readinessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(pod.metadata).toEqual({ name: 'p' }); // the input is not modified
  });

  it.each([
    ['busybox', 'Always'],
    ['busybox:latest', 'Always'],
    ['busybox:1.36', 'IfNotPresent'],
    ['registry:5000/busybox', 'Always'],
    ['registry:5000/busybox:1.28', 'IfNotPresent'],
    ['busybox@sha256:abcd', 'IfNotPresent'],
    ['', 'Always'],
  ])('pull policy for %j is %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });

  it('keeps what the user set', () => {
    const out = applyDefaults({ kind: 'Pod', metadata: { namespace: 'team' }, spec: { restartPolicy: 'Never', containers: [{ image: 'x', imagePullPolicy: 'Never' }] } }) as { metadata: { namespace: string }; spec: { restartPolicy: string; containers: { imagePullPolicy: string }[] } };
    expect(out.metadata.namespace).toBe('team');
    expect(out.spec.restartPolicy).toBe('Never');
    expect(out.spec.containers[0]!.imagePullPolicy).toBe('Never');
  });

  it('defaults Deployments, Jobs, Services and template pods', () => {
    const d = applyDefaults({ kind: 'Deployment', spec: { template: { spec: { containers: [{ image: 'nginx:1.27' }] } } } }) as { spec: Record<string, unknown> & { template: { spec: Record<string, unknown> } } };
    expect(d.spec).toMatchObject({ replicas: 1, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 });
    expect(d.spec.template.spec).toMatchObject({ restartPolicy: 'Always', containers: [{ imagePullPolicy: 'IfNotPresent' }] });
    expect(d.spec.template.spec.serviceAccountName).toBeUndefined(); // admission defaults apply to pods only
    const j = applyDefaults({ kind: 'Job', spec: { template: { spec: {} } } }) as { spec: Record<string, unknown> };
    expect(j.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false });
    const s = applyDefaults({ kind: 'Service', spec: { ports: [{ port: 80 }, { port: 81, targetPort: 'http' }] } }) as { spec: Record<string, unknown> };
    expect(s.spec).toMatchObject({ type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }, { port: 81, targetPort: 'http', protocol: 'TCP' }] });
  });

  it('turns a source-less volume into an emptyDir and leaves wrong types alone', () => {
    const p = applyDefaults({ kind: 'Pod', spec: { volumes: [{ name: 'v' }, { name: 'c', configMap: { name: 'x' } }], containers: 'foo' } }) as { spec: { volumes: unknown[]; containers: unknown } };
    expect(p.spec.volumes).toEqual([{ name: 'v', emptyDir: {} }, { name: 'c', configMap: { name: 'x', defaultMode: 420 } }]);
    expect(p.spec.containers).toBe('foo');
    expect(applyDefaults('text')).toBe('text');
    expect(applyDefaults({ kind: 'Pod', spec: 5 })).toMatchObject({ spec: 5 });
  });

  it('reads a null field as absent, and a null value in a string map as "" (JSON into Go structs)', () => {
    const p = applyDefaults({ kind: 'Pod', metadata: { name: 'p', labels: { a: null }, annotations: null },
      spec: { nodeSelector: { disk: null }, containers: [{ name: 'c', image: 'busybox:1.36', command: null, args: ['a', null], env: [{ name: 'X', value: null }] }, null] } }) as
      { metadata: Record<string, unknown>; spec: { nodeSelector: unknown; containers: (Record<string, unknown> | null)[] } };
    expect(p.metadata.labels).toEqual({ a: '' });
    expect('annotations' in p.metadata).toBe(false);
    expect(p.spec.nodeSelector).toEqual({ disk: '' });
    expect(p.spec.containers[0]).not.toHaveProperty('command');
    expect(p.spec.containers[0]!.args).toEqual(['a', '']);
    expect(p.spec.containers[0]!.env).toEqual([{ name: 'X' }]);
    expect(p.spec.containers[1]).toMatchObject({ terminationMessagePath: '/dev/termination-log' }); // a zero Container, defaulted
    const s = applyDefaults({ kind: 'Service', spec: { selector: { app: null }, ports: [{ port: 80 }] } }) as { spec: { selector: unknown } };
    expect(s.spec.selector).toEqual({ app: '' });
    const d = applyDefaults({ kind: 'Deployment', spec: { selector: { matchLabels: null }, template: null } }) as { spec: Record<string, unknown> };
    expect(d.spec.selector).toEqual({});
    expect(d.spec).not.toHaveProperty('template');
  });

  it('gives the API server\'s answer for null list elements: a zero container is invalid, a null argument is ""', () => {
    const pod = (extra: string) => simulate({ manifests: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox:1.36
    command: [sh, null, "echo hi"]
${extra}`, untilMs: 5000 });
    expect(pod('  - null\n').diagnostics.map((d) => d.message)).toEqual(['spec.containers[1].name: Required value', 'spec.containers[1].image: Required value']);
    const ran = pod('');
    expect(ran.diagnostics).toEqual([]);
    expect(ran.records.filter((r) => r.type === 'log').map((r) => r.type === 'log' && r.text)).toEqual(["sh: can't open '': No such file or directory\n"]);
  });
});
