// The benchmark harness behind `cargo xtask bench`. Environment:
//   SITE_URL, EMULATOR_URL  the served release site and graph-emulator
//   DIST_DIR                the built site (for B1)
//   BENCH_MODE              `full` (default, --scale large) or `smoke`
//   BENCH_OUT               where to write the result JSON
//   BENCH_PROFILE=1         also write CPU profiles of each viewer phase and
//                           of the Failures screen to bench/results/tmp/
//                           (see lib/profile.mjs; xtask names the wasm)
//   BENCH_EXTRAS            JSON from xtask: the scale curve's stacks
//                           (`scale`: [{ results, site, emulator, pid } or
//                           { results, error }]), the Failures screen's
//                           (`insights`), the startup floor page's URL
//                           (`startup_floor_url`), the named wasm
//                           (`wasm_named`) and `viewer_source` (src/).
//                           Missing parts leave their figures null.
// Writes { machine, date, mode, figures, details } and exits 0 when the
// harness ran (targets are judged by xtask); non-zero only when it broke.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { measureBundle } from './lib/bundle.mjs';
import { biggestRun, fetchPages } from './lib/emulator.mjs';
import { pickNeedles } from './lib/interact.mjs';
import { benchViewer } from './lib/viewer.mjs';
import { benchAgGrid } from './lib/aggrid.mjs';
import { benchFloor } from './lib/floor.mjs';
import { benchStartup } from './lib/startup.mjs';
import { benchScale } from './lib/scale.mjs';
import { benchInsights, inFlightOf } from './lib/insights.mjs';
import { crateBreakdown } from './lib/wasm-crates.mjs';
import { residentMb } from './lib/emulator.mjs';
import { ratio, round } from './lib/stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const env = (name, fallback) => process.env[name] ?? fallback;
const SITE_URL = env('SITE_URL', 'http://127.0.0.1:8080/').replace(/\/?$/, '/');
const EMULATOR_URL = env('EMULATOR_URL', 'http://127.0.0.1:8081').replace(/\/$/, '');
const DIST_DIR = env('DIST_DIR', join(here, '..', 'dist'));
const MODE = env('BENCH_MODE', 'full');
const OUT = env('BENCH_OUT', join(here, 'results', MODE === 'smoke' ? 'tmp/smoke.json' : 'latest.json'));
const CHROMIUM = env('CHROMIUM_PATH', '/usr/bin/chromium');
const EXTRAS = JSON.parse(env('BENCH_EXTRAS', '{}'));
const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-precise-memory-info',
];

/**
 * Time limits and sample counts of each mode; `scale` is the lighter plan
 * of the scale curve's sizes (load and keystrokes only), `startupSamples`
 * the cold starts of each page, `insights` the Failures screen's.
 */
const PLANS = {
  full: {
    loadTimeoutMs: 300_000, interactionTimeoutMs: 30_000, baselineRepeats: 3, needles: 2, needleLength: 6, sortRounds: 2, scrollSteps: 240,
    scale: { loadTimeoutMs: 600_000, interactionTimeoutMs: 10_000, baselineRepeats: 0, needles: 2, needleLength: 6, sortRounds: 0, scrollSteps: 0 },
    startupSamples: 7,
    insights: { loadTimeoutMs: 300_000, baselineRepeats: 3 },
  },
  smoke: {
    loadTimeoutMs: 60_000, interactionTimeoutMs: 10_000, baselineRepeats: 1, needles: 1, needleLength: 2, sortRounds: 1, scrollSteps: 20,
    scale: { loadTimeoutMs: 60_000, interactionTimeoutMs: 10_000, baselineRepeats: 0, needles: 1, needleLength: 2, sortRounds: 0, scrollSteps: 0 },
    startupSamples: 2,
    insights: { loadTimeoutMs: 120_000, baselineRepeats: 1 },
  },
};

/** Figures every run must report (a number, or null with a reason in `details.null_reasons`). */
const REQUIRED = [
  'load_ratio', 'keystroke_floor_ratio', 'scroll_floor_ratio', 'sort_floor_ratio', 'bundle_gzip_bytes',
  'startup_ms', 'startup_floor_ratio', 'scale_load_exponent', 'scale_keystroke_ratio', 'memory_mb_300k',
  'insights_failures_ms', 'insights_baseline_ms', 'insights_failures_ratio',
  'ag_filter_ratio', 'ag_sort_ratio', 'dom_rows', 'memory_mb',
];

const started = Date.now();
const log = (message) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

/** The machine the figures come from. */
function machine() {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) model = line.split(':')[1].trim();
  } catch (_) {
    // not Linux: os.cpus() is enough
  }
  return { cpu: model, cores: cpus().length, memory_gb: round(totalmem() / 1073741824, 1), node: process.version };
}

/** The rows the viewer fetched, fetched again in Node, and needles chosen from them. */
async function sameRows(requests, plan) {
  const fetched = await fetchPages(requests);
  log(`fetched the same ${requests.length} pages in Node: ${fetched.rows.length} rows in ${round(fetched.ms)} ms`);
  const haystack = (row) => `${row.subject?.id ?? ''} ${row.id ?? ''}`.toLowerCase();
  let needles = pickNeedles(fetched.rows, haystack, plan.needles, plan.needleLength);
  if (needles.length === 0) needles = [(fetched.rows[0]?.subject?.id ?? 'ab').replace(/-/g, '').slice(0, plan.needleLength)];
  return { ...fetched, needles };
}

/** Runs `part`, or records why it could not: `reasons[key]` for each of `keys`. */
async function guarded(name, keys, reasons, part) {
  try {
    return await part();
  } catch (error) {
    log(`${name} could not be measured: ${error.stack ?? error}`);
    for (const key of keys) reasons[key] ??= `${name} failed: ${String(error.message ?? error).split('\n')[0]}`;
    return null;
  }
}

async function main() {
  const plan = PLANS[MODE];
  if (!plan) throw new Error(`BENCH_MODE must be full or smoke, not ${MODE}`);
  const reasons = {};
  const bundle = measureBundle(DIST_DIR);
  log(`bundle: ${bundle.raw} bytes raw, ${bundle.gzip} bytes gzip`);
  let crates = null;
  if (EXTRAS.wasm_named) {
    try {
      crates = crateBreakdown(EXTRAS.wasm_named);
      log(`wasm by crate: ${crates.crates.slice(0, 5).map((c) => `${c.crate} ${c.percent} %`).join(', ')}…`);
    } catch (error) {
      crates = { error: `no per-crate breakdown: ${error.message}` };
      log(crates.error);
    }
  }
  const run = await biggestRun(EMULATOR_URL);
  log(`run: ${run.users} users in "${run.workflowName}" (${run.runId})`);
  const launch = () => chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  let browser = await launch();
  const version = browser.version();
  // A browser that went away (crashed or killed) is started again for the next part.
  const live = async () => {
    if (!browser.isConnected()) {
      log('the browser went away: starting it again');
      browser = await launch();
    }
    return browser;
  };
  const newContext = async () => {
    const context = await (await live()).newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript({ path: join(here, 'lib', 'probe.js') });
    return context;
  };
  let rows = null;
  try {
    const startup = await guarded('startup', ['startup_ms', 'startup_floor_ratio'], reasons, () =>
      // A browser of its own, closed afterwards: the cold starts leave nothing behind.
      launch().then(async (own) => {
        try {
          return await benchStartup(own, SITE_URL, EXTRAS.startup_floor_url, plan.startupSamples, log);
        } finally {
          await own.close().catch(() => {});
        }
      }),
    );
    if (startup && !EXTRAS.startup_floor_url) reasons.startup_floor_ratio = 'no startup floor page (BENCH_EXTRAS.startup_floor_url)';
    const context = await newContext();
    const viewer = await benchViewer(context, SITE_URL, {
      ...plan,
      profileDir: join(here, 'results', 'tmp'),
      run,
      needles: async (requests) => {
        rows = await sameRows(requests, plan);
        return rows.needles;
      },
    }, log);
    await context.close();
    /** Runs `part` in a fresh context, closed afterwards. */
    const inContext = async (part) => {
      const c = await newContext();
      try {
        return await part(c);
      } finally {
        await c.close().catch(() => {});
      }
    };
    const agKeys = ['ag_filter_ratio', 'ag_sort_ratio'];
    const ag = (await guarded('AG Grid', agKeys, reasons, () =>
      inContext((c) => benchAgGrid(c, rows.rows, { ...plan, needlesList: rows.needles }, log)),
    )) ?? { figures: {}, version: null, sortByColumn: null };
    const floorKeys = ['keystroke_floor_ratio', 'scroll_floor_ratio', 'sort_floor_ratio'];
    const floor = (await guarded('the floor page', floorKeys, reasons, () =>
      inContext((c) => benchFloor(c, { ...plan, needlesList: rows.needles }, log)),
    )) ?? {};
    const f = viewer.figures;
    const rowCount = rows.rows.length;
    rows.rows = null; // the scale curve's loads need the memory more
    const scaleKeys = ['scale_load_exponent', 'scale_keystroke_ratio', 'memory_mb_300k'];
    const points = EXTRAS.scale ?? [];
    // The main run is the curve's 100,000 point (same load and keystrokes).
    const mainPoint = MODE === 'full' ? [{
      results: run.users,
      users: run.users,
      load_ms: f.load_ms,
      keystroke_p50_ms: f.filter_keystroke_p50_ms,
      keystroke_p95_ms: f.filter_keystroke_p95_ms,
      keystrokes: f.filter_keystrokes,
      memory_mb: f.memory_mb,
      memory_wasm_mb: f.memory_wasm_mb,
      emulator_fetch_all_ms: round(rows.ms),
      emulator_rss_mb: residentMb(EXTRAS.main_emulator_pid),
      main_run: true,
    }] : [];
    let scale = null;
    if (points.length === 0) {
      for (const key of scaleKeys) reasons[key] = 'no scale emulators were started (BENCH_EXTRAS.scale)';
    } else {
      scale = await guarded('the scale curve', scaleKeys, reasons, () => benchScale(newContext, points, mainPoint, plan.scale, log));
      if (scale?.reasons) for (const key of scaleKeys) reasons[key] ??= scale.reasons;
      if (scale && scale.figures.memory_mb_300k === null) reasons.memory_mb_300k ??= `the curve's largest size is ${scale.figures.scale_largest_results} results`;
    }
    const insightsKeys = ['insights_failures_ms', 'insights_baseline_ms', 'insights_failures_ratio'];
    let insights = null;
    if (!EXTRAS.insights || EXTRAS.insights.error) {
      for (const key of insightsKeys) reasons[key] = EXTRAS.insights?.error ?? 'no Failures emulator was started (BENCH_EXTRAS.insights)';
    } else {
      const inFlight = inFlightOf(EXTRAS.viewer_source ? join(EXTRAS.viewer_source, 'app', 'tenant.rs') : join(here, '..', 'src', 'app', 'tenant.rs'));
      insights = await guarded('the Failures screen', insightsKeys, reasons, () =>
        inContext((c) => benchInsights(c, EXTRAS.insights, { ...plan.insights, inFlight, profileDir: join(here, 'results', 'tmp') }, log)),
      );
      if (insights?.reason) for (const key of insightsKeys) reasons[key] ??= insights.reason;
    }
    const figures = {
      bundle_gzip_bytes: bundle.gzip,
      bundle_raw_bytes: bundle.raw,
      ...Object.fromEntries(Object.entries(bundle.byKind).flatMap(([k, v]) => [[`bundle_${k}_raw_bytes`, v.raw], [`bundle_${k}_gzip_bytes`, v.gzip]])),
      ...f,
      load_ratio: ratio(f.load_ms, f.load_baseline_ms),
      ...ag.figures,
      ag_filter_ratio: ratio(f.filter_keystroke_p95_ms, ag.figures.ag_filter_p95_ms),
      ag_sort_ratio: ratio(f.sort_p95_ms, ag.figures.ag_sort_p95_ms),
      ...floor,
      keystroke_floor_ratio: ratio(f.filter_keystroke_p95_ms, floor.floor_rewrite_keystroke_p95_ms),
      scroll_floor_ratio: ratio(f.scroll_frames_over_16ms_p95, floor.floor_scroll_rows_frame_p95_ms),
      sort_floor_ratio: ratio(f.sort_p95_ms, floor.floor_rewrite_keystroke_p95_ms),
      startup_ms: startup?.startup_ms ?? null,
      startup_floor_ms: startup?.startup_floor_ms ?? null,
      startup_floor_ratio: ratio(startup?.startup_ms, startup?.startup_floor_ms),
      scale_load_exponent: null,
      scale_keystroke_ratio: null,
      memory_mb_300k: null,
      ...(scale?.figures ?? {}),
      insights_failures_ms: insights?.figures.insights_failures_ms ?? null,
      insights_baseline_ms: insights?.figures.insights_baseline_ms ?? null,
      insights_failures_ratio: ratio(insights?.figures.insights_failures_ms, insights?.figures.insights_baseline_ms),
      insights_requests: insights?.figures.insights_requests ?? null,
      insights_workflows: insights?.figures.insights_workflows ?? null,
      emulator_fetch_all_ms: round(rows.ms),
      emulator_rows_per_s: rows.ms > 0 ? Math.round(rowCount / (rows.ms / 1000)) : null,
      run_users: run.users,
      harness_seconds: Math.round((Date.now() - started) / 1000),
    };
    if (f.load_ms === null) reasons.load_ratio ??= `the load did not finish within ${plan.loadTimeoutMs / 1000} s`;
    if (startup?.missing) reasons.startup_ms ??= 'some cold starts did not reach the form within 30 s (median of the rest)';
    for (const key of REQUIRED) {
      if (figures[key] === null || figures[key] === undefined) {
        figures[key] = null;
        reasons[key] ??= 'not measured: see the harness log';
      } else {
        delete reasons[key];
      }
    }
    return {
      machine: { ...machine(), chromium: version },
      date: new Date().toISOString(),
      mode: MODE,
      figures,
      details: {
        null_reasons: reasons,
        run,
        needles: rows.needles,
        bundle: bundle.byKind,
        bundle_crates: crates,
        startup: startup?.samples ?? null,
        scale_points: scale?.points ?? points,
        insights: insights ? { ...insights.details, workflows_asked: EXTRAS.insights?.workflows ?? null } : null,
        ag_grid_version: ag.version,
        site_build: env('BENCH_SITE_BUILD', 'index.html'),
        sort_ms_by_column: { viewer: viewer.sortByColumn, ag_grid: ag.sortByColumn },
        page_errors: viewer.problems.slice(0, 10),
      },
    };
  } finally {
    await browser.close();
  }
}

main()
  .then((result) => {
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
    log(`wrote ${OUT}`);
    // A browser that lost its connection can outlive the run: do not wait for it.
    process.exit(0);
  })
  .catch((error) => {
    console.error(`[bench] the harness broke: ${error.stack ?? error}`);
    process.exit(1);
  });
