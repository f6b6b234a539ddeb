import { describe, expect, it } from 'vitest';
import type { PodSpec } from 'kubernetes-types/core/v1';
import { effectiveInitRequest, effectivePodRequest } from './resources';

const c = (name: string, cpu: string, sidecar = false) => ({ name, image: 'busybox', resources: { requests: { cpu } }, ...(sidecar ? { restartPolicy: 'Always' } : {}) });
const cpu = (spec: PodSpec) => Math.round(effectivePodRequest(spec, 'cpu') * 1000);

describe('effective requests (D-SIDE "Examples of effective requests")', () => {
  it('sidecar 100m before init 200m, app 50m → 300m', () => {
    expect(cpu({ initContainers: [c('s', '100m', true), c('i', '200m')], containers: [c('a', '50m')] })).toBe(300);
  });
  it('init 200m before sidecar 100m, app 50m → 200m', () => {
    expect(cpu({ initContainers: [c('i', '200m'), c('s', '100m', true)], containers: [c('a', '50m')] })).toBe(200);
  });
  it('sidecar 100m before init 200m, app 400m → 500m', () => {
    expect(cpu({ initContainers: [c('s', '100m', true), c('i', '200m')], containers: [c('a', '400m')] })).toBe(500);
  });
  // D-INIT: without sidecars, the highest init request versus the sum of the app containers.
  it('regular init containers: the highest one against the app sum', () => {
    const spec: PodSpec = { initContainers: [c('i1', '500m'), c('i2', '250m')], containers: [c('a', '100m'), c('b', '200m')] };
    expect(Math.round(effectiveInitRequest(spec, 'cpu') * 1000)).toBe(500);
    expect(cpu(spec)).toBe(500);
  });
  it('a limit without a request counts as the request', () => {
    expect(cpu({ containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '1' } } }] })).toBe(1000);
  });
});
