/**
 * Ad-hoc differential probe (a developer tool, not a test): runs each script of FILE (scripts separated
 * by lines `====`) in real busybox, chrooted in a root shaped like the image, and in our interpreter, and
 * prints the scripts whose stdout, stderr or exit code differ.  Usage: npx tsx scripts/probe.ts FILE [-a]
 * (-a prints every script's outcome, same or not).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUSYBOX_GROUP, BUSYBOX_PASSWD } from '../engine/runtime/fs/index';
import { createTestFs, runScript } from '../engine/runtime/shell/driver';
// @ts-expect-error plain .mjs helper without types
import { buildRoot, cloneRoot, runInRoot } from './busybox-root.mjs';

interface Outcome { stdout: string; stderr: string; code: number }

const [file, flag] = process.argv.slice(2);
if (!file) { console.error('usage: tsx scripts/probe.ts FILE [-a]'); process.exit(2); }
const scripts = fs.readFileSync(file, 'utf8').split(/\n====\n/).map((s) => s.replace(/\n$/, '')).filter((s) => s.trim() !== '');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-'));
const base = path.join(tmp, 'base');
buildRoot(base, { passwd: BUSYBOX_PASSWD, group: BUSYBOX_GROUP });
let differ = 0;
for (const [i, script] of scripts.entries()) {
  const root = path.join(tmp, `c${i}`);
  cloneRoot(base, root);
  const want: Outcome = await runInRoot(root, script);
  fs.rmSync(root, { recursive: true, force: true });
  const r = runScript(script, { fs: createTestFs({ '/w': { dir: true } }), cwd: '/w', env: [['PATH', '/bin'], ['HOME', '/root']], untilMs: 60_000 });
  const got: Outcome = { stdout: r.stdout, stderr: r.stderr, code: r.code };
  const same = got.stdout === want.stdout && got.stderr === want.stderr && got.code === want.code;
  if (!same) differ++;
  if (same && flag !== '-a') continue;
  console.log(`${same ? 'SAME' : 'DIFF'} #${i}: ${JSON.stringify(script)}\n  want ${JSON.stringify(want)}${same ? '' : `\n  got  ${JSON.stringify(got)}`}`);
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`${scripts.length} scripts, ${differ} differ`);
