// Small statistics for the harness: nearest-rank percentiles and counts.

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
