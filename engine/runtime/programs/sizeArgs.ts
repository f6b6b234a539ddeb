/**
 * libbb's xatou*_sfx (libbb/xatonum_template.c): a decimal number (no sign, no leading blank), then
 * nothing or exactly one suffix of a table, within a range. dd and truncate share busybox's suffix tables.
 */

/** cwbkMG_suffixes (libbb/xatonum.c); dd takes all of them, truncate only from "kB" on (kMG_suffixes). */
export const CWBKMG_SUFFIXES: readonly (readonly [string, number])[] = [
  ['c', 1], ['w', 2], ['b', 512], ['kB', 1000], ['kD', 1000], ['k', 1024], ['KB', 1000], ['KD', 1000], ['K', 1024],
  ['MB', 1e6], ['MD', 1e6], ['M', 1 << 20], ['GB', 1e9], ['GD', 1e9], ['G', 1 << 30],
];
export const KMG_SUFFIXES = CWBKMG_SUFFIXES.slice(3);

/** 2^64 - 1, the top of an unsigned long long (as a float it rounds to 2^64: values compare with `>=` 2^64). */
export const ULL_MAX = 2 ** 64 - 1;
const ULL_LIMIT = 2 ** 64;

/**
 * The value of `s`, or busybox's message for it: `invalid number 'S'` or `number S is not in L..U range`.
 * `lower`/`upper` bound the result (the C type's range by default).
 */
export function xatouSfx(
  s: string, suffixes: readonly (readonly [string, number])[] = [], lower = 0, upper = ULL_MAX, upperLabel = upperText(upper),
): number | { msg: string } {
  const invalid = { msg: `invalid number '${s}'` };
  const m = /^[0-9]+/.exec(s);
  if (!m) return invalid;
  let r = Number(m[0]);
  if (r >= ULL_LIMIT) return invalid;
  const rest = s.slice(m[0].length);
  if (rest !== '') {
    const sfx = suffixes.find(([name]) => name === rest);
    if (!sfx) return invalid;
    r *= sfx[1];
    if (r >= ULL_LIMIT) return { msg: `number ${s} is not in ${lower}..${upperLabel} range` };
  }
  if (r < lower || r > upper) return { msg: `number ${s} is not in ${lower}..${upperLabel} range` };
  return r;
}

function upperText(n: number): string {
  return n === ULL_MAX ? '18446744073709551615' : String(n);
}
