// The site loads cleanly, its sign-in screen works from the keyboard, and an
// accessibility audit finds no serious or critical violation.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { watchConsole } from './support';

test('the site loads with no console error', async ({ page }) => {
  const watcher = watchConsole(page);
  await page.goto('./');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(page).toHaveTitle(/Lifecycle Workflows/);
  expect(watcher.problems).toEqual([]);
});

test('the sign-in screen is reachable by keyboard', async ({ page }) => {
  await page.goto('./');
  const token = page.getByLabel('Access token');
  await expect(token).toBeVisible();
  let reached = false;
  for (let presses = 0; presses < 30 && !reached; presses += 1) {
    await page.keyboard.press('Tab');
    reached = await token.evaluate((element) => element === document.activeElement);
  }
  expect(reached, 'Tab never reached the Access token field').toBeTruthy();
  await page.keyboard.type('not-a-jwt');
  let button = false;
  for (let presses = 0; presses < 10 && !button; presses += 1) {
    await page.keyboard.press('Tab');
    button = await page
      .getByRole('button', { name: 'Sign in', exact: true })
      .evaluate((element) => element === document.activeElement);
  }
  expect(button, 'Tab never reached the Sign in button').toBeTruthy();
});

test('the sign-in screen has no serious or critical accessibility violation', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByLabel('Access token')).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
});
