// Status badges carry text and a tooltip that explains the status at the
// run level, never colour alone.
import { test, expect } from '@playwright/test';

test('run status badges have text and a run-level tooltip', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  await page.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('link').first().click();
  const table = page.getByRole('table', { name: 'Runs of the workflow' });
  const firstRun = table.getByRole('row').nth(1);
  await expect(firstRun).toBeVisible();
  const badge = firstRun
    .getByTitle(/\w{3,}/)
    .filter({ hasText: /Completed|Failed|In progress|Queued|Canceled/ })
    .first();
  await expect(badge).toBeVisible();
  await expect(badge).toHaveAttribute('title', /\w+ \w+ \w+/);
});
