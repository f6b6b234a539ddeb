/**
 * `crictl` on the node, as a learner runs it there: `crictl pods` lists the pod sandboxes the container
 * runtime holds, `crictl stopp POD-ID…` stops sandboxes (what a node reboot does to every pod). Output and
 * errors as cri-tools cmd/crictl/sandbox.go prints them against containerd's CRI service.
 */
import { goTabwrite } from '../kubectl/goTabwriter';
import type { Sandbox } from '../kubelet/podState';
import type { PodWorker } from '../kubelet/podWorker';
import type { CommandOutput } from './kubectl';
import type { World } from './world';

/** cmd/crictl/util.go truncatedIDLen. */
const TRUNCATED_ID_LEN = 13;

interface Listed {
  readonly sandbox: Sandbox;
  readonly worker: PodWorker;
  /** Creation order across the node, to order sandboxes made in the same instant. */
  readonly seq: number;
}

interface PodsOptions {
  name?: string;
  namespace?: string;
  state?: string;
  id?: string;
  quiet: boolean;
  noTrunc: boolean;
  latest: boolean;
  last?: number;
}

const fail = (message: string): CommandOutput => ({ stdout: '', stderr: `ERRO[0000] ${message}\n`, exit: 1 });

/**
 * Every sandbox on the node, newest first (getSandboxesList sorts by CreatedAt, descending). A pod's
 * sandboxes go when the pod is removed; a terminal pod's sandbox was stopped by the kubelet (KillPod).
 */
function sandboxes(world: World): Listed[] {
  const out: Listed[] = [];
  for (const worker of world.kubelet.workers.values()) {
    if (worker.gone) continue;
    for (const sandbox of worker.rt.sandboxes) out.push({ sandbox, worker, seq: out.length });
  }
  return out.sort((a, b) => b.sandbox.createdAt - a.sandbox.createdAt || b.seq - a.seq);
}

function ready(l: Listed): boolean {
  return l.sandbox.ready && l.worker.rt.finalPhase === undefined;
}

/** docker/go-units HumanDuration, which crictl's CREATED column uses ("2 minutes ago"). */
// Models go-units duration.go HumanDuration (the ranges a playground run reaches, and beyond).
export function unitsHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(seconds / 3600);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  return `${Math.trunc(hours / 24)} days`;
}

/** What Go's regexp parser calls the errors JavaScript's finds too (regexp/syntax ErrorCode texts). */
const GO_REGEXP_ERRORS: readonly [RegExp, string][] = [
  [/Unterminated group/, 'missing closing )'], [/Unmatched '\)'/, 'unexpected )'], [/Unterminated character class/, 'missing closing ]'],
  [/Nothing to repeat/, 'missing argument to repetition operator'], [/\\ at end of pattern/, 'trailing backslash at end of expression'],
];

/**
 * Models crictl compileRegex for --name/--namespace (Go regexp MatchString; JavaScript's syntax agrees on the
 * usual patterns). The error names the whole pattern, as Go does for these codes.
 */
function compile(pattern: string | undefined): RegExp | null | { error: string } {
  if (pattern === undefined || pattern === '') return null;
  try {
    return new RegExp(pattern);
  } catch (e) {
    const code = GO_REGEXP_ERRORS.find(([re]) => re.test(String(e)))?.[1] ?? 'invalid syntax';
    return { error: `listing pod sandboxes: list pod sandboxes: invalid regular expression ${JSON.stringify(pattern)}: error parsing regexp: ${code}: \`${pattern}\`` };
  }
}

// Models crictl pods (OutputPodSandboxes, table output): tabwriter minwidth 20, padding 3.
function pods(world: World, o: PodsOptions): CommandOutput {
  const state = o.state?.toLowerCase();
  if (state !== undefined && state !== 'ready' && state !== 'notready') return fail('listing pod sandboxes: list pod sandboxes: --state should be ready or notready');
  const nameRe = compile(o.name);
  const nsRe = compile(o.namespace);
  if (nameRe && 'error' in nameRe) return fail(nameRe.error);
  if (nsRe && 'error' in nsRe) return fail(nsRe.error);
  let list = sandboxes(world).filter((l) => {
    const m = l.worker.rt.pod.metadata!;
    if (o.id && !l.sandbox.id.startsWith(o.id)) return false;
    if (state && (state === 'ready') !== ready(l)) return false;
    if (nameRe && !nameRe.test(m.name ?? '')) return false;
    return !nsRe || nsRe.test(m.namespace ?? 'default');
  });
  // Models truncateCount: --latest is one, --last N the N newest.
  const count = o.latest ? 1 : o.last ?? 0;
  if (count > 0) list = list.slice(0, count);
  if (o.quiet) return { stdout: list.map((l) => `${l.sandbox.id}\n`).join(''), stderr: '', exit: 0 };
  const now = world.now();
  const rows = ['POD ID\tCREATED\tSTATE\tNAME\tNAMESPACE\tATTEMPT\tRUNTIME'];
  for (const l of list) {
    const m = l.worker.rt.pod.metadata!;
    const id = o.noTrunc ? l.sandbox.id : l.sandbox.id.slice(0, TRUNCATED_ID_LEN);
    rows.push([id, `${unitsHumanDuration(now - l.sandbox.createdAt)} ago`, ready(l) ? 'Ready' : 'NotReady', m.name ?? '',
      m.namespace ?? 'default', String(l.sandbox.attempt), '(default)'].join('\t'));
  }
  return { stdout: goTabwrite(rows.join('\n') + '\n', { minwidth: 20, padding: 3 }), stderr: '', exit: 0 };
}

/**
 * Models crictl stopp → containerd StopPodSandbox: the id may be any unique prefix (the sandbox store's
 * truncindex); stopping a stopped sandbox succeeds again. crictl stops at the first failure.
 */
function stopp(world: World, ids: readonly string[]): CommandOutput {
  let stdout = '';
  for (const id of ids) {
    const matches = id === '' ? [] : sandboxes(world).filter((l) => l.sandbox.id.startsWith(id));
    const reason = id === '' ? 'ID cannot be empty'
      : matches.length === 0 ? `rpc error: code = NotFound desc = an error occurred when try to find sandbox "${id}": not found`
        : matches.length > 1 ? `rpc error: code = Unknown desc = an error occurred when try to find sandbox "${id}": multiple IDs found with provided prefix: ${id}`
          : '';
    if (reason) return { stdout, stderr: `ERRO[0000] stopping the pod sandbox "${id}": ${reason}\n`, exit: 1 };
    const l = matches[0];
    // Only the newest sandbox of a pod runs containers; an older one is already stopped.
    if (l.sandbox === l.worker.rt.sandboxes[l.worker.rt.sandboxes.length - 1]) l.worker.sandboxStopped();
    l.sandbox.ready = false;
    stdout += `Stopped sandbox ${id}\n`;
  }
  return { stdout, stderr: '', exit: 0 };
}

const BOOL_FLAGS: Record<string, 'quiet' | 'noTrunc' | 'latest' | 'verbose'> = {
  q: 'quiet', quiet: 'quiet', 'no-trunc': 'noTrunc', l: 'latest', latest: 'latest', v: 'verbose', verbose: 'verbose',
};
const VALUE_FLAGS: Record<string, 'name' | 'namespace' | 'state' | 'id' | 'last' | 'output'> = {
  name: 'name', namespace: 'namespace', s: 'state', state: 'state', id: 'id', n: 'last', last: 'last', o: 'output', output: 'output',
};

// Models urfave/cli flag parsing for `crictl pods` (UseShortOptionHandling: -ql is -q -l).
function parsePods(args: readonly string[]): PodsOptions | { error: string } {
  const o: PodsOptions = { quiet: false, noTrunc: false, latest: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-') || arg === '-') continue;
    const eq = arg.indexOf('=');
    const name = arg.replace(/^--?/, '').slice(0, eq < 0 ? undefined : eq - (arg.startsWith('--') ? 2 : 1));
    const names = !arg.startsWith('--') && name.length > 1 && !VALUE_FLAGS[name] && !BOOL_FLAGS[name] ? [...name] : [name];
    for (const n of names) {
      if (BOOL_FLAGS[n]) {
        const key = BOOL_FLAGS[n];
        if (key === 'verbose') return { error: 'crictl pods -v (verbose) is not supported in this playground' };
        o[key] = true;
        continue;
      }
      const key = VALUE_FLAGS[n];
      if (!key) return { error: `Incorrect Usage: flag provided but not defined: -${n}` };
      const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) return { error: `Incorrect Usage: flag needs an argument: -${n}` };
      if (key === 'output') {
        if (value !== 'table') return { error: `crictl pods -o ${value} is not supported in this playground` };
      } else if (key === 'last') {
        if (!/^-?\d+$/.test(value)) return { error: `Incorrect Usage: invalid value "${value}" for flag -${n}: parse error` };
        o.last = Number(value);
      } else o[key] = value;
    }
  }
  return o;
}

/** Runs a `crictl …` console line (already split into words). */
export function runCrictl(world: World, words: readonly string[]): CommandOutput {
  const [sub, ...args] = words.slice(1);
  if (sub === 'pods') {
    const o = parsePods(args);
    return 'error' in o ? { stdout: '', stderr: `${o.error}\n`, exit: 1 } : pods(world, o);
  }
  if (sub === 'stopp') {
    const ids = args.filter((a) => !a.startsWith('-'));
    // Models the stopp Action: with no POD-ID crictl shows the command's help and exits 0.
    if (ids.length === 0) return { stdout: 'NAME:\n   crictl stopp - Stop one or more running pods\n\nUSAGE:\n   crictl stopp POD-ID [POD-ID...]\n', stderr: '', exit: 0 };
    return stopp(world, ids);
  }
  if (sub === undefined) return { stdout: '', stderr: 'crictl: give a command: crictl pods, crictl stopp POD-ID\n', exit: 1 };
  return { stdout: '', stderr: `"crictl ${sub}" is not supported in this playground\n`, exit: 1 };
}
