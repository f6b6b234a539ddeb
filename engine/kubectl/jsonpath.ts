/**
 * `kubectl get -o jsonpath=TEMPLATE`: Kubernetes' JSONPath dialect — text with `{…}` actions, fields,
 * `[i]` `[a:b:s]` `[*]` `[a,b]` `['key']`, `..`, `*`, filters `[?(@.x == "y")]`, `range … end` and
 * quoted literals — evaluated against the object as kubectl sees it (JSON values).
 */

type Value = unknown;

/** A parsed template: text and actions in order; `range` … `end` blocks nest. */
type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'path'; readonly steps: readonly Step[] }
  | { readonly kind: 'range'; readonly steps: readonly Step[]; readonly body: readonly Node[] };

type Step =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'recursive' }
  | { readonly kind: 'slice'; readonly start?: number; readonly end?: number; readonly endDerived: boolean; readonly step?: number }
  | { readonly kind: 'union'; readonly branches: readonly (readonly Step[])[] }
  | { readonly kind: 'filter'; readonly left: readonly Step[]; readonly op: string; readonly right: readonly Step[] }
  | { readonly kind: 'literal'; readonly value: string | number | boolean; readonly float?: boolean };

class JsonPathError extends Error {}

/** Token stream of one action (what follows `{`, up to its `}`), as client-go's parser reads it. */
// Models k8s.io/client-go/util/jsonpath parser.go (parseInsideAction and its helpers).
class ActionParser {
  constructor(private readonly s: string, public pos = 0) {}

  /** Every step and keyword of the action, in order (`range`/`end` as identifiers); `pos` ends after the `}`. */
  parse(): (Step | { kind: 'ident'; name: string })[] {
    const out: (Step | { kind: 'ident'; name: string })[] = [];
    const s = this.s;
    for (;;) {
      if (this.pos >= s.length) throw new JsonPathError('unclosed action');
      const c = s[this.pos];
      if (c === '}') { this.pos++; return out; }
      if (s.startsWith('[?(', this.pos)) { out.push(this.filter()); continue; }
      if (s.startsWith('..', this.pos)) {
        if (out.length > 0 && out[out.length - 1].kind === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
        this.pos += 2;
        out.push({ kind: 'recursive' });
        if (this.pos < s.length && isAlphaNumeric(s[this.pos])) out.push(this.field());
        continue;
      }
      if (c === '\n' || c === '\r') throw new JsonPathError('unclosed action');
      if (c === ' ' || c === '@' || c === '$') { this.pos++; continue; }
      if (c === '[') { out.push(this.array()); continue; }
      if (c === '"' || c === "'") { out.push(this.quote(c)); continue; }
      if (c === '.') { this.pos++; out.push(this.field()); continue; }
      if (c === '+' || c === '-' || isDigit(c)) { out.push(this.number()); continue; }
      if (isAlphaNumeric(c)) {
        const start = this.pos;
        while (this.pos < s.length && !isTerminator(s[this.pos])) this.pos++;
        const word = s.slice(start, this.pos);
        out.push(word === 'true' || word === 'false' ? { kind: 'literal', value: word === 'true' } : { kind: 'ident', name: word });
        continue;
      }
      const cp = s.codePointAt(this.pos)!;
      throw new JsonPathError(`unrecognized character in action: U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${String.fromCodePoint(cp)}'`);
    }
  }

  private field(): Step {
    const start = this.pos;
    while (this.pos < this.s.length) {
      if (this.s[this.pos] === '\\') { this.pos += 2; continue; }
      if (isTerminator(this.s[this.pos])) break;
      this.pos++;
    }
    const name = this.s.slice(start, this.pos);
    return name === '*' ? { kind: 'wildcard' } : { kind: 'field', name: name.replace(/\\/g, '') };
  }

  private number(): Step {
    const start = this.pos;
    if (this.s[this.pos] === '+' || this.s[this.pos] === '-') this.pos++;
    while (this.pos < this.s.length && (this.s[this.pos] === '.' || isDigit(this.s[this.pos]))) this.pos++;
    const text = this.s.slice(start, this.pos);
    if (/^[+-]?\d+$/.test(text)) return { kind: 'literal', value: Number(text) };
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return { kind: 'literal', value: Number(text), float: true };
    throw new JsonPathError(`cannot parse number ${text}`);
  }

  private quote(q: string): Step {
    const start = this.pos;
    this.pos++;
    for (;;) {
      if (this.pos >= this.s.length || this.s[this.pos] === '\n') throw new JsonPathError('unterminated quoted string');
      if (this.s[this.pos] === q && this.s[this.pos - 1] !== '\\') break;
      this.pos++;
    }
    this.pos++;
    return { kind: 'literal', value: unquote(this.s.slice(start, this.pos)) };
  }

  private array(): Step {
    const start = this.pos;
    for (;;) {
      this.pos++;
      if (this.pos >= this.s.length || this.s[this.pos] === '\n') throw new JsonPathError('unterminated array');
      if (this.s[this.pos] === ']') break;
    }
    this.pos++;
    let text = this.s.slice(start + 1, this.pos - 1);
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) return { kind: 'union', branches: parts.map((p) => stepsOf(`[${p.trim()}]`)) };
    const key = /^'([^']*)'$/.exec(text);
    if (key) return stepsOf(`.${key[1]}`)[0] ?? { kind: 'union', branches: [] };
    const m = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text);
    if (!m) throw new JsonPathError(`invalid array index ${text}`);
    const num = (x: string | undefined): number | undefined => (x === undefined || x === '' ? undefined : Number(x));
    const first = num(m[1]);
    if (m[2] === undefined) return { kind: 'slice', start: first, end: (first ?? 0) + 1, endDerived: true };
    return { kind: 'slice', start: first, end: num(m[2].slice(1)), endDerived: false, step: m[3] === undefined ? undefined : num(m[3].slice(1)) };
  }

  private filter(): Step {
    this.pos += 3;
    const start = this.pos;
    let open: string | null = null, closed = false;
    for (;;) {
      if (this.pos >= this.s.length || this.s[this.pos] === '\n') throw new JsonPathError('unterminated filter');
      const c = this.s[this.pos++];
      if (c === '"' || c === "'") {
        if (open === null) { open = c; continue; }
        if (this.s[this.pos - 2] !== '\\' && c === open) closed = true;
      } else if (c === ')' && (open === null) === !closed) break;
    }
    if (this.s[this.pos] !== ']') throw new JsonPathError('unclosed array expect ]');
    const text = this.s.slice(start, this.pos - 1);
    this.pos++;
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/.exec(text);
    if (!m) return { kind: 'filter', left: stepsOf(text), op: 'exists', right: [] };
    return { kind: 'filter', left: stepsOf(m[1]), op: m[2], right: stepsOf(m[3]) };
  }
}

/** The steps of a nested expression (filter sides, union branches); no keywords allowed there. */
function stepsOf(text: string): Step[] {
  return new ActionParser(`${text}}`).parse().map(noIdent);
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAlphaNumeric = (c: string): boolean => c === '_' || /\p{L}|\p{Nd}/u.test(c);
const isTerminator = (c: string): boolean => ' \t\r\n.,[]$@{}'.includes(c);

/** Go's strconv.Unquote, with single-quoted strings allowed (client-go UnquoteExtend). */
function unquote(q: string): string {
  const body = q.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') { out += c; continue; }
    const e = body[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"' };
    if (e !== undefined && simple[e] !== undefined) { out += simple[e]; continue; }
    const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hex && /^[0-9a-fA-F]+$/.test(body.slice(i + 1, i + 1 + hex)) && body.length >= i + 1 + hex) {
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 1 + hex), 16));
      i += hex;
      continue;
    }
    throw new JsonPathError(`unquote string ${q} error invalid syntax`);
  }
  return out;
}

/** A parsed template (what parseJsonPath gives and the executors take). */
export type JsonPathTemplate = readonly Node[];

/** Parses a whole template into text and actions, `range`…`end` nested. */
export function parseJsonPath(template: string): JsonPathTemplate | { error: string } {
  try {
    const flat: (Node | { kind: 'end' } | { kind: 'begin'; steps: Step[] })[] = [];
    let i = 0;
    while (i < template.length) {
      const open = template.indexOf('{', i);
      if (open < 0) { flat.push({ kind: 'text', text: template.slice(i) }); break; }
      if (open > i) flat.push({ kind: 'text', text: template.slice(i, open) });
      const parser = new ActionParser(template, open + 1);
      const tokens = parser.parse();
      // An action is a path of steps; `range PATH` and `end` are keywords at its start.
      const head = tokens[0];
      if (head?.kind === 'ident' && head.name === 'end') flat.push({ kind: 'end' });
      else if (head?.kind === 'ident' && head.name === 'range') flat.push({ kind: 'begin', steps: tokens.slice(1).map(noIdent) });
      else if (tokens.length === 1 && tokens[0].kind === 'literal' && typeof tokens[0].value === 'string') flat.push({ kind: 'text', text: tokens[0].value });
      else flat.push({ kind: 'path', steps: tokens.map(noIdent) });
      i = parser.pos;
    }
    const [nodes, rest] = nest(flat, 0);
    if (rest < flat.length) throw new JsonPathError('not in range, nothing to end');
    return nodes;
  } catch (e) {
    if (e instanceof JsonPathError) return { error: e.message };
    // Only a template nested thousands deep (range in range …) runs out of stack: the playground's refusal.
    if (e instanceof RangeError) return { error: 'the template is nested too deeply for this playground' };
    throw e;
  }
}

function noIdent(t: Step | { kind: 'ident'; name: string }): Step {
  if (t.kind === 'ident') throw new JsonPathError(`unrecognized identifier ${t.name}`);
  return t;
}

function nest(flat: readonly (Node | { kind: 'end' } | { kind: 'begin'; steps: Step[] })[], from: number): [Node[], number] {
  const out: Node[] = [];
  let i = from;
  while (i < flat.length) {
    const n = flat[i];
    if (n.kind === 'end') return [out, i];
    if (n.kind === 'begin') {
      const [body, at] = nest(flat, i + 1);
      out.push({ kind: 'range', steps: n.steps, body });
      // A range without its `end` runs to the end of the template.
      i = at + 1;
      continue;
    }
    out.push(n);
    i++;
  }
  return [out, i];
}

const isObject = (v: Value): v is Record<string, Value> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sorted keys: Go ranges over a map in random order; sorting makes the playground's order one of them. */
const keysOf = (o: Record<string, Value>): string[] => Object.keys(o).sort();

function walk(values: readonly Value[], steps: readonly Step[], allowMissing: boolean): Value[] {
  let cur = values as Value[];
  for (const step of steps) cur = apply(cur, step, allowMissing);
  return cur;
}

// Models jsonpath.go walk (evalField, evalArray, evalUnion, evalWildcard, evalRecursive, evalFilter).
function apply(input: Value[], step: Step, allowMissing: boolean): Value[] {
  const out: Value[] = [];
  switch (step.kind) {
    case 'literal':
      return input.map(() => step.value);
    case 'field': {
      if (input.length === 0) return out;
      for (const v of input) if (isObject(v) && Object.hasOwn(v, step.name)) out.push(v[step.name]);
      if (out.length === 0 && !allowMissing) throw new JsonPathError(`${step.name} is not found`);
      return out;
    }
    case 'wildcard':
      for (const v of input) {
        if (Array.isArray(v)) out.push(...v);
        else if (isObject(v)) for (const k of keysOf(v)) out.push(v[k]);
        else if (typeof v === 'string') out.push(...[...v].map((c) => c.charCodeAt(0)));
      }
      return out;
    case 'recursive': {
      const visit = (v: Value): void => {
        const kids = Array.isArray(v) ? v : isObject(v) ? keysOf(v).map((k) => v[k]) : [];
        if (kids.length === 0) return;
        out.push(v);
        for (const k of kids) visit(k);
      };
      for (const v of input) visit(v);
      return out;
    }
    case 'union':
      for (const b of step.branches) out.push(...walk(input, b, allowMissing));
      return out;
    case 'slice':
      for (const v of input) {
        if (v === null || v === undefined) continue;
        if (!Array.isArray(v)) throw new JsonPathError(`${goTypeName(v)} is not array or slice`);
        const len = v.length;
        let start = step.start ?? 0;
        if (start < 0) start += len;
        let end = step.end ?? len;
        if (end < 0 || (end === 0 && step.endDerived)) end += len;
        if (end === start) continue;
        if (start >= len || start < 0) throw new JsonPathError(`array index out of bounds: index ${start}, length ${len}`);
        if (end > len || end < 0) throw new JsonPathError(`array index out of bounds: index ${end - 1}, length ${len}`);
        if (start > end) throw new JsonPathError(`starting index ${start} is greater than ending index ${end}`);
        const by = step.step ?? 1;
        if (step.step !== undefined && by <= 0) throw new JsonPathError('step must be > 0');
        for (let i = start; i < end; i += by) out.push(v[i]);
      }
      return out;
    case 'filter':
      for (const v of input) {
        if (!Array.isArray(v)) throw new JsonPathError(`${goText(v)} is not array or slice and cannot be filtered`);
        for (const item of v) {
          let lefts: Value[];
          try {
            lefts = walk([item], step.left, allowMissing);
          } catch (e) {
            if (step.op === 'exists') continue;
            throw e;
          }
          if (step.op === 'exists') { if (lefts.length > 0) out.push(item); continue; }
          if (lefts.length === 0) continue;
          if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
          const rights = walk([item], step.right, allowMissing);
          if (rights.length === 0) continue;
          if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
          if (compare(lefts[0], step.op, rights[0], step.right)) out.push(item);
        }
      }
      return out;
  }
}

// Models client-go's forked text/template Equal/Less: same basic kinds only (ints with ints, floats with
// floats, strings with strings, bools for == and !=).
function compare(a: Value, op: string, b: Value, right: readonly Step[]): boolean {
  const literalFloat = right.length === 1 && right[0].kind === 'literal' && right[0].float === true;
  const kind = (v: Value, isLiteralFloat = false): string => typeof v === 'number' ? (Number.isInteger(v) && !isLiteralFloat ? 'int' : 'float') : typeof v;
  const ka = kind(a), kb = kind(b, literalFloat);
  if (!['==', '!=', '<', '>', '<=', '>='].includes(op)) throw new JsonPathError(`unrecognized filter operator ${op}`);
  if (ka !== kb || !['int', 'float', 'string', 'boolean'].includes(ka)) throw new JsonPathError('incompatible types for comparison');
  if (ka === 'boolean' && op !== '==' && op !== '!=') throw new JsonPathError('invalid type for comparison');
  const x = a as number | string, y = b as number | string;
  switch (op) {
    case '==': return x === y;
    case '!=': return x !== y;
    case '<': return x < y;
    case '>': return x > y;
    case '<=': return x <= y;
    default: return x >= y;
  }
}

/** `fmt.Fprint` of a JSON scalar as an unstructured object holds it (int64, float64, string, bool, nil). */
function scalarText(v: Value): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  return String(v);
}

/** Go's %v of a float64: strconv 'g' with the shortest precision, exponent for < 1e-4 or ≥ 1e21. */
function goFloat(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    const [m, e] = v.toExponential().split('e');
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(v);
}

/** encoding/json.Marshal of an unstructured value: map keys sorted, <, > and & escaped. */
function goJson(v: Value): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloatJson(v);
  if (typeof v === 'string') return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const o = v as Record<string, Value>;
  return `{${keysOf(o).map((k) => `${goJson(k)}:${goJson(o[k])}`).join(',')}}`;
}

function goFloatJson(v: number): string {
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return goFloat(v).replace(/e([+-])0(\d)$/, 'e$1$2');
  return String(v);
}

/** A value's Go type name in messages (`map[string]interface {}`, `string`, `int64` …). */
function goTypeName(v: Value): string {
  if (isObject(v)) return 'map[string]interface {}';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'string' ? 'string' : 'interface {}';
}

/** `fmt`'s %v of a value (for messages). */
export function goText(v: Value): string {
  if (Array.isArray(v)) return `[${v.map(goText).join(' ')}]`;
  if (isObject(v)) return `map[${keysOf(v).map((k) => `${k}:${goText(v[k])}`).join(' ')}]`;
  return scalarText(v);
}

/** encoding/json.MarshalIndent(v, "", "    ") of an unstructured value. */
function goJsonIndent(v: Value, indent = ''): string {
  const inner = indent + '    ';
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[\n${v.map((x) => inner + goJsonIndent(x, inner)).join(',\n')}\n${indent}]`;
  if (isObject(v)) {
    const keys = keysOf(v);
    return keys.length === 0 ? '{}' : `{\n${keys.map((k) => `${inner}${goJson(k)}: ${goJsonIndent(v[k], inner)}`).join(',\n')}\n${indent}}`;
  }
  return goJson(v);
}

/**
 * Runs a parsed template against `data`. Missing keys give nothing (kubectl's default
 * --allow-missing-template-keys=true); other evaluation errors come back as their message.
 * `asJson` (`-o jsonpath-as-json`): each action's results as an indented JSON array instead.
 */
// Models jsonpath.go FindResults + PrintResults (each result of an action: JSON for maps and lists, text
// otherwise, separated by spaces).
export function executeJsonPath(nodes: readonly Node[], data: Value, opts: { allowMissing?: boolean; asJson?: boolean } = {}): { text: string } | { error: string } {
  const allowMissing = opts.allowMissing ?? true;
  try {
    let text = '';
    const print = (results: readonly Value[]): void => {
      if (opts.asJson) { text += goJsonIndent(results) + '\n'; return; }
      // Maps and lists as JSON; a null as `null` (evalToText since kubectl 1.29; `<nil>` before), the rest as fmt prints them.
      text += results.map((r) => (typeof r === 'object' && r !== null ? goJson(r) : r === null ? 'null' : scalarText(r))).join(' ');
    };
    const run = (ns: readonly Node[], cur: Value): void => {
      for (const n of ns) {
        if (n.kind === 'text') { print([n.text]); continue; }
        const results = walk([cur], n.steps, allowMissing);
        if (n.kind === 'range') { for (const r of results) run(n.body, r); continue; }
        print(results);
      }
    };
    run(nodes, data);
    return { text };
  } catch (e) {
    if (e instanceof JsonPathError) return { error: e.message };
    // Only a template nested thousands deep (range in range …) runs out of stack: the playground's refusal.
    if (e instanceof RangeError) return { error: 'the template is nested too deeply for this playground' };
    throw e;
  }
}

/** The values the template's first action finds in `data` (missing keys give none), as a sorter reads them. */
export function executeJsonPathValues(nodes: readonly Node[], data: Value): Value[] | { error: string } {
  const first = nodes[0];
  if (!first) return [];
  if (first.kind === 'text') return [first.text];
  try {
    return walk([data], first.steps, true);
  } catch (e) {
    if (e instanceof JsonPathError) return { error: e.message };
    // Only a template nested thousands deep (range in range …) runs out of stack: the playground's refusal.
    if (e instanceof RangeError) return { error: 'the template is nested too deeply for this playground' };
    throw e;
  }
}

/** Go's %#v of an unstructured value, as kubectl's jsonpath error shows the object it was given. */
export function goSyntax(v: Value): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  const o = v as Record<string, Value>;
  return `map[string]interface {}{${keysOf(o).map((k) => `${goQuote(k)}:${goSyntax(o[k])}`).join(', ')}}`;
}

/** strconv.Quote: printable characters as they are, the rest escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}
