import { describe, expect, it } from 'vitest';
import { executeJsonPath, goSyntax, parseJsonPath } from './jsonpath';

const run = (template: string, data: unknown, opts: { allowMissing?: boolean; asJson?: boolean } = {}): string => {
  const nodes = parseJsonPath(template);
  if ('error' in nodes) return `PARSE: ${nodes.error}`;
  const r = executeJsonPath(nodes, data, opts);
  return 'error' in r ? `EXEC: ${r.error}` : r.text;
};

const store = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { app: 'web', tier: 'x<y' } }, spec: { containers: [{ name: 'c1', ports: [{ containerPort: 80 }, { containerPort: 443, name: 'https' }] }] }, status: { phase: 'Running', ratio: 0.5, ready: true, probe: null } },
    { metadata: { name: 'b', labels: { app: 'db' } }, spec: { containers: [{ name: 'c2' }, { name: 'c3' }] }, status: { phase: 'Pending', ratio: 2.5, ready: false } },
  ],
};

describe('jsonpath: selection', () => {
  it.each([
    ['{.kind}', 'List'],
    ['{.items[0].metadata.name}', 'a'],
    ['{.items[-1].metadata.name}', 'b'],
    ['{.items[*].metadata.name}', 'a b'],
    ['{.items[0:1].metadata.name}', 'a'],
    ['{.items[0,1].status.phase}', 'Running Pending'],
    ["{.items[0]['metadata']['name']}", 'a'],
    ['{.items[*].spec.containers[*].name}', 'c1 c2 c3'],
    ['{..name}', 'a c1 https b c2 c3'],
    ['{.items[0].metadata.labels.*}', 'web x<y'],
    ['{$.items[1].status.ready}', 'false'],
    ['{.items[0].status.ratio}', '0.5'],
    ['{.items[0].status.probe}', 'null'],
    ['{.items[0].status.missing}', ''],
    ['name: {.items[0].metadata.name}!', 'name: a!'],
  ])('%s', (template, expected) => expect(run(template, store)).toBe(expected));

  it('filters by comparison and by existence', () => {
    expect(run('{.items[?(@.status.phase=="Running")].metadata.name}', store)).toBe('a');
    expect(run("{.items[?(@.status.phase!='Running')].metadata.name}", store)).toBe('b');
    expect(run('{.items[0].spec.containers[0].ports[?(@.containerPort>100)].name}', store)).toBe('https');
    expect(run('{.items[?(@.status.ratio>=2.5)].metadata.name}', store)).toBe('b');
    expect(run('{.items[0].spec.containers[0].ports[?(@.name)].containerPort}', store)).toBe('443');
    // Models the forked text/template comparison: an int against a float is not comparable.
    expect(run('{.items[?(@.status.ratio>2)].metadata.name}', store)).toBe('EXEC: incompatible types for comparison');
  });

  it('ranges, nested, with quoted text and escapes', () => {
    expect(run('{range .items[*]}{.metadata.name}{"\\t"}{range .spec.containers[*]}[{.name}]{end}{"\\n"}{end}', store)).toBe('a\t[c1]\nb\t[c2][c3]\n');
    expect(run("{range .items[*]}{'<'}{.metadata.name}{'>'}{end}", store)).toBe('<a><b>');
  });

  it('prints maps and lists as encoding/json does: keys sorted, <, > and & escaped', () => {
    expect(run('{.items[0].metadata.labels}', store)).toBe('{"app":"web","tier":"x\\u003cy"}');
    expect(run('{.items[1].spec.containers}', store)).toBe('[{"name":"c2"},{"name":"c3"}]');
  });

  it('-o jsonpath-as-json: each action as an indented JSON array', () => {
    expect(run('{.items[*].metadata.name}', store, { asJson: true })).toBe('[\n    "a",\n    "b"\n]\n');
    expect(run('{.items[5:5].metadata.name}', store, { asJson: true })).toBe('[]\n');
  });
});

describe('jsonpath: errors as client-go words them', () => {
  it.each([
    ['{.items[0', 'PARSE: unterminated array'],
    ['{.items', 'PARSE: unclosed action'],
    ['{.items[?(@.a=="x"}', 'PARSE: unterminated filter'],
    ['{.items[a]}', 'PARSE: invalid array index a'],
    ['{.items[0]!}', "PARSE: unrecognized character in action: U+0021 '!'"],
    ['{end}', 'PARSE: not in range, nothing to end'],
    ['{.items[2]}', 'EXEC: array index out of bounds: index 2, length 2'],
    ['{.items[1:0]}', 'EXEC: starting index 1 is greater than ending index 0'],
    ['{.kind[0]}', 'EXEC: string is not array or slice'],
  ])('%s', (template, expected) => expect(run(template, store)).toBe(expected));

  it('a missing key is an error only when missing keys are not allowed', () => {
    expect(run('{.nope}', store, { allowMissing: false })).toBe('EXEC: nope is not found');
  });

  it("%#v of the object, as kubectl's debugging dump shows it", () => {
    expect(goSyntax({ b: [1, 'x"y', null], a: { c: true, d: 0.5 } })).toBe('map[string]interface {}{"a":map[string]interface {}{"c":true, "d":0.5}, "b":[]interface {}{1, "x\\"y", interface {}(nil)}}');
  });
});

describe('jsonpath: huge templates', () => {
  it('a template nested thousands deep is refused, not a crash', () => {
    expect(run('{range .items[*]}'.repeat(20_000), store)).toBe('PARSE: the template is nested too deeply for this playground');
    expect(run(`{.items[${'0,'.repeat(20_000)}0].metadata.name}`, store).startsWith('a a a')).toBe(true);
  });
});
