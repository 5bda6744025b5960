// The admin's path, round three (issue 23, item 8): Back puts keyboard
// users where they were. A link opened from a list screen (by Enter or a
// click) has focus again after Back, scrolled into view, on every list
// screen; a fresh navigation still puts focus on the new heading.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { busiestRun, openSignedIn, panics, watchConsole, workflowsSettled } from './support';

/** "Onboard new hire employee": 16 runs in the last 30 days. */
const WF = '15239232-66ed-445b-8292-2f5bbb2eb833';

test.use({ viewport: { width: 1280, height: 800 } });

/** Enter on `link` opens its screen; Back returns: the same link has focus, in view. */
async function enterThenBack(page: Page, link: Locator): Promise<void> {
  const href = (await link.getAttribute('href'))!;
  const from = page.url();
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL((u) => u.pathname + u.search === href, { timeout: 15_000 });
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused({ timeout: 15_000 });
  await page.goBack();
  await expect(page).toHaveURL(from);
  const focused = page.locator(`main a[href="${href}"]:focus`);
  await expect(focused).toHaveCount(1, { timeout: 10_000 });
  await expect(focused).toBeInViewport();
}

test('Back from a workflow, reached by keyboard far down the list, puts focus on its link', async ({ page }) => {
  const watcher = watchConsole(page);
  await openSignedIn(page, './workflows');
  await workflowsSettled(page);
  const names = page.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('rowheader').getByRole('link');
  const last = names.last();
  // By keyboard, as an admin would: Tab until the last workflow's name has focus.
  await page.getByRole('heading', { level: 1 }).focus();
  const lastHref = await last.getAttribute('href');
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.getAttribute('href'))) === lastHref) break;
  }
  await expect(last).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /^Runs of / })).toBeFocused({ timeout: 15_000 });
  await page.goBack();
  await expect(last).toBeFocused({ timeout: 10_000 });
  await expect(last).toBeInViewport();
  // A fresh navigation (not Back) still lands on the new screen's heading.
  await last.click();
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Workflows' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toBeFocused({ timeout: 15_000 });
  expect(panics(watcher.problems)).toEqual([]);
});

test('Back from a run puts focus on the run it opened, scrolled into view, on the runs list', async ({ page }) => {
  await openSignedIn(page, `./workflows/${WF}/runs`);
  const runs = page.getByRole('table', { name: 'Runs of the workflow' }).getByRole('link', { name: /^Open run of / });
  await expect(runs.nth(12)).toBeVisible({ timeout: 30_000 });
  const link = runs.nth(12);
  await link.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await enterThenBack(page, link);
});

test('Back from a user puts focus on that user on the run screen, and from the run on Failures and Insights', async ({ page }) => {
  const target = await busiestRun();
  await openSignedIn(page, `./workflows/${target.wf}/runs/${target.run}`);
  const users = page.getByRole('region', { name: 'User processing results' }).getByRole('rowheader').getByRole('link');
  await expect(users.nth(12)).not.toHaveText(/^[0-9a-f-]{36}$/, { timeout: 30_000 });
  await enterThenBack(page, users.nth(12));

  await openSignedIn(page, './failures?view=failures');
  const failures = page.getByRole('table', { name: 'Failures' }).getByRole('rowheader').getByRole('link');
  await expect(failures.nth(5)).toBeVisible({ timeout: 45_000 });
  await enterThenBack(page, failures.nth(5));

  await openSignedIn(page, './insights');
  const top = page.getByRole('table', { name: 'Top failing workflows' }).getByRole('rowheader').getByRole('link');
  await expect(top.first()).toBeVisible({ timeout: 45_000 });
  await enterThenBack(page, top.first());
});
