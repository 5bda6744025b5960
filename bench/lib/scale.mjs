// The scale curve: the viewer's load time and keystroke latency at several
// sizes of the large run (graph-emulator `--scale large --results N`, one
// emulator and one served site each, started by xtask). Each size runs the
// same load and keystroke measurement as the main run (lib/viewer.mjs),
// with a lighter plan: no fetch+parse baseline, no sorts, no scroll. The
// main run's own load can stand in for its size (`extra`).
import { biggestRun, fetchPages, residentMb } from './emulator.mjs';
import { pickNeedles } from './interact.mjs';
import { benchViewer } from './viewer.mjs';
import { logLogSlope, ratio, round } from './stats.mjs';

/** What the needles are chosen from: the ids only (300,000 rows stay small). */
const keepIds = (row) => ({ id: row.id, subject: { id: row.subject?.id } });

/**
 * Needles from the same rows the viewer fetched, fetched again in Node
 * (sequentially; the time it took is the emulator's own share, kept in
 * `timing.emulatorMs`).
 */
async function needlesFor(requests, plan, timing) {
  const fetched = await fetchPages(requests, keepIds);
  timing.emulatorMs = fetched.ms;
  const haystack = (row) => `${row.subject?.id ?? ''} ${row.id ?? ''}`.toLowerCase();
  const needles = pickNeedles(fetched.rows, haystack, plan.needles, plan.needleLength);
  return needles.length ? needles : [(fetched.rows[0]?.subject?.id ?? 'ab').replace(/-/g, '').slice(0, plan.needleLength)];
}

/** One size: { results, load_ms, keystroke_p95_ms, memory_mb, … } or its error. */
async function onePoint(newContext, point, plan, log) {
  if (point.error) return { results: point.results, error: point.error };
  const run = await biggestRun(point.emulator);
  const at = (message) => log(`[${point.results} results] ${message}`);
  at(`run ${run.runId}: ${run.users} users; emulator ${residentMb(point.pid) ?? '?'} MB resident`);
  const context = await newContext();
  const timing = { emulatorMs: null };
  try {
    const viewer = await benchViewer(context, point.site, {
      ...plan,
      run,
      needles: (requests) => needlesFor(requests, plan, timing),
    }, at);
    const f = viewer.figures;
    return {
      results: point.results,
      users: run.users,
      load_ms: f.load_ms,
      load_pages: f.load_pages,
      keystroke_p50_ms: f.filter_keystroke_p50_ms,
      keystroke_p95_ms: f.filter_keystroke_p95_ms,
      keystrokes: f.filter_keystrokes,
      keystrokes_unchanged: f.filter_keystrokes_unchanged,
      memory_mb: f.memory_mb,
      memory_wasm_mb: f.memory_wasm_mb,
      emulator_fetch_all_ms: round(timing.emulatorMs),
      emulator_rss_mb: residentMb(point.pid),
      page_errors: f.page_errors,
    };
  } finally {
    await context.close();
  }
}

/**
 * Measures every point (`{ results, site, emulator, pid }` or `{ results,
 * error }`); `extra` points measured elsewhere join the curve. Returns the
 * figures and the points.
 */
export async function benchScale(newContext, points, extra, plan, log) {
  const measured = [];
  for (const point of points) {
    try {
      measured.push(await onePoint(newContext, point, plan, log));
    } catch (error) {
      log(`scale point ${point.results}: ${error.message}`);
      measured.push({ results: point.results, error: error.message });
    }
  }
  const all = [...measured, ...extra].sort((a, b) => a.results - b.results);
  const usable = all.filter((p) => typeof p.load_ms === 'number');
  const smallest = all[0];
  const largest = all[all.length - 1];
  const exponent = usable.length === all.length && all.length >= 2 ? logLogSlope(usable.map((p) => [p.results, p.load_ms])) : null;
  // The emulator's own share: the same pages fetched sequentially by Node.
  const fetched = all.filter((p) => typeof p.emulator_fetch_all_ms === 'number');
  const emulatorExponent = fetched.length === all.length && all.length >= 2 ? logLogSlope(fetched.map((p) => [p.results, p.emulator_fetch_all_ms])) : null;
  const keystrokeRatio = all.length >= 2 ? ratio(largest.keystroke_p95_ms, smallest.keystroke_p95_ms) : null;
  return {
    figures: {
      scale_load_exponent: round(exponent, 3),
      scale_emulator_exponent: round(emulatorExponent, 3),
      scale_keystroke_ratio: keystrokeRatio,
      memory_mb_300k: largest.results === 300_000 ? largest.memory_mb ?? null : null,
      scale_largest_memory_mb: largest.memory_mb ?? null,
      scale_largest_results: largest.results,
      scale_largest_load_ms: largest.load_ms ?? null,
      scale_largest_keystroke_p95_ms: largest.keystroke_p95_ms ?? null,
      scale_smallest_keystroke_p95_ms: smallest.keystroke_p95_ms ?? null,
    },
    points: all,
    reasons: reasonsFor(all),
  };
}

/** Why curve figures are missing: the points that failed and how. */
function reasonsFor(points) {
  const failed = points.filter((p) => p.error || typeof p.load_ms !== 'number');
  if (failed.length === 0) return null;
  return failed
    .map((p) => `${p.results} results: ${p.error ?? 'the load did not finish in time'}`)
    .join('; ');
}
