import { describe, expect, it } from 'vitest';
import type { Endpoints, Event, Pod, Service } from 'kubernetes-types/core/v1';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { GetOptions, ObjectStore } from './get';
import { getOptionsFor, runGet, runGetWatch } from './get';
import { parseKubectl } from './parseKubectl';
import { myappPod, T0, at } from './fixtures/myappPod';

const NOW = T0 + 75_000;
const opts = (p: Partial<GetOptions>): GetOptions => ({ resources: ['pods'], names: [], namespace: 'default', allNamespaces: false, output: 'table', noHeaders: false, ...p });

const web: Pod = {
  metadata: { name: 'web-7d9c6b5f4-abcde', namespace: 'default', creationTimestamp: at(30), labels: { app: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx' }], nodeName: 'node1' },
  status: { phase: 'Running', podIP: '10.244.0.13', podIPs: [{ ip: '10.244.0.13' }], conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [{ name: 'nginx', image: 'nginx', imageID: '', ready: true, started: true, restartCount: 0, state: { running: { startedAt: at(33) } } }] },
};
const other: Pod = { ...web, metadata: { ...web.metadata, name: 'probe', namespace: 'team-a' } };
const svc = (name: string, spec: Service['spec']): Service => ({ metadata: { name, namespace: 'default', creationTimestamp: at(40) }, spec });
const store: ObjectStore = {
  pods: [web, myappPod, other],
  services: [
    svc('kubernetes', { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] }),
    svc('myservice', { type: 'ClusterIP', clusterIP: '10.96.155.20', clusterIPs: ['10.96.155.20'], ports: [{ port: 80, protocol: 'TCP', targetPort: 9376 }] }),
    svc('web', { type: 'NodePort', clusterIP: '10.96.7.7', clusterIPs: ['10.96.7.7'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP', targetPort: 80 }], selector: { app: 'web' } }),
    svc('db', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] }),
  ],
};

describe('runGet tables', () => {
  it('pods in the default namespace, sorted by name, padded to the widest cell + 3', () => {
    expect(runGet(store, opts({}), NOW)).toEqual({ stderr: '', exitCode: 0, stdout: [
      'NAME                  READY   STATUS     RESTARTS   AGE',
      'myapp-pod             0/1     Init:0/2   0          75s',
      'web-7d9c6b5f4-abcde   1/1     Running    0          45s',
      '' ].join('\n') });
  });
  it('-o wide adds IP, NODE, NOMINATED NODE and READINESS GATES', () => {
    expect(runGet(store, opts({ output: 'wide', names: ['web-7d9c6b5f4-abcde'] }), NOW).stdout).toBe([
      'NAME                  READY   STATUS    RESTARTS   AGE   IP            NODE    NOMINATED NODE   READINESS GATES',
      'web-7d9c6b5f4-abcde   1/1     Running   0          45s   10.244.0.13   node1   <none>           <none>',
      '' ].join('\n'));
  });
  it('--no-headers, -A with NAMESPACE, -l selector', () => {
    expect(runGet(store, opts({ noHeaders: true, selector: 'app=web' }), NOW).stdout).toBe('web-7d9c6b5f4-abcde   1/1   Running   0     45s\n');
    expect(runGet(store, opts({ allNamespaces: true }), NOW).stdout).toBe([
      'NAMESPACE   NAME                  READY   STATUS     RESTARTS   AGE',
      'default     myapp-pod             0/1     Init:0/2   0          75s',
      'default     web-7d9c6b5f4-abcde   1/1     Running    0          45s',
      'team-a      probe                 1/1     Running    0          45s',
      '' ].join('\n'));
  });
  it('No resources found goes to stderr; a missing name is a NotFound error', () => {
    expect(runGet(store, opts({ namespace: 'empty' }), NOW)).toEqual({ stdout: '', stderr: 'No resources found in empty namespace.\n', exitCode: 0 });
    expect(runGet({}, opts({ allNamespaces: true }), NOW).stderr).toBe('No resources found\n');
    expect(runGet(store, opts({ names: ['nope'] }), NOW)).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    expect(runGet(store, opts({ resources: ['deployments'], names: ['web'] }), NOW).stderr).toBe('Error from server (NotFound): deployments.apps "web" not found\n');
  });
  it('--show-labels and -L add label columns', () => {
    expect(runGet(store, opts({ showLabels: true, labelColumns: ['app.kubernetes.io/name'] }), NOW).stdout).toBe([
      'NAME                  READY   STATUS     RESTARTS   AGE   NAME    LABELS',
      'myapp-pod             0/1     Init:0/2   0          75s   MyApp   app.kubernetes.io/name=MyApp',
      'web-7d9c6b5f4-abcde   1/1     Running    0          45s           app=web',
      '' ].join('\n'));
  });
  it('services: ClusterIP, NodePort, headless and <none> ports', () => {
    expect(runGet(store, opts({ resources: ['services'] }), NOW).stdout).toBe([
      'NAME         TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE',
      'db           ClusterIP   None           <none>        <none>         35s',
      'kubernetes   ClusterIP   10.96.0.1      <none>        443/TCP        35s',
      'myservice    ClusterIP   10.96.155.20   <none>        80/TCP         35s',
      'web          NodePort    10.96.7.7      <none>        80:30080/TCP   35s',
      '' ].join('\n'));
  });
  it('endpoints print the deprecation warning first', () => {
    const ep: Endpoints = { metadata: { name: 'web', namespace: 'default', creationTimestamp: at(40) },
      subsets: [{ addresses: [{ ip: '10.244.0.13' }, { ip: '10.244.0.14' }, { ip: '10.244.0.15' }, { ip: '10.244.0.16' }], ports: [{ port: 80, protocol: 'TCP' }] }] };
    const empty: Endpoints = { metadata: { name: 'myservice', namespace: 'default', creationTimestamp: at(40) } };
    expect(runGet({ endpoints: [ep, empty] }, opts({ resources: ['endpoints'] }), NOW)).toEqual({ exitCode: 0,
      stderr: 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n', stderrFirst: 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n'.length,
      stdout: 'NAME        ENDPOINTS                                                  AGE\nmyservice   <none>                                                     35s\nweb         10.244.0.13:80,10.244.0.14:80,10.244.0.15:80 + 1 more...   35s\n' });
  });
  it('deployments and jobs', () => {
    const d: Deployment = { metadata: { name: 'init-container', namespace: 'default', creationTimestamp: at(0) },
      spec: { replicas: 3, selector: { matchLabels: { app: 'x' } }, template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
      status: { replicas: 3, readyReplicas: 1, updatedReplicas: 3, availableReplicas: 1 } };
    expect(runGet({ deployments: [d] }, opts({ resources: ['deployments'] }), NOW).stdout).toBe(
      'NAME             READY   UP-TO-DATE   AVAILABLE   AGE\ninit-container   1/3     3            1           75s\n');
    const j: Job = { metadata: { name: 'migrate', namespace: 'default', creationTimestamp: at(0) },
      spec: { completions: 1, parallelism: 1, template: { spec: { containers: [] } } },
      status: { startTime: at(0), completionTime: at(12), succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] } };
    const running: Job = { ...j, metadata: { ...j.metadata, name: 'seed' }, status: { startTime: at(5), active: 1 } };
    expect(runGet({ jobs: [j, running] }, opts({ resources: ['jobs'] }), NOW).stdout).toBe([
      'NAME      STATUS     COMPLETIONS   DURATION   AGE',
      'migrate   Complete   1/1           12s        75s',
      'seed      Running    0/1           70s        75s', ''].join('\n'));
  });
  it('several kinds: kind/ prefixes and a blank line between groups', () => {
    // Only pods match (the Service has no labels), so names keep no kind/ prefix (multipleGVKsRequested).
    expect(runGet(store, opts({ resources: ['pods', 'services'], selector: 'app=web' }), NOW).stdout).toBe('NAME                  READY   STATUS    RESTARTS   AGE\nweb-7d9c6b5f4-abcde   1/1     Running   0          45s\n');
    const out = runGet(store, opts({ resources: ['pods', 'services'], names: ['web', 'web-7d9c6b5f4-abcde'] }), NOW);
    expect(out.stdout).toContain('pod/web-7d9c6b5f4-abcde   1/1     Running   0          45s\n\nNAME          TYPE       CLUSTER-IP');
    expect(out.stderr).toBe('Error from server (NotFound): pods "web" not found\nError from server (NotFound): services "web-7d9c6b5f4-abcde" not found\n');
  });
  it('events: LAST SEEN TYPE REASON OBJECT MESSAGE', () => {
    const e: Event = { metadata: { name: 'myapp-pod.1', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'myapp-pod', fieldPath: 'spec.initContainers{a}' },
      type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container a in pod myapp-pod_default(u)\n', firstTimestamp: at(10), lastTimestamp: at(60), count: 3 };
    expect(runGet({ events: [e] }, opts({ resources: ['events'] }), NOW).stdout).toBe(
      'LAST SEEN   TYPE      REASON    OBJECT          MESSAGE\n15s         Warning   BackOff   pod/myapp-pod   Back-off restarting failed container a in pod myapp-pod_default(u)\n');
  });
});

describe('getOptionsFor', () => {
  it('keeps per-type names from TYPE/NAME arguments', () => {
    const cmd = parseKubectl('kubectl get pod/web-7d9c6b5f4-abcde svc/myservice');
    if ('error' in cmd || cmd.type !== 'get') throw new Error('parse');
    expect(runGet(store, getOptionsFor(cmd), NOW).stdout).toBe([
      'NAME                      READY   STATUS    RESTARTS   AGE', 'pod/web-7d9c6b5f4-abcde   1/1     Running   0          45s', '',
      'NAME                TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE', 'service/myservice   ClusterIP   10.96.155.20   <none>        80/TCP    35s', ''].join('\n'));
  });
});

describe('runGet -o', () => {
  it('name', () => {
    expect(runGet(store, opts({ output: 'name' }), NOW).stdout).toBe('pod/myapp-pod\npod/web-7d9c6b5f4-abcde\n');
  });
  it('yaml of one named object is the object; of a list a List with resourceVersion ""', () => {
    const one = runGet({ services: [svc('myservice', { type: 'ClusterIP', ports: [{ port: 80, protocol: 'TCP', targetPort: 9376 }] })] },
      opts({ resources: ['services'], names: ['myservice'], output: 'yaml' }), NOW).stdout;
    expect(one).toBe(['apiVersion: v1', 'kind: Service', 'metadata:', '  creationTimestamp: "2024-01-01T10:00:40Z"', '  name: myservice', '  namespace: default',
      'spec:', '  ports:', '  - port: 80', '    protocol: TCP', '    targetPort: 9376', '  type: ClusterIP', ''].join('\n'));
    expect(runGet({}, opts({ output: 'yaml' }), NOW).stdout).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
    expect(runGet({}, opts({ output: 'json' }), NOW).stdout).toBe('{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n');
  });
});

describe('runGetWatch', () => {
  it('prints the list, then one row per event, widths only growing', () => {
    const crashing: Pod = structuredClone(myappPod);
    crashing.status!.initContainerStatuses![0].state = { waiting: { reason: 'CrashLoopBackOff' } };
    crashing.status!.initContainerStatuses![0].restartCount = 1;
    crashing.status!.initContainerStatuses![0].lastState = { terminated: { exitCode: 1, finishedAt: at(80) } };
    const out = runGetWatch({ pods: [myappPod] }, opts({}), NOW, [{ object: crashing, atMs: T0 + 85_000 }, { object: myappPod, atMs: T0 + 90_000 }]);
    expect(out.stdout).toBe([
      'NAME        READY   STATUS     RESTARTS   AGE',
      'myapp-pod   0/1     Init:0/2   0          75s',
      'myapp-pod   0/1     Init:CrashLoopBackOff   1 (5s ago)   85s',
      'myapp-pod   0/1     Init:0/2                0            90s',
      ''].join('\n'));
  });
  it('prints nothing until the first object appears, then the header with it', () => {
    const out = runGetWatch({}, opts({}), NOW, [{ object: myappPod, atMs: T0 + 1000 }]);
    expect(out.stdout).toBe('NAME        READY   STATUS     RESTARTS   AGE\nmyapp-pod   0/1     Init:0/2   0          1s\n');
  });
});
