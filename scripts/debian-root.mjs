#!/usr/bin/env node
// Builds a root folder shaped like a Debian-based image from the host's own Debian programs (dash,
// bash, coreutils, grep, sed, mawk), with only the programs the modelled image has, and runs scripts
// in it with chroot, as the container's `sh -c` (argv[0] "sh", dash) or `bash -c` would run.
// Usage: node scripts/debian-root.mjs ROOT 'script' [sh|bash]
import { execFileSync } from 'node:child_process';
import { cloneRoot as cloneShared, runChrooted } from './chroot-run.mjs';
import fs from 'node:fs';
import path from 'node:path';

/** Create ROOT: usr/bin with a copy of each program (awk → mawk, sh → dash), the libraries they load, etc. */
export function buildRoot(root, { programs, files = {} }) {
  for (const d of ['usr/bin', 'usr/sbin', 'usr/lib', 'usr/lib64', 'dev', 'etc', 'tmp', 'root', 'w']) fs.mkdirSync(path.join(root, d), { recursive: true });
  for (const [link, target] of [['bin', 'usr/bin'], ['sbin', 'usr/sbin'], ['lib', 'usr/lib'], ['lib64', 'usr/lib64']]) fs.symlinkSync(target, path.join(root, link));
  const libs = new Set();
  for (const name of programs) {
    if (name === 'sh') { fs.symlinkSync('dash', path.join(root, 'usr/bin/sh')); continue; }
    const src = name === 'awk' ? '/usr/bin/mawk' : `/usr/bin/${name}`;
    if (!fs.existsSync(src)) throw new Error(`${src} is missing on the host`);
    fs.copyFileSync(fs.realpathSync(src), path.join(root, 'usr/bin', name));
    fs.chmodSync(path.join(root, 'usr/bin', name), 0o755);
    for (const m of execFileSync('ldd', [src], { encoding: 'utf8' }).matchAll(/(\/[^\s]+\.so[^\s]*)/g)) libs.add(m[1]);
  }
  for (const lib of libs) {
    // /lib64/ld-linux… and /lib/x86_64-linux-gnu/… live under usr/ (merged /usr).
    const dest = path.join(root, 'usr', lib.replace(/^\/usr/, ''));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    if (!fs.existsSync(dest)) fs.copyFileSync(fs.realpathSync(lib), dest);
  }
  execFileSync('mknod', ['-m', '666', path.join(root, 'dev/null'), 'c', '1', '3']);
  // /dev/full (every write fails with ENOSPC), as a container's /dev has it.
  execFileSync('mknod', ['-m', '666', path.join(root, 'dev/full'), 'c', '1', '7']);
  fs.chmodSync(path.join(root, 'tmp'), 0o1777);
  fs.chmodSync(path.join(root, 'root'), 0o700);
  for (const [p, data] of Object.entries(files)) {
    fs.mkdirSync(path.join(root, path.dirname(p)), { recursive: true });
    fs.writeFileSync(path.join(root, p), data);
  }
}

/** Copy the base root for one case (hard links for the programs; fresh /etc, /w and /tmp). */
/** A per-case copy of BASE (etc/ is a real copy: scripts may rewrite its files). */
export function cloneRoot(base, dest) {
  cloneShared(base, dest, ['etc']);
}

export const IMAGE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Run `sh -c SCRIPT` (dash) or `bash -c SCRIPT` chrooted in ROOT with cwd /w and the image's environment. */
export function runInRoot(root, script, shell = 'sh', timeoutMs = 10000) {
  return runChrooted(root, script, { prog: shell === 'bash' ? '/bin/bash' : '/bin/sh', argv0: shell, PATH: IMAGE_PATH, timeoutMs });
}
