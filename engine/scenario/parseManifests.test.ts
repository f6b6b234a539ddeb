import { describe, expect, it } from 'vitest';
import { parseManifests, MAX_MANIFEST_CHARS } from './parseManifests';
import { positionOf } from './positions';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: probe-init
spec:
  initContainers:
  - name: warmup
    image: busybox:1.36
    readinessProbe:
      exec:
        command: ['true']
  containers:
  - name: app
    image: "busybox:1.36"
`;

describe('parseManifests', () => {
  it('records key and value positions for field paths', () => {
    const { docs, diagnostics } = parseManifests(POD);
    expect(diagnostics).toEqual([]);
    const pos = docs[0]!.positions;
    expect(pos.get('spec.initContainers[0].readinessProbe')?.key).toEqual({ line: 9, column: 5 });
    expect(pos.get('spec.initContainers[0].name')).toEqual({ key: { line: 7, column: 5 }, value: { line: 7, column: 11 } });
    expect(pos.get('spec.containers[0]')?.value).toEqual({ line: 13, column: 5 });
    // A quoted value points at its opening quote.
    expect(pos.get('spec.containers[0].image')?.value).toEqual({ line: 14, column: 12 });
  });

  it('falls back to the nearest ancestor for a missing field', () => {
    const { docs } = parseManifests(POD);
    expect(positionOf(docs[0]!.positions, 'spec.containers[0].volumeMounts[0].name')).toEqual({ line: 13, column: 5 });
  });

  it('splits documents, skips empty ones and keeps positions in whole-text lines', () => {
    const text = `---\n# comment only\n---\n${POD}---\n\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n`;
    const { docs, diagnostics } = parseManifests(text);
    expect(diagnostics).toEqual([]);
    expect(docs.map((d) => (d.object as { kind: string }).kind)).toEqual(['Pod', 'Service']);
    expect(docs[1]!.positions.get('metadata.name')?.key).toEqual({ line: 24, column: 3 });
    expect(docs.map((d) => d.index)).toEqual([0, 1]);
  });

  it('reports a syntax error at js-yaml line/column and still reads the other documents', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n labels: x\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n`;
    const { docs, diagnostics } = parseManifests(text);
    expect(docs.map((d) => (d.object as { metadata: { name: string } }).metadata.name)).toEqual(['a', 'c']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'yaml-syntax', severity: 'error', line: 10, column: 2 });
    expect(diagnostics[0]!.message).toMatch(/^YAML syntax error: /);
  });

  it('reports duplicated keys', () => {
    const { diagnostics } = parseManifests('a: 1\na: 2\n');
    expect(diagnostics[0]).toMatchObject({ code: 'yaml-syntax', line: 2, column: 1 });
  });

  it('expands kind: List into its items with their own positions', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: one\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: two\n`;
    const { docs } = parseManifests(text);
    expect(docs).toHaveLength(2);
    expect(docs[1]!.positions.get('metadata.name')?.key).toEqual({ line: 11, column: 5 });
    expect(docs[1]!.start).toEqual({ line: 8, column: 3 });
  });

  it('reads YAML 1.1 scalars as kubectl does (yes is a bool, 0777 is octal)', () => {
    const { docs } = parseManifests('a: yes\nb: 0777\nc: 2024-01-01\n');
    expect(docs[0]!.object).toEqual({ a: true, b: 511, c: '2024-01-01' });
  });

  it('refuses too-large input with one diagnostic', () => {
    const { docs, diagnostics } = parseManifests('a'.repeat(MAX_MANIFEST_CHARS + 1));
    expect(docs).toEqual([]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'too-large', line: 1, column: 1 })]);
  });

  it('refuses more than 10,000 documents', () => {
    const { diagnostics } = parseManifests('a: 1\n---\n'.repeat(10_001));
    expect(diagnostics[0]).toMatchObject({ code: 'too-large' });
  });

  it('bounds alias expansion (billion laughs)', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const { docs, diagnostics } = parseManifests(text);
    expect(docs).toEqual([]);
    expect(diagnostics[0]).toMatchObject({ code: 'yaml-syntax' });
  });

  it('keeps a __proto__ key as plain data', () => {
    const { docs } = parseManifests('__proto__: {polluted: true}\n');
    expect(Object.keys(docs[0]!.object as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
