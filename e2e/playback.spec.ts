import { test, expect, openPlayground, pasteIntoEditor } from './fixtures';

test('play advances the playhead and pause stops it; the scrubber seeks', async ({ page }) => {
  await openPlayground(page);
  const playhead = page.getByTestId('playhead');
  await page.keyboard.press('Home');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(playhead).toHaveAttribute('data-playing', 'true');
  await expect.poll(async () => Number(await playhead.getAttribute('data-t'))).toBeGreaterThan(2_000);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(playhead).toHaveAttribute('data-playing', 'false');
  const stopped = await playhead.getAttribute('data-t');
  // A paused playhead must not move: let the page render a few frames, then compare.
  await page.evaluate(() => new Promise<void>((done) => { let n = 0; const f = () => (++n >= 5 ? done() : requestAnimationFrame(f)); requestAnimationFrame(f); }));
  await expect(playhead).toHaveAttribute('data-t', stopped!);
  // Space toggles playing when the editor does not have focus.
  await page.locator('.app-header h1').click();
  await page.keyboard.press('Space');
  await expect(playhead).toHaveAttribute('data-playing', 'true');
  await page.keyboard.press('Space');
  await expect(playhead).toHaveAttribute('data-playing', 'false');
  // The scrubber seeks.
  await page.getByRole('slider', { name: 'Playhead' }).fill('15000');
  await expect(playhead).toHaveAttribute('data-t', '15000');
  await expect(page.getByTestId('pod-status')).toHaveText('Running');
});

test('keys typed in the editor do not move the playhead', async ({ page }) => {
  await openPlayground(page);
  const playhead = page.getByTestId('playhead');
  await page.keyboard.press('End');
  const end = await playhead.getAttribute('data-t');
  await page.locator('[data-testid="editor"] .monaco-editor').click();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(playhead).toHaveAttribute('data-t', end!);
});

test('the interface speaks Simplified Chinese; Kubernetes words stay as kubectl prints them', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.locator('.app-header h1')).toHaveText('初始化容器演练场');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('lane').first()).toContainText('初始化');
  await page.keyboard.press('End');
  await expect(page.getByTestId('pod-status')).toHaveText('Running');
  await page.screenshot({ path: 'test-results/zh-CN.png' });
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('.app-header h1')).toHaveText('Init Container Playground');
});

test('the draft survives a reload', async ({ page }) => {
  await openPlayground(page);
  await page.locator('[data-testid="editor"] .monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+End');
  await pasteIntoEditor(page, '# my note\n');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('icp.draft.v1') ?? '')).toContain('# my note');
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.monacoReady === 'true');
  expect(await page.evaluate(() => (window as unknown as { __playgroundText: () => string }).__playgroundText())).toContain('# my note');
});
