/**
 * The oracle: every script in cases.json runs in the real busybox (Debian's 1.35, chrooted into a
 * root shaped like the image, TOOLCHAIN.md §6) and in our interpreter; stdout, stderr and the exit
 * code must match exactly. Expected outputs are never stored: busybox runs at test time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUSYBOX_GROUP, BUSYBOX_PASSWD } from '../../engine/runtime/fs/index';
import { createTestFs, runScript } from '../../engine/runtime/shell/driver';
// @ts-expect-error plain .mjs helper without types
import { buildRoot, cloneRoot, runInRoot } from '../../scripts/busybox-root.mjs';
import { pool } from './pool';
import { KNOWN_GAPS } from './known-gaps';

const cases: Record<string, string> = JSON.parse(fs.readFileSync(path.join(__dirname, 'cases', 'cases.json'), 'utf8'));
const skipReason = process.env.DIFFERENTIAL_SKIP_REASON;

interface Outcome { stdout: string; stderr: string; code: number }

function prerequisites(): string | null {
  if (!fs.existsSync('/bin/busybox')) return '/bin/busybox is missing (apt-get install -y busybox)';
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'the differential suite must run as root (it uses chroot)';
  return null;
}


describe('differential: our ash vs real busybox', () => {
  let tmp = '';
  const real = new Map<string, Outcome>();

  beforeAll(async () => {
    if (skipReason) return;
    const missing = prerequisites();
    if (missing) throw new Error(`differential suite cannot run: ${missing}. Set DIFFERENTIAL_SKIP_REASON to skip explicitly.`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-diff-'));
    const base = path.join(tmp, 'base');
    buildRoot(base, { passwd: BUSYBOX_PASSWD, group: BUSYBOX_GROUP });
    let n = 0;
    await pool(Object.keys(cases), Math.max(2, os.cpus().length * 2), async (name) => {
      const root = path.join(tmp, `c${n++}`);
      cloneRoot(base, root);
      real.set(name, await runInRoot(root, cases[name]));
      fs.rmSync(root, { recursive: true, force: true });
    });
  }, 120_000);

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('runs at least 300 cases', () => {
    if (skipReason) { console.warn(`differential suite skipped: ${skipReason}`); return; }
    expect(Object.keys(cases).length).toBeGreaterThanOrEqual(300);
  });

  it('matches busybox on every case (except documented gaps)', () => {
    if (skipReason) return;
    const failures: string[] = [];
    let passed = 0;
    for (const [name, script] of Object.entries(cases)) {
      const want = real.get(name)!;
      const fsView = createTestFs({ '/w': { dir: true } });
      const r = runScript(script, { fs: fsView, cwd: '/w', env: [['PATH', '/bin'], ['HOME', '/root']], untilMs: 60_000 });
      const got: Outcome = { stdout: r.stdout, stderr: r.stderr, code: r.code };
      const same = got.stdout === want.stdout && got.stderr === want.stderr && got.code === want.code;
      if (same) passed++;
      if (same === !(name in KNOWN_GAPS)) continue;
      failures.push(same ? `${name}: listed in KNOWN_GAPS but now passes` :
        `${name}: ${JSON.stringify(script)}\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`);
    }
    console.log(`differential: ${Object.keys(cases).length} cases, ${passed} pass, ${Object.keys(KNOWN_GAPS).length} known gaps`);
    expect(failures.slice(0, 40).join('\n')).toBe('');
  });
});
