// The Failures screen (route /failures, src/pages/failures.rs; linked
// from the top bar next to Insights) over a tenant with many workflows
// (graph-emulator `--workflows 50`), against a plain fetch+parse baseline.
//
// insights_failures_ms: signed in to the demo tenant on the workflows
// screen, from the click on the top bar's "Failures" link (its event
// time) to the painted frame where every workflow is loaded ("N of N
// workflows loaded"), the count line reads "… of M failures" and the
// table's first row exists (when M > 0). Name lookups are not waited for.
//
// insights_baseline_ms: in the same page, right after, the Graph GETs the
// viewer made for it (recorded by Playwright, replayed with the same
// Authorization header; a `$batch` of Lifecycle Workflows requests is
// replayed as one group of its own): the workflow list first, then each workflow's
// requests one after another in the recorded order, workflows started in
// list order with at most IN_FLIGHT in flight the way `futures`'
// `buffered(IN_FLIGHT)` does it (src/app/load/tenant.rs, read from the source):
// fetch (`no-store`), text, JSON.parse, nothing else. Median of `repeats`.
import { readFileSync } from 'node:fs';
import { startProfile } from './profile.mjs';
import { median, round } from './stats.mjs';

const WORKFLOWS = /\/lifecycleWorkflows\/workflows(\?|$)/;
const OF_WORKFLOW = /\/lifecycleWorkflows\/workflows\/([^/?]+)\//;

/** The viewer's tenant-wide concurrency (`IN_FLIGHT` in src/app/load/tenant.rs), 3 if unreadable. */
export function inFlightOf(sourcePath) {
  try {
    const m = /pub const IN_FLIGHT: usize = (\d+);/.exec(readFileSync(sourcePath, 'utf8'));
    return m ? Number(m[1]) : 3;
  } catch (_) {
    return 3;
  }
}

/**
 * Splits recorded requests into the workflow list's and each workflow's
 * (in the order each workflow's first request was made); a `$batch` POST
 * that asks for Lifecycle Workflows data is a group of its own; other
 * requests (name lookups, the token) are counted and left out.
 */
export function groupRequests(requests) {
  const head = [];
  const groups = new Map();
  let other = 0;
  let batches = 0;
  for (const request of requests) {
    const url = new URL(request.url);
    const wf = OF_WORKFLOW.exec(url.pathname + url.search)?.[1];
    if (request.method === 'POST' && url.pathname.endsWith('/$batch') && (request.body ?? '').includes('lifecycleWorkflows')) {
      batches += 1;
      groups.set(`$batch ${batches}`, [request]);
    } else if (request.method !== 'GET') other += 1;
    else if (wf) {
      if (!groups.has(wf)) groups.set(wf, []);
      groups.get(wf).push(request);
    } else if (WORKFLOWS.test(url.pathname)) head.push(request);
    else other += 1;
  }
  return { head, groups: [...groups.values()], other, batches };
}

/** Waits until no request of the page has been in flight for `quietMs` (at most `maxMs`). */
async function networkQuiet(page, quietMs, maxMs) {
  let inFlight = 0;
  let last = Date.now();
  const up = () => {
    inFlight += 1;
    last = Date.now();
  };
  const down = () => {
    inFlight = Math.max(0, inFlight - 1);
    last = Date.now();
  };
  page.on('request', up);
  page.on('requestfinished', down);
  page.on('requestfailed', down);
  const started = Date.now();
  try {
    while (Date.now() - started < maxMs && (inFlight > 0 || Date.now() - last < quietMs)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    page.off('request', up);
    page.off('requestfinished', down);
    page.off('requestfailed', down);
  }
}

/** In the page: the baseline replay (see the top of this file). */
async function replay({ head, groups, inFlight }) {
  const get = async (r) => {
    const headers = r.authorization ? { Authorization: r.authorization } : {};
    if (r.body) headers['Content-Type'] = 'application/json';
    const response = await fetch(r.url, { method: r.method, headers, body: r.body ?? undefined, cache: 'no-store' });
    JSON.parse(await response.text());
  };
  const started = performance.now();
  for (const r of head) await get(r);
  const chain = async (list) => {
    for (const r of list) await get(r);
  };
  const queue = [];
  let next = 0;
  while (next < groups.length && queue.length < inFlight) queue.push(chain(groups[next++]));
  while (queue.length) {
    await queue.shift();
    if (next < groups.length) queue.push(chain(groups[next++]));
  }
  return performance.now() - started;
}

/** In the page: watches until the failures table is complete (see above). */
function watchComplete(timeoutMs) {
  const complete = () => {
    const status = document.querySelector('.workflow-progress summary')?.textContent ?? '';
    const m = /([\d,]+) of ([\d,]+) workflows loaded/.exec(status);
    if (!m || m[1] !== m[2] || m[2] === '0') return false;
    const count = document.querySelector('.count-line')?.textContent ?? '';
    const c = /([\d,]+) of ([\d,]+) failures/.exec(count);
    if (!c) return false;
    return c[2] === '0' || !!document.querySelector('table.data.failures tbody tr');
  };
  window.__failuresDone = window.__bench.watch(complete, timeoutMs);
}

/**
 * Opens the site, signs in to the demo tenant, navigates to Failures and
 * times it; then the baseline. `stack` is `{ site, emulator, workflows }`.
 */
export async function benchInsights(context, stack, plan, log) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(stack.site);
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
  const link = page.getByRole('link', { name: 'Failures', exact: true }).first();
  await link.waitFor({ timeout: 30_000 });
  // The workflows screen's own loads finish first (they are not timed).
  await networkQuiet(page, 1_000, 30_000);
  const emulator = new URL(stack.emulator).origin;
  const requests = [];
  let recording = true;
  page.on('request', (request) => {
    if (recording && request.url().startsWith(emulator) && request.method() !== 'OPTIONS') {
      requests.push(request.allHeaders().then((h) => ({
        method: request.method(),
        url: request.url(),
        authorization: h.authorization,
        body: request.postData() ?? null,
      })));
    }
  });
  await page.evaluate(watchComplete, plan.loadTimeoutMs);
  const stopProfile = await startProfile(page, 'failures', plan.profileDir, log);
  await link.click();
  const outcome = await page.evaluate(() => window.__failuresDone);
  recording = false;
  await stopProfile();
  const clicked = await page.evaluate(() => window.__bench.lastEvent.click ?? null);
  const text = await page.evaluate(() => ({
    status: document.querySelector('.workflow-progress summary')?.textContent ?? '',
    count: document.querySelector('.count-line')?.textContent ?? '',
  }));
  const recorded = await Promise.all(requests);
  const { head, groups, other, batches } = groupRequests(recorded);
  const inFlight = plan.inFlight;
  let ms = null;
  let reason = null;
  if (outcome.timedOut) reason = `the failures did not load within ${plan.loadTimeoutMs / 1000} s (${text.status}; ${text.count})`;
  else if (clicked === null) reason = 'the click on Failures was not seen';
  else ms = outcome.painted - clicked;
  log(`failures screen: ${ms === null ? reason : `${round(ms)} ms`} (${text.status}; ${text.count}; ${recorded.length} requests)`);
  const times = [];
  for (let i = 0; i < plan.baselineRepeats && head.length + groups.length > 0; i += 1) {
    times.push(await page.evaluate(replay, { head, groups, inFlight }));
    log(`failures baseline ${i + 1}/${plan.baselineRepeats}: ${round(times[times.length - 1])} ms`);
  }
  await page.close();
  return {
    figures: {
      insights_failures_ms: round(ms),
      insights_baseline_ms: round(median(times)),
      insights_requests: head.length + groups.reduce((n, g) => n + g.length, 0),
      insights_workflows: groups.length - batches,
    },
    details: {
      status: text.status,
      count_line: text.count,
      in_flight: inFlight,
      other_requests: other,
      batch_requests: batches,
      baseline_runs_ms: times.map((t) => round(t)),
      page_errors: problems.slice(0, 5),
    },
    reason,
  };
}
