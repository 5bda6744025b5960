// Export of the 100,000-user run: the CSV and JSON of a filtered, sorted view
// hold every row in view, in view order, built in chunks (the progress line
// moves while the page stays live), with no cap.
//
// The 100,000-user run exists only at `graph-emulator --scale large`:
// `cargo xtask test` starts a second emulator at that scale and serves the
// same site pointed at it (LARGE_SITE_URL, LARGE_EMULATOR_URL).
import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { EMULATOR_URL, largestRunOn, openSignedIn, panics, parseCsv, resetPagingOn, watchConsole } from './support';

const LARGE_SITE_URL = process.env.LARGE_SITE_URL ?? '';
const LARGE_EMULATOR_URL = (process.env.LARGE_EMULATOR_URL ?? '').replace(/\/$/, '');

/** Records every text the export status line shows, from before the click. */
async function recordExportStatus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as any).__exportStatus = seen;
    const target = document.querySelector('.export-status');
    if (!target) return;
    new MutationObserver(() => seen.push(target.textContent ?? '')).observe(target, { childList: true, subtree: true, characterData: true });
  });
}

async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: button }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path!, 'utf8') };
}

test.describe('exporting the 100,000-user run', () => {
  test.describe.configure({ timeout: 400_000 });
  let run = { wf: '', run: '', users: 0 };

  test.beforeAll(async () => {
    expect(LARGE_SITE_URL, 'LARGE_SITE_URL: the site against graph-emulator --scale large (cargo xtask test sets it)').not.toBe('');
    expect(LARGE_EMULATOR_URL).not.toBe(EMULATOR_URL);
    run = await largestRunOn(LARGE_EMULATOR_URL);
    expect(run.users).toBe(100_000);
  });

  test.afterAll(() => resetPagingOn(LARGE_EMULATOR_URL));

  test('CSV and JSON of a filtered, sorted view hold every row in view order, built in chunks', async ({ page }) => {
    const watcher = watchConsole(page);
    await openSignedIn(page, `${LARGE_SITE_URL}workflows/${run.wf}/runs/${run.run}?status=completed&sort=started&dir=desc&cols=user,status,started,id`);
    const count = page.getByText(/^[\d,]+ of 100,000 users$/);
    await expect(count).toBeVisible({ timeout: 180_000 });
    await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0, { timeout: 180_000 });
    const shown = Number(((await count.textContent()) ?? '').split(' of ')[0].replace(/,/g, ''));
    expect(shown, 'the status filter leaves most users').toBeGreaterThan(50_000);
    expect(shown, 'and drops some').toBeLessThan(100_000);
    const region = page.getByRole('region', { name: 'User processing results' });
    const headers = (await region.getByRole('columnheader').allInnerTexts()).map((h) => h.split('\n')[0].replace(/[▲▼↕]/g, '').trim());
    const idAt = headers.indexOf('Result id');
    expect(idAt, headers.join('|')).toBeGreaterThan(0);
    const firstIds = await region.locator('tbody tr').evaluateAll(
      (trs, i) => trs.map((tr) => (tr.children[i as number]?.textContent ?? '').trim()).filter((t) => t !== '').slice(0, 5),
      idAt,
    );

    await recordExportStatus(page);
    const csv = await download(page, 'Export CSV');
    expect(csv.name).toMatch(/-run-\d{4}-\d{2}-\d{2}-\d{4}-([A-Z]{2,6}|UTC[+-]\d{4})-users\.csv$/);
    await expect(page.getByRole('status').filter({ hasText: `Saved ${shown.toLocaleString('en-US')} rows as ${csv.name}` })).toBeVisible();
    const statuses = (await page.evaluate(() => (window as any).__exportStatus)) as string[];
    const partial = statuses.filter((t) => /Exporting CSV: [\d,]+ of [\d,]+ rows/.test(t) && !t.includes(`${shown.toLocaleString('en-US')} of`));
    expect(partial.length, `progress while building: ${statuses.slice(0, 5).join(' / ')}`).toBeGreaterThan(0);

    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.text.slice(1));
    expect(rows.length - 1).toBe(shown);
    const csvIdAt = rows[0].indexOf('Result id');
    const statusAt = rows[0].indexOf('Status (Graph value)');
    const shownStatusAt = rows[0].indexOf('Status');
    const startedAt = rows[0].indexOf('Started (UTC)');
    const body = rows.slice(1);
    expect(body.slice(0, firstIds.length).map((r) => r[csvIdAt])).toEqual(firstIds);
    expect(body.length).toBeGreaterThan(0);
    expect(body.filter((r) => r[statusAt] !== 'completed')).toEqual([]);
    expect(body.filter((r) => r[shownStatusAt] !== 'Completed')).toEqual([]);
    // Each user's UPN and id, whatever the columns shown.
    const userIdAt = rows[0].indexOf('User id');
    expect(rows[0].slice(0, 3)).toEqual(['User', 'UPN', 'User id']);
    expect(body.filter((r) => !/^[0-9a-f-]{36}$/.test(r[userIdAt])).slice(0, 5)).toEqual([]);
    const started = body.map((r) => r[startedAt]);
    const outOfOrder = started.flatMap((t, i) => (i === 0 || t === '' || started[i - 1] === '' || started[i - 1] >= t ? [] : [`${started[i - 1]} then ${t}`]));
    expect(outOfOrder, 'newest start first').toEqual([]);
    expect(new Set(body.map((r) => r[csvIdAt])).size).toBe(shown);

    const json = await download(page, 'Export JSON');
    expect(json.name).toBe(csv.name.replace(/\.csv$/, '.json'));
    const objects = JSON.parse(json.text) as any[];
    expect(objects.length).toBe(shown);
    expect(objects.map((o) => o.id)).toEqual(body.map((r) => r[csvIdAt]));
    expect(objects.filter((o) => o.processingStatus !== 'completed').map((o) => `${o.id}: ${o.processingStatus}`)).toEqual([]);
    expect(panics(watcher.problems)).toEqual([]);
  });
});
