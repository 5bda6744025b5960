// Per-crate breakdown of the wasm: code bytes by Rust crate, read from the
// cargo output of the release build (before wasm-bindgen and wasm-opt,
// which drop the `name` section). Each function body in the code section
// is charged to the crate its name (the `name` section's function names)
// starts with. An approximation of the shipped bundle: wasm-opt shrinks and
// inlines afterwards, and generic code is charged to the crate that
// defines the function (`core::ptr::drop_in_place<tachys::…>` is `core`).
import { readFileSync } from 'node:fs';

/** Reads an unsigned LEB128 at `offset`: [value, next offset]. */
export function readLeb(bytes, offset) {
  let value = 0;
  let shift = 0;
  let at = offset;
  for (;;) {
    const byte = bytes[at];
    if (byte === undefined) throw new Error(`LEB128 runs past the end at ${offset}`);
    at += 1;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return [value, at];
  }
}

/** A length-prefixed UTF-8 name at `offset`: [text, next offset]. */
function readName(bytes, offset) {
  const [length, start] = readLeb(bytes, offset);
  return [Buffer.from(bytes.subarray(start, start + length)).toString('utf8'), start + length];
}

/** Function imports in the import section (they come first in the index space). */
function functionImports(bytes, start, end) {
  let [count, at] = readLeb(bytes, start);
  let functions = 0;
  for (; count > 0 && at < end; count -= 1) {
    [, at] = readName(bytes, at);
    [, at] = readName(bytes, at);
    const kind = bytes[at];
    at += 1;
    if (kind === 0x00) {
      [, at] = readLeb(bytes, at);
      functions += 1;
    } else if (kind === 0x01) {
      at += 1; // reftype
      at = skipLimits(bytes, at);
    } else if (kind === 0x02) {
      at = skipLimits(bytes, at);
    } else if (kind === 0x03) {
      at += 2; // valtype, mutability
    } else if (kind === 0x04) {
      at += 1; // tag attribute
      [, at] = readLeb(bytes, at);
    } else {
      throw new Error(`unknown import kind ${kind}`);
    }
  }
  return functions;
}

function skipLimits(bytes, at) {
  const flags = bytes[at];
  let next = at + 1;
  [, next] = readLeb(bytes, next);
  if (flags & 0x01) [, next] = readLeb(bytes, next);
  return next;
}

/** The function names of a `name` custom section's payload. */
function functionNames(bytes, start, end) {
  const names = new Map();
  let at = start;
  while (at < end) {
    const id = bytes[at];
    const [size, body] = readLeb(bytes, at + 1);
    if (id === 1) {
      let [count, p] = readLeb(bytes, body);
      for (; count > 0; count -= 1) {
        let index;
        let name;
        [index, p] = readLeb(bytes, p);
        [name, p] = readName(bytes, p);
        names.set(index, name);
      }
    }
    at = body + size;
  }
  return names;
}

/**
 * The parts of a wasm module the breakdown needs: the size of each
 * function body (by function index), the code and data section sizes
 * and the function names (empty without a `name` section).
 */
export function parseWasm(bytes) {
  if (bytes.length < 8 || bytes.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  let at = 8;
  let imports = 0;
  let codeSection = null;
  let dataBytes = 0;
  let names = new Map();
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = readLeb(bytes, at + 1);
    const end = start + size;
    if (id === 2) imports = functionImports(bytes, start, end);
    else if (id === 10) codeSection = { start, end, size };
    else if (id === 11) dataBytes = size;
    else if (id === 0) {
      const [name, payload] = readName(bytes, start);
      if (name === 'name') names = functionNames(bytes, payload, end);
    }
    at = end;
  }
  const bodies = [];
  if (codeSection) {
    let [count, p] = readLeb(bytes, codeSection.start);
    for (let i = 0; i < count; i += 1) {
      const [size, body] = readLeb(bytes, p);
      bodies.push({ index: imports + i, size });
      p = body + size;
    }
  }
  return { imports, bodies, codeSectionBytes: codeSection?.size ?? 0, dataSectionBytes: dataBytes, names };
}

/** Crates of the standard library: an impl of another crate's trait for their types is charged to that crate. */
const STD = new Set(['core', 'alloc', 'std']);

/** Legacy mangling's escapes in a path segment (`$LT$`, `..`, `$u20$`…) decoded. */
function unescapeLegacy(segment) {
  const named = { LT: '<', GT: '>', RF: '&', BP: '*', C: ',', LP: '(', RP: ')', SP: '@' };
  return segment
    .replace(/^_(?=\$)/, '')
    .replace(/\.\./g, '::')
    .replace(/\$([A-Za-z0-9]+)\$/g, (whole, code) => {
      if (named[code]) return named[code];
      if (/^u[0-9a-f]+$/.test(code)) return String.fromCharCode(parseInt(code.slice(1), 16));
      return whole;
    });
}

/** The first segment of a legacy (`_ZN…E`) mangled name, decoded, or null. */
function legacyFirstSegment(name) {
  const m = /^_?_ZN(\d+)/.exec(name);
  if (!m) return null;
  const start = m.index + m[0].length;
  const segment = name.slice(start, start + Number(m[1]));
  return segment ? unescapeLegacy(segment) : null;
}

/** The crate root of a v0 (`_R…`) mangled name: its first `C<len><ident>`, or null. */
function v0Crate(name) {
  if (!/^_?_R/.test(name)) return null;
  const m = /C(?:s[0-9A-Za-z]*_)?(\d+)_?([A-Za-z_][0-9A-Za-z_]*)/.exec(name);
  return m ? m[2].slice(0, Number(m[1])) : null;
}

/** The crate of a plain path (`crate::a::b`, `&mut crate::T`), or null (a generic `T`). */
function pathCrate(text) {
  let rest = text.trim();
  for (;;) {
    const stripped = rest.replace(/^(&|\*const |\*mut |mut |dyn |\(|\[)+/, '');
    if (stripped === rest) break;
    rest = stripped;
  }
  if (rest.startsWith('<')) return implCrate(rest);
  const m = /^([A-Za-z_][0-9A-Za-z_]*)::/.exec(rest);
  return m ? m[1] : null;
}

/**
 * The crate of an impl item `<Type as Trait>::…`: the type's crate, or the
 * trait's when the type is generic or from the standard library (the impl
 * then lives with the trait).
 */
function implCrate(text) {
  let depth = 0;
  for (let i = 1; i < text.length; i += 1) {
    const c = text[i];
    if (c === '<' || c === '(' || c === '[') depth += 1;
    else if (c === '>' || c === ')' || c === ']') {
      if (depth === 0) return pathCrate(text.slice(1, i));
      depth -= 1;
    } else if (depth === 0 && text.startsWith(' as ', i)) {
      const own = pathCrate(text.slice(1, i));
      const trait = pathCrate(text.slice(i + 4));
      if (!own) return trait;
      if (STD.has(own) && trait && !STD.has(trait)) return trait;
      return own;
    }
  }
  return pathCrate(text.slice(1));
}

/**
 * The crate a function name belongs to: mangled (legacy or v0) or
 * demangled (`crate::path::fn`, `<crate::Type as Trait>::fn`, with hash
 * suffixes). Names without a Rust path are grouped by what they are.
 */
export function crateOf(name) {
  if (typeof name !== 'string' || name === '') return '(unnamed)';
  const segment = legacyFirstSegment(name);
  if (segment) return (segment.startsWith('<') ? implCrate(segment) : segment) ?? '(other)';
  const v0 = v0Crate(name);
  if (v0) return v0;
  if (/^__wbg_|^__wbindgen|^__externref|^wasm_bindgen/.test(name)) return 'wasm_bindgen';
  const crate = pathCrate(name);
  if (crate) return crate;
  if (/^(dlmalloc|dlfree|dlrealloc|memcpy|memmove|memset|memcmp|__rust|rust_)/.test(name.trim())) return 'std (runtime)';
  return '(other)';
}

/**
 * Code bytes by crate of the wasm at `path`, largest first: the `top`
 * crates and the rest, with the check that the bodies (plus their length
 * prefixes) add up to the code section.
 */
export function crateBreakdown(path, top = 15) {
  const bytes = readFileSync(path);
  const wasm = parseWasm(bytes);
  if (wasm.names.size === 0) throw new Error(`${path} has no name section`);
  const byCrate = new Map();
  let bodies = 0;
  let prefixes = 0;
  let named = 0;
  for (const { index, size } of wasm.bodies) {
    const name = wasm.names.get(index);
    if (name !== undefined) named += size;
    const crate = crateOf(name);
    byCrate.set(crate, (byCrate.get(crate) ?? 0) + size);
    bodies += size;
    prefixes += lebLength(size);
  }
  const countPrefix = lebLength(wasm.bodies.length);
  const sorted = [...byCrate.entries()].sort((a, b) => b[1] - a[1]);
  const share = (n) => Math.round((n / bodies) * 1000) / 10;
  const crates = sorted.slice(0, top).map(([crate, size]) => ({ crate, bytes: size, percent: share(size) }));
  const rest = sorted.slice(top).reduce((sum, [, size]) => sum + size, 0);
  if (rest > 0) crates.push({ crate: `(${sorted.length - top} other crates)`, bytes: rest, percent: share(rest) });
  return {
    file: path,
    functions: wasm.bodies.length,
    function_body_bytes: bodies,
    code_section_bytes: wasm.codeSectionBytes,
    code_section_matches: bodies + prefixes + countPrefix === wasm.codeSectionBytes,
    named_percent: share(named),
    data_section_bytes: wasm.dataSectionBytes,
    crates,
  };
}

/** Bytes of `value` as unsigned LEB128. */
export function lebLength(value) {
  let n = 1;
  let v = value;
  while (v >= 128) {
    v = Math.floor(v / 128);
    n += 1;
  }
  return n;
}
