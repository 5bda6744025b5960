import { test } from '@playwright/test';
test('console', async ({ page }) => {
  page.on('console', (m) => console.log('CONSOLE', m.type(), m.text().slice(0, 800)));
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message.slice(0, 800)));
  await page.goto('./workflows');
  await page.waitForTimeout(3000);
});
