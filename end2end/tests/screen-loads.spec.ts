// Loads are tied to their screen: leaving a run while its user results are
// still paging stops the paging (the request in flight is aborted, no page
// follows), and a screen that has finished loading sends nothing while the
// admin does nothing.
import { test, expect, type Page } from '@playwright/test';
import { addFaults, busiestRun, clearFaults, openSignedIn, panics, resetPageSize, setPageSize, watchConsole } from './support';

const PAGE_ROWS = 1;
const RESULTS = '*/userProcessingResults*';

let target: { wf: string; run: string; users: number };

test.beforeAll(async () => {
  await resetPageSize();
  target = await busiestRun();
  expect(target.users).toBeGreaterThan(10 * PAGE_ROWS);
});

test.afterEach(async () => {
  await clearFaults();
  await resetPageSize();
});

/** Counts the requests whose URL contains `part`, from now on. */
function countRequests(page: Page, part: string): { count: number } {
  const counter = { count: 0 };
  page.on('request', (request) => {
    if (request.url().includes(part)) counter.count += 1;
  });
  return counter;
}

test('leaving a run while its results are still paging stops the requests', async ({ page }) => {
  const watcher = watchConsole(page);
  await setPageSize(PAGE_ROWS);
  // Every page answers slowly, so the load is still running when the admin leaves.
  await addFaults([{ path: RESULTS, delay_ms: 400 }]);
  const results = countRequests(page, '/userProcessingResults');
  await openSignedIn(page, `./workflows/${target.wf}/runs/${target.run}`);
  await expect(page.getByText(/^Loaded \d+ results…$/)).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => results.count, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  // The breadcrumb's second link is the workflow (its runs).
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').nth(1).click();
  await expect(page.getByRole('heading', { name: /^Runs of / })).toBeVisible();
  const atLeave = results.count;
  await page.waitForTimeout(4000);
  const after = results.count - atLeave;
  test.info().annotations.push({ type: 'requests after leaving', description: String(after) });
  console.log(`user-result requests after leaving the run mid-load: ${after} (pages in all: ${Math.ceil(target.users / PAGE_ROWS)})`);
  expect(after).toBe(0);
  expect(panics(watcher.problems)).toEqual([]);
});

test('a loaded run sends no request while the admin does nothing', async ({ page }) => {
  await openSignedIn(page, `./workflows/${target.wf}/runs/${target.run}`);
  await expect(page.getByText(`${target.users} of ${target.users} users`, { exact: true })).toBeVisible({ timeout: 30_000 });
  // Let the visible rows' names arrive, then watch.
  await page.waitForTimeout(1500);
  const all = countRequests(page, '/');
  await page.waitForTimeout(5000);
  expect(all.count).toBe(0);
});
