/**
 * `kubectl get -o yaml` / `-o json`: the object as the API returns it, written the way kubectl's
 * printers do (sigs.k8s.io/yaml over go-yaml v2 with its key order; Go's encoding/json indented
 * by four spaces).
 */
import { scalarStyle, writeScalar } from './yamlScalar';
import { byteOrder } from './goSort';

/** A JSON value (what an API object is once serialised). */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json | undefined };

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** go-yaml v2's map key order: letters after non-letters, digit runs compared as numbers. */
// Models go-yaml v2 sorter.go keyList.Less (string keys).
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0; let bn = 0; let ai = i; let bi = i;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') { an = 1; bn = 1; break; }
      }
    }
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

const sortedKeys = (o: { readonly [k: string]: Json | undefined }): string[] =>
  Object.keys(o).filter((k) => o[k] !== undefined).sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0));

// go-yaml v2 formats float64 with strconv 'g' (shortest) and .inf/.nan spellings.
function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = n.toExponential().split('e');
    const ev = Number(e);
    return `${m}e${ev < 0 ? '-' : '+'}${String(Math.abs(ev)).padStart(2, '0')}`;
  }
  return String(n);
}

const isEmptyCollection = (v: Json | undefined): boolean =>
  Array.isArray(v) ? v.length === 0 : v !== null && typeof v === 'object' && sortedKeys(v as Record<string, Json>).length === 0;

/** A scalar (or empty collection) written at `column` with continuation indent `indent`; ends with "\n". */
function scalarLine(v: Json, column: number, indent: number): string {
  if (v === null) return 'null\n';
  if (typeof v === 'boolean') return `${v}\n`;
  if (typeof v === 'number') return `${formatNumber(v)}\n`;
  if (Array.isArray(v)) return '[]\n';
  if (typeof v === 'object') return '{}\n';
  const style = scalarStyle(v, false);
  const text = writeScalar(v, style, column, indent, true);
  return text.endsWith('\n') ? text : text + '\n';
}

function keyText(k: string, column: number): string {
  return writeScalar(k, scalarStyle(k, true), column, 0, false);
}

// Models go-yaml v2 emitter block mapping/sequence layout (sequences in mappings are indentless).
function emitMapping(o: { readonly [k: string]: Json | undefined }, indent: number, firstOnLine: boolean): string {
  let out = '';
  sortedKeys(o).forEach((k, i) => {
    const lead = i === 0 && firstOnLine ? '' : ' '.repeat(indent);
    const key = keyText(k, indent);
    const v = o[k] as Json;
    const col = indent + [...key].length + 1;
    if (!isEmptyCollection(v) && Array.isArray(v)) out += `${lead}${key}:\n${emitSequence(v, indent)}`;
    else if (!isEmptyCollection(v) && v !== null && typeof v === 'object') out += `${lead}${key}:\n${emitMapping(v as Record<string, Json>, indent + 2, false)}`;
    else out += `${lead}${key}: ${scalarLine(v, col + 1, indent + 2)}`;
  });
  return out;
}

function emitSequence(a: readonly Json[], indent: number): string {
  let out = '';
  for (const v of a) {
    const lead = ' '.repeat(indent) + '- ';
    if (!isEmptyCollection(v) && Array.isArray(v)) out += lead + emitSequence(v, indent + 2).slice(indent + 2);
    else if (!isEmptyCollection(v) && v !== null && typeof v === 'object') out += lead + emitMapping(v as Record<string, Json>, indent + 2, true);
    else out += lead + scalarLine(v, indent + 2, indent + 2);
  }
  return out;
}

/** YAML text of `value` as `kubectl -o yaml` prints it (ends with a newline). */
// Models sigs.k8s.io/yaml Marshal (json.Marshal then JSONToYAML via go-yaml v2).
export function toYaml(value: Json): string {
  const v = normalize(value);
  if (Array.isArray(v) && v.length > 0) return emitSequence(v, 0);
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && !isEmptyCollection(v)) return emitMapping(v as Record<string, Json>, 0, false);
  return scalarLine(v, 0, 0);
}

/** Drops `undefined` members the way JSON serialisation does, so both printers see the wire form. */
export function normalize(value: unknown): Json {
  return JSON.parse(JSON.stringify(value ?? null)) as Json;
}

// Go encoding/json string escaping (HTML-safe: <, >, & and U+2028/9 escaped).
function jsonString(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0) ?? 0;
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (cp < 0x20 || c === '<' || c === '>' || c === '&' || cp === 0x2028 || cp === 0x2029) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += c;
  }
  return out + '"';
}

function jsonValue(v: Json, indent: string): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'string') return jsonString(v);
  const inner = indent + '    ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[\n' + v.map((x) => inner + jsonValue(x, inner)).join(',\n') + '\n' + indent + ']';
  }
  const o = v as Record<string, Json>;
  const keys = Object.keys(o).sort(byteOrder);
  if (keys.length === 0) return '{}';
  return '{\n' + keys.map((k) => `${inner}${jsonString(k)}: ${jsonValue(o[k], inner)}`).join(',\n') + '\n' + indent + '}';
}

/** JSON text of `value` as `kubectl -o json` prints it: keys sorted, 4-space indent, trailing newline. */
// Models cli-runtime printers.JSONPrinter (json.MarshalIndent(obj, "", "    ") of an unstructured object).
export function toJson(value: unknown): string {
  return jsonValue(normalize(value), '') + '\n';
}
