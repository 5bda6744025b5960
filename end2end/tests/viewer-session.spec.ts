// The token lives in memory; "keep for this tab" survives a reload through
// sessionStorage only; Sign out clears everything. The token never appears
// in the page URL or in localStorage.
import { test, expect } from '@playwright/test';
import { emulatorToken, EMULATOR_URL } from './support';

test('keep for this tab survives a reload; sign out clears it', async ({ page }) => {
  const token = await emulatorToken();
  await page.goto('./');
  await page.getByLabel('Cloud').selectOption('custom');
  await page.getByLabel('Graph endpoint').fill(EMULATOR_URL);
  await page.getByLabel('Access token').fill(token);
  await page.getByLabel(/Keep this token for this tab/).check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();
  expect(page.url()).not.toContain(token);
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(token.slice(0, 40));

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(token.slice(0, 40));
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
});

test('without keep, a reload asks for sign-in again', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  // After signing in again the user is back on the workflows list.
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  await expect(page).toHaveURL(/\/workflows$/);
});
