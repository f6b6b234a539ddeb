/**
 * Resource arguments as kubectl's resource builder reads them: `TYPE[,TYPE…] [NAME…]` or
 * `TYPE/NAME…`, with aliases, the `all` category and the builder's error texts.
 */
import type { Target } from './commands';
import type { ResourceName } from './resources';
import { ALL_CATEGORY, findResource } from './resources';

function resolveTypes(arg: string): ResourceName[] | { error: string } {
  const out: ResourceName[] = [];
  for (const t of arg.split(',').filter((x) => x !== '')) {
    if (t.toLowerCase() === 'all') { out.push(...ALL_CATEGORY.filter((r) => !out.includes(r))); continue; }
    const r = findResource(t);
    if (!r) return { error: `the server doesn't have a resource type "${t}"` };
    if (!out.includes(r.resource)) out.push(r.resource);
  }
  return out;
}

/** Targets for `args`; `{ error }` carries the message after kubectl's `error: ` prefix. */
// Models cli-runtime resource.Builder ResourceTypeOrNameArgs / hasCombinedTypeArgs / splitResourceTypeName.
export function resourceTargets(args: readonly string[]): Target[] | { error: string } {
  const slashes = args.filter((a) => a.includes('/')).length;
  if (slashes > 0 && slashes !== args.length) {
    return { error: "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'" };
  }
  if (slashes > 0) {
    const targets: Target[] = [];
    for (const a of args) {
      const parts = a.split('/');
      if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return { error: 'arguments in resource/name form must have a single resource and name' };
      const r = findResource(parts[0]);
      if (!r) return { error: `the server doesn't have a resource type "${parts[0]}"` };
      const existing = targets.find((t) => t.resource === r.resource);
      if (existing) (existing.names as string[]).push(parts[1]); else targets.push({ resource: r.resource, names: [parts[1]] });
    }
    return targets;
  }
  if (args.length === 0) return [];
  const types = resolveTypes(args[0]);
  if (!Array.isArray(types)) return types;
  return types.map((resource) => ({ resource, names: args.slice(1) }));
}
