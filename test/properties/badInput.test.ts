// Bad input never crashes (DESIGN.md "reports bad input as diagnostics, never by throwing"; "Budgets, not hangs"):
// random and mutated manifests, random text, random actions, and a fixed set of heavy inputs.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { runChecked } from './invariants';

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

describe('simulate never crashes on bad input', () => {
  it('random text as manifests', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => { runChecked({ manifests: text, untilMs: UNTIL }); }), { numRuns: 60 });
  });

  it('YAML-ish text (keys, dashes, indentation, anchors, tags)', () => {
    const token = fc.constantFrom('apiVersion: v1\n', 'kind: Pod\n', 'metadata:\n', '  name: p\n', 'spec:\n', '  containers:\n', '  - name: c\n', '    image: busybox\n',
      '---\n', '...\n', '- ', '  ', '\t', ': ', '&a ', '*a ', '!!str ', '!!binary ', '<<: *a\n', '{', '}', '[', ']', '"', "'", '#', '|\n', '>-\n', '%YAML 1.2\n', '? ', '\n');
    fc.assert(fc.property(fc.array(token, { maxLength: 60 }), (parts) => { runChecked({ manifests: parts.join(''), untilMs: UNTIL }); }), { numRuns: 60 });
  });

  it('valid skeletons with random field mutations (wrong types, huge numbers, missing fields)', () => {
    fc.assert(fc.property(fc.array(skeleton, { minLength: 1, maxLength: 3 }), fc.array(mutation, { maxLength: 4 }), (docs, muts) => {
      for (const [i, m] of muts.entries()) mutate(docs[i % docs.length] as Json, m.path, m.value, m.remove);
      runChecked({ manifests: docs.map((d) => JSON.stringify(d, null, 2)).join('\n---\n'), untilMs: UNTIL });
    }), { numRuns: 40 });
  });

  it('random actions at random times, and random settings', () => {
    const settings = fc.record({
      imagePullSeconds: fc.option(fc.oneof(fc.double(), fc.integer()), { nil: undefined }),
      containerStartSeconds: fc.option(fc.oneof(fc.double(), fc.integer()), { nil: undefined }),
      commandMicros: fc.option(fc.oneof(fc.double(), fc.integer({ min: -10, max: 10 })), { nil: undefined }),
      seed: fc.option(fc.oneof(fc.integer(), fc.double()), { nil: undefined }),
    });
    fc.assert(fc.property(skeleton, fc.array(action, { maxLength: 6 }), settings, (doc, actions, s) => {
      runChecked({ manifests: JSON.stringify(doc), actions, settings: s, untilMs: UNTIL });
    }), { numRuns: 40 });
  });

  it('random until values (negative, fractional, huge, absent)', () => {
    const until = fc.option(fc.oneof(fc.integer({ min: -1000, max: 60_000 }), fc.constantFrom(0, 0.5, Number.NaN, 1e12)), { nil: undefined });
    fc.assert(fc.property(until, (untilMs) => {
      runChecked({ manifests: JSON.stringify(podSkeleton('p')), ...(untilMs === undefined ? {} : { untilMs }) });
    }), { numRuns: 15 });
  }, 60_000);
});

// Heavy inputs: a fixed set, not random (each is slow by design).
describe('simulate stays bounded on heavy input', () => {
  const pod = (command: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: heavy
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox:1.36
    command: ['sh', '-c', ${JSON.stringify(command)}]
${extra}`;

  it.each([
    ['busy loop', 'while true; do :; done'],
    ['fork bomb', ':(){ :|:& };:'],
    ['yes', 'yes'],
    ['deep recursion', 'f(){ f; }; f'],
    ['output flood', 'while true; do echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; done'],
    ['file flood', 'i=0; while true; do echo x >> /tmp/f$i; i=$((i+1)); done'],
  ])('%s ends (truncated or not) and is deterministic', (_name, script) => {
    runChecked({ manifests: pod(script), untilMs: 60_000 });
  }, 60_000);

  it('10,000 containers', () => {
    const containers = Array.from({ length: 10_000 }, (_, i) => `  - {name: c${i}, image: 'busybox:1.36', command: ['sh', '-c', 'sleep 1']}`).join('\n');
    runChecked({ manifests: `apiVersion: v1\nkind: Pod\nmetadata: {name: many}\nspec:\n  containers:\n${containers}\n`, untilMs: 5_000 });
  }, 60_000);

  it('a document of a few MB', () => {
    const big = 'x'.repeat(3_000_000);
    runChecked({ manifests: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  k: "${big}"\n`, untilMs: 1_000 });
  }, 60_000);

  it('deep nesting (flow and block)', () => {
    const depth = 5_000;
    runChecked({ manifests: `${'['.repeat(depth)}${']'.repeat(depth)}`, untilMs: 1_000 });
    runChecked({ manifests: `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`, untilMs: 1_000 });
    const block = Array.from({ length: 500 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    runChecked({ manifests: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: deep\n  labels:\n${block.replace(/^/gm, '    ')} 1\n`, untilMs: 1_000 });
  }, 60_000);

  it('many documents', () => {
    runChecked({ manifests: Array.from({ length: 2_000 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\nspec: {ports: [{port: 80}]}`).join('\n---\n'), untilMs: 1_000 });
  }, 60_000);
});
