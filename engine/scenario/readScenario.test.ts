import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseManifests } from './parseManifests';
import { shiftPos } from './positions';
import { readScenario } from './readScenario';
import { checkObject, validateObject } from './validateObject';

const dir = fileURLToPath(new URL('../../test/scenarios/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.scenario.yaml')).sort();

describe('readScenario', () => {
  it('reads a scenario file with title, until, actions sorted stably by time, settings and expect', () => {
    const text = `title:\n  en: T\n  zh-CN: 标题\nuntil: 1m30s\nsettings:\n  kubernetesVersion: "1.33"\n  imagePullSeconds: 3\n  colour: red\nactions:\n  - at: 40s\n    run: kubectl get pods\n  - at: 20\n    run: kubectl apply -f -\n    stdin: "x"\n  - at: 20s\n    run: kubectl get svc\nmanifests: |\n  apiVersion: v1\n  kind: Pod\nexpect:\n  exit: 0\n`;
    const { scenario, diagnostics } = readScenario(text, 'f.yaml');
    expect(scenario).toMatchObject({
      title: { en: 'T', 'zh-CN': '标题' },
      untilMs: 90_000,
      settings: { kubernetesVersion: '1.33', imagePullSeconds: 3, colour: 'red' },
      manifests: 'apiVersion: v1\nkind: Pod\n',
      manifestsOffset: { line: 18, column: 3 },
      expect: { exit: 0 },
    });
    expect(scenario!.actions).toEqual([
      { atMs: 20_000, run: 'kubectl apply -f -', stdin: 'x' },
      { atMs: 20_000, run: 'kubectl get svc' },
      { atMs: 40_000, run: 'kubectl get pods' },
    ]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'scenario-shape', severity: 'warning', line: 8, column: 3 })]);
  });

  it('treats manifests as plain when there is no manifests key', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: Service\n';
    const { scenario, diagnostics } = readScenario(text);
    expect(diagnostics).toEqual([]);
    expect(scenario).toEqual({ manifests: text, manifestsOffset: { line: 1, column: 1 }, actions: [], settings: {} });
  });

  it('reports bad shapes with positions and never throws', () => {
    const { scenario, diagnostics } = readScenario('until: soon\nactions: 3\nmanifests: |\n  a: 1\n');
    expect(scenario).not.toBeNull();
    expect(diagnostics.map((d) => [d.line, d.column])).toEqual([[1, 1], [2, 1]]);
    expect(readScenario('manifests: 5\n').scenario).toBeNull();
  });

  it('maps positions inside the manifests back to file lines', () => {
    const text = readFileSync(`${dir}seed-rules-forbidden-probe.scenario.yaml`, 'utf8');
    const { scenario } = readScenario(text);
    const [err] = validateObject(parseManifests(scenario!.manifests).docs[0]);
    const inFile = shiftPos({ line: err!.line!, column: err!.column! }, scenario!.manifestsOffset);
    expect(text.split('\n')[inFile.line - 1]!.slice(inFile.column - 1)).toBe('readinessProbe:');
  });
});

describe('the shared scenarios', () => {
  it.each(files)('%s: rejected objects get the expected kubectl message, the rest are accepted', (file) => {
    const { scenario, diagnostics } = readScenario(readFileSync(`${dir}${file}`, 'utf8'), file);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const parsed = parseManifests(scenario!.manifests);
    expect(parsed.diagnostics).toEqual([]);
    const expected = ((scenario!.expect as { rejected?: Record<string, string> } | undefined)?.rejected) ?? {};
    const got: Record<string, string> = {};
    for (const doc of parsed.docs) {
      const r = checkObject(doc);
      if (r.type === 'invalid' || r.type === 'bad-request') got[r.ref] = r.message;
      else expect(r.type).toBe('ok');
    }
    expect(got).toEqual(expected);
    for (const a of scenario!.actions) {
      if (a.stdin) for (const doc of parseManifests(a.stdin).docs) expect(checkObject(doc).type).toBe('ok');
    }
  });
});
