// `npm test`: install what is missing, then type-check, lint, unit tests (Vitest) and the e2e tests
// (Playwright in real Chromium against the production build). Ends with `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureBusybox, ensureChromium, ensureNodeModules, chromiumVersion } from './ensure.mjs';

const results = { passed: 0, failed: 0, steps: [] };
const step = (name, ok) => { results.steps.push(`${ok ? 'ok  ' : 'FAIL'} ${name}`); };

function sh(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

let chromium;
try {
  ensureNodeModules();
  ensureBusybox();
  chromium = ensureChromium();
  console.log(`[setup] chromium: ${chromium} (${chromiumVersion(chromium)})`);
} catch (e) {
  console.error(`\n${e.message}\n`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

mkdirSync('test-results', { recursive: true });
for (const [name, args] of [['type-check', ['tsc', '--noEmit', '-p', 'tsconfig.json']], ['lint', ['eslint', '--max-warnings=0', '.']]]) {
  const ok = sh('npx', args);
  step(name, ok);
  if (!ok) results.failed++;
}

// Vitest: counts from its JSON report.
const unitJson = 'test-results/vitest.json';
rmSync(unitJson, { force: true });
const unitOk = sh('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`]);
if (existsSync(unitJson)) {
  const r = JSON.parse(readFileSync(unitJson, 'utf8'));
  results.passed += r.numPassedTests;
  results.failed += r.numFailedTests + (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? r.numFailedTestSuites : 0);
} else if (!unitOk) results.failed++;
step('unit tests', unitOk);

// Playwright: never skipped; counts from its JSON report.
const e2eJson = 'test-results/playwright.json';
rmSync(e2eJson, { force: true });
const e2eOk = sh('npx', ['playwright', 'test'], { PW_JSON: e2eJson, CHROMIUM_PATH: chromium });
if (existsSync(e2eJson)) {
  const s = JSON.parse(readFileSync(e2eJson, 'utf8')).stats ?? {};
  results.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  results.failed += (s.unexpected ?? 0);
  if (!e2eOk && !s.unexpected) results.failed++;
} else if (!e2eOk) results.failed++;
step('e2e tests', e2eOk);

console.log(`\n${results.steps.join('\n')}`);
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed > 0 ? 1 : 0);
