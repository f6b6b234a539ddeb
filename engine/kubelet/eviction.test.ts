// eviction_manager.go emptyDirLimitEviction: message text, the strict "more than" test, spec order.
import { describe, expect, it } from 'vitest';
import { createTree, populate } from '../runtime/fs/index';
import { emptyDirEvictionMessage, overLimit } from './eviction';

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
