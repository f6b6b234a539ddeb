import { describe, expect, it } from 'vitest';
import { APPLET_NAMES } from '../programs/registry';
import { runScript } from '../shell/driver';
import { createBaseLayer, createContainerFs, createTree, type Tree } from './index';

function fsWith(mounts: { name: string; mountPath: string; readOnly?: boolean; subPath?: string; tree: Tree }[], readOnlyRoot = false) {
  const image = createBaseLayer('image', { applets: APPLET_NAMES, files: {} });
  return createContainerFs({ image, key: 'pod/c/0', readOnlyRootFilesystem: readOnlyRoot, mounts: mounts.map((m) => ({ readOnly: false, ...m })) });
}

describe('fs: permissions', () => {
  it('uid 1000 cannot write into root-owned directories but can use /tmp', () => {
    const r = runScript('echo x > /root/f; echo "rc=$?"; mkdir /etc/d; echo "rc=$?"; echo ok > /tmp/f && cat /tmp/f; id -u', { uid: 1000, gid: 1000 });
    expect(r.stderr).toBe("sh: can't create /root/f: Permission denied\nmkdir: can't create directory '/etc/d': Permission denied\n");
    expect(r.stdout).toBe('rc=1\nrc=1\nok\n1000\n');
  });

  it('root may write anywhere on a writable root', () => {
    expect(runScript('echo x > /root/f && cat /root/f').stdout).toBe('x\n');
  });

  it('readOnlyRootFilesystem gives EROFS except on volumes', () => {
    const vol = createTree('vol:data', { mode: 0o777 });
    const fs = fsWith([{ name: 'data', mountPath: '/data', tree: vol }], true);
    const r = runScript('touch /f; echo "rc=$?"; touch /data/f && echo vol-ok', { fs });
    expect(r.stderr).toBe("touch: /f: Read-only file system\n");
    expect(r.stdout).toBe('rc=1\nvol-ok\n');
  });

  it('a readOnly volume mount refuses writes', () => {
    const vol = createTree('vol:cfg', { mode: 0o777 });
    const fs = fsWith([{ name: 'cfg', mountPath: '/cfg', readOnly: true, tree: vol }]);
    const r = runScript('echo x > /cfg/a', { fs });
    expect(r.stderr).toBe("sh: can't create /cfg/a: Read-only file system\n");
  });
});

describe('fs: volumes', () => {
  it('writes to a mounted volume are reported as FileOps and land in the shared tree', () => {
    const vol = createTree('vol:work', { mode: 0o777 });
    const fs = fsWith([{ name: 'work', mountPath: '/work-dir', tree: vol }]);
    const r = runScript('echo hello > /work-dir/index.html; echo more >> /work-dir/index.html; rm /work-dir/index.html; mkdir /work-dir/d', { fs });
    expect(r.code).toBe(0);
    expect(r.fileOps).toEqual([
      { op: 'write', volume: 'work', path: '/index.html', size: 0 },
      { op: 'write', volume: 'work', path: '/index.html', size: 6 },
      { op: 'append', volume: 'work', path: '/index.html', size: 11 },
      { op: 'delete', volume: 'work', path: '/index.html', size: 0 },
      { op: 'mkdir', volume: 'work', path: '/d', size: 4096 },
    ]);
    expect(vol.root.entries.has('d')).toBe(true);
  });

  it('a subPath mount sees and writes only its subdirectory', () => {
    const vol = createTree('vol:shared', { mode: 0o777 });
    const fs = fsWith([{ name: 'shared', mountPath: '/etc/app', subPath: 'app', tree: vol }]);
    const r = runScript('echo v > /etc/app/conf; ls /etc/app', { fs });
    expect(r.stdout).toBe('conf\n');
    expect(r.fileOps[0]).toEqual({ op: 'write', volume: 'shared', path: '/conf', size: 0 });
    const app = vol.root.entries.get('app');
    expect(app?.kind === 'dir' && app.entries.has('conf')).toBe(true);
  });

  it('files written by one container are seen by another mounting the same tree', () => {
    const vol = createTree('vol:x', { mode: 0o777 });
    runScript('echo from-init > /x/msg', { fs: fsWith([{ name: 'x', mountPath: '/x', tree: vol }]) });
    const r = runScript('cat /mnt/msg', { fs: fsWith([{ name: 'x', mountPath: '/mnt', tree: vol }]) });
    expect(r.stdout).toBe('from-init\n');
  });

  it('a restart starts from a fresh copy of the image layer', () => {
    const image = createBaseLayer('image', { applets: APPLET_NAMES, files: {} });
    runScript('echo x > /tmp/left', { fs: createContainerFs({ image, key: 'p/c/0', mounts: [] }) });
    const r = runScript('cat /tmp/left', { fs: createContainerFs({ image, key: 'p/c/1', mounts: [] }) });
    expect(r.code).toBe(1);
  });
});
