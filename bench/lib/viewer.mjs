// B2-B4 against the viewer: load of the big run (and the fetch+parse
// baseline in the same page), keystrokes, sorts, scroll, DOM rows, memory.
// A plan with `baselineRepeats`, `sortRounds` or `scrollSteps` at 0 skips
// that phase (the scale curve's lighter plan: load and keystrokes).
import { SORT_COLUMNS, clickSorts, typeSearches } from './interact.mjs';
import { startProfile } from './profile.mjs';
import { countOver, percentile, round, summary } from './stats.mjs';

/** Selectors of the run screen (see src/pages/run.rs, virtual_table.rs). */
const SCROLLER = '.vt-scroll[aria-label="User processing results"]';
const VIEWER_CONFIG = {
  count: '.count-line',
  firstRows: [`${SCROLLER} tbody tr[aria-rowindex="2"]`, `${SCROLLER} tbody tr[aria-rowindex="3"]`],
  rowSelector: `${SCROLLER} tbody tr:not(.vt-spacer)`,
  rowKey: 'a[href]',
  keyAttr: 'href',
};

/** Opens the deep link, signs in and records the result-page requests. */
async function openRun(page, site, run, log) {
  const pattern = `/runs/${run.runId}/userProcessingResults(\\?|$)`;
  const re = new RegExp(pattern);
  const pending = [];
  page.on('request', (request) => {
    if (request.method() === 'GET' && re.test(request.url())) {
      pending.push(request.allHeaders().then((headers) => ({ url: request.url(), authorization: headers.authorization })));
    }
  });
  const deepLink = new URL(`workflows/${run.workflowId}/runs/${run.runId}`, site).href;
  log(`opening ${deepLink}`);
  await page.goto(deepLink);
  await page.evaluate((config) => Object.assign(window.__bench.config, config), VIEWER_CONFIG);
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  return { pattern, pending };
}

/** Waits until every result is loaded and the first rows painted (or the timeout). */
async function waitLoaded(page, total, timeoutMs, log) {
  const done = page.evaluate(
    ([expected, timeout, firstRow]) =>
      window.__bench.watch(() => {
        const count = window.__bench.count();
        return count.total >= expected && !document.querySelector('.progress') && !!document.querySelector(firstRow);
      }, timeout),
    [total, timeoutMs, VIEWER_CONFIG.firstRows[0]],
  );
  let finished = false;
  done.finally(() => {
    finished = true;
  });
  const ticker = setInterval(async () => {
    if (finished) return;
    const count = await page.evaluate(() => window.__bench.count()).catch(() => null);
    log(`loading: ${count?.total ?? 0} of ${total} results`);
  }, 15_000);
  try {
    return await done;
  } finally {
    clearInterval(ticker);
  }
}

/** JS heap (CDP, after a forced GC) plus wasm memory, in MB. */
async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  const inPage = await page.evaluate(() => window.__bench.memory());
  const mb = (bytes) => (typeof bytes === 'number' ? round(bytes / 1048576, 1) : null);
  const wasm = mb(inPage.wasmBytes);
  const js = mb(heap.usedSize);
  return { js, wasm, total: js !== null ? round(js + (wasm ?? 0), 1) : null, performanceMemory: mb(inPage.jsHeapUsed) };
}

/** Fetch+parse baseline: the same pages in the same order, `repeats` times. */
async function baseline(page, requests, repeats, log) {
  const times = [];
  for (let i = 0; i < repeats; i += 1) {
    const outcome = await page.evaluate((list) => window.__bench.replay(list), requests);
    log(`baseline ${i + 1}/${repeats}: ${round(outcome.ms)} ms for ${outcome.rows} rows`);
    times.push(outcome.ms);
  }
  return percentile(times, 50);
}

/** Scrolls the results to the end; frame figures. */
export async function scrollFigures(page, selector, steps) {
  const outcome = await page.evaluate(([s, n]) => window.__bench.scrollToEnd(s, n), [selector, steps]);
  if (!outcome) return null;
  return {
    frames: outcome.work.length,
    p95: round(percentile(outcome.work, 95)),
    max: round(Math.max(...outcome.work)),
    over16: countOver(outcome.work, 16),
    dropped: countOver(outcome.intervals, 25),
    reachedEnd: outcome.max - outcome.scrollTop <= 1,
    maxRows: outcome.maxRows,
  };
}

/**
 * Runs B2-B4 in one page. `plan` holds the run, the expected total, the
 * time limits and a callback that receives the recorded requests and
 * returns the search needles (chosen from the same rows).
 */
export async function benchViewer(context, site, plan, log) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  const profile = (name) => startProfile(page, name, plan.profileDir, log);
  let stop = await profile('load');
  const { pattern, pending } = await openRun(page, site, plan.run, log);
  const loaded = await waitLoaded(page, plan.run.users, plan.loadTimeoutMs, log);
  await stop();
  const first = await page.evaluate((p) => window.__bench.firstRequestStart(p), pattern);
  const lastClick = await page.evaluate(() => window.__bench.lastEvent.click ?? null);
  const count = await page.evaluate(() => window.__bench.count());
  const figures = { load_rows: count.total, load_pages: first.count };
  if (loaded.timedOut) {
    log(`not every result loaded within ${plan.loadTimeoutMs / 1000} s (${count.total} loaded): stopping the load`);
    await page.getByRole('button', { name: 'Stop' }).click().catch(() => {});
    figures.load_ms = null;
  } else {
    figures.load_ms = round(loaded.painted - first.start);
    figures.load_from_click_ms = lastClick !== null ? round(loaded.painted - lastClick) : null;
    log(`loaded ${count.total} results in ${figures.load_ms} ms (${first.count} pages)`);
  }
  const requests = await Promise.all(pending);
  const mem = await memory(page);
  Object.assign(figures, {
    memory_mb: mem.total,
    memory_js_heap_mb: mem.js,
    memory_wasm_mb: mem.wasm,
    dom_rows_after_load: await page.evaluate(() => window.__bench.domRows()),
  });
  const base = plan.baselineRepeats > 0 ? await baseline(page, requests, plan.baselineRepeats, log) : null;
  figures.load_baseline_ms = round(base);
  const needles = await plan.needles(requests);
  log(`search needles: ${needles.join(', ')}`);
  const box = page.getByLabel('Search users');
  stop = await profile('keystrokes');
  const typed = await typeSearches(page, box, needles, plan.interactionTimeoutMs, log);
  await stop();
  const filter = summary(typed.samples);
  const header = (name) => page.getByRole('columnheader', { name, exact: true }).getByRole('button');
  await showColumns(page, SORT_COLUMNS, plan.interactionTimeoutMs);
  let sorted = { samples: [], unchanged: 0, byColumn: {} };
  if (plan.sortRounds > 0) {
    stop = await profile('sorts');
    sorted = await clickSorts(page, header, plan.sortRounds, plan.interactionTimeoutMs, log);
    await stop();
  }
  const sort = summary(sorted.samples);
  // The first click on each column (its cold sort) must be in the sample.
  const firstClicks = Object.values(sorted.byColumn).map((clicks) => clicks[0]);
  const firstTimed = firstClicks.filter((ms) => typeof ms === 'number');
  if (firstTimed.length < firstClicks.length) log(`warning: ${firstClicks.length - firstTimed.length} first sort clicks changed nothing visible`);
  let scroll = null;
  if (plan.scrollSteps > 0) {
    stop = await profile('scroll');
    scroll = await scrollFigures(page, SCROLLER, plan.scrollSteps);
    await stop();
  }
  Object.assign(figures, {
    filter_keystroke_p50_ms: filter.p50,
    filter_keystroke_p95_ms: filter.p95,
    filter_keystroke_max_ms: filter.max,
    filter_keystrokes: filter.count,
    filter_keystrokes_unchanged: typed.unchanged,
    sort_p50_ms: sort.p50,
    sort_p95_ms: sort.p95,
    sort_max_ms: sort.max,
    sort_clicks: sort.count,
    sort_clicks_unchanged: sorted.unchanged,
    sort_first_clicks: plan.sortRounds > 0 ? firstTimed.length : null,
    sort_first_clicks_unchanged: plan.sortRounds > 0 ? firstClicks.length - firstTimed.length : null,
    sort_first_click_max_ms: firstTimed.length ? Math.max(...firstTimed) : null,
    scroll_frames_over_16ms_p95: scroll?.p95 ?? null,
    scroll_frames_over_16ms: scroll?.over16 ?? null,
    scroll_frames: scroll?.frames ?? null,
    scroll_frame_max_ms: scroll?.max ?? null,
    scroll_dropped_frames: scroll?.dropped ?? null,
    scroll_reached_end: scroll ? Number(scroll.reachedEnd) : null,
    dom_rows: Math.max(figures.dom_rows_after_load, scroll?.maxRows ?? 0),
  });
  figures.page_errors = problems.length;
  await page.close();
  return { figures, requests, problems, sortByColumn: sorted.byColumn };
}

/**
 * Shows the sorted columns the table folds away by default (Completed,
 * since Duration shows), through the Columns menu as an admin would, so
 * the sort figures keep the same five columns as earlier runs.
 */
async function showColumns(page, columns, timeoutMs) {
  for (const name of columns) {
    if ((await page.getByRole('columnheader', { name, exact: true }).count()) > 0) continue;
    const menu = page.locator('details.columns-menu').first();
    await menu.locator('summary').click();
    await menu.getByRole('checkbox', { name, exact: true }).check({ timeout: timeoutMs });
    await menu.locator('summary').click();
    await page.getByRole('columnheader', { name, exact: true }).waitFor({ timeout: timeoutMs });
  }
}
