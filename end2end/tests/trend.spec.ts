// The trend chart: its table alternative equals the insights cards and the
// emulator's runs day by day; a click (or Enter) on a day opens exactly that
// day's runs, on the insights (a list below the chart, kept in the URL) and
// on a workflow's runs screen (the table's period becomes that day); the
// chart's name states the totals; it fits 1280 px and 420 px.
import { test, expect, type Page, type Locator } from '@playwright/test';
import { addFaults, clearFaults, graphGet, openSignedIn, panics, watchConsole } from './support';

const LCW = '/v1.0/identityGovernance/lifecycleWorkflows';

test.afterEach(clearFaults);

const WD = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MO = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-11-28` as the chart says it: `Sat 28 Nov 2026`. */
function longDay(day: string): string {
  const t = new Date(`${day}T00:00:00Z`);
  return `${WD[t.getUTCDay()]} ${t.getUTCDate()} ${MO[t.getUTCMonth()]} ${t.getUTCFullYear()}`;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The last 30 whole UTC days up to today: the page's query and the range. */
function period() {
  const today = new Date();
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 30));
  const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1));
  return {
    query: `range=custom&from=${iso(from)}&to=${iso(today)}`,
    start: `${iso(from)}T00:00:00Z`,
    end: `${iso(end)}T00:00:00Z`,
    params: `(startDateTime=${iso(from)}T00:00:00Z,endDateTime=${iso(end)}T00:00:00Z)`,
    days: 31,
  };
}

type Run = {
  id: string; processingStatus: string; scheduledDateTime?: string; startedDateTime?: string;
  totalUsersCount?: number; successfulUsersCount?: number; failedUsersCount?: number;
};
type WfRuns = { id: string; name: string; runs: Run[] };

/** Every workflow's runs (all of them; each spec keeps the ones it counts). */
async function allRuns(): Promise<WfRuns[]> {
  const workflows = (await graphGet(`${LCW}/workflows?$top=999`)).value as { id: string; displayName: string }[];
  const out: WfRuns[] = [];
  for (const wf of workflows) {
    const runs = (await graphGet(`${LCW}/workflows/${wf.id}/runs?$top=999`)).value as Run[];
    out.push({ id: wf.id, name: wf.displayName, runs });
  }
  return out;
}

/** Runs per UTC day of `when`, for runs whose `when` is in [start, end] (`inclusive`) or [start, end). */
function perDay(runs: Run[], when: (r: Run) => string | undefined, start: string, end: string, inclusive: boolean) {
  const days = new Map<string, Run[]>();
  for (const r of runs) {
    const at = when(r);
    if (!at) continue;
    const t = new Date(at).getTime();
    const [s, e] = [new Date(start).getTime(), new Date(end).getTime()];
    if (t < s || (inclusive ? t > e : t >= e)) continue;
    const day = new Date(t).toISOString().slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), r]);
  }
  return days;
}

const started = (r: Run) => r.startedDateTime ?? r.scheduledDateTime;
const scheduled = (r: Run) => r.scheduledDateTime;
const num = (s: string | null) => Number((s ?? '').replace(/[^0-9]/g, '') || '0');

/** The number on an insights card. */
async function card(page: Page, group: string, label: string): Promise<number> {
  const item = page.getByRole('list', { name: group }).getByRole('listitem').filter({ has: page.getByText(label, { exact: true }) });
  return num(await item.locator('.card-value').textContent());
}

/** The chart's table as { header: [..], rows: {label, cells}[], totals }. */
async function chartTable(table: Locator) {
  const headers = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    label: (tr.querySelector('th')?.textContent ?? '').trim(),
    cells: Array.from(tr.querySelectorAll('td')).map((td) => Number((td.textContent ?? '').replace(/[^0-9]/g, '') || '0')),
  })));
  const totals = await table.locator('tfoot tr td').evaluateAll((tds) => tds.map((td) => Number((td.textContent ?? '').replace(/[^0-9]/g, '') || '0')));
  const col = (name: string) => headers.indexOf(name) - 1; // the first header is the day's
  const total = (name: string) => (col(name) >= 0 ? totals[col(name)] : 0);
  return { headers, rows, totals, col, total };
}

test('the table alternative equals the insights cards and the emulator, day by day', async ({ page }) => {
  const watcher = watchConsole(page);
  const p = period();
  const summary = await graphGet(`${LCW}/insights/workflowsProcessedSummary${p.params}`);
  const days = perDay((await allRuns()).flatMap((w) => w.runs), started, p.start, p.end, true);
  await openSignedIn(page, `/insights?${p.query}`);
  await expect(page.getByRole('list', { name: 'Runs processed' })).toBeVisible({ timeout: 30_000 });
  const trend = page.getByRole('region', { name: 'Trend' });
  await expect(trend).toBeVisible({ timeout: 30_000 });

  // The chart's name states the totals.
  const name = `^Runs per day \\(UTC\\), .*: ${summary.totalRuns.toLocaleString('en-US')} runs: ${summary.successfulRuns.toLocaleString('en-US')} completed`;
  await expect(trend.getByRole('group', { name: new RegExp(name) })).toBeVisible();

  const toggle = trend.getByRole('button', { name: 'Show as table' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const runsTable = await chartTable(trend.getByRole('table', { name: 'Runs per day (UTC)' }));
  expect(runsTable.rows).toHaveLength(p.days);
  expect(runsTable.totals[runsTable.totals.length - 1]).toBe(await card(page, 'Runs processed', 'Runs'));
  expect(runsTable.total('Completed')).toBe(await card(page, 'Runs processed', 'Successful runs'));
  expect(runsTable.total('Completed with errors') + runsTable.total('Failed')).toBe(await card(page, 'Runs processed', 'Failed runs'));
  expect(runsTable.totals[runsTable.totals.length - 1]).toBe(summary.totalRuns);
  // Day by day, the emulator's runs (started, else scheduled, as the insights count).
  for (const row of runsTable.rows) {
    const day = Array.from(days.keys()).find((d) => row.label === longDay(d));
    const want = day ? days.get(day)!.length : 0;
    expect(row.cells[row.cells.length - 1], row.label).toBe(want);
  }
  expect(runsTable.rows.reduce((n, r) => n + r.cells[r.cells.length - 1], 0)).toBe(summary.totalRuns);

  // Users: the same table, the user cards.
  await trend.getByRole('radio', { name: 'Users' }).check();
  await expect(trend.getByRole('group', { name: /^Users per day \(UTC\)/ })).toBeVisible();
  const usersTable = await chartTable(trend.getByRole('table', { name: 'Users per day (UTC)' }));
  expect(usersTable.totals[usersTable.totals.length - 1]).toBe(await card(page, 'Users processed', 'Users'));
  expect(usersTable.total('Successful')).toBe(await card(page, 'Users processed', 'Successful users'));
  expect(usersTable.total('Failed')).toBe(await card(page, 'Users processed', 'Failed users'));
  expect(panics(watcher.problems)).toEqual([]);
});

test('a click on a day lists exactly its runs below the chart, and the link reopens it', async ({ page }) => {
  const watcher = watchConsole(page);
  const p = period();
  const wfs = await allRuns();
  const days = perDay(wfs.flatMap((w) => w.runs), started, p.start, p.end, true);
  const [day, runs] = Array.from(days.entries()).sort((a, b) => b[1].length - a[1].length)[0];
  expect(runs.length).toBeGreaterThan(0);
  await openSignedIn(page, `/insights?${p.query}`);
  const trend = page.getByRole('region', { name: 'Trend' });
  const bar = trend.getByRole('button', { name: new RegExp(`^${longDay(day)}: ${runs.length} runs?\\b`) });
  await expect(bar).toBeVisible({ timeout: 30_000 });
  await bar.hover();
  await expect(trend.getByText(new RegExp(`^${longDay(day)}: ${runs.length} runs?`))).toBeVisible();
  await bar.click();
  await expect(page).toHaveURL(new RegExp(`[?&]day=${day}`));
  const list = page.getByRole('region', { name: `Runs of ${longDay(day)}` });
  await expect(list.getByRole('link', { name: /^Open run of / })).toHaveCount(runs.length);
  await expect(list.getByRole('table').getByRole('row')).toHaveCount(runs.length + 1);
  // Its times are local: the list says its zone once, like every table.
  await expect(list.getByText(/^Times in .+; point at a time for its UTC value\.$/)).toHaveCount(1);
  await page.screenshot({ path: 'test-results/trend-insights.png', fullPage: true });
  // The chart with its picked day's runs (the README's picture).
  const top = (await trend.boundingBox())!;
  const bottom = (await list.boundingBox())!;
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.screenshot({
    path: 'test-results/trend-chart.png',
    fullPage: true,
    clip: { x: 0, y: top.y + scrolled - 8, width: 1280, height: bottom.y + bottom.height - top.y + 16 },
  });
  // A shared link reopens the same day.
  await page.reload();
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  await expect(page.getByRole('region', { name: `Runs of ${longDay(day)}` }).getByRole('link', { name: /^Open run of / })).toHaveCount(runs.length, { timeout: 30_000 });
  // A run opens its run screen.
  const first = page.getByRole('region', { name: `Runs of ${longDay(day)}` }).getByRole('link', { name: /^Open run of / }).first();
  const href = await first.getAttribute('href');
  expect(href).toMatch(/\/workflows\/[^/]+\/runs\/[^/?]+$/);
  await first.click();
  await expect(page).toHaveURL(new RegExp(`${href!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  // An unknown day is reported like any other link value.
  await openSignedIn(page, `/insights?${p.query}&day=someday`);
  await expect(page.getByText(/day=someday/)).toBeVisible({ timeout: 30_000 });
  expect(panics(watcher.problems)).toEqual([]);
});

test('a workflow whose runs fail is named; the chart keeps the others', async ({ page }) => {
  const watcher = watchConsole(page);
  const p = period();
  const wfs = await allRuns();
  const counted = wfs.map((w) => ({ w, n: Array.from(perDay(w.runs, started, p.start, p.end, true).values()).reduce((a, r) => a + r.length, 0) }));
  const broken = counted.find((c) => c.n > 0)!;
  const kept = counted.filter((c) => c !== broken).reduce((a, c) => a + c.n, 0);
  await addFaults([{ path: `*/workflows/${broken.w.id}/runs*`, status: 500 }]);
  await openSignedIn(page, `/insights?${p.query}`);
  await expect(page.getByRole('alert').filter({ hasText: 'could not be loaded' })).toContainText(broken.w.name, { timeout: 45_000 });
  const trend = page.getByRole('region', { name: 'Trend' });
  await expect(trend.getByRole('group', { name: new RegExp(`^Runs per day \\(UTC\\), .*: ${kept} runs?\\b`) })).toBeVisible();
  // The cards still come from the insights functions.
  await expect(page.getByRole('list', { name: 'Runs processed' })).toBeVisible();
  expect(panics(watcher.problems)).toEqual([]);
});

/** The workflow with the most runs in the period, by schedule (the runs screen's filter). */
async function busiestWorkflow(p: ReturnType<typeof period>) {
  const wfs = await allRuns();
  const scored = wfs.map((w) => ({ w, days: perDay(w.runs, scheduled, p.start, p.end, false) }))
    .map((x) => ({ ...x, n: Array.from(x.days.values()).reduce((a, r) => a + r.length, 0) }))
    .sort((a, b) => b.n - a.n);
  const { w, days, n } = scored[0];
  const [day, runs] = Array.from(days.entries()).sort((a, b) => b[1].length - a[1].length)[0];
  return { wf: w, total: n, day, runs: runs.length };
}

test('on a workflow\'s runs screen a click on a day shows exactly that day\'s runs', async ({ page }) => {
  const watcher = watchConsole(page);
  const p = period();
  const want = await busiestWorkflow(p);
  await openSignedIn(page, `/workflows/${want.wf.id}/runs?${p.query}`);
  const trend = page.getByRole('region', { name: 'Trend' });
  await expect(trend.getByRole('group', { name: new RegExp(`^Runs per day \\(UTC\\), .*: ${want.total} runs?\\b`) })).toBeVisible({ timeout: 30_000 });
  // The table alternative equals the table's count.
  await trend.getByRole('button', { name: 'Show as table' }).click();
  const table = await chartTable(trend.getByRole('table', { name: 'Runs per day (UTC)' }));
  expect(table.totals[table.totals.length - 1]).toBe(want.total);
  await expect(page.getByText(`${want.total} of ${want.total} runs`)).toBeVisible();
  await page.screenshot({ path: 'test-results/trend-runs.png', fullPage: true });
  await trend.getByRole('button', { name: new RegExp(`^${longDay(want.day)}: ${want.runs} runs?\\b`) }).click();
  await expect(page).toHaveURL(new RegExp(`range=custom`));
  await expect(page).toHaveURL(new RegExp(`from=${want.day}`));
  await expect(page).toHaveURL(new RegExp(`to=${want.day}`));
  await expect(page.getByText(`${want.runs} of ${want.runs} runs`)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('table', { name: 'Runs of the workflow' }).getByRole('link', { name: /Open run/ })).toHaveCount(want.runs);
  // One day: the chart goes down to hours, with the same total.
  await expect(trend.getByRole('group', { name: new RegExp(`^Runs per hour \\(UTC\\), .*: ${want.runs} runs?\\b`) })).toBeVisible();
  await trend.screenshot({ path: 'test-results/trend-runs-hours.png' });
  // An hour opens that hour: a window of UTC times that round-trips.
  const hourBar = trend.getByRole('button', { name: /UTC: [1-9]\d* runs?\b/ }).first();
  const hourName = (await hourBar.getAttribute('aria-label')) ?? '';
  const inHour = Number(/UTC: (\d+) run/.exec(hourName)![1]);
  await hourBar.click();
  await expect(page).toHaveURL(/from=\d{4}-\d\d-\d\dT\d\d(%3A|:)00(%3A|:)00Z/);
  await expect(page.getByText(`${inHour} of ${inHour} runs`)).toBeVisible({ timeout: 30_000 });
  await page.reload();
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  await expect(page.getByText(`${inHour} of ${inHour} runs`)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/^Scheduled from .+ to .+, times in .+\.$/)).toBeVisible();
  expect(panics(watcher.problems)).toEqual([]);
});

test('keyboard: Tab reaches a bar, its numbers show, arrows move, Enter opens', async ({ page }) => {
  const p = period();
  const want = await busiestWorkflow(p);
  await openSignedIn(page, `/workflows/${want.wf.id}/runs?${p.query}`);
  const trend = page.getByRole('region', { name: 'Trend' });
  const toggle = trend.getByRole('button', { name: 'Show as table' });
  await expect(toggle).toBeVisible({ timeout: 30_000 });
  await toggle.focus();
  await page.keyboard.press('Tab');
  // The one Tab stop is the last day (today); its numbers show in the readout.
  const today = iso(new Date());
  const focused = page.locator(':focus');
  await expect(focused).toHaveAttribute('role', 'button');
  await expect(focused).toHaveAttribute('aria-label', new RegExp(`^${longDay(today)}: `));
  await expect(trend.getByText(new RegExp(`^${longDay(today)}: \\d+ runs?`))).toBeVisible();
  // Left arrows to the busiest day, then Enter.
  const steps = Math.round((new Date(`${today}T00:00:00Z`).getTime() - new Date(`${want.day}T00:00:00Z`).getTime()) / 86_400_000);
  for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowLeft');
  await expect(focused).toHaveAttribute('aria-label', new RegExp(`^${longDay(want.day)}: ${want.runs} runs?\\b`));
  await expect(trend.getByText(new RegExp(`^${longDay(want.day)}: ${want.runs} runs?`))).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`from=${want.day}&.*to=${want.day}|from=${want.day}.*to=${want.day}`));
  await expect(page.getByText(`${want.runs} of ${want.runs} runs`)).toBeVisible({ timeout: 30_000 });
});

test('the chart fits 1280 px and 420 px without horizontal scrolling', async ({ page }) => {
  const p = period();
  await page.setViewportSize({ width: 1280, height: 900 });
  await openSignedIn(page, `/insights?${p.query}`);
  const trend = page.getByRole('region', { name: 'Trend' });
  await expect(trend.getByRole('group', { name: /^Runs per day/ })).toBeVisible({ timeout: 30_000 });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 420, height: 900 });
  const svg = trend.getByRole('group', { name: /^Runs per day/ });
  const box = await svg.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(420);
  await trend.screenshot({ path: 'test-results/trend-narrow.png' });
  // The dark scheme: the same chart from the scheme's variables.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await trend.screenshot({ path: 'test-results/trend-dark.png' });
});
