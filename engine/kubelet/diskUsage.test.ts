// The kubelet's DiskUsage (pkg/volume/util/fs): allocated 4 KiB blocks, hard links once.
import { describe, expect, it } from 'vitest';
import { createTree, populate } from '../runtime/fs/index';
import { diskUsage } from './diskUsage';

describe('diskUsage', () => {
  it('counts the root directory, whole blocks per file, nothing for an empty file', () => {
    const tree = createTree('t');
    expect(diskUsage(tree)).toBe(4096);
    populate(tree, { '/a': { data: 'x' }, '/b': { data: 'y'.repeat(4097) }, '/empty': { data: '' }, '/d': { dir: true } });
    expect(diskUsage(tree)).toBe(4096 + 4096 + 8192 + 0 + 4096);
  });

  it('counts a hard-linked file once', () => {
    const tree = createTree('t');
    populate(tree, { '/a': { data: 'z'.repeat(5000) } });
    const file = tree.root.entries.get('a')!;
    tree.root.entries.set('b', file);
    file.nlink = 2;
    expect(diskUsage(tree)).toBe(4096 + 8192);
  });
});
