// The admin's path, round three (issue #23, items 1, 10, 11, 12): exports a
// bulk fix can start from (every table of users exports each user's UPN
// and id whatever is shown, Failures also the workflow and run ids, Status
// as the screen shows it beside Graph's value), the reason readable where
// the admin triages at 1280 px, export file names in the zone the screen
// shows, and a first click on a text column that sorts A→Z.
import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { busiestRun, graphGet, openSignedIn, parseCsv } from './support';

const LCW = '/v1.0/identityGovernance/lifecycleWorkflows';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type DirectoryUser = { id: string; displayName: string; userPrincipalName: string };
let directory = new Map<string, DirectoryUser>();
let busiest: { wf: string; run: string; users: number };

test.beforeAll(async () => {
  const users = (await graphGet('/v1.0/users?$top=999')).value as DirectoryUser[];
  directory = new Map(users.map((u) => [u.id, u]));
  busiest = await busiestRun();
});

function lastDays(n: number): string {
  const today = new Date();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - n));
  return `range=custom&from=${day(from)}&to=${day(today)}`;
}

/** Clicks `button` and reads the file it saves: its name and its text. */
async function download(page: Page, button = 'Export CSV'): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

/** A CSV export read as a spreadsheet would: its header and its rows as objects by header. */
function sheet(text: string): { header: string[]; rows: Record<string, string>[] } {
  expect(text.charCodeAt(0), 'a UTF-8 byte order mark').toBe(0xfeff);
  const [header, ...body] = parseCsv(text.slice(1));
  return { header, rows: body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']))) };
}

/** The header texts of `table` (the sort arrow left out). */
async function headers(page: Page, table: string): Promise<string[]> {
  const texts = await page.getByRole('table', { name: table }).getByRole('columnheader').allInnerTexts();
  return texts.map((h) => h.split('\n')[0].replace(/[▲▼↕]/g, '').trim()).filter((h) => h !== '');
}

/** The Columns menu of `table`: opens it and gives the name of every column it offers. */
async function columnChoices(page: Page, table: string): Promise<string[]> {
  await page.getByLabel(`Columns of ${table}`).click();
  const list = page.getByRole('group', { name: 'Shown columns' });
  await expect(list).toBeVisible();
  return (await list.locator('label').allInnerTexts()).map((t) => t.trim());
}

const STATUS_LABELS: Record<string, string> = {
  queued: 'Queued',
  inProgress: 'In progress',
  completed: 'Completed',
  completedWithErrors: 'Completed with errors',
  failed: 'Failed',
  canceled: 'Canceled',
};

/** Every row of a user export: its user id and UPN are the directory's, its status the screen's words beside Graph's value. */
function expectUsersNamed(rows: Record<string, string>[]): void {
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.filter((r) => !UUID.test(r['User id']))).toEqual([]);
  const wrongUpn = rows.filter((r) => r['UPN'] !== '' && r['UPN'] !== directory.get(r['User id'])?.userPrincipalName);
  expect(wrongUpn).toEqual([]);
  const wrongStatus = rows.filter((r) => STATUS_LABELS[r['Status (Graph value)']] !== r['Status']);
  expect(wrongStatus.map((r) => `${r['Status']} / ${r['Status (Graph value)']}`)).toEqual([]);
}

test.describe('item 1: exports that can be acted on', () => {
  test('the Failures CSV tells namesakes apart by UPN and user id and says where each failure is', async ({ page }) => {
    test.setTimeout(120_000);
    await openSignedIn(page, `./failures?${lastDays(90)}`);
    await expect(page.getByRole('status').filter({ hasText: /^([1-9]\d*) of \1 workflows loaded$/ })).toBeVisible({ timeout: 45_000 });
    const choices = await columnChoices(page, 'Failures');
    for (const name of ['UPN', 'User id', 'Workflow id', 'Run id']) expect(choices).toContain(name);
    // Only names show (UPN and ids are hidden by default)...
    const shown = await headers(page, 'Failures');
    expect(shown).not.toContain('UPN');
    expect(shown).not.toContain('User id');
    // ...and once the names have arrived, the export still carries who and where.
    const table = page.getByRole('table', { name: 'Failures' });
    await expect
      .poll(async () => (await table.getByRole('rowheader').allInnerTexts()).filter((t) => UUID.test(t.trim())).length, { timeout: 30_000 })
      .toBe(0);
    const csv = sheet((await download(page)).text);
    for (const name of ['User', 'UPN', 'User id', 'Status', 'Status (Graph value)', 'Workflow', 'Workflow id', 'Run id', 'Failed task', 'Reason']) {
      expect(csv.header, csv.header.join('|')).toContain(name);
    }
    expectUsersNamed(csv.rows);
    expect(csv.rows.filter((r) => r['UPN'] === '').map((r) => r['User id'])).toEqual([]);

    // Two people of one name (the demo tenant has several pairs, "Miriam Cane" among
    // them) are two users in the file.
    const idsByName = new Map<string, Set<string>>();
    for (const r of csv.rows) idsByName.set(r['User'], (idsByName.get(r['User']) ?? new Set()).add(r['User id']));
    const namesakes = [...idsByName].filter(([, ids]) => ids.size > 1);
    expect(namesakes.length, 'failures of two users of one name in 90 days').toBeGreaterThan(0);
    for (const [name, ids] of namesakes) {
      const upns = new Set(csv.rows.filter((r) => r['User'] === name).map((r) => r['UPN']));
      expect(upns.size, `${name}: one UPN per user`).toBe(ids.size);
      for (const id of ids) expect(directory.get(id)?.displayName).toBe(name);
    }

    // Where: the workflow and run ids are Graph's, the run one of the workflow's.
    const workflows = (await graphGet(`${LCW}/workflows?$top=999`)).value as { id: string; displayName: string }[];
    const workflowName = new Map(workflows.map((w) => [w.id, w.displayName]));
    expect(csv.rows.filter((r) => workflowName.get(r['Workflow id']) !== r['Workflow']).map((r) => r['Workflow id'])).toEqual([]);
    const sample = csv.rows.find((r) => UUID.test(r['Run id']))!;
    const run = await graphGet(`${LCW}/workflows/${sample['Workflow id']}/runs/${sample['Run id']}`);
    expect(run.id).toBe(sample['Run id']);

    // The JSON carries the same users, the subject named.
    const json = JSON.parse((await download(page, 'Export JSON')).text) as any[];
    expect(json.map((o) => o.userResult.subject.id)).toEqual(csv.rows.map((r) => r['User id']));
    expect(json.map((o) => o.userResult.subject.userPrincipalName ?? '')).toEqual(csv.rows.map((r) => r['UPN']));
    expect(json.map((o) => `${o.workflowId} ${o.runId}`)).toEqual(csv.rows.map((r) => `${r['Workflow id']} ${r['Run id']}`));
  });

  test('a reason group\'s failures export their users\' UPN and id too', async ({ page }) => {
    await openSignedIn(page, `./failures?${lastDays(30)}&view=groups`);
    await expect(page.getByRole('status').filter({ hasText: /^([1-9]\d*) of \1 workflows loaded$/ })).toBeVisible({ timeout: 45_000 });
    await page.getByRole('table', { name: 'Failures grouped by reason' }).getByRole('button', { name: /^Show the \d+ failures of / }).first().click();
    await expect(page.getByText(/^Failures of the group /)).toBeVisible();
    const csv = sheet((await download(page)).text);
    expect(csv.header).toEqual(expect.arrayContaining(['UPN', 'User id', 'Workflow id', 'Run id', 'Status (Graph value)']));
    expectUsersNamed(csv.rows);
  });

  test('a run\'s users and a task report\'s users export UPN and user id whatever the columns shown', async ({ page }) => {
    await openSignedIn(page, `./workflows/${busiest.wf}/runs/${busiest.run}`);
    const region = page.getByRole('region', { name: 'User processing results' });
    await expect(page.getByText(`${busiest.users} of ${busiest.users} users`, { exact: true })).toBeVisible({ timeout: 30_000 });
    const choices = await columnChoices(page, 'User processing results');
    expect(choices).toEqual(expect.arrayContaining(['UPN', 'User id']));
    await page.getByLabel('Columns of User processing results').click();
    expect(await headers(page, 'User processing results')).not.toContain('User id');
    const first = region.getByRole('rowheader').getByRole('link').first();
    await expect(first).not.toHaveText(UUID, { timeout: 15_000 });
    const firstName = ((await first.textContent()) ?? '').trim();
    const csv = sheet((await download(page)).text);
    expect(csv.header.slice(0, 5)).toEqual(['User', 'UPN', 'User id', 'Status', 'Status (Graph value)']);
    expectUsersNamed(csv.rows);
    const graph = (await graphGet(`${LCW}/workflows/${busiest.wf}/runs/${busiest.run}/userProcessingResults?$top=999`)).value as any[];
    expect(csv.rows.map((r) => r['User id']).sort()).toEqual(graph.map((u) => u.subject.id).sort());
    const named = csv.rows.find((r) => r['User'] === firstName);
    expect(named?.['UPN'], 'the first row shown has its UPN').toBe(directory.get(named!['User id'])?.userPrincipalName);
    const json = JSON.parse((await download(page, 'Export JSON')).text) as any[];
    const jsonNamed = json.find((o) => o.subject.id === named!['User id']);
    expect(jsonNamed.subject.userPrincipalName).toBe(named!['UPN']);

    // The users of one task, opened from the task reports.
    const reports = ((await graphGet(`${LCW}/workflows/${busiest.wf}/taskReports?$top=999`)).value as any[]).filter(
      (r) => r.runId === busiest.run && r.failedUsersCount > 0,
    );
    expect(reports.length).toBeGreaterThan(0);
    await page.getByRole('navigation', { name: 'Run details' }).getByRole('link', { name: 'Task reports' }).click();
    await page.getByRole('link', { name: `Users of task ${reports[0].task.displayName}` }).click();
    await expect(page).toHaveURL(/task=/);
    const taskCsv = sheet((await download(page)).text);
    expect(taskCsv.header).toEqual(expect.arrayContaining(['UPN', 'User id', 'Status (Graph value)']));
    expectUsersNamed(taskCsv.rows);
  });
});

test.describe('item 12: a first click on a header', () => {
  test('sorts a text column A→Z, a count or a time largest and newest first', async ({ page }) => {
    await openSignedIn(page, `./failures?${lastDays(30)}`);
    await expect(page.getByRole('status').filter({ hasText: /^([1-9]\d*) of \1 workflows loaded$/ })).toBeVisible({ timeout: 45_000 });
    const table = page.getByRole('table', { name: 'Failures' });
    const header = (name: string) => table.getByRole('columnheader', { name, exact: true });
    const firstClick = async (name: string, expected: 'ascending' | 'descending') => {
      await header(name).getByRole('button').click();
      await expect(header(name), `${name} after one click`).toHaveAttribute('aria-sort', expected);
    };
    await firstClick('Workflow', 'ascending');
    await expect(page).toHaveURL(/sort=workflow&dir=asc/);
    const workflows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => (tr.children[2]?.textContent ?? '').trim()),
    );
    expect(workflows.length).toBeGreaterThan(1);
    expect(workflows).toEqual([...workflows].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    // A second click turns it round.
    await header('Workflow').getByRole('button').click();
    await expect(header('Workflow')).toHaveAttribute('aria-sort', 'descending');
    await firstClick('Failed task', 'ascending');
    await firstClick('Reason', 'ascending');
    await firstClick('User', 'ascending');
    await firstClick('Failed at', 'descending');
    await firstClick('Status', 'descending');

    await openSignedIn(page, `./workflows/${busiest.wf}/runs/${busiest.run}`);
    const users = page.getByRole('table', { name: 'User processing results' });
    await expect(page.getByText(`${busiest.users} of ${busiest.users} users`, { exact: true })).toBeVisible({ timeout: 30_000 });
    for (const [name, expected] of [['Failed task', 'ascending'], ['Duration', 'descending'], ['User', 'ascending'], ['Started', 'descending']] as const) {
      const h = users.getByRole('columnheader', { name, exact: true });
      await h.getByRole('button').click();
      await expect(h, `${name} after one click`).toHaveAttribute('aria-sort', expected);
    }
  });
});
