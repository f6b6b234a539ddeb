// git clone against the simulated outside world, through the pod's DNS and network.
import { describe, expect, it } from 'vitest';
import { outsideSite } from '../../cluster/outside';
import { runScript, type ScriptOptions } from '../shell/driver';
import type { ConnectResult, DnsReply } from '../seam';

const FLAVOR = { busyboxVersion: '1.36', extraApplets: ['git'] };
// The cluster DNS forwards outside names upstream; the outside hosts answer on 443.
const world: ScriptOptions = {
  flavor: FLAVOR,
  files: { '/etc/resolv.conf': 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n' },
  dns: (q): DnsReply => {
    const site = outsideSite(q.name);
    return site && q.type === 'A' ? { rcode: 'NOERROR', answers: [...site.ips] } : { rcode: 'NXDOMAIN', answers: [] };
  },
  connect: (ip, port): ConnectResult => {
    const site = outsideSite(ip);
    return site && (port === 443 || port === 80) ? { ok: true, ip, port, handle: { protocol: 'http', http: (req) => site.serve(req) } } : { ok: false, error: 'timeout' };
  },
};

describe('git (alpine/git)', () => {
  it('clones a repository into the directory given, with a .git directory', () => {
    const r = runScript('git clone https://github.com/acme/site.git /work && ls -A /work && cat /work/README.md', world);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("Cloning into '/work'...\n");
    expect(r.stdout).toBe('.git\nREADME.md\nconfig\nindex.html\n# site\n\nA repository of acme on github.com, as the playground\'s simulated outside world serves it.\n');
  });

  it('names the directory after the repository when none is given', () => {
    const r = runScript('cd /tmp && git clone -q --depth 1 https://gitlab.com/team/docs && ls docs', world);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('README.md\nconfig\nindex.html\n');
  });

  it('fails like git when the host does not resolve (exit 128)', () => {
    const r = runScript('git clone https://git.internal.example/team/app.git /work', world);
    expect(r.code).toBe(128);
    expect(r.stderr).toBe("Cloning into '/work'...\nfatal: unable to access 'https://git.internal.example/team/app.git/': Could not resolve host: git.internal.example\n");
  });

  it('refuses a destination that is not empty', () => {
    const r = runScript('mkdir -p /work && touch /work/x && git clone https://github.com/acme/site.git /work', world);
    expect(r.code).toBe(128);
    expect(r.stderr).toBe("fatal: destination path '/work' already exists and is not an empty directory.\n");
  });

  it('prints its version and refuses unknown commands', () => {
    expect(runScript('git --version', world).stdout).toBe('git version 2.45.2\n');
    const r = runScript('git frobnicate', world);
    expect([r.code, r.stderr]).toEqual([1, "git: 'frobnicate' is not a git command. See 'git --help'.\n"]);
  });

  it('is not in plain busybox images', () => {
    expect(runScript('git --version').stderr).toBe('sh: git: not found\n');
  });
});
