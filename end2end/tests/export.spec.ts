// Export: the CSV and JSON of a filtered, sorted failures view hold every row
// in view, in view order (UTF-8 BOM, RFC 4180, formulas neutralised; JSON of
// Graph's objects), and hostile names survive a CSV round trip.
import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { addFaults, busiestRun, clearFaults, graphGet, openSignedIn, parseCsv } from './support';

test.afterEach(clearFaults);

function lastDays(n: number): string {
  const today = new Date();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - n));
  return `range=custom&from=${day(from)}&to=${day(today)}`;
}

async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path!, 'utf8') };
}

/** The text of column `header` of every row of the failures table, in order. */
async function column(page: Page, header: string): Promise<string[]> {
  const table = page.getByRole('table', { name: 'Failures' });
  const headers = await table.getByRole('columnheader').allInnerTexts();
  const index = headers.findIndex((h) => h.trim().startsWith(header));
  expect(index, `column ${header} in ${headers.join('|')}`).toBeGreaterThanOrEqual(0);
  return table.locator('tbody tr').evaluateAll(
    (trs, i) => trs.map((tr) => (tr.children[i as number]?.textContent ?? '').trim()),
    index,
  );
}

test('CSV and JSON of a filtered, sorted view hold every row in view order', async ({ page }) => {
  await openSignedIn(page, `/failures?${lastDays(90)}&q=mailbox&sort=workflow&dir=asc`);
  const count = page.getByText(/^\d[\d,]* of \d[\d,]* failures$/);
  await expect(page.getByRole('status').filter({ hasText: /^([1-9]\d*) of \1 workflows loaded$/ })).toBeVisible({ timeout: 45_000 });
  const shown = Number(((await count.textContent()) ?? '').split(' of ')[0].replace(/,/g, ''));
  const all = Number(((await count.textContent()) ?? '').split(' of ')[1].replace(/[^0-9]/g, ''));
  expect(shown).toBeGreaterThan(1);
  expect(shown).toBeLessThan(all);
  const workflows = await column(page, 'Workflow');
  const tasks = await column(page, 'Failed task');
  expect(workflows).toEqual([...workflows].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));

  const csv = await download(page, 'Export CSV');
  expect(csv.name).toMatch(/^failures-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.text.charCodeAt(0)).toBe(0xfeff);
  const rows = parseCsv(csv.text.slice(1));
  const headers = (await page.getByRole('table', { name: 'Failures' }).getByRole('columnheader').allInnerTexts()).map((h) => h.split('\n')[0].trim());
  // The shown columns in their order, with what an export always carries (who, where) among them.
  const matches = (csvHeader: string, shownHeader: string) => csvHeader === shownHeader || csvHeader === `${shownHeader} (UTC)`;
  expect(headers.filter((h) => !rows[0].some((c) => matches(c, h))), rows[0].join('|')).toEqual([]);
  const positions = headers.map((h) => rows[0].findIndex((c) => matches(c, h)));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  expect(rows[0].filter((c) => !headers.some((h) => matches(c, h)))).toEqual(['UPN', 'User id', 'Status (Graph value)', 'Workflow id', 'Run id']);
  expect(rows.length - 1).toBe(shown);
  const wfAt = rows[0].indexOf('Workflow');
  const reasonAt = rows[0].indexOf('Reason');
  expect(rows.slice(1).map((r) => r[wfAt])).toEqual(workflows);
  const taskAt = rows[0].indexOf('Failed task');
  expect(rows.slice(1).map((r) => r[taskAt])).toEqual(tasks);
  const reasons = rows.slice(1).map((r) => r[reasonAt]);
  expect(reasons.length).toBeGreaterThan(0);
  expect(reasons.filter((r) => !/mailbox/i.test(r))).toEqual([]);
  const timeAt = rows[0].indexOf('Failed at (UTC)');
  expect(rows.slice(1).map((r) => r[timeAt]).filter((t) => !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(t))).toEqual([]);

  const json = await download(page, 'Export JSON');
  expect(json.name).toMatch(/^failures-.*\.json$/);
  const objects = JSON.parse(json.text) as any[];
  expect(objects.length).toBe(shown);
  expect(objects.map((o) => o.workflowName)).toEqual(workflows);
  expect(objects.map((o) => o.taskResult?.failureReason ?? '')).toEqual(reasons);
  expect(objects.map((o) => o.taskResult?.task?.displayName ?? '')).toEqual(tasks);
  expect(objects.filter((o) => !(typeof o.userResult.id === 'string' && o.userResult.processingStatus))).toEqual([]);
});

const HOSTILE = '=HYPERLINK("https://evil.example/?q=1","Click, me") "quoted"\nline two \u05e9\u05dc\u05d5\u05dd \u200f🚀';

test('hostile workflow names are neutralised and survive a CSV round trip', async ({ page }) => {
  await addFaults([{ path: '/v1.0/identityGovernance/lifecycleWorkflows/workflows', merge: { displayName: HOSTILE } }]);
  await openSignedIn(page, `/failures?${lastDays(90)}&q=mailbox`);
  await expect(page.getByRole('status').filter({ hasText: /^([1-9]\d*) of \1 workflows loaded$/ })).toBeVisible({ timeout: 45_000 });
  const csv = await download(page, 'Export CSV');
  const rows = parseCsv(csv.text.slice(1));
  const at = rows[0].indexOf('Workflow');
  expect(rows.length).toBeGreaterThan(1);
  for (const r of rows.slice(1)) expect(r[at]).toBe(`'${HOSTILE}`);
  const json = JSON.parse((await download(page, 'Export JSON')).text) as any[];
  expect(json.length).toBeGreaterThan(0);
  expect(json.map((o) => o.workflowName).filter((name) => name !== HOSTILE)).toEqual([]);
});

test('the reason groups export as CSV and JSON, one row per group in table order', async ({ page }) => {
  await openSignedIn(page, `/failures?${lastDays(30)}&view=groups`);
  await expect(page.getByRole('status').filter({ hasText: /^([1-9]\d*) of \1 workflows loaded$/ })).toBeVisible({ timeout: 45_000 });
  const table = page.getByRole('table', { name: 'Failures grouped by reason' });
  const tasks = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => (tr.querySelectorAll('td')[0]?.textContent ?? '').trim()));
  const counts = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => (tr.querySelectorAll('td')[1]?.textContent ?? '').trim()));
  expect(tasks.length).toBeGreaterThan(1);
  const csv = await download(page, 'Export CSV');
  expect(csv.name).toMatch(/^failure-groups-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.text.charCodeAt(0)).toBe(0xfeff);
  const rows = parseCsv(csv.text.slice(1));
  expect(rows[0]).toEqual(['Reason', 'Tasks', 'Failures', 'Users', 'Workflows', 'Workflow names', 'Fails again unchanged', 'Last seen (UTC)', 'Example']);
  expect(rows.slice(1).map((r) => r[1])).toEqual(tasks);
  expect(rows.slice(1).map((r) => r[2])).toEqual(counts);
  expect(rows.slice(1).map((r) => r[7]).filter((t) => !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(t))).toEqual([]);
  const json = JSON.parse((await download(page, 'Export JSON')).text) as any[];
  expect(json.map((g) => g.tasks.join(', '))).toEqual(tasks);
  expect(json.map((g) => String(g.failures))).toEqual(counts);
  expect(json.filter((g) => !(typeof g.pattern === 'string' && typeof g.example === 'string' && g.members === undefined))).toEqual([]);
});

test('a run\'s task reports and a user\'s tasks export too, named by workflow, run and user', async ({ page }) => {
  const target = await busiestRun();
  const workflow = await graphGet(`/v1.0/identityGovernance/lifecycleWorkflows/workflows/${target.wf}`);
  const stem = String(workflow.displayName).replace(/[^A-Za-z0-9_-]/g, '-');
  const reports = ((await graphGet(`/v1.0/identityGovernance/lifecycleWorkflows/workflows/${target.wf}/taskReports?$top=999`)).value as any[])
    .filter((r) => r.runId === target.run);
  expect(reports.length).toBeGreaterThan(0);
  await openSignedIn(page, `./workflows/${target.wf}/runs/${target.run}?tab=tasks`);
  const table = page.getByRole('table', { name: 'Task reports of the run' });
  await expect(table.getByRole('rowheader').first()).toBeVisible();
  const tasks = (await table.getByRole('rowheader').allInnerTexts()).map((t) => t.trim());
  const csv = await download(page, 'Export CSV');
  expect(csv.name).toMatch(new RegExp(`^${stem}-run-\\d{4}-\\d{2}-\\d{2}-\\d{4}-([A-Z]{2,6}|UTC[+-]\\d{4})-task-reports\\.csv$`));
  const rows = parseCsv(csv.text.slice(1));
  expect(rows[0][0]).toBe('Task');
  expect(rows.slice(1).map((r) => r[0])).toEqual(tasks);
  const json = JSON.parse((await download(page, 'Export JSON')).text) as any[];
  expect(json.map((o) => o.id).sort()).toEqual(reports.map((r) => r.id).sort());

  // One user's tasks, from the users tab.
  await page.getByRole('navigation', { name: 'Run details' }).getByRole('link', { name: 'Users' }).click();
  const user = page.getByRole('region', { name: 'User processing results' }).getByRole('rowheader').getByRole('link').first();
  await user.click();
  await expect(page.getByRole('heading', { name: 'Tasks in execution order' })).toBeVisible();
  const taskCsv = await download(page, 'Export CSV');
  expect(taskCsv.name).toMatch(new RegExp(`^${stem}-run-\\d{4}-\\d{2}-\\d{2}-\\d{4}-([A-Z]{2,6}|UTC[+-]\\d{4})-.+-tasks\\.csv$`));
  const taskRows = parseCsv(taskCsv.text.slice(1));
  const items = await page.locator('ol.task-list > li').count();
  expect(taskRows.length - 1).toBe(items);
  const taskJson = JSON.parse((await download(page, 'Export JSON')).text) as any[];
  expect(taskJson.length).toBe(items);
  expect(taskJson.length).toBeGreaterThan(0);
  expect(taskJson.filter((t) => !(typeof t.id === 'string' && t.processingStatus))).toEqual([]);
});
