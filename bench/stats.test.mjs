// `node --test bench/stats.test.mjs`: the harness's statistics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countOver, percentile, ratio, round, summary } from './lib/stats.mjs';
import { gzipSize, kindOf } from './lib/bundle.mjs';

test('nearest-rank percentiles', () => {
  const values = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
  assert.equal(percentile(values, 50), 5);
  assert.equal(percentile(values, 95), 10);
  assert.equal(percentile(values, 0), 1);
  assert.equal(percentile([42], 95), 42);
  assert.equal(percentile([], 50), null);
  assert.equal(percentile([null, 3], 50), 3);
});

test('counts, ratios and rounding', () => {
  assert.equal(countOver([10, 16, 16.1, 40], 16), 2);
  assert.equal(ratio(3, 2), 1.5);
  assert.equal(ratio(3, 0), null);
  assert.equal(ratio(null, 2), null);
  assert.equal(round(1.26, 1), 1.3);
  assert.equal(round(undefined), null);
});

test('summary ignores missing samples', () => {
  assert.deepEqual(summary([1, null, 3, 2]), { p50: 2, p95: 3, max: 3, count: 3 });
  assert.deepEqual(summary([]), { p50: null, p95: null, max: null, count: 0 });
});

test('bundle kinds and gzip', () => {
  assert.equal(kindOf('app-123_bg.wasm'), 'wasm');
  assert.equal(kindOf('index.html'), 'html');
  assert.equal(kindOf('config.json'), null);
  assert.ok(gzipSize(Buffer.from('a'.repeat(1000))) < 100);
});

import { logLogSlope, median } from './lib/stats.mjs';
import { crateOf, lebLength, parseWasm, readLeb } from './lib/wasm-crates.mjs';
import { groupRequests, inFlightOf } from './lib/insights.mjs';

test('log-log slope of the scale curve', () => {
  const close = (a, b) => assert.ok(Math.abs(a - b) < 1e-9, `${a} vs ${b}`);
  close(logLogSlope([[10_000, 2], [100_000, 20], [300_000, 60]]), 1);
  close(logLogSlope([[10, 100], [100, 10_000], [1000, 1_000_000]]), 2);
  close(logLogSlope([[1, 5], [1000, 5]]), 0);
  // Least squares over three points that are not on one line.
  const points = [[10_000, 1_900], [100_000, 17_800], [300_000, 60_000]];
  const xs = points.map(([x]) => Math.log(x));
  const ys = points.map(([, y]) => Math.log(y));
  const mx = xs.reduce((a, b) => a + b) / 3;
  const my = ys.reduce((a, b) => a + b) / 3;
  const expected = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  close(logLogSlope(points), expected);
  assert.equal(logLogSlope([[10, 1]]), null);
  assert.equal(logLogSlope([[10, 1], [10, 2]]), null);
  assert.equal(logLogSlope([[10, null], [100, 2], [0, 3]]), null);
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([]), null);
});

test('crates of wasm function names', () => {
  assert.equal(crateOf('_ZN5serde2de5Visit17h0123456789abcdefE'), 'serde');
  assert.equal(crateOf('_RNvCs1234_6tachys4view'), 'tachys');
  assert.equal(crateOf('_RNvNtCs9b_16lifecycle_viewer5table4sort'), 'lifecycle_viewer');
  assert.equal(crateOf('reactive_graph::effect::Effect::new::h1234'), 'reactive_graph');
  assert.equal(crateOf('<tachys::html::element::HtmlElement<E> as tachys::view::Render>::build'), 'tachys');
  assert.equal(crateOf('core::ptr::drop_in_place<leptos::Foo>'), 'core');
  assert.equal(crateOf('<&mut serde_json::de::Deserializer as serde::Deserializer>::x'), 'serde_json');
  assert.equal(crateOf('__wbg_fetch_1234'), 'wasm_bindgen');
  assert.equal(crateOf('dlmalloc'), 'std (runtime)');
  assert.equal(crateOf(undefined), '(unnamed)');
  assert.equal(crateOf('main'), '(other)');
});

/** A tiny module: one imported function, two bodies, a name section. */
function tinyWasm() {
  const name = (text) => [text.length, ...Buffer.from(text)];
  const section = (id, payload) => [id, payload.length, ...payload];
  const names = [2, 1, ...name('serde_json::from_str'), 2, ...name('_ZN6leptos3run17hE')];
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 0, 0]),
    ...section(2, [1, ...name('m'), ...name('f'), 0x00, 0]),
    ...section(3, [2, 0, 0]),
    ...section(10, [2, 2, 0, 0x0b, 4, 0, 0x01, 0x01, 0x0b]),
    ...section(0, [...name('name'), 1, names.length, ...names]),
  ]);
}

test('wasm code section and names', () => {
  assert.deepEqual(readLeb(Buffer.from([0xe5, 0x8e, 0x26]), 0), [624485, 3]);
  assert.equal(lebLength(127), 1);
  assert.equal(lebLength(128), 2);
  const wasm = parseWasm(tinyWasm());
  assert.equal(wasm.imports, 1);
  assert.deepEqual(wasm.bodies, [{ index: 1, size: 2 }, { index: 2, size: 4 }]);
  assert.equal(wasm.codeSectionBytes, 9);
  assert.equal(1 + 1 + 2 + 1 + 4, wasm.codeSectionBytes, 'count + prefixes + bodies');
  assert.equal(crateOf(wasm.names.get(1)), 'serde_json');
  assert.equal(crateOf(wasm.names.get(2)), 'leptos');
});

test('the Failures requests grouped by workflow', () => {
  const base = 'http://127.0.0.1:9/v1.0/identityGovernance/lifecycleWorkflows';
  const get = (path) => ({ method: 'GET', url: `${base}${path}` });
  const { head, groups, other } = groupRequests([
    get('/workflows?$top=999'),
    get('/workflows/a/runs?$filter=x'),
    get('/workflows/b/runs'),
    get('/workflows/a/runs/r1/userProcessingResults?$expand=taskProcessingResults'),
    { method: 'POST', url: 'http://127.0.0.1:9/v1.0/$batch' },
    get('/workflows?$skiptoken=2'),
  ]);
  assert.equal(head.length, 2);
  assert.deepEqual(groups.map((g) => g.length), [2, 1]);
  assert.equal(other, 1);
  assert.equal(inFlightOf('/nonexistent/tenant.rs'), 3);
});

test('crates of legacy-mangled impl items', () => {
  const legacy = (segment, rest = '3new17h0123456789abcdefE') => `_ZN${segment.length}${segment}${rest}`;
  assert.equal(crateOf(legacy('_$LT$T$u20$as$u20$tachys..view..any_view..IntoAny$GT$')), 'tachys');
  assert.equal(crateOf(legacy('_$LT$lifecycle_viewer..graph..paging..Guarded$LT$F$GT$$u20$as$u20$core..future..future..Future$GT$')), 'lifecycle_viewer');
  assert.equal(crateOf(legacy('_$LT$core..iter..adapters..filter_map..FilterMap$LT$I$C$F$GT$$u20$as$u20$core..iter..traits..iterator..Iterator$GT$')), 'core');
  assert.equal(crateOf(legacy('_$LT$alloc..sync..Arc$LT$dyn$u20$core..ops..function..Fn$LT$$LP$$RP$$GT$$GT$$u20$as$u20$leptos..children..ToChildren$LT$F$GT$$GT$')), 'leptos');
  assert.equal(crateOf(legacy('_$LT$$RF$mut$u20$serde_json..de..Deserializer$LT$R$GT$$u20$as$u20$serde..de..Deserializer$GT$')), 'serde_json');
  assert.equal(crateOf('<F as tachys::reactive_graph::ReactiveFunction>::invoke'), 'tachys');
});

import { inclusiveTimes, selfTimes } from './lib/profile.mjs';

test('profile times: self where a sample stops, inclusive for the whole stack, a recursion once', () => {
  // root(1) → main(2) → parse(3) → parse(4); root → idle(5)
  const node = (id, functionName, children = []) => ({ id, callFrame: { functionName, url: '' }, children });
  const profile = {
    nodes: [node(1, '(root)', [2, 5]), node(2, 'main', [3]), node(3, 'parse', [4]), node(4, 'parse'), node(5, '(idle)')],
    samples: [4, 3, 2, 5],
    timeDeltas: [0, 2000, 3000, 4000, 0],
  };
  assert.deepEqual(selfTimes(profile), [
    { name: 'parse', ms: 5 }, { name: 'main', ms: 4 }, { name: '(idle)', ms: 0 },
  ]);
  const inclusive = Object.fromEntries(inclusiveTimes(profile).map((t) => [t.name, t.ms]));
  assert.deepEqual(inclusive, { '(root)': 9, main: 9, parse: 5, '(idle)': 0 });
});
