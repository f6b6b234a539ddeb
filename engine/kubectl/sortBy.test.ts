import { describe, expect, it } from 'vitest';
import { naturalLess, relaxedJsonPath, sortByField } from './sortBy';

describe('relaxedJsonPath', () => {
  // Models kubectl get/sorter.go RelaxedJSONPathExpression.
  it.each([['.metadata.name', '{.metadata.name}'], ['metadata.name', '{.metadata.name}'], ['{.status.phase}', '{.status.phase}'], ['{status.phase}', '{.status.phase}']])('%s → %s', (field, template) => {
    expect(relaxedJsonPath(field)).toBe(template);
  });
  it('refuses braces inside', () => {
    expect(relaxedJsonPath('{{.a}}')).toEqual({ error: "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'" });
  });
});

describe('naturalLess', () => {
  it('orders runs of digits as numbers, digits before letters, prefixes first', () => {
    const sorted = ['web-10', 'web-9', 'web-1', 'web-01', 'web-a', 'web', 'web-2b'].sort((a, b) => (naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0));
    expect(sorted).toEqual(['web', 'web-1', 'web-01', 'web-2b', 'web-9', 'web-10', 'web-a']);
    expect(naturalLess('2024-01-01T10:00:09Z', '2024-01-01T10:00:10Z')).toBe(true);
  });
});

describe('sortByField', () => {
  const objs = [
    { name: 'c', n: 10, q: '1Gi', t: '2024-01-01T10:00:10Z' },
    { name: 'a', n: 9, q: '512Mi', t: '2024-01-01T10:00:09Z' },
    { name: 'b', q: '2Gi' },
  ];
  const by = (template: string): string[] => (sortByField(objs, template, (o) => o) as typeof objs).map((o) => o.name);
  it('numbers by value, quantities as quantities, strings naturally, missing values first', () => {
    expect(by('{.n}')).toEqual(['b', 'a', 'c']);
    expect(by('{.q}')).toEqual(['a', 'c', 'b']);
    expect(by('{.t}')).toEqual(['b', 'a', 'c']);
    expect(by('{.name}')).toEqual(['a', 'b', 'c']);
  });
});
