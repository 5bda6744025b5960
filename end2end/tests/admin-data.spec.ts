// The data side of the admin's path (issue "a bad morning", items 1-3): a
// shared link with a search matches names, sorting the 100,000-user run by
// User settles (no idle `$batch`es), and Back to that run is served from the
// session's kept results at the same scroll position.
//
// The 100,000-user run exists only at `graph-emulator --scale large`:
// `cargo xtask test` starts a second emulator at that scale and serves the
// same site pointed at it (LARGE_SITE_URL, LARGE_EMULATOR_URL).
import { test, expect, type Page, type Request } from '@playwright/test';
import {
  EMULATOR_URL,
  addFaults,
  busiestRun,
  clearFaults,
  graphGet,
  largestRunOn,
  openSignedIn,
  panics,
  resetPageSize,
  resetPagingOn,
  setPageSize,
  watchConsole,
} from './support';

const LCW = '/v1.0/identityGovernance/lifecycleWorkflows';
const LARGE_SITE_URL = process.env.LARGE_SITE_URL ?? '';
const LARGE_EMULATOR_URL = (process.env.LARGE_EMULATOR_URL ?? '').replace(/\/$/, '');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a request is the run's user results list (not one user's result). */
function isUserResultsList(request: Request): boolean {
  return new URL(request.url()).pathname.endsWith('/userProcessingResults');
}

/** Whether a request is a `$batch` (name lookups). */
function isBatch(request: Request): boolean {
  return request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/$batch');
}

/** The user table's scroll region. */
function usersRegion(page: Page) {
  return page.getByRole('region', { name: 'User processing results' });
}

/** Texts of the user links in the rendered rows. */
async function renderedUsers(page: Page): Promise<string[]> {
  return usersRegion(page)
    .getByRole('rowheader')
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => (a.textContent ?? '').trim()));
}

test('a shared link with a search matches names without retyping', async ({ page }) => {
  const watcher = watchConsole(page);
  const target = await busiestRun();
  const results = (await graphGet(`${LCW}/workflows/${target.wf}/runs/${target.run}/userProcessingResults?$top=999`))
    .value as { subject?: { id: string }; processingStatus?: string }[];
  const failed = results.filter((r) => r.processingStatus === 'failed' || r.processingStatus === 'completedWithErrors');
  expect(failed.length, 'the busiest demo run has failed users').toBeGreaterThan(0);
  // A word of a failed user's name that is not part of any id.
  const user = await graphGet(`/v1.0/users/${failed[0].subject!.id}`);
  const word = String(user.displayName).split(/\s+/).find((w: string) => /[g-z]/i.test(w))!.toLowerCase();
  expect(word).toBeTruthy();

  await openSignedIn(page, `./workflows/${target.wf}/runs/${target.run}?q=${encodeURIComponent(word)}&view=failures`);
  await expect(page.getByRole('searchbox', { name: 'Search users' })).toHaveValue(word);
  await expect(usersRegion(page).getByRole('link', { name: user.displayName })).toBeVisible();
  await expect(page.getByText(/^[1-9]\d* of \d+ users$/)).toBeVisible();
  await expect(page.getByText('No user matches the filters')).toHaveCount(0);
  expect(panics(watcher.problems)).toEqual([]);
});

test.describe('kept results on the demo tenant', () => {
  test.afterEach(async () => {
    await clearFaults();
    await resetPageSize();
  });

  test('Back to the runs list shows the kept runs without asking Graph', async ({ page }) => {
    const watcher = watchConsole(page);
    const target = await busiestRun();
    await openSignedIn(page, `./workflows/${target.wf}/runs`);
    const freshness = page.getByRole('status').filter({ hasText: /loaded (just now|\d+ min ago)/ });
    await expect(freshness).toBeVisible();
    const countLine = await page.getByText(/^\d+ of \d+ runs$/).textContent();
    let listRequests = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/runs')) listRequests += 1;
    });
    await page.getByRole('table', { name: 'Runs of the workflow' }).getByRole('link', { name: /Open run/ }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: /Run of/ })).toBeVisible();
    await page.goBack();
    await expect(page.getByText(countLine ?? '')).toBeVisible();
    await expect(freshness).toBeVisible();
    expect(listRequests, 'the runs were not fetched again').toBe(0);
    expect(panics(watcher.problems)).toEqual([]);
  });

  test('a load interrupted by leaving is not kept as complete', async ({ page }) => {
    const watcher = watchConsole(page);
    const target = await busiestRun();
    await setPageSize(1);
    await addFaults([{ path: '*/userProcessingResults*', delay_ms: 400 }]);
    await openSignedIn(page, `./workflows/${target.wf}/runs/${target.run}`);
    await expect(page.getByText(/^Loaded \d+ results…$/)).toBeVisible({ timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').nth(1).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Runs of / })).toBeVisible();
    await clearFaults();
    const refetch = page.waitForRequest(isUserResultsList);
    await page.goBack();
    await refetch;
    await expect(page.getByText(`${target.users} of ${target.users} users`, { exact: true })).toBeVisible({ timeout: 60_000 });
    expect(panics(watcher.problems)).toEqual([]);
  });
});

test.describe('the 100,000-user run', () => {
  test.describe.configure({ timeout: 300_000 });
  let run = { wf: '', run: '', users: 0 };

  test.beforeAll(async () => {
    expect(LARGE_SITE_URL, 'LARGE_SITE_URL: the site against graph-emulator --scale large (cargo xtask test sets it)').not.toBe('');
    expect(LARGE_EMULATOR_URL, 'LARGE_EMULATOR_URL (cargo xtask test sets it)').not.toBe('');
    expect(LARGE_EMULATOR_URL).not.toBe(EMULATOR_URL);
    run = await largestRunOn(LARGE_EMULATOR_URL);
    expect(run.users).toBe(100_000);
  });

  test.afterAll(() => resetPagingOn(LARGE_EMULATOR_URL));

  /** Opens the large run signed in and waits until every result is loaded. */
  async function openLargeRun(page: Page, query = ''): Promise<void> {
    await openSignedIn(page, `${LARGE_SITE_URL}workflows/${run.wf}/runs/${run.run}${query}`);
    await expect(page.getByText(/^[\d,]+ of 100,000 users$/)).toBeVisible({ timeout: 180_000 });
    await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0, { timeout: 180_000 });
  }

  test('sorting by User settles: no $batch while idle, a note instead of rows moving', async ({ page }, testInfo) => {
    const watcher = watchConsole(page);
    await openLargeRun(page);
    await page.getByRole('button', { name: 'All users' }).click();
    // Ascending: the ids come first, whose names nobody asked for yet.
    const userHeader = usersRegion(page).getByRole('columnheader', { name: /^User/ });
    await userHeader.getByRole('button').click();
    await expect(page).toHaveURL(/sort=user/);
    if ((await userHeader.getAttribute('aria-sort')) !== 'ascending') await userHeader.getByRole('button').click();
    await expect(userHeader).toHaveAttribute('aria-sort', 'ascending');
    // The view in force shows: all users, not failures.
    await expect(page.getByRole('button', { name: 'All users' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: 'Only failures' })).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByRole('button', { name: 'Failed first' })).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByRole('status').filter({ hasText: 'Sorted by id until names arrive' })).toBeVisible();

    // The rows on screen get their names...
    await expect
      .poll(async () => (await renderedUsers(page)).filter((t) => UUID.test(t)).length, { timeout: 30_000 })
      .toBe(0);
    const shown = await renderedUsers(page);
    // ...and then the idle page asks for nothing more.
    let batches = 0;
    page.on('request', (request) => {
      if (isBatch(request)) batches += 1;
    });
    await page.waitForTimeout(10_000);
    expect(batches, '$batch requests over 10 idle seconds after a sort by User').toBe(0);
    expect(await renderedUsers(page), 'rows did not move under the reader').toEqual(shown);
    await page.screenshot({ path: testInfo.outputPath('large-run-sorted-by-user.png') });

    // Sorting again with the names known is the admin's choice: the named
    // rows then leave the ids at the top.
    await page.getByRole('button', { name: 'Sort again with names' }).click();
    await expect.poll(async () => (await renderedUsers(page)).filter((t) => shown.includes(t)).length).toBeLessThan(shown.length);
    await page.screenshot({ path: testInfo.outputPath('large-run-sorted-again.png') });
    expect(panics(watcher.problems)).toEqual([]);
  });

  test('Back from a user result shows the kept results at once, where the admin left', async ({ page }, testInfo) => {
    const watcher = watchConsole(page);
    await openLargeRun(page);
    await expect(page.getByRole('status').filter({ hasText: /loaded (just now|\d+ min ago)/ })).toBeVisible();
    const region = usersRegion(page);
    await region.evaluate((el) => {
      el.scrollTop = 40 * 5_000;
    });
    await expect.poll(async () => region.evaluate((el) => el.scrollTop)).toBeGreaterThan(100_000);
    const link = region.getByRole('rowheader').getByRole('link').nth(8);
    await expect(link).toBeVisible();
    // Where the admin leaves is where the click happens: a click first
    // scrolls its link clear of the sticky header if it has to.
    await link.scrollIntoViewIfNeeded();
    await link.hover();
    const scrolled = await region.evaluate((el) => el.scrollTop);
    const href = await link.getAttribute('href');

    let listRequests = 0;
    page.on('request', (request) => {
      if (isUserResultsList(request)) listRequests += 1;
    });
    await link.click();
    await expect(page).not.toHaveURL(new RegExp(`/runs/${run.run}$`));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.goBack();

    await expect(page.getByText('100,000 of 100,000 users')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: /loaded (just now|\d+ min ago)/ })).toBeVisible();
    await expect.poll(async () => region.evaluate((el) => el.scrollTop)).toBeGreaterThan(scrolled - 40);
    expect(Math.abs((await region.evaluate((el) => el.scrollTop)) - scrolled)).toBeLessThanOrEqual(40);
    await expect(region.getByRole('rowheader').locator(`a[href="${href}"]`)).toBeVisible();
    expect(listRequests, "the run's user results were not fetched again").toBe(0);
    await page.screenshot({ path: testInfo.outputPath('large-run-after-back.png') });

    // Refresh loads them again from Graph.
    const refetch = page.waitForRequest(isUserResultsList);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await refetch;
    expect(panics(watcher.problems)).toEqual([]);
  });
});
