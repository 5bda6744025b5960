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
    await page.getByRole('table', { name: 'Failures grouped by reason' }).getByRole('link', { name: /^Show the \d+ failures of / }).first().click();
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
    await expect(page).toHaveURL(/[?&]sort=workflow(&|$)/);
    await expect(page).toHaveURL(/[?&]dir=asc(&|$)/);
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

/** A run of the demo tenant with failed users whose reasons are long. */
async function runWithLongReasons(): Promise<{ wf: string; run: string }> {
  const workflows = (await graphGet(`${LCW}/workflows?$top=999`)).value as { id: string }[];
  for (const wf of workflows) {
    const runs = (await graphGet(`${LCW}/workflows/${wf.id}/runs?$top=999`)).value as { id: string; failedUsersCount?: number }[];
    for (const run of runs.filter((r) => (r.failedUsersCount ?? 0) >= 3)) {
      const results = (await graphGet(`${LCW}/workflows/${wf.id}/runs/${run.id}/userProcessingResults?$top=999&$expand=taskProcessingResults`)).value as any[];
      const reasons = results.flatMap((u) => (u.taskProcessingResults ?? []).map((t: any) => t.failureReason ?? ''));
      if (reasons.some((r: string) => r.length > 90)) return { wf: wf.id, run: run.id };
    }
  }
  throw new Error('no run with a long failure reason');
}

/** Widths of `table`'s shown columns by header, and the table's own width. */
async function columnWidths(page: Page, table: string): Promise<{ table: number; columns: Record<string, number> }> {
  return page.getByRole('table', { name: table }).evaluate((t) => {
    const columns: Record<string, number> = {};
    for (const th of Array.from(t.querySelectorAll('thead th'))) {
      const name = (th.textContent ?? '').replace(/[▲▼↕]/g, '').trim();
      if (name) columns[name] = th.getBoundingClientRect().width;
    }
    return { table: t.getBoundingClientRect().width, columns };
  });
}

/** How many lines the longest reason shown takes, how many characters it holds, and its row's height. */
async function longestReason(page: Page, table: string): Promise<{ lines: number; chars: number; rowHeight: number }> {
  return page.getByRole('table', { name: table }).evaluate((t) => {
    const cells = Array.from(t.querySelectorAll('td.col-long .cell-main')) as HTMLElement[];
    const longest = cells.sort((a, b) => (b.textContent ?? '').length - (a.textContent ?? '').length)[0];
    const lineHeight = parseFloat(getComputedStyle(longest).lineHeight);
    return {
      lines: Math.round(longest.getBoundingClientRect().height / lineHeight),
      chars: (longest.textContent ?? '').length,
      rowHeight: longest.closest('tr')!.getBoundingClientRect().height,
    };
  });
}

test.describe('item 10: the reason is readable where the admin triages', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('at 1280 px the run\'s users show the reason on two lines, Completed folded while Duration shows', async ({ page }) => {
    const target = await runWithLongReasons();
    await openSignedIn(page, `./workflows/${target.wf}/runs/${target.run}?view=failures`);
    const region = page.getByRole('region', { name: 'User processing results' });
    await expect(region.locator('td.col-long .cell-main').first()).toBeVisible({ timeout: 30_000 });
    await expect(region.getByRole('rowheader').getByRole('link').first()).not.toHaveText(UUID, { timeout: 15_000 });
    await page.screenshot({ path: '/tmp/admin-exports-run-users-1280.png' });
    const shown = await headers(page, 'User processing results');
    expect(shown).toEqual(expect.arrayContaining(['Started', 'Duration', 'Reason']));
    expect(shown).not.toContain('Completed');
    // Folded, not gone: the Columns menu brings it back.
    await page.getByLabel('Columns of User processing results').click();
    const menu = page.getByRole('group', { name: 'Shown columns' });
    await expect(menu.getByRole('checkbox', { name: 'Completed', exact: true })).not.toBeChecked();
    await expect(menu.getByRole('checkbox', { name: 'Duration', exact: true })).toBeChecked();
    await page.getByLabel('Columns of User processing results').click();

    const widths = await columnWidths(page, 'User processing results');
    const times = widths.columns['Started'] + widths.columns['Duration'];
    expect(widths.columns['Reason'], JSON.stringify(widths)).toBeGreaterThan(times);
    expect(widths.columns['Reason'] / widths.table, JSON.stringify(widths)).toBeGreaterThan(0.25);
    const reason = await longestReason(page, 'User processing results');
    expect(reason.lines, JSON.stringify(reason)).toBe(2);
    expect(reason.rowHeight).toBeLessThanOrEqual(41);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });

  test('at 1280 px Failures show the reason on two lines, wider than the time', async ({ page }) => {
    await openSignedIn(page, `./failures?${lastDays(30)}`);
    await expect(page.getByRole('status').filter({ hasText: /^([1-9]\d*) of \1 workflows loaded$/ })).toBeVisible({ timeout: 45_000 });
    const table = page.getByRole('table', { name: 'Failures' });
    await expect.poll(async () => (await table.getByRole('rowheader').allInnerTexts()).filter((t) => UUID.test(t.trim())).length, { timeout: 30_000 }).toBe(0);
    await page.screenshot({ path: '/tmp/admin-exports-failures-1280.png' });
    const widths = await columnWidths(page, 'Failures');
    expect(widths.columns['Reason'], JSON.stringify(widths)).toBeGreaterThan(widths.columns['Failed at'] * 1.5);
    expect(widths.columns['Reason'] / widths.table, JSON.stringify(widths)).toBeGreaterThan(0.2);
    const reason = await longestReason(page, 'Failures');
    expect(reason.lines, JSON.stringify(reason)).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });
});

/** `at` as the date and minute in `timeZone` (`2026-12-02-1431`). */
function localMinute(at: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}-${part('hour')}${part('minute')}`;
}

test.describe('item 11: export file names in the zone the screen shows', () => {
  for (const { timezoneId, zone, note } of [
    { timezoneId: 'Europe/Berlin', zone: /^(CET|CEST)$/, note: /Europe\/Berlin \(UTC\+0[12]:00\)/ },
    // Chromium may name it Asia/Calcutta; English has no short name for it.
    { timezoneId: 'Asia/Kolkata', zone: /^UTC\+0530$/, note: /\(UTC\+05:30\)/ },
  ]) {
    test.describe(timezoneId, () => {
      test.use({ timezoneId });

      test(`a run's exports are named by its local time and the zone (${timezoneId})`, async ({ page }) => {
        const run = await graphGet(`${LCW}/workflows/${busiest.wf}/runs/${busiest.run}`);
        const workflow = await graphGet(`${LCW}/workflows/${busiest.wf}`);
        const stem = `${String(workflow.displayName).replace(/[^A-Za-z0-9_+-]/g, '-')}-run-${localMinute(run.scheduledDateTime ?? run.startedDateTime, timezoneId)}`;
        await openSignedIn(page, `./workflows/${busiest.wf}/runs/${busiest.run}`);
        await expect(page.getByText(/Times in /).first()).toContainText(note);
        await expect(page.getByText(`${busiest.users} of ${busiest.users} users`, { exact: true })).toBeVisible({ timeout: 30_000 });
        const users = await download(page);
        expect(users.name.startsWith(`${stem}-`), `${users.name} starts with ${stem}-`).toBe(true);
        const [zoneName, ...rest] = users.name.slice(stem.length + 1).split('-');
        expect(zoneName).toMatch(zone);
        expect(rest.join('-')).toBe('users.csv');
        expect((await download(page, 'Export JSON')).name).toBe(users.name.replace(/\.csv$/, '.json'));

        await page.getByRole('navigation', { name: 'Run details' }).getByRole('link', { name: 'Task reports' }).click();
        await expect(page.getByRole('table', { name: 'Task reports of the run' }).getByRole('rowheader').first()).toBeVisible();
        expect((await download(page)).name).toBe(users.name.replace(/-users\.csv$/, '-task-reports.csv'));

        await page.getByRole('navigation', { name: 'Run details' }).getByRole('link', { name: 'Users' }).click();
        const user = page.getByRole('region', { name: 'User processing results' }).getByRole('rowheader').getByRole('link').first();
        await expect(user).not.toHaveText(UUID, { timeout: 15_000 });
        await user.click();
        await expect(page.getByRole('heading', { name: 'Tasks in execution order' })).toBeVisible();
        const tasks = await download(page);
        expect(tasks.name).toMatch(new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-${zoneName.replace('+', '\\+')}-.+-tasks\\.csv$`));
      });
    });
  }
});
