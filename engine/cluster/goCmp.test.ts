// cmp.Diff of core.PodSpec as ValidatePodUpdate prints it, against real API server output. The three
// expected reports are copied from public notes found with the code index (GitHub files, index ids
// 36014914586 "client-pod" port change on 1.28, 44352057800 "postgres" env added on 1.27, 42561117560
// kube-scheduler command typo on 1.29); their tabs were turned into spaces there and are tabs here.
import { describe, expect, it } from 'vitest';
import { cmpDiff } from './goCmp';
import { difference } from './goCmpSlices';
import { podSpecToGo, podSpecType } from './podSpecGo';

const SA_VOLUME = { name: 'kube-api-access-xg74c', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
  { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
  { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } }] } };
const VOLUMES_LINE = '  \tVolumes:        {{Name: "kube-api-access-xg74c", VolumeSource: {Projected: &{Sources: {{ServiceAccountToken: &{ExpirationSeconds: 3607, Path: "token"}}, {ConfigMap: &{LocalObjectReference: {Name: "kube-root-ca.crt"}, Items: {{Key: "ca.crt", Path: "ca.crt"}}}}, {DownwardAPI: &{Items: {{Path: "namespace", FieldRef: &{APIVersion: "v1", FieldPath: "metadata.namespace"}}}}}}, DefaultMode: &420}}}},';

/** A stored Pod spec (defaults, the token volume and its mount, scheduled) with one container. */
function spec(container: Record<string, unknown>): Record<string, unknown> {
  return { volumes: [SA_VOLUME], containers: [{ terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'Always',
    volumeMounts: [{ name: 'kube-api-access-xg74c', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }], ...container }],
  restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', serviceAccountName: 'default', nodeName: 'node1', securityContext: {},
  schedulerName: 'default-scheduler', tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
  priority: 0, enableServiceLinks: true, preemptionPolicy: 'PreemptLowerPriority' };
}
const diff = (minor: number, a: Record<string, unknown>, b: Record<string, unknown>) => cmpDiff(podSpecType(minor), podSpecToGo(minor, a), podSpecToGo(minor, b));
const lines = (...ls: string[]) => `${ls.join('\n')}\n`;
const TAIL = ['  \t\t},', '  \t},', '  \tEphemeralContainers: nil,', '  \tRestartPolicy:       "Always",', '  \t... // 28 identical fields', '  }'];

describe('cmp.Diff of a Pod spec', () => {
  it('a changed containerPort: context fields, elided runs, the struct type where it differs (1.28)', () => {
    const c = (port: number) => spec({ name: 'client', image: 'stephengrider/multi-client', ports: [{ containerPort: port, protocol: 'TCP' }] });
    expect(diff(28, c(3000), c(3001))).toBe(lines('  core.PodSpec{', VOLUMES_LINE, '  \tInitContainers: nil,', '  \tContainers: []core.Container{', '  \t\t{',
      '  \t\t\t... // 3 identical fields', '  \t\t\tArgs:       nil,', '  \t\t\tWorkingDir: "",', '  \t\t\tPorts: []core.ContainerPort{', '  \t\t\t\t{',
      '  \t\t\t\t\tName:          "",', '  \t\t\t\t\tHostPort:      0,', '- \t\t\t\t\tContainerPort: 3000,', '+ \t\t\t\t\tContainerPort: 3001,',
      '  \t\t\t\t\tProtocol:      "TCP",', '  \t\t\t\t\tHostIP:        "",', '  \t\t\t\t},', '  \t\t\t},', '  \t\t\tEnvFrom: nil,', '  \t\t\tEnv:     nil,',
      '  \t\t\t... // 16 identical fields', ...TAIL));
  });

  it('an added env list: nil against the inserted value, nested pointers cut to {...} (1.27)', () => {
    const c = (env?: unknown) => spec({ name: 'postgres', image: 'postgres', ...(env ? { env } : {}) });
    const env = [{ name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'pgpassword', key: 'POSTGRES_PASSWORD' } } }];
    expect(diff(27, c(), c(env))).toBe(lines('  core.PodSpec{', VOLUMES_LINE, '  \tInitContainers: nil,', '  \tContainers: []core.Container{', '  \t\t{',
      '  \t\t\t... // 5 identical fields', '  \t\t\tPorts:   nil,', '  \t\t\tEnvFrom: nil,', '- \t\t\tEnv:     nil,', '+ \t\t\tEnv: []core.EnvVar{', '+ \t\t\t\t{',
      '+ \t\t\t\t\tName:      "POSTGRES_PASSWORD",', '+ \t\t\t\t\tValueFrom: &core.EnvVarSource{SecretKeyRef: &core.SecretKeySelector{...}},', '+ \t\t\t\t},', '+ \t\t\t},',
      '  \t\t\tResources:    {},', '  \t\t\tResizePolicy: nil,', '  \t\t\t... // 13 identical fields', ...TAIL));
  });

  it('a changed command element: elements diffed with two of context and the rest counted (1.29)', () => {
    const c = (first: string) => spec({ name: 'kube-scheduler', image: 'registry.k8s.io/kube-scheduler:v1.29.0', command: [first, '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
      '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf', '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'] });
    expect(diff(29, c('kube-schedulerrrr'), c('kube-scheduler'))).toBe(lines('  core.PodSpec{', VOLUMES_LINE, '  \tInitContainers: nil,', '  \tContainers: []core.Container{', '  \t\t{',
      '  \t\t\tName:  "kube-scheduler",', '  \t\t\tImage: "registry.k8s.io/kube-scheduler:v1.29.0",', '  \t\t\tCommand: []string{', '- \t\t\t\t"kube-schedulerrrr",', '+ \t\t\t\t"kube-scheduler",',
      '  \t\t\t\t"--authentication-kubeconfig=/etc/kubernetes/scheduler.conf",', '  \t\t\t\t"--authorization-kubeconfig=/etc/kubernetes/scheduler.conf",', '  \t\t\t\t... // 3 identical elements',
      '  \t\t\t},', '  \t\t\tArgs:       nil,', '  \t\t\tWorkingDir: "",', '  \t\t\t... // 19 identical fields', ...TAIL));
  });

  // go-cmp's report_slices.go rules (no captured API server output): strings of 32 bytes or more are diffed
  // inside; multi-line text as a """ block.
  it('long strings are diffed in chunks, multi-line ones line by line', () => {
    const c = (script: string) => spec({ name: 'app', image: 'busybox', command: ['sh', '-c', script] });
    const inner = diff(36, c('until nslookup myservice; do sleep 2; done'), c('until nslookup mydb; do sleep 2; done'));
    expect(inner).toContain(lines('  \t\t\t\tstrings.Join({', '  \t\t\t\t\t"until nslookup my",', '- \t\t\t\t\t"service",', '+ \t\t\t\t\t"db",',
      '  \t\t\t\t\t"; do sleep 2; done",', '  \t\t\t\t}, ""),'));
    const block = diff(36, c('echo one\necho two\necho three\necho four\n'), c('echo one\necho 2\necho three\necho four\n'));
    expect(block).toContain(lines('  \t\t\t\t(', '  \t\t\t\t\t"""', '  \t\t\t\t\techo one', '- \t\t\t\t\techo two', '+ \t\t\t\t\techo 2', '  \t\t\t\t\techo three',
      '  \t\t\t\t\techo four', '  \t\t\t\t\t"""', '  \t\t\t\t),'));
  });

  // resource.Quantity compares with its Equal method and prints its parsed fields (the string only when canonical).
  it('quantities are equal by value and print as ParseQuantity left them', () => {
    const r = (cpu: string) => spec({ name: 'app', image: 'busybox', resources: { limits: { cpu, memory: '128Mi' } } });
    expect(diff(36, r('500m'), r('0.5'))).toBe('');
    expect(diff(36, r('500m'), r('1'))).toContain(lines('- \t\t\t\t\ts"cpu":    {i: resource.int64Amount{value: 500, scale: -3}, s: "500m", Format: "DecimalSI"},',
      '+ \t\t\t\t\ts"cpu":    {i: resource.int64Amount{value: 1}, s: "1", Format: "DecimalSI"},', '  \t\t\t\t\ts"memory": {i: {...}, Format: "BinarySI"},'));
  });

  it('equal specs have no diff; field counts follow the release (PodSpec.Resources from 1.32)', () => {
    const a = spec({ name: 'app', image: 'busybox' });
    expect(diff(36, a, a)).toBe('');
    const b = { ...a, restartPolicy: 'Never' };
    expect(diff(31, a, b)).toContain('... // 26 identical fields'); // 28 after RestartPolicy, 2 of them shown
    expect(diff(32, a, b)).toContain('... // 27 identical fields');
  });
});

describe('edit scripts', () => {
  it('pairs equal elements and marks the rest removed, inserted or modified', () => {
    const eq = (a: string, b: string) => (ix: number, iy: number) => (a[ix] === b[iy] ? { same: 1, diff: 0 } : { same: 0, diff: 2 });
    expect(difference(3, 4, eq('abc', 'abxc')).join('')).toBe('..Y.');
    expect(difference(4, 3, eq('abxc', 'abc')).join('')).toBe('..X.');
    expect(difference(0, 2, eq('', 'ab')).join('')).toBe('YY');
  });
});
