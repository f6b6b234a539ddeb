/**
 * A tmpfs tree's page accounting through FsView. The expected numbers are those a real tmpfs
 * (Linux 6.x, `mount -t tmpfs -o size=8k`) gives for the same operations, checked by hand with
 * `df -B1`, `stat -c '%s %b'` and `wc -c`: directories take no page, a file takes ceil(size / 4096)
 * pages, a write that does not fit is short and the next one fails with ENOSPC.
 */
import { describe, expect, it } from 'vitest';
import { APPLET_NAMES } from '../programs/registry';
import { charsFitting, pagesFor, tmpfsSpace, tmpfsUsage } from './capacity';
import { createBaseLayer, createContainerFs, createTree, FsError, ROOT_CRED, type FsView, type Tree } from './index';

function tmpfs(sizeBytes: number): { fs: FsView; tree: Tree } {
  const tree = createTree('vol:m', { mode: 0o777, space: tmpfsSpace(sizeBytes) });
  const image = createBaseLayer('image', { applets: APPLET_NAMES, files: {} });
  const fs = createContainerFs({ image, key: 'pod/c/0', readOnlyRootFilesystem: false, mounts: [{ name: 'm', mountPath: '/m', readOnly: false, tree }] });
  return { fs, tree };
}

const used = (tree: Tree) => tree.space!.used;
const size = (fs: FsView, p: string) => fs.readFile(p, '/', ROOT_CRED).length;
const enospc = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return e instanceof FsError ? e.code : e;
  }
  return 'no error';
};

describe('tmpfs capacity', () => {
  it('rounds size= up to whole pages (size=10000 mounts as 12k)', () => {
    expect(tmpfsSpace(10000).pages).toBe(3);
    expect(tmpfsSpace(8192).pages).toBe(2);
    expect(pagesFor(0)).toBe(0);
    expect(pagesFor(1)).toBe(1);
  });

  it('directories and short symlinks take no page; a file and a long symlink take whole pages', () => {
    const { fs, tree } = tmpfs(8192);
    fs.mkdir('/m/d', '/', ROOT_CRED);
    fs.symlink('x'.repeat(127), '/m/short', '/', ROOT_CRED);
    fs.writeFile('/m/a', '/', ROOT_CRED, 'hi\n');
    expect(used(tree)).toBe(1);
    fs.symlink('x'.repeat(128), '/m/long', '/', ROOT_CRED);
    expect(used(tree)).toBe(2);
    expect(tmpfsUsage(tree)).toBe(8192);
    // Full: a long symlink fails (ln: /m/l: No space left on device); mkdir and an empty file still work.
    expect(enospc(() => fs.symlink('y'.repeat(200), '/m/l', '/', ROOT_CRED))).toBe('ENOSPC');
    fs.mkdir('/m/d2', '/', ROOT_CRED);
    fs.writeFile('/m/empty', '/', ROOT_CRED, '');
    expect(used(tree)).toBe(2);
  });

  it('a write past the limit writes what fits, then fails with ENOSPC', () => {
    const { fs, tree } = tmpfs(8192);
    fs.writeFile('/m/a', '/', ROOT_CRED, 'a'.repeat(5001));
    expect(enospc(() => fs.writeFile('/m/b', '/', ROOT_CRED, 'b'.repeat(5001)))).toBe('ENOSPC');
    expect(size(fs, '/m/b')).toBe(0);
    expect(used(tree)).toBe(2);
  });

  it("a file's own partly filled page is room: with no page left, a 3000-byte file still grows to 4096", () => {
    const { fs, tree } = tmpfs(12288);
    fs.writeFile('/m/a', '/', ROOT_CRED, 'a'.repeat(5000));
    fs.writeFile('/m/c', '/', ROOT_CRED, 'c'.repeat(3000));
    expect(enospc(() => fs.writeFile('/m/c', '/', ROOT_CRED, 'c'.repeat(3000), true))).toBe('ENOSPC');
    expect(size(fs, '/m/c')).toBe(4096);
    expect(used(tree)).toBe(3);
  });

  it('writeAt is write(2): a short count, then ENOSPC once nothing fits', () => {
    const { fs } = tmpfs(8192);
    const info = fs.openWrite('/m/f', '/', ROOT_CRED, { truncate: true });
    expect(fs.writeAt(info, 'x'.repeat(5000), 0, true)).toBe(5000);
    expect(fs.writeAt(info, 'y'.repeat(5000), 5000, true)).toBe(8192);
    expect(enospc(() => fs.writeAt(info, 'z', 8192, true))).toBe('ENOSPC');
    // Overwriting in place needs no page.
    expect(fs.writeAt(info, 'w'.repeat(100), 0, false)).toBe(100);
    expect(fs.readFile('/m/f', '/', ROOT_CRED).slice(0, 101)).toBe('w'.repeat(100) + 'x');
  });

  it('truncating, overwriting (> truncates first) and rm give pages back', () => {
    const { fs, tree } = tmpfs(8192);
    fs.writeFile('/m/a', '/', ROOT_CRED, 'a'.repeat(8192));
    expect(used(tree)).toBe(2);
    fs.writeFile('/m/a', '/', ROOT_CRED, 'small\n');
    expect(used(tree)).toBe(1);
    fs.openWrite('/m/a', '/', ROOT_CRED, { truncate: true });
    expect(used(tree)).toBe(0);
    fs.writeFile('/m/a', '/', ROOT_CRED, 'a'.repeat(4097));
    fs.unlink('/m/a', '/', ROOT_CRED);
    expect(used(tree)).toBe(0);
  });

  it('several files share the pages; a hard link holds them until the last name goes; rename over a file frees it', () => {
    const { fs, tree } = tmpfs(4 * 4096);
    fs.writeFile('/m/a', '/', ROOT_CRED, 'a'.repeat(4096));
    fs.writeFile('/m/b', '/', ROOT_CRED, 'b'.repeat(4097));
    fs.link('/m/a', '/m/a2', '/', ROOT_CRED);
    expect(used(tree)).toBe(3);
    fs.unlink('/m/a', '/', ROOT_CRED);
    expect(used(tree)).toBe(3);
    fs.unlink('/m/a2', '/', ROOT_CRED);
    expect(used(tree)).toBe(2);
    fs.writeFile('/m/c', '/', ROOT_CRED, 'c');
    fs.rename('/m/c', '/m/b', '/', ROOT_CRED);
    expect(used(tree)).toBe(1);
    expect(fs.readFile('/m/b', '/', ROOT_CRED)).toBe('c');
  });

  it('counts UTF-8 bytes and never splits a character', () => {
    expect(charsFitting('aé€😀', 1)).toBe(1);
    expect(charsFitting('aé€😀', 3)).toBe(2);
    expect(charsFitting('aé€😀', 6)).toBe(3);
    expect(charsFitting('aé€😀', 9)).toBe(3);
    expect(charsFitting('aé€😀', 10)).toBe(5);
    const { fs, tree } = tmpfs(4096);
    expect(enospc(() => fs.writeFile('/m/u', '/', ROOT_CRED, 'é'.repeat(3000)))).toBe('ENOSPC');
    expect(size(fs, '/m/u')).toBe(2048);
    expect(used(tree)).toBe(1);
  });

  it('trees without a size have no space to account', () => {
    const vol = createTree('vol:plain');
    expect(vol.space).toBeUndefined();
    expect(tmpfsUsage(vol)).toBe(0);
  });
});
