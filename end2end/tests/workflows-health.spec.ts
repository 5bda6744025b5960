// The workflows screen says where to look: each workflow's last run (status
// and time) and its failed users and runs in a period, equal to what
// graph-emulator answers for the same requests; sortable, kept in the link,
// fetched in a few `$batch` requests, and a failure of those leaves the list.
import { test, expect, type Page, type Request } from '@playwright/test';
import { addFaults, clearFaults, EMULATOR_URL, emulatorToken, graphGet, openSignedIn, panics, watchConsole, workflowsSettled } from './support';

const LCW = '/v1.0/identityGovernance/lifecycleWorkflows';

test.afterEach(clearFaults);

type Workflow = { id: string; displayName: string };

/** GETs a Graph path as the viewer asks it: with newer enum members (`canceling`, `quarantined`). */
async function graphGetAsViewer(path: string): Promise<any> {
  const token = await emulatorToken();
  const response = await fetch(`${EMULATOR_URL}${path}`, {
    headers: { authorization: `Bearer ${token}`, prefer: 'include-unknown-enum-members' },
  });
  expect(response.ok, `${path} answered ${response.status}`).toBeTruthy();
  return response.json();
}

/** The `$batch` requests the page sends, and the sub-request URLs in them. */
function watchBatches(page: Page): { requests: Request[]; urls: () => string[] } {
  const requests: Request[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/$batch')) requests.push(r);
  });
  const urls = () =>
    requests.flatMap((r) => (JSON.parse(r.postData() ?? '{"requests":[]}').requests as { url: string }[]).map((q) => q.url));
  return { requests, urls };
}

/** A workflow's row, found by its name in the row header. */
function row(page: Page, name: string) {
  return page
    .getByRole('table', { name: 'Lifecycle workflows' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

/** The text of a row's cell under the column header `column`. */
async function cell(page: Page, name: string, column: string): Promise<string> {
  const headers = await page.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('columnheader').allInnerTexts();
  const index = headers.findIndex((h) => h.replace(/[▲▼↕]/g, '').trim() === column);
  expect(index, `column ${column} in ${headers.join(' | ')}`).toBeGreaterThan(0);
  return (await row(page, name).locator('th, td').nth(index).innerText()).trim();
}

test('each workflow shows its last run and the failed users and runs Graph counts for the period', async ({ page }) => {
  const watcher = watchConsole(page);
  const batches = watchBatches(page);
  await openSignedIn(page, './workflows?range=30d');
  await workflowsSettled(page);
  await expect(page.getByLabel('Failures in')).toHaveValue('30d');
  const workflows = (await graphGet(`${LCW}/workflows?$top=999`)).value as Workflow[];

  // Three GETs per workflow, twenty to a $batch.
  expect(batches.requests.length).toBe(Math.ceil((workflows.length * 3) / 20));
  const urls = batches.urls();
  expect(urls).toHaveLength(workflows.length * 3);

  for (const wf of workflows) {
    const mine = urls.filter((u) => u.includes(`/workflows/${wf.id}/`));
    const runSummary = mine.find((u) => u.includes('/runs/summary('))!;
    const userSummary = mine.find((u) => u.includes('/userProcessingResults/summary('))!;
    const newest = mine.find((u) => u.includes('/runs?'))!;
    // The same requests, asked directly: the page must show their figures.
    const [runs, users, last] = await Promise.all([
      graphGet(`/v1.0${runSummary}`),
      graphGet(`/v1.0${userSummary}`),
      graphGetAsViewer(`/v1.0${newest}`),
    ]);
    expect(await cell(page, wf.displayName, 'Failed runs')).toBe(String(runs.failedRuns));
    expect(await cell(page, wf.displayName, 'Failed users')).toBe(String(users.failedUsers));
    const lastRun = await cell(page, wf.displayName, 'Last run');
    if (last.value.length === 0) {
      expect(lastRun).toBe('Never ran');
    } else {
      const link = row(page, wf.displayName).getByRole('link', { name: `Last run, ${last.value[0].id}` });
      await expect(link).toHaveAttribute('href', new RegExp(`/workflows/${wf.id}/runs/${last.value[0].id}$`));
      await expect(link.locator('[data-value]')).toHaveAttribute('data-value', last.value[0].processingStatus);
    }
  }
  expect(panics(watcher.problems)).toEqual([]);
});

test('sorting by failed users puts the worst first, stays in the link, and a count opens the failed runs', async ({ page }) => {
  await openSignedIn(page, './workflows');
  await workflowsSettled(page);
  const table = page.getByRole('table', { name: 'Lifecycle workflows' });
  await table.getByRole('button', { name: /Failed users/ }).click();
  await expect(page).toHaveURL(/sort=failedUsers/);
  await expect(table.getByRole('columnheader', { name: /Failed users/ })).toHaveAttribute('aria-sort', 'descending');
  const names = await table.getByRole('rowheader').allInnerTexts();
  const counts: number[] = [];
  for (const name of names) counts.push(Number((await cell(page, name.trim(), 'Failed users')) || 'NaN'));
  expect(counts.length).toBeGreaterThan(0);
  expect(names.filter((_, i) => !Number.isFinite(counts[i]))).toEqual([]);
  expect([...counts].sort((a, b) => b - a)).toEqual(counts);

  // The link reopens in the same order, in a fresh page.
  const link = page.url();
  const fresh = await page.context().newPage();
  await openSignedIn(fresh, link);
  await workflowsSettled(fresh);
  await expect(fresh.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('rowheader')).toHaveText(names);
  await fresh.close();

  // The worst workflow's count opens its failed runs of the same period.
  await table.getByRole('row').nth(1).getByRole('cell').getByRole('link', { name: String(counts[0]), exact: true }).first().click();
  await expect(page.getByRole('heading', { name: /Runs of/ })).toBeVisible();
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.getByRole('group', { name: 'Filters' }).getByLabel('Failed', { exact: true })).toBeChecked();
  await expect(page.getByRole('group', { name: 'Filters' }).getByLabel('Completed with errors')).toBeChecked();
});

test('when the last runs cannot be loaded the workflows stay listed with a Retry', async ({ page }) => {
  const watcher = watchConsole(page);
  await addFaults([{ path: '*/$batch', status: 503, times: 8 }]);
  await openSignedIn(page, './workflows');
  const table = page.getByRole('table', { name: 'Lifecycle workflows' });
  await expect(table.getByRole('rowheader').first()).toBeVisible();
  const note = page.getByRole('status').filter({ hasText: 'The last runs and failures could not be loaded' });
  await expect(note).toBeVisible({ timeout: 40_000 });
  await expect(table.getByRole('rowheader')).not.toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await clearFaults();
  await note.getByRole('button', { name: 'Retry' }).click();
  await workflowsSettled(page);
  await expect(note).toHaveCount(0);
  await expect(table.getByRole('link', { name: /^Last run, / }).first()).toBeVisible();
  expect(panics(watcher.problems)).toEqual([]);
});
