// ps (busybox 1.36 procps/ps.c): the container's process table. What a busybox:1.36 container prints is
// quoted per case; checked against busybox 1.35 under `unshare -pf --mount-proc` (same ps.c, whose Debian
// build lacks the TIME column).
import { describe, expect, it } from 'vitest';
import { runScript } from '../shell/driver';

const run = (script: string) => runScript(script, { argv: ['sh', '-c', script] });

describe('ps', () => {
  it('shows the main process as PID 1, a background job as its program, and itself as the forked child', () => {
    // busybox:1.36, `sh -c 'sleep 5 & ps; echo'`:
    const r = run('sleep 5 & ps; echo');
    expect(r.stdout).toBe(
      'PID   USER     TIME  COMMAND\n'
      + '    1 root      0:00 sh -c sleep 5 & ps; echo\n'
      + '    2 root      0:00 sleep 5\n'
      + '    3 root      0:00 ps\n\n',
    );
    expect(r.code).toBe(0);
  });

  it('runs as the subshell or pipeline stage it is exec\'d in; -o picks columns and headers', () => {
    // busybox: `(ps -o pid,ppid,args)` shows ps with the subshell's PID; `ps | cat` shows ps and cat.
    const r = run('sleep 3 & (ps -o pid,ppid,args); ps -o pid,comm=CMD,stat | cat');
    expect(r.stdout).toBe(
      'PID   PPID  COMMAND\n'
      + '    1     0 sh -c sleep 3 & (ps -o pid,ppid,args); ps -o pid,comm=CMD,stat | cat\n'
      + '    2     1 sleep 3\n'
      + '    3     1 ps -o pid,ppid,args\n'
      + 'PID   CMD STAT\n'
      + '    1 sh  S\n'
      + '    2 sleep S\n'
      + '    4 ps  R\n'
      + '    5 cat S\n',
    );
  });

  it('names the user from /etc/passwd, shows control characters as spaces, and rejects unknown columns', () => {
    const r = run('ps -o user,args\nps -o bogus');
    expect(r.stdout).toBe('USER     COMMAND\nroot     sh -c ps -o user,args ps -o bogus\nroot     ps -o user,args\n');
    expect(r.stderr).toBe("ps: bad -o argument 'bogus', supported arguments: user,group,comm,args,pid,ppid,pgid,etime,nice,rgroup,ruser,time,tty,vsz,sid,stat,rss\n");
    expect(r.code).toBe(1);
  });

  it('shows a script by its interpreter line and a program xargs runs as its child', () => {
    const r = run("printf '#!/bin/sh\\nps -o pid,ppid,args\\n' > /s.sh; chmod +x /s.sh; /s.sh a b; echo x | xargs ps -o ppid,args");
    expect(r.stdout.split('\n').slice(2, 4)).toEqual(['    2     1 /bin/sh /s.sh a b', '    3     2 ps -o pid,ppid,args']);
    // The pipeline's xargs stage (PID 4) runs ps with the word it read.
    expect(r.stdout).toContain('    1 xargs ps -o ppid,args\n    4 ps -o ppid,args x\n');
  });
});
