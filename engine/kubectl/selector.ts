/**
 * Label selectors: the `-l` string form (parse, match) and the LabelSelector object form
 * (format as kubectl prints it in SELECTOR columns and describe).
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { byteOrder } from './goSort';

/** One parsed requirement of a selector. */
export interface Requirement {
  readonly key: string;
  readonly op: 'in' | 'notin' | 'exists' | '!' | '=' | '!=';
  readonly values: readonly string[];
}

/** Parses a `-l` selector (`a=b,c!=d,e in (x,y),f notin (z),g,!h`); an error string when malformed. */
// Models apimachinery labels.Parse (the accepted forms; error text is simplified).
export function parseSelector(s: string): Requirement[] | { error: string } {
  const out: Requirement[] = [];
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { parts.push(cur); cur = ''; } else cur += ch;
  }
  parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    if (p === '') { if (s.trim() === '') continue; return { error: `unable to parse requirement: found '', expected: identifier` }; }
    let m = /^([^\s=!()]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p);
    if (m) { out.push({ key: m[1], op: m[2] as 'in' | 'notin', values: m[3].split(',').map((v) => v.trim()).filter((v) => v !== '') }); continue; }
    m = /^([^\s=!()]+)\s*(==|=|!=)\s*([^\s=!(),]*)$/.exec(p);
    if (m) { out.push({ key: m[1], op: m[2] === '!=' ? '!=' : '=', values: [m[3]] }); continue; }
    m = /^!\s*([^\s=!()]+)$/.exec(p);
    if (m) { out.push({ key: m[1], op: '!', values: [] }); continue; }
    m = /^([^\s=!()]+)$/.exec(p);
    if (m) { out.push({ key: m[1], op: 'exists', values: [] }); continue; }
    return { error: `unable to parse requirement: ${p}` };
  }
  return out;
}

/** Whether `labels` satisfy every requirement. */
// Models apimachinery labels.Requirement.Matches.
export function matchesSelector(labels: Readonly<Record<string, string>> | undefined, reqs: readonly Requirement[]): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case '=': case 'in': return has && r.values.includes(l[r.key]);
      case '!=': case 'notin': return !has || !r.values.includes(l[r.key]);
      case 'exists': return has;
      case '!': return !has;
    }
  });
}

/** `k1=v1,k2=v2` sorted by key, as labels.FormatLabels prints a map; `<none>` when empty. */
// Models apimachinery labels.FormatLabels.
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort(byteOrder);
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${(labels ?? {})[k]}`).join(',');
}

/** A LabelSelector as selector.String() prints it (sorted by key); '' for an empty selector. */
// Models metav1.LabelSelectorAsSelector(...).String().
export function selectorString(sel: LabelSelector | undefined | null): string {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort(byteOrder).join(',');
    const text = e.operator === 'In' ? `${e.key} in (${vals})` : e.operator === 'NotIn' ? `${e.key} notin (${vals})`
      : e.operator === 'Exists' ? e.key : `!${e.key}`;
    reqs.push({ key: e.key, text });
  }
  return reqs.sort((a, b) => byteOrder(a.key, b.key)).map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty. */
// Models metav1.FormatLabelSelector.
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  const s = selectorString(sel);
  return s === '' ? '<none>' : s;
}
