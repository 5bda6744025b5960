// The built site works when hosted under a sub-path (`/lifecycle/`): assets
// load, the demo sign-in works, routes stay under the prefix, and a deep
// link reloads to the same screen.
import { test, expect } from '@playwright/test';
import { watchConsole } from './support';

const SUBPATH_SITE_URL = process.env.SUBPATH_SITE_URL ?? 'http://127.0.0.1:8080/lifecycle/';

test('the viewer works under a sub-path', async ({ page }) => {
  const watcher = watchConsole(page);
  await page.goto(SUBPATH_SITE_URL);
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  await expect(page.getByRole('heading', { name: 'Workflows', exact: true })).toBeVisible();
  const signedIn = new URL(page.url());
  expect(signedIn.pathname.startsWith('/lifecycle/')).toBeTruthy();

  await page.reload();
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  await expect(page).toHaveURL(signedIn.href);
  expect(watcher.problems).toEqual([]);
});
