// The admin's path, round three (issue 23): a run opens from its row (its
// Started time is its link; a click anywhere on the row that is not a
// control or a text selection opens it), Back puts a keyboard user on the
// link they opened, a run's breadcrumb and heading name it the same way,
// a running run says how long it has run (and when that is longer than
// usual), the workflows screen fits a phone and is live while a last run
// it shows is running.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { openSignedIn, panics, watchConsole } from './support';

/** "Onboard new hire employee": 45 runs, the newest one in progress. */
const WF = '15239232-66ed-445b-8292-2f5bbb2eb833';

const runsTable = (page: Page) => page.getByRole('table', { name: 'Runs of the workflow' });

/** The index of the column headed `title` in `table`. */
async function columnIndex(table: Locator, title: string): Promise<number> {
  const headers = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.replace(/[▲▼↕⇅]/g, '').trim());
  const i = headers.indexOf(title);
  expect(i, `a "${title}" column among ${headers.join(', ')}`).toBeGreaterThanOrEqual(0);
  return i;
}

/** The cell of `row` in column `i` (row header or data cell). */
const cellAt = (row: Locator, i: number) => row.locator(':scope > th, :scope > td').nth(i);

test('a run opens from its Started time and from anywhere on its row, not from a text selection', async ({ page }) => {
  const watcher = watchConsole(page);
  await openSignedIn(page, `./workflows/${WF}/runs`);
  const table = runsTable(page);
  const row = table.getByRole('row').nth(2);
  const link = row.getByRole('rowheader').getByRole('link', { name: /^Open run of / });
  // The run's link is its Started time, in the Started column.
  await expect(link).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, { timeout: 30_000 });
  const started = await columnIndex(table, 'Started');
  expect(await row.getByRole('rowheader').evaluate((th) => (th as HTMLTableCellElement).cellIndex)).toBe(started);
  const href = (await link.getAttribute('href'))!;
  expect(href).toMatch(new RegExp(`/workflows/${WF}/runs/[^/?]+$`));
  // The row says it opens: a pointer on hover, and it stands out while its link has focus.
  await row.hover();
  expect(await row.evaluate((tr) => getComputedStyle(tr).cursor)).toBe('pointer');
  await link.focus();
  expect(await row.evaluate((tr) => getComputedStyle(tr).boxShadow)).not.toBe('none');
  // A drag that selects the users count is a selection, not a click.
  const users = cellAt(row, await columnIndex(table, 'Users'));
  const box = (await users.boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(new RegExp(`/workflows/${WF}/runs(\\?|$)`));
  // A click on the count opens the run.
  await users.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByRole('heading', { level: 1, name: /Run of/ })).toBeVisible();
  // So does one on the status, and Enter on the focused Started link.
  await page.goBack();
  await cellAt(table.getByRole('row').nth(2), await columnIndex(table, 'Status')).click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await page.goBack();
  await table.getByRole('row').nth(2).getByRole('link', { name: /^Open run of / }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  expect(panics(watcher.problems)).toEqual([]);
});
