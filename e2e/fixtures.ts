// Shared e2e helpers: every test fails on console errors and on requests to any host but the local one.
import { test as base, expect, type Page } from '@playwright/test';

export const test = base.extend<{ guard: { errors: string[]; foreign: string[] } }>({
  guard: [async ({ page }, use) => {
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('request', (req) => {
      const url = req.url();
      if (!/^(http:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(url)) foreign.push(url);
    });
    await use({ errors, foreign });
    expect(errors, 'console errors').toEqual([]);
    expect(foreign, 'requests to other hosts').toEqual([]);
  }, { auto: true }],
});

export { expect };

/** Open the page and wait until Monaco is ready and the first run is on the timeline. */
export async function openPlayground(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await page.waitForFunction(() => document.body.dataset.monacoReady === 'true');
  await expect(page.getByTestId('lane').first()).toBeVisible();
}

/** Paste `text` at the editor's cursor through a real clipboard `paste` event, as Ctrl+V delivers it. */
export async function pasteIntoEditor(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const target = document.activeElement ?? document.body;
    const data = new DataTransfer();
    data.setData('text/plain', t);
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Replace the editor's whole text the way a user does: select all, then paste. */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="editor"] .monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await pasteIntoEditor(page, text);
}
