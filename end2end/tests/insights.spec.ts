// Insights: the cards, the category split and the top lists equal what
// graph-emulator's insights functions answer for the same period; a token the
// functions refuse (403, as a Global Reader gets) still sees every figure,
// computed from the runs, with the source named on each panel.
import { test, expect, type Page } from '@playwright/test';
import { addFaults, clearFaults, graphGet, openSignedIn, panics, watchConsole } from './support';

const LCW = '/v1.0/identityGovernance/lifecycleWorkflows';

test.afterEach(clearFaults);

/** The last 30 whole UTC days up to today, as the page's custom range and Graph's parameters. */
function period(): { query: string; params: string } {
  const today = new Date();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 30));
  const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1));
  return {
    query: `range=custom&from=${day(from)}&to=${day(today)}`,
    params: `(startDateTime=${day(from)}T00:00:00Z,endDateTime=${day(end)}T00:00:00Z)`,
  };
}

async function expected(params: string) {
  const [summary, byCategory, topWorkflows, topTasks] = await Promise.all([
    graphGet(`${LCW}/insights/workflowsProcessedSummary${params}`),
    graphGet(`${LCW}/insights/workflowsProcessedByCategory${params}`),
    graphGet(`${LCW}/insights/topWorkflowsProcessedSummary${params}`),
    graphGet(`${LCW}/insights/topTasksProcessedSummary${params}`),
  ]);
  return { summary, byCategory, topWorkflows: topWorkflows.value, topTasks: topTasks.value };
}

/** The number on a card, found by its group's and its own label. */
async function card(page: Page, group: string, label: string): Promise<number> {
  const item = page
    .getByRole('list', { name: group })
    .getByRole('listitem')
    .filter({ has: page.getByText(label, { exact: true }) });
  const text = (await item.locator('.card-value').textContent()) ?? '';
  return Number(text.replace(/[^0-9]/g, ''));
}

async function expectFigures(page: Page, want: Awaited<ReturnType<typeof expected>>) {
  const s = want.summary;
  await expect(page.getByRole('list', { name: 'Runs processed' })).toBeVisible({ timeout: 30_000 });
  const cards: [string, string, number][] = [
    ['Runs processed', 'Runs', s.totalRuns],
    ['Runs processed', 'Successful runs', s.successfulRuns],
    ['Runs processed', 'Failed runs', s.failedRuns],
    ['Users processed', 'Users', s.totalUsers],
    ['Users processed', 'Successful users', s.successfulUsers],
    ['Users processed', 'Failed users', s.failedUsers],
    ['Tasks processed', 'Tasks', s.totalTasks],
    ['Tasks processed', 'Successful tasks', s.successfulTasks],
    ['Tasks processed', 'Failed tasks', s.failedTasks],
  ];
  for (const [group, label, value] of cards) {
    expect(await card(page, group, label), `${group} / ${label}`).toBe(value);
  }
  expect(s.totalRuns).toBeGreaterThan(0);
  expect(s.failedUsers).toBeGreaterThan(0);

  const categories = page.getByRole('table', { name: 'Runs by workflow category' });
  for (const [name, key] of [['Joiner', 'Joiner'], ['Mover', 'Mover'], ['Leaver', 'Leaver']]) {
    const row = categories.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    const b = want.byCategory;
    await expect(row.getByRole('cell')).toHaveText([
      String(b[`total${key}Runs`]),
      String(b[`successful${key}Runs`]),
      String(b[`failed${key}Runs`]),
    ].map((n) => Number(n).toLocaleString('en-US')));
  }

  const workflows = page.getByRole('table', { name: 'Top failing workflows' });
  await expect(workflows.getByRole('rowheader')).toHaveCount(want.topWorkflows.length);
  const first = want.topWorkflows[0];
  const firstRow = workflows.getByRole('row').nth(1);
  await expect(firstRow.getByRole('rowheader')).toHaveText(first.workflowDisplayName);
  await expect(firstRow.getByRole('cell').nth(1)).toHaveText(String(first.failedRuns));

  const tasks = page.getByRole('table', { name: 'Top failing tasks' });
  await expect(tasks.getByRole('rowheader')).toHaveCount(want.topTasks.length);
  const failedTasks = want.topTasks.reduce((n: number, t: any) => n + t.failedTasks, 0);
  const shown = await tasks.getByRole('row').evaluateAll((rows) =>
    rows.slice(1).reduce((n, r) => n + Number((r.querySelectorAll('td')[0]?.textContent ?? '0').replace(/[^0-9]/g, '')), 0));
  expect(shown).toBe(failedTasks);
}

test('the insights cards, categories and top lists equal the insights functions', async ({ page }) => {
  const watcher = watchConsole(page);
  const p = period();
  const want = await expected(p.params);
  await openSignedIn(page, `/insights?${p.query}`);
  await expect(page.getByRole('heading', { name: 'Insights', level: 1 })).toBeVisible();
  await expectFigures(page, want);
  await expect(page.getByText('Source: Graph insights')).toHaveCount(4);
  expect(panics(watcher.problems)).toEqual([]);
});

test('a token the insights functions refuse gets every figure from the runs, source shown', async ({ page }) => {
  const watcher = watchConsole(page);
  const p = period();
  const want = await expected(p.params);
  await addFaults([{ path: '*/lifecycleWorkflows/insights/*', status: 403 }]);
  await openSignedIn(page, `/insights?${p.query}`);
  await expectFigures(page, want);
  await expect(page.getByText(/Source: computed from the runs of every workflow .*LifecycleWorkflows\.Read\.All/)).toHaveCount(4);
  await expect(page.getByText('Source: Graph insights')).toHaveCount(0);
  expect(panics(watcher.problems)).toEqual([]);
});

test('a top failing workflow\'s failed runs count opens its failed runs of the period', async ({ page }) => {
  const p = period();
  const want = await expected(p.params);
  await openSignedIn(page, `/insights?${p.query}`);
  const first = want.topWorkflows[0];
  await page.getByRole('table', { name: 'Top failing workflows' }).getByRole('link', { name: `${first.failedRuns} failed runs of ${first.workflowDisplayName}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/workflows/${first.workflowId}/runs\\?.*status=failed%2CcompletedWithErrors|/workflows/${first.workflowId}/runs\\?.*status=failed,completedWithErrors`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(first.workflowDisplayName);
  const runs = page.getByRole('table', { name: 'Runs of the workflow' });
  await expect(runs.getByRole('link', { name: /Open run/ })).toHaveCount(first.failedRuns, { timeout: 30_000 });
});

test('the period picker offers the presets and keeps the choice in the URL', async ({ page }) => {
  await openSignedIn(page, '/insights');
  const range = page.getByLabel('Date range');
  await expect(range).toHaveValue('7d');
  await expect(range.locator('option')).toHaveText(['Last 24 hours', 'Last 7 days', 'Last 14 days', 'Last 30 days', 'Last 90 days', 'Custom']);
  await range.selectOption('14d');
  await expect(page).toHaveURL(/range=14d/);
  await expect(page.getByRole('list', { name: 'Runs processed' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Workflows' }).click();
  await expect(page.getByRole('heading', { name: 'Workflows', level: 1 })).toBeVisible();
});

const FAILURE_FILTER = encodeURIComponent("processingStatus eq 'failed' or processingStatus eq 'completedWithErrors' or processingStatus eq 'canceled'");

/** What the failures screen must list for `params`' period: per workflow, its failure rows (one per failed task, one for a result without). */
async function expectedFailures(range: { start: string; end: string }) {
  const workflows = (await graphGet(`${LCW}/workflows?$top=999`)).value as { id: string; displayName: string }[];
  const out: { id: string; name: string; rows: number; reasons: string[] }[] = [];
  for (const wf of workflows) {
    const runs = (await graphGet(`${LCW}/workflows/${wf.id}/runs?$top=999`)).value as any[];
    let rows = 0;
    const reasons: string[] = [];
    for (const run of runs) {
      const at = run.startedDateTime ?? run.scheduledDateTime;
      if (!at || at < range.start || at > range.end) continue;
      const results = (await graphGet(`${LCW}/workflows/${wf.id}/runs/${run.id}/userProcessingResults?$top=999&$filter=${FAILURE_FILTER}&$expand=taskProcessingResults`)).value as any[];
      for (const r of results) {
        const failed = (r.taskProcessingResults ?? []).filter((t: any) => t.processingStatus === 'failed');
        rows += Math.max(1, failed.length);
        reasons.push(...failed.map((t: any) => t.failureReason));
      }
    }
    out.push({ id: wf.id, name: wf.displayName, rows, reasons });
  }
  return out;
}

function rangeOf(p: { params: string }): { start: string; end: string } {
  const m = /startDateTime=([^,]+),endDateTime=([^)]+)/.exec(p.params)!;
  return { start: m[1], end: m[2] };
}

const countLine = (page: Page, n: number) => page.getByText(new RegExp(`^${n.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} failures$`));

test('the failures screen lists exactly the failed results of the period, through a 429 burst', async ({ page }) => {
  const watcher = watchConsole(page);
  const p = period();
  const want = await expectedFailures(rangeOf(p));
  const total = want.reduce((n, w) => n + w.rows, 0);
  expect(total).toBeGreaterThan(0);
  await addFaults([{ path: '*/userProcessingResults', status: 429, retry_after: 1, every: 3, times: 3 }]);
  await openSignedIn(page, `/failures?${p.query}`);
  await expect(page.getByRole('heading', { name: 'Failures', level: 1 })).toBeVisible();
  await expect(countLine(page, total)).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole('table', { name: 'Failures' }).getByRole('row')).toHaveCount(total + 1);
  await expect(page.getByRole('status').filter({ hasText: `${want.length} of ${want.length} workflows loaded` })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(panics(watcher.problems)).toEqual([]);
});

test('a workflow answering 500 is named in a banner and the others keep their rows', async ({ page }) => {
  const watcher = watchConsole(page);
  const p = period();
  const want = await expectedFailures(rangeOf(p));
  const broken = want.find((w) => w.rows > 0)!;
  const kept = want.filter((w) => w !== broken).reduce((n, w) => n + w.rows, 0);
  await addFaults([{ path: `*/workflows/${broken.id}/runs*`, status: 500 }]);
  await openSignedIn(page, `/failures?${p.query}`);
  const banner = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
  await expect(banner).toContainText(broken.name, { timeout: 45_000 });
  await expect(banner).toContainText('1 workflow');
  await expect(countLine(page, kept)).toBeVisible({ timeout: 45_000 });
  // Retry, the workflow answering again, brings every row.
  await clearFaults();
  await banner.getByRole('button', { name: 'Retry' }).click();
  await expect(countLine(page, kept + broken.rows)).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(panics(watcher.problems)).toEqual([]);
});

test('failures grouped by reason count correctly and open their failures', async ({ page }) => {
  const p = period();
  const want = await expectedFailures(rangeOf(p));
  const reasons = want.flatMap((w) => w.reasons);
  await openSignedIn(page, `/failures?${p.query}&view=groups`);
  const groups = page.getByRole('table', { name: 'Failures grouped by reason' });
  await expect(page.getByRole('status').filter({ hasText: `${want.length} of ${want.length} workflows loaded` })).toBeVisible({ timeout: 45_000 });
  const rows = groups.getByRole('row');
  const n = (await rows.count()) - 1;
  expect(n).toBeGreaterThan(0);
  // Fewer groups than distinct reasons: the ids in them vary, the patterns do not.
  expect(n).toBeLessThan(new Set(reasons).size);
  const counts = await rows.evaluateAll((trs) => trs.slice(1).map((tr) => Number((tr.querySelectorAll('td')[1]?.textContent ?? '0').replace(/[^0-9]/g, ''))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(reasons.length);
  // The biggest group opens its failures.
  const first = rows.nth(1);
  const size = counts[0];
  expect(size).toBeGreaterThan(1);
  await first.getByRole('link', { name: /^Show the \d+ failures of / }).click();
  await expect(page).toHaveURL(/gpattern=/);
  await expect(countLine(page, size).or(page.getByText(new RegExp(`^${size} of \\d[\\d,]* failures$`)))).toBeVisible();
  await expect(page.getByRole('table', { name: 'Failures' }).getByRole('row')).toHaveCount(size + 1);
  await expect(page.getByRole('status').filter({ hasText: 'Failures of the group' })).toBeVisible();
});

test('a top failing task opens exactly its failures of the period', async ({ page }) => {
  const p = period();
  const want = await expected(p.params);
  const task = want.topTasks[0];
  expect(task.failedTasks).toBeGreaterThan(0);
  await openSignedIn(page, `/insights?${p.query}`);
  await page.getByRole('table', { name: 'Top failing tasks' }).getByRole('link', { name: task.taskDefinitionDisplayName, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/failures\\?.*range=custom.*&task=${task.taskDefinitionId}`));
  await expect(page.getByRole('heading', { name: 'Failures', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^([1-9]\d*) of \1 workflows loaded$/ })).toBeVisible({ timeout: 45_000 });
  const table = page.getByRole('table', { name: 'Failures' });
  const headers = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.split('\n')[0].trim());
  const at = headers.indexOf('Failed task');
  const tasks = await table.locator('tbody tr').evaluateAll((trs, i) => trs.map((tr) => (tr.children[i as number]?.textContent ?? '').trim()), at);
  expect(tasks.filter((t) => t === task.taskDefinitionDisplayName).length).toBe(task.failedTasks);
  expect(tasks.filter((t) => t !== task.taskDefinitionDisplayName)).toEqual([]);
});
