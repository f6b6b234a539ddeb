// uname, nproc, mktemp and truncate where the playground's answer cannot equal the differential host's:
// the node (nodeInfo.ts) is not the host, mktemp's letters are the playground's own, volumes are traced.
import { describe, expect, it } from 'vitest';
import { runScript } from '../shell/driver';
import { createBaseLayer, createContainerFs, createTree } from '../fs/index';
import { APPLET_NAMES } from './registry';
import { NODE_CPUS, NODE_KERNEL } from '../nodeInfo';

describe('uname', () => {
  it('prints the node kernel and the pod hostname (the UTS name, as /etc/hostname holds it)', () => {
    const r = runScript('uname; uname -n; uname -a; uname -rvm; uname -snrvmpio', { files: { '/etc/hostname': 'web-0\n' } });
    const k = NODE_KERNEL;
    // busybox: -a leaves out processor and platform (unknown); asked for by name they print "unknown".
    expect(r.stdout).toBe(
      'Linux\nweb-0\n'
      + `Linux web-0 ${k.release} ${k.version} x86_64 GNU/Linux\n`
      + `${k.release} ${k.version} x86_64\n`
      + `Linux web-0 ${k.release} ${k.version} x86_64 unknown unknown GNU/Linux\n`,
    );
  });
});

describe('nproc', () => {
  it("counts the node's CPUs (a CPU limit is a quota, not an affinity mask), --ignore never below 1", () => {
    const r = runScript('nproc; nproc --all; nproc --ignore=1; nproc --ignore 100');
    expect(r.stdout).toBe(`${NODE_CPUS}\n${NODE_CPUS}\n${NODE_CPUS - 1}\n1\n`);
  });
});

describe('mktemp', () => {
  it('makes reproducible names that differ between runs and never reuses an existing one', () => {
    const script = 'a=$(mktemp); b=$(mktemp); c=$(mktemp -d); echo $a $b $c; ls -l $a | cut -c1-10; ls -ld $c | cut -c1-10';
    const r1 = runScript(script);
    expect(runScript(script).stdout).toBe(r1.stdout);
    const [a, b, c] = r1.stdout.split('\n')[0].split(' ');
    expect(a).toMatch(/^\/tmp\/tmp\.[A-Za-z0-9]{6}$/);
    expect(new Set([a, b, c]).size).toBe(3);
    expect(r1.stdout.split('\n').slice(1).join('\n')).toBe('-rw-------\ndrwx------\n');
  });

  it('busybox 1.36 reports errors without a "(null): " part (bb_perror_nomsg_and_die)', () => {
    const r = runScript('mktemp /w/fooXX; mktemp -p /nonexist');
    expect(r.stderr).toBe('mktemp: Invalid argument\nmktemp: No such file or directory\n');
  });
});

describe('truncate', () => {
  it('size changes on a volume are traced as writes and truncations', () => {
    const vol = createTree('vol:data', { mode: 0o777 });
    const image = createBaseLayer('image', { applets: APPLET_NAMES, files: {} });
    const fs = createContainerFs({ image, key: 'pod/c/0', mounts: [{ name: 'data', mountPath: '/data', readOnly: false, tree: vol }] });
    const r = runScript('truncate -s 1k /data/f; truncate -s 10 /data/f; truncate -c -s 0 /data/none; wc -c < /data/f', { fs });
    expect(r.stdout).toBe('10\n');
    expect(r.fileOps).toEqual([
      { op: 'write', volume: 'data', path: '/f', size: 0 },
      { op: 'write', volume: 'data', path: '/f', size: 1024 },
      { op: 'truncate', volume: 'data', path: '/f', size: 10 },
    ]);
  });
});
