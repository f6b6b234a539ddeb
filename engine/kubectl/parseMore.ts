/**
 * Parsers for the mutating commands: delete, scale, rollout restart, port-forward.
 */
import type { KubectlCommand, PortPair, Scope, Target } from './commands';
import type { FlagSpec, ParsedFlags } from './flags';
import { parseFlags } from './flags';
import { resourceTargets } from './resourceArgs';
import { findResource } from './resources';

type Result = KubectlCommand | { readonly error: string };

const NS: FlagSpec = { name: 'namespace', short: 'n', type: 'string' };
const F = (name: string, type: FlagSpec['type'], short?: string): FlagSpec => ({ name, type, ...(short ? { short } : {}) });
const err = (msg: string): { error: string } => ({ error: `error: ${msg}` });
const usage = (msg: string, path: string): { error: string } => ({ error: `error: ${msg}\nSee '${path} -h' for help and examples` });
const scope = (p: ParsedFlags): Scope => ({ namespace: (p.values.namespace as string | undefined) ?? 'default', namespaceSet: p.changed.has('namespace') });

const NO_RESOURCES = 'You must provide one or more resources by argument or filename.\nExample resource specifications include:\n'
  + "   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/** `kubectl delete`; gracePeriod follows delete.go Complete (-1 default, --now → 1, 0 without --force → 1). */
// Models kubectl delete.go Complete / Validate and the resource builder's argument errors.
export function parseDelete(argv: readonly string[]): Result {
  const p = parseFlags(argv, [NS, F('selector', 'string', 'l'), F('field-selector', 'string'), F('all', 'bool'), F('all-namespaces', 'bool', 'A'), F('wait', 'bool'), F('grace-period', 'int'),
    F('force', 'bool'), F('now', 'bool'), F('filename', 'strings', 'f'), F('output', 'string', 'o'), F('ignore-not-found', 'bool')], 'kubectl delete');
  if ('error' in p) return err(p.error);
  const output = (p.values.output as string | undefined) ?? '';
  if (output !== '' && output !== 'name') return err(`unexpected -o output mode: ${output}. We only support '-o name'`);
  const all = p.values.all === true;
  const selector = p.values.selector as string | undefined;
  if (all && selector !== undefined) return err('cannot set --all and --selector at the same time');
  let grace = (p.values['grace-period'] as number | undefined) ?? -1;
  const force = p.values.force === true;
  if (p.values.now === true) {
    if (grace !== -1) return err('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  if (grace > 0 && force) return err('--force and --grace-period greater than 0 cannot be specified together');
  const filenames = (p.values.filename as string[] | undefined) ?? [];
  const targets = resourceTargets(p.args);
  if (!Array.isArray(targets)) return err(targets.error);
  if (targets.length === 0 && filenames.length === 0) return err(NO_RESOURCES);
  const fieldSelector = p.values['field-selector'] as string | undefined;
  if (targets.some((t) => t.names.length === 0) && !all && selector === undefined && fieldSelector === undefined) return err('resource(s) were provided, but no name was specified');
  return { type: 'delete', ...scope(p), targets, allNamespaces: p.values['all-namespaces'] === true, ...(selector !== undefined ? { selector } : {}),
    ...(fieldSelector !== undefined ? { fieldSelector } : {}), all,
    filenames, wait: p.values.wait !== false, gracePeriod: grace, force, now: p.values.now === true, outputName: output === 'name' };
}

/** `kubectl scale TYPE NAME --replicas=N` (or TYPE/NAME). */
// Models kubectl scale.go Validate.
export function parseScale(argv: readonly string[]): Result {
  const p = parseFlags(argv, [NS, F('replicas', 'int'), F('current-replicas', 'int')], 'kubectl scale');
  if ('error' in p) return err(p.error);
  const replicas = (p.values.replicas as number | undefined) ?? -1;
  if (replicas < 0) return err('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const targets = resourceTargets(p.args);
  if (!Array.isArray(targets)) return err(targets.error);
  if (targets.length === 0) return err(NO_RESOURCES);
  if (targets.some((t) => t.names.length === 0)) return err('resource(s) were provided, but no name was specified');
  return { type: 'scale', ...scope(p), targets, replicas };
}

/** `kubectl rollout restart TYPE/NAME`. */
// Models kubectl rollout_restart.go (only the restart subcommand is supported here).
export function parseRollout(argv: readonly string[]): Result {
  const sub = argv.find((a) => !a.startsWith('-'));
  if (sub === undefined) return { error: 'error: unknown command "" for "kubectl rollout"' };
  if (sub !== 'restart') {
    if (['history', 'pause', 'resume', 'status', 'undo'].includes(sub)) return err(`"kubectl rollout ${sub}" is not supported in this playground`);
    return usage(`unknown command "${sub}"`, 'kubectl rollout');
  }
  const p = parseFlags(argv.filter((_a, i) => i !== argv.indexOf(sub)), [NS], 'kubectl rollout restart');
  if ('error' in p) return err(p.error);
  if (p.args.length === 0) return err('required resource not specified');
  const targets = resourceTargets(p.args);
  if (!Array.isArray(targets)) return err(targets.error);
  if (targets.some((t: Target) => t.names.length === 0)) return err('resource(s) were provided, but no name was specified');
  return { type: 'rollout-restart', ...scope(p), targets };
}

/** POD or TYPE/NAME of a pod or of what selects pods, for port-forward and exec. */
// Models polymorphichelpers.AttachablePodForObject's accepted kinds (the error for others is kubectl's).
function attachTarget(target: string): { resource: 'pods' | 'services' | 'deployments' | 'replicasets'; name: string } | { error: string } {
  if (!target.includes('/')) return { resource: 'pods', name: target };
  const [t, n] = target.split('/');
  const r = findResource(t);
  if (!r) return err(`the server doesn't have a resource type "${t}"`);
  if (r.resource !== 'pods' && r.resource !== 'services' && r.resource !== 'deployments' && r.resource !== 'replicasets') {
    return err(`cannot attach to *v1.${r.kind}: selector for *v1.${r.kind} not implemented`);
  }
  return { resource: r.resource, name: n };
}

/** `kubectl port-forward (pod/NAME | svc/NAME | deploy/NAME | NAME) [LOCAL:]REMOTE…`. */
// Models kubectl portforward.go Complete (TYPE/NAME, port pairs) and Validate.
export function parsePortForward(argv: readonly string[]): Result {
  const p = parseFlags(argv, [NS, F('address', 'strings')], 'kubectl port-forward');
  if ('error' in p) return err(p.error);
  if (p.args.length < 2) return usage('TYPE/NAME and list of ports are required for port-forward', 'kubectl port-forward');
  const [target, ...portArgs] = p.args;
  const attach = attachTarget(target);
  if ('error' in attach) return attach;
  const { resource, name } = attach;
  const ports: PortPair[] = [];
  for (const spec of portArgs) {
    const parts = spec.split(':');
    const remoteText = parts.length === 1 ? parts[0] : parts[1];
    const localText = parts[0];
    if (remoteText === '') return err('remote port cannot be empty');
    // An empty local port (`:80`) asks for a random free one, reported as 0 here.
    const local = localText === '' ? 0 : /^\d+$/.test(localText) ? Number(localText) : Number.NaN;
    if (Number.isNaN(local) || local > 65535) return err(`Error parsing local port '${localText}': strconv.ParseUint: parsing "${localText}": invalid syntax`);
    const remote = /^\d+$/.test(remoteText) ? Number(remoteText) : remoteText;
    ports.push({ local, remote });
  }
  return { type: 'port-forward', ...scope(p), resource, name, ports, addresses: (p.values.address as string[] | undefined) ?? ['localhost'] };
}

/** `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] [-q] -- COMMAND [ARGS…]`. */
// Models kubectl exec.go Complete (the deprecated form without `--`) and Validate.
export function parseExec(argv: readonly string[]): Result {
  const p = parseFlags(argv, [NS, F('container', 'string', 'c'), F('stdin', 'bool', 'i'), F('tty', 'bool', 't'), F('quiet', 'bool', 'q')], 'kubectl exec');
  if ('error' in p) return err(p.error);
  if (p.args.length === 0) return usage('pod, type/name or --filename must be specified', 'kubectl exec');
  if (p.args.length > 1) return usage('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead', 'kubectl exec');
  if (p.rest.length === 0) return err('you must specify at least one command for the container');
  const attach = attachTarget(p.args[0]);
  if ('error' in attach) return attach;
  const { resource, name } = attach;
  const container = p.values.container as string | undefined;
  return { type: 'exec', ...scope(p), resource, name, ...(container ? { container } : {}), stdin: p.values.stdin === true, tty: p.values.tty === true,
    quiet: p.values.quiet === true, command: p.rest };
}

/** `kubectl events [--for TYPE/NAME] [--types Normal,Warning] [-A] [--no-headers]`. */
// Models kubectl events.go Complete (--for in resource/name form) and Validate (--types values).
export function parseEvents(argv: readonly string[]): Result {
  const p = parseFlags(argv, [NS, F('all-namespaces', 'bool', 'A'), F('for', 'string'), F('types', 'strings'), F('no-headers', 'bool'), F('watch', 'bool', 'w'),
    F('output', 'string', 'o')], 'kubectl events');
  if ('error' in p) return err(p.error);
  if (p.values.watch === true) return err('"kubectl events --watch" is not supported in this playground');
  if (p.values.output !== undefined) return err('"kubectl events -o" is not supported in this playground');
  if (p.args.length > 0) return usage(`unknown command "${p.args[0]}" for "kubectl events"`, 'kubectl events');
  const types = (p.values.types as string[] | undefined) ?? [];
  if (types.some((t) => t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning')) return err('valid --types are Normal or Warning');
  const forArg = p.values.for as string | undefined;
  let forObject: { kind: string; name: string } | undefined;
  if (forArg !== undefined && forArg !== '') {
    const parts = forArg.split('/');
    if (parts.length < 2) return err('--for must be in resource/name form');
    if (parts.length > 2) return err('arguments in resource/name form may not have more than one slash');
    const r = findResource(parts[0]);
    if (!r) return err(`the server doesn't have a resource type "${parts[0]}"`);
    forObject = { kind: r.kind, name: parts[1] };
  }
  return { type: 'events', ...scope(p), allNamespaces: p.values['all-namespaces'] === true, ...(forObject ? { for: forObject } : {}), types, noHeaders: p.values['no-headers'] === true };
}
