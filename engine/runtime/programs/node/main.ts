/**
 * The `node` program of the node images: `-v`, `-e CODE`, `-p EXPR`, `FILE`, the event loop until
 * nothing keeps the process alive, and Node's report of an uncaught exception (the file:line header,
 * the source line with a caret, the stack, `Node.js vX`) with exit status 1; `process.exit(n)`;
 * SIGTERM/SIGINT handlers registered with process.on.
 */
import { readAll, writeFd, type Ctx } from '../../shell/sys';
import { errRaw, type Applet, type G } from '../lib';
import { Js } from './interp';
import { hoist, execBlock } from './exec';
import { evalExpr } from './evalExpr';
import { inspect } from './inspect';
import { JsSyntaxError } from './lexer';
import { Loop, ProcessExit } from './loop';
import { parseProgram } from './parser';
import { installPromise, Promises } from './promise';
import { bufferGlobal, Buffers } from './buffer';
import { installCollections } from './collections';
import { createRealm } from './realm';
import { JsNotModelled, JsThrow, isObj, type Env, type JsVal } from './values';

/** The Node release of the node images when the flavor does not say (node:22 today). */
export const DEFAULT_NODE_VERSION = '22.12.0';

/** The names a node image links to its runtime. */
export const NODE_PROGRAMS: readonly string[] = ['node', 'nodejs'];

const EVAL_FRAMES = ['    at runScriptInThisContext (node:internal/vm:209:10)', '    at node:internal/process/execution:118:14',
  '    at [eval]-wrapper:6:24', '    at runScript (node:internal/process/execution:101:62)', '    at evalScript (node:internal/process/execution:133:3)',
  '    at node:internal/main/eval_string:51:3'];
const FILE_FRAMES = ['    at Module._compile (node:internal/modules/cjs/loader:1565:14)', '    at Object..js (node:internal/modules/cjs/loader:1708:10)',
  '    at Module.load (node:internal/modules/cjs/loader:1318:32)', '    at Function._load (node:internal/modules/cjs/loader:1128:12)',
  '    at TracingChannel.traceSync (node:diagnostics_channel:322:14)', '    at wrapModuleLoad (node:internal/modules/cjs/loader:219:24)',
  '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:170:5)', '    at node:internal/main/run_main_module:36:49'];
const TIMER_FRAMES = ['    at listOnTimeout (node:internal/timers:594:17)', '    at process.processTimers (node:internal/timers:529:7)'];

interface Invocation { mode: 'e' | 'p' | 'file' | 'stdin' | 'version'; code: string; rest: string[] }

function parseArgs(ctx: Ctx): Invocation | number {
  const a = ctx.argv;
  for (let i = 1; i < a.length; i++) {
    const x = a[i];
    if (x === '-v' || x === '--version') return { mode: 'version', code: '', rest: [] };
    if (x === '-e' || x === '--eval' || x === '-p' || x === '--print') {
      if (a[i + 1] === undefined) { errRaw(ctx, `${a[0]}: ${x} requires an argument\n`); return 9; }
      return { mode: x === '-e' || x === '--eval' ? 'e' : 'p', code: a[i + 1], rest: a.slice(i + 2) };
    }
    if (x === '--') return a[i + 1] === undefined ? { mode: 'stdin', code: '', rest: [] } : { mode: 'file', code: a[i + 1], rest: a.slice(i + 2) };
    if (x.startsWith('-') && x !== '-') {
      if (/^--(no-warnings|enable-source-maps|trace-warnings|max-old-space-size=\d+|unhandled-rejections=\w+)$/.test(x)) continue;
      errRaw(ctx, `${a[0]}: bad option: ${x}\n`);
      return 9;
    }
    return x === '-' ? { mode: 'stdin', code: '', rest: a.slice(i + 1) } : { mode: 'file', code: x, rest: a.slice(i + 1) };
  }
  return { mode: 'stdin', code: '', rest: [] };
}

/** Node's report of an uncaught exception; returns the exit status. */
function report(js: Js, loop: Loop, v: JsVal): number {
  const site = js.site;
  const primitive = !isObj(v);
  let out = primitive ? '\n' : '';
  if (loop.unhandledEmit) {
    out += "node:events:497\n      throw er; // Unhandled 'error' event\n      ^\n";
  } else if (site && site.file.startsWith('node:')) {
    out += site.file.endsWith('undici') ? `${site.file}:${site.line}\n      Error.captureStackTrace(err);\n            ^\n` : `${site.file}:${site.line}\n  throw err;\n  ^\n`;
  } else if (site) {
    const line = js.sources.get(site.file)?.split('\n')[site.line - 1];
    out += `${site.file}:${site.line}\n`;
    if (line !== undefined) out += `${line}\n${' '.repeat(Math.max(0, site.col))}^\n`;
  }
  if (!primitive) out += '\n';
  if (isObj(v) && v.hidden?.has('stack') && loop.unhandledEmit) {
    const stack = String(v.props.get('stack')).split('\n')[0] + '\n' + errorEventFrames(v);
    const shown = js.newObject();
    for (const k of [...v.props.keys()].filter((x) => !v.hidden?.has(x))) shown.props.set(k, v.props.get(k));
    out += `${stack} ${inspect(js, shown).replace(/^\{ (.*) \}$/s, '{\n  $1\n}').replace(/, /g, ',\n  ')}\n`;
  } else if (primitive) {
    out += `${inspect(js, v)}\n(Use \`node --trace-uncaught ...\` to show where the exception was thrown)\n`;
  } else out += `${inspect(js, v)}\n`;
  errRaw(js.ctx, `${out}\nNode.js v${js.version}\n`);
  return 1;
}

function errorEventFrames(e: { props: Map<string, JsVal> }): string {
  const code = String(e.props.get('code'));
  const origin = code === 'ENOTFOUND' ? '    at GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:dns:120:26)' : '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1610:16)';
  return `${origin}\nEmitted 'error' event on ClientRequest instance at:\n    at emitErrorEvent (node:_http_client:104:11)\n    at Socket.socketErrorListener (node:_http_client:512:5)\n` +
    '    at Socket.emit (node:events:519:28)\n    at emitErrorNT (node:internal/streams/destroy:170:8)\n    at emitErrorCloseNT (node:internal/streams/destroy:129:3)\n' +
    '    at process.processTicksAndRejections (node:internal/process/task_queues:90:21)';
}

function syntaxReport(ctx: Ctx, e: JsSyntaxError, file: string, src: string, version: string, isEval: boolean): number {
  const line = src.split('\n')[e.line - 1] ?? '';
  const caret = e.col < 0 ? ' '.repeat(line.length) : `${' '.repeat(e.col)}${'^'.repeat(Math.max(1, e.width))}`;
  const frames = isEval ? ['    at makeContextifyScript (node:internal/vm:185:14)', '    at node:internal/process/execution:107:22', ...EVAL_FRAMES.slice(2)]
    : ['    at wrapSafe (node:internal/modules/cjs/loader:1469:18)', ...FILE_FRAMES];
  errRaw(ctx, `${file}:${e.line}\n${line}\n${caret}\n\nSyntaxError: ${e.message}\n${frames.join('\n')}\n\nNode.js v${version}\n`);
  return 1;
}

function* runLoop(js: Js, loop: Loop): G<number> {
  const ctx = js.ctx;
  const k = ctx.k;
  for (;;) {
    if (loop.crash) { js.site = loop.crash.site; return report(js, loop, loop.crash.error); }
    for (const sig of ctx.p.pending.splice(0)) for (const h of loop.signalHandlers.get(sig) ?? []) yield* inFrame(js, function* () { yield* js.call(h, undefined, [`SIG${sig}`]); });
    yield* drainTicks(js, loop);
    const task = loop.tasks.shift();
    if (task) { yield* inFrame(js, task); continue; }
    const t = loop.nextTimer();
    if (t && t.at <= k.clock()) {
      if (t.interval !== null) loop.reschedule(t, t.at + t.interval * 1000); else loop.clear(t.id);
      const name = String(t.fn.props.get('name') ?? '');
      const frame = name ? `Timeout.${name} [as _onTimeout]` : 'Timeout._onTimeout';
      yield* inFrame(js, function* () { yield* js.call(t.fn, undefined, t.args, null, frame); }, TIMER_FRAMES);
      continue;
    }
    if (!loop.alive()) return loop.exitCode;
    if (t && (t.ref || loop.servers.size)) {
      // A trapped signal does not wake a waiting process: with handlers, wake every 100 ms to run them.
      yield { k: 'host', keys: [loop.wakeKey], until: loop.signalHandlers.size ? Math.min(t.at, k.clock() + 100_000) : t.at };
    } else if (loop.signalHandlers.size) {
      yield { k: 'child', pid: -1, intr: true };
    } else {
      yield { k: 'host', keys: [loop.wakeKey], until: null };
    }
  }
}

/** Runs a macrotask: its frames sit below the callback's (timers' internal frames last in stacks). */
function* inFrame(js: Js, task: () => G<void>, below: readonly string[] = []): G<void> {
  js.belowFrames = below;
  try { yield* task(); } finally { js.belowFrames = []; }
}

/** process.nextTick callbacks, then promise jobs, until both queues are empty; then unhandled rejections crash. */
function* drainTicks(js: Js, loop: Loop): G<void> {
  for (;;) {
    const t = loop.ticks.shift();
    if (t) { yield* js.call(t.fn, undefined, t.args); continue; }
    const m = loop.micro.shift();
    if (m) { yield* m(); continue; }
    break;
  }
  const rejected = loop.rejections.shift();
  if (rejected) throw new UnhandledRejection((rejected.internal as { value: JsVal }).value);
}

/** A rejected promise nobody handled: Node 15+ ends the process with it. */
class UnhandledRejection extends Error {
  constructor(readonly reason: JsVal) {
    super('unhandled rejection');
  }
}

function reportRejection(js: Js, loop: Loop, reason: JsVal): number {
  if (isObj(reason) && reason.hidden?.has('stack')) {
    js.site = reason.site ?? null;
    return report(js, loop, reason);
  }
  const text = `This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${inspect(js, reason)}".`;
  errRaw(js.ctx, `node:internal/process/promises:394\n      new UnhandledPromiseRejection(reason);\n      ^\n\nUnhandledPromiseRejection: ${text}\n` +
    '    at throwUnhandledRejectionsMode (node:internal/process/promises:394:7)\n    at processPromiseRejections (node:internal/process/promises:475:17)\n' +
    `    at process.processTicksAndRejections (node:internal/process/task_queues:106:32) {\n  code: 'ERR_UNHANDLED_REJECTION'\n}\n\nNode.js v${js.version}\n`);
  return 1;
}

export const node: Applet = function* (ctx) {
  const version = ctx.flavor.versions?.node ?? DEFAULT_NODE_VERSION;
  const inv = parseArgs(ctx);
  if (typeof inv === 'number') return inv;
  if (inv.mode === 'version') { yield* writeFd(ctx.k, ctx.p, 1, `v${version}\n`); return 0; }
  let file = '[eval]';
  let src = inv.code;
  if (inv.mode === 'file') {
    file = inv.code.startsWith('/') ? inv.code : `${ctx.cwd.replace(/\/$/, '')}/${inv.code}`;
    try {
      src = ctx.fs.readFile(file, '/', ctx.cred);
    } catch {
      errRaw(ctx, `node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '${file}'\n    at Function._resolveFilename (node:internal/modules/cjs/loader:1225:15)\n` +
        `    at Function._load (node:internal/modules/cjs/loader:1055:27)\n    at TracingChannel.traceSync (node:diagnostics_channel:322:14)\n` +
        `    at wrapModuleLoad (node:internal/modules/cjs/loader:220:24)\n    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:170:5)\n` +
        `    at node:internal/main/run_main_module:36:49 {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}\n\nNode.js v${version}\n`);
      return 1;
    }
  } else if (inv.mode === 'stdin') {
    file = '[stdin]';
    const of = ctx.p.fds[0];
    src = '';
    if (of) src = yield* readAll(ctx.k, of);
  }
  const loop = new Loop();
  loop.wakeKey = `node-loop:${ctx.k.podIp}:${ctx.p.pid}`;
  ctx.p.disposition = (sig) => (loop.signalHandlers.has(sig) ? 'trap' : 'default');
  const argv = inv.mode === 'file' ? ['/usr/local/bin/node', file, ...inv.rest] : ['/usr/local/bin/node', ...inv.rest];
  const js = new Js(ctx, { *write(fd, s) { if (fd === 2) errRaw(ctx, s); else yield* writeFd(ctx.k, ctx.p, 1, s); } }, version, file);
  js.sources.set(file, src);
  createRealm(js, loop, argv);
  js.promises = new Promises(js, loop);
  installPromise(js, js.promises, js.realm.global);
  js.buffers = new Buffers(js);
  js.realm.global.props.set('Buffer', bufferGlobal(js, js.buffers));
  installCollections(js, js.realm.global);
  let program;
  const body = inv.mode === 'p' ? `(${src}\n)` : src;
  try {
    program = parseProgram(inv.mode === 'p' ? src : body);
  } catch (e) {
    if (e instanceof JsSyntaxError) return syntaxReport(ctx, e, file, src, version, file.startsWith('['));
    if (e instanceof JsNotModelled) { errRaw(ctx, `node: the playground does not model ${e.message} (${file}:${e.line})\n`); return 1; }
    throw e;
  }
  const env: Env = { vars: new Map(), parent: null, fn: true };
  js.globalEnv = env;
  js.frames.push({ name: file.startsWith('[') ? '' : 'Object.<anonymous>', file, line: 1, col: 0, node: null });
  js.belowFrames = file.startsWith('[') ? EVAL_FRAMES : FILE_FRAMES;
  let status: number;
  try {
    try {
      env.vars.set('this', { value: file.startsWith('[') ? js.realm.global : js.newObject(), kind: 'const', init: true });
      hoist(js, program, env);
      if (inv.mode === 'p') {
        let last: JsVal;
        for (const s of program) last = s.type === 'ExprStmt' ? yield* evalExpr(js, s.expr, env) : (yield* execBlock(js, [s], env, false), undefined);
        yield* js.io.write(1, `${inspect(js, last)}\n`);
      } else yield* execBlock(js, program, env, false);
      js.belowFrames = [];
      js.frames[0].skip = true;
      yield* drainTicks(js, loop);
      js.frames[0].skip = true;
      status = yield* runLoop(js, loop);
    } catch (e) {
      if (e instanceof JsThrow) status = report(js, loop, e.value);
      else if (e instanceof UnhandledRejection) status = reportRejection(js, loop, e.reason);
      else if (e instanceof JsSyntaxError) return syntaxReport(ctx, e, file, src, version, file.startsWith('['));
      else throw e;
    }
    for (const h of loop.exitHandlers) yield* js.call(h, undefined, [status]);
  } catch (e) {
    if (e instanceof ProcessExit) status = e.code;
    else if (e instanceof JsNotModelled) {
      const f = js.frames.filter((x) => x.file !== '<native>').pop() ?? js.frame;
      errRaw(ctx, `node: the playground does not model ${e.message} (${f.file}:${f.line})\n`);
      status = 1;
    } else throw e;
  }
  for (const port of loop.servers.keys()) ctx.host.unlisten(port);
  const code = js.realm.global.props.get('process');
  const exitCode = isObj(code) ? code.props.get('exitCode') : undefined;
  return status === 0 && typeof exitCode === 'number' ? exitCode : status;
};
