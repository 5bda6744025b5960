// The admin's path, round three (issue 23): a run opens from its row (its
// Started time is its link; a click anywhere on the row that is not a
// control or a text selection opens it), Back puts a keyboard user on the
// link they opened, a run's breadcrumb and heading name it the same way,
// a running run says how long it has run (and when that is longer than
// usual), the workflows screen fits a phone and is live while a last run
// it shows is running.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { EMULATOR_URL, addFaults, clearFaults, emulatorToken, graphGet, openSignedIn, panics, watchConsole } from './support';

const LCW = '/v1.0/identityGovernance/lifecycleWorkflows';
/** "Onboard new hire employee": 45 runs, the newest one in progress. */
const WF = '15239232-66ed-445b-8292-2f5bbb2eb833';
const WRITER = 'LifecycleWorkflows.ReadWrite.All LifecycleWorkflows.Read.All User.ReadBasic.All';

test.afterEach(async () => {
  await clearFaults();
  await fetch(`${EMULATOR_URL}/_emulator/live`, { method: 'DELETE' });
});

/** Sets how fast graph-emulator's started runs move on. */
async function liveStep(ms: number): Promise<void> {
  await fetch(`${EMULATOR_URL}/_emulator/live`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stepMs: ms }),
  });
}

/** Starts a run of WF for one user through Graph (not the viewer): its id. */
async function startRunByApi(): Promise<string> {
  const token = await emulatorToken({ scp: WRITER });
  const before = new Set(((await graphGet(`${LCW}/workflows/${WF}/runs?$top=999`)).value as { id: string }[]).map((r) => r.id));
  const user = (await graphGet('/v1.0/users?$top=1&$select=id')).value[0].id as string;
  const started = await fetch(`${EMULATOR_URL}${LCW}/workflows/${WF}/activate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ subjects: [{ id: user }] }),
  });
  expect(started.status).toBe(204);
  const after = (await graphGet(`${LCW}/workflows/${WF}/runs?$top=999`)).value as { id: string }[];
  const run = after.find((r) => !before.has(r.id));
  expect(run, 'the started run').toBeTruthy();
  return run!.id;
}

/** The requests the page sends to graph-emulator during `ms`. */
async function requestsDuring(page: Page, ms: number): Promise<string[]> {
  const seen: string[] = [];
  const listener = (r: { url(): string }) => {
    if (r.url().startsWith(EMULATOR_URL)) seen.push(r.url());
  };
  page.on('request', listener);
  await page.waitForTimeout(ms);
  page.off('request', listener);
  return seen;
}

/** Marks the page, so a reload (which loses the mark) is seen. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __noReload: boolean }).__noReload = true;
  });
}
const stillMarked = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

const runsTable = (page: Page) => page.getByRole('table', { name: 'Runs of the workflow' });

/** The index of the column headed `title` in `table`. */
async function columnIndex(table: Locator, title: string): Promise<number> {
  const headers = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.replace(/[▲▼↕⇅]/g, '').trim());
  const i = headers.indexOf(title);
  expect(i, `a "${title}" column among ${headers.join(', ')}`).toBeGreaterThanOrEqual(0);
  return i;
}

/** The cell of `row` in column `i` (row header or data cell). */
const cellAt = (row: Locator, i: number) => row.locator(':scope > th, :scope > td').nth(i);

test('a run opens from its Started time and from anywhere on its row, not from a text selection', async ({ page }) => {
  const watcher = watchConsole(page);
  await openSignedIn(page, `./workflows/${WF}/runs`);
  const table = runsTable(page);
  const row = table.getByRole('row').nth(2);
  const link = row.getByRole('rowheader').getByRole('link', { name: /^Open run of / });
  // The run's link is its Started time, in the Started column.
  await expect(link).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, { timeout: 30_000 });
  const started = await columnIndex(table, 'Started');
  expect(await row.getByRole('rowheader').evaluate((th) => (th as HTMLTableCellElement).cellIndex)).toBe(started);
  const href = (await link.getAttribute('href'))!;
  expect(href).toMatch(new RegExp(`/workflows/${WF}/runs/[^/?]+$`));
  // The row says it opens: a pointer on hover, and it stands out while its link has focus.
  await row.hover();
  expect(await row.evaluate((tr) => getComputedStyle(tr).cursor)).toBe('pointer');
  await link.focus();
  expect(await row.evaluate((tr) => getComputedStyle(tr).boxShadow)).not.toBe('none');
  // A drag that selects the users count is a selection, not a click.
  const users = cellAt(row, await columnIndex(table, 'Users'));
  const box = (await users.boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(new RegExp(`/workflows/${WF}/runs(\\?|$)`));
  // A click on the count opens the run.
  await users.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByRole('heading', { level: 1, name: /Run of/ })).toBeVisible();
  // So does one on the status, and Enter on the focused Started link.
  await page.goBack();
  await cellAt(table.getByRole('row').nth(2), await columnIndex(table, 'Status')).click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await page.goBack();
  await table.getByRole('row').nth(2).getByRole('link', { name: /^Open run of / }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  expect(panics(watcher.problems)).toEqual([]);
});

test('the workflows screen says how fresh it is and follows a running last run in place until it ends', async ({ page }) => {
  const watcher = watchConsole(page);
  await liveStep(1500);
  const run = await startRunByApi();
  await openSignedIn(page, `./workflows?q=${WF}`);
  const table = page.getByRole('table', { name: 'Lifecycle workflows' });
  await expect(table.getByRole('rowheader')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: /^loaded just now · Refresh$/ })).toBeVisible();
  const live = page.getByRole('status', { name: 'Live refresh' });
  await expect(live).toContainText(/Live · updated \d+ s ago/);
  const last = table.getByRole('link', { name: `Last run, ${run}` }).locator('[data-value]');
  await expect(last).toHaveAttribute('data-value', /queued|inProgress/);
  await markPage(page);
  // The run ends: the row changes in place and the refresh stops.
  await expect(live).toHaveCount(0, { timeout: 90_000 });
  const final = (await graphGet(`${LCW}/workflows/${WF}/runs/${run}`)).processingStatus as string;
  await expect(last).toHaveAttribute('data-value', final);
  expect(await stillMarked(page)).toBe(true);
  expect(await requestsDuring(page, 8000)).toEqual([]);
  // Refresh loads the workflows and their last runs again.
  const batch = page.waitForRequest((r) => r.url().includes('$batch'));
  await page.getByRole('button', { name: 'Refresh' }).click();
  await batch;
  await expect(page.getByRole('status').filter({ hasText: /^loaded just now · Refresh$/ })).toBeVisible();
  expect(panics(watcher.problems)).toEqual([]);
});

/** A run of WF as Graph writes it. */
function runJson(id: string, status: string, scheduled: number, started: number | null, completed: number | null): object {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id,
    processingStatus: status,
    workflowExecutionType: 'scheduled',
    scheduledDateTime: iso(scheduled),
    startedDateTime: iso(started),
    completedDateTime: iso(completed),
    lastUpdatedDateTime: iso(completed ?? started ?? scheduled),
    totalUsersCount: 3,
    successfulUsersCount: status === 'completed' ? 3 : 1,
    failedUsersCount: 0,
    totalTasksCount: 9,
    failedTasksCount: 0,
    totalUnprocessedTasksCount: 0,
  };
}

test('a run still going says for how long, and over an hour past the usual it is flagged', async ({ page }) => {
  const watcher = watchConsole(page);
  const now = Date.now();
  const MIN = 60_000;
  // Ten finished runs of 2 to 4 minutes (median 3 min), an older slow one
  // beyond the ten, one going for 82 minutes and one canceling for 5.
  const finished = Array.from({ length: 10 }, (_, i) => {
    const start = now - (i + 1) * 24 * 60 * MIN;
    return runJson(`done-${i}`, 'completed', start - MIN, start, start + (2 + (i % 3)) * MIN);
  });
  const older = runJson('done-old', 'completed', now - 20 * 24 * 60 * MIN, now - 20 * 24 * 60 * MIN, now - 20 * 24 * 60 * MIN + 300 * MIN);
  const long = runJson('long-run', 'inProgress', now - 83 * MIN, now - 82 * MIN, null);
  const short = runJson('short-run', 'canceling', now - 6 * MIN, now - 5 * MIN, null);
  await addFaults([
    { path: `${LCW}/workflows/${WF}/runs`, json: { value: [long, short, ...finished, older] } },
    { path: `${LCW}/workflows/${WF}/runs/long-run`, json: long },
    { path: `${LCW}/workflows/${WF}/runs/long-run/userProcessingResults`, json: { value: [] } },
  ]);
  await openSignedIn(page, `./workflows/${WF}/runs`);
  const table = runsTable(page);
  const duration = await (async () => {
    await expect(table.getByRole('link', { name: /^Open run of / }).first()).toBeVisible({ timeout: 30_000 });
    return columnIndex(table, 'Duration');
  })();
  const rowOf = (id: string) => table.getByRole('row').filter({ has: page.locator(`a[href$="/runs/${id}"]`) });
  const longCell = cellAt(rowOf('long-run'), duration);
  await expect(longCell).toContainText(/^running for 1 h 2[23] min/);
  await expect(longCell).toContainText('longer than usual');
  await expect(longCell.locator('[title]').first()).toHaveAttribute('title', /median of the workflow's last 10 finished runs \(3 min\)/);
  // Five minutes is not flagged, and its time goes on by itself.
  const shortCell = cellAt(rowOf('short-run'), duration);
  await expect(shortCell).toHaveText(/^running for 5 min( \d+ s)?$/);
  const first = await shortCell.innerText();
  await expect.poll(() => shortCell.innerText(), { timeout: 5_000 }).not.toBe(first);
  // A finished run keeps its duration.
  await expect(cellAt(rowOf('done-0'), duration)).toHaveText(/^2 min$/);
  // The run's own page says the same.
  await rowOf('long-run').getByRole('link', { name: /^Open run of / }).click();
  const facts = page.locator('dl.facts');
  await expect(facts).toContainText(/Duration\s*running for 1 h 2[23] min/);
  await expect(facts).toContainText('longer than usual');
  expect(panics(watcher.problems)).toEqual([]);
});

/** Cancels `run` of WF through Graph, so it does not outlive its test. */
async function cancelByApi(run: string): Promise<void> {
  const token = await emulatorToken({ scp: WRITER });
  await fetch(`${EMULATOR_URL}${LCW}/workflows/${WF}/cancelProcessing`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ scope: { '@odata.type': '#microsoft.graph.identityGovernance.cancelRunsScope', runs: [{ id: run }] } }),
  });
}

test('a new run has one name: its breadcrumb, heading and tab title say the same once it starts', async ({ page }) => {
  const watcher = watchConsole(page);
  await liveStep(10_000);
  const run = await startRunByApi();
  await openSignedIn(page, `./workflows/${WF}/runs/${run}`);
  const heading = page.getByRole('heading', { level: 1 });
  const crumb = page.getByRole('navigation', { name: 'Breadcrumb' }).locator('[aria-current="page"]');
  const fact = (name: string) => page.locator('dl.facts > div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd');
  // Loaded while queued: named by its schedule.
  await expect(page.locator('.page-head [data-value]').first()).toHaveAttribute('data-value', 'queued', { timeout: 30_000 });
  const scheduled = (await fact('Scheduled').innerText()).trim();
  await expect(crumb).toHaveText(`Run of ${scheduled}`);
  await expect(heading).toContainText(`Run of ${scheduled}`);
  // It starts while on screen (the live refresh): every name moves to its start.
  await expect(fact('Started')).toHaveText(/^\d{4}-\d{2}-\d{2} /, { timeout: 40_000 });
  const started = (await fact('Started').innerText()).trim();
  await expect(heading).toContainText(`Run of ${started}`);
  await expect(crumb).toHaveText(`Run of ${started}`);
  await expect(page).toHaveTitle(new RegExp(`^Run of ${started} · `));
  await cancelByApi(run);
  expect(panics(watcher.problems)).toEqual([]);
});

test('on a 420 px phone the workflow names stay in view while the failure counts scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 420, height: 900 });
  await openSignedIn(page, './workflows');
  const table = page.getByRole('table', { name: 'Lifecycle workflows' });
  await expect(page.getByText('Loading the last runs and failures…')).toHaveCount(0, { timeout: 30_000 });
  const wrap = table.locator('xpath=..');
  const sideways = await wrap.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(sideways, 'the counts need a sideways scroll at 420 px').toBeGreaterThan(0);
  await wrap.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
  await table.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 100));
  const name = table.getByRole('rowheader').first();
  const link = name.getByRole('link');
  const frame = (await wrap.boundingBox())!;
  const box = (await name.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(frame.x - 1);
  expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width);
  // The name is what is drawn there (not a count scrolled under it), and it still opens the workflow.
  const onTop = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('th')?.getAttribute('scope'), [box.x + 4, box.y + box.height / 2]);
  expect(onTop).toBe('row');
  // The failure counts are reachable by that scroll: the last column's right edge is inside the frame.
  const lastHeader = (await table.getByRole('columnheader').last().boundingBox())!;
  expect(lastHeader.x + lastHeader.width).toBeLessThanOrEqual(frame.x + frame.width + 1);
  // The header's session facts and Sign out do not run into each other.
  const who = (await page.locator('.session-who').boundingBox())!;
  const signOut = (await page.getByRole('button', { name: 'Sign out' }).boundingBox())!;
  expect(who.x + who.width <= signOut.x || signOut.y >= who.y + who.height, 'the session facts end before Sign out').toBe(true);
  await page.screenshot({ path: 'test-results/workflows-420.png' });
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: /^Runs of / })).toBeVisible();
});
