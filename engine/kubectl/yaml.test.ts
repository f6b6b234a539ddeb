import { describe, expect, it } from 'vitest';
import { toJson, toYaml, yamlKeyLess } from './yaml';
import { scalarStyle } from './yamlScalar';

describe('go-yaml v2 key order (sigs.k8s.io/yaml)', () => {
  it('sorts letters after other characters and digit runs numerically', () => {
    const keys = ['b', 'a10', 'a9', 'A', '_x', '80', 'app.kubernetes.io/name', 'app'];
    expect([...keys].sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0))).toEqual(
      ['_x', '80', 'A', 'a9', 'a10', 'app', 'app.kubernetes.io/name', 'b']);
  });
});

describe('scalar styles', () => {
  it.each([
    ['busybox:1.28', 'plain'], ['Init:0/1', 'plain'], ['-c', 'plain'], ['10.244.0.12', 'plain'], ['100m', 'plain'], ['<none>', 'plain'],
    ['80', 'double'], ['true', 'double'], ['y', 'double'], ['', 'double'], ['2024-01-01T10:00:00Z', 'double'], ['1e3', 'double'], ['0777', 'double'], ['1:20', 'double'],
    ['*', 'single'], ['a: b', 'single'], ['x #y', 'single'], [' lead', 'single'], ['- x', 'single'], ['{a}', 'single'],
    ['tab\there', 'double'], ['a\nb', 'literal'], ['a \nb', 'double'],
  ])('%j → %s', (s, style) => {
    expect(scalarStyle(s, false)).toBe(style);
  });
});

describe('toYaml', () => {
  it('writes block mappings, indentless sequences, flow empties and literal blocks', () => {
    expect(toYaml({ spec: { containers: [{ name: 'a', args: ['x', 'y\nz\n'], env: [], resources: {} }], n: null, b: false, i: 3, f: 1.5 } })).toBe([
      'spec:', '  b: false', '  containers:', '  - args:', '    - x', '    - |', '      y', '      z', '    env: []', '    name: a', '    resources: {}',
      '  f: 1.5', '  i: 3', '  "n": null', ''].join('\n'));
  });
  it('folds long plain and quoted strings at column 80, indenting continuations', () => {
    const msg = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process';
    expect(toYaml({ status: { message: msg } })).toBe(
      'status:\n  message: \'failed to create containerd task: failed to create shim task: OCI runtime\n    create failed: runc create failed: unable to start container process\'\n');
  });
  it('literal block chomping indicators', () => {
    expect(toYaml({ a: 'x\ny' })).toBe('a: |-\n  x\n  y\n');
    expect(toYaml({ a: 'x\n\n' })).toBe('a: |+\n  x\n\n');
    expect(toYaml({ a: ' x\ny\n' })).toBe('a: |2\n   x\n  y\n');
  });
});

describe('toJson', () => {
  it('sorts keys, indents by four, escapes like Go (HTML-safe)', () => {
    expect(toJson({ b: 1, a: ['<x> & y'], c: {}, d: [] })).toBe('{\n    "a": [\n        "\\u003cx\\u003e \\u0026 y"\n    ],\n    "b": 1,\n    "c": {},\n    "d": []\n}\n');
  });
});
