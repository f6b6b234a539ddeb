import { describe, expect, it } from 'vitest';
import { APPLET_NAMES } from '../programs/registry';
import { runScript } from '../shell/driver';
import { createBaseLayer, createContainerFs, createPodFilesTree, createTree, type Tree } from './index';

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

describe('fs: a layer shared until the first write (copy-up)', () => {
  const image = () => createBaseLayer('image', { applets: APPLET_NAMES, files: { '/etc/motd': 'hi\n' } });
  const pod = (uid: string, ip = '10.244.0.7') => createPodFilesTree({
    name: 'p', namespace: 'default', uid, ip, hostname: 'p', nodeName: 'node', nodeIp: '172.18.0.2', dnsServer: '10.96.0.10',
    searchDomains: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], ndots: 5, labels: {}, annotations: {}, serviceAccountName: 'default',
  });

  it('containers sharing a layer never see each other’s root writes, and the image is left as it was', () => {
    const img = image();
    const layers = new Map<string, Tree>();
    const vol = createTree('vol:d', { mode: 0o777 });
    const make = (key: string) => createContainerFs({ image: img, key, mounts: [{ name: 'd', mountPath: '/var/d', readOnly: false, tree: vol }], layers });
    const a = make('p/a/0');
    const b = make('p/b/0');
    expect(runScript('echo a >> /etc/motd; chmod 600 /etc/motd; mkdir /opt; rm /bin/ls; echo v > /var/d/f', { fs: a }).code).toBe(0);
    const r = runScript('cat /etc/motd; ls -l /etc/motd | cut -c1-10; ls -d /opt; ls /bin/ls; cat /var/d/f', { fs: b });
    expect(r.stdout).toBe('hi\n-rw-r--r--\n/bin/ls\nv\n');
    expect(r.stderr).toBe("ls: /opt: No such file or directory\n");
    expect(layers.size).toBe(1);
    const motd = img.root.entries.get('etc');
    expect(motd?.kind === 'dir' && motd.entries.get('motd')).toMatchObject({ data: 'hi\n', mode: 0o644 });
  });

  it('mount points the image lacks are created in the layer (with their parents) and listed', () => {
    const vol = createTree('vol:sa', { mode: 0o755 });
    const fs = createContainerFs({ image: image(), key: 'p/c/0', mounts: [{ name: 'sa', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true, tree: vol }], layers: new Map() });
    expect(runScript('ls /var/run/secrets/kubernetes.io', { fs }).stdout).toBe('serviceaccount\n');
  });

  it('/etc/hosts, /etc/hostname and /etc/resolv.conf are the pod’s own files: shared by its containers, kept across restarts', () => {
    const img = image();
    const layers = new Map<string, Tree>();
    const files = pod('u1');
    const make = (key: string) => createContainerFs({ image: img, key, mounts: [], layers, podFiles: files });
    expect(runScript('echo "10.0.0.9 db" >> /etc/hosts', { fs: make('u1/init/0') }).code).toBe(0);
    const r = runScript('tail -n 2 /etc/hosts; cat /etc/hostname; ls /etc', { fs: make('u1/app/1') });
    expect(r.stdout).toBe('10.244.0.7\tp\n10.0.0.9 db\np\ngroup\nhostname\nhosts\nmotd\npasswd\nresolv.conf\n');
    // Another pod has its own.
    expect(runScript('tail -n 1 /etc/hosts', { fs: createContainerFs({ image: img, key: 'u2/c/0', mounts: [], layers, podFiles: pod('u2', '10.244.0.8') }) }).stdout)
      .toBe('10.244.0.8\tp\n');
  });

  it('a mount point cannot be renamed or replaced (EBUSY), as in a real container', () => {
    const vol = createTree('vol:d', { mode: 0o777 });
    const fs = createContainerFs({ image: image(), key: 'p/c/0', mounts: [{ name: 'd', mountPath: '/data', readOnly: false, tree: vol }], podFiles: pod('u3') });
    const r = runScript('echo x > /tmp/h; mv /tmp/h /etc/hosts; echo "rc=$?"; mv /data /d2; echo "rc=$?"; rm /etc/hostname; cat /tmp/h', { fs });
    expect(r.stderr).toBe("mv: can't rename '/tmp/h': Device or resource busy\nmv: can't rename '/data': Device or resource busy\n" +
      "rm: can't remove '/etc/hostname': Device or resource busy\n");
    expect(r.stdout).toBe('rc=1\nrc=1\nx\n');
  });

  it('mv across volumes replaces the destination, and refuses a directory over a file', () => {
    const vol = createTree('vol:d', { mode: 0o777 });
    const fs = createContainerFs({ image: image(), key: 'p/c/0', mounts: [{ name: 'd', mountPath: '/data', readOnly: false, tree: vol }] });
    const r = runScript('echo new > /tmp/f; echo old > /data/f; mv /tmp/f /data/f; cat /data/f; ls /tmp/f; mkdir /tmp/dd; mv /tmp/dd /data/f; echo "rc=$?"', { fs });
    expect(r.stdout).toBe('new\nrc=1\n');
    expect(r.stderr).toBe("ls: /tmp/f: No such file or directory\nmv: can't overwrite non-directory with directory\n");
  });
});

describe('fs: $PATH lookups follow changes', () => {
  it('a program created after a failed lookup is found, and one removed is gone', () => {
    const vol = createTree('vol:v', { mode: 0o777 });
    const fs = fsWith([{ name: 'v', mountPath: '/v', tree: vol }]);
    const r = runScript("PATH=/v:$PATH; hello; printf '#!/bin/sh\\necho hi\\n' > /v/hello; hello; chmod +x /v/hello; hello; rm /v/hello; hello", { fs });
    expect(r.stdout).toBe('hi\n');
    expect(r.stderr).toBe('sh: hello: not found\nsh: hello: Permission denied\nsh: hello: not found\n');
  });
});
