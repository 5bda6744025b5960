// Typed screen state: a link's unknown values are said in the page and
// dropped from the URL; every table fits a 1280 px window, and the columns
// that fold away come back through the Columns menu, remembered in the URL.
import { test, expect, type Page, type Locator } from '@playwright/test';
import { busiestRun, graphGet, openSignedIn, panics, watchConsole } from './support';

let target: { wf: string; run: string; users: number };

test.beforeAll(async () => {
  target = await busiestRun();
});

test.use({ viewport: { width: 1280, height: 900 } });

/** Whether the element's content is wider than the element (a horizontal scroll bar). */
async function overflows(element: Locator): Promise<number> {
  return element.evaluate((el) => el.scrollWidth - el.clientWidth);
}

async function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test('a link with values the screen does not know says so and drops them', async ({ page }) => {
  const watcher = watchConsole(page);
  await openSignedIn(page, `./workflows/${target.wf}/runs?sort=shoeSize&range=90d&status=failed,bogus`);
  const alert = page.getByRole('alert').filter({ hasText: 'sort=shoeSize' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('status=bogus');
  await expect(page).not.toHaveURL(/shoeSize|bogus/);
  // What the screen knew stays: the period and the known status.
  await expect(page).toHaveURL(/range=90d/);
  await expect(page.getByLabel('Date range')).toHaveValue('90d');
  await expect(page.getByRole('checkbox', { name: 'Failed', exact: true })).toBeChecked();
  await expect(page.getByRole('columnheader', { name: 'Started' })).toHaveAttribute('aria-sort', 'descending');
  expect(panics(watcher.problems)).toEqual([]);
});

test('the runs table fits 1280 px; a folded column comes back from the Columns menu and stays in the link', async ({ page }) => {
  await openSignedIn(page, `./workflows/${target.wf}/runs?range=90d`);
  const table = page.getByRole('table', { name: 'Runs of the workflow' });
  await expect(table.getByRole('link', { name: /Open run/ }).first()).toBeVisible();
  expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
  expect(await overflows(page.locator('.table-wrap').first())).toBeLessThanOrEqual(0);
  await expect(page.getByRole('columnheader', { name: 'Run id' })).toHaveCount(0);
  await page.getByText('Columns', { exact: false }).first().click();
  await page.getByRole('checkbox', { name: 'Run id' }).check();
  await expect(page.getByRole('columnheader', { name: 'Run id' })).toBeVisible();
  await expect(page).toHaveURL(/cols=/);
  // A reload forgets the token (memory only): sign in again, the link keeps the column.
  await page.reload();
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  await expect(page).toHaveURL(/cols=/);
  await expect(page.getByRole('columnheader', { name: 'Run id' })).toBeVisible({ timeout: 30_000 });
});

test('the users table of the busiest run fits 1280 px', async ({ page }) => {
  await openSignedIn(page, `./workflows/${target.wf}/runs/${target.run}`);
  await expect(page.getByText(`${target.users} of ${target.users} users`, { exact: true })).toBeVisible({ timeout: 30_000 });
  expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
  const region = page.getByRole('region', { name: 'User processing results' });
  expect(await overflows(region)).toBeLessThanOrEqual(0);
  for (const name of ['User', 'Status', 'Started', 'Duration', 'Reason']) {
    await expect(page.getByRole('columnheader', { name, exact: true })).toBeVisible();
  }
  // Completed folds away by default where Duration shows (the Columns menu brings it back).
  await expect(page.getByRole('columnheader', { name: 'Completed', exact: true })).toHaveCount(0);
});

test('a run with failures and long UPNs fits 1280 px, the Tasks links included', async ({ page }) => {
  const wf = '14879e66-9ea9-48d0-804d-8fea672d0341';
  const runs = (await graphGet(`/v1.0/identityGovernance/lifecycleWorkflows/workflows/${wf}/runs?$top=999`)).value as { id: string; failedUsersCount?: number }[];
  const failed = runs.find((r) => (r.failedUsersCount ?? 0) > 0);
  expect(failed, 'a run with failed users').toBeTruthy();
  await openSignedIn(page, `./workflows/${wf}/runs/${failed!.id}`);
  const region = page.getByRole('region', { name: 'User processing results' });
  await expect(region.getByRole('link', { name: 'Tasks' }).first()).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => pageOverflow(page)).toBeLessThanOrEqual(0);
  await expect.poll(() => overflows(region)).toBeLessThanOrEqual(0);
});
