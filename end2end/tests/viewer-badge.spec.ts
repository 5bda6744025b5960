// Status badges carry text and a tooltip, never colour alone.
import { test, expect } from '@playwright/test';

test('run status badges have text and a tooltip', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  await page.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('link').first().click();
  const table = page.getByRole('table', { name: 'Runs of the workflow' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  const badge = table.getByRole('row').nth(1).locator('[title]').first();
  await expect(badge).toHaveAttribute('title', /.+/);
  await expect(badge).not.toHaveText('');
});
