// The whole path an identity admin walks: sign in to the emulator, pick a
// workflow, filter its runs, open a failed run, see failed users first, open
// one and read its failure reason; deep links, back/forward, and the 401,
// 403 and 429 answers. Everything is located by role and label.
import { test, expect, type Page } from '@playwright/test';
import { addFaults, clearFaults, emulatorToken, EMULATOR_URL, watchConsole, workflowsSettled } from './support';

test.afterEach(async () => {
  await clearFaults();
});

/** Signs in on the sign-in screen with a pasted emulator token. */
async function signInWithToken(page: Page, token: string): Promise<void> {
  await page.getByLabel('Cloud').selectOption('custom');
  await page.getByLabel('Graph endpoint').fill(EMULATOR_URL);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** From the workflows list, opens the first workflow with a failed run and returns the run URL. */
async function openFailedRun(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();
  const workflows = page.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('rowheader').getByRole('link');
  const count = await workflows.count();
  for (let i = 0; i < count; i += 1) {
    await page.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('rowheader').getByRole('link').nth(i).click();
    await expect(page.getByRole('heading', { name: /Runs of/ })).toBeVisible();
    await page.getByRole('group', { name: 'Filters' }).getByLabel('Completed with errors').check();
    await page.getByRole('group', { name: 'Filters' }).getByLabel('Failed').check();
    await expect(page).toHaveURL(/status=/);
    const runs = page.getByRole('table', { name: 'Runs of the workflow' }).getByRole('link', { name: /Open run/ });
    // Settled: a matching run, or the empty state that says there is none.
    await expect(runs.first().or(page.getByText(/^No (failed )?runs? in /))).toBeVisible();
    if ((await runs.count()) > 0) {
      await runs.first().click();
      return;
    }
    await page.goBack();
    await page.goBack();
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();
  }
  throw new Error('no workflow with a failed run in the demo tenant');
}

test('sign in, filter runs, open a failed run, read the failure reason', async ({ page }) => {
  const watcher = watchConsole(page);
  await page.goto('./');
  await signInWithToken(page, await emulatorToken());
  await expect(page).toHaveURL(/\/workflows$/);

  await openFailedRun(page);
  await expect(page).toHaveURL(/\/runs\/[^/?]+/);
  // Failed first is the default view.
  await expect(page.getByRole('button', { name: 'Failed first' })).toHaveAttribute('aria-pressed', 'true');
  const users = page.getByRole('region', { name: 'User processing results' });
  await expect(users.getByRole('row').nth(1)).toBeVisible();
  await page.getByRole('button', { name: 'Only failures' }).click();
  await expect(page).toHaveURL(/view=failures/);
  const firstRow = users.getByRole('row').nth(1);
  await expect(firstRow.getByText(/Failed|Completed with errors/).first()).toBeVisible();

  await page.screenshot({ path: '../docs/screenshot-run.png' });

  await firstRow.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/users\/[^/?]+/);
  await expect(page.getByRole('heading', { name: 'Tasks in execution order' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Failure reason' }).first()).toBeVisible();
  expect(watcher.problems.filter((p) => !/integrity/.test(p))).toEqual([]);
});

test('deep links reload to the same view and back/forward work', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();
  await page.getByLabel('Search workflows').fill('Onboard');
  await expect(page).toHaveURL(/q=Onboard/);
  await page.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('link').first().click();
  await page.getByLabel('Date range').selectOption('90d');
  await expect(page).toHaveURL(/range=90d/);
  await page.getByRole('button', { name: 'Scheduled' }).click();
  await expect(page).toHaveURL(/sort=scheduled/);
  const runsUrl = page.url();

  // Back restores the previous filter, forward the later one.
  await page.goBack();
  await expect(page).toHaveURL(/range=90d/);
  await expect(page).not.toHaveURL(/sort=scheduled/);
  await page.goForward();
  await expect(page).toHaveURL(/sort=scheduled/);
  await expect(page.getByRole('columnheader', { name: 'Scheduled' })).toHaveAttribute('aria-sort', 'descending');

  // A pasted link in a fresh tab asks for sign-in, then lands on the same view.
  const fresh = await page.context().browser()!.newPage();
  await fresh.goto(runsUrl);
  await expect(fresh.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await fresh.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  await expect(fresh).toHaveURL(runsUrl);
  await expect(fresh.getByLabel('Date range')).toHaveValue('90d');
  await fresh.close();
});

test('a 401 returns to sign-in and back to the same screen after a new token', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  await page.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: /Runs of/ })).toBeVisible();
  const runsUrl = page.url();
  await addFaults([{ path: '/v1.0/identityGovernance/lifecycleWorkflows/workflows/*/runs*', status: 401, times: 1 }]);
  await page.getByLabel('Date range').selectOption('7d');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(page.getByRole('alert').first()).toContainText(/expired|not valid/i);
  await clearFaults();
  await signInWithToken(page, await emulatorToken());
  await expect(page).toHaveURL(/range=7d/);
  expect(page.url().split('?')[0]).toBe(runsUrl.split('?')[0]);
});

test('a 403 explains the missing permission with the request id', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();
  await workflowsSettled(page);
  await addFaults([{ path: '/v1.0/identityGovernance/lifecycleWorkflows/workflows/*/runs*', status: 403 }]);
  await page.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('link').first().click();
  const alert = page.getByRole('alert').filter({ hasText: 'LifecycleWorkflows-Reports.Read.All' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('HTTP 403');
  await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('a 429 burst is retried and the runs still load', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();
  await workflowsSettled(page);
  await addFaults([{ path: '/v1.0/identityGovernance/lifecycleWorkflows/workflows/*/runs*', status: 429, times: 3 }]);
  await page.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('link').first().click();
  await expect(page.getByText(/\d+ of \d+ runs/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a token without Lifecycle Workflows permissions is flagged before any call', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Cloud').selectOption('custom');
  await page.getByLabel('Graph endpoint').fill(EMULATOR_URL);
  await page.getByLabel('Access token').fill(await emulatorToken({ scp: 'User.Read' }));
  await expect(page.getByText(/LifecycleWorkflows-Reports\.Read\.All/).first()).toBeVisible();
  await expect(page.getByText(/left$/)).toBeVisible();
});
