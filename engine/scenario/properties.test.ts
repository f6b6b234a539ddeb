import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dump } from 'js-yaml';
import type { Diagnostic } from '../sim/diagnostics';
import { applyDefaults } from './defaults';
import { parseDuration } from './duration';
import { parseManifests } from './parseManifests';
import { readScenario } from './readScenario';
import { checkObject, objectDiagnostics } from './validateObject';

const BASE = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', labels: { app: 'x' } },
  spec: {
    volumes: [{ name: 'work', emptyDir: {} }],
    initContainers: [{ name: 'init', image: 'busybox:1.28', command: ['sh', '-c', 'true'], volumeMounts: [{ name: 'work', mountPath: '/w' }] }],
    containers: [{ name: 'app', image: 'busybox', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { port: 80 } } }],
  },
};

/** Every path (as key lists) into a JSON value. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = JSON.parse(JSON.stringify(root)) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path[path.length - 1] as string | number] = value;
  return copy;
}

const ALL_PATHS = paths(BASE);
const junk = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }));

function expectPositionsInside(diagnostics: readonly Diagnostic[], lines: readonly string[]): void {
  for (const d of diagnostics) {
    const ok = d.line !== undefined && d.column !== undefined && d.line >= 1 && d.column >= 1 &&
      d.line <= lines.length && d.column <= (lines[d.line - 1] ?? '').length + 1;
    if (!ok) expect.fail(`diagnostic outside the text: ${JSON.stringify(d)}`);
  }
}

function runAll(text: string): void {
  const lines = text.split('\n');
  const parsed = parseManifests(text);
  expectPositionsInside(parsed.diagnostics, lines);
  for (const doc of parsed.docs) {
    const check = checkObject(doc);
    expectPositionsInside(objectDiagnostics(check), lines);
    applyDefaults(doc.object);
  }
  const r = readScenario(text);
  expectPositionsInside(r.diagnostics, lines);
}

describe('bad input never throws, and every diagnostic points inside the text', () => {
  it('wrong types at every path of a valid pod', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_PATHS), junk, (path, value) => {
        runAll(dump(setAt(BASE, path, value)));
      }),
      { numRuns: 400 },
    );
  });

  it('deleted fields and renamed keys', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_PATHS.filter((p) => p.length > 0)), fc.boolean(), (path, rename) => {
        const text = dump(BASE);
        const key = String(path[path.length - 1]);
        const mutated = rename ? text.replace(`${key}:`, `${key}x:`) : dump(setAt(BASE, path, undefined), { skipInvalid: true });
        runAll(mutated);
      }),
      { numRuns: 300 },
    );
  });

  it('random YAML-ish text', () => {
    const piece = fc.constantFrom('---\n', 'apiVersion: v1\n', 'kind: Pod\n', 'kind: List\nitems:\n', '  - ', ': ', '- ', '{', '}', '[', ']', '&a ', '*a', '!!str ', '"', "'", '|\n', '>\n', '#', '\t', '\n', '  ', 'metadata:\n  name: x\n', 'spec:\n  containers: foo\n', '<<: *a\n', 'manifests: |\n  ', '\u2028', '%YAML 1.2\n', '...\n');
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 40 }), (parts) => {
        runAll(parts.join(''));
      }),
      { numRuns: 500 },
    );
  });

  it('scenario files with arbitrary values in every key', () => {
    fc.assert(
      fc.property(junk, junk, junk, junk, (until, settings, actions, title) => {
        runAll(dump({ title, until, settings, actions, manifests: dump(BASE) }, { skipInvalid: true }));
      }),
      { numRuns: 300 },
    );
  });

  it('durations: total, non-negative integers', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.integer()), (t) => {
        const ms = parseDuration(t);
        expect(ms === null || (Number.isInteger(ms) && ms >= 0)).toBe(true);
      }),
    );
  });

  it('bounded time on adversarial input', () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n${Array.from({ length: 20_000 }, (_, i) => `  k${i}: v`).join('\n')}\n`;
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const many = 'apiVersion: v1\nkind: Pod\n---\n'.repeat(9_000);
    for (const text of [big, deep, many]) {
      const t0 = performance.now();
      runAll(text);
      expect(performance.now() - t0).toBeLessThan(5000);
    }
  });
});
