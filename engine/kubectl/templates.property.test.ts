// Bad input never crashes anything: whatever a learner types after -o jsonpath=, -o custom-columns= or
// --sort-by ends in output or in kubectl's error, never in an exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCustomColumns, printCustomColumns } from './customColumns';
import { executeJsonPath, parseJsonPath } from './jsonpath';
import { relaxedJsonPath, sortByField } from './sortBy';

const data = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] }, status: { phase: 'Running', n: 1.5, ok: true, x: null } },
    { metadata: { name: 'b' }, spec: { containers: [] }, status: { phase: 'Pending' } },
  ],
};

// Pieces of the template language, so the generated strings are near-misses rather than noise.
const piece = fc.constantFrom('{', '}', '.', '..', '[', ']', '*', '?(', ')', '@', '$', ',', ':', '-1', '0', '2', "'", '"', '\\', '==', '!=', '<', '>=',
  'range', 'end', 'items', 'metadata', 'name', 'status', 'phase', 'spec', 'containers', 'ports', 'true', ' ', '\n', '1.5', 'x');
const template = fc.array(piece, { maxLength: 24 }).map((xs) => xs.join(''));

describe('template input never throws', () => {
  it('jsonpath: parse, then run against a List', () => {
    fc.assert(fc.property(fc.oneof(template, fc.string({ maxLength: 40 })), (t) => {
      const nodes = parseJsonPath(t);
      if ('error' in nodes) { expect(typeof nodes.error).toBe('string'); return; }
      for (const asJson of [false, true]) {
        const r = executeJsonPath(nodes, data, { asJson });
        expect(typeof ('error' in r ? r.error : r.text)).toBe('string');
      }
    }), { numRuns: 3_000 });
  });

  it('custom-columns and --sort-by', () => {
    fc.assert(fc.property(fc.oneof(template, fc.string({ maxLength: 40 })), (t) => {
      const columns = parseCustomColumns(`A:${t},B:.metadata.name`);
      if (Array.isArray(columns)) printCustomColumns(columns, data.items, false);
      const sortBy = relaxedJsonPath(t);
      if (typeof sortBy === 'string' && sortBy !== '') {
        const sorted = sortByField(data.items, sortBy, (o) => o);
        if (Array.isArray(sorted)) expect(sorted).toHaveLength(2);
      }
    }), { numRuns: 3_000 });
  });
});
