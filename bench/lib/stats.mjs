// Small statistics for the harness: nearest-rank percentiles, counts,
// medians and the log-log slope of the scale curve.

/** The p-th percentile (0-100) by nearest rank; null for no samples. */
export function percentile(samples, p) {
  const values = samples.filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** How many samples are strictly above `limit`. */
export function countOver(samples, limit) {
  return samples.filter((v) => typeof v === 'number' && v > limit).length;
}

/** `a / b` rounded, or null when either is missing or b is 0. */
export function ratio(a, b) {
  if (typeof a !== 'number' || typeof b !== 'number' || b === 0) return null;
  return round(a / b, 3);
}

/** Rounds to `digits` decimals; null stays null. */
export function round(value, digits = 1) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** p50, p95, max and count of latency samples (nulls are not counted). */
export function summary(samples) {
  const values = samples.filter((v) => typeof v === 'number');
  return {
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    max: round(values.length ? Math.max(...values) : null),
    count: values.length,
  };
}

/** The median (nearest rank) of the numeric samples; null for none. */
export function median(samples) {
  return percentile(samples, 50);
}

/**
 * Least-squares slope of ln(y) over ln(x) for points `[x, y]` with x, y > 0
 * (the exponent k of y ~ x^k); null with fewer than two usable points or
 * when every x is the same.
 */
export function logLogSlope(points) {
  const usable = points.filter(
    ([x, y]) => typeof x === 'number' && typeof y === 'number' && x > 0 && y > 0 && Number.isFinite(x) && Number.isFinite(y),
  );
  if (usable.length < 2) return null;
  const xs = usable.map(([x]) => Math.log(x));
  const ys = usable.map(([, y]) => Math.log(y));
  const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < xs.length; i += 1) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  return sxx === 0 ? null : sxy / sxx;
}
