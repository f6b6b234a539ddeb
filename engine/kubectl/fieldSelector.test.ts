import { describe, expect, it } from 'vitest';
import { matchFields, parseFieldSelector } from './fieldSelector';
import { resourceInfo } from './resources';

describe('parseFieldSelector', () => {
  // Models apimachinery fields.ParseSelector: "!=" before "==" before "=", backslash escapes.
  it('reads =, == and != terms separated by commas', () => {
    expect(parseFieldSelector('status.phase=Running,metadata.name!=a,spec.nodeName==node1')).toEqual([
      { field: 'status.phase', op: '=', value: 'Running' },
      { field: 'metadata.name', op: '!=', value: 'a' },
      { field: 'spec.nodeName', op: '=', value: 'node1' },
    ]);
    expect(parseFieldSelector('')).toEqual([]);
    expect(parseFieldSelector('reason=a\\,b')).toEqual([{ field: 'reason', op: '=', value: 'a,b' }]);
    expect(parseFieldSelector('status.phase=')).toEqual([{ field: 'status.phase', op: '=', value: '' }]);
  });
  it('refuses a term without an operator', () => {
    expect(parseFieldSelector('status.phase')).toEqual({ error: "invalid selector: 'status.phase'; can't understand 'status.phase'" });
  });
});

describe('matchFields', () => {
  const pod = (name: string, phase: string) => ({ metadata: { name, namespace: 'default' }, spec: { nodeName: 'node1' }, status: { phase } });
  it('compares the fields the API server offers for the resource', () => {
    const running = matchFields(resourceInfo('pods'), parseFieldSelector('status.phase=Running,metadata.name!=b') as never);
    expect(typeof running).toBe('function');
    const f = running as (o: object) => boolean;
    expect([pod('a', 'Running'), pod('b', 'Running'), pod('c', 'Pending')].filter(f).map((p) => p.metadata.name)).toEqual(['a']);
  });
  it('refuses a field the resource cannot be selected on', () => {
    expect(matchFields(resourceInfo('deployments'), parseFieldSelector('status.phase=Running') as never)).toEqual({ error: 'field label not supported: status.phase' });
    expect(typeof matchFields(resourceInfo('events'), parseFieldSelector('involvedObject.name=a,type=Warning,source=kubelet') as never)).toBe('function');
  });
});
