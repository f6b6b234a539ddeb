import { describe, expect, it } from 'vitest';
import { parseManifests } from './parseManifests';
import { checkObject, validateObject } from './validateObject';
import type { ObjectCheck } from './validateObject';

const check = (yaml: string, opts = {}): ObjectCheck => checkObject(parseManifests(yaml).docs[0], opts);
const messages = (yaml: string, opts = {}): string[] => validateObject(parseManifests(yaml).docs[0], opts).map((e) => e.message);

/** A pod whose spec is `spec` (indented two spaces under `spec:`). */
const pod = (spec: string, name = 'p'): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
const APP = '  containers:\n  - name: app\n    image: busybox:1.36\n';

const RFC1123 = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

describe('pod validation messages (k8s-semantics §6.1)', () => {
  it.each([
    ['missing containers', pod('  restartPolicy: Always\n'), ['spec.containers: Required value']],
    ['empty init container name', pod(`  initContainers:\n  - image: busybox\n${APP}`), ['spec.initContainers[0].name: Required value']],
    ['bad container name', pod(`  initContainers:\n  - name: Init_DB\n    image: busybox\n${APP}`), [`spec.initContainers[0].name: Invalid value: "Init_DB": ${RFC1123}`]],
    ['long container name', pod(`  containers:\n  - name: ${'a'.repeat(64)}\n    image: x\n`), ['spec.containers[0].name: Invalid value: "' + 'a'.repeat(64) + '": must be no more than 63 characters']],
    ['dotted container name', pod(`  containers:\n  - name: a.b\n    image: x\n`), ['spec.containers[0].name: Invalid value: "a.b": must not contain dots']],
    ['missing image', pod(`  initContainers:\n  - name: init\n${APP}`), ['spec.initContainers[0].image: Required value']],
    ['init/app name clash', pod(`  initContainers:\n  - name: app\n    image: busybox\n${APP}`), ['spec.initContainers[0].name: Duplicate value: "app"']],
    ['two init containers clash', pod(`  initContainers:\n  - name: setup\n    image: a\n  - name: setup\n    image: b\n${APP}`), ['spec.initContainers[1].name: Duplicate value: "setup"']],
    ['two app containers clash', pod('  containers:\n  - name: web\n    image: a\n  - name: web\n    image: b\n'), ['spec.containers[1].name: Duplicate value: "web"']],
    ['readinessProbe on init container', pod(`  initContainers:\n  - name: warmup\n    image: busybox\n    readinessProbe:\n      exec:\n        command: ['true']\n${APP}`), ['spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always']],
    ['all four on an init container, in upstream order', pod(`  initContainers:\n  - name: i\n    image: b\n    startupProbe: {exec: {command: [x]}}\n    livenessProbe: {exec: {command: [x]}}\n    lifecycle: {postStart: {exec: {command: [x]}}}\n    readinessProbe: {exec: {command: [x]}}\n${APP}`), [
      'spec.initContainers[0].lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always',
      'spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
      'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
      'spec.initContainers[0].startupProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ]],
    ['restartPolicy on an app container', pod('  containers:\n  - name: app\n    image: x\n    restartPolicy: Always\n'), ['spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers']],
    ['bad init container restartPolicy', pod(`  initContainers:\n  - name: i\n    image: b\n    restartPolicy: OnFailure\n${APP}`), ['spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"']],
    ['bad pod restartPolicy', pod(`  restartPolicy: Sometimes\n${APP}`), ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']],
    ['bad imagePullPolicy', pod('  containers:\n  - name: app\n    image: x\n    imagePullPolicy: Sometimes\n'), ['spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"']],
    ['volumeMount naming no volume', pod('  containers:\n  - name: app\n    image: x\n    volumeMounts:\n    - name: vol\n      mountPath: /data\n'), ['spec.containers[0].volumeMounts[0].name: Not found: "vol"']],
    ['duplicate volume names', pod(`  volumes:\n  - name: v\n    emptyDir: {}\n  - name: v\n    emptyDir: {}\n${APP}`), ['spec.volumes[1].name: Duplicate value: "v"']],
    ['volume with two sources', pod(`  volumes:\n  - name: v\n    emptyDir: {}\n    configMap: {name: c}\n${APP}`), ['spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type']],
    ['containerPort out of range', pod('  containers:\n  - name: app\n    image: x\n    ports: [{containerPort: 70000}]\n'), ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive']],
    ['env valueFrom without a source', pod('  containers:\n  - name: app\n    image: x\n    env: [{name: A, valueFrom: {}}]\n'), ['spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`']],
    ['probe without a handler on an app container', pod('  containers:\n  - name: app\n    image: x\n    livenessProbe: {periodSeconds: 5}\n'), ['spec.containers[0].livenessProbe: Required value: must specify a handler type']],
    ['bad metadata.name', pod(APP, 'My_Pod'), ["metadata.name: Invalid value: \"My_Pod\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]],
    ['requests above limits', pod('  containers:\n  - name: app\n    image: x\n    resources: {limits: {cpu: 500m}, requests: {cpu: "1"}}\n'), ['spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m']],
  ])('%s', (_name, yaml, expected) => {
    expect(messages(yaml)).toEqual(expected);
  });

  it('sidecars may carry probes and lifecycle', () => {
    expect(messages(pod(`  initContainers:\n  - name: s\n    image: b\n    restartPolicy: Always\n    readinessProbe: {exec: {command: [x]}}\n    lifecycle: {preStop: {exec: {command: [x]}}}\n${APP}`))).toEqual([]);
  });

  it('reports containers before initContainers (ValidatePodSpec order)', () => {
    const m = messages(pod('  initContainers:\n  - name: i\n  containers:\n  - name: a\n'));
    expect(m).toEqual(['spec.containers[0].image: Required value', 'spec.initContainers[0].image: Required value']);
  });
});

describe('kubectl output for rejected objects (§6.2)', () => {
  it('prints one cause on the same line', () => {
    const r = check(pod(`  initContainers:\n  - name: warmup\n    image: busybox:1.36\n    readinessProbe:\n      exec:\n        command: ['true']\n${APP}`, 'probe-init'));
    expect(r.type).toBe('invalid');
    expect(r.type === 'invalid' && r.message).toBe('The Pod "probe-init" is invalid: spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always');
  });

  it('prints several causes as * lines after a trailing space', () => {
    const r = check(pod('  initContainers:\n  - name: i\n  containers:\n  - name: a\n', 'bad'));
    expect(r.type === 'invalid' && r.message).toBe('The Pod "bad" is invalid: \n* spec.containers[0].image: Required value\n* spec.initContainers[0].image: Required value');
  });

  it('points the readinessProbe error at the readinessProbe: line', () => {
    const yaml = pod(`  initContainers:\n  - name: warmup\n    image: busybox:1.36\n    readinessProbe:\n      exec:\n        command: ['true']\n${APP}`);
    const [e] = validateObject(parseManifests(yaml).docs[0]);
    expect(e).toMatchObject({ line: 9, column: 5, field: 'spec.initContainers[0].readinessProbe', type: 'Forbidden' });
  });

  it('names an unknown kind as kubectl does', () => {
    const r = check('apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n');
    expect(r.type === 'unknown-kind' && r.message).toBe('error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first');
  });

  it('knows Deployment is not in v1', () => {
    const r = check('apiVersion: apps/v1beta2\nkind: Deployment\nmetadata:\n  name: nginx\n', { source: 'deployment.yaml' });
    expect(r.type === 'unknown-kind' && r.message).toBe('error: resource mapping not found for name: "nginx" namespace: "" from "deployment.yaml": no matches for kind "Deployment" in version "apps/v1beta2"\nensure CRDs are installed first');
  });

  it('reports missing apiVersion and kind', () => {
    expect(check('metadata:\n  name: x\n')).toMatchObject({ type: 'missing-type', message: 'error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false' });
    expect(check('apiVersion: v1\nmetadata:\n  name: x\n')).toMatchObject({ message: expect.stringContaining('[kind not set]') });
  });

  it('reports a wrong type with the decoder text', () => {
    const r = check(pod('  containers: foo\n', 'x'));
    expect(r.type === 'bad-request' && r.message).toBe('Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container');
    expect(r.type === 'bad-request' && r.error).toMatchObject({ type: 'Decode', line: 6, column: 3 });
  });

  it.each([
    [pod('  containers:\n  - name: a\n    image: 5\n'), 'json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string'],
    [pod('  containers:\n  - name: a\n    image: b\n    command: [sleep, 5]\n'), 'json: cannot unmarshal number into Go struct field Container.spec.containers.command of type string'],
    [pod('  restartPolicy: 5\n' + APP), 'json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy'],
    [pod('  containers:\n  - name: a\n    image: b\n    env: [{name: A, value: yes}]\n'), 'json: cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string'],
    [pod('  containers:\n  - name: a\n    image: b\n    readinessProbe: true\n'), 'json: cannot unmarshal bool into Go struct field Container.spec.containers.readinessProbe of type v1.Probe'],
    ['apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 1.5\n', 'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: {a: 1}\n' + 'spec:\n' + APP, 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    [pod('  containers:\n  - name: a\n    image: b\n    resources: {limits: {cpu: lots}}\n'), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    [pod('  containers:\n  - name: a\n    image: b\n    imagePullPolcy: Always\n  restartPolicy: Never\n  foo: 1\n'), 'strict decoding error: unknown field "spec.containers[0].imagePullPolcy", unknown field "spec.foo"'],
    ['apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {a: "abc"}\n', 'illegal base64 data at input byte 0'],
  ])('decoding: %#', (yaml, expected) => {
    const r = check(yaml);
    expect(r.type).toBe('bad-request');
    expect(r.type === 'bad-request' && r.error.message).toBe(expected);
  });
});

describe('controllers', () => {
  const deploy = (spec: string): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n${spec}`;
  const TEMPLATE = '  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      containers:\n      - name: app\n        image: nginx\n';

  it('needs a selector that matches the template labels', () => {
    expect(messages(deploy(TEMPLATE))).toEqual(['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: {"app":"x"}: `selector` does not match template `labels`']);
    expect(messages(deploy(`  selector: {matchLabels: {app: web}}\n${TEMPLATE}`))).toEqual(['spec.template.metadata.labels: Invalid value: {"app":"x"}: `selector` does not match template `labels`']);
  });

  it('renders the labels as Go %#v before 1.34', () => {
    expect(messages(deploy(`  selector: {matchLabels: {app: web}}\n${TEMPLATE}`), { kubernetesVersion: '1.26' })).toEqual(['spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`']);
  });

  it('prefixes pod errors with spec.template.spec. and requires restartPolicy Always', () => {
    const yaml = deploy(`  selector: {matchLabels: {app: x}}\n${TEMPLATE}      restartPolicy: Never\n      initContainers:\n      - name: app\n        image: x\n`);
    expect(messages(yaml)).toEqual(['spec.template.spec.initContainers[0].name: Duplicate value: "app"', 'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
  });

  it('accepts a well-formed Deployment and ReplicaSet', () => {
    expect(check(deploy(`  selector: {matchLabels: {app: x}}\n${TEMPLATE}`))).toMatchObject({ type: 'ok', ref: 'deployment.apps/web' });
    expect(check(`apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: rs\nspec:\n  selector: {matchLabels: {app: x}}\n${TEMPLATE}`)).toMatchObject({ type: 'ok', ref: 'replicaset.apps/rs' });
  });

  const job = (template: string): string => `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n${template}      containers:\n      - name: a\n        image: busybox\n`;
  it('requires a Job template restartPolicy of OnFailure or Never', () => {
    expect(messages(job(''))).toEqual(['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
    expect(messages(job('      restartPolicy: Always\n'))).toEqual(['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
    expect(check(job('      restartPolicy: Never\n'))).toMatchObject({ type: 'ok', ref: 'job.batch/j' });
  });
});

describe('services and other kinds', () => {
  it('requires ports and checks their range', () => {
    expect(messages('apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector: {app: x}\n')).toEqual(['spec.ports: Required value']);
    expect(messages('apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 70000, targetPort: 80}]\n')).toEqual(['spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive']);
  });

  it('names Services as DNS-1035 labels', () => {
    expect(messages('apiVersion: v1\nkind: Service\nmetadata:\n  name: 1svc\nspec:\n  ports: [{port: 80}]\n')).toEqual(["metadata.name: Invalid value: \"1svc\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"]);
  });

  it('needs names when a Service has several ports', () => {
    expect(messages('apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 80}, {port: 81}]\n')).toEqual(['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']);
  });

  it('accepts ConfigMaps, Secrets and Namespaces and rejects bad keys', () => {
    expect(check('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {index.html: hi}\n')).toMatchObject({ type: 'ok', ref: 'configmap/c' });
    expect(check('apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {pw: x}\n')).toMatchObject({ type: 'ok', ref: 'secret/s' });
    expect(check('apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}\n')).toMatchObject({ type: 'ok', ref: 'namespace/team-a', namespace: '' });
    expect(messages('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {"a b": x}\n')[0]).toMatch(/^data\[a b\]: Invalid value: "a b": a valid config key must consist of alphanumeric characters/);
  });
});
