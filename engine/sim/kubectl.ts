/**
 * Runs a kubectl (or `curl localhost:PORT`, or `crictl` on the node) line against the cluster at the current virtual time:
 * parse with kubectl/parseKubectl, then read through the kubectl printers or change objects through
 * the API server, with kubectl's exact output.
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { submit } from '../cluster/admission';
import type { ApiObject, LooseObject, Writable } from '../cluster/store';
import type { KubectlCommand, Target } from '../kubectl/commands';
import {
  createDeploymentObject, createNamespaceObject, createServiceObject, deletedMessage, FORCE_DELETE_WARNING, getOptionsFor, matchesSelector,
  defaultContainer, notFoundError, operationMessage, parseKubectl, parseSelector, resolveLogsPod, resourceInfo, RESOURCES, runDescribe, runGet, runGetWatch, runLogs, tokenize,
  type KubectlProfile, type LogInstance, type ObjectStore, type ResourceName,
} from '../kubectl/index';
import { fieldFilter } from '../kubectl/get';
import { parseFieldSelector } from '../kubectl/fieldSelector';
import { parseManifests } from '../scenario/parseManifests';
import type { ActionContext } from './actions';
import { portForward, curlLocal } from './portForward';
import { runCrictl } from './crictl';
import { runExec } from './exec';
import { runEvents } from '../kubectl/events';
import { substituteCommands } from './substitute';

export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
  /** Absent for a command that keeps running (port-forward, get -w). */
  readonly exit?: number;
  /** How many characters at the start of stderr were written before stdout (kubectl's warnings and notes). */
  readonly stderrFirst?: number;
  /** For `get -w` and `logs -f`: the full output once the run is over (and the exit code if it ended). */
  readonly watch?: () => Finished;
}

/** What a watching command printed by the end of the run. */
export interface Finished {
  readonly stdout: string;
  readonly stderr: string;
  readonly exit?: number;
  readonly stderrFirst?: number;
}

/** kubectl's result in the shape of a command record: `stderrFirst` kept only when some stderr comes first. */
function fromKubectl(r: { stdout: string; stderr: string; exitCode: number; stderrFirst?: number }): CommandOutput {
  return r.stderrFirst ? { stdout: r.stdout, stderr: r.stderr, exit: r.exitCode, stderrFirst: r.stderrFirst } : { stdout: r.stdout, stderr: r.stderr, exit: r.exitCode };
}

const out = (stdout: string, stderr = '', exit = stderr && !stdout ? 1 : 0): CommandOutput => ({ stdout, stderr, exit });

/** A snapshot of the store in the printers' shape (resource → objects). */
export function snapshot(ctx: ActionContext): ObjectStore {
  const s: Partial<Record<ResourceName, readonly ApiObject[]>> = {};
  for (const r of RESOURCES) s[r.resource] = ctx.world.store.list(r.kind);
  return s as ObjectStore;
}

function profile(ctx: ActionContext): KubectlProfile {
  return { kubectlMinor: ctx.world.profile.minor };
}

// Models kubectl logs -f: the same container instance's output as it grows; kubectl exits when the container does.
function followLog(ctx: ActionContext, f: { uid: string; container: string; id: string; startLength: number }, initial: string, stderr: string): Finished {
  const lead = stderr ? { stderrFirst: stderr.length } : {};
  const worker = ctx.world.kubelet.workers.get(f.uid);
  const state = worker && [...worker.rt.init, ...worker.rt.app].find((c) => c.name === f.container);
  const index = state ? state.instances.findIndex((i) => i.id === f.id) : -1;
  if (!state || index < 0) return { stdout: initial, stderr, ...lead };
  const text = (ctx.world.logs.get(ctx.world.logKey(f.uid, f.container, index)) ?? []).map((c) => c.text).join('');
  // What was printed at the start (after --tail), then everything written since: a log only grows.
  return { stdout: initial + text.slice(f.startLength), stderr, ...(state.instances[index].state === 'exited' ? { exit: 0 } : {}), ...lead };
}

/**
 * Reads a container instance's log as the kubelet serves it: 'current' is the instance in the status's
 * state, 'previous' the one in lastState.terminated, found by container ID (kubelet_pods.go
 * validateContainerLogStatus). While a container waits in back-off, lastState is its newest run.
 */
function logReader(ctx: ActionContext, onRead?: (uid: string, container: string, id: string, text: string) => void) {
  return (pod: Pod, container: string, instance: LogInstance): string => {
    const worker = ctx.world.kubelet.workers.get(pod.metadata!.uid!);
    const state = worker && [...worker.rt.init, ...worker.rt.app].find((c) => c.name === container);
    if (!state || state.instances.length === 0) return '';
    const status = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find((s) => s.name === container);
    const id = instance === 'previous' ? status?.lastState?.terminated?.containerID : status?.containerID ?? status?.state?.terminated?.containerID;
    const index = state.instances.findIndex((i) => i.id === id);
    if (index < 0) return '';
    const chunks = ctx.world.logs.get(ctx.world.logKey(pod.metadata!.uid!, container, index)) ?? [];
    const text = chunks.map((c) => c.text).join('');
    onRead?.(pod.metadata!.uid!, container, state.instances[index].id, text);
    return text;
  };
}

function applyStdin(ctx: ActionContext, stdin: string, verb: 'apply' | 'create'): CommandOutput {
  const parsed = parseManifests(stdin);
  const lines: string[] = [];
  const errs: string[] = parsed.diagnostics.map((d) => `error: ${d.message}`);
  if (parsed.docs.length === 0 && errs.length === 0) errs.push('error: no objects passed to ' + verb);
  for (const doc of parsed.docs) {
    const r = submit(ctx.world, ctx.api, doc, verb);
    if (r.ok) lines.push(r.stdout);
    else {
      errs.push(r.stderr);
      ctx.world.trace.push({ t: ctx.world.now(), type: 'rejected', object: r.ref ?? `document ${doc.index + 1}`, stderr: r.stderr });
    }
  }
  return out(lines.map((l) => `${l}\n`).join(''), errs.map((l) => `${l}\n`).join(''), errs.length ? 1 : 0);
}

function createObject(ctx: ActionContext, obj: LooseObject): CommandOutput {
  const doc = { index: 0, object: obj, start: { line: 1, column: 1 }, positions: new Map() };
  const r = submit(ctx.world, ctx.api, doc, 'create');
  return r.ok ? out(`${r.stdout}\n`) : out('', `${r.stderr}\n`, 1);
}

function targets(ctx: ActionContext, cmd: { targets: readonly Target[]; namespace: string; selector?: string; fieldSelector?: string; allNamespaces?: boolean }): { objs: { info: ReturnType<typeof resourceInfo>; obj: ApiObject }[]; errors: string[] } {
  const objs: { info: ReturnType<typeof resourceInfo>; obj: ApiObject }[] = [];
  const errors: string[] = [];
  const reqs = cmd.selector ? parseSelector(cmd.selector) : [];
  if ('error' in reqs) return { objs, errors: [`error: ${reqs.error}`] };
  const fieldReqs = parseFieldSelector(cmd.fieldSelector ?? '');
  for (const t of cmd.targets) {
    const info = resourceInfo(t.resource);
    const all = ctx.world.store.list(info.kind, info.namespaced && !cmd.allNamespaces ? cmd.namespace : undefined);
    if (t.names.length) {
      for (const name of t.names) {
        const o = all.find((x) => x.metadata?.name === name);
        if (o) objs.push({ info, obj: o }); else errors.push(notFoundError(info, name));
      }
      continue;
    }
    const fields = fieldFilter(info, fieldReqs, cmd);
    if (typeof fields !== 'function') { errors.push(fields.error); continue; }
    for (const o of all.filter((x) => matchesSelector(x.metadata?.labels, reqs) && fields(x))) objs.push({ info, obj: o });
  }
  return { objs, errors };
}

function run(ctx: ActionContext, cmd: KubectlCommand, stdin: string | undefined): CommandOutput {
  const w = ctx.world;
  const nowEpoch = w.epoch + w.now();
  switch (cmd.type) {
    case 'get': {
      if (cmd.watch) return startWatch(ctx, cmd, nowEpoch);
      return fromKubectl(runGet(snapshot(ctx), getOptionsFor(cmd), nowEpoch));
    }
    case 'describe': {
      return fromKubectl(runDescribe(snapshot(ctx), cmd, nowEpoch, profile(ctx)));
    }
    case 'logs': {
      if (cmd.selector !== undefined || cmd.allContainers || cmd.prefix) return logsOfMany(ctx, cmd);
      const req = { target: cmd.target, ...(cmd.container ? { container: cmd.container } : {}), previous: cmd.previous, follow: cmd.follow,
        ...(cmd.tail !== undefined ? { tail: cmd.tail } : {}), namespace: cmd.namespace };
      let followed: { uid: string; container: string; id: string; startLength: number } | undefined;
      const read = logReader(ctx, (uid, container, id, text) => { followed = { uid, container, id, startLength: text.length }; });
      const r = runLogs(snapshot(ctx), req, read, profile(ctx));
      if (!cmd.follow || r.exitCode !== 0 || cmd.previous || !followed) return fromKubectl(r);
      return { stdout: r.stdout, stderr: r.stderr, ...(r.stderrFirst ? { stderrFirst: r.stderrFirst } : {}), watch: () => followLog(ctx, followed!, r.stdout, r.stderr) };
    }
    case 'apply': case 'create':
      if (cmd.filenames.length !== 1 || cmd.filenames[0] !== '-') return out('', `error: the path "${cmd.filenames[0] ?? ''}" does not exist\n`, 1);
      return applyStdin(ctx, stdin ?? '', cmd.type);
    case 'create-service':
      return createObject(ctx, createServiceObject(cmd) as LooseObject);
    case 'create-deployment': {
      const rng = w.prng.fork(`create-deployment/${cmd.name}/${w.now()}`);
      return createObject(ctx, createDeploymentObject(cmd, () => rng.suffix(5)) as LooseObject);
    }
    case 'create-namespace':
      return createObject(ctx, createNamespaceObject(cmd) as LooseObject);
    case 'run':
      // Models kubectl run's pod generator: container NAME; args after `--` are args, or the command with --command.
      return createObject(ctx, { apiVersion: 'v1', kind: 'Pod',
        metadata: { name: cmd.name, labels: cmd.labels, ...(cmd.namespaceSet ? { namespace: cmd.namespace } : {}) },
        spec: { restartPolicy: cmd.restart, dnsPolicy: 'ClusterFirst', containers: [{ name: cmd.name, image: cmd.image,
          ...(cmd.args.length ? (cmd.command ? { command: cmd.args } : { args: cmd.args }) : {}),
          ...(cmd.env.length ? { env: cmd.env.map(([name, value]) => ({ name, value })) } : {}),
          ...(cmd.port !== undefined ? { ports: [{ containerPort: cmd.port }] } : {}),
          ...(cmd.imagePullPolicy ? { imagePullPolicy: cmd.imagePullPolicy } : {}), resources: {} }] } } as LooseObject);
    case 'delete': {
      const { objs, errors } = targets(ctx, cmd);
      const lines: string[] = [];
      const grace = cmd.now ? 1 : cmd.gracePeriod >= 0 ? cmd.gracePeriod : undefined;
      // The warning is printed before anything is deleted; errors after the objects that were.
      const warning = cmd.force && grace === 0 ? `${FORCE_DELETE_WARNING}\n` : '';
      for (const { info, obj } of objs) {
        ctx.api.delete(info.kind, obj.metadata?.namespace, obj.metadata!.name!, grace);
        lines.push(deletedMessage(info, obj.metadata!.name!, obj.metadata?.namespace ?? 'default', grace ?? -1, cmd.outputName, profile(ctx)));
      }
      // Models delete.go DeleteResult: "No resources found" goes to stdout when nothing matched.
      const stdout = objs.length === 0 && errors.length === 0 ? 'No resources found\n' : lines.map((l) => `${l}\n`).join('');
      const stderr = warning + errors.map((e) => `${e}\n`).join('');
      return warning ? { stdout, stderr, exit: errors.length ? 1 : 0, stderrFirst: warning.length } : out(stdout, stderr, errors.length ? 1 : 0);
    }
    case 'scale': {
      const { objs, errors } = targets(ctx, cmd);
      const lines: string[] = [];
      for (const { info, obj } of objs) {
        const spec = (obj as Writable<LooseObject>).spec as Record<string, unknown> | undefined;
        if (!spec || !['Deployment', 'ReplicaSet'].includes(info.kind)) { errors.push(`error: no scaler has been implemented for ${info.kind}`); continue; }
        spec.replicas = cmd.replicas;
        w.store.update(obj);
        lines.push(operationMessage(info, obj.metadata!.name!, 'scaled'));
      }
      return out(lines.map((l) => `${l}\n`).join(''), errors.map((e) => `${e}\n`).join(''), errors.length ? 1 : 0);
    }
    case 'rollout-restart': {
      const { objs, errors } = targets(ctx, cmd);
      const lines: string[] = [];
      for (const { info, obj } of objs) {
        if (info.kind !== 'Deployment') { errors.push(`error: ${operationMessage(info, obj.metadata!.name!, 'restarting is not supported')}`); continue; }
        const d = obj as Deployment;
        const tpl = d.spec!.template as { metadata?: { annotations?: Record<string, string> } };
        // Models kubectl rollout restart: a restartedAt annotation on the pod template makes a new ReplicaSet.
        tpl.metadata = { ...(tpl.metadata ?? {}), annotations: { ...(tpl.metadata?.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': w.iso() } };
        w.store.update(d);
        lines.push(operationMessage(info, obj.metadata!.name!, 'restarted'));
      }
      return out(lines.map((l) => `${l}\n`).join(''), errors.map((e) => `${e}\n`).join(''), errors.length ? 1 : 0);
    }
    case 'port-forward': return portForward(ctx, cmd);
    case 'exec': return runExec(ctx, cmd, stdin);
    case 'events': return fromKubectl(runEvents(snapshot(ctx), { namespace: cmd.namespace, allNamespaces: cmd.allNamespaces, ...(cmd.for ? { for: cmd.for } : {}),
      types: cmd.types, noHeaders: cmd.noHeaders }, nowEpoch));
    case 'curl': return curlLocal(ctx, cmd);
  }
}

const MAX_WATCH_EVENTS = 2_000;

// Models kubectl get --watch: list now, then a row for every change of a watched object until interrupted.
function startWatch(ctx: ActionContext, cmd: Extract<KubectlCommand, { type: 'get' }>, startEpoch: number): CommandOutput {
  const w = ctx.world;
  const opts = getOptionsFor(cmd);
  // The initial list is what the objects are now (the store's objects keep changing afterwards).
  const start = JSON.parse(JSON.stringify(snapshot(ctx))) as ObjectStore;
  const first = runGetWatch(start, opts, startEpoch, []);
  if (first.exitCode !== 0) return fromKubectl(first);
  const kind = resourceInfo(opts.resources[0]).kind;
  const events: { object: ApiObject; atMs: number }[] = [];
  w.store.watch((change) => {
    if (change.obj.kind !== kind || events.length >= MAX_WATCH_EVENTS) return;
    // The watch delivers the object as it was at that moment.
    events.push({ object: JSON.parse(JSON.stringify(change.obj)) as ApiObject, atMs: w.epoch + w.now() });
  });
  const lead = first.stderrFirst ? { stderrFirst: first.stderrFirst } : {};
  return { stdout: first.stdout, stderr: first.stderr, ...lead, watch: () => {
    const r = runGetWatch(start, opts, startEpoch, events);
    return { stdout: r.stdout, stderr: r.stderr, ...lead };
  } };
}

type LogsCmd = Extract<KubectlCommand, { type: 'logs' }>;

/**
 * `kubectl logs -l SELECTOR`, `--all-containers` and `--prefix`: one log request per pod and container, the
 * notes of all of them first (kubectl builds every request before reading any), then each log in turn, each
 * line led by `[pod/NAME/CONTAINER] ` with --prefix; the first failing request ends the command.
 */
// Models logs.go (selectorTail, sequentialConsumeRequest, addPrefixIfNeeded) over polymorphichelpers
// LogsForObject; the requests come from a Go map there, so this order (pods by name, containers in spec
// order) is one of those kubectl may print.
function logsOfMany(ctx: ActionContext, cmd: LogsCmd): CommandOutput {
  const store = snapshot(ctx);
  let pods: Pod[];
  let lead = '';
  if (cmd.selector !== undefined) {
    const reqs = parseSelector(cmd.selector);
    if ('error' in reqs) return out('', `error: ${reqs.error}\n`, 1);
    pods = ((store.pods ?? []) as Pod[]).filter((p) => (p.metadata?.namespace ?? 'default') === cmd.namespace && matchesSelector(p.metadata?.labels, reqs));
    if (pods.length === 0) return out('', `No resources found in ${cmd.namespace} namespace.\n`, 0);
  } else {
    const resolved = resolveLogsPod(store, cmd.target, cmd.namespace);
    if (!resolved.pod) return out('', `${resolved.stderr}${resolved.error ?? ''}\n`, 1);
    lead = resolved.stderr;
    pods = [resolved.pod];
  }
  const read = logReader(ctx);
  let notes = lead, stdout = '';
  for (const pod of pods) {
    const target = `pod/${pod.metadata?.name ?? ''}`;
    const spec = pod.spec;
    const containers: (string | undefined)[] = cmd.allContainers && spec
      ? [...spec.initContainers ?? [], ...spec.containers, ...(spec.ephemeralContainers ?? [])].map((c) => c.name)
      : [cmd.container];
    for (const container of containers) {
      const r = runLogs(store, { target, ...(container !== undefined ? { container } : {}), previous: cmd.previous, follow: false,
        ...(cmd.tail !== undefined ? { tail: cmd.tail } : {}), namespace: cmd.namespace }, read, profile(ctx));
      const first = r.stderrFirst ?? 0;
      notes += r.stderr.slice(0, first);
      if (r.exitCode !== 0) {
        const all = notes + r.stderr.slice(first);
        return { stdout, stderr: all, exit: r.exitCode, ...(notes ? { stderrFirst: notes.length } : {}) };
      }
      const name = container ?? defaultContainer(pod).name;
      stdout += cmd.prefix ? r.stdout.replace(/^(?=.)/gm, `[${target}/${name}] `) : r.stdout;
    }
  }
  return { stdout, stderr: notes, exit: 0, ...(notes ? { stderrFirst: notes.length } : {}) };
}

/** Runs one command line; never throws (a failure becomes kubectl-style stderr). */
export function executeLine(ctx: ActionContext, line: string, stdin?: string): CommandOutput {
  if (!line.includes('$(')) return executeWords(ctx, line, stdin);
  // Inner commands run first, each without stdin (the outer command's stdin is its own).
  const sub = substituteCommands(line, (inner) => {
    const r = executeWords(ctx, inner);
    return { stdout: r.stdout, stderr: r.stderr };
  });
  if ('error' in sub) return out('', `sh: ${sub.error}\n`, 2);
  const r = executeWords(ctx, sub.line, stdin);
  // What the inner commands wrote to stderr reached the terminal before the outer command ran.
  return sub.stderr ? { ...r, stderr: sub.stderr + r.stderr, stderrFirst: sub.stderr.length + (r.stderrFirst ?? 0) } : r;
}

function executeWords(ctx: ActionContext, line: string, stdin?: string): CommandOutput {
  const words = tokenize(line);
  if (Array.isArray(words) && words[0] === 'crictl') return runCrictl(ctx.world, words);
  const parsed = parseKubectl(line);
  if ('error' in parsed) return out('', `${parsed.error}\n`, 1);
  try {
    return run(ctx, parsed, stdin);
  } catch (e) {
    return out('', `error: internal: ${String(e)}\n`, 1);
  }
}

