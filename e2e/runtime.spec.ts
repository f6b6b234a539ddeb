import { test, expect, openPlayground, replaceEditorText } from './fixtures';

const lane = (page: import('@playwright/test').Page, pod: string, container: string) =>
  page.locator(`[data-testid="lane"][data-pod="${pod}"][data-container="${container}"]`);

test('an init container waits with pg_isready until postgres behind its Service accepts connections', async ({ page }) => {
  await openPlayground(page);
  await replaceEditorText(page, `apiVersion: apps/v1
kind: Deployment
metadata:
  name: db
spec:
  replicas: 1
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: postgres
        image: postgres:16
        env:
        - {name: POSTGRES_PASSWORD, value: secret}
---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  selector: {app: db}
  ports:
  - port: 5432
---
apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  initContainers:
  - name: wait-for-db
    image: postgres:16
    command: ['sh', '-c', 'until pg_isready -h db -p 5432; do echo waiting; sleep 2; done']
  containers:
  - name: app
    image: busybox:1.36
    command: ['sh', '-c', 'echo started; sleep 3600']
`);
  const wait = lane(page, 'app', 'wait-for-db');
  await expect(wait).toHaveCount(1);
  await page.locator('.app-header h1').click();
  await page.keyboard.press('End');
  await expect(wait).toHaveAttribute('data-state', 'terminated');
  await expect(wait).toHaveAttribute('data-reason', 'Completed');
  await expect(lane(page, 'app', 'app')).toHaveAttribute('data-state', 'running');
  await page.screenshot({ path: 'test-results/pg-isready-end.png', fullPage: true });
});

test('scripts that would hang a backtracking regex, and the /dev/urandom password idiom, finish', async ({ page }) => {
  await openPlayground(page);
  // Before the POSIX regex engine, the first grep never returned and the page's worker hung; /dev/urandom
  // was zeros, so the password line never got its characters.
  await replaceEditorText(page, `apiVersion: v1
kind: Pod
metadata:
  name: tools
spec:
  restartPolicy: Never
  initContainers:
  - name: regex
    image: busybox:1.36
    command: ['sh', '-c', 's=$(printf "%05000d" 0 | tr 0 a)b; echo "$s" | grep -cE "^(a+)+$"; echo "$s" | sed -E "s/(a|aa)+b/x/" | wc -c; exit 0']
  - name: password
    image: busybox:1.36
    command: ['sh', '-c', 'p=$(tr -dc a-z0-9 < /dev/urandom | head -c 16); [ \${#p} -eq 16 ]']
  containers:
  - name: app
    image: busybox:1.36
    command: ['sh', '-c', 'echo ok']
`);
  await page.locator('.app-header h1').click();
  await page.keyboard.press('End');
  await expect(lane(page, 'tools', 'regex')).toHaveAttribute('data-reason', 'Completed');
  await expect(lane(page, 'tools', 'password')).toHaveAttribute('data-reason', 'Completed');
  await expect(lane(page, 'tools', 'app')).toHaveAttribute('data-reason', 'Completed');
  await expect(page.getByTestId('pod-status')).toHaveText('Completed');
});
