#!/usr/bin/env node
// Builds a root folder shaped like the busybox image around the host's /bin/busybox and runs
// scripts in it with chroot, as TOOLCHAIN.md §6 describes (the Debian build does not prefer its
// own applets, so a plain `busybox sh` would run the host's GNU tools instead).
// Usage: node scripts/busybox-root.mjs ROOT 'script'   (builds ROOT if missing, runs the script)
import { execFileSync } from 'node:child_process';
import { cloneRoot as cloneShared, runChrooted } from './chroot-run.mjs';
import fs from 'node:fs';
import path from 'node:path';

/** Create ROOT with bin/ (busybox + a hard link per applet), libs, dev/null, dev/full and dev/zero, etc/, tmp/, root/, w/. */
export function buildRoot(root, { passwd, group } = {}) {
  const bb = '/bin/busybox';
  if (!fs.existsSync(bb)) throw new Error('/bin/busybox is missing: apt-get install -y busybox');
  for (const d of ['bin', 'dev', 'etc', 'tmp', 'root', 'w']) fs.mkdirSync(path.join(root, d), { recursive: true });
  fs.copyFileSync(bb, path.join(root, 'bin/busybox'));
  fs.chmodSync(path.join(root, 'bin/busybox'), 0o755);
  const applets = execFileSync(bb, ['--list'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const a of applets) if (a !== 'busybox') fs.linkSync(path.join(root, 'bin/busybox'), path.join(root, 'bin', a));
  // Libraries the binary needs when it is dynamically linked.
  const ldd = execFileSync('ldd', [bb], { encoding: 'utf8' });
  for (const m of ldd.matchAll(/(\/[^\s]+\.so[^\s]*)/g)) {
    const lib = m[1];
    fs.mkdirSync(path.join(root, path.dirname(lib)), { recursive: true });
    fs.copyFileSync(fs.realpathSync(lib), path.join(root, lib));
  }
  execFileSync('mknod', ['-m', '666', path.join(root, 'dev/null'), 'c', '1', '3']);
  // /dev/full (every write fails with ENOSPC), as a container's /dev has it.
  execFileSync('mknod', ['-m', '666', path.join(root, 'dev/full'), 'c', '1', '7']);
  execFileSync('mknod', ['-m', '666', path.join(root, 'dev/zero'), 'c', '1', '5']);
  fs.chmodSync(path.join(root, 'tmp'), 0o1777);
  fs.chmodSync(path.join(root, 'root'), 0o700);
  fs.writeFileSync(path.join(root, 'etc/passwd'), passwd ?? 'root:x:0:0:root:/root:/bin/sh\n');
  fs.writeFileSync(path.join(root, 'etc/group'), group ?? 'root:x:0:\n');
  return applets;
}

/** Copy the base root for one case (hard links; fresh directories), so cases never share files. */
/** A per-case copy of BASE (passwd and group are real copies: scripts may rewrite them). */
export function cloneRoot(base, dest) {
  cloneShared(base, dest, ['etc/passwd', 'etc/group']);
}

/** Run `sh -c SCRIPT` chrooted in ROOT with cwd /w and a clean environment. */
export function runInRoot(root, script, timeoutMs = 10000) {
  return runChrooted(root, script, { prog: '/bin/sh', argv0: 'sh', PATH: '/bin', timeoutMs });
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [root, script] = process.argv.slice(2);
  if (!root) { console.error('usage: busybox-root.mjs ROOT [SCRIPT]'); process.exit(2); }
  if (!fs.existsSync(path.join(root, 'bin/busybox'))) buildRoot(root);
  if (script !== undefined) runInRoot(root, script).then((r) => { process.stdout.write(r.stdout); process.stderr.write(r.stderr); process.exit(r.code); });
}
