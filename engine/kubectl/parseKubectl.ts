/**
 * `parseKubectl`: a console line → a `KubectlCommand`, or the error text kubectl (or the shell)
 * would print for it.
 */
import { parseJsonPath } from './jsonpath';
import { relaxedJsonPath } from './sortBy';
import { parseCustomColumns } from './customColumns';
import type { KubectlCommand, Scope, TcpPort } from './commands';
import type { FlagSpec, ParsedFlags } from './flags';
import { parseFlags } from './flags';
import { tokenize } from './tokenize';
import { resourceTargets } from './resourceArgs';
import type { GetOutput } from './get';
import { parseDelete, parseEvents, parseExec, parsePortForward, parseRollout, parseScale } from './parseMore';

/** A parse failure: what kubectl would print to stderr (without the trailing newline). */
export interface ParseError {
  readonly error: string;
}

const NS: FlagSpec = { name: 'namespace', short: 'n', type: 'string' };
const F = (name: string, type: FlagSpec['type'], short?: string): FlagSpec => ({ name, type, ...(short ? { short } : {}) });
const TEMPLATE_FORMATS = ['custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'template', 'templatefile'];
const GET_FORMATS = ['custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'kyaml', 'name', 'template', 'templatefile', 'wide', 'yaml'];
const TOP_LEVEL = ['annotate', 'api-resources', 'api-versions', 'apply', 'attach', 'auth', 'autoscale', 'certificate', 'cluster-info', 'completion', 'config', 'cordon',
  'cp', 'create', 'debug', 'delete', 'describe', 'diff', 'drain', 'edit', 'events', 'exec', 'explain', 'expose', 'get', 'help', 'kustomize', 'label', 'logs', 'options',
  'patch', 'plugin', 'port-forward', 'proxy', 'replace', 'rollout', 'run', 'scale', 'set', 'taint', 'top', 'uncordon', 'version', 'wait'];

const usage = (msg: string, path: string): ParseError => ({ error: `error: ${msg}\nSee '${path} -h' for help and examples` });
const err = (msg: string): ParseError => ({ error: `error: ${msg}` });

function scope(p: ParsedFlags): Scope {
  return { namespace: (p.values.namespace as string | undefined) ?? 'default', namespaceSet: p.changed.has('namespace') };
}

// Models cobra's SuggestionsFor: Levenshtein distance ≤ 2 or a prefix match.
function suggestions(typed: string): string[] {
  const lev = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_v, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
    }
    return d[a.length][b.length];
  };
  return TOP_LEVEL.filter((c) => c !== 'help' && (lev(typed, c) <= 2 || c.startsWith(typed.toLowerCase())));
}

function parseGet(argv: readonly string[]): KubectlCommand | ParseError {
  const p = parseFlags(argv, [NS, F('output', 'string', 'o'), F('watch', 'bool', 'w'), F('selector', 'string', 'l'), F('field-selector', 'string'), F('all-namespaces', 'bool', 'A'), F('no-headers', 'bool'), F('sort-by', 'string'),
    F('show-labels', 'bool'), F('label-columns', 'strings', 'L')], 'kubectl get');
  if ('error' in p) return err(p.error);
  const outputFlag = (p.values.output as string | undefined) ?? '';
  // Models cli-runtime JSONPathPrintFlags/GoTemplatePrintFlags: `-o FORMAT=TEMPLATE` for the template formats.
  const eq = outputFlag.indexOf('=');
  const templated = eq >= 0 && TEMPLATE_FORMATS.includes(outputFlag.slice(0, eq));
  const output = templated ? outputFlag.slice(0, eq) : outputFlag;
  const template = templated ? outputFlag.slice(eq + 1) : undefined;
  if (output !== '' && !GET_FORMATS.includes(output)) {
    return err(`unable to match a printer suitable for the output format "${outputFlag}", allowed formats are: ${GET_FORMATS.join(',')}`);
  }
  if (!['', 'wide', 'name', 'yaml', 'json', 'jsonpath', 'jsonpath-as-json', 'custom-columns'].includes(output)) return err(`-o ${output} is not supported in this playground`);
  if (output === 'custom-columns') {
    const columns = parseCustomColumns(template ?? '');
    if (!Array.isArray(columns)) return err(columns.error);
  }
  if (output === 'jsonpath' || output === 'jsonpath-as-json') {
    if (!template) return err('template format specified but no template given');
    const parsed = parseJsonPath(template);
    if ('error' in parsed) return err(`error parsing jsonpath ${template}, ${parsed.error}`);
  }
  const sortBy = relaxedJsonPath((p.values['sort-by'] as string | undefined) ?? '');
  if (typeof sortBy !== 'string') return err(sortBy.error);
  if (sortBy !== '') {
    const parsed = parseJsonPath(sortBy);
    if ('error' in parsed) return err(`error parsing jsonpath ${sortBy}, ${parsed.error}`);
  }
  if (p.args.length === 0) {
    return { error: 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n'
      + 'error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples' };
  }
  const targets = resourceTargets(p.args);
  if (!Array.isArray(targets)) return err(targets.error);
  return { type: 'get', ...scope(p), targets, allNamespaces: p.values['all-namespaces'] === true,
    ...(p.values.selector !== undefined ? { selector: p.values.selector as string } : {}),
    ...(p.values['field-selector'] !== undefined ? { fieldSelector: p.values['field-selector'] as string } : {}),
    output: (output === '' ? 'table' : output) as GetOutput, ...(template !== undefined ? { template } : {}), ...(sortBy ? { sortBy } : {}), noHeaders: p.values['no-headers'] === true, watch: p.values.watch === true,
    showLabels: p.values['show-labels'] === true, labelColumns: (p.values['label-columns'] as string[] | undefined) ?? [] };
}

function parseDescribe(argv: readonly string[]): KubectlCommand | ParseError {
  const p = parseFlags(argv, [NS, F('selector', 'string', 'l'), F('all-namespaces', 'bool', 'A'), F('show-events', 'bool')], 'kubectl describe');
  if ('error' in p) return err(p.error);
  if (p.args.length === 0) return err('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
  const targets = resourceTargets(p.args);
  if (!Array.isArray(targets)) return err(targets.error);
  return { type: 'describe', ...scope(p), targets, allNamespaces: p.values['all-namespaces'] === true,
    ...(p.values.selector !== undefined ? { selector: p.values.selector as string } : {}), showEvents: p.values['show-events'] !== false };
}

// Models kubectl logs.go Complete / Validate.
function parseLogs(argv: readonly string[]): KubectlCommand | ParseError {
  const p = parseFlags(argv, [NS, F('container', 'string', 'c'), F('previous', 'bool', 'p'), F('follow', 'bool', 'f'), F('tail', 'int'), F('selector', 'string', 'l'),
    F('all-containers', 'bool'), F('prefix', 'bool')], 'kubectl logs');
  if ('error' in p) return err(p.error);
  const usageText = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";
  const selector = p.values.selector as string | undefined;
  // Models logs.go Complete: a selector takes the place of the POD argument, not both.
  if (p.args.length === 0 && !selector) return usage(usageText, 'kubectl logs');
  if (p.args.length === 1 && selector) return usage('only a selector (-l) or a POD name is allowed', 'kubectl logs');
  if (p.args.length > 2) return usage(usageText, 'kubectl logs');
  if (p.args.length === 2 && p.changed.has('container')) return err('only one of -c or an inline [CONTAINER] arg is allowed');
  let tail = p.values.tail as number | undefined;
  if (tail !== undefined && tail < -1) return err('--tail must be greater than or equal to -1');
  // A selector reads the last 10 lines of each container unless --tail says otherwise.
  if (selector && (tail === undefined || tail === -1)) tail = 10;
  const container = p.args.length === 2 ? p.args[1] : (p.values.container as string | undefined);
  const allContainers = p.values['all-containers'] === true;
  if (allContainers && container) return err(`--all-containers=true should not be specified with container name ${container}`);
  return { type: 'logs', ...scope(p), target: p.args[0] ?? '', ...(container !== undefined ? { container } : {}), previous: p.values.previous === true,
    follow: p.values.follow === true, ...(tail !== undefined && tail >= 0 ? { tail } : {}), ...(selector ? { selector } : {}), allContainers, prefix: p.values.prefix === true };
}

function parsePort(s: string): number | undefined {
  return /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 65535 ? Number(s) : undefined;
}

// Models kubectl create_service.go parsePorts and Validate.
function parseCreateService(kind: string, argv: readonly string[]): KubectlCommand | ParseError {
  const path = `kubectl create service ${kind}`;
  const types: Record<string, 'ClusterIP' | 'NodePort' | 'LoadBalancer'> = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer' };
  const serviceType = types[kind];
  if (!serviceType) return err(`unknown command "${kind}" for "kubectl create service"`);
  const specs = [NS, F('tcp', 'strings'), ...(kind === 'clusterip' ? [F('clusterip', 'string')] : []), ...(kind === 'nodeport' ? [F('node-port', 'int')] : [])];
  const p = parseFlags(argv, specs, path);
  if ('error' in p) return err(p.error);
  if (p.args.length !== 1) return usage('exactly one NAME is required, got ' + p.args.length, path);
  const clusterIP = p.values.clusterip as string | undefined;
  const tcp: TcpPort[] = [];
  for (const spec of (p.values.tcp as string[] | undefined) ?? []) {
    const [a, b] = spec.split(':');
    const port = parsePort(a);
    if (port === undefined) return err(`invalid port "${a}"`);
    const target = b === undefined ? port : /^\d+$/.test(b) ? Number(b) : b;
    tcp.push({ spec, port, targetPort: target });
  }
  if (clusterIP !== 'None' && tcp.length === 0) return err('at least one tcp port specifier must be provided');
  return { type: 'create-service', ...scope(p), serviceType, name: p.args[0], tcp, ...(clusterIP !== undefined ? { clusterIP } : {}),
    ...(p.values['node-port'] !== undefined ? { nodePort: p.values['node-port'] as number } : {}) };
}

function parseCreate(argv: readonly string[]): KubectlCommand | ParseError {
  const sub = argv.find((a) => !a.startsWith('-'));
  if (sub === 'service' || sub === 'svc') {
    const rest = argv.filter((a, i) => i !== argv.indexOf(sub));
    const kind = rest.find((a) => !a.startsWith('-')) ?? '';
    return parseCreateService(kind, rest.filter((a, i) => i !== rest.indexOf(kind)));
  }
  if (sub === 'deployment' || sub === 'deploy') {
    const p = parseFlags(argv.filter((a, i) => i !== argv.indexOf(sub)), [NS, F('image', 'strings'), F('replicas', 'int', 'r'), F('port', 'int')], 'kubectl create deployment');
    if ('error' in p) return err(p.error);
    if (p.args.length !== 1) return usage('exactly one NAME is required, got ' + p.args.length, 'kubectl create deployment');
    const images = (p.values.image as string[] | undefined) ?? [];
    if (images.length === 0) return err('required flag(s) "image" not set');
    if (images.length > 1 && p.rest.length > 0) return err('cannot specify multiple --image options and command');
    return { type: 'create-deployment', ...scope(p), name: p.args[0], images, replicas: (p.values.replicas as number | undefined) ?? 1,
      ...(p.values.port !== undefined ? { port: p.values.port as number } : {}), command: p.rest };
  }
  if (sub === 'namespace' || sub === 'ns') {
    const p = parseFlags(argv.filter((a, i) => i !== argv.indexOf(sub)), [NS], 'kubectl create namespace');
    if ('error' in p) return err(p.error);
    if (p.args.length !== 1) return usage('exactly one NAME is required, got ' + p.args.length, 'kubectl create namespace');
    return { type: 'create-namespace', name: p.args[0] };
  }
  const p = parseFlags(argv, [NS, F('filename', 'strings', 'f')], 'kubectl create');
  if ('error' in p) return err(p.error);
  // Models create.go Run: the -f check happens first, then DefaultSubCommandRun rejects the argument.
  if (p.args.length > 0) return { error: `Error: must specify one of -f and -k\n\n${usage(`unknown command "${p.args.join(' ')}"`, 'kubectl create').error}` };
  const filenames = (p.values.filename as string[] | undefined) ?? [];
  if (filenames.length === 0) return err('must specify one of -f and -k');
  return { type: 'create', ...scope(p), filenames };
}

// Models kubectl run.go (Complete/Validate/Run with the pod generator): one pod, label run=NAME, container NAME.
function parseRun(argv: readonly string[]): KubectlCommand | ParseError {
  const path = 'kubectl run';
  const p = parseFlags(argv, [NS, F('image', 'string'), F('restart', 'string'), F('env', 'strings'), F('labels', 'string', 'l'), F('port', 'int'),
    F('command', 'bool'), F('stdin', 'bool', 'i'), F('tty', 'bool', 't'), F('rm', 'bool'), F('image-pull-policy', 'string')], path);
  if ('error' in p) return err(p.error);
  if (p.args.length < 1) return usage('NAME is required for run', path);
  const image = p.values.image as string | undefined;
  if (!image) return err('required flag(s) "image" not set');
  const restart = (p.values.restart as string | undefined) ?? 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) return err(`invalid restart policy: ${restart}`);
  if (p.values.rm && !p.values.stdin) return err('--rm should only be used for attached containers');
  if (p.values.stdin || p.values.tty) return err('attaching to a container (-i, -t) is not supported in this playground: run it without -it, then read its output with kubectl logs');
  const env: [string, string][] = [];
  for (const e of (p.values.env as string[] | undefined) ?? []) {
    const eq = e.indexOf('=');
    if (eq <= 0) return err(`invalid env: ${e}`);
    env.push([e.slice(0, eq), e.slice(eq + 1)]);
  }
  const labels: Record<string, string> = {};
  for (const kv of ((p.values.labels as string | undefined) ?? `run=${p.args[0]}`).split(',')) {
    const eq = kv.indexOf('=');
    if (eq <= 0) return err(`invalid label spec: ${kv}`);
    labels[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return { type: 'run', ...scope(p), name: p.args[0], image, restart: restart as 'Always' | 'OnFailure' | 'Never', env, labels,
    ...(p.values.port !== undefined ? { port: p.values.port as number } : {}), command: !!p.values.command,
    args: [...p.args.slice(1), ...p.rest], ...(p.values['image-pull-policy'] ? { imagePullPolicy: p.values['image-pull-policy'] as string } : {}) };
}

function parseApply(argv: readonly string[]): KubectlCommand | ParseError {
  const p = parseFlags(argv, [NS, F('filename', 'strings', 'f')], 'kubectl apply');
  if ('error' in p) return err(p.error);
  const filenames = (p.values.filename as string[] | undefined) ?? [];
  if (filenames.length === 0) return err('must specify one of -f and -k');
  if (p.args.length > 0) return usage(`Unexpected args: [${p.args.join(' ')}]`, 'kubectl apply');
  return { type: 'apply', ...scope(p), filenames };
}


/** `curl [-s] URL` against a local port-forward; other hosts cannot be resolved from the learner's machine. */
// Models curl's URL handling and its exit-6 message (curl ≥ 7.x wording).
function parseCurl(argv: readonly string[]): KubectlCommand | ParseError {
  const urlArg = argv.find((a) => !a.startsWith('-'));
  if (!urlArg) return { error: "curl: try 'curl --help' or 'curl --manual' for more information" };
  const m = /^(?:https?:\/\/)?(\[[^\]]*\]|[^/:]+)(?::(\d+))?(\/.*)?$/.exec(urlArg);
  if (!m) return { error: `curl: (3) URL rejected: Malformed input to a URL function` };
  const host = m[1];
  if (host !== 'localhost' && host !== '127.0.0.1' && host !== '[::1]') return { error: `curl: (6) Could not resolve host: ${host}` };
  return { type: 'curl', url: urlArg, host, port: m[2] ? Number(m[2]) : 80, path: m[3] ?? '/' };
}

/** What curl prints when nothing listens on the port (no port-forward holds it). */
export function curlConnectionRefused(host: string, port: number): string {
  return `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`;
}

/** Parses one console line (`kubectl …` or `curl …`). */
// Models kubectl's cobra command tree (root args validation, per-command flags and arguments).
export function parseKubectl(line: string): KubectlCommand | ParseError {
  const words = tokenize(line);
  if (!Array.isArray(words)) return { error: `sh: syntax error: ${words.error}` };
  if (words.length === 0) return { error: '' };
  if (words[0] === 'curl') return parseCurl(words.slice(1));
  if (words[0] !== 'kubectl') return { error: `sh: ${words[0]}: not found` };
  const rest = words.slice(1);
  // Global flags may precede the command (kubectl -n ns get pods).
  const verbIndex = rest.findIndex((w, i) => !w.startsWith('-') && !(i > 0 && (rest[i - 1] === '-n' || rest[i - 1] === '--namespace')));
  if (verbIndex < 0) return { error: 'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/' };
  const verb = rest[verbIndex];
  const args = [...rest.slice(0, verbIndex), ...rest.slice(verbIndex + 1)];
  switch (verb) {
    case 'get': return parseGet(args);
    case 'describe': return parseDescribe(args);
    case 'logs': return parseLogs(args);
    case 'apply': return parseApply(args);
    case 'create': return parseCreate(args);
    case 'delete': return parseDelete(args);
    case 'scale': return parseScale(args);
    case 'rollout': return parseRollout(args);
    case 'port-forward': return parsePortForward(args);
    case 'exec': return parseExec(args);
    case 'events': return parseEvents(args);
    case 'run': return parseRun(args);
    default: {
      if (TOP_LEVEL.includes(verb)) return err(`"kubectl ${verb}" is not supported in this playground`);
      const s = suggestions(verb);
      return err(`unknown command "${verb}" for "kubectl"${s.length > 0 ? `\n\nDid you mean this?\n${s.map((x) => `\t${x}\n`).join('')}` : ''}`);
    }
  }
}

