// SetVolumeOwnership (pkg/volume/volume_linux.go): group fsGroup everywhere, 0660/0440 added, setgid and 0110 on directories.
import { describe, expect, it } from 'vitest';
import { createTree, populate } from '../runtime/fs/index';
import { setVolumeOwnership } from './volumeOwnership';

describe('setVolumeOwnership', () => {
  const tree = () => {
    const t = createTree('v', { mode: 0o777 });
    populate(t, { '/d': { dir: true, mode: 0o755 }, '/d/f': { data: 'x', mode: 0o600 }, '/s': { data: 'y', mode: 0o400 }, '/l': { symlink: 'd/f' } });
    return t;
  };
  const modes = (t: ReturnType<typeof tree>) => {
    const d = t.root.entries.get('d')!;
    const f = d.kind === 'dir' ? d.entries.get('f')! : d;
    return [t.root, d, f, t.root.entries.get('s')!, t.root.entries.get('l')!].map((n) => `${n.mode.toString(8)}:${n.gid}`);
  };

  it('read-write volume (emptyDir): 0660 on files, setgid and 0770-ish on directories', () => {
    const t = tree();
    setVolumeOwnership(t, 2000, false);
    expect(modes(t)).toEqual(['2777:2000', '2775:2000', '660:2000', '660:2000', '777:2000']);
  });

  it('read-only volume (configMap, secret): 0440 added, so a 0400 secret file becomes group-readable', () => {
    const t = tree();
    setVolumeOwnership(t, 2000, true);
    expect(modes(t)).toEqual(['2777:2000', '2755:2000', '640:2000', '440:2000', '777:2000']);
  });
});
