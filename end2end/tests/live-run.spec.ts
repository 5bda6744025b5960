// Live runs (issue 15): a run started on demand refreshes by itself until
// it ends, in place (view, scroll and page stay; on a 10-user run the
// status filter, sort, search, the table's own scroll and focus too), then
// sends nothing; the refresh pauses while the tab is hidden; Cancel stops a
// run with one cancelProcessing however often it is clicked (counted at
// graph-emulator); Reprocess starts a run on the failed users that links
// back, and the old run links to it; both dialogs name the workflow, and a
// read-only token sees both disabled with the permission and role needed.
// graph-emulator's live speed is set per test (/_emulator/live).
import { test, expect, type Page } from '@playwright/test';
import { EMULATOR_URL, addFaults, clearFaults, clearRequestLog, emulatorToken, graphGet, panics, requestLog, watchConsole } from './support';

const LCW = '/v1.0/identityGovernance/lifecycleWorkflows';
const WF = '15239232-66ed-445b-8292-2f5bbb2eb833';
const WF_NAME = 'Onboard new hire employee';
const WRITER = 'LifecycleWorkflows.ReadWrite.All LifecycleWorkflows.Read.All User.ReadBasic.All';

test.use({ viewport: { width: 1280, height: 700 } });

async function liveStep(ms: number): Promise<void> {
  await fetch(`${EMULATOR_URL}/_emulator/live`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stepMs: ms }),
  });
}

test.afterEach(async () => {
  await clearFaults();
  await fetch(`${EMULATOR_URL}/_emulator/live`, { method: 'DELETE' });
});

async function signIn(page: Page, path: string, scp: string = WRITER): Promise<void> {
  const token = await emulatorToken({ scp });
  await page.goto('./');
  await page.getByLabel('Cloud').selectOption('custom');
  await page.getByLabel('Graph endpoint').fill(EMULATOR_URL);
  await page.getByLabel('Access token').fill(token);
  await page.getByLabel(/Keep this token for this tab/).check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();
  await page.goto(path);
}

/** Runs WF on demand for `n` users found by "a" and lands on the new run. */
async function startRun(page: Page, n: number): Promise<string> {
  await signIn(page, `./workflows/${WF}/runs`);
  await page.getByRole('button', { name: 'Run on demand' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Find users by name or UPN').fill('a');
  await dialog.getByLabel('Find users by name or UPN').fill('al');
  const add = dialog.getByRole('list', { name: 'Users found' }).getByRole('button', { name: /^Add / });
  await expect(add.nth(n - 1)).toBeVisible();
  for (let i = 0; i < n; i++) await add.nth(i).click();
  await dialog.getByRole('button', { name: 'Review' }).click();
  await dialog.getByRole('button', { name: 'Run now' }).click();
  await expect(page).toHaveURL(new RegExp(`/workflows/${WF}/runs/[0-9a-f-]{36}$`), { timeout: 20_000 });
  return page.url().split('/').pop()!;
}

const badge = (page: Page) => page.locator('.page-head [data-value]').first();

/** Requests the page sends to graph-emulator during `ms`. */
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

test('a running run refreshes in place until it ends, then the page sends nothing', async ({ page }) => {
  const watcher = watchConsole(page);
  await liveStep(1500);
  const run = await startRun(page, 3);
  const live = page.getByRole('status', { name: 'Live refresh' });
  await expect(live).toContainText(/Live · updated \d+ s ago/);
  await expect(badge(page)).toHaveAttribute('data-value', /queued|inProgress/);
  // A view chosen and a scroll position; a marker that a reload would lose.
  await page.getByRole('button', { name: 'All users' }).click();
  await expect(page.getByRole('button', { name: 'All users' })).toHaveAttribute('aria-pressed', 'true');
  await page.evaluate(() => {
    (window as unknown as { __noReload: boolean }).__noReload = true;
    window.scrollTo(0, 150);
  });
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.screenshot({ path: 'test-results/screens/live-run.png', fullPage: true });
  await expect(badge(page)).toHaveAttribute('data-value', /^(completed|completedWithErrors|failed)$/, { timeout: 40_000 });
  await expect(page.getByText('3 of 3 users')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  await expect(page.getByRole('button', { name: 'All users' })).toHaveAttribute('aria-pressed', 'true');
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(5);
  expect(page.url()).toContain(run);
  // Ended: the live line goes and nothing more is asked.
  await expect(live).toHaveCount(0);
  expect(await requestsDuring(page, 8000)).toEqual([]);
  const final = await graphGet(`${LCW}/workflows/${WF}/runs/${run}`);
  expect(await badge(page).getAttribute('data-value')).toBe(final.processingStatus);
  expect(panics(watcher.problems)).toEqual([]);
});

test('the refresh pauses while the tab is hidden; Cancel stops the run', async ({ page }) => {
  await liveStep(60_000); // stays queued for the whole test
  await startRun(page, 1);
  const live = page.getByRole('status', { name: 'Live refresh' });
  await expect(live).toBeVisible();
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(live).toContainText('paused while the tab is hidden', { timeout: 20_000 });
  expect(await requestsDuring(page, 8000)).toEqual([]);
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(live).toContainText(/Live · updated \d+ s ago/, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Cancel run' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this run?' });
  await expect(dialog).toContainText(`${WF_NAME} · Run of `);
  // A slow answer, a double click and Enter held down: one request.
  await addFaults([{ path: `${LCW}/workflows/*/cancelProcessing`, method: 'POST', delay_ms: 2000 }]);
  await clearRequestLog();
  await dialog.getByRole('button', { name: 'Cancel the run' }).dblclick();
  for (let i = 0; i < 5; i++) await page.keyboard.press('Enter');
  await expect(dialog.getByRole('button', { name: 'Sending…' })).toBeDisabled();
  await expect(dialog).toHaveCount(0);
  await expect(badge(page)).toHaveAttribute('data-value', 'canceled');
  await expect(live).toHaveCount(0);
  const cancels = (await requestLog()).filter((r) => /^POST .*\/cancelProcessing$/.test(r));
  expect(cancels).toEqual([`POST ${LCW}/workflows/${WF}/cancelProcessing`]);
});

test('Reprocess runs the failed users again and the runs link both ways', async ({ page }) => {
  const runs = (await graphGet(`${LCW}/workflows/${WF}/runs?$top=999`)).value as {
    id: string;
    processingStatus: string;
    failedUsersCount: number;
  }[];
  // One no earlier test reprocessed (the spec can run again on the same emulator).
  let old: (typeof runs)[number] | undefined;
  for (const r of runs.filter((r) => r.processingStatus === 'completedWithErrors' && r.failedUsersCount > 0)) {
    const later = (await graphGet(`${LCW}/workflows/${WF}/runs/${r.id}/reprocessedRuns`)).value as unknown[];
    if (later.length === 0) {
      old = r;
      break;
    }
  }
  expect(old, 'a run with failed users, not reprocessed yet').toBeTruthy();
  await liveStep(200);
  await signIn(page, `./workflows/${WF}/runs/${old!.id}`);
  await page.getByRole('button', { name: 'Reprocess' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reprocess this run?' });
  await expect(dialog).toContainText(`${WF_NAME} · Run of `);
  await expect(dialog.getByRole('radio', { name: 'Failed users only' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Failed tasks only' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Reprocess' }).click();
  await expect(page).not.toHaveURL(new RegExp(`${old!.id}$`), { timeout: 20_000 });
  const fresh = page.url().split('/').pop()!;
  const created = await graphGet(`${LCW}/workflows/${WF}/runs/${fresh}`);
  expect(created.totalUsersCount).toBe(old!.failedUsersCount);
  await expect(page.getByText(/Reprocesses run .* \(failed users, failed tasks\)/)).toBeVisible();
  await page.getByRole('link', { name: `run ${old!.id}` }).click();
  await expect(page).toHaveURL(new RegExp(`${old!.id}$`));
  await expect(page.getByRole('list', { name: 'Reprocessing runs' }).getByRole('link')).toHaveCount(1);
  await page.getByRole('list', { name: 'Reprocessing runs' }).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`${fresh}$`));
});

test('the runs list refreshes its running rows in place; with none running it sends nothing', async ({ page }) => {
  await liveStep(1500);
  const run = await startRun(page, 1);
  // On-demand runs only: the demo's scheduled run that never ends stays out.
  await page.goto(`./workflows/${WF}/runs?exec=onDemand`);
  const live = page.getByRole('status', { name: 'Live refresh' });
  await expect(live).toContainText(/Live · updated \d+ s ago/);
  const status = page.locator(`tr:has(a[href$="/runs/${run}"]) [data-value]`).first();
  await expect(status).toHaveAttribute('data-value', /queued|inProgress/);
  await page.evaluate(() => {
    (window as unknown as { __noReload: boolean }).__noReload = true;
  });
  // Every on-demand run ends: the row changes in place and the loop stops.
  await expect(live).toHaveCount(0, { timeout: 90_000 });
  const final = (await graphGet(`${LCW}/workflows/${WF}/runs/${run}`)).processingStatus;
  await expect(status).toHaveAttribute('data-value', final);
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  expect(await requestsDuring(page, 8000)).toEqual([]);
});

/** Cancels `run` of WF through Graph (so no queued run outlives its test). */
async function cancelByApi(run: string): Promise<void> {
  const token = await emulatorToken({ scp: WRITER });
  const response = await fetch(`${EMULATOR_URL}${LCW}/workflows/${WF}/cancelProcessing`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ scope: { '@odata.type': '#microsoft.graph.identityGovernance.cancelRunsScope', runs: [{ id: run }] } }),
  });
  expect(response.status).toBe(204);
}

/** A run of WF started for one user through Graph (not the viewer), left queued. */
async function queuedRun(): Promise<string> {
  await liveStep(600_000);
  const token = await emulatorToken({ scp: WRITER });
  const auth = { authorization: `Bearer ${token}` };
  const before = new Set(((await graphGet(`${LCW}/workflows/${WF}/runs?$top=999`)).value as { id: string }[]).map((r) => r.id));
  const user = (await graphGet('/v1.0/users?$top=1&$select=id')).value[0].id as string;
  const started = await fetch(`${EMULATOR_URL}${LCW}/workflows/${WF}/activate`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ subjects: [{ id: user }] }),
  });
  expect(started.status).toBe(204);
  const after = (await graphGet(`${LCW}/workflows/${WF}/runs?$top=999`)).value as { id: string }[];
  const run = after.find((r) => !before.has(r.id));
  expect(run, 'the started run').toBeTruthy();
  return run!.id;
}

test('a read-only token sees Cancel and Reprocess disabled with the permission and role they need', async ({ page }) => {
  const running = await queuedRun();
  const runs = (await graphGet(`${LCW}/workflows/${WF}/runs?$top=999`)).value as {
    id: string;
    processingStatus: string;
    failedUsersCount: number;
  }[];
  const failed = runs.find((r) => r.processingStatus === 'completedWithErrors' && r.failedUsersCount > 0);
  expect(failed, 'a run with failed users').toBeTruthy();
  await signIn(page, `./workflows/${WF}/runs/${running}`, 'LifecycleWorkflows.Read.All User.ReadBasic.All');
  const actions = page.getByRole('group', { name: 'Run actions' });
  const cancel = actions.getByRole('button', { name: 'Cancel run' });
  await expect(cancel).toBeDisabled();
  await expect(cancel).toHaveAttribute('title', /LifecycleWorkflows-Workflow\.ReadWrite\.All.*Lifecycle Workflows Administrator/);
  await expect(actions).toContainText('Your token lacks the permission. Needs the LifecycleWorkflows-Workflow.ReadWrite.All permission');
  await page.goto(`./workflows/${WF}/runs/${failed!.id}`);
  const reprocess = actions.getByRole('button', { name: 'Reprocess' });
  await expect(reprocess).toBeDisabled();
  await expect(reprocess).toHaveAttribute('title', /LifecycleWorkflows-Workflow\.Activate.*Lifecycle Workflows Administrator/);
  await expect(actions).toContainText('Your token lacks the permission. Needs the LifecycleWorkflows-Workflow.Activate permission');
  // Activate is enough to reprocess but not to cancel.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, `./workflows/${WF}/runs/${running}`, 'LifecycleWorkflows-Workflow.Activate LifecycleWorkflows.Read.All User.ReadBasic.All');
  await expect(actions.getByRole('button', { name: 'Cancel run' })).toBeDisabled();
  await page.goto(`./workflows/${WF}/runs/${failed!.id}`);
  await expect(actions.getByRole('button', { name: 'Reprocess' })).toBeEnabled();
  await cancelByApi(running);
});

test('live refresh keeps the status filter, sort, search, the table scroll and focus of a 10-user run', async ({ page }) => {
  test.setTimeout(120_000);
  const watcher = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 480 });
  await liveStep(6000);
  const run = await startRun(page, 10);
  const live = page.getByRole('status', { name: 'Live refresh' });
  await expect(live).toContainText(/Live · updated \d+ s ago/);
  const table = page.getByRole('region', { name: 'User processing results' });
  await page.getByRole('button', { name: 'All users' }).click();
  // A filter in force that keeps every user of a live run (none is canceled).
  for (const s of ['Queued', 'In progress', 'Completed', 'Completed with errors', 'Failed']) {
    await page.getByRole('checkbox', { name: s, exact: true }).check();
  }
  const userHeader = table.getByRole('columnheader', { name: 'User' });
  await userHeader.getByRole('button').click();
  if ((await userHeader.getAttribute('aria-sort')) !== 'ascending') await userHeader.getByRole('button').click();
  await expect(userHeader).toHaveAttribute('aria-sort', 'ascending');
  // Ids hold hex letters: "a" is a search in force that every row matches.
  await page.getByLabel('Search users').fill('a');
  await expect(page).toHaveURL(/[?&]q=a(&|$)/);
  await expect(page.getByText('10 of 10 users')).toBeVisible();
  const url = page.url();
  const links = table.getByRole('rowheader').getByRole('link');
  // Names, not ids, before the order is noted.
  await expect.poll(async () => (await links.allTextContents()).filter((t) => /^[0-9a-f-]{36}$/.test(t.trim())).length).toBe(0);
  const names = await links.allTextContents();
  expect(names).toHaveLength(10);
  await links.nth(2).focus();
  const focused = await links.nth(2).getAttribute('href');
  // The table is its own scroll region (taller than the 480 px window allows).
  const scroller = table;
  await scroller.evaluate((el) => el.scrollTo(0, 60));
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(60);
  await page.evaluate(() => {
    (window as unknown as { __noReload: boolean }).__noReload = true;
  });
  const kept = async () => {
    expect(page.url()).toBe(url);
    for (const s of ['Queued', 'In progress', 'Completed', 'Completed with errors', 'Failed']) {
      await expect(page.getByRole('checkbox', { name: s, exact: true })).toBeChecked();
    }
    await expect(page.getByRole('checkbox', { name: 'Canceled', exact: true })).not.toBeChecked();
    await expect(userHeader).toHaveAttribute('aria-sort', 'ascending');
    await expect(page.getByLabel('Search users')).toHaveValue('a');
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(60);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(focused);
    expect(await links.allTextContents()).toEqual(names);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  };
  // Two refreshes of the user results while the run goes on.
  await clearRequestLog();
  const results = `GET ${LCW}/workflows/${WF}/runs/${run}/userProcessingResults`;
  await expect
    .poll(async () => (await requestLog()).filter((r) => r === results).length, { timeout: 40_000 })
    .toBeGreaterThanOrEqual(2);
  await expect(badge(page)).toHaveAttribute('data-value', 'inProgress');
  await kept();
  // And once it has ended.
  await expect(badge(page)).toHaveAttribute('data-value', /^(completed|completedWithErrors|failed)$/, { timeout: 40_000 });
  await expect(live).toHaveCount(0);
  await kept();
  expect(panics(watcher.problems)).toEqual([]);
});
