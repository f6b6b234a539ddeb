/**
 * What all shells of one container share: the kernel, the filesystem view, credentials, the
 * image flavor; and the parts of exec that cross from the shell to programs (find_command,
 * shellexec): $PATH search, applets, scripts, `command not found`.
 */
import type { ContainerHost } from '../seam';
import type { Cred } from '../fs/resolve';
import { allowed } from '../fs/resolve';
import type { FsView } from '../fs/view';
import type { Inode } from '../fs/tree';
import type { Node } from './ast';
import type { Block, Kernel } from './kernel';
import type { JobTable } from './jobTable';
import { type ParsedScript, ScriptCache } from './scriptCache';
import { Parser } from './parser';
import { SyntaxError } from './words';
import { BuiltinErr, Shell } from './shell';
import { ExitErr } from './state';
import { cloneFds } from './io';
import { evalNode } from './exec';
import { callFunction } from './simple';
import { builtinOf } from './builtins';
import { exportedWith, LazyEnvCtx, type ImageFlavor } from './sys';
import { appletFor, isShellApplet } from '../programs/registry';
import type { Applet } from '../programs/lib';
import { ASH, type Dialect } from './dialect';
import { dialectFor } from './dialects';
import { newShellData } from './start';

type G<T> = Generator<Block, T, unknown>;

/** A $PATH lookup's answer (what stat gives), and the applet that runs for it once external has asked. */
interface Found { readonly path: string; readonly node: Inode; exe?: string; applet?: Applet | null }

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'while', 'until', 'for', 'do', 'done', 'case', 'esac', 'in', '{', '}', '!']);

export class ShellRuntime {
  /** $PATH lookups by name, valid while $PATH, the mode asked and the filesystem's version are unchanged. */
  readonly pathCache = new Map<string, { pathVar: string; exec: boolean; version: number; found: Found | null }>();
  constructor(
    readonly k: Kernel,
    readonly fs: FsView,
    readonly cred: Cred,
    readonly host: ContainerHost,
    readonly flavor: ImageFlavor,
    /** Parsed scripts, shared by every container of the run when the runtime passes one. */
    readonly scripts: ScriptCache = new ScriptCache(),
  ) {}

  eval(sh: Shell, node: Node): G<number> {
    return evalNode(sh, node);
  }

  jobs(sh: Shell): JobTable {
    return sh.jobs;
  }

  /** Parse and run `text` in `sh` one top-level command at a time (eval, trap actions, `.`). */
  *evalString(sh: Shell, text: string, _isEval: boolean): G<number> {
    const bash = sh.d.dialect.bashSyntax;
    const test2 = sh.d.dialect.name === 'ash';
    // ash and dash substitute aliases while parsing; a non-interactive bash does not.
    const aliasing = sh.d.dialect.name !== 'bash';
    const hasAliases = () => aliasing && (sh.d.aliases?.size ?? 0) > 0;
    let shared: ParsedScript | null = this.scripts.get(text, sh.line, bash, test2);
    let own: Parser | null = null;
    let status = 0;
    const savedParseLine = sh.parseLine;
    try {
      for (let i = 0; ; i++) {
        let node: Node | null;
        if (shared && hasAliases()) {
          // From here on the parse depends on this shell's aliases: read the rest with a parser of its own.
          const at = shared.resumeAt(i);
          own = new Parser(text.slice(at.offset), at.line, bash, test2);
          own.aliases = () => sh.d.aliases;
          shared = null;
        }
        try {
          node = shared ? shared.at(i) : own!.next();
        } catch (e) {
          if (e instanceof SyntaxError) {
            sh.writeErrSync(sh.d.dialect.syntax(e, sh.d.arg0, text, sh.d.commandName));
            throw new ExitErr(2);
          }
          throw e;
        }
        if (node === null) break;
        const from = shared;
        const mine = own;
        const at = i + 1;
        sh.parseLine = () => (from ? from.resumeAt(at).line : mine!.lineAt(mine!.pos));
        status = yield* evalNode(sh, node);
      }
    } finally {
      sh.parseLine = savedParseLine;
    }
    sh.d.status = status;
    return status;
  }

  /**
   * The shell that runs a script file: the one its `#!` line names when the image has it (bash, sh),
   * else /bin/sh of the image (busybox ash, dash in Debian-based images).
   */
  scriptDialect(text: string): Dialect {
    const m = /^#!\s*(?:\S*\/env\s+)?(\S+)/.exec(text);
    let path = m ? (m[1].includes('/') ? m[1] : `/usr/bin/${m[1]}`) : '/bin/sh';
    let node = this.fs.exists(path, '/', this.cred);
    if (!node) { path = '/bin/sh'; node = this.fs.exists(path, '/', this.cred); }
    if (!node || node.kind !== 'file' || !node.exe) return ASH;
    return (node.exe === 'busybox' ? dialectFor(basename(path)) : dialectFor(node.exe)) ?? ASH;
  }

  /** $PATH lookup of an executable regular file (cached until PATH changes). */
  findInPath(sh: Shell, name: string, exec = true): string | null {
    return this.lookPath(sh.d.vars.get('PATH') ?? '', sh.d.cwd, name, exec)?.path ?? null;
  }

  /**
   * findInPath for a given $PATH and directory, also returning the inode found (what stat(path) gives),
   * so a caller about to run it need not resolve the path again.
   */
  lookPath(pathVar: string, cwd: string, name: string, exec = true): Found | null {
    const version = this.fs.version();
    const hit = this.pathCache.get(name);
    if (hit && hit.version === version && hit.pathVar === pathVar && hit.exec === exec) return hit.found;
    let found: Found | null = null;
    const dirs = pathDirs(pathVar);
    for (let i = 0; i < dirs.length; i++) {
      const p = dirs[i] + name;
      const n = this.fs.exists(p, cwd, this.cred);
      if (n && n.kind === 'file' && (!exec || (n.mode & 0o111) !== 0)) { found = { path: p, node: n }; break; }
    }
    // A relative PATH entry depends on the directory: only absolute answers (and misses with none) are kept.
    if (found === null ? !dirs.relative : found.path[0] === '/') {
      this.pathCache.set(name, { pathVar, exec, version, found });
    }
    return found;
  }

  /** What `type`/`command -v` say about a name; null when not found. */
  describe(sh: Shell, name: string): { type: string; short: string; kind: string } | null {
    if (KEYWORDS.has(name)) return { type: `${name} is a shell keyword`, short: name, kind: 'keyword' };
    if (sh.d.funcs.has(name)) return { type: `${name} is a function`, short: name, kind: 'function' };
    if (builtinOf(sh, name)) return { type: `${name} is a ${isSpecial(name) && sh.d.dialect.typeSaysSpecial ? 'special ' : ''}shell builtin`, short: name, kind: 'builtin' };
    const p = name.includes('/') ? (this.fs.exists(name, sh.d.cwd, this.cred) ? name : null) : this.findInPath(sh, name);
    if (p === null) return null;
    return { type: `${name} is ${p}`, short: p, kind: 'file' };
  }

  /** `command NAME…` / `exec NAME…`: builtins and programs, functions skipped. */
  *runCommand(sh: Shell, argv: string[], allowBuiltin: boolean): G<number> {
    const b = builtinOf(sh, argv[0]);
    if (b && allowBuiltin) {
      try {
        return yield* b(sh, argv);
      } catch (e) {
        if (e instanceof BuiltinErr) return e.status;
        throw e;
      }
    }
    if (b) {
      const fn = sh.d.funcs.get(argv[0]);
      if (fn) return yield* callFunction(sh, argv[0], fn, argv);
      return yield* b(sh, argv);
    }
    try {
      return yield* this.external(sh, argv, [], sh.line, allowBuiltin ? null : 'exec');
    } finally {
      sh.p.fg = null;
    }
  }

  /**
   * Run a program found on disk: an applet (busybox link) or a shell script. Finding it never blocks, so
   * this is a plain function handing back the program's own generator (no generator of its own per command).
   * An applet runs in the shell's process and is recorded on it (p.fg, what ps shows) from here: the caller
   * clears p.fg once the generator has ended, however it ends.
   */
  external(sh: Shell, argv: string[], assigns: [string, string][], line: number, via: 'exec' | null = null): G<number> {
    const name = argv[0];
    let path: string;
    let node: Inode | undefined;
    let found: Found | null = null;
    if (name.includes('/')) {
      path = name;
    } else {
      const pathVar = sh.d.vars.get('PATH') ?? '';
      found = this.lookPath(pathVar, sh.d.cwd, name);
      // ash's find_command takes any regular file on $PATH; exec then fails on it with EACCES.
      if (found === null && this.lookPath(pathVar, sh.d.cwd, name, false)) { sh.errSync(`${name}: Permission denied`); return exitWith(126); }
      if (found === null) return exitWith(this.notFound(sh, name, line, via));
      ({ path, node } = found);
    }
    if (!node) {
      try {
        node = this.fs.stat(path, sh.d.cwd, this.cred).node;
      } catch {
        return exitWith(this.notFound(sh, name, line, via));
      }
    }
    if (node.kind !== 'file' || !allowed(node, this.cred, 1)) {
      sh.errSync(`${name}: Permission denied`);
      return exitWith(126);
    }
    let applet: Applet | null;
    if (found && found.exe === node.exe && found.applet !== undefined) applet = found.applet;
    else {
      applet = node.exe ? appletFor(node.exe === 'busybox' ? basename(path) : node.exe, this.flavor) : null;
      // Kept on the $PATH cache's entry, with the inode's program it was found for.
      if (found) { found.exe = node.exe; found.applet = applet; }
    }
    if (applet && isShellApplet(applet)) return this.runShellApplet(sh, applet, argv, assigns, line);
    if (applet) {
      sh.jobs.forked();
      sh.p.fg = argv;
      // Most applets (sleep, echo, cat …) never read the environment: it is built on first use. The shell
      // waits for the applet, so its variables cannot change in between.
      return applet(new LazyEnvCtx(this.k, sh.p, this.fs, this.cred, this.host, this.flavor, argv, sh.d.cwd, line, sh.d.vars, assigns));
    }
    if (node.exe) return exitWith(this.notFound(sh, name, line, via));
    return this.runScript(sh, path, node.data, argv, exportedWith(sh.d.vars, assigns));
  }

  /** A new shell is a new process (ash forks before exec): nothing it does reaches this shell. */
  private *runShellApplet(sh: Shell, applet: Applet, argv: string[], assigns: [string, string][], line: number): G<number> {
    const env = exportedWith(sh.d.vars, assigns);
    sh.jobs.forked();
    const child = this.k.spawn(sh.p.pid, cloneFds(sh.p.fds), (p) => applet({
      k: this.k, p, fs: this.fs, cred: this.cred, host: this.host, flavor: this.flavor, argv, cwd: sh.d.cwd, env, line,
    }));
    child.argv = argv;
    yield { k: 'child', pid: child.pid, intr: false };
    return sh.reaped(child);
  }

  private *runScript(sh: Shell, path: string, text: string, argv: string[], env: Map<string, string>): G<number> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the child's generator outlives this call
    const rt = this;
    sh.jobs.forked();
    const child = this.k.spawn(sh.p.pid, cloneFds(sh.p.fds), (p) => {
      p.argv = scriptCmdline(path, text, argv);
      const d = newShellData(env, path, argv.slice(1), sh.d.cwd, p, this.cred.uid, this.scriptDialect(text), this.flavor);
      const script = new Shell(rt, p, d, false);
      p.disposition = (sig) => script.disposition(sig);
      return (function* () {
        let status: number;
        try {
          status = yield* rt.evalString(script, text.startsWith('#!') ? text.slice(text.indexOf('\n') + 1) : text, false);
        } catch (e) {
          status = script.caught(e);
        }
        return yield* script.exitTrap(status);
      })();
    });
    yield { k: 'child', pid: child.pid, intr: false };
    return sh.reaped(child);
  }

  private notFound(sh: Shell, name: string, line: number, via: 'exec' | null): number {
    // `exec name` words it as an error of the exec builtin.
    if (via) sh.writeErrSync(sh.d.dialect.execNotFound(sh.d.arg0, line, name) + '\n');
    else sh.errSync(sh.d.dialect.notFound(name));
    this.host.explain({ type: 'command-not-found', command: name, line });
    return 127;
  }
}

/** $PATH's directories, each with its `/` (an empty entry is `./`), and whether any is relative. */
type PathDirs = readonly string[] & { readonly relative: boolean };

/** The last $PATH values split (every container of a run has the same few): a miss splits none again. */
const pathSplits = new Map<string, PathDirs>();

function pathDirs(pathVar: string): PathDirs {
  let dirs = pathSplits.get(pathVar);
  if (!dirs) {
    const list = pathVar.split(':');
    const relative = list.some((d) => d === '' || d[0] !== '/');
    dirs = Object.assign(list.map((d) => (d === '' ? '.' : d) + '/'), { relative });
    if (pathSplits.size >= 64) pathSplits.clear();
    pathSplits.set(pathVar, dirs);
  }
  return dirs;
}

function isSpecial(name: string): boolean {
  return ['.', ':', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'times', 'trap', 'unset'].includes(name);
}

export function basename(p: string): string {
  const s = p.replace(/\/+$/, '');
  return s.slice(s.lastIndexOf('/') + 1);
}

/** A script's command line as the kernel makes it: `#!INTERP [ARG]` runs INTERP [ARG] PATH ARGS…; without one, ash runs it in a forked copy of itself. */
function scriptCmdline(path: string, text: string, argv: readonly string[]): readonly string[] {
  const m = /^#!\s*(\S+)(?:[ \t]+(.*?))?[ \t]*(?:\n|$)/.exec(text);
  if (!m) return ['sh', path, ...argv.slice(1)];
  return [m[1], ...(m[2] ? [m[2]] : []), path, ...argv.slice(1)];
}

/** A status known before anything runs, as a generator (what callers of external expect). */
// eslint-disable-next-line require-yield -- finishes at once
function* exitWith(status: number): G<number> {
  return status;
}

export { ExitErr };
