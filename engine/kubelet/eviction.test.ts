// eviction_manager.go emptyDirLimitEviction: message text, the strict "more than" test, spec order.
import { describe, expect, it } from 'vitest';
import { createTree, populate } from '../runtime/fs/index';
import { emptyDirEvictionMessage, overLimit } from './eviction';
import { simulate } from '../sim/simulate';

describe('emptyDir sizeLimit check', () => {
  it('words the message as emptyDirMessageFmt, trailing space included', () => {
    expect(emptyDirEvictionMessage('cache', '1Mi')).toBe('Usage of EmptyDir volume "cache" exceeds the limit "1Mi". ');
  });

  it('evicts only above the limit, naming the first such volume in spec order', () => {
    const vol = (name: string, files: number, limitBytes: number) => {
      const tree = createTree(name);
      for (let i = 0; i < files; i++) populate(tree, { [`/f${i}`]: { data: 'x' } });
      return { name, tree, limitBytes, limitText: String(limitBytes) };
    };
    // Root directory + one block per file.
    expect(overLimit([vol('exact', 1, 8192)])).toBeUndefined();
    expect(overLimit([vol('a', 1, 8192), vol('b', 2, 8192), vol('c', 3, 8192)])?.name).toBe('b');
  });
});

describe('a run with the default until', () => {
  // Nothing changes after the writes at ~1 s, so the run would end 30 s later; the over-full volume is only
  // seen at the 60 s stats refresh, and the run must go on until then to show the eviction.
  it('lasts until the eviction manager acts on an over-full emptyDir', () => {
    const manifests = `apiVersion: v1
kind: Pod
metadata: {name: tight}
spec:
  volumes: [{name: cache, emptyDir: {sizeLimit: 4Ki}}]
  containers:
  - {name: c, image: busybox:1.36, command: ['sh', '-c', 'echo a > /cache/a; sleep 3600'], volumeMounts: [{name: cache, mountPath: /cache}]}
`;
    const trace = simulate({ manifests });
    const evicted = trace.records.find((r) => r.type === 'event' && r.reason === 'Evicted');
    expect(evicted?.t).toBe(60_000);
    expect(trace.until).toBe(62_000 + 30_000);
  });
});
