// B1: bytes of the built site's wasm, js, css and html, raw and gzip.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const KINDS = ['wasm', 'js', 'css', 'html'];

/** The kind a file name counts as, or null when it is not part of the bundle. */
export function kindOf(name) {
  const ext = name.split('.').pop();
  return KINDS.includes(ext) ? ext : null;
}

/** gzip size at the highest level (what a static host would serve). */
export function gzipSize(bytes) {
  return gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
}

/** Files under `dir` (skipping dot folders such as Trunk's `.stage`). */
function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith('.')) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Raw and gzip bytes per kind and in total. */
export function measureBundle(dir) {
  const byKind = Object.fromEntries(KINDS.map((k) => [k, { files: 0, raw: 0, gzip: 0 }]));
  for (const path of files(dir)) {
    const kind = kindOf(path);
    if (!kind) continue;
    const bytes = readFileSync(path);
    byKind[kind].files += 1;
    byKind[kind].raw += bytes.length;
    byKind[kind].gzip += gzipSize(bytes);
  }
  const total = (field) => KINDS.reduce((sum, k) => sum + byKind[k][field], 0);
  return { raw: total('raw'), gzip: total('gzip'), byKind };
}
