import { describe, expect, it } from 'vitest';
import { parseKubectl } from './parseKubectl';
import { tokenize } from './tokenize';

describe('tokenize', () => {
  it('splits like a POSIX shell', () => {
    expect(tokenize(`kubectl create deployment web --image=nginx -- sh -c 'echo "hi there"; sleep 1'`)).toEqual(
      ['kubectl', 'create', 'deployment', 'web', '--image=nginx', '--', 'sh', '-c', 'echo "hi there"; sleep 1']);
    expect(tokenize('a "b \\"c\\" $x" d\\ e f""g')).toEqual(['a', 'b "c" $x', 'd e', 'fg']);
    expect(tokenize("echo 'oops")).toEqual({ error: "unexpected EOF while looking for matching `''" });
  });
});

describe('parseKubectl get', () => {
  it('types, aliases, names, TYPE/NAME and flags anywhere', () => {
    expect(parseKubectl('kubectl get po -n kube-system -o wide -w')).toEqual({ type: 'get', namespace: 'kube-system', namespaceSet: true,
      targets: [{ resource: 'pods', names: [] }], allNamespaces: false, output: 'wide', noHeaders: false, watch: true, showLabels: false, labelColumns: [] });
    expect(parseKubectl('kubectl get pods --sort-by=.metadata.name')).toMatchObject({ type: 'get', sortBy: '{.metadata.name}' });
    expect(parseKubectl('kubectl get pods --chunk-size=10')).toEqual({ error: 'error: --chunk-size is not supported in this playground' });
    expect(parseKubectl('kubectl get pods --show-labels -L app,tier')).toMatchObject({ showLabels: true, labelColumns: ['app', 'tier'] });
    expect(parseKubectl('kubectl -n team get deploy/web rs/web-1 deploy/api')).toMatchObject({ namespace: 'team',
      targets: [{ resource: 'deployments', names: ['web', 'api'] }, { resource: 'replicasets', names: ['web-1'] }] });
    expect(parseKubectl('kubectl get pods,svc -A -l app=web --no-headers -oname')).toMatchObject({
      targets: [{ resource: 'pods', names: [] }, { resource: 'services', names: [] }], allNamespaces: true, selector: 'app=web', noHeaders: true, output: 'name' });
    expect(parseKubectl('kubectl get ep myservice')).toMatchObject({ targets: [{ resource: 'endpoints', names: ['myservice'] }] });
    expect(parseKubectl('kubectl get all')).toMatchObject({ targets: ['pods', 'services', 'deployments', 'replicasets', 'jobs'].map((resource) => ({ resource, names: [] })) });
  });
  it("kubectl's error texts", () => {
    expect(parseKubectl('kubectl get foo')).toEqual({ error: 'error: the server doesn\'t have a resource type "foo"' });
    expect(parseKubectl('kubectl get pods --foo')).toEqual({ error: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage." });
    expect(parseKubectl('kubectl get pods -z')).toEqual({ error: "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage." });
    expect(parseKubectl('kubectl get pods -n')).toEqual({ error: "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage." });
    expect(parseKubectl('kubectl get pods -o foo')).toEqual({ error: 'error: unable to match a printer suitable for the output format "foo", allowed formats are: '
      + 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,wide,yaml' });
    expect(parseKubectl('kubectl get pods pod/x')).toEqual({ error: "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'" });
    // cobra suggests commands within Levenshtein distance 2: "foo" → "top".
    expect(parseKubectl('kubectl foo')).toEqual({ error: 'error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n' });
    expect(parseKubectl('kubectl frobnicate')).toEqual({ error: 'error: unknown command "frobnicate" for "kubectl"' });
    expect(parseKubectl('kubectl gett pods')).toEqual({ error: 'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tget\n\tset\n' });
    expect((parseKubectl('kubectl get') as { error: string }).error).toBe('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n'
      + 'error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples');
  });
});

describe('parseKubectl logs', () => {
  it('POD [-c C | C] [-p] [-f] [--tail N]', () => {
    expect(parseKubectl('kubectl logs myapp-pod -c init-mydb -p --tail=5')).toEqual({ type: 'logs', namespace: 'default', namespaceSet: false,
      target: 'myapp-pod', container: 'init-mydb', previous: true, follow: false, tail: 5, allContainers: false, prefix: false });
    // Models logs.go: a selector replaces the POD argument and reads the last 10 lines unless --tail says otherwise.
    expect(parseKubectl('kubectl logs -l app=web --all-containers --prefix')).toMatchObject({ target: '', selector: 'app=web', tail: 10, allContainers: true, prefix: true });
    expect(parseKubectl('kubectl logs -l app=web --tail=-1')).toMatchObject({ tail: 10 });
    expect(parseKubectl('kubectl logs -l app=web --tail=3')).toMatchObject({ tail: 3 });
    expect(parseKubectl('kubectl logs deploy/init-container init-container1 -f')).toMatchObject({ target: 'deploy/init-container', container: 'init-container1', follow: true });
    expect(parseKubectl('kubectl logs')).toEqual({ error: "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples" });
    expect(parseKubectl('kubectl logs p c -c d')).toEqual({ error: 'error: only one of -c or an inline [CONTAINER] arg is allowed' });
  });
});

describe('parseKubectl mutations', () => {
  it('apply/create -f -, create service/deployment/namespace', () => {
    expect(parseKubectl('kubectl apply -f -')).toMatchObject({ type: 'apply', filenames: ['-'] });
    expect(parseKubectl('kubectl create -f -')).toMatchObject({ type: 'create', filenames: ['-'] });
    expect(parseKubectl('kubectl create service clusterip myservice --tcp=80:9376')).toEqual({ type: 'create-service', namespace: 'default', namespaceSet: false,
      serviceType: 'ClusterIP', name: 'myservice', tcp: [{ spec: '80:9376', port: 80, targetPort: 9376 }] });
    expect(parseKubectl('kubectl create service nodeport web --tcp=80:http --node-port=30080')).toMatchObject({ serviceType: 'NodePort', nodePort: 30080,
      tcp: [{ spec: '80:http', port: 80, targetPort: 'http' }] });
    expect(parseKubectl('kubectl create service clusterip x')).toEqual({ error: 'error: at least one tcp port specifier must be provided' });
    expect(parseKubectl('kubectl create deployment web --image=nginx:1.27 --replicas=3 --port=80')).toMatchObject({ type: 'create-deployment', name: 'web',
      images: ['nginx:1.27'], replicas: 3, port: 80, command: [] });
    expect(parseKubectl('kubectl create deployment web')).toEqual({ error: 'error: required flag(s) "image" not set' });
    expect(parseKubectl('kubectl create namespace team-a')).toEqual({ type: 'create-namespace', name: 'team-a' });
    expect(parseKubectl('kubectl apply')).toEqual({ error: 'error: must specify one of -f and -k' });
  });
  it('delete, scale, rollout restart, port-forward', () => {
    expect(parseKubectl('kubectl delete pod myapp-pod --wait=false --grace-period=0 --force')).toMatchObject({ type: 'delete',
      targets: [{ resource: 'pods', names: ['myapp-pod'] }], wait: false, gracePeriod: 0, force: true });
    expect(parseKubectl('kubectl delete pods -l app=web')).toMatchObject({ selector: 'app=web', gracePeriod: -1, wait: true });
    expect(parseKubectl('kubectl delete pod x --grace-period=0')).toMatchObject({ gracePeriod: 1 });
    expect(parseKubectl('kubectl delete pod')).toEqual({ error: 'error: resource(s) were provided, but no name was specified' });
    expect(parseKubectl('kubectl delete pod x --grace-period=5 --force')).toEqual({ error: 'error: --force and --grace-period greater than 0 cannot be specified together' });
    expect(parseKubectl('kubectl scale deploy/web --replicas=3')).toMatchObject({ type: 'scale', targets: [{ resource: 'deployments', names: ['web'] }], replicas: 3 });
    expect(parseKubectl('kubectl scale deploy web')).toEqual({ error: 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0' });
    expect(parseKubectl('kubectl rollout restart deployment/web')).toMatchObject({ type: 'rollout-restart', targets: [{ resource: 'deployments', names: ['web'] }] });
    expect(parseKubectl('kubectl port-forward svc/web 3000:80')).toMatchObject({ type: 'port-forward', resource: 'services', name: 'web', ports: [{ local: 3000, remote: 80 }] });
    expect(parseKubectl('kubectl port-forward mypod 8080')).toMatchObject({ resource: 'pods', name: 'mypod', ports: [{ local: 8080, remote: 8080 }] });
    expect(parseKubectl('kubectl port-forward mypod')).toEqual({ error: "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples" });
  });
  it('curl localhost:PORT', () => {
    expect(parseKubectl('curl localhost:3000')).toEqual({ type: 'curl', url: 'localhost:3000', host: 'localhost', port: 3000, path: '/' });
    expect(parseKubectl('curl -s http://127.0.0.1:8080/healthz')).toMatchObject({ port: 8080, path: '/healthz' });
    expect(parseKubectl('curl http://myservice/')).toEqual({ error: 'curl: (6) Could not resolve host: myservice' });
  });
});
