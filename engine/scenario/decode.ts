/**
 * What the API server's JSON decoder says about a body before validation runs: the first type
 * mismatch (`json: cannot unmarshal …`), a bad quantity or base64 value, else every unknown field
 * (`strict decoding error: …`, kubectl's default `--validate=strict`).
 */
import type { GoType } from './schema';

/** A decoding failure: the decoder's text and the field (with indexes) it concerns. */
export interface DecodeFailure {
  readonly message: string;
  readonly field: string;
}

interface Walk {
  first?: DecodeFailure;
  unknown: string[];
  budget: number;
}

/**
 * Decodes `value` against `type` the way sigs.k8s.io/json does after kubectl sent it as JSON
 * (map keys sorted, as Go's json.Marshal writes them).
 */
export function decodeAgainst(value: unknown, type: GoType, rootName: string): DecodeFailure | null {
  const w: Walk = { unknown: [], budget: 200_000 };
  visit(value, type, { structName: rootName, jsonPath: '', fieldPath: '' }, w);
  if (w.first) return w.first;
  if (w.unknown.length > 0) {
    return { message: `strict decoding error: ${w.unknown.map((f) => `unknown field "${f}"`).join(', ')}`, field: w.unknown[0] as string };
  }
  return null;
}

interface Ctx {
  /** The Go struct holding the current field (UnmarshalTypeError.Struct). */
  readonly structName: string;
  /** Field names from the root without indexes (UnmarshalTypeError.Field). */
  readonly jsonPath: string;
  /** Path with indexes, as strict decoding and validation name fields. */
  readonly fieldPath: string;
}

function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? 'array' : 'object';
}

// Models encoding/json UnmarshalTypeError.Error with the decoder's error context.
function typeError(w: Walk, valueText: string, ctx: Ctx, goType: string): void {
  if (w.first) return;
  const where = ctx.jsonPath === '' ? `Go value` : `Go struct field ${ctx.structName}.${ctx.jsonPath}`;
  w.first = { message: `json: cannot unmarshal ${valueText} into ${where} of type ${goType}`, field: ctx.fieldPath };
}

function plainError(w: Walk, message: string, ctx: Ctx): void {
  if (!w.first) w.first = { message, field: ctx.fieldPath };
}

function visit(v: unknown, type: GoType, ctx: Ctx, w: Walk): void {
  if (--w.budget < 0 || w.first || v === null || v === undefined) return; // JSON null leaves the zero value
  switch (type.t) {
    case 'string':
      if (typeof v !== 'string') typeError(w, jsonKind(v), ctx, type.go);
      return;
    case 'bool':
      if (typeof v !== 'boolean') typeError(w, jsonKind(v), ctx, type.go);
      return;
    case 'int':
      if (typeof v !== 'number') typeError(w, jsonKind(v), ctx, type.go);
      else if (!fitsInt(v, type.go)) typeError(w, `number ${jsonNumber(v)}`, ctx, type.go);
      return;
    case 'intOrString':
      // Models intstr.IntOrString.UnmarshalJSON: a quoted value is a string, anything else an int32.
      if (typeof v === 'string') return;
      if (typeof v !== 'number') typeError(w, jsonKind(v), ctx, 'int32');
      else if (!fitsInt(v, 'int32')) typeError(w, `number ${jsonNumber(v)}`, ctx, 'int32');
      return;
    case 'quantity': {
      // Models resource.Quantity.UnmarshalJSON → ParseQuantity.
      const problem = quantityProblem(typeof v === 'string' ? v.trim() : typeof v === 'number' ? jsonNumber(v) : String(v));
      if (problem) plainError(w, problem, ctx);
      return;
    }
    case 'bytes': {
      if (typeof v !== 'string') typeError(w, jsonKind(v), ctx, type.go);
      else {
        const at = base64ErrorOffset(v);
        if (at !== null) plainError(w, `illegal base64 data at input byte ${at}`, ctx);
      }
      return;
    }
    case 'any':
      return;
    case 'array':
      if (!Array.isArray(v)) {
        typeError(w, jsonKind(v), ctx, type.go);
        return;
      }
      v.forEach((item, i) => visit(item, type.of, { ...ctx, fieldPath: `${ctx.fieldPath}[${i}]` }, w));
      return;
    case 'map':
      if (typeof v !== 'object' || Array.isArray(v)) {
        typeError(w, jsonKind(v), ctx, type.go);
        return;
      }
      for (const key of Object.keys(v).sort()) {
        visit((v as Record<string, unknown>)[key], type.of, { ...ctx, fieldPath: `${ctx.fieldPath}[${key}]` }, w);
      }
      return;
    case 'struct': {
      if (typeof v !== 'object' || Array.isArray(v)) {
        typeError(w, jsonKind(v), ctx, type.go);
        return;
      }
      if (type.open) return;
      const fields = type.fields();
      for (const key of Object.keys(v).sort()) {
        const child = ctx.fieldPath === '' ? key : `${ctx.fieldPath}.${key}`;
        const ft = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
        if (!ft) {
          w.unknown.push(child);
          continue;
        }
        const jsonPath = ctx.jsonPath === '' ? key : `${ctx.jsonPath}.${key}`;
        visit((v as Record<string, unknown>)[key], ft, { structName: type.name, jsonPath, fieldPath: child }, w);
      }
      return;
    }
  }
}

function fitsInt(v: number, go: string): boolean {
  if (!Number.isInteger(v)) return false;
  return go === 'int32' ? v >= -2147483648 && v <= 2147483647 : Number.isSafeInteger(v) || Math.abs(v) <= 9.2e18;
}

/** A number as Go's JSON writer would have sent it (integers without exponent). */
function jsonNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return BigInt(v).toString();
  return String(v);
}

const QUANTITY_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const SUFFIXES = new Set(['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);

// Models resource.ParseQuantity's errors (ErrFormatWrong, ErrNumeric, ErrSuffix).
export function quantityProblem(s: string): string | null {
  const m = QUANTITY_RE.exec(s);
  if (!m) return "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  const num = m[1] as string;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(num)) return "unable to parse numeric part of quantity";
  const suffix = m[2] as string;
  if (!SUFFIXES.has(suffix) && !/^[eE][-+]?\d+$/.test(suffix)) return "unable to parse quantity's suffix";
  return null;
}

// Models base64.StdEncoding.DecodeString's CorruptInputError offset (newlines are skipped).
function base64ErrorOffset(s: string): number | null {
  const chars: { c: string; at: number }[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c !== '\n' && c !== '\r') chars.push({ c, at: i });
  }
  for (let q = 0; q < chars.length; q += 4) {
    const quantum = chars.slice(q, q + 4);
    for (let j = 0; j < quantum.length; j++) {
      const { c, at } = quantum[j] as { c: string; at: number };
      if (c === '=') {
        // Padding only in the last two places of the final quantum, and nothing after it.
        const tailOk = j >= 2 && q + 4 >= chars.length && quantum.slice(j).every((x) => x.c === '=') && quantum.length === 4;
        if (!tailOk) return at;
        return null;
      }
      if (!/[A-Za-z0-9+/]/.test(c)) return at;
    }
    if (quantum.length < 4) return (quantum[0] as { at: number }).at;
  }
  return null;
}
