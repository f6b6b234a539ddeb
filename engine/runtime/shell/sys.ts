/**
 * System calls for processes inside the container: read/write on fds (blocking on pipes),
 * opening files for redirections, and the context every applet runs with.
 */
import type { ContainerHost } from '../seam';
import type { Cred } from '../fs/resolve';
import { FsError, type Errno } from '../fs/errors';
import type { FsView } from '../fs/view';
import type { Stdio } from '../programs/stdio';
import { PIPE_CAP, retain, type OpenFile } from './io';
import { FLUSH, LINE_COST, type Block, type Kernel, type Proc } from './kernel';

/** Thrown by a write to a pipe nobody reads: the writer dies of SIGPIPE (status 141). */
export class SigPipe extends Error {}

export interface ImageFlavor {
  /** busybox version of the image tag ('1.28', '1.31', '1.36' …). */
  readonly busyboxVersion: string;
  /** Non-busybox programs the image adds (e.g. 'curl' for curl images). */
  readonly extraApplets?: readonly string[];
  /**
   * Whose programs /bin holds: busybox applets (default), or the GNU userland of Debian-based
   * images (coreutils, grep, sed, mawk; dash as /bin/sh, bash), with GNU wording.
   */
  readonly userland?: 'busybox' | 'gnu';
  /** Debian release of a GNU userland (versions differ: bash 5.2.15 in bookworm, 5.2.37 in trixie). */
  readonly release?: 'bookworm' | 'trixie';
  /** Versions of the image's own programs, e.g. { python: '3.12.8', node: '22.12.0' } (from the image tag). */
  readonly versions?: Readonly<Record<string, string>>;
}

/** What an applet (or the shell) runs with. */
export interface Ctx {
  readonly k: Kernel;
  readonly p: Proc;
  readonly fs: FsView;
  readonly cred: Cred;
  readonly host: ContainerHost;
  readonly flavor: ImageFlavor;
  readonly argv: readonly string[];
  /** Working directory (canonical). */
  cwd: string;
  /** Exported environment as the applet sees it. */
  readonly env: ReadonlyMap<string, string>;
  /** Line of the shell command that started it (for explain notes). */
  readonly line: number;
  /** The applet's stdout buffer, when it writes through one (programs/stdio.ts). */
  stdio?: Stdio;
}

/**
 * A Ctx whose environment is built on first use: most applets (sleep, echo, cat …) never read it. A class
 * rather than an object literal with a getter, which V8 builds slowly on every command.
 */
export class LazyEnvCtx implements Ctx {
  private envMap: ReadonlyMap<string, string> | undefined;
  stdio: Stdio | undefined;
  constructor(
    readonly k: Kernel, readonly p: Proc, readonly fs: FsView, readonly cred: Cred, readonly host: ContainerHost,
    readonly flavor: ImageFlavor, readonly argv: readonly string[], public cwd: string, readonly line: number,
    /** The shell's exported variables, and the command's prefix assignments laid over them. */
    private readonly vars: { exported(): Map<string, string> },
    private readonly assigns: readonly (readonly [string, string])[],
  ) {}

  get env(): ReadonlyMap<string, string> {
    return (this.envMap ??= exportedWith(this.vars, this.assigns));
  }
}

/** The environment a program gets: the exported variables plus the command's prefix assignments. */
export function exportedWith(vars: { exported(): Map<string, string> }, assigns: readonly (readonly [string, string])[]): Map<string, string> {
  const env = vars.exported();
  for (const [n, v] of assigns) env.set(n, v);
  return env;
}

/**
 * Write all of `s` to fd `fd` (libbb full_write). Blocks on a full pipe; throws SigPipe when nobody reads.
 * Returns the errno of a failed write (EBADF: no such fd or not open for writing; ENOSPC: /dev/full or a
 * full tmpfs, after writing what fit), null when all was written.
 */
export function* writeFd(k: Kernel, p: Proc, fd: number, s: string): Generator<Block, Errno | null, unknown> {
  const of = p.fds[fd];
  if (!of) return 'EBADF';
  return yield* writeOf(k, of, s);
}

/** full_write to a file: write(2) again after a short count, so a full tmpfs keeps what fit and then fails. */
export function writeFileOf(of: OpenFile & { kind: 'file' }, s: string): Errno | null {
  if (!of.write) return 'EBADF';
  try {
    for (;;) {
      const start = of.append && of.info.node.kind === 'file' ? of.info.node.data.length : of.pos;
      of.pos = of.fs.writeAt(of.info, s, of.pos, of.append);
      const n = of.pos - start;
      if (n >= s.length) return null;
      s = s.slice(n);
    }
  } catch (e) {
    if (e instanceof FsError) return e.code;
    throw e;
  }
}

export function* writeOf(k: Kernel, of: OpenFile, s: string): Generator<Block, Errno | null, unknown> {
  if (s === '') return null;
  // Data through a pipe is counted once, when it is read. A line written is per-line work (ls -R in a loop).
  if (of.kind !== 'pipe') k.io(s.length + countLines(s) * LINE_COST);
  switch (of.kind) {
    case 'console':
      if (k.pending >= 1000) yield FLUSH;
      k.console(of.stream, s);
      return null;
    case 'capture':
      // The shell holds a command substitution's output in memory until the command ends: past the memory
      // limit or the playground's budget, hold throws before anything more is kept.
      of.size += s.length;
      k.hold(of.size);
      of.out.push(s);
      return null;
    case 'null':
    case 'zero':
      return null;
    case 'full':
      return 'ENOSPC';
    case 'file':
      if (k.pending >= 1000) yield FLUSH;
      return writeFileOf(of, s);
    case 'pipe': {
      if (!of.write) return 'EBADF';
      const pipe = of.pipe;
      let rest = s;
      for (;;) {
        if (pipe.readers === 0) throw new SigPipe();
        const room = PIPE_CAP - pipe.buf.length;
        if (room > 0) {
          const chunk = rest.length <= room ? rest : rest.slice(0, room);
          pipe.buf += chunk;
          rest = rest.slice(chunk.length);
          k.pipeChanged(pipe);
          if (rest === '') return null;
        }
        yield { k: 'pipe', pipe };
      }
    }
  }
}

const ZEROS = '\0'.repeat(4096);

/**
 * A page of /dev/urandom: bytes of a xorshift32 stream, seeded from the kernel at the first read (the
 * engine is deterministic, so every run of a scenario draws the same bytes; two opens draw different ones).
 * The engine's strings carry text, where a character above 0x7f is two UTF-8 bytes: the stream keeps to
 * 0–0x7f so that a character stays a byte (`tr -dc a-z`, `head -c`, `od` count alike).
 */
function randomPage(k: Kernel, rng: { s: number }): string {
  if (rng.s === 0) rng.s = k.randomSeed();
  let x = rng.s;
  const bytes = new Array<number>(ZEROS.length);
  for (let i = 0; i < bytes.length; i += 4) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    bytes[i] = x & 0x7f; bytes[i + 1] = (x >>> 8) & 0x7f; bytes[i + 2] = (x >>> 16) & 0x7f; bytes[i + 3] = (x >>> 24) & 0x7f;
  }
  rng.s = x;
  return String.fromCharCode(...bytes);
}

/**
 * Reading a file that was written since this descriptor last read it costs its whole size against the data
 * budget: an append makes the data a new string that the read copies whole (a loop that reads a file while
 * appending to it, `while read l; do echo $l >> f; done < f`, is quadratic here, endless on a real system).
 */
function changedCost(k: Kernel, of: OpenFile & { kind: 'file' }, data: string): void {
  if (of.seen === data) return;
  if (of.seen !== undefined) k.io(data.length);
  of.seen = data;
}

/** Read what is available (blocking until some data or EOF). null at EOF. */
export function* readOf(k: Kernel, of: OpenFile): Generator<Block, string | null, unknown> {
  switch (of.kind) {
    case 'pipe': {
      const pipe = of.pipe;
      for (;;) {
        if (pipe.buf !== '') {
          const s = pipe.buf;
          pipe.buf = '';
          k.pipeChanged(pipe);
          k.io(s.length);
          return s;
        }
        if (pipe.writers === 0) return null;
        yield { k: 'pipe', pipe };
      }
    }
    case 'file': {
      if (!of.read || of.info.node.kind !== 'file') return null;
      const data = of.info.node.data;
      if (of.pos >= data.length) return null;
      changedCost(k, of, data);
      const s = data.slice(of.pos);
      of.pos = data.length;
      k.io(s.length);
      return s;
    }
    case 'zero':
    case 'full':
      // An endless device: each page read costs CPU like a command, so `cat /dev/zero` spins in virtual time.
      k.charge();
      k.io(ZEROS.length);
      return of.kind === 'zero' && of.rng ? randomPage(k, of.rng) : ZEROS;
    default:
      return null;
  }
}

/**
 * Read one line for the `read` builtin without taking more than the line (ash reads a pipe one
 * byte at a time for the same reason). Returns [text, sawNewline] or null at EOF.
 */
export function* readLineOf(k: Kernel, of: OpenFile): Generator<Block, [string, boolean] | null, unknown> {
  if (of.kind === 'file') {
    if (!of.read || of.info.node.kind !== 'file') return null;
    const data = of.info.node.data;
    if (of.pos >= data.length) return null;
    changedCost(k, of, data);
    const nl = data.indexOf('\n', of.pos);
    const end = nl < 0 ? data.length : nl;
    const line = data.slice(of.pos, end);
    of.pos = nl < 0 ? data.length : nl + 1;
    k.io(line.length + 1 + LINE_COST);
    return [line, nl >= 0];
  }
  if (of.kind !== 'pipe') return null;
  const pipe = of.pipe;
  let acc = '';
  for (;;) {
    const nl = pipe.buf.indexOf('\n');
    if (nl >= 0) {
      acc += pipe.buf.slice(0, nl);
      pipe.buf = pipe.buf.slice(nl + 1);
      k.pipeChanged(pipe);
      k.io(acc.length + 1 + LINE_COST);
      return [acc, true];
    }
    if (pipe.buf !== '') {
      acc += pipe.buf;
      k.hold(acc.length);
      pipe.buf = '';
      k.pipeChanged(pipe);
    }
    if (pipe.writers === 0) return acc === '' ? null : [acc, false];
    yield { k: 'pipe', pipe };
  }
}

/** What a line split out of a whole input takes besides its bytes (a JS string and its slot in an array). */
export const LINE_BYTES = 32;

/** The newlines in `s`. */
export function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Read everything until EOF (an applet's whole stdin). `lineBytes`: the caller splits the text into lines, each
 * a string of its own, which take this much each besides their bytes (sort, uniq, grep, sed).
 */
export function* readAll(k: Kernel, of: OpenFile, lineBytes = 0): Generator<Block, string, unknown> {
  let out = '';
  let lines = 0;
  for (;;) {
    const s = yield* readOf(k, of);
    if (s === null) return out;
    out += s;
    if (lineBytes) lines += countLines(s);
    // Most callers are applets that stream in real busybox (wc, grep): no OOM, only the playground's budget.
    k.hold(out.length + lines * lineBytes, false);
  }
}

export type OpenResult = { of: OpenFile } | { err: Errno };

/** open(2) for redirections and applets. Devices map to their special files. */
export function openPath(fs: FsView, p: Proc, cwd: string, cred: Cred, path: string, mode: 'r' | 'w' | 'a' | 'rw'): OpenResult {
  try {
    if (mode === 'r') {
      const st = fs.stat(path, cwd, cred);
      const n = st.node;
      if (n.kind === 'dev') return devOpen(p, n.device);
      if (n.kind === 'dir') return { of: { kind: 'file', fs, info: st, pos: 0, append: false, read: true, write: false, refs: 0 } };
      fs.readFile(path, cwd, cred); // permission check
      return { of: { kind: 'file', fs, info: st, pos: 0, append: false, read: true, write: false, refs: 0 } };
    }
    const st = fs.openWrite(path, cwd, cred, { truncate: mode === 'w' });
    if (st.node.kind === 'dev') return devOpen(p, st.node.device);
    const len = st.node.kind === 'file' ? st.node.data.length : 0;
    return { of: { kind: 'file', fs, info: st, pos: mode === 'a' ? len : 0, append: mode === 'a', read: mode === 'rw', write: true, refs: 0 } };
  } catch (e) {
    if (e instanceof FsError) return { err: e.code };
    throw e;
  }
}

function devOpen(p: Proc, device: string): OpenResult {
  switch (device) {
    case 'null': return { of: { kind: 'null', refs: 0 } };
    case 'zero': return { of: { kind: 'zero', refs: 0 } };
    case 'random': case 'urandom': return { of: { kind: 'zero', refs: 0, rng: { s: 0 } } };
    case 'full': return { of: { kind: 'full', refs: 0 } };
    case 'stdin': case 'stdout': case 'stderr': {
      const fd = device === 'stdin' ? 0 : device === 'stdout' ? 1 : 2;
      const of = p.fds[fd];
      return of ? { of } : { err: 'ENOENT' };
    }
    default: return { err: 'EACCES' };
  }
}

export function install(p: Proc, fd: number, of: OpenFile): void {
  while (p.fds.length <= fd) p.fds.push(null);
  p.fds[fd] = retain(of);
}
