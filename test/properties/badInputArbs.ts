// Arbitraries for the bad-input properties (badInput.test.ts), in their own module so that scripts/hunt.ts
// can replay the same generators outside Vitest when a run hangs or fails.
import fc from 'fast-check';
import type { ScenarioInput } from '../../engine/sim/simulate';

// Short runs keep the suite fast; the invariants do not depend on the length of the run.
const UNTIL = 20_000;

const podSkeleton = (name: string) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: {
    initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'echo hi; sleep 1'] }],
    containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5; exit 1'] }],
  },
});
const deploymentSkeleton = (name: string) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: { replicas: 2, selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
});
const jobSkeleton = (name: string) => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name },
  spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'job', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] } } },
});
const serviceSkeleton = (name: string) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
});

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
const skeleton = fc.tuple(fc.constantFrom(podSkeleton, deploymentSkeleton, jobSkeleton, serviceSkeleton), name).map(([make, n]) => make(n));

/** Values a careless or hostile editor could put anywhere. */
const weird: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53, 0.5, '', ' ', 'Always', 'Never', '10s', '-5', '1e9', '$(VAR)', '\u0000', '🙂', '{', ']', ': x'),
  fc.integer(), fc.double(), fc.string({ maxLength: 20 }),
  fc.array(fc.constantFrom(null, 1, 'x', {}), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.constantFrom(null, 1, 'x'), { maxKeys: 3 }),
);

type Json = Record<string, unknown> | unknown[];

/** Sets (or deletes) one field somewhere in the object, chosen by a path of random indices. */
function mutate(root: Json, path: readonly number[], value: unknown, remove: boolean): void {
  let node: Json = root;
  for (let depth = 0; depth < path.length; depth++) {
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) return;
    const key = keys[path[depth] % keys.length];
    const child = (node as Record<string | number, unknown>)[key];
    const last = depth === path.length - 1 || child === null || typeof child !== 'object';
    if (last) {
      if (remove && !Array.isArray(node)) delete (node as Record<string, unknown>)[key as string];
      else (node as Record<string | number, unknown>)[key] = value;
      return;
    }
    node = child as Json;
  }
}

const mutation = fc.record({ path: fc.array(fc.nat(20), { minLength: 1, maxLength: 7 }), value: weird, remove: fc.boolean() });

const action = fc.record({
  atMs: fc.oneof(fc.integer({ min: 0, max: 30_000 }), fc.constantFrom(-1, Number.NaN, Number.POSITIVE_INFINITY, 1e15, 0.5)),
  run: fc.oneof(
    fc.constantFrom('kubectl get pods', 'kubectl get pods -w', 'kubectl describe pod', 'kubectl logs', 'kubectl logs x -c y -p', 'kubectl delete pod --all',
      'kubectl create service clusterip s --tcp=80:80', 'kubectl scale deploy/x --replicas=-3', 'kubectl apply -f -', 'kubectl port-forward pod/x 8080:80',
      'curl localhost:8080', 'kubectl', '', 'rm -rf /', 'kubectl get "unterminated', 'kubectl rollout restart deployment/x', 'kubectl get events',
      'crictl', 'crictl pods', 'crictl pods -q -l', 'crictl pods --name (', 'crictl pods -n', 'crictl stopp', 'crictl stopp ""', 'crictl ps'),
    fc.string({ maxLength: 40 }).map((s) => `kubectl ${s}`),
    fc.string({ maxLength: 40 }).map((s) => `crictl ${s}`),
    fc.string({ maxLength: 40 }),
  ),
  stdin: fc.option(fc.oneof(fc.string({ maxLength: 60 }), skeleton.map((o) => JSON.stringify(o))), { nil: undefined }),
});


const tokens = fc.constantFrom('apiVersion: v1\n', 'kind: Pod\n', 'metadata:\n', '  name: p\n', 'spec:\n', '  containers:\n', '  - name: c\n', '    image: busybox\n',
  '---\n', '...\n', '- ', '  ', '\t', ': ', '&a ', '*a ', '!!str ', '!!binary ', '<<: *a\n', '{', '}', '[', ']', '"', "'", '#', '|\n', '>-\n', '%YAML 1.2\n', '? ', '\n');

const settings = fc.record({
  imagePullSeconds: fc.option(fc.oneof(fc.double(), fc.integer()), { nil: undefined }),
  containerStartSeconds: fc.option(fc.oneof(fc.double(), fc.integer()), { nil: undefined }),
  commandMicros: fc.option(fc.oneof(fc.double(), fc.integer({ min: -10, max: 10 })), { nil: undefined }),
  seed: fc.option(fc.oneof(fc.integer(), fc.double()), { nil: undefined }),
});

const untilValue = fc.option(fc.oneof(fc.integer({ min: -1000, max: 60_000 }), fc.constantFrom(0, 0.5, Number.NaN, 1e12)), { nil: undefined });

/** One generator of whole scenario inputs per property, with the number of runs each gets in the suite. */
export const PROPERTIES: Record<string, { readonly input: fc.Arbitrary<ScenarioInput>; readonly numRuns: number }> = {
  'random text as manifests': {
    input: fc.string({ maxLength: 300 }).map((text) => ({ manifests: text, untilMs: UNTIL })), numRuns: 60,
  },
  'YAML-ish text (keys, dashes, indentation, anchors, tags)': {
    input: fc.array(tokens, { maxLength: 60 }).map((parts) => ({ manifests: parts.join(''), untilMs: UNTIL })), numRuns: 60,
  },
  'valid skeletons with random field mutations (wrong types, huge numbers, missing fields)': {
    input: fc.tuple(fc.array(skeleton, { minLength: 1, maxLength: 3 }), fc.array(mutation, { maxLength: 4 })).map(([generated, muts]) => {
      const docs = structuredClone(generated);
      for (const [i, m] of muts.entries()) mutate(docs[i % docs.length] as Json, m.path, m.value, m.remove);
      return { manifests: docs.map((d) => JSON.stringify(d, null, 2)).join('\n---\n'), untilMs: UNTIL };
    }), numRuns: 40,
  },
  'random actions at random times, and random settings': {
    input: fc.tuple(skeleton, fc.array(action, { maxLength: 6 }), settings)
      .map(([doc, actions, s]) => ({ manifests: JSON.stringify(doc), actions, settings: s, untilMs: UNTIL })), numRuns: 40,
  },
  'random until values (negative, fractional, huge, absent)': {
    input: untilValue.map((untilMs) => ({ manifests: JSON.stringify(podSkeleton('p')), ...(untilMs === undefined ? {} : { untilMs }) })), numRuns: 15,
  },
};
