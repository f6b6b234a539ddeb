/**
 * bash's brace expansion (braces.c): `{a,b}` alternatives and `{1..10}`, `{01..10..2}`, `{a..e}`
 * sequences, expanded before any other expansion and only in unquoted text. An unmatched brace or a
 * brace without a comma or a valid sequence stays as it is (`{a}`, `{1..}`).
 */
import type { Word } from './ast';
import { makeWord } from './words';

/** The words `w` brace-expands to (itself when there is nothing to expand). */
export function braceWords(w: Word): Word[] {
  if (!w.raw.includes('{')) return [w];
  for (let i = 0; i < w.parts.length; i++) {
    const p = w.parts[i];
    if (p.t !== 'lit') continue;
    const alts = expandBraces(p.v);
    if (alts.length === 1 && alts[0] === p.v) continue;
    return alts.flatMap((v) => braceWords(makeWord([...w.parts.slice(0, i), { t: 'lit', v }, ...w.parts.slice(i + 1)], w.raw.replace(p.v, v))));
  }
  return [w];
}

/** Brace-expand one piece of unquoted text. */
export function expandBraces(s: string): string[] {
  for (let open = s.indexOf('{'); open >= 0; open = s.indexOf('{', open + 1)) {
    let depth = 0;
    const commas: number[] = [];
    let close = -1;
    for (let j = open; j < s.length; j++) {
      const c = s[j];
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) { close = j; break; } else if (c === ',' && depth === 1) commas.push(j);
    }
    if (close < 0) return [s];
    const pre = s.slice(0, open);
    const post = s.slice(close + 1);
    const body = s.slice(open + 1, close);
    let alts: string[] | null;
    if (commas.length) {
      alts = [];
      let from = open + 1;
      for (const c of [...commas, close]) { alts.push(s.slice(from, c)); from = c + 1; }
    } else alts = sequence(body);
    if (alts === null) continue;
    return alts.flatMap((a) => expandBraces(pre + a + post));
  }
  return [s];
}

/** `{x..y[..step]}` for integers (zero-padded when either end is) or single letters; null if not a sequence. */
function sequence(body: string): string[] | null {
  const num = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(body);
  const chr = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/.exec(body);
  const m = num ?? chr;
  if (!m) return null;
  const a = num ? Number(m[1]) : m[1].charCodeAt(0);
  const b = num ? Number(m[2]) : m[2].charCodeAt(0);
  const step = Math.abs(Number(m[3] ?? 1)) || 1;
  const width = num && (/^-?0\d/.test(m[1]) || /^-?0\d/.test(m[2])) ? Math.max(m[1].length, m[2].length) : 0;
  const out: string[] = [];
  for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? step : -step) {
    out.push(num ? (width ? (v < 0 ? '-' + String(-v).padStart(width - 1, '0') : String(v).padStart(width, '0')) : String(v)) : String.fromCharCode(v));
  }
  return out;
}
