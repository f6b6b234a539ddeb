/* eslint-disable require-yield -- native functions share the generator signature of Python calls; many never block. */
/**
 * The `python3` program of the python images (Modules/main.c): `-V`, `-c CODE`, `-m http.server`,
 * `FILE`, `-` or stdin, `-u`; the interpreter's exit statuses (1 for an uncaught exception or a
 * SyntaxError, 2 for command-line and file errors, SystemExit's code, 130 after an uncaught
 * KeyboardInterrupt). stdout is block-buffered as when it is a pipe (a container's log), so prints
 * appear at exit, on flush, with -u or PYTHONUNBUFFERED, or once 8 KiB have gathered.
 */
import { readLineOf, writeFd, type Ctx } from '../../shell/sys';
import { errRaw, prog, type Applet, type G } from '../lib';
import { Interp, type PyIO } from './interp';
import { PySyntaxError } from './lexer';
import { parseModule } from './parser';
import { makeBuiltins } from './builtins';
import { formatException, formatSyntaxError } from './traceback';
import { banner, parseHttpServerArgs, serveForever, simpleHandler } from './httpServer';
import { str } from './ops';
import { NotModelled, PyExc, type PyVal, type Scope } from './values';

/** The CPython release of the python images when the flavor does not say (python:3.13 today). */
export const DEFAULT_PYTHON_VERSION = '3.13.1';

/** Every name the applet table knows the interpreter by (the image decides which it has: engine/runtime/images). */
export const PYTHON_PROGRAMS: readonly string[] = ['python', 'python3', ...[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((m) => `python3.${m}`)];

const BUFSIZE = 8192;

function makeIO(ctx: Ctx, unbuffered: boolean, owner: { ip: Interp | null }): PyIO {
  let buf = '';
  const flush = function* (): G<void> {
    if (buf === '') return;
    const s = buf;
    buf = '';
    yield* writeFd(ctx.k, ctx.p, 1, s);
  };
  return {
    *write(fd, s) {
      if (fd === 2) { errRaw(ctx, s); return; }
      if (unbuffered) { yield* writeFd(ctx.k, ctx.p, 1, s); return; }
      buf += s;
      if (buf.length >= BUFSIZE) yield* flush();
    },
    flush,
    *sleep(ms) {
      // With a Python handler installed, the sleep wakes every 100 ms of virtual time to let it run
      // (a trapped signal does not wake a sleeping process in the kernel).
      const until = ctx.k.clock() + Math.round(ms * 1000);
      for (;;) {
        const ip = owner.ip;
        const step = ip?.handlers.size ? Math.min(until, ctx.k.clock() + 100_000) : until;
        yield { k: 'sleep', until: step };
        if (ip) yield* ip.signals();
        if (step >= until) return;
      }
    },
    *readLine() {
      const of = ctx.p.fds[0];
      if (!of) return null;
      const r = yield* readLineOf(ctx.k, of);
      return r === null ? null : r[0] + (r[1] ? '\n' : '');
    },
  };
}

function usage(name: string): string {
  return `usage: ${name} [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry \`python -h' for more information.\n`;
}

interface Invocation { mode: 'c' | 'm' | 'file' | 'stdin' | 'version'; arg: string; rest: string[]; unbuffered: boolean }

function parseArgs(ctx: Ctx, name: string): Invocation | number {
  const argv = ctx.argv;
  let unbuffered = (ctx.env.get('PYTHONUNBUFFERED') ?? '') !== '';
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--version') return { mode: 'version', arg: '', rest: [], unbuffered };
    if (a === '-' ) return { mode: 'stdin', arg: '-', rest: argv.slice(i + 1), unbuffered };
    if (a === '--') return argv[i + 1] === undefined ? { mode: 'stdin', arg: '', rest: [], unbuffered } : { mode: 'file', arg: argv[i + 1], rest: argv.slice(i + 2), unbuffered };
    if (!a.startsWith('-') || a.length < 2) return { mode: 'file', arg: a, rest: argv.slice(i + 1), unbuffered };
    if (a.startsWith('--')) { errRaw(ctx, `unknown option ${a}\n${usage(name)}`); return 2; }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (c === 'c' || c === 'm') {
        const val = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (val === undefined) { errRaw(ctx, `Argument expected for the -${c} option\n${usage(name)}`); return 2; }
        return { mode: c, arg: val, rest: argv.slice(i + 1), unbuffered };
      }
      if (c === 'V') return { mode: 'version', arg: '', rest: [], unbuffered };
      if (c === 'u') unbuffered = true;
      else if (c === 'W' || c === 'X') { if (j + 1 === a.length) i++; break; } else if (!'bBdEhiIOPqRsSvx'.includes(c)) {
        errRaw(ctx, `Unknown option: -${c}\n${usage(name)}`);
        return 2;
      }
    }
  }
  return { mode: 'stdin', arg: '', rest: [], unbuffered };
}

function moduleGlobals(file: string | null): Map<string, PyVal> {
  const g = new Map<string, PyVal>([['__name__', '__main__'], ['__doc__', null], ['__package__', null], ['__loader__', null], ['__spec__', null]]);
  g.set('__annotations__', { kind: 'dict', map: new Map() });
  g.set('__builtins__', { kind: 'module', name: 'builtins', attrs: new Map() });
  if (file !== null) { g.set('__file__', file); g.set('__cached__', null); }
  return g;
}

/** Runs `source` as __main__; returns the exit status. */
function* runMain(ctx: Ctx, ip: Interp, io: PyIO, file: string, source: string, scriptPath: string | null): G<number> {
  ip.sources.set(file, source);
  let body;
  try {
    body = parseModule(source);
  } catch (e) {
    if (e instanceof NotModelled) { errRaw(ctx, `${prog(ctx)}: the playground does not model ${e.message} (${file}, line ${e.line})\n`); return 1; }
    if (!(e instanceof PySyntaxError)) throw e;
    errRaw(ctx, formatSyntaxError(e, file, source));
    return 1;
  }
  const globals = moduleGlobals(scriptPath);
  const scope: Scope = { vars: globals, parent: null, globals, locals: null, globalNames: new Set() };
  ip.frames.push({ file, name: '<module>', line: 0, node: null, stmt: null, func: null, self: undefined });
  let status = 0;
  try {
    yield* ip.execBlock(body, scope);
  } catch (e) {
    status = yield* uncaught(ctx, ip, e);
  }
  for (const f of [...ip.openFiles]) f();
  yield* io.flush();
  return status;
}

function* uncaught(ctx: Ctx, ip: Interp, e: unknown): G<number> {
  if (e instanceof NotModelled) {
    const f = ip.frame;
    errRaw(ctx, `${prog(ctx)}: the playground does not model ${e.message} (${f.file}, line ${f.line})\n`);
    return 1;
  }
  if (!(e instanceof PyExc)) throw e;
  const exc = e.exc;
  if (exc.cls.name === 'SystemExit') {
    const code = exc.args.length === 0 ? null : exc.args[0];
    if (code === null) return 0;
    if (typeof code === 'bigint') return Number(BigInt.asUintN(8, code));
    if (typeof code === 'boolean') return code ? 1 : 0;
    errRaw(ctx, `${str(code, ip.hook)}\n`);
    return 1;
  }
  errRaw(ctx, formatException(exc, ip.sources, ip.hook));
  return exc.cls.name === 'KeyboardInterrupt' ? 130 : 1;
}

function* httpServer(ctx: Ctx, io: PyIO, args: string[], version: string): G<number> {
  const opts = parseHttpServerArgs(args, ctx.cwd);
  if ('error' in opts) { errRaw(ctx, opts.error); return 2; }
  yield { k: 'flush' };
  if (!ctx.host.listen(opts.port, { protocol: 'http', http: simpleHandler(ctx, opts, version) })) {
    errRaw(ctx, `Traceback (most recent call last):\n  File "<frozen runpy>", line 198, in _run_module_as_main\n  File "<frozen runpy>", line 88, in _run_code\nOSError: [Errno 98] Address already in use\n`);
    return 1;
  }
  yield* io.write(1, banner(opts));
  yield* serveForever(ctx, opts.port);
  yield* io.write(1, '\nKeyboard interrupt received, exiting.\n');
  yield* io.flush();
  return 0;
}

export const python: Applet = function* (ctx) {
  const name = ctx.argv[0];
  const version = ctx.flavor.versions?.python ?? DEFAULT_PYTHON_VERSION;
  const inv = parseArgs(ctx, name);
  if (typeof inv === 'number') return inv;
  if (inv.mode === 'version') { yield* writeFd(ctx.k, ctx.p, 1, `Python ${version}\n`); return 0; }
  const owner: { ip: Interp | null } = { ip: null };
  const io = makeIO(ctx, inv.unbuffered, owner);
  // CPython's SIGINT handler raises KeyboardInterrupt; TERM and the rest keep their default action.
  ctx.p.disposition = (sig) => (sig === 'INT' ? 'trap' : 'default');
  const argv = inv.mode === 'c' ? ['-c', ...inv.rest] : inv.mode === 'file' ? [inv.arg, ...inv.rest] : inv.mode === 'm' ? [`/usr/local/lib/python${version.split('.').slice(0, 2).join('.')}/${inv.arg.replace(/\./g, '/')}.py`, ...inv.rest] : ['', ...inv.rest];
  const ip = new Interp(ctx, argv, io, makeBuiltins, version);
  owner.ip = ip;
  switch (inv.mode) {
    case 'c': return yield* runMain(ctx, ip, io, '<string>', inv.arg, null);
    case 'm':
      if (inv.arg === 'http.server') return yield* httpServer(ctx, io, inv.rest, version);
      errRaw(ctx, `${name}: No module named ${inv.arg}\n`);
      return 1;
    case 'file': {
      const abs = inv.arg.startsWith('/') ? inv.arg : `${ctx.cwd.replace(/\/$/, '')}/${inv.arg}`;
      let source: string;
      try {
        const node = ctx.fs.stat(inv.arg, ctx.cwd, ctx.cred).node;
        if (node.kind === 'dir') { errRaw(ctx, `${name}: can't find '__main__' module in '${inv.arg}'\n`); return 1; }
        source = ctx.fs.readFile(inv.arg, ctx.cwd, ctx.cred);
      } catch (e) {
        const msg = e instanceof Error ? e.message : (e as { message?: string }).message ?? 'No such file or directory';
        const errno = msg === 'Permission denied' ? 13 : 2;
        errRaw(ctx, `${name}: can't open file '${abs}': [Errno ${errno}] ${msg}\n`);
        return 2;
      }
      return yield* runMain(ctx, ip, io, abs, source, abs);
    }
    default: {
      let source = '';
      for (;;) { const l = yield* io.readLine(); if (l === null) break; source += l; }
      return yield* runMain(ctx, ip, io, '<stdin>', source, null);
    }
  }
};
