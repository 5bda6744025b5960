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
