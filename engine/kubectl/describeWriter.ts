/**
 * The text builder behind `kubectl describe`: a prefix writer (two spaces per level, terminal
 * escaping) over Go's tabwriter, plus the helpers every describer shares.
 */
import type { Toleration } from 'kubernetes-types/core/v1';
import { goTabwrite } from './goTabwriter';
import { rfc1123z } from '../sim/time';
import { timeMs } from './duration';
import { byteOrder } from './goSort';

/** Which kubectl release to imitate where describe output changed between releases. */
export interface KubectlProfile {
  /** kubectl minor version, e.g. 36 for v1.36. */
  readonly kubectlMinor: number;
}

/** The release the playground imitates unless a scenario asks for another (k8s-semantics.md). */
export const DEFAULT_PROFILE: KubectlProfile = { kubectlMinor: 36 };

/** describe.go's LEVEL_0 … LEVEL_4. */
export const L0 = 0; export const L1 = 1; export const L2 = 2; export const L3 = 3;

// Models cli-runtime printers.WriteEscaped (terminal escape characters made visible).
const escape = (s: string): string => s.split('\u001b').join('^[').split('\r').join('\\r');

/** describe.go prefixWriter: Write(level, text) and WriteLine, collected, then tab-aligned. */
export class DescribeWriter {
  private buf = '';
  /** Writes `text` (already formatted, tabs for columns) behind `level` × two spaces. */
  write(level: number, text: string): void { this.buf += escape('  '.repeat(level) + text); }
  /** Writes `text` and a newline with no indentation. */
  writeLine(text: string): void { this.buf += escape(text + '\n'); }
  /** The aligned output (describe.go tabbedString: minwidth 0, padding 2). */
  toString(): string { return goTabwrite(this.buf); }
}

/** Go time.RFC1123Z of an RFC 3339 timestamp; Go's zero time when absent. */
export function describeTime(ts: string | undefined): string {
  const t = timeMs(ts);
  return t === undefined ? 'Mon, 01 Jan 0001 00:00:00 +0000' : rfc1123z(t);
}

/** describe.go printLabelsMultilineWithIndent. */
// Models describe.go printLabelsMultilineWithIndent (sorted keys, one per line).
export function printLabelsMultiline(w: DescribeWriter, title: string, labels: Readonly<Record<string, string>> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(L0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort(byteOrder);
  if (keys.length === 0) { w.writeLine('<none>'); return; }
  keys.forEach((k, i) => {
    if (i !== 0) { w.write(L0, initialIndent); w.write(L0, innerIndent); }
    w.write(L0, `${k}=${(labels ?? {})[k]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** describe.go printAnnotationsMultiline (skips last-applied-configuration, shortens long values). */
// Models describe.go printAnnotationsMultiline.
export function printAnnotationsMultiline(w: DescribeWriter, title: string, annotations: Readonly<Record<string, string>> | undefined): void {
  w.write(L0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => k !== LAST_APPLIED).sort(byteOrder);
  if (keys.length === 0) { w.writeLine('<none>'); return; }
  const indent = '\t';
  keys.forEach((k, i) => {
    if (i !== 0) w.write(L0, indent);
    const value = (annotations ?? {})[k].replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(L0, `${k}:\n`);
      for (const s of value.split('\n')) {
        w.write(L0, `${indent}  ${s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + '...' : s}\n`);
      }
    } else {
      w.write(L0, `${k}: ${value}\n`);
    }
  });
}

/** describe.go printTolerationsMultilineWithIndent (sorted by key). */
// Models describe.go printTolerationsMultilineWithIndent.
export function printTolerationsMultiline(w: DescribeWriter, title: string, tolerations: readonly Toleration[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(L0, `${initialIndent}${title}:${innerIndent}`);
  const list = [...(tolerations ?? [])];
  if (list.length === 0) { w.writeLine('<none>'); return; }
  // Go's sort.Slice is not stable; tolerations with equal keys are rare enough to keep input order.
  list.sort((a, b) => byteOrder(a.key ?? '', b.key ?? ''));
  list.forEach((t, i) => {
    if (i !== 0) { w.write(L0, initialIndent); w.write(L0, innerIndent); }
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(L0, s + '\n');
  });
}

/** describe.go printController: `Kind/name` of the controller owner, '' when none. */
export function printController(meta: { ownerReferences?: readonly { controller?: boolean; kind: string; name: string }[] } | undefined): string {
  const ref = (meta?.ownerReferences ?? []).find((r) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : '';
}
