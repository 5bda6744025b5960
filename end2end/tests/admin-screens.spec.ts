// What the admin reads on screen (issue "a bad morning", items 4, 5, 6, 8):
// empty states that never contradict the error banner, throttling that says
// it is retrying, summary cards that are filters with the same count (the
// counts added up over the runs visibly not filters), task
// reports that show their users, the failed task and its reason in the run's
// user table, and the failure first on the user page with Copy buttons.
import { test, expect, type Page } from '@playwright/test';
import { addFaults, clearFaults, graphGet, openSignedIn, panics, watchConsole } from './support';

const LCW = '/v1.0/identityGovernance/lifecycleWorkflows';

type Target = { wf: string; run: string; upr: string; failedTasks: number; notRun: number; reason: string; correlation: string };
let target: Target;
/** A workflow whose summary counts runs with failures but none with status Failed. */
let onlyWithErrors = '';

test.beforeAll(async () => {
  const workflows = (await graphGet(`${LCW}/workflows?$top=999`)).value as { id: string }[];
  for (const wf of workflows) {
    const runs = (await graphGet(`${LCW}/workflows/${wf.id}/runs?$top=999`)).value as { id: string; processingStatus: string; failedUsersCount?: number }[];
    if (!onlyWithErrors && runs.some((r) => r.processingStatus === 'completedWithErrors') && !runs.some((r) => r.processingStatus === 'failed')) {
      onlyWithErrors = wf.id;
    }
    if (target) continue;
    for (const run of runs.filter((r) => (r.failedUsersCount ?? 0) > 0)) {
      const base = `${LCW}/workflows/${wf.id}/runs/${run.id}/userProcessingResults`;
      const failedUsers = (await graphGet(`${base}?$top=999&$filter=${encodeURIComponent("processingStatus eq 'failed'")}`)).value as any[];
      let user: any;
      for (const candidate of failedUsers) {
        candidate.taskProcessingResults = (await graphGet(`${base}/${candidate.id}/taskProcessingResults`)).value;
        if (candidate.taskProcessingResults.some((t: any) => !t.startedDateTime && t.processingStatus !== 'failed')) {
          user = candidate;
          break;
        }
      }
      if (!user) continue;
      const failed = user.taskProcessingResults.filter((t: any) => t.processingStatus === 'failed');
      const first = failed.sort((a: any, b: any) => a.task.executionSequence - b.task.executionSequence)[0];
      target = {
        wf: wf.id,
        run: run.id,
        upr: user.id,
        failedTasks: failed.length,
        notRun: user.taskProcessingResults.filter((t: any) => !t.startedDateTime && t.processingStatus !== 'failed').length,
        reason: first.failureReason,
        correlation: /Correlation id: ([0-9a-f-]+)/i.exec(first.processingInfo)?.[1] ?? '',
      };
      break;
    }
  }
  expect(target, 'a failed user with a task that did not run').toBeTruthy();
  expect(target.correlation).not.toBe('');
});

test.afterEach(clearFaults);

const runsPath = (wf: string) => `${LCW}/workflows/${wf}/runs`;
const usersTable = (page: Page) => page.getByRole('region', { name: 'User processing results' });

test('a throttled, failed load says it is retrying, then shows only the error', async ({ page }) => {
  const watcher = watchConsole(page);
  await addFaults([{ path: runsPath(target.wf), status: 429, times: 20 }]);
  await openSignedIn(page, `./workflows/${target.wf}/runs`);
  await expect(page.getByRole('status').filter({ hasText: /Graph is throttling; retrying in \d+ s/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('alert')).toContainText('throttling', { timeout: 30_000 });
  await expect(page.getByText('Nothing loaded because of the error above')).toBeVisible();
  await expect(page.getByText('No run matches the search')).toHaveCount(0);
  await expect(page.getByText(/Widen the date range/)).toHaveCount(0);
  await expect(page.getByText(/Graph is throttling; retrying/)).toHaveCount(0);
  expect(panics(watcher.problems)).toEqual([]);
});

test('a malformed or unavailable answer is not called an empty search', async ({ page }) => {
  for (const fault of [{ body: 'malformed' }, { status: 503 }]) {
    await clearFaults();
    await addFaults([{ path: runsPath(target.wf), times: 20, ...fault }]);
    await openSignedIn(page, `./workflows/${target.wf}/runs`);
    await expect(page.getByRole('alert')).toBeVisible({ timeout: 40_000 });
    await expect(page.getByText('Nothing loaded because of the error above')).toBeVisible();
    await expect(page.getByText('No run matches the search')).toHaveCount(0);
  }
});

test('a missing run and a bad user id each get one clear message', async ({ page }) => {
  await openSignedIn(page, `./workflows/${target.wf}/runs/00000000-0000-0000-0000-000000000000`);
  await expect(page.getByRole('alert')).toContainText('Not found');
  await expect(page.getByText('Nothing loaded because of the error above')).toBeVisible();
  await expect(page.getByText(/has no user processing results/)).toHaveCount(0);

  await openSignedIn(page, `./workflows/${target.wf}/runs/${target.run}/users/not-a-user`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('“not-a-user”');
  await expect(alert).toHaveCount(1);
  await expect(alert).not.toContainText('filter');
});

test('access denied offers another token beside Retry', async ({ page }) => {
  await addFaults([{ path: runsPath(target.wf), status: 403, times: 1 }]);
  await openSignedIn(page, `./workflows/${target.wf}/runs`);
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
  await alert.getByRole('button', { name: 'Use another token' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test('each run card is a filter that lists as many runs as it counts', async ({ page }) => {
  await openSignedIn(page, `./workflows/${target.wf}/runs`);
  const cards = page.getByRole('list', { name: 'Runs in the period' });
  await expect(cards.getByText('User results')).toBeVisible();
  await expect(cards.getByText(/^Users$/)).toHaveCount(0);
  // The counts added up over the runs are no filter, and do not look like one.
  for (const name of ['User results', 'Failed tasks']) {
    const plain = cards.getByRole('listitem').filter({ hasText: name });
    await expect(plain).toContainText('added up over the runs');
    await expect(plain.getByRole('button')).toHaveCount(0);
    await expect(plain).toHaveCSS('border-top-style', 'dashed');
    await expect(plain.getByText(/^Filter/)).toHaveCount(0);
  }
  await expect(cards.getByRole('button')).toHaveCount(3);
  for (const button of await cards.getByRole('button').all()) {
    await expect(button.getByText(/^Filter( on)?$/)).toBeVisible();
  }
  for (const [name, status] of [
    [/Runs with failures/, 'status=failed(%2C|,)completedWithErrors'],
    [/Successful runs/, 'status=completed'],
    [/Total runs/, ''],
  ] as const) {
    const card = cards.getByRole('button', { name });
    await expect(card.locator('.card-value')).toHaveText(/^\d[\d,]*$/);
    const count = (await card.locator('.card-value').innerText()).trim();
    await card.click();
    if (status) await expect(page).toHaveURL(new RegExp(status));
    else await expect(page).not.toHaveURL(/status=/);
    await expect(card).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByText(new RegExp(`^${count} of ${count} runs$`))).toBeVisible();
  }
  await page.screenshot({ path: 'test-results/admin-screens-runs.png' });
});

test('an empty Failed filter points at the runs with failures', async ({ page }) => {
  expect(onlyWithErrors, 'the demo tenant (--seed 42) has a workflow with completed-with-errors runs and no failed one').not.toBe('');
  await openSignedIn(page, `./workflows/${onlyWithErrors}/runs?status=failed`);
  await expect(page.getByText(/^No failed run in the last 30 days$/)).toBeVisible();
  await expect(page.getByText(/Completed with errors/).first()).toBeVisible();
  await expect(page.getByText(/Widen the date range/)).toHaveCount(0);
  const cardCount = (await page.getByRole('button', { name: /Runs with failures/ }).locator('.card-value').innerText()).trim();
  await page.getByRole('button', { name: 'Show runs with failures' }).click();
  await expect(page.getByText(new RegExp(`^${cardCount} of ${cardCount} runs$`))).toBeVisible();
});

test('a task report counts its users beside the status', async ({ page }) => {
  await addFaults([{
    path: `${LCW}/workflows/${target.wf}/taskReports`,
    merge: { processingStatus: 'completed', totalUsersCount: 12, successfulUsersCount: 0, failedUsersCount: 0, unprocessedUsersCount: 12 },
  }]);
  await openSignedIn(page, `./workflows/${target.wf}/runs/${target.run}?tab=tasks`);
  const row = page.getByRole('table', { name: 'Task reports of the run' }).getByRole('row').nth(1);
  await expect(row).toContainText('Completed');
  await expect(row).toContainText('0 of 12 succeeded · 12 unprocessed');
});

test('the run user table shows the failed task and its reason, searchable and sortable, in the same pages', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(decodeURIComponent(r.url())));
  await openSignedIn(page, `./workflows/${target.wf}/runs/${target.run}?view=failures`);
  const table = usersTable(page);
  await expect(table.getByRole('columnheader', { name: 'Failed task' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Reason' })).toBeVisible();
  const reason = table.locator('td.col-long .cell-expand').first();
  await expect(reason).toHaveAttribute('title', /\S/);
  const full = (await reason.getAttribute('title')) ?? '';
  await reason.focus();
  await expect(reason.locator('.cell-full')).toBeVisible();
  await expect(reason.locator('.cell-full')).toHaveText(full);
  await page.screenshot({ path: 'test-results/admin-screens-run.png' });

  const word = full.split(/\s+/).find((w) => w.length > 5) ?? full;
  await page.getByLabel('Search users').fill(word);
  await expect(table.locator('td.col-long .cell-expand').first()).toHaveAttribute('title', new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await page.getByLabel('Search users').fill('');
  await table.getByRole('button', { name: 'Reason' }).click();
  await expect(page).toHaveURL(/sort=reason/);

  const results = requests.filter((u) => u.includes('/userProcessingResults'));
  expect(results.length).toBeGreaterThan(0);
  expect(results.filter((u) => u.includes('?') && !u.includes('$expand=taskProcessingResults') && !u.includes('$skiptoken'))).toEqual([]);
  expect(requests.filter((u) => u.includes('/taskProcessingResults'))).toEqual([]);
});

test('a task report row opens the users of that task, filtered in the URL', async ({ page }) => {
  const reports = (await graphGet(`${LCW}/workflows/${target.wf}/taskReports?$top=999`)).value as any[];
  const report = reports.find((r) => r.runId === target.run && r.failedUsersCount > 0);
  expect(report).toBeTruthy();
  await openSignedIn(page, `./workflows/${target.wf}/runs/${target.run}?tab=tasks`);
  await page.getByRole('link', { name: `Users of task ${report.task.displayName}` }).click();
  await expect(page).toHaveURL(new RegExp(`task=${report.task.id}`));
  await expect(page.getByRole('status').filter({ hasText: 'Only users for whom the task' })).toContainText(report.task.displayName);
  const left = report.totalUsersCount - report.successfulUsersCount;
  await expect(page.getByText(new RegExp(`^${left} of ${report.totalUsersCount} users$`))).toBeVisible();
  await page.getByRole('button', { name: 'Show all users' }).click();
  await expect(page).not.toHaveURL(/task=/);
});

test('the user page puts the failure first, with Copy for the reason and the correlation id', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openSignedIn(page, `./workflows/${target.wf}/runs/${target.run}/users/${target.upr}`);
  const summary = page.getByRole('region', { name: 'What failed' });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('listitem')).toHaveCount(target.failedTasks);
  await expect(summary).toContainText(target.reason);
  await summary.getByRole('button', { name: 'Copy reason' }).first().click();
  await expect(summary.getByRole('status').filter({ hasText: 'Copied' }).first()).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(target.reason);
  await summary.getByRole('button', { name: 'Copy correlation ID' }).first().click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(target.correlation);

  // Tasks that did not run: one line each, no empty "Failure reason" boxes.
  const tasks = page.locator('ol.task-list');
  await expect(tasks.getByText('did not run')).toHaveCount(target.notRun);
  await expect(page.getByRole('heading', { name: 'Failure reason' })).toHaveCount(target.failedTasks);
  await page.screenshot({ path: 'test-results/admin-screens-user.png', fullPage: true });
});
