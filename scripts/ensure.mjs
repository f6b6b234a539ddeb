// What `npm start` and `npm test` install on a fresh machine before they run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { findChromium, CANDIDATES } from './findChromium.mjs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version');
let aptUpdated = false;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

/** npm packages: `npm ci` when node_modules is missing or older than the lock file. */
export function ensureNodeModules() {
  const stamp = 'node_modules/.package-lock.json';
  const fresh = existsSync(stamp) && existsSync('package-lock.json') && statSync(stamp).mtimeMs >= statSync('package-lock.json').mtimeMs;
  if (fresh) return;
  console.log('[setup] installing npm packages (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function aptInstall(pkgs) {
  if (!aptUpdated) { run('apt-get', ['update', '-qq']); aptUpdated = true; }
  run('apt-get', ['install', '-y', '-qq', ...pkgs], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** A Chromium for the e2e tests: CHROMIUM_PATH, Debian's package, or install Debian's package as root. */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) {
    throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist. Point CHROMIUM_PATH at a Chromium or Chrome binary.`);
  }
  if (isRoot && hasApt) {
    console.log('[setup] installing Debian chromium…');
    aptInstall(['chromium', 'fonts-liberation']);
    const after = findChromium();
    if (after) return after;
  }
  throw new Error(`No Chromium found (looked at ${CANDIDATES.join(', ')}). Install Debian's "chromium" package or set CHROMIUM_PATH to a Chromium binary.`);
}

/** Real busybox, the oracle of the shell's differential tests. */
export function ensureBusybox() {
  if (existsSync('/bin/busybox') || existsSync('/usr/bin/busybox')) return;
  if (isRoot && hasApt) {
    console.log('[setup] installing Debian busybox…');
    aptInstall(['busybox']);
    return;
  }
  throw new Error('busybox is not installed: the shell differential tests need it (apt-get install busybox, as root).');
}

export function chromiumVersion(path) {
  try { return execFileSync(path, ['--version'], { encoding: 'utf8' }).trim(); } catch { return 'unknown'; }
}
