import { test, expect, openPlayground, replaceEditorText } from './fixtures';

test('too much output gets a run notice; the container keeps running', async ({ page }) => {
  await openPlayground(page);
  await replaceEditorText(page, `apiVersion: v1
kind: Pod
metadata:
  name: chatty
spec:
  containers:
  - name: talker
    image: busybox:1.36
    command: ['sh', '-c', 'yes']
`);
  const notice = page.getByTestId('run-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Container talker of pod chatty printed more than 256 KiB');
  await page.locator('.app-header h1').click();
  await page.keyboard.press('End');
  await expect(page.getByTestId('lane')).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('pod-status')).toHaveText('Running');
});
