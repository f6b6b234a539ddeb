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

test('a container past its memory limit ends OOMKilled', async ({ page }) => {
  await openPlayground(page);
  await replaceEditorText(page, `apiVersion: v1
kind: Pod
metadata:
  name: hog
spec:
  restartPolicy: Never
  containers:
  - name: load
    image: busybox:1.36
    command: ['sh', '-c', 'data=$(head -c 10000000 /dev/zero); echo loaded']
    resources:
      limits: {memory: 8Mi}
`);
  const lane = page.locator('[data-testid="lane"][data-pod="hog"]');
  await expect(lane).toHaveCount(1);
  await page.locator('.app-header h1').click();
  await page.keyboard.press('End');
  await expect(lane).toHaveAttribute('data-state', 'terminated');
  await expect(lane).toHaveAttribute('data-reason', 'OOMKilled');
  await expect(page.getByTestId('pod-status')).toHaveText('OOMKilled');
  // Shown as a failure, like Error and CrashLoopBackOff.
  await expect(page.getByTestId('pod-status')).toHaveCSS('background-color', 'rgb(253, 232, 232)');
});

test('a script holding an endless stream stops at the memory budget with a notice; the container keeps running', async ({ page }) => {
  await openPlayground(page);
  await replaceEditorText(page, `apiVersion: v1
kind: Pod
metadata:
  name: greedy
spec:
  containers:
  - name: reader
    image: busybox:1.36
    command: ['sh', '-c', 'x=$(cat /dev/zero); echo never']
`);
  const notice = page.getByTestId('run-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Container reader of pod greedy reached the playground');
  await expect(notice).toContainText('memory budget');
  await page.locator('.app-header h1').click();
  await page.keyboard.press('End');
  await expect(page.getByTestId('lane')).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('pod-status')).toHaveText('Running');
});

test('a Deployment of 100,000 replicas stops at the pod budget with a notice; the page stays responsive and draws the first 100 pods', async ({ page }) => {
  await openPlayground(page);
  await replaceEditorText(page, `apiVersion: apps/v1
kind: Deployment
metadata:
  name: huge
spec:
  replicas: 100000
  selector:
    matchLabels: {app: huge}
  template:
    metadata:
      labels: {app: huge}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`);
  const notice = page.getByTestId('run-notice');
  await expect(notice).toHaveText('The run stopped at T+0s: the cluster holds 20,000 pods, the most a run simulates (replicas or parallelism too large?).', { timeout: 30_000 });
  await expect(page.getByTestId('lane')).toHaveCount(100);
  await expect(page.getByTestId('more-pods')).toHaveText('Showing the first 100 of 20,000 pods (in the order they were created).');
  // Responsive: playback keys and a language switch answer at once.
  await page.locator('.app-header h1').click();
  await page.keyboard.press('End');
  await expect(page.getByTestId('pod-status').first()).toHaveText('ContainerCreating');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByTestId('more-pods')).toHaveText('仅显示最先创建的 100 个 Pod（共 20,000 个）。');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('replicas: 100000');
});
