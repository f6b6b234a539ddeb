/**
 * Runs a scenario action (a kubectl or curl line at a virtual time) and records its output.
 */
import type { ApiServer } from '../cluster/apiServer';
import type { ApiObject } from '../cluster/store';
import { submit } from '../cluster/admission';
import { parseManifests } from '../scenario/parseManifests';
import type { Diagnostic } from './diagnostics';
import type { ActionInput } from './simulate';
import type { World } from './world';

export interface ActionContext {
  readonly world: World;
  readonly api: ApiServer;
  readonly diagnostics: Diagnostic[];
}

export interface CommandOutput {
  stdout: string;
  stderr: string;
  exit?: number;
}

function tokens(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

function applyStdin(ctx: ActionContext, stdin: string, verb: 'apply' | 'create'): CommandOutput {
  const parsed = parseManifests(stdin);
  const out: string[] = [];
  const err: string[] = parsed.diagnostics.map((d) => `error: ${d.message}`);
  for (const doc of parsed.docs) {
    const r = submit(ctx.world, ctx.api, doc, verb);
    if (r.ok) out.push(r.stdout);
    else {
      err.push(r.stderr);
      ctx.world.trace.push({ t: ctx.world.now(), type: 'rejected', object: r.ref ?? `document ${doc.index + 1}`, stderr: r.stderr });
    }
  }
  return { stdout: out.map((l) => `${l}\n`).join(''), stderr: err.map((l) => `${l}\n`).join(''), exit: err.length ? 1 : 0 };
}

function createService(ctx: ActionContext, args: string[]): CommandOutput {
  const [type, name, ...flags] = args;
  const tcp = flags.find((f) => f.startsWith('--tcp='))?.slice(6).split(',') ?? [];
  const ports = tcp.map((p) => {
    const [port, target] = p.split(':');
    return { name: `${port}-${target ?? port}`, port: Number(port), protocol: 'TCP', targetPort: Number(target ?? port) };
  });
  const svcType = type === 'nodeport' ? 'NodePort' : 'ClusterIP';
  const r = ctx.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name, labels: { app: name } },
    spec: { type: svcType, selector: { app: name }, ports } } as ApiObject);
  return r.ok ? { stdout: `${r.ref} created\n`, stderr: '', exit: 0 } : { stdout: '', stderr: `${r.stderr}\n`, exit: 1 };
}

export function execute(ctx: ActionContext, line: string, stdin?: string): CommandOutput {
  const argv = tokens(line);
  if (argv[0] !== 'kubectl') return { stdout: '', stderr: `unsupported command: ${argv[0] ?? ''}\n`, exit: 127 };
  const [verb, ...rest] = argv.slice(1);
  if ((verb === 'apply' || verb === 'create') && rest[0] === '-f' && rest[1] === '-') return applyStdin(ctx, stdin ?? '', verb);
  if (verb === 'create' && rest[0] === 'service') return createService(ctx, rest.slice(1));
  return { stdout: '', stderr: `error: "${line}" is not supported in this build yet\n`, exit: 1 };
}

export function runAction(ctx: ActionContext, action: ActionInput): void {
  const out = execute(ctx, action.run, action.stdin);
  ctx.world.trace.push({ t: ctx.world.now(), type: 'command', run: action.run, stdout: out.stdout, stderr: out.stderr, ...(out.exit !== undefined ? { exit: out.exit } : {}) });
}
