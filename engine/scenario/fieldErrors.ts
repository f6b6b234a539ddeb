/**
 * field.Error as apimachinery prints it (`pkg/util/validation/field/errors.go`): the message is
 * `<field>: <Type>[: <value>][: <detail>]`, the value rendered as Go renders it.
 */

/** The kinds of field error the API server returns, plus `Decode` for a body it cannot decode. */
export type FieldErrorType =
  | 'Required'
  | 'Invalid'
  | 'Duplicate'
  | 'Forbidden'
  | 'NotSupported'
  | 'NotFound'
  | 'TooLong'
  | 'TooMany'
  | 'Internal'
  /** The JSON decoder refused the body (wrong type, unknown field, bad quantity): a BadRequest, not Invalid. */
  | 'Decode';

/** One validation error, kubectl-exact. */
export interface FieldError {
  readonly type: FieldErrorType;
  /** Field path as the API server names it (`spec.initContainers[0].readinessProbe`). */
  readonly field: string;
  /** The offending value, when the error type shows one. */
  readonly value?: unknown;
  readonly detail?: string;
  /** The full text: `spec.initContainers[0].name: Duplicate value: "app"`; for Decode, the decoder's text. */
  readonly message: string;
  /** 1-based position of `field` in the manifests text (nearest ancestor present when it is missing). */
  readonly line?: number;
  readonly column?: number;
}

/** How values are rendered: Kubernetes 1.34 switched complex values from Go's `%#v` to JSON. */
export interface RenderOptions {
  /** Minor version of the API server (35 for 1.35). */
  readonly minor: number;
}

export const NEWEST: RenderOptions = { minor: 35 };

const TYPE_TEXT: Readonly<Record<FieldErrorType, string>> = {
  Required: 'Required value',
  Invalid: 'Invalid value',
  Duplicate: 'Duplicate value',
  Forbidden: 'Forbidden',
  NotSupported: 'Unsupported value',
  NotFound: 'Not found',
  TooLong: 'Too long',
  TooMany: 'Too many',
  Internal: 'Internal error',
  Decode: 'Bad request',
};

/** A sentinel for "no value shown" (field.OmitValueType). */
export const OMIT = Symbol('omit');

// Models field.Error.ErrorBody: Required/Forbidden/TooLong/Internal never show the value.
function body(type: FieldErrorType, value: unknown, detail: string | undefined, render: RenderOptions): string {
  let s = TYPE_TEXT[type];
  const showsValue = type === 'Invalid' || type === 'NotSupported' || type === 'NotFound' || type === 'Duplicate' || type === 'TooMany';
  if (showsValue && value !== OMIT) s += `: ${goValue(value, render)}`;
  if (detail) s += `: ${detail}`;
  return s;
}

/** Builds a FieldError with its kubectl message. */
export function fieldError(type: FieldErrorType, field: string, value: unknown, detail: string | undefined, render: RenderOptions = NEWEST): FieldError {
  const message = `${field}: ${body(type, value, detail, render)}`;
  const e: { -readonly [K in keyof FieldError]: FieldError[K] } = { type, field, message };
  if (value !== undefined && value !== OMIT) e.value = value;
  if (detail) e.detail = detail;
  return e;
}

/** Collects errors for one object, in the order the API server's validators produce them. */
export class ErrorList {
  readonly errors: FieldError[] = [];

  constructor(readonly render: RenderOptions = NEWEST) {}

  required(field: string, detail = ''): void {
    this.errors.push(fieldError('Required', field, undefined, detail, this.render));
  }
  invalid(field: string, value: unknown, detail: string): void {
    this.errors.push(fieldError('Invalid', field, value, detail, this.render));
  }
  duplicate(field: string, value: unknown): void {
    this.errors.push(fieldError('Duplicate', field, value, '', this.render));
  }
  forbidden(field: string, detail: string): void {
    this.errors.push(fieldError('Forbidden', field, undefined, detail, this.render));
  }
  notFound(field: string, value: unknown): void {
    this.errors.push(fieldError('NotFound', field, value, '', this.render));
  }
  // Models field.NotSupported: the supported values quoted with strconv.Quote, comma-separated.
  notSupported(field: string, value: unknown, supported: readonly string[]): void {
    const detail = supported.length > 0 ? `supported values: ${supported.map(goQuote).join(', ')}` : '';
    this.errors.push(fieldError('NotSupported', field, value, detail, this.render));
  }
  tooLong(field: string, max: number): void {
    this.errors.push(fieldError('TooLong', field, undefined, `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}`, this.render));
  }
  /** One Invalid error per message, as the `for _, msg := range IsX(value)` loops do. */
  invalidEach(field: string, value: unknown, messages: readonly string[]): void {
    for (const m of messages) this.invalid(field, value, m);
  }
  // Models ValidateNonnegativeField.
  nonNegative(field: string, value: unknown): void {
    if (typeof value === 'number' && value < 0) this.invalid(field, value, 'must be greater than or equal to 0');
  }
}

/** Go's `%q` for a string (strconv.Quote): printable characters kept, the rest escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

/** How field.Error renders a bad value: `%v` for numbers and bools, `%q` for strings, else JSON (1.34+) or `%#v`. */
export function goValue(value: unknown, render: RenderOptions = NEWEST): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return render.minor >= 34 ? 'null' : '<nil>';
  if (render.minor < 34 && isStringMap(value)) {
    const keys = Object.keys(value).sort();
    return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(value[k] as string)}`).join(', ')}}`;
  }
  return goJson(value);
}

function isStringMap(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
}

function goNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  return String(n);
}

/** encoding/json's Marshal: map keys sorted, `<`, `>` and `&` escaped as \u003c etc. */
export function goJson(value: unknown): string {
  const text = JSON.stringify(sortKeys(value, 0)) ?? 'null';
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, '0')}`);
}

function sortKeys(v: unknown, depth: number): unknown {
  if (depth > 200 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => sortKeys(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    Object.defineProperty(out, k, { value: sortKeys((v as Record<string, unknown>)[k], depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
