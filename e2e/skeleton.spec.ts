import { test, expect, openPlayground, pasteIntoEditor, replaceEditorText } from './fixtures';

const lanes = (page: import('@playwright/test').Page) => page.getByTestId('lane');

test('a first visit shows the sequential-sleeps lanes in order, with readable states', async ({ page }) => {
  await openPlayground(page);
  await expect(lanes(page)).toHaveCount(3);
  const order = await lanes(page).evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-container')}`));
  expect(order).toEqual(['init:first-container', 'init:second-container', 'app:app-container']);

  const playhead = page.getByTestId('playhead');
  const status = page.getByTestId('pod-status');
  await page.keyboard.press('Home');
  await expect(playhead).toHaveAttribute('data-t', '0');
  await expect(status).toHaveText('Init:0/2');
  await expect(lanes(page).nth(0)).toHaveAttribute('data-state', 'waiting');
  await expect(lanes(page).nth(2)).toHaveAttribute('data-reason', 'PodInitializing');

  // → steps to the next change: the first init container is running at 1 s.
  await page.keyboard.press('ArrowRight');
  await expect(playhead).toHaveAttribute('data-t', '1000');
  await expect(lanes(page).nth(0)).toHaveAttribute('data-state', 'running');

  await page.keyboard.press('ArrowRight');
  await expect(playhead).toHaveAttribute('data-t', '3001');
  await expect(status).toHaveText('Init:1/2');
  await expect(lanes(page).nth(0)).toHaveAttribute('data-reason', 'Completed');

  // Shift+→ moves one second.
  await page.keyboard.press('Shift+ArrowRight');
  await expect(playhead).toHaveAttribute('data-t', '4001');
  await expect(lanes(page).nth(1)).toHaveAttribute('data-state', 'running');

  await page.keyboard.press('End');
  await expect(status).toHaveText('Running');
  await expect(lanes(page).nth(1)).toHaveAttribute('data-state', 'terminated');
  await expect(lanes(page).nth(2)).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-stale', 'false');
  await page.screenshot({ path: 'test-results/skeleton-end.png', fullPage: true });
});

test('adding a third init container in the editor adds its lane in the right place', async ({ page }) => {
  await openPlayground(page);
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: init-containers-pattern-example
spec:
  initContainers:
  - name: first-container
    image: lqshow/busybox-curl:1.28
    command: ['sh', '-c', "echo waiting for first-container; sleep 2;"]
  - name: second-container
    image: lqshow/busybox-curl:1.28
    command: ['sh', '-c', "echo waiting for second-container; sleep 5;"]
  - name: third-container
    image: lqshow/busybox-curl:1.28
    command: ['sh', '-c', "echo waiting for third-container; sleep 3;"]
  containers:
  - name: app-container
    image: lqshow/busybox-curl:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
`;
  await replaceEditorText(page, text);
  await expect(lanes(page)).toHaveCount(4);
  // The paste is taken exactly: the editor holds the text as pasted, with no re-indentation.
  expect(await page.evaluate(() => (window as unknown as { __playgroundText?: () => string }).__playgroundText?.())).toBe(text);
  const order = await lanes(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-container')));
  expect(order).toEqual(['first-container', 'second-container', 'third-container', 'app-container']);
  // Three init containers: Init:2/3 while the third runs (1 s start each: 3 s, 9 s, then 10–13 s).
  await page.keyboard.press('Escape');
  await page.locator('.app-header h1').click();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('pod-status')).toHaveText('Init:2/3');
});

test('a text that cannot be read keeps the last good lanes, marked stale, with a located problem', async ({ page }) => {
  await openPlayground(page);
  await page.locator('[data-testid="editor"] .monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+End');
  await pasteIntoEditor(page, '\n  bad: [unclosed\n');
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-stale', 'true');
  await expect(lanes(page)).toHaveCount(3);
  const diag = page.getByTestId('diagnostic').first();
  await expect(diag).toBeVisible();
  expect(Number(await diag.getAttribute('data-line'))).toBeGreaterThan(0);
  expect(Number(await diag.getAttribute('data-column'))).toBeGreaterThan(0);
});

test('on a phone-sized screen the timeline is visible and nothing scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openPlayground(page);
  await expect(page.getByTestId('timeline')).toBeInViewport();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/skeleton-phone.png', fullPage: true });
});

test('a lane links to its container in the YAML', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'second-container' }).click();
  // `- name: second-container` is line 10 of the default scenario.
  await expect.poll(() => page.evaluate(() => (window as unknown as { __playgroundSelection: () => number | null }).__playgroundSelection())).toBe(10);
});
