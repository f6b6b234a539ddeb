/**
 * Writers on a full tmpfs. The expected outputs were captured from the real tools on a `mount -t tmpfs -o size=8k`
 * (busybox 1.35 chrooted as the differential oracle runs it; dash 0.5.12, GNU coreutils 9.1 and sed 4.9), since
 * the oracles cannot mount a tmpfs per case. /big is 9999 bytes of 100-char lines, as in those runs.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../sim/simulate';
import { createTree, tmpfsSpace } from '../fs/index';
import { createTestFs, runScript } from '../shell/driver';
import type { ImageFlavor } from '../shell/sys';

const BIG = Array.from({ length: 100 }, (_, i) => String(i % 10).repeat(100) + '\n').join('').slice(0, 9999);

function run(script: string, gnu = false): { out: string; err: string } {
  const flavor = gnu ? ({ userland: 'gnu' } as ImageFlavor) : undefined;
  const fs = createTestFs({ '/w': { dir: true }, '/big': BIG }, 'enospc', flavor);
  const tree = createTree('vol:m', { mode: 0o1777, space: tmpfsSpace(8192) });
  fs.addMount({ name: 'm', path: '/m', tree, root: tree.root, base: '', readOnly: false });
  const r = runScript(script, { fs, cwd: '/w', env: [['PATH', '/usr/bin:/bin'], ['HOME', '/root']], ...(gnu ? { flavor, argv: ['sh', '-c', script] } : {}) });
  return { out: r.stdout, err: r.stderr };
}

describe('busybox writers on a full 8k tmpfs', () => {
  it("ash's echo: a short write, then 'sh: write error' and status 1; a loop on the echo status stops at the limit", () => {
    expect(run('s=$(printf "%05000d" 0); echo $s > /m/a; echo rc=$?; echo $s > /m/b; echo rc=$?; wc -c /m/a /m/b')).toEqual({
      out: 'rc=0\nrc=1\n     5001 /m/a\n        0 /m/b\n     5001 total\n', err: 'sh: write error: No space left on device\n' });
    expect(run('while echo 0123456789abcdef >> /m/f; do :; done; echo rc=$?; wc -c /m/f')).toEqual({
      out: 'rc=0\n8192 /m/f\n', err: 'sh: write error: No space left on device\n' });
  });

  it('overwriting a file gives its pages back first', () => {
    expect(run('head -c 5000 /big > /m/a; echo b > /m/b; echo rc=$?; echo c > /m/a; echo d > /m/b; wc -c /m/a /m/b')).toEqual({
      out: 'rc=1\n        2 /m/a\n        2 /m/b\n        4 total\n', err: 'sh: write error: No space left on device\n' });
  });

  it('cat, cp and tee keep what fit', () => {
    expect(run('cat /big > /m/f; echo rc=$?; wc -c /m/f')).toEqual({ out: 'rc=1\n8192 /m/f\n', err: 'cat: write error: No space left on device\n' });
    expect(run('head -c 6000 /big > /m/a; cp /big /m/b; echo rc=$?; wc -c /m/b')).toEqual({ out: 'rc=1\n0 /m/b\n', err: 'cp: write error: No space left on device\n' });
    expect(run('tee /m/f < /big > /dev/null; echo rc=$?; wc -c /m/f')).toEqual({ out: 'rc=1\n8192 /m/f\n', err: 'tee: /m/f: I/O error\n' });
  });

  it('a long symlink needs a page: ln fails; mkdir and touch do not', () => {
    expect(run(`head -c 5000 /big > /m/a; ln -s ${'a'.repeat(150)} /m/l; echo rc=$?; mkdir /m/d; touch /m/t; echo rc=$?`)).toEqual({
      out: 'rc=1\nrc=0\n', err: 'ln: /m/l: No space left on device\n' });
  });

  it('sed -i: a write error while it runs leaves the file; one only at fclose cuts the file short silently', () => {
    expect(run('head -c 6000 /big > /m/a; sed -i p /m/a; echo rc=$?; wc -c /m/a')).toEqual({ out: 'rc=4\n6000 /m/a\n', err: 'sed: write error\n' });
    expect(run('head -c 3000 /big > /m/a; sed -i p /m/a; echo rc=$?; wc -c /m/a')).toEqual({ out: 'rc=0\n4096 /m/a\n', err: '' });
  });

  it('head: a flush failing while it runs is an I/O error (1); only the last one keeps its status', () => {
    expect(run('head -c 3000 /big > /m/a; yes | head -c 6000 > /m/b; echo rc=$?; wc -c /m/b')).toEqual({
      out: 'rc=0\n4096 /m/b\n', err: 'head: standard output: No space left on device\n' });
    expect(run('head -c 3000 /big > /m/a; yes | head -c 9000 > /m/b; echo rc=$?; wc -c /m/b')).toEqual({
      out: 'rc=1\n4096 /m/b\n', err: 'head: standard output: I/O error\n' });
  });
});

describe('interpreters on a full 8k tmpfs', () => {
  it("busybox awk does not check its files' writes: what fit stays, status 0", () => {
    expect(run('awk "BEGIN{for(i=0;i<3000;i++) print i > \\"/m/f\\"}"; echo rc=$?; wc -c /m/f')).toEqual({ out: 'rc=0\n8192 /m/f\n', err: '' });
  });

  it('python and node raise the write error without the file name (CPython 3, node 20 print these last lines)', () => {
    const flavor = { busyboxVersion: '1.36', extraApplets: ['python3', 'node'], versions: {} } as unknown as ImageFlavor;
    const fs = createTestFs({ '/w': { dir: true } }, 'enospc', flavor);
    const tree = createTree('vol:m', { mode: 0o1777, space: tmpfsSpace(8192) });
    fs.addMount({ name: 'm', path: '/m', tree, root: tree.root, base: '', readOnly: false });
    const script = `python3 -c "f=open('/m/a','w'); f.write('x'*10000); f.close()"; echo rc=$?; node -e "require('fs').writeFileSync('/m/b', 'y')"; echo rc=$?`;
    const r = runScript(script, { fs, cwd: '/w', env: [['PATH', '/bin'], ['HOME', '/root']], flavor });
    expect(r.stdout).toBe('rc=1\nrc=1\n');
    expect(r.stderr).toContain('OSError: [Errno 28] No space left on device\n');
    expect(r.stderr).toContain("Error: ENOSPC: no space left on device, write\n");
    expect(r.stderr).toContain("  errno: -28,\n  code: 'ENOSPC',\n  syscall: 'write'\n}\n");
  });
});

describe('GNU writers on a full 8k tmpfs', () => {
  it('sed -i fails with status 4 and leaves the file (the temporary name is random: XXXXXX here)', () => {
    expect(run('head -c 6000 /big > /m/a; sed -i p /m/a; echo rc=$?; wc -c /m/a', true)).toEqual({
      out: 'rc=4\n6000 /m/a\n', err: "sed: couldn't write 100 items to /m/sedXXXXXX: No space left on device\n" });
    expect(run('head -c 3000 /big > /m/a; sed -i p /m/a; echo rc=$?; wc -c /m/a', true)).toEqual({
      out: 'rc=4\n3000 /m/a\n', err: "sed: couldn't flush <unknown>: No space left on device\n" });
    expect(run('sed p /big > /m/o; echo rc=$?; wc -c /m/o', true)).toEqual({
      out: 'rc=4\n8192 /m/o\n', err: "sed: couldn't write 100 items to stdout: No space left on device\n" });
  });

  it("cp says error writing 'DST'", () => {
    expect(run('head -c 6000 /big > /m/a; cp /big /m/b; echo rc=$?', true)).toEqual({
      out: 'rc=1\n', err: "cp: error writing '/m/b': No space left on device\n" });
  });
});

describe('downloads into /dev/full', () => {
  const logsOf = (image: string, script: string): string => {
    const manifests = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never
  containers: [{name: c, image: "${image}", command: ['sh', '-c', ${JSON.stringify(script)}]}]
`;
    const t = simulate({ manifests, untilMs: 10_000, actions: [{ atMs: 8_000, run: 'kubectl logs p' }] });
    const cmd = t.records.find((r) => r.type === 'command');
    return cmd && cmd.type === 'command' ? cmd.stdout : '';
  };

  it("busybox wget -O: libbb xwrite's 'write error' (nothing was written), status 1", () => {
    expect(logsOf('busybox:1.36', 'wget -q -O /dev/full http://example.com; echo rc=$?')).toBe('wget: write error: No space left on device\nrc=1\n');
  });

  it('curl: CURLE_WRITE_ERROR (23), to a file or to stdout', () => {
    expect(logsOf('lqshow/busybox-curl:1.28', 'curl -sS -o /dev/full http://example.com; echo rc=$?; curl -sS http://example.com > /dev/full; echo rc=$?'))
      .toBe('curl: (23) Failure writing output to destination\nrc=23\ncurl: (23) Failure writing output to destination\nrc=23\n');
  });
});
