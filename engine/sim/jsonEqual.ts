/**
 * `JSON.stringify(a) === JSON.stringify(b)` for plain data, without building the strings: the engine
 * compares small records this way on every status change (change signatures, "did the why change").
 * Same rules as JSON: object keys in order, undefined-valued keys skipped, undefined array items and
 * non-finite numbers read as null.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = jsonType(a);
  const tb = jsonType(b);
  if (ta !== tb) return false;
  switch (ta) {
    case 'null': return true;
    case 'number': case 'string': case 'boolean': return a === b;
    case 'array': {
      const x = a as readonly unknown[];
      const y = b as readonly unknown[];
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (!jsonEqual(x[i] === undefined ? null : x[i], y[i] === undefined ? null : y[i])) return false;
      return true;
    }
    case 'object': {
      const x = a as Record<string, unknown>;
      const y = b as Record<string, unknown>;
      const kx = Object.keys(x);
      const ky = Object.keys(y);
      let i = 0;
      let j = 0;
      for (;;) {
        while (i < kx.length && x[kx[i]] === undefined) i++;
        while (j < ky.length && y[ky[j]] === undefined) j++;
        if (i >= kx.length || j >= ky.length) return i >= kx.length && j >= ky.length;
        if (kx[i] !== ky[j] || !jsonEqual(x[kx[i]], y[ky[j]])) return false;
        i++;
        j++;
      }
    }
    default: return false;
  }
}

/** What JSON.stringify makes of a value ('undefined': nothing at all). */
function jsonType(v: unknown): 'null' | 'number' | 'string' | 'boolean' | 'array' | 'object' | 'undefined' {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number': return Number.isFinite(v) ? 'number' : 'null';
    case 'string': return 'string';
    case 'boolean': return 'boolean';
    case 'object': return Array.isArray(v) ? 'array' : 'object';
    default: return 'undefined';
  }
}
