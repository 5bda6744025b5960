// The benchmark harness behind `cargo xtask bench`. Environment:
//   SITE_URL, EMULATOR_URL  the served release site and graph-emulator
//   DIST_DIR                the built site (for B1)
//   BENCH_MODE              `full` (default, --scale large) or `smoke`
//   BENCH_OUT               where to write the result JSON
//   BENCH_PROFILE=1         also write CPU profiles of each viewer phase to
//                           bench/results/tmp/ (see lib/profile.mjs)
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
import { ratio, round } from './lib/stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const env = (name, fallback) => process.env[name] ?? fallback;
const SITE_URL = env('SITE_URL', 'http://127.0.0.1:8080/').replace(/\/?$/, '/');
const EMULATOR_URL = env('EMULATOR_URL', 'http://127.0.0.1:8081').replace(/\/$/, '');
const DIST_DIR = env('DIST_DIR', join(here, '..', 'dist'));
const MODE = env('BENCH_MODE', 'full');
const OUT = env('BENCH_OUT', join(here, 'results', MODE === 'smoke' ? 'tmp/smoke.json' : 'latest.json'));
const CHROMIUM = env('CHROMIUM_PATH', '/usr/bin/chromium');
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

/** Time limits and sample counts of each mode. */
const PLANS = {
  full: { loadTimeoutMs: 300_000, interactionTimeoutMs: 30_000, baselineRepeats: 3, needles: 2, needleLength: 6, sortRounds: 2, scrollSteps: 240 },
  smoke: { loadTimeoutMs: 60_000, interactionTimeoutMs: 10_000, baselineRepeats: 1, needles: 1, needleLength: 2, sortRounds: 1, scrollSteps: 20 },
};

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

async function main() {
  const plan = PLANS[MODE];
  if (!plan) throw new Error(`BENCH_MODE must be full or smoke, not ${MODE}`);
  const bundle = measureBundle(DIST_DIR);
  log(`bundle: ${bundle.raw} bytes raw, ${bundle.gzip} bytes gzip`);
  const run = await biggestRun(EMULATOR_URL);
  log(`run: ${run.users} users in "${run.workflowName}" (${run.runId})`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const version = browser.version();
  let rows = null;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript({ path: join(here, 'lib', 'probe.js') });
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
    const agContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await agContext.addInitScript({ path: join(here, 'lib', 'probe.js') });
    const ag = await benchAgGrid(agContext, rows.rows, { ...plan, needlesList: rows.needles }, log);
    await agContext.close();
    const floorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await floorContext.addInitScript({ path: join(here, 'lib', 'probe.js') });
    const floor = await benchFloor(floorContext, { ...plan, needlesList: rows.needles }, log);
    await floorContext.close();
    const f = viewer.figures;
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
      emulator_fetch_all_ms: round(rows.ms),
      emulator_rows_per_s: rows.ms > 0 ? Math.round(rows.rows.length / (rows.ms / 1000)) : null,
      run_users: run.users,
      harness_seconds: Math.round((Date.now() - started) / 1000),
    };
    return {
      machine: { ...machine(), chromium: version },
      date: new Date().toISOString(),
      mode: MODE,
      figures,
      details: {
        run,
        needles: rows.needles,
        bundle: bundle.byKind,
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
  })
  .catch((error) => {
    console.error(`[bench] the harness broke: ${error.stack ?? error}`);
    process.exit(1);
  });
