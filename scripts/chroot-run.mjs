// What the oracle roots (busybox-root.mjs, debian-root.mjs) share: per-case copies of a built root, and
// running a script chrooted in one the way a container's `sh -c` runs it.
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';

/** Copy BASE to DEST as hard links, except OWN (files or directories a script may rewrite in place): real copies. */
export function cloneRoot(base, dest, own) {
  execFileSync('cp', ['-al', base, dest]);
  for (const p of own) {
    execFileSync('rm', ['-rf', path.join(dest, p)]);
    execFileSync('cp', ['-a', path.join(base, p), path.join(dest, p)]);
  }
}

/**
 * Run `PROG -c SCRIPT` with argv[0] ARGV0, chrooted in ROOT with cwd /w, a clean environment (PATH, HOME=/root),
 * stdout and stderr as pipes; killed after TIMEOUTMS. perl does chroot + chdir + exec (chroot(1) would force cwd /).
 */
export function runChrooted(root, script, { prog, argv0, PATH, timeoutMs = 10000 }) {
  return new Promise((resolve) => {
    const child = spawn('perl', ['-e', 'chroot($ARGV[0]) or die "chroot: $!"; chdir("/w") or die; exec {$ARGV[2]} $ARGV[3], "-c", $ARGV[1]; die "exec: $!"', root, script, prog, argv0], {
      env: { PATH, HOME: '/root' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ stdout, stderr, code: code ?? 128 + (signal === 'SIGKILL' ? 9 : 15) }); });
  });
}
