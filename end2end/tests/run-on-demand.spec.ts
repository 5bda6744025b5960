// Run on demand (issue 15): find two users by search, confirm, land on the
// new run; one click is one run even when double-clicked, with Enter held
// down or over a slow network (counted at graph-emulator); a read-only
// token sees the button disabled with the reason; a 403 is explained.
import { test, expect, type Page } from '@playwright/test';
import { EMULATOR_URL, addFaults, clearFaults, emulatorToken, graphGet, panics, watchConsole } from './support';

const LCW = '/v1.0/identityGovernance/lifecycleWorkflows';
/** "Onboard new hire employee": enabled, not quarantined. */
const WF = '15239232-66ed-445b-8292-2f5bbb2eb833';
const WRITER = 'LifecycleWorkflows-Workflow.Activate LifecycleWorkflows.Read.All User.ReadBasic.All';

test.use({ viewport: { width: 1280, height: 900 } });

test.afterEach(async () => {
  await clearFaults();
  await fetch(`${EMULATOR_URL}/_emulator/live`, { method: 'DELETE' });
});

async function runCount(): Promise<number> {
  return ((await graphGet(`${LCW}/workflows/${WF}/runs?$top=999`)).value as unknown[]).length;
}

/** Signs in with a pasted emulator token (kept for the tab) and opens the workflow's runs. */
async function openRuns(page: Page, scp: string): Promise<void> {
  const token = await emulatorToken({ scp });
  await page.goto('./');
  await page.getByLabel('Cloud').selectOption('custom');
  await page.getByLabel('Graph endpoint').fill(EMULATOR_URL);
  await page.getByLabel('Access token').fill(token);
  await page.getByLabel(/Keep this token for this tab/).check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();
  await page.goto(`./workflows/${WF}/runs`);
  await expect(page.getByRole('heading', { name: /^Runs of Onboard new hire employee/ })).toBeVisible();
}

/** Opens the dialog, searches `text` and adds the first `n` users found; returns their names. */
async function pickUsers(page: Page, text: string, n: number): Promise<string[]> {
  await page.getByRole('button', { name: 'Run on demand' }).click();
  const dialog = page.getByRole('dialog', { name: /Run Onboard new hire employee on demand/ });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Find users by name or UPN').fill(text);
  const found = dialog.getByRole('list', { name: 'Users found' });
  await expect(found.getByRole('button', { name: /^Add / }).nth(n - 1)).toBeVisible();
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const button = found.getByRole('button', { name: /^Add / }).nth(i);
    names.push(((await button.getAttribute('aria-label')) ?? '').replace(/^Add /, ''));
    await button.click();
  }
  await expect(dialog.getByRole('list', { name: 'Users to run for' }).getByRole('listitem')).toHaveCount(n);
  await dialog.getByRole('button', { name: 'Review' }).click();
  await expect(dialog.getByText(/now for these \d+ users|now for this user/)).toBeVisible();
  for (const name of names) await expect(dialog.getByRole('listitem').filter({ hasText: name })).toBeVisible();
  return names;
}

async function expectOnNewRun(page: Page): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`/workflows/${WF}/runs/[0-9a-f-]{36}$`), { timeout: 20_000 });
}

test('runs a workflow on demand for two users found by search and opens the new run', async ({ page }) => {
  const watcher = watchConsole(page);
  await openRuns(page, WRITER);
  const before = await runCount();
  await pickUsers(page, 'ad', 2);
  await page.screenshot({ path: 'test-results/screens/run-on-demand-dialog.png' });
  await page.getByRole('button', { name: 'Run now' }).click();
  await expectOnNewRun(page);
  const run = page.url().split('/').pop()!;
  const created = await graphGet(`${LCW}/workflows/${WF}/runs/${run}`);
  expect(created.workflowExecutionType).toBe('onDemand');
  expect(created.totalUsersCount).toBe(2);
  expect(await runCount()).toBe(before + 1);
  expect(panics(watcher.problems)).toEqual([]);
});

test('a double click, Enter held down and a slow answer start exactly one run', async ({ page }) => {
  await openRuns(page, WRITER);
  const before = await runCount();
  await addFaults([{ path: `${LCW}/workflows/*/activate`, method: 'POST', delay_ms: 3000 }]);
  await pickUsers(page, 'ad', 1);
  const run = page.getByRole('button', { name: 'Run now' });
  await run.dblclick();
  for (let i = 0; i < 5; i++) await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Starting the run…' })).toBeDisabled();
  await expectOnNewRun(page);
  expect(await runCount()).toBe(before + 1);
});

test('a read-only token sees Run on demand disabled with the permission and role it needs', async ({ page }) => {
  await openRuns(page, 'LifecycleWorkflows.Read.All User.ReadBasic.All');
  const button = page.getByRole('button', { name: 'Run on demand' });
  await expect(button).toBeDisabled();
  await expect(button).toHaveAttribute('title', /LifecycleWorkflows-Workflow\.Activate.*Lifecycle Workflows Administrator/);
  await expect(page.getByText(/Your token lacks the permission\. Needs the LifecycleWorkflows-Workflow\.Activate/)).toBeVisible();
});

test('a 403 on activate is explained with the permission and role', async ({ page }) => {
  await openRuns(page, WRITER);
  const before = await runCount();
  await addFaults([{ path: `${LCW}/workflows/*/activate`, method: 'POST', status: 403 }]);
  await pickUsers(page, 'ad', 1);
  await page.getByRole('button', { name: 'Run now' }).click();
  const alert = page.getByRole('dialog').getByRole('alert');
  await expect(alert).toContainText('403');
  await expect(alert).toContainText('LifecycleWorkflows-Workflow.Activate');
  await expect(alert).toContainText('Lifecycle Workflows Administrator');
  expect(await runCount()).toBe(before);
});

/** The demo tenant's quarantined workflow (left quarantined: other specs show it). */
async function quarantined(): Promise<{ id: string; reason: string }> {
  const list = (await graphGet(`${LCW}/workflows?$top=999`)).value as { id: string; quarantineDetails?: { quarantineReason: string } }[];
  const w = list.find((x) => x.quarantineDetails?.quarantineReason);
  expect(w, 'a quarantined workflow').toBeTruthy();
  return { id: w!.id, reason: w!.quarantineDetails!.quarantineReason };
}

test('Clear quarantine shows why first, needs ReadWrite, and a 403 is explained', async ({ page }) => {
  const wf = await quarantined();
  // Activate alone is not enough to clear a quarantine.
  const activateOnly = await emulatorToken({ scp: WRITER });
  await page.goto('./');
  await page.getByLabel('Cloud').selectOption('custom');
  await page.getByLabel('Graph endpoint').fill(EMULATOR_URL);
  await page.getByLabel('Access token').fill(activateOnly);
  await page.getByLabel(/Keep this token for this tab/).check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();
  await page.goto(`./workflows/${wf.id}/runs`);
  const clear = page.getByRole('button', { name: 'Clear quarantine' });
  await expect(clear).toBeDisabled();
  await expect(clear).toHaveAttribute('title', /LifecycleWorkflows-Workflow\.ReadWrite\.All/);
  // Run on demand is blocked too, saying why.
  await expect(page.getByRole('button', { name: 'Run on demand' })).toBeDisabled();
  await expect(page.getByText('The workflow is quarantined: clear the quarantine first.')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  const manager = await emulatorToken({ scp: 'LifecycleWorkflows.ReadWrite.All User.ReadBasic.All' });
  await page.getByLabel('Cloud').selectOption('custom');
  await page.getByLabel('Graph endpoint').fill(EMULATOR_URL);
  await page.getByLabel('Access token').fill(manager);
  await page.getByLabel(/Keep this token for this tab/).check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();
  await page.goto(`./workflows/${wf.id}/runs`);
  await addFaults([{ path: `${LCW}/workflows/*/clearQuarantine`, method: 'POST', status: 403 }]);
  await page.getByRole('button', { name: 'Clear quarantine' }).click();
  const dialog = page.getByRole('dialog', { name: /Clear the quarantine of/ });
  await expect(dialog).toContainText(wf.reason);
  await dialog.getByRole('button', { name: 'Clear quarantine' }).dblclick();
  await expect(dialog.getByRole('alert')).toContainText('403');
  await expect(dialog.getByRole('alert')).toContainText('Lifecycle Workflows Administrator');
  // Still quarantined at the emulator.
  expect((await quarantined()).id).toBe(wf.id);
});
