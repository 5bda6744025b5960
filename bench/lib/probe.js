// In-page instrumentation, added to every page (the viewer and the AG Grid
// page alike) with `addInitScript`, so both are timed by the same code.
//
// Frames: a rAF loop posts a MessageChannel message from the first rAF
// callback of every frame; that message runs only after the frame's style,
// layout and paint, so its arrival time is the frame's "painted" time. A
// frame's work is painted time minus the frame's begin time (the rAF
// timestamp, i.e. BeginFrame, before scroll events and rAF callbacks ran).
//
// Interactions: `arm(kinds)` snapshots a signature of what the user sees
// (count line + first rows); the first later event of `kinds` gives t0
// (its `timeStamp`); a MutationObserver notices when the signature changes
// and the next "painted" time after that is t1. Latency = t1 - t0.
(() => {
  if (window.__bench) return;
  const probe = {
    wasm: null,
    config: { count: '.count-line', firstRows: [], rowSelector: null, rowKey: null, keyAttr: 'id' },
    frames: [],
    recording: false,
    inFrame: false,
    current: null,
    paintWaiters: [],
    armed: null,
    lastEvent: {},
  };
  window.__bench = probe;

  addEventListener('TrunkApplicationStarted', (event) => {
    probe.wasm = event.detail && event.detail.wasm;
  });
  try {
    performance.setResourceTimingBufferSize(1000000);
  } catch (_) {
    // older browsers: the default buffer (enough for the smoke run)
  }

  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const painted = performance.now();
    const frame = probe.current;
    probe.inFrame = false;
    if (frame) {
      frame.painted = painted;
      if (probe.recording) probe.frames.push(frame);
    }
    const waiters = probe.paintWaiters;
    probe.paintWaiters = [];
    for (const resolve of waiters) resolve(painted);
  };
  function tick(begin) {
    probe.inFrame = true;
    probe.current = { begin, painted: 0 };
    channel.port2.postMessage(0);
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);

  /** Resolves with the painted time of the frame that shows the DOM as it is now. */
  probe.nextPaint = () => new Promise((resolve) => probe.paintWaiters.push(resolve));

  /** Resolves after `n` frames. */
  probe.frames_ = async (n) => {
    for (let i = 0; i < n; i += 1) await probe.nextPaint();
  };

  for (const kind of ['keydown', 'click', 'pointerdown', 'input']) {
    addEventListener(
      kind,
      (event) => {
        probe.lastEvent[kind] = event.timeStamp;
        const armed = probe.armed;
        if (armed && armed.t0 === null && armed.kinds.includes(kind)) armed.t0 = event.timeStamp;
      },
      { capture: true },
    );
  }

  /** Text of the first element matching `selector`, or ''. */
  const textOf = (selector) => {
    const el = selector ? document.querySelector(selector) : null;
    return el ? el.textContent : '';
  };

  /**
   * Which rows the user sees: the count line and the identity of the first
   * rows (an attribute, so names filled in later do not count as a change).
   */
  const keyOf = (selector) => {
    const row = document.querySelector(selector);
    if (!row) return '';
    const { rowKey, keyAttr } = probe.config;
    const el = rowKey ? row.querySelector(rowKey) : row;
    return el ? el.getAttribute(keyAttr) ?? '' : '';
  };
  probe.signature = () => [textOf(probe.config.count), ...probe.config.firstRows.map(keyOf)].join('|');

  /** Numbers in the count line "A of B users" (B may be absent). */
  probe.count = () => {
    const numbers = (textOf(probe.config.count).match(/[\d,]+/g) || []).map((n) =>
      Number(n.replace(/,/g, '')),
    );
    return { shown: numbers[0] ?? null, total: numbers[1] ?? numbers[0] ?? null };
  };

  /**
   * Calls `test` after every DOM mutation until it returns true, then
   * resolves with { changedAt, painted } or { timedOut: true }.
   */
  probe.watch = (test, timeoutMs) =>
    new Promise((resolve) => {
      let done = false;
      const finish = (value) => {
        if (done) return;
        done = true;
        observer.disconnect();
        clearTimeout(timer);
        resolve(value);
      };
      const check = () => {
        if (done || !test()) return;
        const changedAt = performance.now();
        done = true;
        observer.disconnect();
        clearTimeout(timer);
        probe.nextPaint().then((painted) => resolve({ changedAt, painted }));
      };
      const observer = new MutationObserver(check);
      observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      const timer = setTimeout(() => finish({ timedOut: true }), timeoutMs);
      check();
    });

  /** Prepares one interaction: t0 from the next event of `kinds`. */
  probe.arm = (kinds, timeoutMs) => {
    const before = probe.signature();
    const armed = { kinds, t0: null, armedAt: performance.now(), before };
    // Only changes after the action's event count.
    armed.result = probe.watch(() => armed.t0 !== null && probe.signature() !== before, timeoutMs);
    probe.armed = armed;
    return before;
  };

  /** Waits for the armed interaction: { ms, changed }. */
  probe.settle = async () => {
    const armed = probe.armed;
    const outcome = await armed.result;
    probe.armed = null;
    if (outcome.timedOut) return { ms: null, changed: false, sawEvent: armed.t0 !== null };
    const t0 = armed.t0 ?? armed.armedAt;
    return { ms: outcome.painted - t0, changed: true, sawEvent: armed.t0 !== null };
  };

  /** Data rows in the DOM (the configured row selector). */
  probe.domRows = () => document.querySelectorAll(probe.config.rowSelector).length;

  /**
   * Scrolls `selector` from the top to the end in `steps` frames (one
   * scrollTop write per frame) and returns every frame's timing meanwhile.
   */
  probe.scrollToEnd = async (selector, steps) => {
    const el = document.querySelector(selector);
    if (!el) return null;
    el.scrollTop = 0;
    await probe.frames_(5);
    const max = el.scrollHeight - el.clientHeight;
    probe.frames = [];
    probe.recording = true;
    let maxRows = 0;
    for (let i = 1; i <= steps; i += 1) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      el.scrollTop = Math.round((max * i) / steps);
      if (i % 10 === 0) maxRows = Math.max(maxRows, probe.domRows());
    }
    await probe.frames_(10);
    probe.recording = false;
    maxRows = Math.max(maxRows, probe.domRows());
    const frames = probe.frames.map((f) => ({ begin: f.begin, work: f.painted - f.begin }));
    const intervals = frames.slice(1).map((f, i) => f.begin - frames[i].begin);
    return {
      work: frames.map((f) => f.work),
      intervals,
      scrollTop: el.scrollTop,
      max,
      maxRows,
    };
  };

  /** JS heap (precise with --enable-precise-memory-info) and wasm memory, bytes. */
  probe.memory = () => {
    const memory = probe.wasm && probe.wasm.memory;
    return {
      jsHeapUsed: performance.memory ? performance.memory.usedJSHeapSize : null,
      wasmBytes: memory ? memory.buffer.byteLength : null,
    };
  };

  /** startTime of the first resource entry whose URL matches `pattern`. */
  probe.firstRequestStart = (pattern) => {
    const re = new RegExp(pattern);
    const entries = performance.getEntriesByType('resource').filter((e) => re.test(e.name));
    return { start: entries.length ? entries[0].startTime : null, count: entries.length };
  };

  /** Fetches `requests` one after another with fetch() + JSON.parse only. */
  probe.replay = async (requests) => {
    const started = performance.now();
    let rows = 0;
    for (const request of requests) {
      const headers = request.authorization ? { Authorization: request.authorization } : {};
      const response = await fetch(request.url, { headers, cache: 'no-store' });
      const body = JSON.parse(await response.text());
      rows += Array.isArray(body.value) ? body.value.length : 0;
    }
    return { ms: performance.now() - started, rows };
  };
})();
