// Loads are tied to their screen: leaving a run while its user results are
// still paging stops the paging (the request in flight is aborted, no page
// follows), and a screen that has finished loading sends nothing while the
// admin does nothing.
import { test, expect, type Page, type Request } from '@playwright/test';
import { EMULATOR_URL, addFaults, busiestRun, clearFaults, emulatorToken, graphGet, openSignedIn, panics, resetPageSize, setPageSize, watchConsole } from './support';

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

// Issue 22: every load and live refresh is tied to its screen and its key.
// Each test below leaves a screen (or changes its period) while its load
// is still paging slowly, then lists the requests of that load sent
// afterwards: there must be none.

const LCW = '/v1.0/identityGovernance/lifecycleWorkflows';
/** Enabled, and run on demand by the live-run spec too. */
const LIVE_WF = '15239232-66ed-445b-8292-2f5bbb2eb833';
/** How long a test watches after leaving. */
const WATCH_MS = 4000;

test.afterEach(async () => {
  await fetch(`${EMULATOR_URL}/_emulator/live`, { method: 'DELETE' });
});

/** The requests the page sends from now on whose URL `offends`, as "METHOD path?query". */
function watchRequests(page: Page, offends: (url: URL, request: Request) => boolean): { seen: string[]; stop: () => void } {
  const seen: string[] = [];
  const listener = (request: Request) => {
    const url = new URL(request.url());
    if (url.origin === EMULATOR_URL && offends(url, request)) seen.push(`${request.method()} ${decodeURIComponent(url.pathname + url.search)}`);
  };
  page.on('request', listener);
  return { seen, stop: () => page.off('request', listener) };
}

/** What the old screen's load sent during `WATCH_MS` after it was left. */
async function sentAfterLeaving(page: Page, label: string, offends: (url: URL, request: Request) => boolean): Promise<string[]> {
  const watch = watchRequests(page, offends);
  await page.waitForTimeout(WATCH_MS);
  watch.stop();
  test.info().annotations.push({ type: `requests after ${label}`, description: String(watch.seen.length) });
  console.log(`${label}: ${watch.seen.length} requests followed`);
  return watch.seen;
}

const sections = (page: Page) => page.getByRole('navigation', { name: 'Sections' });

/** Leaves for the workflows screen (its own loads: the list and `$batch`). */
async function leaveForWorkflows(page: Page): Promise<void> {
  await sections(page).getByRole('link', { name: 'Workflows' }).click();
  await expect(page.getByRole('heading', { name: 'Workflows', exact: true })).toBeVisible();
}

/** A runs or user results request: what the tenant-wide loads and the live refreshes page through. */
const isPaging = (url: URL) => /\/runs(\/|$)|\/userProcessingResults|\/taskReports/.test(url.pathname);

test('leaving Failures mid-load stops every workflow\'s requests', async ({ page }) => {
  const watcher = watchConsole(page);
  await setPageSize(2);
  await addFaults([
    { path: '*/runs', delay_ms: 300 },
    { path: '*/userProcessingResults', delay_ms: 300 },
  ]);
  const paging = watchRequests(page, isPaging);
  await openSignedIn(page, './failures?range=90d');
  await expect(page.getByRole('status').filter({ hasText: /^\d+ of [1-9]\d* workflows loaded$/ })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => paging.seen.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
  paging.stop();
  await expect(page.getByRole('status').filter({ hasText: /workflows loaded$/ })).not.toHaveText(/^(\d+) of \1 /);
  await leaveForWorkflows(page);
  expect(await sentAfterLeaving(page, 'leaving Failures', isPaging)).toEqual([]);
  expect(panics(watcher.problems)).toEqual([]);
});

/** The earliest `ge` timestamp of a request's `$filter`, if any. */
function filterStart(url: URL): Date | undefined {
  const filter = url.searchParams.get('$filter') ?? '';
  const times = [...filter.matchAll(/ ge (\d{4}-\d\d-\d\dT[\d:.]+Z)/g)].map((m) => new Date(m[1]));
  return times.length ? new Date(Math.min(...times.map(Number))) : undefined;
}

test('changing the Failures period mid-load stops the old period\'s requests', async ({ page }) => {
  const watcher = watchConsole(page);
  await setPageSize(2);
  await addFaults([
    { path: '*/runs', delay_ms: 300 },
    { path: '*/userProcessingResults', delay_ms: 300 },
  ]);
  const paging = watchRequests(page, isPaging);
  await openSignedIn(page, './failures?range=90d');
  await expect(page.getByRole('status').filter({ hasText: /^\d+ of [1-9]\d* workflows loaded$/ })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => paging.seen.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
  paging.stop();
  // The new period (24 hours) asks for runs from a day before it and for
  // the user results of its runs a week either side: nothing it asks
  // starts before ten days ago. The old one's (90 days) do.
  const tenDaysAgo = Date.now() - 10 * 24 * 3600 * 1000;
  await page.getByLabel('Date range').selectOption('24h');
  await expect(page).toHaveURL(/range=24h/);
  const old = await sentAfterLeaving(page, 'changing the Failures period', (url) => {
    const start = filterStart(url);
    return isPaging(url) && start !== undefined && start.getTime() < tenDaysAgo;
  });
  expect(old).toEqual([]);
  expect(panics(watcher.problems)).toEqual([]);
});

test('leaving Insights mid-load stops the runs of every workflow', async ({ page }) => {
  const watcher = watchConsole(page);
  await setPageSize(2);
  await addFaults([{ path: '*/runs', delay_ms: 300 }]);
  await openSignedIn(page, './insights?range=90d');
  await expect(page.getByRole('status').filter({ hasText: /^Loading the runs of every workflow: \d+ of [1-9]\d* workflows loaded$/ })).toBeVisible({ timeout: 30_000 });
  await leaveForWorkflows(page);
  const insights = (url: URL) => isPaging(url) || url.pathname.includes('/insights/');
  expect(await sentAfterLeaving(page, 'leaving Insights', insights)).toEqual([]);
  expect(panics(watcher.problems)).toEqual([]);
});

test('leaving the workflows screen while its health loads stops the $batch requests', async ({ page }) => {
  const watcher = watchConsole(page);
  // Three GETs per workflow, twenty to a $batch, one $batch after the
  // other, each answered slowly.
  await addFaults([{ path: '/v1.0/$batch', method: 'POST', delay_ms: 1500 }]);
  const isHealth = (url: URL, request: Request) =>
    request.method() === 'POST' && url.pathname.endsWith('/$batch') && (request.postData() ?? '').includes('/summary(');
  const health = watchRequests(page, isHealth);
  await openSignedIn(page, './workflows');
  await expect(page.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('rowheader').first()).toBeVisible({ timeout: 30_000 });
  // The first $batch is on its way (its answer takes 1.5 s); two more follow it.
  await expect.poll(() => health.seen.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  health.stop();
  // Insights sends no $batch of its own.
  await sections(page).getByRole('link', { name: 'Insights' }).click();
  await expect(page.getByRole('heading', { name: 'Insights', exact: true })).toBeVisible();
  expect(await sentAfterLeaving(page, 'leaving the workflows screen', isHealth)).toEqual([]);
  expect(panics(watcher.problems)).toEqual([]);
});

test('leaving the workflow screen while its task definitions page stops the paging', async ({ page }) => {
  const watcher = watchConsole(page);
  await setPageSize(2);
  await addFaults([{ path: '*/taskDefinitions', delay_ms: 400 }]);
  const isDefinitions = (url: URL) => url.pathname.endsWith('/taskDefinitions');
  const definitions = watchRequests(page, isDefinitions);
  await openSignedIn(page, `./workflows/${LIVE_WF}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 30_000 });
  // Eighteen definitions two to a page: the first pages are on their way.
  await expect.poll(() => definitions.seen.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  definitions.stop();
  await leaveForWorkflows(page);
  expect(await sentAfterLeaving(page, 'leaving the workflow screen', isDefinitions)).toEqual([]);
  expect(panics(watcher.problems)).toEqual([]);
});

/** Starts LIVE_WF on demand for ten users through Graph; returns the new run's id. */
async function startLiveRun(): Promise<string> {
  const token = await emulatorToken({ scp: 'LifecycleWorkflows.ReadWrite.All LifecycleWorkflows.Read.All User.ReadBasic.All' });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const runsOf = async () =>
    ((await graphGet(`${LCW}/workflows/${LIVE_WF}/runs?$top=999`)).value as { id: string }[]).map((r) => r.id);
  const before = new Set(await runsOf());
  const users = (await graphGet('/v1.0/users?$top=10')).value as { id: string }[];
  const started = await fetch(`${EMULATOR_URL}${LCW}/workflows/${LIVE_WF}/activate`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ subjects: users.slice(0, 10).map((u) => ({ id: u.id })) }),
  });
  expect(started.status, await started.text()).toBe(204);
  const fresh = (await runsOf()).filter((id) => !before.has(id));
  expect(fresh).toHaveLength(1);
  return fresh[0];
}

async function liveStep(ms: number): Promise<void> {
  await fetch(`${EMULATOR_URL}/_emulator/live`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stepMs: ms }),
  });
}

test('leaving a live run while a refresh pages its users stops the refresh', async ({ page }) => {
  const watcher = watchConsole(page);
  // A step every 4 s (the run lives about 20 s): most refreshes find the
  // run changed and page its ten users again, one a page, half a second each.
  await liveStep(4000);
  const run = await startLiveRun();
  await setPageSize(1);
  await addFaults([{ path: '*/userProcessingResults', delay_ms: 500 }]);
  const ofRun = (url: URL) => url.pathname.includes(`/runs/${run}`);
  const results = watchRequests(page, (url) => url.pathname.endsWith(`/runs/${run}/userProcessingResults`));
  await openSignedIn(page, `./workflows/${LIVE_WF}/runs/${run}`);
  await expect(page.getByRole('status', { name: 'Live refresh' })).toBeVisible({ timeout: 30_000 });
  // The first load has every user (and its last page answered); the
  // user results asked for after that are a refresh's.
  await expect(page.getByText(/^\d+ of 10 users$/)).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(1000);
  const loaded = results.seen.length;
  await expect.poll(() => results.seen.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(loaded + 2);
  results.stop();
  await leaveForWorkflows(page);
  expect(await sentAfterLeaving(page, 'leaving a live run', ofRun)).toEqual([]);
  expect(panics(watcher.problems)).toEqual([]);
});

test('leaving a live runs list while a refresh pages it stops the refresh', async ({ page }) => {
  const watcher = watchConsole(page);
  await liveStep(4000);
  await startLiveRun();
  await setPageSize(1);
  const runsPath = `${LCW}/workflows/${LIVE_WF}/runs`;
  const isList = (url: URL) => url.pathname === runsPath;
  await openSignedIn(page, `./workflows/${LIVE_WF}/runs`);
  await expect(page.getByRole('status', { name: 'Live refresh' })).toBeVisible({ timeout: 60_000 });
  // Slow pages from now on: the refreshes page the list, one run a page.
  await addFaults([{ path: runsPath, delay_ms: 400 }]);
  const list = watchRequests(page, isList);
  await expect.poll(() => list.seen.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  list.stop();
  await leaveForWorkflows(page);
  expect(await sentAfterLeaving(page, 'leaving a live runs list', isList)).toEqual([]);
  expect(panics(watcher.problems)).toEqual([]);
});
