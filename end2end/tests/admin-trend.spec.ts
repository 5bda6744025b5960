// The admin's path (#23): the runs are above the fold at 1280×800 on every
// list screen (the runs screen's trend chart starts compact), the trend and
// the cards word statuses as the badges do (a canceling run is named
// "canceling", not "Other status"), and cards that add up only with
// statuses they do not show say what the rest is.
import { test, expect, type Page } from '@playwright/test';
import { EMULATOR_URL, emulatorToken, graphGet, openSignedIn, panics, watchConsole } from './support';

const LCW = '/v1.0/identityGovernance/lifecycleWorkflows';

type Run = { id: string; processingStatus: string };
type Wf = { id: string; displayName: string };

/** The workflow with the most runs, and one of its runs with the most users. */
async function busiest(): Promise<{ wf: string; run: string }> {
  const workflows = (await graphGet(`${LCW}/workflows?$top=999`)).value as Wf[];
  let best = { wf: '', run: '', runs: -1 };
  for (const wf of workflows) {
    const runs = (await graphGet(`${LCW}/workflows/${wf.id}/runs?$top=999`)).value as (Run & { totalUsersCount?: number })[];
    if (runs.length > best.runs) {
      const run = [...runs].sort((a, b) => (b.totalUsersCount ?? 0) - (a.totalUsersCount ?? 0))[0];
      best = { wf: wf.id, run: run?.id ?? '', runs: runs.length };
    }
  }
  return best;
}

/** The top of the first body row of the table named `name`, in page pixels. */
async function firstRowTop(page: Page, name: string | RegExp): Promise<number> {
  const row = page.getByRole('table', { name, exact: true }).getByRole('row').nth(1);
  await expect(row).toBeVisible({ timeout: 30_000 });
  const box = await row.boundingBox();
  return box ? box.y : Number.POSITIVE_INFINITY;
}

test('the first table row is above the fold at 1280×800 on every list screen', async ({ page }) => {
  const { problems } = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  const { wf, run } = await busiest();
  const screens: { path: string; table: string | RegExp }[] = [
    { path: '/workflows', table: 'Lifecycle workflows' },
    { path: `/workflows/${wf}/runs`, table: 'Runs of the workflow' },
    { path: `/workflows/${wf}/runs/${run}`, table: 'User processing results' },
    { path: '/failures', table: 'Failures' },
  ];
  const below: string[] = [];
  for (const s of screens) {
    // A fresh sign-in per deep link: the token is kept in memory only.
    await openSignedIn(page, s.path);
    const top = await firstRowTop(page, s.table);
    if (s.path.endsWith('/runs')) await page.screenshot({ path: '/tmp/runs-1280x800.png' });
    if (!(top + 20 <= 800)) below.push(`${s.path}: first row at y=${Math.round(top)}`);
  }
  expect(below).toEqual([]);
  expect(panics(problems)).toEqual([]);
});

test('the compact trend on the runs screen expands and keeps its numbers', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const { wf } = await busiest();
  await openSignedIn(page, `/workflows/${wf}/runs`);
  const trend = page.getByRole('region', { name: /trend/i });
  const expand = trend.getByRole('button', { name: 'Expand chart' });
  await expect(expand).toHaveAttribute('aria-expanded', 'false');
  const plot = trend.getByRole('group', { name: /^Runs per day/ });
  const compact = await plot.boundingBox();
  await expand.click();
  await expect(trend.getByRole('button', { name: 'Expand chart' })).toHaveAttribute('aria-expanded', 'true');
  const full = await plot.boundingBox();
  expect(compact && full && full.height > compact.height * 1.8, `compact ${compact?.height} full ${full?.height}`).toBeTruthy();
  // Every bar is still a labelled button in both forms.
  const bars = trend.getByRole('button', { name: /\d+ runs?/ });
  expect(await bars.count()).toBeGreaterThan(0);
});

test('the insights trend names a canceling run as its badge does', async ({ page }) => {
  // The demo tenant has a canceling run today (asked as the viewer asks,
  // with every enum member).
  const token = await emulatorToken();
  const get = async (path: string) => (await (await fetch(`${EMULATOR_URL}${path}`, {
    headers: { authorization: `Bearer ${token}`, prefer: 'include-unknown-enum-members' },
  })).json()).value;
  const statuses: string[] = [];
  for (const wf of (await get(`${LCW}/workflows?$top=999`)) as Wf[]) {
    statuses.push(...((await get(`${LCW}/workflows/${wf.id}/runs?$top=999`)) as Run[]).map((r) => r.processingStatus));
  }
  expect(statuses).toContain('canceling');
  await openSignedIn(page, '/insights?range=7d');
  const trend = page.getByRole('region', { name: 'Trend' });
  await trend.getByRole('button', { name: 'Show as table' }).click();
  const headers = (await trend.getByRole('table').getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
  const running = headers.filter((h) => /canceling/i.test(h));
  expect(running, `headers: ${headers.join(' | ')}`).toEqual(['In progress, queued or canceling']);
  expect(headers.filter((h) => /^other status$/i.test(h))).toEqual([]);
  // The legend says the same words.
  await expect(trend.getByRole('list', { name: 'Legend' })).toContainText('In progress, queued or canceling');
});

test('insights cards that do not add up say what the rest is', async ({ page }) => {
  await openSignedIn(page, '/insights?range=7d');
  const panel = page.getByRole('region', { name: 'Processed in the period' });
  const groups = [
    { group: 'Runs processed', noun: 'runs', total: 'Runs', ok: 'Successful runs', failed: 'Failed runs' },
    { group: 'Users processed', noun: 'users', total: 'Users', ok: 'Successful users', failed: 'Failed users' },
    { group: 'Tasks processed', noun: 'tasks', total: 'Tasks', ok: 'Successful tasks', failed: 'Failed tasks' },
  ];
  const value = async (group: string, label: string) => {
    const item = panel.getByRole('list', { name: group }).getByRole('listitem')
      .filter({ has: page.getByText(label, { exact: true }) });
    return Number(((await item.locator('.card-value').textContent()) ?? '').replace(/[^0-9]/g, ''));
  };
  await expect(panel.getByRole('list', { name: 'Runs processed' })).toBeVisible({ timeout: 30_000 });
  let withRest = 0;
  const wrong: string[] = [];
  for (const g of groups) {
    const [total, ok, failed] = [await value(g.group, g.total), await value(g.group, g.ok), await value(g.group, g.failed)];
    const rest = total - ok - failed;
    const line = panel.getByText(new RegExp(`^${total.toLocaleString('en-US')} ${g.noun}: `));
    if (rest > 0) {
      withRest += 1;
      const text = (await line.textContent()) ?? '';
      const expected = `${total.toLocaleString('en-US')} ${g.noun}: ${ok.toLocaleString('en-US')} successful, `
        + `${failed.toLocaleString('en-US')} failed, ${rest.toLocaleString('en-US')} `;
      if (!text.startsWith(expected)) wrong.push(`${g.group}: "${text}" does not start with "${expected}"`);
    } else if (await line.count() > 0) {
      wrong.push(`${g.group}: adds up, yet says "${await line.textContent()}"`);
    }
  }
  expect(wrong).toEqual([]);
  // The demo tenant has runs in progress today: at least one group has a rest.
  expect(withRest).toBeGreaterThan(0);
});
