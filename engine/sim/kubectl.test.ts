// kubectl lines run as actions, against the simulated cluster.
import { describe, expect, it } from 'vitest';
import { simulate, type ActionInput } from './simulate';
import type { TraceRecord } from './trace';
import { formatWatch } from './format';

const output = (manifests: string, untilMs: number, actions: ActionInput[], settings = {}) => {
  const t = simulate({ manifests, untilMs, actions, settings });
  return (run: string) => t.records.find((r): r is Extract<TraceRecord, { type: 'command' }> => r.type === 'command' && r.run === run)!;
};

const twoInits = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - {name: a, image: busybox:1.36, command: ['sh', '-c', 'sleep 3']}
  - {name: b, image: busybox:1.36, command: ['sh', '-c', 'sleep 3']}
  containers:
  - {name: app, image: busybox:1.36, command: ['sh', '-c', 'sleep 3600']}
`;

describe('kubectl get -w', () => {
  // Models kubectl get --watch: the list, then one row per change, never exiting (no exit code).
  it('lists, then prints a row for every change until the run ends', () => {
    const cmd = output(twoInits, 20_000, [{ atMs: 1_000, run: 'kubectl get pods -w' }])('kubectl get pods -w');
    expect(cmd.exit).toBeUndefined();
    const statuses = cmd.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[2]);
    expect(statuses[0]).toBe('Init:0/2');
    expect([...new Set(statuses)]).toEqual(['Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);
  });
});

describe('version profiles', () => {
  // k8s-semantics §3.3 [ver]: "Created container X" up to 1.31, "Created container: X" 1.32–1.34, "Container created" from 1.35.
  it.each([['1.28', 'Created container app'], ['1.33', 'Created container: app'], ['1.36', 'Container created']])('Kubernetes %s words the Created event %j', (version, message) => {
    const t = simulate({ manifests: twoInits, untilMs: 10_000, settings: { kubernetesVersion: version } });
    const created = t.records.filter((r) => r.type === 'event' && r.reason === 'Created').map((r) => r.type === 'event' && r.message);
    expect(created.at(-1)).toBe(message);
  });
});

describe('Services seen from containers', () => {
  const manifests = `apiVersion: v1
kind: Service
metadata: {name: my-db, namespace: data}
spec:
  ports: [{port: 5432}]
---
apiVersion: v1
kind: Namespace
metadata: {name: data}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  containers:
  - name: c
    image: busybox:1.28
    command: ['sh', '-c', 'env | grep SERVICE_HOST | sort; nslookup my-db.data; nslookup my-db; sleep 3600']
`;
  // The Namespace comes after the Service in the file: apply creates in file order, so the Service is rejected.
  it('rejects an object whose namespace does not exist yet', () => {
    const t = simulate({ manifests, untilMs: 5_000 });
    expect(t.records.find((r) => r.type === 'rejected')).toMatchObject({ object: 'service/my-db', stderr: 'Error from server (NotFound): namespaces "data" not found' });
  });

  const ordered = manifests.split('---\n');
  const inOrder = [ordered[1], ordered[0], ordered[2]].join('---\n');
  const logs = output(inOrder, 10_000, [{ atMs: 8_000, run: 'kubectl logs client' }])('kubectl logs client');

  // Models envvars.FromServices: only Services of the pod's own namespace become variables.
  it('sets *_SERVICE_HOST only for Services in the pod\'s namespace', () => {
    expect(logs.stdout).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1\n');
    expect(logs.stdout).not.toContain('MY_DB_SERVICE_HOST');
  });

  // D-DNS: from another namespace the short name fails; <svc>.<ns> works through the search list (busybox 1.28 uses libc).
  it('resolves <service>.<namespace> from another namespace, not the short name', () => {
    expect(logs.stdout).toMatch(/Name:\s+my-db\.data\nAddress 1: 10\.96\.\d+\.\d+ my-db\.data\.svc\.cluster\.local/);
    // kubectl logs returns the container's stdout and stderr together, on its own stdout.
    expect(logs.stdout).toContain("nslookup: can't resolve 'my-db'");
  });
});

describe('kubectl run', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata: {name: myservice}\nspec:\n  ports: [{port: 80}]\n';
  const cmd = output(svc, 15_000, [
    { atMs: 2_000, run: 'kubectl run dns-check --image=busybox:1.28 --restart=Never -- nslookup myservice' },
    { atMs: 10_000, run: 'kubectl get pod dns-check --show-labels' },
    { atMs: 10_000, run: 'kubectl logs dns-check' },
    { atMs: 11_000, run: 'kubectl run -it --rm debug --image=busybox -- sh' },
    { atMs: 11_000, run: 'kubectl run nope' },
  ]);
  // Models kubectl run's pod generator: label run=NAME, one container NAME with the args after `--`.
  it('creates a pod labelled run=NAME that runs the arguments', () => {
    expect(cmd('kubectl run dns-check --image=busybox:1.28 --restart=Never -- nslookup myservice').stdout).toBe('pod/dns-check created\n');
    expect(cmd('kubectl get pod dns-check --show-labels').stdout).toMatch(/^dns-check\s+0\/1\s+Completed\s+0\s+8s\s+run=dns-check$/m);
    expect(cmd('kubectl logs dns-check').stdout).toMatch(/Name:\s+myservice\nAddress 1: 10\.96\.\d+\.\d+ myservice\.default\.svc\.cluster\.local\n$/);
  });
  it('refuses what it cannot do, in kubectl\'s words where kubectl has them', () => {
    expect(cmd('kubectl run -it --rm debug --image=busybox -- sh').stderr).toContain('not supported in this playground');
    expect(cmd('kubectl run nope').stderr).toBe('error: required flag(s) "image" not set\n');
  });
});

// Prints a line every 5 s, four times, then exits.
const ticker = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never
  containers:
  - {name: c, image: busybox:1.36, command: ['sh', '-c', 'for i in 1 2 3 4; do echo tick $i; sleep 5; done']}
`;

describe('kubectl logs -f', () => {
  const cmd = output(ticker, 40_000, [{ atMs: 7_000, run: 'kubectl logs -f p' }, { atMs: 7_000, run: 'kubectl logs p' }]);
  // Models kubectl logs --follow: the container's output as it grows; it exits when the container does.
  it('streams the output until the container exits, then exits 0', () => {
    expect(cmd('kubectl logs p').stdout).toBe('tick 1\ntick 2\n');
    expect(cmd('kubectl logs -f p')).toMatchObject({ stdout: 'tick 1\ntick 2\ntick 3\ntick 4\n', exit: 0 });
  });
});

describe('kubectl logs -f --tail', () => {
  const cmd = output(ticker, 40_000, [{ atMs: 7_000, run: 'kubectl logs -f --tail 1 p' }]);
  it('prints the last lines that existed, then everything after them', () => {
    expect(cmd('kubectl logs -f --tail 1 p')).toMatchObject({ stdout: 'tick 2\ntick 3\ntick 4\n', exit: 0 });
  });
});

const threeReplicas = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      initContainers:
      - {name: wait, image: busybox:1.36, command: ['sh', '-c', 'echo ready']}
      containers:
      - {name: app, image: busybox:1.36, command: ['sh', '-c', 'echo serving; sleep 3600']}
`;

describe('the order of stdout and stderr on the terminal', () => {
  // kubectl writes its notes and warnings to stderr before its output, and errors after it.
  it('logs deploy/NAME: the "Found N pods" and "Defaulted container" notes come before the log', () => {
    const cmd = output(threeReplicas, 20_000, [{ atMs: 15_000, run: 'kubectl logs deploy/web' }])('kubectl logs deploy/web');
    expect(cmd.stdout).toBe('serving\n');
    expect(cmd.stderr).toMatch(/^Found 3 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\nDefaulted container "app" out of: app, wait \(init\)\n$/);
    expect(cmd.console).toBe(`${cmd.stderr}serving\n`);
    const watch = formatWatch(simulate({ manifests: threeReplicas, untilMs: 20_000, actions: [{ atMs: 15_000, run: 'kubectl logs deploy/web -c wait' }] }));
    expect(watch).toMatch(/\$ kubectl logs deploy\/web -c wait\n {8}Found 3 pods, using pod\/\S+\n {8}ready\n/);
  });

  it('get: a missing name is reported after the table, and no console text is kept for that order', () => {
    const cmd = output(threeReplicas, 20_000, [{ atMs: 15_000, run: 'kubectl get deploy web nope' }])('kubectl get deploy web nope');
    expect(cmd.stdout).toMatch(/^NAME +READY/);
    expect(cmd.stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(cmd.console).toBeUndefined();
  });

  it('delete --force --grace-period=0: the warning first, "No resources found" on stdout when nothing matched', () => {
    const at = output(threeReplicas, 20_000, [
      { atMs: 15_000, run: 'kubectl delete pods -l app=nothing --force --grace-period=0' },
      { atMs: 16_000, run: 'kubectl delete pods -l app=nothing' },
    ]);
    const forced = at('kubectl delete pods -l app=nothing --force --grace-period=0');
    expect(forced.stderr).toMatch(/^Warning: Immediate deletion does not wait/);
    expect(forced.stdout).toBe('No resources found\n');
    expect(forced.console).toBe(`${forced.stderr}No resources found\n`);
    expect(at('kubectl delete pods -l app=nothing')).toMatchObject({ stdout: 'No resources found\n', stderr: '', exit: 0 });
  });
});

describe('NotFound for a named object', () => {
  // Models the API server's 404 as kubectl prints it: one "Error from server (NotFound):" prefix.
  it.each([
    ['kubectl delete pod nope', 'Error from server (NotFound): pods "nope" not found\n'],
    ['kubectl scale deploy nope --replicas=2', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
  ])('%s', (run, stderr) => {
    expect(output(threeReplicas, 5_000, [{ atMs: 1_000, run }])(run)).toMatchObject({ stdout: '', stderr, exit: 1 });
  });
});

describe('a command and what it causes at the same instant', () => {
  it('the delete line comes before the Terminating row it causes', () => {
    const t = simulate({ manifests: twoInits, untilMs: 12_000, actions: [{ atMs: 10_000, run: 'kubectl delete pod p --wait=false' }] });
    const at10 = t.records.filter((r) => r.t === 10_000).map((r) => (r.type === 'pod-row' ? `row ${r.status}` : r.type));
    expect(at10.indexOf('command')).toBeGreaterThanOrEqual(0);
    expect(at10.indexOf('command')).toBeLessThan(at10.indexOf('row Terminating'));
    expect(formatWatch(t)).toMatch(/\$ kubectl delete pod p --wait=false\n {8}pod "p" deleted[^\n]*\nT\+10s +p +\S+ +Terminating/);
  });
});

const jobAndPod = `apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox:1.36, command: ['sh', '-c', 'exit 1']}]
---
apiVersion: v1
kind: Pod
metadata: {name: solo}
spec:
  containers: [{name: c, image: busybox:1.36, command: ['sh', '-c', 'sleep 3600']}]
`;

describe('--field-selector', () => {
  it('get pods by phase, events by involved object and type; an unknown field is the API server\'s BadRequest', () => {
    const at = output(jobAndPod, 12_000, [
      { atMs: 10_000, run: 'kubectl get pods --field-selector status.phase=Running' },
      { atMs: 10_000, run: 'kubectl get pods --field-selector=status.phase!=Running -o name' },
      { atMs: 10_000, run: 'kubectl get events --field-selector involvedObject.name=solo,reason=Started -o name' },
      { atMs: 10_000, run: 'kubectl get deploy --field-selector status.phase=Running' },
      { atMs: 10_000, run: 'kubectl get pods solo --field-selector status.phase=Running' },
    ]);
    expect(at('kubectl get pods --field-selector status.phase=Running').stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nsolo +1\/1 +Running +0 +10s\n$/);
    expect(at('kubectl get pods --field-selector=status.phase!=Running -o name').stdout).toMatch(/^pod\/once-[a-z0-9]{5}\n$/);
    expect(at('kubectl get events --field-selector involvedObject.name=solo,reason=Started -o name').stdout).toMatch(/^event\/solo\.[0-9a-f]+\n$/);
    expect(at('kubectl get deploy --field-selector status.phase=Running')).toMatchObject({ stdout: '', exit: 1,
      stderr: 'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "", field selector "status.phase=Running": field label not supported: status.phase\n' });
    expect(at('kubectl get pods solo --field-selector status.phase=Running')).toMatchObject({ stderr: 'error: name cannot be provided when a selector is specified\n', exit: 1 });
  });

  it('delete pods --field-selector status.phase=Failed deletes only the failed ones', () => {
    const at = output(jobAndPod, 12_000, [{ atMs: 10_000, run: 'kubectl delete pods --field-selector status.phase=Failed' }]);
    expect(at('kubectl delete pods --field-selector status.phase=Failed').stdout).toMatch(/^pod "once-[a-z0-9]{5}" deleted[^\n]*\n$/);
  });
});

describe('kubectl get -o jsonpath', () => {
  it('prints fields of one object or of the List, and kubectl\'s errors', () => {
    const runs = [
      "kubectl get pod p -o jsonpath='{.status.phase}'",
      "kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}:{.status.initContainerStatuses[*].state}{\"\\n\"}{end}'",
      "kubectl get pod p -o jsonpath='{.spec.initContainers[*].name'",
      'kubectl get pod p -o jsonpath=',
      "kubectl get pods -l app=none -o jsonpath='{.items[0].metadata.name}'",
      "kubectl get pod p -o go-template='{{.status.phase}}'",
    ];
    const at = output(twoInits, 5_000, runs.map((run) => ({ atMs: 4_000, run })));
    expect(at(runs[0])).toMatchObject({ stdout: 'Pending', stderr: '', exit: 0 });
    expect(at(runs[1]).stdout).toBe('p:{"running":{"startedAt":"2024-01-01T10:00:01Z"}} {"waiting":{"reason":"PodInitializing"}}\n');
    expect(at(runs[2])).toMatchObject({ stdout: '', stderr: 'error: error parsing jsonpath {.spec.initContainers[*].name, unclosed action\n', exit: 1 });
    expect(at(runs[3])).toMatchObject({ stderr: 'error: template format specified but no template given\n', exit: 1 });
    expect(at(runs[4]).stderr).toBe('error: error executing jsonpath "{.items[0].metadata.name}": Error executing template: array index out of bounds: index 0, length 0. ' +
      'Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.items[0].metadata.name}\n\tobject given to jsonpath engine was:\n\t\t' +
      'map[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}\n\n');
    expect(at(runs[5]).stderr).toBe('error: -o go-template is not supported in this playground\n');
  });
});

describe('kubectl get -w with another printer', () => {
  it('prints the listed object, then the object of every change, each by the printer', () => {
    const runs = ['kubectl get pods -w -o name', "kubectl get pods -w -o jsonpath='{.status.phase}{\"\\n\"}'", 'kubectl get pod p -w -o yaml'];
    const at = output(twoInits, 20_000, runs.map((run) => ({ atMs: 1_000, run })));
    const names = at(runs[0]).stdout.split('\n').filter(Boolean);
    expect(names.length).toBeGreaterThan(3);
    expect(new Set(names)).toEqual(new Set(['pod/p']));
    const phases = at(runs[1]).stdout.split('\n').filter(Boolean);
    expect(phases.length).toBe(names.length);
    expect(phases[0]).toBe('Pending');
    expect(phases[phases.length - 1]).toBe('Running');
    const docs = at(runs[2]).stdout.split('---\n');
    expect(docs.length).toBe(names.length);
    expect(docs.every((d) => d.startsWith('apiVersion: v1\nkind: Pod\n'))).toBe(true);
  });
});

describe('kubectl get --sort-by', () => {
  it('sorts the rows by a field of the objects, as tutorials sort events', () => {
    const runs = ['kubectl get events --sort-by=.lastTimestamp -o \'jsonpath={range .items[*]}{.lastTimestamp} {.reason}{"\\n"}{end}\'',
      'kubectl get pods --sort-by={.metadata.name} -o name', 'kubectl get pods --sort-by={{.a}}'];
    const at = output(threeReplicas + '---\n' + twoInits, 12_000, runs.map((run) => ({ atMs: 11_000, run })));
    const lines = at(runs[0]).stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(20);
    const stamps = lines.map((l) => l.split(' ')[0]);
    expect(stamps).toEqual([...stamps].sort());
    // Unsorted, the list is in name order (per object), so the times go back and forth.
    const unsorted = output(threeReplicas + '---\n' + twoInits, 12_000, [{ atMs: 11_000, run: runs[0].replace(' --sort-by=.lastTimestamp', '') }])(runs[0].replace(' --sort-by=.lastTimestamp', ''));
    const before = unsorted.stdout.trim().split('\n').map((l) => l.split(' ')[0]);
    expect(before).not.toEqual([...before].sort());
    expect(at(runs[1]).stdout.split('\n')[0]).toBe('pod/p');
    expect(at(runs[2])).toMatchObject({ stderr: "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n", exit: 1 });
  });
});

const sharedHtml = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  volumes: [{name: html, emptyDir: {}}]
  initContainers:
  - {name: fetch, image: busybox:1.36, command: ['sh', '-c', 'echo "<h1>hello</h1>" > /work/index.html; sleep 3'], volumeMounts: [{name: html, mountPath: /work}]}
  containers:
  - {name: app, image: busybox:1.36, command: ['sh', '-c', 'sleep 3600'], volumeMounts: [{name: html, mountPath: /usr/share/html}]}
---
apiVersion: v1
kind: Pod
metadata: {name: done}
spec:
  restartPolicy: Never
  containers: [{name: c, image: busybox:1.36, command: ['true']}]
`;

describe('kubectl exec', () => {
  const note = 'Defaulted container "app" out of: app, fetch (init)\n';
  it('runs a command in the running container and prints what it printed, with kubectl\'s errors around it', () => {
    const runs: ActionInput[] = [
      { atMs: 2_000, run: 'kubectl exec web -- cat /usr/share/html/index.html' },
      { atMs: 10_000, run: 'kubectl exec -n default web -- cat /usr/share/html/index.html' },
      { atMs: 10_000, run: 'kubectl exec web -c fetch -- ls' },
      { atMs: 10_000, run: 'kubectl exec web -c nope -- ls' },
      { atMs: 10_000, run: "kubectl exec web -c app -- sh -c 'echo out; echo err >&2; exit 3'" },
      { atMs: 10_000, run: 'kubectl exec web -c app -- nosuchcmd' },
      { atMs: 10_000, run: 'kubectl exec web ls' },
      { atMs: 10_000, run: 'kubectl exec done -- ls' },
      { atMs: 11_000, run: 'kubectl exec -i web -c app -- sh', stdin: 'hostname; wc -l < /usr/share/html/index.html' },
      { atMs: 12_000, run: 'kubectl exec web -c app -- sleep 100' },
      { atMs: 14_000, run: 'kubectl delete pod web --grace-period=1' },
    ];
    const at = output(sharedHtml, 40_000, runs);
    // During the init container the app container does not exist yet for the kubelet.
    expect(at(runs[0].run)).toMatchObject({ stdout: '', stderr: `${note}error: unable to upgrade connection: container not found ("app")\n`, exit: 1 });
    // What the init container wrote into the shared emptyDir.
    expect(at(runs[1].run)).toMatchObject({ stdout: '<h1>hello</h1>\n', stderr: note, exit: 0, console: `${note}<h1>hello</h1>\n` });
    expect(at(runs[2].run)).toMatchObject({ stderr: 'error: unable to upgrade connection: container not found ("fetch")\n', exit: 1 });
    expect(at(runs[3].run)).toMatchObject({ stderr: 'Error from server (BadRequest): container nope is not valid for pod web\n', exit: 1 });
    expect(at(runs[4].run)).toMatchObject({ stdout: 'out\n', stderr: 'err\ncommand terminated with exit code 3\n', exit: 3 });
    expect(at(runs[5].run).stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuchcmd": executable file not found in \$PATH: unknown\n$/);
    expect(at(runs[6].run).stderr).toBe("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
    expect(at(runs[7].run)).toMatchObject({ stderr: 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n', exit: 1 });
    expect(at(runs[8].run)).toMatchObject({ stdout: 'web\n1\n', exit: 0 });
    // The exec session ends with the container: the pod's deletion kills it.
    expect(at(runs[9].run)).toMatchObject({ stdout: '', stderr: 'command terminated with exit code 137\n', exit: 137 });
  });
});

describe('kubectl get -o custom-columns', () => {
  it('prints the List as columns, and one header for a watch', () => {
    const runs = ['kubectl get pods -o custom-columns=NAME:.metadata.name,INIT:.status.initContainerStatuses[*].ready', 'kubectl get pod p -w -o custom-columns=NAME:.metadata.name,PHASE:.status.phase'];
    const at = output(twoInits, 20_000, [{ atMs: 1_500, run: runs[0] }, { atMs: 1_000, run: runs[1] }]);
    expect(at(runs[0]).stdout).toBe('NAME   INIT\np      false,false\n');
    const watch = at(runs[1]).stdout.split('\n').filter(Boolean);
    expect(watch[0]).toMatch(/^NAME +PHASE$/);
    expect(watch.slice(1).every((l) => /^p +(Pending|Running)$/.test(l))).toBe(true);
    expect(watch.length).toBeGreaterThan(3);
  });
});

describe('kubectl events', () => {
  it('lists events oldest first with the events printer\'s columns, filtered by --for and --types', () => {
    const crash = `apiVersion: v1
kind: Pod
metadata: {name: crash}
spec:
  initContainers: [{name: init, image: busybox:1.36, command: ['sh', '-c', 'exit 1']}]
  containers: [{name: app, image: busybox:1.36, command: ['sleep', '3600']}]
`;
    const runs = ['kubectl events', 'kubectl events --for pod/crash --types=Warning', 'kubectl events --for crash', 'kubectl events --types=Bad', 'kubectl events -n other'];
    const at = output(crash, 61_000, runs.map((run) => ({ atMs: 60_000, run })));
    const lines = at(runs[0]).stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
    expect(lines[1]).toMatch(/^60s +Normal +Scheduled +Pod\/crash +Successfully assigned default\/crash to node1$/);
    expect(lines[lines.length - 1]).toMatch(/^\d+s \(x\d+ over \d+s\) +Warning +BackOff +Pod\/crash +Back-off restarting failed container init in pod crash_default\(/);
    expect(at(runs[1]).stdout.trim().split('\n')).toHaveLength(2);
    expect(at(runs[2])).toMatchObject({ stderr: 'error: --for must be in resource/name form\n', exit: 1 });
    expect(at(runs[3])).toMatchObject({ stderr: 'error: valid --types are Normal or Warning\n', exit: 1 });
    expect(at(runs[4])).toMatchObject({ stdout: '', stderr: 'No events found in other namespace.\n', exit: 0 });
  });
});

describe('kubectl logs -l / --all-containers / --prefix', () => {
  it('reads each pod the selector picks (notes first), every container with --all-containers, lines led by [pod/NAME/CONTAINER] with --prefix', () => {
    const web = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      initContainers: [{name: wait, image: busybox:1.36, command: ['sh', '-c', 'echo init $HOSTNAME']}]
      containers: [{name: app, image: busybox:1.36, command: ['sh', '-c', 'seq 12; echo serving $HOSTNAME; sleep 3600']}]
`;
    const runs = ['kubectl logs -l app=web', 'kubectl logs -l app=web --all-containers --prefix', 'kubectl logs -l app=none', 'kubectl logs web -l app=web',
      'kubectl logs -l app=web --all-containers -c app', 'kubectl logs deploy/web --all-containers'];
    const at = output(web, 11_000, runs.map((run) => ({ atMs: 10_000, run })));
    const note = 'Defaulted container "app" out of: app, wait (init)\n';
    const first = at(runs[0]);
    expect(first.stderr).toBe(note + note);
    // The last 10 lines of each pod's app container: 4…12 and the greeting with the pod's HOSTNAME.
    const pods = first.stdout.match(/serving (web-\S+)/g)!.map((l) => l.slice('serving '.length));
    expect(pods).toHaveLength(2);
    expect(first.stdout).toBe(pods.map((p) => `${[4, 5, 6, 7, 8, 9, 10, 11, 12].join('\n')}\nserving ${p}\n`).join(''));
    expect(first.console).toBe(note + note + first.stdout);
    expect(at(runs[1]).stdout).toBe(pods.map((p) => `[pod/${p}/wait] init ${p}\n${[4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => `[pod/${p}/app] ${n}\n`).join('')}[pod/${p}/app] serving ${p}\n`).join(''));
    expect(at(runs[2])).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n', exit: 0 });
    expect(at(runs[3]).stderr).toBe("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n");
    expect(at(runs[4]).stderr).toBe('error: --all-containers=true should not be specified with container name app\n');
    expect(at(runs[5]).stderr).toMatch(/^Found 2 pods, using pod\/web-/);
    expect(at(runs[5]).stdout).toMatch(/^init web-\S+\n1\n2\n/);
  });
});
