/**
 * The oracle for Debian-based images: every script runs in the host's real dash (as `sh -c`, argv[0]
 * "sh") or bash (`bash -c`), chrooted into a root holding only the programs the modelled image has
 * (the host is Debian 12: dash 0.5.12, bash 5.2, coreutils 9.1, grep 3.8, sed 4.9, mawk), and in our
 * interpreter with the GNU userland; stdout, stderr and the exit code must match exactly. Expected
 * outputs are never stored: the real tools run at test time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestFs, runScript } from '../../engine/runtime/shell/driver';
import { DISTRO_PROGRAMS } from '../../engine/runtime/programs/registry';
import type { ImageFlavor } from '../../engine/runtime/shell/sys';
// @ts-expect-error plain .mjs helper without types
import { buildRoot, cloneRoot, runInRoot, IMAGE_PATH } from '../../scripts/debian-root.mjs';
import { pool } from '../differential/pool';
import { KNOWN_GAPS } from './known-gaps';

const FLAVOR: ImageFlavor = { busyboxVersion: '1.36', userland: 'gnu' };
const SUITES = { sh: 150, bash: 100 } as const;
const skipReason = process.env.DIFFERENTIAL_SKIP_REASON;

interface Outcome { stdout: string; stderr: string; code: number }

/**
 * Only times are normalised (the host's clock is not the simulation's): ls -l's `Nov 23 08:45`
 * (or `Nov 23  2024`) and date's `Mon Nov 23 08:45:00 UTC 2026`.
 */
function normaliseTimes(s: string): string {
  return s
    .replace(/\b[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9] UTC [0-9]{4}\b/g, '<date>')
    .replace(/\b[A-Z][a-z]{2} [ 1-3][0-9] ([0-2][0-9]:[0-5][0-9]| [0-9]{4})\b/g, '<mtime>');
}

function normalise(o: Outcome): Outcome {
  return { stdout: normaliseTimes(o.stdout), stderr: normaliseTimes(o.stderr), code: o.code };
}

function prerequisites(): string | null {
  for (const p of ['/bin/dash', '/bin/bash', '/usr/bin/mawk', '/usr/bin/ls']) if (!fs.existsSync(p)) return `${p} is missing (a Debian host is needed)`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'the differential suite must run as root (it uses chroot)';
  return null;
}


/** The image's /etc files as our model has them, so both sides see the same accounts and release. */
function etcFiles(): Record<string, string> {
  const view = createTestFs({}, 'etc', FLAVOR);
  const root = { uid: 0, gid: 0, groups: [] };
  const out: Record<string, string> = {};
  for (const f of ['/etc/passwd', '/etc/group', '/etc/debian_version', '/etc/os-release', '/usr/lib/os-release']) out[f] = view.readFile(f, '/', root);
  return out;
}

for (const shell of ['sh', 'bash'] as const) {
  const cases: Record<string, string> = JSON.parse(fs.readFileSync(path.join(__dirname, 'cases', `${shell === 'sh' ? 'dash' : 'bash'}.json`), 'utf8'));
  const gaps = KNOWN_GAPS[shell];

  describe(`differential: our ${shell === 'sh' ? 'dash' : 'bash'} and GNU tools vs the real ones`, () => {
    let tmp = '';
    const real = new Map<string, Outcome>();

    beforeAll(async () => {
      if (skipReason) return;
      const missing = prerequisites();
      if (missing) throw new Error(`differential suite cannot run: ${missing}. Set DIFFERENTIAL_SKIP_REASON to skip explicitly.`);
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deb-diff-'));
      const base = path.join(tmp, 'base');
      buildRoot(base, { programs: DISTRO_PROGRAMS.filter((p) => p !== 'egrep' && p !== 'fgrep'), files: etcFiles() });
      let n = 0;
      await pool(Object.keys(cases), Math.max(2, os.cpus().length * 2), async (name) => {
        const root = path.join(tmp, `c${n++}`);
        cloneRoot(base, root);
        real.set(name, await runInRoot(root, cases[name], shell));
        fs.rmSync(root, { recursive: true, force: true });
      });
    }, 180_000);

    afterAll(() => {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it(`runs at least ${SUITES[shell]} cases`, () => {
      if (skipReason) { console.warn(`differential suite skipped: ${skipReason}`); return; }
      expect(Object.keys(cases).length).toBeGreaterThanOrEqual(SUITES[shell]);
    });

    it('matches the real tools on every case (except documented gaps)', () => {
      if (skipReason) return;
      const failures: string[] = [];
      let passed = 0;
      for (const [name, script] of Object.entries(cases)) {
        const want = normalise(real.get(name)!);
        const fsView = createTestFs({ '/w': { dir: true } }, 'test', FLAVOR);
        const r = runScript(script, { fs: fsView, flavor: FLAVOR, cwd: '/w', argv: [shell, '-c', script],
          env: [['PATH', IMAGE_PATH], ['HOME', '/root']], untilMs: 60_000 });
        const got = normalise({ stdout: r.stdout, stderr: r.stderr, code: r.code });
        const same = got.stdout === want.stdout && got.stderr === want.stderr && got.code === want.code;
        if (same) passed++;
        if (same === !(name in gaps)) continue;
        failures.push(same ? `${name}: listed in KNOWN_GAPS but now passes` :
          `${name}: ${JSON.stringify(script)}\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`);
      }
      console.log(`differential (${shell}): ${Object.keys(cases).length} cases, ${passed} pass, ${Object.keys(gaps).length} known gaps`);
      expect(failures.slice(0, 60).join('\n')).toBe('');
    });
  });
}
