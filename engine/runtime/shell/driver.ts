/**
 * Run a script without the kubelet: a fake host whose clock jumps to each timer, collecting
 * stdout/stderr, notes and file operations. For unit tests, the differential suite and the bench.
 */
import type { ContainerHost, DnsQuery, DnsReply, ConnectResult, FileOp, RuntimeNote, ExitStatus, ListenerHandle } from '../seam';
import { createBaseLayer, createContainerFs, createDistroLayer, type FileSpec, type FsView, type Tree } from '../fs/index';
import { APPLET_NAMES, DISTRO_PROGRAMS } from '../programs/registry';
import { runProgram, type ShellOptions } from './start';
import type { ImageFlavor } from './sys';
import type { Kernel } from './kernel';

export interface ScriptOptions {
  readonly env?: readonly (readonly [string, string])[];
  readonly cwd?: string;
  /** Files to put into the image layer (absolute path → content). */
  readonly files?: Readonly<Record<string, string>>;
  readonly fs?: FsView;
  readonly uid?: number;
  readonly gid?: number;
  readonly flavor?: ImageFlavor;
  readonly commandMicros?: number;
  readonly stepBudget?: number;
  readonly outputBudget?: number;
  readonly memoryLimit?: number;
  readonly memoryBudget?: number;
  readonly dataBudget?: number;
  readonly maxProcs?: number;
  readonly maxDepth?: number;
  /** Full argv instead of ['sh', '-c', script]. */
  readonly argv?: readonly string[];
  readonly dns?: (q: DnsQuery) => DnsReply;
  readonly connect?: (ip: string, port: number) => ConnectResult;
  /** Virtual ms after which the run is abandoned (default 1 hour). */
  readonly untilMs?: number;
  /** Wall-clock epoch ms of virtual time 0 (default DEFAULT_EPOCH_MS). */
  readonly epochMs?: number;
  /** The pod IP servers see as the client address. */
  readonly podIp?: string;
  /** Called with the kernel once the run ends (the bench reads its command count). */
  readonly onKernel?: (k: Kernel) => void;
  /** Signals to deliver at virtual ms. */
  readonly signals?: readonly { readonly at: number; readonly signal: 'TERM' | 'INT' | 'HUP' }[];
}

export interface ScriptResult {
  stdout: string;
  stderr: string;
  /** Interleaved output in order. */
  output: { stream: 'stdout' | 'stderr'; text: string; t: number }[];
  status: ExitStatus | null;
  code: number;
  timeMs: number;
  notes: RuntimeNote[];
  fileOps: FileOp[];
  /** True when the process was still blocked with nothing to wake it (or past untilMs). */
  hung: boolean;
}

/** A filesystem shaped like the busybox image (a GNU flavour: like debian:bookworm), plus `files`. */
export function createTestFs(files: Readonly<Record<string, FileSpec>> = {}, key = 'test', flavor?: ImageFlavor): FsView {
  const image: Tree = flavor?.userland === 'gnu'
    ? createDistroLayer('image', { release: 'bookworm', sh: 'dash', programs: [...DISTRO_PROGRAMS, ...(flavor.extraApplets ?? [])], files })
    : createBaseLayer('image', { applets: [...APPLET_NAMES, ...(flavor?.extraApplets ?? [])], files });
  return createContainerFs({ image, key, mounts: [] });
}

export function runScript(script: string, opts: ScriptOptions = {}): ScriptResult {
  let now = 0;
  const res: ScriptResult = { stdout: '', stderr: '', output: [], status: null, code: -1, timeMs: 0, notes: [], fileOps: [], hung: false };
  const host: ContainerHost = {
    now: () => now,
    output: (stream, text) => {
      if (stream === 'stdout') res.stdout += text;
      else res.stderr += text;
      res.output.push({ stream, text, t: now });
    },
    dns: opts.dns ?? ((): DnsReply => ({ rcode: 'NXDOMAIN', answers: [] })),
    connect: opts.connect ?? ((): ConnectResult => ({ ok: false, error: 'refused' })),
    listen: (_p: number, _h: ListenerHandle) => true,
    unlisten: () => undefined,
    fileOp: (op) => { res.fileOps.push(op); },
    notify: () => undefined,
    explain: (n) => { res.notes.push(n); },
  };
  const sopts: ShellOptions = {
    argv: opts.argv ?? ['sh', '-c', script],
    env: opts.env ?? [['PATH', '/bin'], ['HOME', '/root']],
    cwd: opts.cwd ?? '/',
    fs: opts.fs ?? createTestFs(opts.files ?? {}, 'test', opts.flavor),
    uid: opts.uid, gid: opts.gid,
    host,
    budgets: { commandMicros: opts.commandMicros ?? 10, stepBudget: opts.stepBudget ?? 1_000_000, outputBudget: opts.outputBudget ?? 1 << 20, maxProcs: opts.maxProcs, maxDepth: opts.maxDepth,
      memoryLimit: opts.memoryLimit, memoryBudget: opts.memoryBudget, dataBudget: opts.dataBudget },
    flavor: opts.flavor ?? { busyboxVersion: '1.36' },
    epochMs: opts.epochMs,
    podIp: opts.podIp,
    onKernel: opts.onKernel,
  };
  const gen = runProgram(sopts);
  const until = opts.untilMs ?? 3_600_000;
  const signals = [...(opts.signals ?? [])].sort((a, b) => a.at - b.at);
  let step = gen.next({ type: 'start' });
  while (!step.done) {
    const eff = step.value;
    const target = eff.type === 'sleep' ? now + eff.ms : eff.timeoutMs !== undefined ? now + eff.timeoutMs : Infinity;
    const sig = signals[0];
    if (sig && sig.at <= target) {
      signals.shift();
      now = Math.max(now, sig.at);
      step = gen.next({ type: 'signal', signal: sig.signal });
      continue;
    }
    if (target === Infinity || target > until) { res.hung = true; now = Math.min(target, until); break; }
    now = target;
    step = gen.next({ type: 'timer' });
  }
  if (step.done) { res.status = step.value; res.code = step.value.code; }
  res.timeMs = now;
  return res;
}

/**
 * For the bench: run `script` to the end with a fake host (no budgets in the way) and return how
 * many simple commands the kernel executed. The caller measures wall time around the call.
 */
export function benchScript(script: string, opts: ScriptOptions = {}): { commands: number } {
  let commands = 0;
  runScript(script, { stepBudget: 1e12, untilMs: 1e15, ...opts, onKernel: (k) => { commands = k.steps; } });
  return { commands };
}
