// Interaction timing shared by the viewer and the AG Grid page: the same
// probe (probe.js), the same keystrokes and the same header clicks.

/** Arms the probe, performs `act`, and returns { ms, changed }. */
export async function timeInteraction(page, kinds, act, timeoutMs) {
  await page.evaluate(([k, t]) => window.__bench.arm(k, t), [kinds, timeoutMs]);
  await act();
  return page.evaluate(() => window.__bench.settle());
}

/**
 * Types each needle into `box` one key at a time, then deletes it with
 * Backspace, timing every keystroke from keydown to the next paint that
 * shows the changed count or rows.
 */
export async function typeSearches(page, box, needles, timeoutMs, log) {
  const samples = [];
  let unchanged = 0;
  await box.click();
  await box.fill('');
  const time = async (key) => {
    const outcome = await timeInteraction(page, ['keydown'], () => page.keyboard.press(key), timeoutMs);
    if (outcome.changed) samples.push(outcome.ms);
    else unchanged += 1;
  };
  for (const needle of needles) {
    for (const ch of needle) await time(ch);
    for (let i = 0; i < needle.length; i += 1) await time('Backspace');
    log(`typed and deleted "${needle}": ${samples.length} keystrokes timed so far`);
  }
  return { samples, unchanged };
}

/** Header clicks: each column twice (both directions), in this order. */
export const SORT_COLUMNS = ['Started', 'Completed', 'Duration', 'User', 'Status'];

/** Clicks each column header twice per round, timing click to next paint. */
export async function clickSorts(page, headerButton, rounds, timeoutMs, log) {
  const samples = [];
  const byColumn = {};
  let unchanged = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (const column of SORT_COLUMNS) {
      for (let i = 0; i < 2; i += 1) {
        const target = headerButton(column);
        await target.scrollIntoViewIfNeeded();
        const outcome = await timeInteraction(page, ['click'], () => target.click(), timeoutMs);
        if (outcome.changed) samples.push(outcome.ms);
        else unchanged += 1;
        (byColumn[column] ??= []).push(outcome.changed ? Math.round(outcome.ms) : null);
      }
    }
    log(`sort round ${round + 1}: ${samples.length} clicks timed so far`);
  }
  return { samples, unchanged, byColumn };
}

/**
 * Needles to type: substrings of ids for which every prefix changes the
 * number of matching rows (so every keystroke changes what is shown).
 * `haystack(row)` is the lowercased text a row is searched by.
 */
export function pickNeedles(rows, haystack, count, length) {
  const texts = rows.map(haystack);
  const needles = [];
  const matches = (needle) => texts.reduce((n, text) => n + (text.includes(needle) ? 1 : 0), 0);
  // Every 997th row from a third in (smaller runs: a step that still gives enough candidates).
  const step = Math.max(1, Math.min(997, Math.floor(rows.length / 60)));
  for (let i = Math.floor(rows.length / 3); i < rows.length && needles.length < count; i += step) {
    const id = (rows[i].subject?.id ?? rows[i].id ?? '').toLowerCase();
    const candidate = (id.split('-')[4] ?? id).slice(0, length);
    if (candidate.length < length || /^\d/.test(candidate)) continue;
    const counts = [rows.length];
    for (let n = 1; n <= length; n += 1) counts.push(matches(candidate.slice(0, n)));
    const strictlyFalling = counts.every((c, k) => k === 0 || (c < counts[k - 1] && c > 0));
    if (strictlyFalling) needles.push(candidate);
  }
  return needles;
}
