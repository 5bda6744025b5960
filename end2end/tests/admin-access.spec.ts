// The admin's path, round three (issue #23): access. A 403 names the
// permissions of the call that failed and only those the token lacks, with
// the right way to try again; a token that may read runs but not the
// workflow list still gets in by id or link; F5 after Sign in with
// Microsoft keeps the admin signed in without a stored token; a long UPN
// fits the header.
import { test, expect, type Page } from '@playwright/test';
import { EMULATOR_URL, emulatorToken, panics, watchConsole } from './support';

const isAuthorize = (url: URL) => url.pathname.endsWith('/oauth2/v2.0/authorize');

/** Starts Sign in with Microsoft and picks the demo account whose role matches `account`. */
async function signInAs(page: Page, account: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();
  await page.getByRole('button', { name: account }).click();
}

/** Signs in by pasting a token with `scp`. */
async function pasteToken(page: Page, scp: string): Promise<void> {
  await page.getByLabel('Cloud').selectOption('custom');
  await page.getByLabel('Graph endpoint').fill(EMULATOR_URL);
  await page.getByLabel('Access token').fill(await emulatorToken({ scp }));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

const READER = /Reports reader/;
const ADMIN = /Lifecycle Workflows Administrator/;

test.describe('item 2: the permission that is actually missing', () => {
  test('the reports reader is told the workflow list needs LifecycleWorkflows-Workflow.ReadBasic.All, on every screen', async ({ page }) => {
    const watcher = watchConsole(page);
    await page.goto('./workflows');
    await signInAs(page, READER);
    for (const [screen, heading] of [
      ['./workflows', 'Workflows'],
      ['./insights', 'Insights'],
      ['./failures', 'Failures'],
    ]) {
      if (screen !== './workflows') {
        await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: heading }).click();
      }
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      const alert = page.getByRole('alert').filter({ hasText: 'Access denied' });
      await expect(alert, screen).toContainText('GET workflows (the workflow list)');
      await expect(alert, screen).toContainText(
        'The token lacks LifecycleWorkflows-Workflow.ReadBasic.All (or LifecycleWorkflows.Read.All)',
      );
      // Nothing the token already has is named as missing.
      await expect(alert, screen).not.toContainText('Reports.Read.All');
      await expect(alert, screen).not.toContainText('User.ReadBasic.All');
      await expect(alert, screen).toContainText('HTTP 403');
      if (screen === './workflows') await page.screenshot({ path: 'test-results/admin-access-403.png' });
    }
    expect(panics(watcher.problems)).toEqual([]);
  });

  test('after Sign in with Microsoft a 403 offers another account (the picker), not another token', async ({ page }) => {
    const watcher = watchConsole(page);
    const prompts: (string | null)[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (isAuthorize(url) && request.method() === 'GET') prompts.push(url.searchParams.get('prompt'));
    });
    await page.goto('./insights');
    await signInAs(page, READER);
    const alert = page.getByRole('alert').filter({ hasText: 'Access denied' });
    await expect(alert).toBeVisible();
    await expect(alert.getByRole('button', { name: 'Use another token' })).toHaveCount(0);
    await alert.getByRole('button', { name: 'Sign in with another account' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();
    expect(prompts).toEqual([null, 'select_account']);
    await page.getByRole('button', { name: ADMIN }).click();
    // Back on the same screen, now with a token that may list workflows.
    await expect(page).toHaveURL(/\/insights$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
    await expect(page.getByText(/Loading the runs of every workflow/)).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'Access denied' })).toHaveCount(0);
    expect(panics(watcher.problems)).toEqual([]);
  });

  test('a pasted token that is denied offers another token', async ({ page }) => {
    const watcher = watchConsole(page);
    await page.goto('./workflows');
    await pasteToken(page, 'LifecycleWorkflows-Reports.Read.All User.ReadBasic.All');
    const alert = page.getByRole('alert').filter({ hasText: 'Access denied' });
    await expect(alert).toContainText('The token lacks LifecycleWorkflows-Workflow.ReadBasic.All');
    await expect(alert.getByRole('button', { name: 'Sign in with another account' })).toHaveCount(0);
    await alert.getByRole('button', { name: 'Use another token' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByLabel('Access token')).toBeVisible();
    expect(panics(watcher.problems)).toEqual([]);
  });
});
