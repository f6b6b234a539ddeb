/** resource.Quantity values, enough to compare requests with limits. */

const SUFFIX: Readonly<Record<string, number>> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The numeric value of a quantity (`500m` → 0.5, `1Gi` → 1073741824), or null when unparsable. */
export function quantityValue(q: unknown): number | null {
  if (typeof q === 'number') return Number.isFinite(q) ? q : null;
  if (typeof q !== 'string') return null;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))([a-zA-Z]*|[eE][-+]?\d+)$/.exec(q.trim());
  if (!m) return null;
  const num = Number(m[1]);
  const suffix = m[2] as string;
  if (/^[eE][-+]?\d+$/.test(suffix)) return num * 10 ** Number(suffix.slice(1));
  const mult = SUFFIX[suffix];
  return mult === undefined ? null : num * mult;
}
