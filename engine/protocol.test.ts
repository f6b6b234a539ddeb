import { describe, expect, it } from 'vitest';
import { handleRequest, PROTOCOL_VERSION } from './protocol';

const manifests = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: i, image: busybox:1.36, command: ['sh', '-c', 'sleep 1']}]
  containers: [{name: a, image: busybox:1.36, command: ['sh', '-c', 'sleep 3600']}]
`;

describe('handleRequest', () => {
  it('answers a simulate request with a trace under the same id', () => {
    const res = handleRequest({ v: PROTOCOL_VERSION, id: 41, type: 'simulate', scenario: { manifests } });
    expect(res.type).toBe('trace');
    expect(res.id).toBe(41);
    if (res.type !== 'trace') return;
    expect(res.readable).toBe(true);
    expect(res.trace.pods.map((p) => p.name)).toEqual(['p']);
    // Only plain JSON crosses the worker boundary.
    expect(JSON.parse(JSON.stringify(res))).toEqual(res);
  });

  it('marks a text that cannot be read as unreadable, with a located diagnostic', () => {
    const res = handleRequest({ v: PROTOCOL_VERSION, id: 2, type: 'simulate', scenario: { manifests: 'kind: Pod\n  x: [\n' } });
    expect(res.type === 'trace' && res.readable).toBe(false);
    const d = res.type === 'trace' ? res.trace.diagnostics[0] : undefined;
    expect(d?.line).toBeGreaterThan(0);
  });

  it.each([null, 42, 'simulate', {}, { v: 99, id: 1, type: 'simulate', scenario: { manifests } }, { v: 1, id: 3, type: 'nope' }])(
    'answers a malformed message %j with an error, never a throw', (msg) => {
      const res = handleRequest(msg);
      expect(res.type).toBe('error');
    });
});
