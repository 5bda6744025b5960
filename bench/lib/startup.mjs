// Startup: from navigation (the document's time origin) to an interactive
// sign-in screen, cold: every sample is a new browser context (empty HTTP
// cache) with the cache disabled too (CDP). "Interactive" means the
// "Access token" field (#token) is in the document, enabled and laid out
// and, for the viewer, Trunk's loader has announced the wasm app
// (`TrunkApplicationStarted`); the time is the painted time of the frame
// that shows it (the next frame's message, as in probe.js). The floor is a
// plain HTML page with the same form (bench/startup-floor/), served by the
// same static server. Samples alternate between the two; medians.
import { median, round } from './stats.mjs';

/** In-page readiness watch; `needsWasm` for the viewer. */
const WATCH = (needsWasm) => `(() => {
  let wasm = ${needsWasm ? 'false' : 'true'};
  let done = false;
  let resolve;
  window.__startup = new Promise((r) => { resolve = r; });
  const ready = () => {
    const field = document.getElementById('token');
    return wasm && !!field && !field.disabled && !field.readOnly && field.getClientRects().length > 0;
  };
  const painted = () => new Promise((r) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => r(performance.now());
    channel.port2.postMessage(0);
  }));
  const check = () => {
    if (done || !ready()) return;
    done = true;
    const readyAt = performance.now();
    painted().then((at) => resolve({ readyAt, painted: at }));
  };
  addEventListener('TrunkApplicationStarted', () => { wasm = true; check(); });
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

/** One cold navigation to `url`: ms from navigation to the painted interactive form. */
export async function coldStart(browser, url, needsWasm, timeoutMs) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript({ content: WATCH(needsWasm) });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.goto(url, { waitUntil: 'commit' });
    const outcome = await Promise.race([
      page.evaluate(() => window.__startup),
      new Promise((resolve) => setTimeout(() => resolve(null), timeoutMs)),
    ]);
    return outcome ? outcome.painted : null;
  } finally {
    await context.close();
  }
}

/**
 * `samples` cold starts of the viewer (`siteUrl`, its sign-in screen) and
 * of the floor page (`floorUrl`), alternating; medians and every sample.
 */
export async function benchStartup(browser, siteUrl, floorUrl, samples, log) {
  const viewer = [];
  const floor = [];
  for (let i = 0; i < samples; i += 1) {
    viewer.push(await coldStart(browser, siteUrl, true, 30_000));
    if (floorUrl) floor.push(await coldStart(browser, floorUrl, false, 30_000));
  }
  const ms = round(median(viewer));
  const floorMs = round(median(floor));
  log(`startup: viewer ${viewer.map((v) => round(v)).join(', ')} ms; floor ${floor.map((v) => round(v)).join(', ')} ms`);
  return {
    startup_ms: ms,
    startup_floor_ms: floorMs,
    samples: { viewer: viewer.map((v) => round(v)), floor: floor.map((v) => round(v)) },
    missing: viewer.some((v) => v === null) || floor.some((v) => v === null),
  };
}
