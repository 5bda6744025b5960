// The admin's failures (issue #23): Group by reason finds one cause across
// tasks and workflows, with the groups sortable, searchable, with Columns and
// export; every count on Insights that links opens a view of exactly that many
// rows; the Reprocess dialog names the failed users and says which fail again
// unchanged; a failed user links to the fix in the Entra admin center.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { EMULATOR_URL, clearFaults, emulatorToken, graphGet, openSignedIn, parseCsv } from './support';

const LCW = '/v1.0/identityGovernance/lifecycleWorkflows';
const FAILURE_FILTER = encodeURIComponent("processingStatus eq 'failed' or processingStatus eq 'completedWithErrors' or processingStatus eq 'canceled'");
/** The emulator's missing-manager reason, whatever the user and request id. */
const NO_MANAGER = /^The manager of user \S+ could not be found/;
const NO_MANAGER_PATTERN = 'The manager of user <user> could not be found';

test.afterEach(clearFaults);

/** The last 30 whole UTC days up to today, as the page's custom range and its bounds. */
function period(): { query: string; start: string; end: string } {
  const today = new Date();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 30));
  const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1));
  return { query: `range=custom&from=${day(from)}&to=${day(today)}`, start: `${day(from)}T00:00:00Z`, end: `${day(end)}T00:00:00Z` };
}

type FailedTask = { workflowId: string; workflow: string; task: string; reason: string };

/** Every failed task of a failed or canceled user result of a run of the period, from Graph. */
async function failedTasks(p: { start: string; end: string }): Promise<FailedTask[]> {
  const workflows = (await graphGet(`${LCW}/workflows?$top=999`)).value as { id: string; displayName: string }[];
  const out: FailedTask[] = [];
  for (const wf of workflows) {
    const runs = (await graphGet(`${LCW}/workflows/${wf.id}/runs?$top=999`)).value as any[];
    for (const run of runs) {
      const at = run.startedDateTime ?? run.scheduledDateTime;
      if (!at || at < p.start || at > p.end) continue;
      const results = (await graphGet(`${LCW}/workflows/${wf.id}/runs/${run.id}/userProcessingResults?$top=999&$filter=${FAILURE_FILTER}&$expand=taskProcessingResults`)).value as any[];
      for (const r of results) {
        for (const t of r.taskProcessingResults ?? []) {
          if (t.processingStatus !== 'failed') continue;
          out.push({ workflowId: wf.id, workflow: wf.displayName, task: t.task?.displayName ?? '', reason: t.failureReason ?? '' });
        }
      }
    }
  }
  return out;
}

/** Waits until every workflow's failures are loaded. */
async function failuresSettled(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /^([1-9]\d*) of \1 workflows loaded$/ })).toBeVisible({ timeout: 45_000 });
}

/** The header texts of a table (without sort arrows). */
async function headers(table: Locator): Promise<string[]> {
  return (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.replace(/[▲▼↕]/g, '').split('\n')[0].trim());
}

/** The cells of each body row of a table, by header (a cell's main text, without its full-text copy). */
async function rowsByHeader(table: Locator): Promise<Record<string, string>[]> {
  const names = await headers(table);
  const cells = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.children).map((c) => ((c.querySelector('.cell-main') ?? c).textContent ?? '').trim())));
  return cells.map((row) => Object.fromEntries(names.map((n, i) => [n, row[i] ?? ''])));
}

async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

const count = (text: string) => Number(text.replace(/[^0-9]/g, ''));

test('Group by reason finds the missing manager once, across its tasks and workflows', async ({ page }) => {
  const p = period();
  const hits = (await failedTasks(p)).filter((f) => NO_MANAGER.test(f.reason));
  const tasks = [...new Set(hits.map((f) => f.task))].sort();
  const workflows = new Set(hits.map((f) => f.workflowId));
  expect(tasks.length, 'the demo tenant fails this way in several tasks').toBeGreaterThan(1);
  expect(workflows.size).toBeGreaterThan(1);

  await openSignedIn(page, `/failures?${p.query}`);
  await page.getByRole('button', { name: 'Group by reason' }).click();
  await expect(page).toHaveURL(/view=groups/);
  await failuresSettled(page);
  const table = page.getByRole('table', { name: 'Failures grouped by reason' });
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: '/tmp/failures-groups.png' });
  const groups = (await rowsByHeader(table)).filter((g) => g.Reason.startsWith(NO_MANAGER_PATTERN));
  expect(groups.map((g) => g.Reason)).toHaveLength(1);
  const [group] = groups;
  expect(count(group.Failures)).toBe(hits.length);
  expect(count(group.Workflows)).toBe(workflows.size);
  expect(group.Tasks.split(', ').sort()).toEqual(tasks);
  const names = [...new Set(hits.map((f) => f.workflow))].sort();
  expect(group['Workflow names'].split(', ').sort()).toEqual(names);

  // The group opens its failures, of every task.
  await table.getByRole('link', { name: new RegExp(`^Show the ${hits.length} failures of ${NO_MANAGER_PATTERN}`) }).click();
  await expect(page).toHaveURL(/gpattern=/);
  const failures = page.getByRole('table', { name: 'Failures' });
  await expect(failures.locator('tbody tr')).toHaveCount(hits.length);
  const shownTasks = new Set((await rowsByHeader(failures)).map((r) => r['Failed task']));
  expect([...shownTasks].sort()).toEqual(tasks);

  // By task and reason keeps one group per task.
  await page.getByRole('button', { name: 'By task and reason' }).click();
  await expect(page).toHaveURL(/view=task-groups/);
  const byTask = page.getByRole('table', { name: 'Failures grouped by task and reason' });
  await expect(byTask.locator('tbody tr').first()).toBeVisible();
  const perTask = (await rowsByHeader(byTask)).filter((g) => g.Reason.startsWith(NO_MANAGER_PATTERN));
  expect(perTask.map((g) => g.Tasks).sort()).toEqual(tasks);
  expect(perTask.reduce((n, g) => n + count(g.Failures), 0)).toBe(hits.length);
});

test('the reason groups sort, search, pick columns and export like every table', async ({ page }) => {
  const p = period();
  await openSignedIn(page, `/failures?${p.query}&view=groups`);
  await failuresSettled(page);
  const table = page.getByRole('table', { name: 'Failures grouped by reason' });
  await expect(table.locator('tbody tr').first()).toBeVisible();
  const all = await rowsByHeader(table);
  expect(all.length).toBeGreaterThan(2);
  await expect(page.getByText(`${all.length} of ${all.length} groups`)).toBeVisible();

  // Sort by workflows, fewest first, then most first.
  await table.getByRole('button', { name: 'Workflows' }).click();
  await expect(page).toHaveURL(/sort=workflows/);
  await expect(table.getByRole('columnheader', { name: 'Workflows' })).toHaveAttribute('aria-sort', 'descending');
  let shown = (await rowsByHeader(table)).map((g) => count(g.Workflows));
  expect(shown).toEqual([...shown].sort((a, b) => b - a));
  await table.getByRole('button', { name: 'Workflows' }).click();
  await expect(table.getByRole('columnheader', { name: 'Workflows' })).toHaveAttribute('aria-sort', 'ascending');
  shown = (await rowsByHeader(table)).map((g) => count(g.Workflows));
  expect(shown).toEqual([...shown].sort((a, b) => a - b));

  // Search: the groups of the failures that have every word.
  await page.getByLabel('Search failures').fill('could not be found');
  await expect.poll(async () => (await rowsByHeader(table)).length).toBeLessThan(all.length);
  const found = await rowsByHeader(table);
  expect(found.filter((g) => g.Reason.startsWith(NO_MANAGER_PATTERN))).toHaveLength(1);
  expect(found.filter((g) => !['could', 'not', 'be', 'found'].every((w) => (g.Reason + g.Example).toLowerCase().includes(w)))).toEqual([]);
  await page.getByLabel('Search failures').fill('');
  await expect.poll(async () => (await rowsByHeader(table)).length).toBe(all.length);

  // Columns: hide the workflow names.
  await page.getByLabel('Columns of Failures grouped by reason').click();
  await page.getByRole('checkbox', { name: 'Workflow names' }).uncheck();
  await expect(page).toHaveURL(/cols=/);
  await expect(table.getByRole('columnheader', { name: 'Workflow names' })).toHaveCount(0);
  const visible = await headers(table);

  // Export: the shown columns, one line per group in table order.
  const csv = await download(page, 'Export CSV');
  expect(csv.name).toMatch(/^failure-groups-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = parseCsv(csv.text.slice(1));
  expect(lines[0].map((h) => h.replace(/ \(UTC\)$/, ''))).toEqual(visible);
  const reasons = (await rowsByHeader(table)).map((g) => g.Reason);
  expect(lines.slice(1).map((l) => l[0])).toEqual(reasons);
  const json = JSON.parse((await download(page, 'Export JSON')).text) as any[];
  expect(json.map((g) => g.pattern)).toEqual(reasons);
  expect(json.filter((g) => !(Array.isArray(g.tasks) && typeof g.workflows === 'number' && g.members === undefined))).toEqual([]);
});

/** The last `n` whole UTC days up to today, as the page's custom range. */
function lastDays(n: number): string {
  const today = new Date();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - n));
  return `range=custom&from=${day(from)}&to=${day(today)}`;
}

/** The rows the view a link opened shows, once its loads have settled. */
async function rowsOfOpenedView(page: Page): Promise<Record<string, string>[]> {
  if (/\/failures\?/.test(page.url())) {
    await expect(page.getByRole('heading', { name: 'Failures', level: 1 })).toBeVisible();
    await failuresSettled(page);
    return rowsByHeader(page.getByRole('table', { name: 'Failures' }));
  }
  await expect(page).toHaveURL(/\/workflows\/[^/]+\/runs\?/);
  await expect(page.getByRole('status').filter({ hasText: /loaded/ }).getByRole('button', { name: 'Refresh' })).toBeVisible({ timeout: 30_000 });
  return rowsByHeader(page.getByRole('table', { name: 'Runs of the workflow' }));
}

type InsightsLink = { text: string; label: string; href: string; table: string; row: string };

/** Every link of the top lists, with its table and its row's name. */
async function topListLinks(page: Page): Promise<InsightsLink[]> {
  const out: InsightsLink[] = [];
  for (const table of ['Top failing workflows', 'Top failing tasks']) {
    const found = await page.getByRole('table', { name: table }).locator('tbody tr').evaluateAll((trs) =>
      trs.flatMap((tr) => {
        const row = (tr.querySelector('th')?.textContent ?? '').trim();
        return Array.from(tr.querySelectorAll('a')).map((a) => ({
          text: (a.textContent ?? '').trim(),
          label: a.getAttribute('aria-label') ?? (a.textContent ?? '').trim(),
          href: a.getAttribute('href') ?? '',
          row,
        }));
      }));
    out.push(...found.map((l) => ({ ...l, table })));
  }
  return out;
}

test('every count that links on Insights opens a view of exactly that many rows', async ({ page }) => {
  test.setTimeout(600_000);
  const range = lastDays(7);
  await openSignedIn(page, `/insights?${range}`);
  const tasks = page.getByRole('table', { name: 'Top failing tasks' });
  await expect(tasks.locator('tbody tr').first()).toBeVisible({ timeout: 30_000 });
  const links = await topListLinks(page);
  const isCount = (l: InsightsLink) => /^\d[\d,]*$/.test(l.text);
  // Each row's failed figure links (workflows: failed runs; tasks: failures) when it is not zero.
  const failedFigures = async (table: string, column: number) =>
    (await page.getByRole('table', { name: table }).locator('tbody tr').evaluateAll((trs, i) =>
      trs.map((tr) => (tr.children[i as number]?.textContent ?? '').trim()), column)).filter((t) => count(t) > 0);
  const counts = links.filter(isCount);
  expect(counts.filter((l) => l.table === 'Top failing workflows').map((l) => l.text)).toEqual(await failedFigures('Top failing workflows', 2));
  expect(counts.filter((l) => l.table === 'Top failing tasks').map((l) => l.text)).toEqual(await failedFigures('Top failing tasks', 1));
  expect(counts.length).toBeGreaterThan(2);

  const mismatches: string[] = [];
  const visit = async (l: InsightsLink, check: (rows: Record<string, string>[]) => string | null) => {
    await page.getByRole('table', { name: l.table }).getByRole('link', { name: l.label, exact: true }).first().click();
    const problem = check(await rowsOfOpenedView(page));
    if (problem) mismatches.push(`${l.table} / ${l.row} / "${l.label}" → ${page.url()}: ${problem}`);
    await page.goBack();
    await expect(tasks.locator('tbody tr').first()).toBeVisible({ timeout: 30_000 });
  };
  for (const l of counts) {
    const want = count(l.text);
    await visit(l, (rows) => (rows.length === want ? null : `${rows.length} rows, the link says ${want}`));
  }
  // The names link with an exact filter: a task's name opens as many failures as it
  // counts (no other task whose name shares its words); a workflow's, only its failures.
  for (const l of links.filter((l) => !isCount(l))) {
    if (l.table === 'Top failing tasks') {
      expect(l.href, l.row).toContain('task=');
      const figure = counts.find((c) => c.table === l.table && c.row === l.row);
      const want = figure ? count(figure.text) : 0;
      await visit(l, (rows) => {
        const others = rows.filter((r) => r['Failed task'] !== l.row).map((r) => r['Failed task']);
        return rows.length === want && others.length === 0 ? null : `${rows.length} rows (${[...new Set(others)].join(', ')} among them), the row says ${want}`;
      });
    } else {
      expect(l.href, l.row).toContain('workflow=');
      await visit(l, (rows) => {
        const others = rows.filter((r) => r.Workflow !== l.row).map((r) => r.Workflow);
        return others.length === 0 ? null : `rows of ${[...new Set(others)].join(', ')}`;
      });
    }
  }
  expect(mismatches).toEqual([]);
});

test('the failures screen shows an exact task or workflow filter as a chip that removes it', async ({ page }) => {
  const range = lastDays(7);
  await openSignedIn(page, `/insights?${range}`);
  const tasks = page.getByRole('table', { name: 'Top failing tasks' });
  await expect(tasks.locator('tbody tr').first()).toBeVisible({ timeout: 30_000 });
  const name = ((await tasks.getByRole('rowheader').first().textContent()) ?? '').trim();
  await tasks.getByRole('link', { name, exact: true }).click();
  await expect(page).toHaveURL(/[?&]task=/);
  const chips = page.getByRole('list', { name: 'Filters' });
  await expect(chips.getByRole('listitem')).toHaveText([`Task: ${name}×`]);
  await failuresSettled(page);
  const table = page.getByRole('table', { name: 'Failures' });
  const filtered = await table.locator('tbody tr').count();
  // The grouped views keep the filter.
  await page.getByRole('button', { name: 'Group by reason' }).click();
  const groups = (await rowsByHeader(page.getByRole('table', { name: 'Failures grouped by reason' })));
  expect(groups.filter((g) => g.Tasks !== name).map((g) => g.Tasks)).toEqual([]);
  expect(groups.reduce((n, g) => n + count(g.Failures), 0)).toBe(filtered);
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Failures', exact: true }).click();
  await chips.getByRole('button', { name: `Remove filter Task: ${name}` }).click();
  await expect(page).not.toHaveURL(/[?&]task=/);
  await expect(chips).toHaveCount(0);
  await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(filtered);
});

const WRITER = 'LifecycleWorkflows.ReadWrite.All LifecycleWorkflows.Read.All User.ReadBasic.All';
/** The emulator's reasons that fail again unchanged: a dynamic group, a missing manager, a disabled TAP policy. */
const FAILS_AGAIN = [NO_MANAGER, /is a dynamic membership group/, /Temporary Access Pass authentication method policy is disabled/];

/** Signs in with a token of `scp` on the emulator, then opens `path`. */
async function signInWith(page: Page, path: string, scp: string): Promise<void> {
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

type FailedUser = { id: string; name: string; again: boolean; result: any };

/** The failed users of a run (failed or completed with errors), with their names and whether they fail again unchanged. */
async function failedUsersOf(wf: string, run: string): Promise<FailedUser[]> {
  const filter = encodeURIComponent("processingStatus eq 'failed' or processingStatus eq 'completedWithErrors'");
  const results = (await graphGet(`${LCW}/workflows/${wf}/runs/${run}/userProcessingResults?$top=999&$filter=${filter}&$expand=taskProcessingResults`)).value as any[];
  const out: FailedUser[] = [];
  for (const r of results) {
    const user = await graphGet(`/v1.0/users/${r.subject.id}?$select=id,displayName`);
    const reasons = (r.taskProcessingResults ?? []).filter((t: any) => t.processingStatus === 'failed').map((t: any) => t.failureReason ?? '');
    out.push({ id: r.subject.id, name: user.displayName, again: reasons.some((x: string) => FAILS_AGAIN.some((re) => re.test(x))), result: r });
  }
  return out;
}

/** A finished run with more failed users than the dialog names, some failing again unchanged and some not. */
async function runToReprocess(): Promise<{ wf: string; run: string; failed: FailedUser[] }> {
  const workflows = (await graphGet(`${LCW}/workflows?$top=999`)).value as { id: string }[];
  let best: { wf: string; run: string; count: number } | undefined;
  for (const wf of workflows) {
    const runs = (await graphGet(`${LCW}/workflows/${wf.id}/runs?$top=999`)).value as any[];
    for (const r of runs) {
      if (!['completedWithErrors', 'failed'].includes(r.processingStatus)) continue;
      if (!best || r.failedUsersCount > best.count) best = { wf: wf.id, run: r.id, count: r.failedUsersCount };
    }
  }
  expect(best, 'a run with failed users').toBeTruthy();
  return { wf: best!.wf, run: best!.run, failed: await failedUsersOf(best!.wf, best!.run) };
}

test('the Reprocess dialog names the failed users and says which fail again unchanged', async ({ page }) => {
  const target = await runToReprocess();
  const failed = target.failed;
  expect(failed.length, 'more failed users than the dialog names').toBeGreaterThan(10);
  const byName = new Map(failed.map((u) => [u.name, u.again]));
  expect(byName.size, 'names tell the demo users apart').toBe(failed.length);

  await signInWith(page, `./workflows/${target.wf}/runs/${target.run}`, WRITER);
  await page.getByRole('button', { name: 'Reprocess' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reprocess this run?' });
  const names = dialog.getByRole('list', { name: 'Failed users' }).getByRole('listitem');
  await expect(names).toHaveCount(10);
  await expect(dialog.getByText(`and ${failed.length - 10} more`, { exact: true })).toBeVisible();
  // Names, not ids, once they resolve; each says whether it fails again unchanged.
  await expect.poll(async () => (await names.allInnerTexts()).filter((t) => /^[0-9a-f-]{36}/.test(t))).toEqual([]);
  const shown = (await names.allInnerTexts()).map((t) => {
    const [name, ...note] = t.split(' — ');
    return { name: name.trim(), note: note.join(' — ') };
  });
  expect(shown.filter((s) => !byName.has(s.name)).map((s) => s.name)).toEqual([]);
  const wrong = shown.filter((s) => byName.get(s.name) !== /^fails again unchanged: /.test(s.note));
  expect(wrong).toEqual([]);
  expect(shown.filter((s) => s.note).length, 'the run has users that fail again unchanged among those named').toBeGreaterThan(0);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: '/tmp/reprocess-dialog.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();
});

/** The first failed task result matching `keep`, with where it is (workflow, run, user result, user). */
async function findFailedTask(keep: (t: any) => boolean): Promise<{ wf: string; run: string; upr: string; user: string; taskResult: any }> {
  const workflows = (await graphGet(`${LCW}/workflows?$top=999`)).value as { id: string }[];
  for (const wf of workflows) {
    const runs = (await graphGet(`${LCW}/workflows/${wf.id}/runs?$top=999`)).value as any[];
    for (const run of runs.filter((r) => r.failedUsersCount > 0)) {
      const results = (await graphGet(`${LCW}/workflows/${wf.id}/runs/${run.id}/userProcessingResults?$top=999&$expand=taskProcessingResults`)).value as any[];
      for (const r of results) {
        const taskResult = (r.taskProcessingResults ?? []).find((t: any) => t.processingStatus === 'failed' && keep(t));
        if (taskResult) return { wf: wf.id, run: run.id, upr: r.id, user: r.subject.id, taskResult };
      }
    }
  }
  throw new Error('no such failed task in the demo tenant');
}

test('a failed user links to its fix in the Entra admin center: the user, the manager field, the group', async ({ page }) => {
  const entra = 'https://entra.microsoft.com/#view/';
  const manager = await findFailedTask((t) => NO_MANAGER.test(t.failureReason ?? ''));
  await openSignedIn(page, `./workflows/${manager.wf}/runs/${manager.run}/users/${manager.upr}`);
  const summary = page.getByRole('region', { name: 'What failed' });
  await expect(summary.getByRole('link', { name: /Open the user in Entra admin center/ }))
    .toHaveAttribute('href', `${entra}Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/${manager.user}`);
  const fix = summary.getByRole('link', { name: /Set the user's manager/ });
  await expect(fix).toHaveAttribute('href', `${entra}Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/Properties/userId/${manager.user}`);
  await expect(fix).toHaveAttribute('target', '_blank');
  await expect(summary.getByRole('link', { name: /^Open group / })).toHaveCount(0);

  // A dynamic group, named only by its name: the task's group argument is the group.
  const dynamic = await findFailedTask((t) => /dynamic membership group/.test(t.failureReason ?? '') && (t.task?.arguments ?? []).some((a: any) => a.name === 'groupID'));
  const group = String(dynamic.taskResult.task.arguments.find((a: any) => a.name === 'groupID').value).toLowerCase();
  await openSignedIn(page, `./workflows/${dynamic.wf}/runs/${dynamic.run}/users/${dynamic.upr}`);
  await expect(summary.getByRole('link', { name: new RegExp(`^Open group ${group}`) }))
    .toHaveAttribute('href', `${entra}Microsoft_AAD_IAM/GroupDetailsMenuBlade/~/Overview/groupId/${group}`);
  await expect(summary.getByRole('link', { name: /Set the user's manager/ })).toHaveCount(0);

  // A reason naming the group by its id links to that group.
  const named = await findFailedTask((t) => /on group [0-9a-f-]{36}/.test(t.failureReason ?? ''));
  const id = /on group ([0-9a-f-]{36})/.exec(named.taskResult.failureReason)![1].toLowerCase();
  await openSignedIn(page, `./workflows/${named.wf}/runs/${named.run}/users/${named.upr}`);
  await expect(summary.getByRole('link', { name: new RegExp(`^Open group ${id}`) }))
    .toHaveAttribute('href', `${entra}Microsoft_AAD_IAM/GroupDetailsMenuBlade/~/Overview/groupId/${id}`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: '/tmp/user-fix.png' });
});
