// A Memory emptyDir's tmpfs size (empty_dir.go calculateEmptyDirMemorySize): the smaller of its sizeLimit and the
// pod's memory limit (when every app container declares one), only with SizeMemoryBackedVolumes (from 1.22).
import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/simulate';
import { podMemoryLimit } from './resources';

/** The logs after `head -c 3M` filled the volume (busybox head: "standard output: I/O error") or wrote it all. */
function filled(emptyDir: string, limits: string, kubernetesVersion = '1.36'): { logs: string; evicted: boolean } {
  const manifests = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes: [{name: m, emptyDir: ${emptyDir}}]
  containers:
  - name: c
    image: busybox:1.36
    command: ['sh', '-c', 'yes | head -c 3145728 > /m/f; wc -c /m/f; sleep 3600']
    volumeMounts: [{name: m, mountPath: /m}]
    resources: ${limits}
`;
  const t = simulate({ manifests, untilMs: 90_000, settings: { kubernetesVersion }, actions: [{ atMs: 30_000, run: 'kubectl logs p' }] });
  const cmd = t.records.find((r) => r.type === 'command');
  return {
    logs: cmd && cmd.type === 'command' ? cmd.stdout : '',
    evicted: t.records.some((r) => r.type === 'event' && r.reason === 'Evicted'),
  };
}

describe('Memory emptyDir size', () => {
  it('is the sizeLimit when the pod has no memory limit', () => {
    expect(filled('{medium: Memory, sizeLimit: 1Mi}', '{}')).toEqual({ logs: 'head: standard output: I/O error\n1048576 /m/f\n', evicted: false });
  });

  it('is the pod memory limit when that is smaller, and the pod is not evicted (usage stays under the sizeLimit)', () => {
    expect(filled('{medium: Memory, sizeLimit: 2Mi}', '{limits: {memory: 1Mi}}')).toEqual({ logs: 'head: standard output: I/O error\n1048576 /m/f\n', evicted: false });
  });

  it('is the pod memory limit without a sizeLimit', () => {
    expect(filled('{medium: Memory}', '{limits: {memory: 512Ki}}').logs).toBe('head: standard output: I/O error\n524288 /m/f\n');
  });

  it('rounds size= up to pages: a sizeLimit of 1000000 bytes holds 1003520, more than the limit, so the pod is evicted', () => {
    expect(filled('{medium: Memory, sizeLimit: "1000000"}', '{}')).toEqual({ logs: 'head: standard output: I/O error\n1003520 /m/f\n', evicted: true });
  });

  it('before 1.22 the tmpfs has no size: the write succeeds and the eviction manager evicts the pod', () => {
    expect(filled('{medium: Memory, sizeLimit: 1Mi}', '{limits: {memory: 1Mi}}', '1.21')).toEqual({ logs: '3145728 /m/f\n', evicted: true });
  });
});

describe('pod memory limit (ResourceConfigForPod)', () => {
  const c = (name: string, memory?: string, restartPolicy?: string) => ({ name, ...(restartPolicy ? { restartPolicy } : {}), resources: memory ? { limits: { memory } } : {} });
  it('needs a limit on every app container; init containers count through PodLimits', () => {
    expect(podMemoryLimit({ containers: [c('a', '1Mi'), c('b')] })).toBeNull();
    expect(podMemoryLimit({ containers: [c('a', '1Mi'), c('b', '1Mi')] })).toBe(2 * 2 ** 20);
    expect(podMemoryLimit({ initContainers: [c('i', '4Mi')], containers: [c('a', '1Mi')] })).toBe(4 * 2 ** 20);
    expect(podMemoryLimit({ initContainers: [c('s', '1Mi', 'Always')], containers: [c('a', '1Mi')] })).toBe(2 * 2 ** 20);
  });
});
