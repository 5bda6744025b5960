// A runs screen's custom date range (issue 11, item 9): its From and To are
// days in the browser's zone, the zone the table's times are in, and the
// range says so in the same words as the table's zone note; the viewer asks
// Graph for the UTC instants of those local midnights and the URL keeps them
// in UTC; an older link of UTC days keeps its meaning and says its exact
// window in local time. Insights, whose trend counts UTC days, says its
// range is whole UTC days. Run with a browser in Europe/Berlin.
import { test, expect, type Page } from '@playwright/test';
import { busiestRun, openSignedIn, panics, watchConsole } from './support';

test.use({ timezoneId: 'Europe/Berlin' });

/** `YYYY-MM-DD` of `d` in UTC. */
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** `day` shifted by `n` days. */
const plus = (day: string, n: number) => iso(new Date(new Date(`${day}T00:00:00Z`).getTime() + n * 86_400_000));

/** The UTC instant of 00:00 of the Berlin day `day`, as the URL writes it. */
function berlinMidnight(day: string): string {
  const utc = new Date(`${day}T00:00:00Z`);
  const hours = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(utc));
  return new Date(utc.getTime() - hours * 3_600_000).toISOString().replace('.000Z', 'Z');
}

/** The zone named in the table's note: "Europe/Berlin (UTC+01:00)". */
async function tableZone(page: Page): Promise<string> {
  const note = page.getByText(/^Times in /);
  await expect(note).toHaveCount(1);
  return /^Times in (.+?); /.exec((await note.textContent()) ?? '')![1];
}

/** Decoded URLs of the runs lists the page asks Graph for while `act` runs. */
async function runRequests(page: Page, act: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (r: { url(): string }) => {
    const url = decodeURIComponent(r.url());
    if (/\/runs\?/.test(url) && url.includes('$filter')) seen.push(url);
  };
  page.on('request', listener);
  await act();
  page.off('request', listener);
  return seen;
}

test('a custom range is entered in the local days of the table and sent as their UTC instants', async ({ page }) => {
  const watcher = watchConsole(page);
  const target = await busiestRun();
  await openSignedIn(page, `./workflows/${target.wf}/runs`);
  await expect(page.getByRole('table', { name: 'Runs of the workflow' })).toBeVisible();
  await page.getByLabel('Date range').selectOption('custom');
  const zone = await tableZone(page);
  expect(zone).toMatch(/^Europe\/Berlin \(UTC\+0[12]:00\)$/);
  const from = page.getByLabel('From', { exact: true });
  const to = page.getByLabel('To', { exact: true });
  // The range says its zone once, in the table note's words.
  const note = page.locator('#range-zone');
  await expect(note).toHaveText(`Whole days in ${zone}, the zone of the times below.`);
  await expect(from).toHaveAccessibleDescription(`Whole days in ${zone}, the zone of the times below.`);
  await expect(to).toHaveAccessibleDescription(`Whole days in ${zone}, the zone of the times below.`);
  // Local midnight in Berlin is 23:00 (22:00 in summer) UTC the day before.
  const today = iso(new Date());
  const [first, last] = [plus(today, -20), plus(today, -10)];
  const [start, end] = [berlinMidnight(first), berlinMidnight(plus(last, 1))];
  const inUrl = (t: string) => t.replace(/:/g, '(%3A|:)');
  const sent = await runRequests(page, async () => {
    await from.fill(first);
    await expect(page).toHaveURL(new RegExp(`from=${inUrl(start)}`));
    await to.fill(last);
    await expect(page).toHaveURL(new RegExp(`[?&]to=${inUrl(end)}`));
    await expect(page).toHaveURL(new RegExp(`[?&]from=${inUrl(start)}`));
    await expect(page.getByText(/^\d[\d,]* of [\d,]+ runs$/)).toBeVisible();
  });
  expect(sent.some((u) => u.includes(`ge ${start}`) && u.includes(`lt ${end}`)), sent.join('\n')).toBe(true);
  await expect(from).toHaveValue(first);
  await expect(to).toHaveValue(last);
  await expect(note).toHaveText(`Whole days in ${zone}, the zone of the times below.`);
  // The link keeps the range: a fresh tab shows the same days.
  await openSignedIn(page, page.url().replace(/^.*?\/workflows\//, './workflows/'));
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(first);
  await expect(page.getByLabel('To', { exact: true })).toHaveValue(last);
  expect(panics(watcher.problems)).toEqual([]);
});

test('an older link of UTC days keeps its meaning and says its window in local time', async ({ page }) => {
  const target = await busiestRun();
  const today = new Date();
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 20));
  const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 10));
  const end = new Date(last.getTime() + 86_400_000);
  const sent = await runRequests(page, async () => {
    await openSignedIn(page, `./workflows/${target.wf}/runs?range=custom&from=${iso(start)}&to=${iso(last)}`);
    await expect(page.getByText(/^\d[\d,]* of [\d,]+ runs$/)).toBeVisible();
  });
  expect(sent.some((u) => u.includes(`ge ${iso(start)}T00:00:00Z`) && u.includes(`lt ${iso(end)}T00:00:00Z`))).toBe(true);
  const zone = await tableZone(page);
  // 00:00 UTC is 01:00 in Berlin in winter (02:00 in summer).
  await expect(page.locator('#range-zone')).toHaveText(
    new RegExp(`^Scheduled from ${iso(start)} 0[12]:00:00 to ${iso(end)} 0[12]:00:00, times in ${zone.replace(/[()+]/g, '\\$&')}\\.$`),
  );
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(iso(start));
  await expect(page.getByLabel('To', { exact: true })).toHaveValue(iso(end));
});

test('Insights keeps whole UTC days, as its trend counts them, and says so', async ({ page }) => {
  const today = iso(new Date());
  await openSignedIn(page, `./insights?range=custom&from=${plus(today, -7)}&to=${today}`);
  await expect(page.getByLabel('From (UTC)')).toHaveValue(plus(today, -7));
  await expect(page.getByLabel('To (UTC)')).toHaveValue(today);
  await expect(page.getByText('Whole UTC days, as the insights and the trend count them.')).toBeVisible();
});
