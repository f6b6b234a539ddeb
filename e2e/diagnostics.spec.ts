import { test, expect, openPlayground, replaceEditorText } from './fixtures';

test('an object the API server rejects shows kubectl\'s message at its line, in the list and in the editor', async ({ page }) => {
  await openPlayground(page);
  await replaceEditorText(page, `apiVersion: v1
kind: Pod
metadata:
  name: dup
spec:
  initContainers:
  - name: app
    image: busybox:1.36
    command: ['sh', '-c', 'echo init']
  containers:
  - name: app
    image: busybox:1.36
    command: ['sh', '-c', 'sleep 3600']
`);
  const diag = page.getByTestId('diagnostic');
  await expect(diag).toHaveCount(1);
  await expect(diag).toHaveText('spec.initContainers[0].name: Duplicate value: "app"');
  await expect(diag).toHaveAttribute('data-line', '7');
  await expect(diag).toHaveAttribute('data-column', '5'); // the field's key
  // The pod was not created: no lanes, and the timeline is not stale (the text was read).
  await expect(page.getByTestId('lane')).toHaveCount(0);
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-stale', 'false');
  // The same message is a marker on the editor model.
  await expect.poll(() => page.evaluate(() => (window as unknown as { __playgroundMarkers: () => string[] }).__playgroundMarkers()))
    .toEqual(['7:5: spec.initContainers[0].name: Duplicate value: "app"']);
});

test('a YAML syntax error is located and the last good lanes stay', async ({ page }) => {
  await openPlayground(page);
  await replaceEditorText(page, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n spec: [oops\n');
  const diag = page.getByTestId('diagnostic').first();
  await expect(diag).toContainText('YAML syntax error');
  await expect(diag).toHaveAttribute('data-line', '5');
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('lane')).toHaveCount(3);
});
