// uptime, free, df (busybox 1.36) for the playground's documented node (see sysinfo.ts). The formats were
// compared with busybox 1.35 on a real host (same uptime.c, free.c, df.c); the numbers are the node's.
import { describe, expect, it } from 'vitest';
import { runScript } from '../shell/driver';

describe('uptime', () => {
  it('prints the virtual time of day, the time since the node booted, 0 users and no load', () => {
    const r = runScript('uptime; sleep 125; uptime; uptime -s');
    expect(r.stdout).toBe(
      ' 10:00:00 up 0 min,  0 users,  load average: 0.00, 0.00, 0.00\n'
      + ' 10:02:05 up 2 min,  0 users,  load average: 0.00, 0.00, 0.00\n'
      + '2024-01-01 10:00:00\n',
    );
  });

  it('shows hours as H:MM and whole days', () => {
    const r = runScript('sleep 90061; uptime', { untilMs: 100_000_000 });
    expect(r.stdout).toBe(' 11:01:01 up 1 day,  1:01,  0 users,  load average: 0.00, 0.00, 0.00\n');
  });
});

describe('free', () => {
  it('prints the node memory in KiB, -m, -h and -b, with no swap', () => {
    const r = runScript('free; free -h; free -m');
    expect(r.stdout).toBe(
      '              total        used        free      shared  buff/cache   available\n'
      + 'Mem:        8388608     1572864     5242880        2048     1572864     6553600\n'
      + 'Swap:             0           0           0\n'
      + '              total        used        free      shared  buff/cache   available\n'
      + 'Mem:           8.0G        1.5G        5.0G        2.0M        1.5G        6.3G\n'
      + 'Swap:             0           0           0\n'
      + '              total        used        free      shared  buff/cache   available\n'
      + 'Mem:           8192        1536        5120           2        1536        6400\n'
      + 'Swap:             0           0           0\n',
    );
  });
});

describe('df', () => {
  it('lists the overlay root and the tmpfs mounts, in 1K blocks, -h, -P and -T', () => {
    const r = runScript('df; df -h /; df -P /etc; df -T -t tmpfs; df /nosuch; echo rc=$?');
    expect(r.stdout).toBe(
      'Filesystem           1K-blocks      Used Available Use% Mounted on\n'
      + 'overlay              104857600  20971520  78643200  21% /\n'
      + 'tmpfs                    65536         0     65536   0% /dev\n'
      + 'shm                      65536         0     65536   0% /dev/shm\n'
      + 'Filesystem                Size      Used Available Use% Mounted on\n'
      + 'overlay                 100.0G     20.0G     75.0G  21% /\n'
      + 'Filesystem           1024-blocks    Used Available Capacity Mounted on\n'
      + 'overlay              104857600  20971520  78643200  21% /\n'
      + 'Filesystem           Type       1K-blocks      Used Available Use% Mounted on\n'
      + 'tmpfs                tmpfs          65536         0     65536   0% /dev\n'
      + 'shm                  tmpfs          65536         0     65536   0% /dev/shm\n'
      + 'Filesystem           1K-blocks      Used Available Use% Mounted on\n'
      + 'rc=1\n',
    );
    expect(r.stderr).toBe("df: /nosuch: can't find mount point\n");
  });
});
