// Opt-in CPU profiles (BENCH_PROFILE=1): the V8 sampling profiler over one
// phase of the viewer run (load, keystrokes, sorts, scroll) and of the
// Failures screen, through CDP.
// Writes the raw profile (open it in DevTools' Performance panel) and a
// summary of self time by function to bench/results/tmp/, never to
// latest.json: profiling slows the page down, so its figures are not kept.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Whether this run captures profiles. */
export const PROFILING = process.env.BENCH_PROFILE === '1';

/** Starts the sampling profiler on `page`; returns a stop function. */
export async function startProfile(page, name, outDir, log) {
  if (!PROFILING) return async () => {};
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, `profile-${name}.cpuprofile`), JSON.stringify(profile));
    const top = selfTimes(profile).slice(0, 30);
    writeFileSync(join(outDir, `profile-${name}.top.json`), `${JSON.stringify(top, null, 1)}\n`);
    const inclusive = inclusiveTimes(profile).slice(0, 60);
    writeFileSync(join(outDir, `profile-${name}.inclusive.json`), `${JSON.stringify(inclusive, null, 1)}\n`);
    log(`profile ${name}: ${top.slice(0, 8).map((t) => `${t.name} ${t.ms} ms`).join(', ')}`);
  };
}

/** A profile node's function name and file. */
function frameName(node) {
  const frame = node?.callFrame ?? {};
  const where = frame.url ? frame.url.split('/').pop().split('?')[0] : '';
  return `${frame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
}

/** `{ name, ms }` sorted, most first. */
function ranked(counts) {
  return [...counts.entries()]
    .map(([name, ms]) => ({ name, ms: Math.round(ms) }))
    .sort((a, b) => b.ms - a.ms);
}

/** Self time per function (ms), most first; wasm frames keep their index names. */
export function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map();
  profile.samples.forEach((id, i) => {
    const name = frameName(byId.get(id));
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    counts.set(name, (counts.get(name) ?? 0) + dt);
  });
  return ranked(counts);
}

/**
 * Inclusive time per function (ms): the samples with the function anywhere
 * on their stack (counted once per sample however often it recurs).
 */
export function inclusiveTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const counts = new Map();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const name = frameName(byId.get(at));
      if (!seen.has(name)) {
        seen.add(name);
        counts.set(name, (counts.get(name) ?? 0) + dt);
      }
    }
  });
  return ranked(counts);
}
