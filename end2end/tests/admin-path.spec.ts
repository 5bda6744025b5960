// The admin's path (issue "a bad morning"): headings and tab titles say
// where the admin is, focus follows navigation to the new heading, and a
// run that is gone does not claim to have no users.
import { test, expect } from '@playwright/test';
import { busiestRun, graphGet, openSignedIn, panics, watchConsole } from './support';

let target: { wf: string; run: string; users: number };
let workflowName = '';

test.beforeAll(async () => {
  target = await busiestRun();
  const wf = await graphGet(`/v1.0/identityGovernance/lifecycleWorkflows/workflows/${target.wf}`);
  workflowName = wf.displayName;
  expect(workflowName).toBeTruthy();
});

test('headings, breadcrumbs and tab titles name the workflow, the run and the user', async ({ page }) => {
  await openSignedIn(page, `./workflows/${target.wf}/runs/${target.run}`);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText(workflowName);
  await expect(heading).toContainText('Run of');
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('link', { name: workflowName })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`^Run of .* · ${workflowName} · Lifecycle Workflows viewer$`));

  const first = page.getByRole('region', { name: 'User processing results' }).getByRole('rowheader').getByRole('link').first();
  await expect(first).not.toHaveText(/^[0-9a-f-]{36}$/, { timeout: 15_000 });
  const user = (await first.textContent())?.trim() ?? '';
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(user);
  await expect(page).toHaveTitle(new RegExp(`^${user} · Run of .* · ${workflowName} · `));
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: /^Run of / })).toBeVisible();
});

test('after a navigation the focus is on the new screen heading', async ({ page }) => {
  await openSignedIn(page, './workflows');
  await page.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('link', { name: workflowName }).click();
  const runsHeading = page.getByRole('heading', { level: 1, name: `Runs of ${workflowName}` });
  await expect(runsHeading).toBeFocused();
  await page.getByRole('table', { name: 'Runs of the workflow' }).getByRole('link', { name: /Open run/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: /Run of/ })).toBeFocused();
  // Filters change the URL but not the screen: focus stays where the admin put it.
  await page.getByRole('button', { name: 'Only failures' }).click();
  await expect(page.getByRole('button', { name: 'Only failures' })).toBeFocused();
});

test('a run that is gone shows the error, not an empty run', async ({ page }) => {
  const watcher = watchConsole(page);
  await openSignedIn(page, `./workflows/${target.wf}/runs/00000000-0000-0000-0000-000000000000`);
  await expect(page.getByRole('alert')).toContainText('Not found');
  // The users table settles on the error's words, never on "no users".
  await expect(page.getByText('Nothing loaded because of the error above')).toBeVisible();
  await expect(page.getByText('No user results')).toHaveCount(0);
  await expect(page.getByText('This run has no user processing results')).toHaveCount(0);
  expect(panics(watcher.problems)).toEqual([]);
});
