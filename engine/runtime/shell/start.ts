/* eslint-disable require-yield -- every builtin and applet is a generator with one signature; some never block. */
/**
 * Starting a container's main process: `sh -c …` (or a script, or any applet such as `sleep 3600`)
 * as PID 1 inside a fresh kernel, behind the ContainerProcess seam.
 */
import { CONTAINERD_PATH } from '../containerEnv';
import type { ContainerHost, ContainerProcess, ExitStatus } from '../seam';
import type { FsView } from '../fs/view';
import { DATA_BUDGET, Kernel, MEMORY_BUDGET, type Budgets, type ProcGen } from './kernel';
import { retain, type FdTable } from './io';
import { Shell } from './shell';
import { ShellRuntime, basename } from './runtime';
import { defaultOptions, Vars, type ShellData } from './state';
import { readAll, type Ctx, type ImageFlavor } from './sys';
import { appletFor } from '../programs/registry';
import type { ScriptCache } from './scriptCache';
import type { Dialect } from './dialect';
import { dialectFor } from './dialects';

export interface ShellOptions {
  /** The container's argv (command + args), e.g. ['sh', '-c', 'echo hi'] or ['sleep', '3600']. */
  readonly argv: readonly string[];
  /** Environment in order (later entries win). */
  readonly env: readonly (readonly [string, string])[];
  /** Working directory (default '/'). */
  readonly cwd?: string;
  readonly fs: FsView;
  readonly uid?: number;
  readonly gid?: number;
  /** Supplementary groups (fsGroup …). */
  readonly groups?: readonly number[];
  readonly host: ContainerHost;
  readonly budgets: {
    readonly commandMicros: number;
    readonly stepBudget: number;
    readonly outputBudget: number;
    /** Live processes at once (default 256). */
    readonly maxProcs?: number;
    /** Function nesting (default 200). */
    readonly maxDepth?: number;
    /** resources.limits.memory in bytes (default: none). */
    readonly memoryLimit?: number;
    /** Data one process may hold (default MEMORY_BUDGET). */
    readonly memoryBudget?: number;
    /** Bytes the container may read and write (default DATA_BUDGET). */
    readonly dataBudget?: number;
  };
  readonly flavor: ImageFlavor;
  /** Wall-clock epoch ms of virtual time 0 (PodFacts.epochMs); default: DEFAULT_EPOCH_MS. */
  readonly epochMs?: number;
  /** The pod's IP (PodFacts.ip); default: the address /etc/hosts gives the hostname. */
  readonly podIp?: string;
  /** Parsed scripts to share with other containers (default: this container's own). */
  readonly scripts?: ScriptCache;
  /** Test hook: sees the kernel when the main process ends. */
  readonly onKernel?: (k: Kernel) => void;
  /** Data the main process reads on stdin, then end of file (default: /dev/null). */
  readonly stdin?: string;
}


/**
 * The variables a shell starts with, by environment map, then dialect, then `release ppid uid cwd`: every
 * shell started from the same environment (each container of a pod template, each `kubectl exec`) shares
 * one table until it changes a variable (Vars is copy-on-write). Only environments that outlive one shell
 * are kept (runProgram's, made once per container environment).
 */
const startVars = new WeakMap<ReadonlyMap<string, string>, Map<Dialect, Map<string, Vars>>>();

/** A fresh shell state from an environment (what exec of /bin/sh starts with). */
export function newShellData(env: ReadonlyMap<string, string>, arg0: string, pos: string[], cwd: string, proc: { readonly pid: number; readonly ppid: number },
  uid: number, dialect: Dialect, flavor: ImageFlavor, shareStart = false): ShellData {
  const pid = proc.pid;
  const release = flavor.release ?? 'bookworm';
  let vars: Vars;
  if (shareStart) {
    let byDialect = startVars.get(env);
    if (!byDialect) startVars.set(env, (byDialect = new Map()));
    let byFacts = byDialect.get(dialect);
    if (!byFacts) byDialect.set(dialect, (byFacts = new Map()));
    const key = `${release} ${proc.ppid} ${uid} ${cwd}`;
    let start = byFacts.get(key);
    if (!start) byFacts.set(key, (start = startTable(env, cwd, proc.ppid, uid, dialect, release)));
    vars = new Vars(start);
  } else {
    vars = startTable(env, cwd, proc.ppid, uid, dialect, release);
  }
  return {
    vars, funcs: new Map(), pos, arg0, cwd, opt: defaultOptions(), traps: new Map(), status: 0, bgPid: null,
    frames: [], loopDepth: 0, condDepth: 0, rootPid: pid, dialect,
  };
}

function startTable(env: ReadonlyMap<string, string>, cwd: string, ppid: number, uid: number, dialect: Dialect, release: 'bookworm' | 'trixie'): Vars {
  const vars = new Vars();
  const own = vars.own;
  for (const [k, v] of env) own.set(k, { v, exp: true, ro: false });
  for (const [k, v] of Object.entries(dialect.initialVars(release, env, { ppid, uid }))) {
    const exp = own.get(k)?.exp ?? k === 'SHLVL';
    own.set(k, typeof v === 'string' ? { v, exp, ro: false } : { v: v[0], exp, ro: false, arr: new Map(v.map((x, i) => [i, x])) });
  }
  if (!own.has('PATH')) own.set('PATH', { v: dialect.defaultPath.value, exp: dialect.defaultPath.exported, ro: false });
  own.set('PWD', { v: cwd, exp: own.get('PWD')?.exp ?? true, ro: false });
  return vars;
}

/**
 * runProgram's environment map, made once per ShellOptions.env list (the kubelet hands every container of
 * a namespace the same list of service links when it adds nothing) and never changed after. The entries it
 * was made from are kept to check: a list changed since gets a new map.
 */
const envMaps = new WeakMap<ShellOptions['env'], { readonly from: readonly string[]; readonly env: ReadonlyMap<string, string> }>();

function envMapOf(list: ShellOptions['env']): ReadonlyMap<string, string> {
  const memo = envMaps.get(list);
  if (memo && sameEntries(memo.from, list)) return memo.env;
  const env = new Map<string, string>();
  const from: string[] = [];
  for (const [n, v] of list) { env.set(n, v); from.push(n, v); }
  if (!env.has('PATH')) env.set('PATH', CONTAINERD_PATH);
  envMaps.set(list, { from, env });
  return env;
}

function sameEntries(from: readonly string[], list: ShellOptions['env']): boolean {
  if (from.length !== 2 * list.length) return false;
  for (let i = 0; i < list.length; i++) if (from[2 * i] !== list[i][0] || from[2 * i + 1] !== list[i][1]) return false;
  return true;
}

/**
 * Run a container's main process. argv[0] is looked up on $PATH like the runtime's exec; a
 * missing program ends with reason StartError, as containerd reports it.
 */
export function runShell(opts: ShellOptions): ContainerProcess {
  return runProgram(opts);
}

export function* runProgram(opts: ShellOptions): ContainerProcess {
  const host = opts.host;
  const budgets: Budgets = {
    commandMicros: opts.budgets.commandMicros, stepBudget: opts.budgets.stepBudget,
    outputBudget: opts.budgets.outputBudget, maxProcs: opts.budgets.maxProcs ?? 256, maxDepth: opts.budgets.maxDepth ?? 200,
    memoryLimit: opts.budgets.memoryLimit ?? Infinity, memoryBudget: opts.budgets.memoryBudget ?? MEMORY_BUDGET,
    dataBudget: opts.budgets.dataBudget ?? DATA_BUDGET,
  };
  const k = new Kernel(host, budgets);
  if (opts.epochMs !== undefined) k.epochMs = opts.epochMs;
  const fs = opts.fs;
  k.podIp = opts.podIp ?? podIpFromHosts(fs);
  const cred = { uid: opts.uid ?? 0, gid: opts.gid ?? 0, groups: opts.groups ?? [] };
  const rt = new ShellRuntime(k, fs, cred, host, opts.flavor, opts.scripts);
  fs.now = host.now();
  k.onResume = () => { fs.now = host.now(); };
  fs.meter = (cost) => k.io(cost);
  fs.observer = {
    fileOp: (op) => host.fileOp(op),
    changed: (key, volume) => {
      k.notifyLocal(key);
      if (volume) host.notify(key);
    },
  };
  const env = envMapOf(opts.env);
  const cwd = opts.cwd ?? '/';
  const argv = [...opts.argv];
  const fds: FdTable = [retain({ kind: 'null', refs: 0 }), retain({ kind: 'console', stream: 'stdout', refs: 0 }), retain({ kind: 'console', stream: 'stderr', refs: 0 })];
  if (opts.stdin) {
    // A pipe that holds the data and has no writer: reads return it, then end of file.
    const { r, pipe } = k.newPipe();
    pipe.buf = opts.stdin;
    fds[0] = retain(r);
  }

  // Resolve argv[0] as exec would, before anything runs (PATH from the environment, set above).
  const found = argv[0]?.includes('/') ? null : rt.lookPath(env.get('PATH') ?? '', cwd, argv[0] ?? '');
  const path = argv[0]?.includes('/') ? argv[0] : found?.path ?? null;
  const node = path === null ? null : found ? found.node : fs.exists(path, cwd, cred);
  if (!argv.length || path === null || !node || node.kind !== 'file') {
    return startError(argv[0] ?? '', path === null ? 'not-in-path' : !node ? 'missing' : node.kind === 'dir' ? 'dir' : 'not-executable');
  }
  const name = node.exe === 'busybox' ? basename(path) : node.exe ?? 'sh';
  if (name === 'busybox' && argv.length > 1) argv.shift();
  const prog = name === 'busybox' ? basename(argv[0]) : name;

  k.execShell = (p, av, e, dir, dialect) => {
    const d = newShellData(e, av[0], [], dir, p, rt.cred.uid, dialect, opts.flavor);
    const sh = new Shell(rt, p, d, false);
    p.disposition = (sig) => sh.disposition(sig);
    return shellMain(sh, av.slice(1));
  };
  const init = k.spawn(0, fds, (p) => {
    p.argv = opts.argv;
    const dialect = node.exe ? dialectFor(prog) : rt.scriptDialect(node.data);
    if (dialect) {
      const d = newShellData(env, argv[0], [], cwd, p, rt.cred.uid, dialect, opts.flavor, true);
      const sh = new Shell(rt, p, d, true);
      p.disposition = (sig) => sh.disposition(sig);
      // A script found on $PATH runs from the path exec found (which is also its $0).
      return shellMain(sh, node.exe ? argv.slice(1) : [path, ...argv.slice(1)]);
    }
    const applet = appletFor(prog, opts.flavor);
    const ctx: Ctx = { k, p, fs, cred, host, flavor: opts.flavor, argv, cwd, env, line: 0 };
    return applet ? applet(ctx) : (function* (): ProcGen { return 127; })();
  });
  try {
    return yield* k.run(init);
  } finally {
    if (opts.onKernel) opts.onKernel(k);
  }
}

/** sh [-eux] -c SCRIPT [ARG0 [ARGS…]] | sh FILE [ARGS…] | sh (reads stdin). */
export function* shellMain(sh: Shell, args: string[]): ProcGen {
  let cmode = false;
  let smode = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { i++; break; }
    if ((a[0] !== '-' && a[0] !== '+') || a.length < 2) break;
    for (const c of a.slice(1)) {
      if (c === 'c') cmode = true;
      else if (c === 's') smode = true;
      else if ('eufxnvC'.includes(c)) sh.d.opt[c as 'e'] = a[0] === '-';
    }
  }
  let script: string;
  if (cmode) {
    script = args[i] ?? '';
    if (args[i + 1] !== undefined) sh.d.arg0 = sh.d.commandName = args[i + 1];
    sh.d.pos = args.slice(i + 2);
  } else if (i < args.length && !smode) {
    try {
      script = sh.fs.readFile(args[i], sh.d.cwd, sh.cred);
    } catch {
      const [text, status] = sh.d.dialect.msg.scriptMissing(sh.d.arg0, args[i]);
      sh.writeErrSync(text + '\n');
      return status;
    }
    sh.d.arg0 = sh.d.commandName = args[i];
    sh.d.pos = args.slice(i + 1);
  } else {
    // Models ash's input from standard input (no -c, no script file, or -s): the commands are what fd 0 holds
    // to its end (ash reads it a buffer at a time; a script that also reads stdin finds what is left after).
    sh.d.pos = args.slice(i);
    const of = sh.p.fds[0];
    script = of && of.kind !== 'null' ? yield* readAll(sh.k, of) : '';
  }
  let status: number;
  // A script file's lines count from 1 (only busybox's -c counts from 0).
  sh.line = cmode ? sh.d.dialect.firstLine : 1;
  try {
    status = yield* sh.rt.evalString(sh, script, false);
  } catch (e) {
    status = sh.caught(e);
  }
  return yield* sh.exitTrap(status);
}

/** The kubelet writes `<pod ip>\t<hostname>` as the last line of /etc/hosts. */
function podIpFromHosts(fs: FsView): string {
  try {
    const root = { uid: 0, gid: 0, groups: [] };
    const name = fs.readFile('/etc/hostname', '/', root).trim();
    for (const line of fs.readFile('/etc/hosts', '/', root).split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f.length > 1 && f.slice(1).includes(name) && /^\d+\.\d+\.\d+\.\d+$/.test(f[0]) && f[0] !== '127.0.0.1') return f[0];
    }
  } catch { /* no pod files (tests) */ }
  return '127.0.0.1';
}

// Models runc's exec errors (libcontainer/standard_init_linux.go, exec.LookPath): a name not on $PATH, a path
// that does not exist, a directory, a file without the execute bit.
function startError(cmd: string, why: 'not-in-path' | 'missing' | 'dir' | 'not-executable'): ExitStatus {
  const detail = why === 'not-in-path' ? 'executable file not found in $PATH'
    : why === 'missing' ? `stat ${cmd}: no such file or directory` : why === 'dir' ? 'is a directory' : 'permission denied';
  const reason = `exec: "${cmd}": ${detail}`;
  return {
    code: 128, reason: 'StartError',
    message: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${reason}: unknown`,
  };
}
