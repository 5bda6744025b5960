// The fault suite: throttling, server errors, slow answers, a connection
// reset and corrupt bodies in the middle of paging, and 401/403/404. Every
// scenario checks what the admin sees, that loaded rows neither vanish nor
// double, and that nothing panicked. graph-emulator pages the demo run three
// results at a time here, so a run's results arrive over several pages.
import { test, expect, type Page } from '@playwright/test';
import {
  addFaults,
  busiestRun,
  clearFaults,
  openSignedIn,
  panics,
  resetPageSize,
  setPageSize,
  userLinks,
  watchConsole,
} from './support';

const PAGE_ROWS = 3;
const RESULTS = '*/userProcessingResults*';

test.use({ viewport: { width: 1280, height: 2400 } });

let target: { wf: string; run: string; users: number };

test.beforeAll(async () => {
  await resetPageSize();
  target = await busiestRun();
  expect(target.users).toBeGreaterThan(4 * PAGE_ROWS);
});

test.beforeEach(async () => {
  await setPageSize(PAGE_ROWS);
});

test.afterEach(async () => {
  await clearFaults();
  await resetPageSize();
});

function runPath(query = ''): string {
  return `./workflows/${target.wf}/runs/${target.run}${query}`;
}

function countLine(page: Page, shown: number, loaded = shown) {
  return page.getByText(`${shown} of ${loaded} users`, { exact: true });
}

/** Every result is loaded exactly once: the count and the distinct row links agree. */
async function expectAllResultsOnce(page: Page): Promise<void> {
  await expect(countLine(page, target.users)).toBeVisible({ timeout: 30_000 });
  const links = await userLinks(page);
  expect(links.length).toBe(target.users);
  expect(new Set(links).size).toBe(target.users);
}

/** A failure part-way: the banner says `message`, the pages before it stay, Resume completes. */
async function expectResumable(page: Page, message: RegExp): Promise<void> {
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(message, { timeout: 30_000 });
  const loaded = await userLinks(page);
  expect(loaded.length).toBeGreaterThan(0);
  expect(loaded.length % PAGE_ROWS).toBe(0);
  expect(loaded.length).toBeLessThan(target.users);
  expect(new Set(loaded).size).toBe(loaded.length);
  await expect(countLine(page, loaded.length)).toBeVisible();
  await clearFaults();
  await alert.getByRole('button', { name: 'Resume loading' }).click();
  await expectAllResultsOnce(page);
  // The rows from before the failure are still there.
  const after = new Set(await userLinks(page));
  expect(loaded.filter((href) => !after.has(href))).toEqual([]);
  await expect(page.getByRole('alert')).toHaveCount(0);
}

test('429 bursts on the list and on paging are retried; every result arrives once', async ({ page }) => {
  const watcher = watchConsole(page);
  await addFaults([
    { path: '/v1.0/identityGovernance/lifecycleWorkflows/workflows', status: 429, retry_after: 1, times: 2 },
    { path: RESULTS, status: 429, retry_after: 1, every: 2, times: 4 },
  ]);
  await openSignedIn(page, './workflows');
  await expect(page.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('link').first()).toBeVisible({ timeout: 30_000 });
  await page.goto(runPath());
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  await expectAllResultsOnce(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(panics(watcher.problems)).toEqual([]);
});

test('503 and 504 on pages are retried transparently', async ({ page }) => {
  const watcher = watchConsole(page);
  await addFaults([
    { path: RESULTS, status: 503, every: 3, times: 2 },
    { path: RESULTS, status: 504, every: 4, times: 2 },
  ]);
  await openSignedIn(page, runPath());
  await expectAllResultsOnce(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(panics(watcher.problems)).toEqual([]);
});

test('a 500 part-way keeps the loaded rows; Resume continues from the failed page', async ({ page }) => {
  const watcher = watchConsole(page);
  await addFaults([{ path: RESULTS, status: 500, every: 3, times: 1 }]);
  await openSignedIn(page, runPath());
  await expectResumable(page, /internal error \(500\)/);
  expect(panics(watcher.problems)).toEqual([]);
});

test('a 503 that outlasts the retries says so, keeps the rows and resumes', async ({ page }) => {
  const watcher = watchConsole(page);
  // The first two pages pass (a no-op delay rule), every later request is 503.
  await addFaults([
    { path: RESULTS, delay_ms: 1, times: 2 },
    { path: RESULTS, status: 503 },
  ]);
  await openSignedIn(page, runPath());
  await expectResumable(page, /temporarily unavailable/);
  expect(panics(watcher.problems)).toEqual([]);
});

test('a slow answer shows the loading state, then the data', async ({ page }) => {
  const watcher = watchConsole(page);
  await addFaults([{ path: RESULTS, delay_ms: 3000, times: 1 }]);
  await openSignedIn(page, runPath());
  await expect(page.getByRole('status').filter({ hasText: /Loaded \d+ results/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
  await expectAllResultsOnce(page);
  expect(panics(watcher.problems)).toEqual([]);
});

test('a connection reset in the middle of paging keeps the rows and resumes', async ({ page }) => {
  const watcher = watchConsole(page);
  await addFaults([{ path: RESULTS, body: 'reset', every: 3, times: 1 }]);
  await openSignedIn(page, runPath());
  await expectResumable(page, /Could not reach Microsoft Graph|could not read/);
  expect(panics(watcher.problems)).toEqual([]);
});

test('a malformed (HTML) page keeps the rows and resumes', async ({ page }) => {
  const watcher = watchConsole(page);
  await addFaults([{ path: RESULTS, body: 'malformed', every: 3, times: 1 }]);
  await openSignedIn(page, runPath());
  await expectResumable(page, /could not read/);
  expect(panics(watcher.problems)).toEqual([]);
});

test('a truncated JSON page keeps the rows and resumes', async ({ page }) => {
  const watcher = watchConsole(page);
  await addFaults([{ path: RESULTS, body: 'truncated', every: 2, times: 1 }]);
  await openSignedIn(page, runPath());
  await expectResumable(page, /could not read/);
  expect(panics(watcher.problems)).toEqual([]);
});

test('valid JSON that is not a Graph collection is reported, not shown as an empty list', async ({ page }) => {
  const watcher = watchConsole(page);
  await addFaults([{ path: '/v1.0/identityGovernance/lifecycleWorkflows/workflows', json: { unexpected: [1, 2, 3] }, times: 1 }]);
  await openSignedIn(page, './workflows');
  await expect(page.getByRole('alert')).toContainText('could not read');
  await expect(page.getByText(/No workflows/)).toHaveCount(0);
  await page.getByRole('alert').getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('link').first()).toBeVisible();
  expect(panics(watcher.problems)).toEqual([]);
});

test('a 401 mid-session signs in again and returns to the same filtered view', async ({ page }) => {
  const watcher = watchConsole(page);
  const runsPath = `./workflows/${target.wf}/runs?range=90d&status=completedWithErrors`;
  await openSignedIn(page, runsPath);
  await expect(page.getByRole('heading', { name: /Runs of/ })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Filters' }).getByLabel('Completed with errors')).toBeChecked();
  const filteredUrl = page.url();
  await page.getByRole('table', { name: 'Runs of the workflow' }).getByRole('link', { name: /Open run/ }).first().click();
  await expect(page).toHaveURL(/\/runs\/[^/?]+/);
  // The token is revoked while the admin reads the run; going back shows the
  // runs kept for the session, and Refresh asks Graph again.
  await addFaults([{ path: '*/workflows/*/runs', status: 401, times: 1 }]);
  await page.goBack();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('button', { name: 'Sign in to the demo tenant' })).toBeVisible();
  await expect(page.getByText(/sign-in has expired|token is not valid/)).toBeVisible();
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  await expect(page).toHaveURL(filteredUrl);
  await expect(page.getByRole('group', { name: 'Filters' }).getByLabel('Completed with errors')).toBeChecked();
  await expect(page.getByLabel('Date range')).toHaveValue('90d');
  await expect(page.getByRole('table', { name: 'Runs of the workflow' }).getByRole('link', { name: /Open run/ }).first()).toBeVisible();
  expect(panics(watcher.problems)).toEqual([]);
});

test('a 403 names the call and, since the token has its permission, the role', async ({ page }) => {
  const watcher = watchConsole(page);
  await addFaults([{ path: RESULTS, status: 403 }]);
  await openSignedIn(page, runPath());
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Access denied');
  await expect(alert).toContainText('Access denied to GET …/userProcessingResults');
  await expect(alert).toContainText('The token has LifecycleWorkflows-Reports.Read.All, which this call needs');
  await expect(alert).toContainText('Global Reader or Lifecycle Workflows Administrator role');
  await expect(alert).toContainText('HTTP 403');
  expect(panics(watcher.problems)).toEqual([]);
});

test('a run or a user result that is gone (404) says so', async ({ page }) => {
  const watcher = watchConsole(page);
  await addFaults([{ path: `*/runs/${target.run}`, status: 404, times: 1 }]);
  await openSignedIn(page, runPath());
  await expect(page.getByRole('alert')).toContainText(/Not found: the workflow, run or result no longer exists/);
  await expect(page.getByRole('alert')).toContainText('HTTP 404');
  // The run comes back on Retry; then one of its results disappears.
  await page.getByRole('alert').getByRole('button', { name: 'Retry' }).click();
  await expect(countLine(page, target.users)).toBeVisible({ timeout: 30_000 });
  await addFaults([{ path: '*/userProcessingResults/*', status: 404 }]);
  await page.getByRole('region', { name: 'User processing results' }).getByRole('rowheader').getByRole('link').first().click();
  await expect(page).toHaveURL(/\/users\/[^/?]+/);
  await expect(page.getByRole('alert').first()).toContainText(/Not found: the workflow, run or result no longer exists/);
  expect(panics(watcher.problems)).toEqual([]);
});
