// Hostile and odd data, injected into graph-emulator's real answers with
// `merge` fault rules: unknown enum values, nulls in every nullable field, a
// 10,000-character failure reason, markup and `javascript:` payloads in names
// and reasons, right-to-left and emoji names. The viewer shows them as inert
// text, keeps every row, and never panics.
import { test, expect, type Page } from '@playwright/test';
import { addFaults, busiestRun, clearFaults, openSignedIn, panics, userLinks, watchConsole } from './support';

const RUNS = '*/workflows/*/runs';
const RESULTS = '*/userProcessingResults';
const TASKS = '*/taskProcessingResults';
const USERS = '*/users/*';

test.use({ viewport: { width: 1280, height: 2400 } });

let target: { wf: string; run: string; users: number };

test.beforeAll(async () => {
  target = await busiestRun();
});

test.afterEach(async () => {
  await clearFaults();
});

function runPath(): string {
  return `./workflows/${target.wf}/runs/${target.run}`;
}

/** Opens the first user result of the run (failed first) and waits for its tasks. */
async function openFirstUserResult(page: Page): Promise<void> {
  const first = page.getByRole('region', { name: 'User processing results' }).getByRole('rowheader').getByRole('link').first();
  await first.click();
  await expect(page).toHaveURL(/\/users\/[^/?]+/);
  await expect(page.getByRole('heading', { name: 'Tasks in execution order' })).toBeVisible();
}

/** Records `alert()`s and the flags injected payloads would set. */
function watchInjection(page: Page): { dialogs: string[] } {
  const seen = { dialogs: [] as string[] };
  page.on('dialog', async (dialog) => {
    seen.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  return seen;
}

async function expectNothingExecuted(page: Page, seen: { dialogs: string[] }): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(seen.dialogs).toEqual([]);
  await expect(page.locator('img[src="x"], img[src="y"], main script, iframe')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
}

test('unknown enum values are shown as they came, rows intact', async ({ page }) => {
  const watcher = watchConsole(page);
  await addFaults([
    { path: RUNS, merge: { processingStatus: 'quantumEntangled', workflowExecutionType: 'brandNewTrigger' } },
    { path: RESULTS, merge: { processingStatus: 'pausedByNewFeature', workflowExecutionType: 'brandNewTrigger' } },
    { path: TASKS, merge: { processingStatus: 'skippedByPolicy' } },
  ]);
  await openSignedIn(page, `./workflows/${target.wf}/runs?range=90d`);
  const runs = page.getByRole('table', { name: 'Runs of the workflow' });
  await expect(runs.getByText('quantumEntangled').first()).toBeVisible();
  await expect(runs.getByText('brandNewTrigger').first()).toBeVisible();
  await page.goto(runPath());
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  const users = page.getByRole('region', { name: 'User processing results' });
  await expect(users.getByText('pausedByNewFeature').first()).toBeVisible();
  await expect(page.getByText(`${target.users} of ${target.users} users`, { exact: true })).toBeVisible();
  expect(new Set(await userLinks(page)).size).toBe(target.users);
  await openFirstUserResult(page);
  await expect(page.getByText('skippedByPolicy').first()).toBeVisible();
  expect(panics(watcher.problems)).toEqual([]);
});

test('nulls in every nullable field render as dashes, never a crash', async ({ page }) => {
  const watcher = watchConsole(page);
  const nullDates = { scheduledDateTime: null, startedDateTime: null, completedDateTime: null };
  const nullCounts = {
    totalUsersCount: null,
    successfulUsersCount: null,
    failedUsersCount: null,
    totalTasksCount: null,
    failedTasksCount: null,
    totalUnprocessedTasksCount: null,
  };
  await addFaults([
    { path: RUNS, merge: { ...nullDates, ...nullCounts, processingStatus: null, workflowExecutionType: null } },
    { path: `*/runs/${target.run}`, merge: { ...nullDates, ...nullCounts, processingStatus: null, workflowExecutionType: null } },
    { path: RESULTS, merge: { ...nullDates, ...nullCounts, processingStatus: null, workflowExecutionType: null, workflowVersion: null, subject: null } },
    { path: TASKS, merge: { ...nullDates, processingStatus: null, failureReason: null, task: null, subject: null } },
  ]);
  await openSignedIn(page, `./workflows/${target.wf}/runs?range=90d`);
  const runs = page.getByRole('table', { name: 'Runs of the workflow' });
  await expect(runs.getByRole('link', { name: /Open run/ }).first()).toBeVisible();
  await expect(runs.getByText('—').first()).toBeVisible();
  await page.goto(runPath());
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(`${target.users} of ${target.users} users`, { exact: true })).toBeVisible();
  const users = page.getByRole('region', { name: 'User processing results' });
  await expect(users.getByRole('rowheader').first()).toContainText('—');
  await openFirstUserResult(page);
  await expect(page.getByText('—').first()).toBeVisible();
  expect(panics(watcher.problems)).toEqual([]);
});

test('a 10,000-character failure reason is shown whole and wraps inside the page', async ({ page }) => {
  const watcher = watchConsole(page);
  const longToken = 'E'.repeat(2000);
  const reason = `Error 0x80070005 ${longToken} ${'access denied while updating the mailbox. '.repeat(240)}`.slice(0, 10_000);
  expect(reason.length).toBe(10_000);
  await addFaults([{ path: TASKS, merge: { failureReason: reason, processingStatus: 'failed' } }]);
  await openSignedIn(page, runPath());
  await openFirstUserResult(page);
  await expect(page.getByRole('heading', { name: 'Failure reason' }).first()).toBeVisible();
  const shown = await page.getByText(/^Error 0x80070005 E+/).first().innerText();
  expect(shown.replace(/\s+/g, ' ').trim()).toBe(reason.replace(/\s+/g, ' ').trim());
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(panics(watcher.problems)).toEqual([]);
});

test('markup and javascript: payloads in names and reasons stay inert text', async ({ page }) => {
  const watcher = watchConsole(page);
  const seen = watchInjection(page);
  const name = '<img src=x onerror="window.__xss=1;alert(1)">Mallory';
  const upn = 'javascript:alert(document.domain)//@contoso.com';
  const reason = '<script>window.__xss=2;alert(2)</script><img src=y onerror="alert(3)"> <a href="javascript:alert(4)">click</a>';
  await addFaults([
    { path: USERS, merge: { displayName: name, userPrincipalName: upn } },
    { path: TASKS, merge: { failureReason: reason, processingStatus: 'failed', task: { displayName: '<b onmouseover=alert(5)>Task</b>' } } },
  ]);
  await openSignedIn(page, runPath());
  const users = page.getByRole('region', { name: 'User processing results' });
  await expect(users.getByText(name, { exact: true }).first()).toBeVisible();
  await expect(users.getByText(upn, { exact: true }).first()).toBeVisible();
  await expectNothingExecuted(page, seen);
  await openFirstUserResult(page);
  await expect(page.getByText(reason, { exact: true }).first()).toBeVisible();
  await expect(page.getByText('<b onmouseover=alert(5)>Task</b>').first()).toBeVisible();
  await page.getByText('<b onmouseover=alert(5)>Task</b>').first().hover();
  await expectNothingExecuted(page, seen);
  expect(panics(watcher.problems)).toEqual([]);
});

test('right-to-left and emoji names are shown exactly and searchable', async ({ page }) => {
  const watcher = watchConsole(page);
  const name = 'مدير النظام 👩🏽‍💻 שלום';
  await addFaults([{ path: USERS, merge: { displayName: name, userPrincipalName: 'مدير@contoso.com' } }]);
  await openSignedIn(page, runPath());
  const users = page.getByRole('region', { name: 'User processing results' });
  await expect(users.getByText(name, { exact: true }).first()).toBeVisible();
  await page.getByLabel('Search users').fill('👩🏽‍💻');
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByText(`${target.users} of ${target.users} users`, { exact: true })).toBeVisible();
  await page.getByLabel('Search users').fill('שלום');
  await expect(page.getByText(`${target.users} of ${target.users} users`, { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/hostile-rtl-names.png' });
  expect(panics(watcher.problems)).toEqual([]);
});
