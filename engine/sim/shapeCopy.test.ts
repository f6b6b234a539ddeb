import { describe, expect, it } from 'vitest';
import { shapeCopy } from './shapeCopy';
import { structuredCloneJson } from '../cluster/apiServer';

describe('shapeCopy', () => {
  it('gives what a spread gives, fields in the same order', () => {
    const c = { name: 'a', image: 'busybox', volumeMounts: [{ name: 'x' }], args: undefined };
    expect(Object.entries(shapeCopy(c, { volumeMounts: [], z: 1 }))).toEqual(Object.entries({ ...c, ...{ volumeMounts: [], z: 1 } }));
    expect(Object.entries(shapeCopy(c))).toEqual(Object.entries({ ...c }));
  });

  it('keeps a __proto__ key a field (from YAML), never the prototype', () => {
    const o = JSON.parse('{"a": 1, "__proto__": {"x": 1}}') as object;
    const copy = shapeCopy(o, { b: 2 });
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['a', '__proto__', 'b']);
  });
});

describe('structuredCloneJson', () => {
  it('copies by JSON rules', () => {
    const cases: unknown[] = [
      { a: 1, b: undefined, c: [1, undefined, () => 1, NaN, -0, Infinity], d: { '2': 1, '1': 2, e: null }, g: -0, h: new Date(0) },
      JSON.parse('{"__proto__": {"x": 1}, "y": [true, false]}'), [undefined], { m: new Map([[1, 2]]) }, 'str', 3, null, [[[]]],
    ];
    for (const v of cases) {
      const copy = structuredCloneJson(v);
      expect(JSON.stringify(copy)).toBe(JSON.stringify(JSON.parse(JSON.stringify(v))));
      if (copy && typeof copy === 'object') expect(Object.getPrototypeOf(copy)).toBe(Object.getPrototypeOf(JSON.parse(JSON.stringify(v))));
    }
    expect(Object.is(structuredCloneJson({ z: -0 }).z, 0)).toBe(true);
  });

  it('makes a copy that shares nothing', () => {
    const v = { a: { b: [1, { c: 2 }] } };
    const copy = structuredCloneJson(v);
    expect(copy).toEqual(v);
    expect(copy.a).not.toBe(v.a);
    expect(copy.a.b[1]).not.toBe(v.a.b[1]);
  });
});
