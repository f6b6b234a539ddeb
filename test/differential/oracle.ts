/**
 * Helpers for the interpreter differential suites: find the host's real interpreter, run a case with
 * it in a scratch directory, and run the same case through the playground's program.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestFs, runScript } from '../../engine/runtime/shell/driver';

export interface Outcome { stdout: string; stderr: string; code: number }

/** A case: the program text (for `-c`/`-e`), stdin, and the extra command-line arguments. */
export interface Case { code: string; stdin?: string; args?: readonly string[]; flag?: string }

/** Locates an interpreter whose `--version` starts with `want`; the environment to run it with. */
export function findOracle(candidates: readonly (string | undefined)[], want: RegExp, extraEnv: Record<string, string> = {}): { bin: string; env: Record<string, string>; version: string } | null {
  const base: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.tmpdir(), LANG: 'C.UTF-8', ...extraEnv };
  const pyenv = spawnSync('pyenv', ['versions', '--bare'], { encoding: 'utf8' });
  const envs = [base, ...((pyenv.stdout ?? '').split('\n').filter(Boolean).map((v) => ({ ...base, PYENV_VERSION: v.trim() })))];
  for (const bin of candidates) {
    if (!bin) continue;
    for (const env of envs) {
      const r = spawnSync(bin, ['--version'], { encoding: 'utf8', env });
      const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
      if (r.status === 0 && want.test(out)) return { bin, env, version: out.replace(/^Python /, '').replace(/^v/, '') };
    }
  }
  return null;
}

/** Runs the real interpreter with `[flag, code, ...args]` in a fresh directory. */
export function runReal(bin: string, env: Record<string, string>, c: Case, flag: string): Outcome {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interp-diff-'));
  try {
    const r = spawnSync(bin, [c.flag ?? flag, c.code, ...(c.args ?? [])], { cwd: dir, env, input: c.stdin ?? '', encoding: 'utf8', timeout: 20_000 });
    const signal = r.signal ? os.constants.signals[r.signal] : undefined;
    // The scratch directory stands for the playground's working directory, /w.
    const cwd = (s: string) => s.split(dir).join('/w');
    return { stdout: cwd(r.stdout ?? ''), stderr: cwd(r.stderr ?? ''), code: r.status ?? 128 + (signal ?? 9) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the playground's program `prog` the same way, in an image that has it. */
export function runOurs(prog: string, c: Case, flag: string, env: readonly (readonly [string, string])[], versions: Record<string, string>): Outcome {
  const flavor = { busyboxVersion: '1.36', extraApplets: [prog], versions };
  const stdin = c.stdin ?? '';
  const argv = [prog, c.flag ?? flag, c.code, ...(c.args ?? [])];
  const files = { '/w': { dir: true }, '/in': stdin } as const;
  const script = `exec ${argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')} < /in`;
  const r = runScript(script, { fs: createTestFs(files as never, 'diff', flavor), cwd: '/w', env, flavor, untilMs: 600_000 });
  return { stdout: r.stdout, stderr: r.stderr, code: r.code };
}
