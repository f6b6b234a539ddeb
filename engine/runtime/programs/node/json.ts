/**
 * JSON.stringify (with a replacer array or function and an indent) and JSON.parse with V8's error
 * messages (`Unexpected token 'x', "…" is not valid JSON`, `Unexpected end of JSON input`,
 * `Expected property name or '}' in JSON at position 1` …).
 */
import type { Js } from './interp';
import { toNumber } from './ops';
import { isCallable, isObj, numStr, orderedKeys, type G, type JsVal } from './values';

/** A string in JSON as V8's JSON.stringify writes it (QuoteJSONString: lone surrogates escaped too): the host's is the same algorithm. */
function quoteJson(s: string): string {
  return JSON.stringify(s);
}

export function* jsonStringify(js: Js, v: JsVal, replacer: JsVal, indent: JsVal): G<JsVal> {
  const gap = typeof indent === 'number' ? ' '.repeat(Math.min(10, Math.max(0, Math.trunc(indent)))) : typeof indent === 'string' ? indent.slice(0, 10) : '';
  const allow = isObj(replacer) && replacer.arr ? new Set(replacer.arr.map((x) => js.toStr(x))) : null;
  const seen: JsVal[] = [];
  function* ser(holder: JsVal, key: string, val: JsVal, ind: string): G<string | undefined> {
    if (isObj(val)) {
      const toJSON = yield* js.get(val, 'toJSON');
      if (isCallable(toJSON)) val = yield* js.call(toJSON, val, [key]);
    }
    if (isCallable(replacer)) val = yield* js.call(replacer, holder, [key, val]);
    if (val === null) return 'null';
    if (val === undefined || isCallable(val)) return undefined;
    if (typeof val === 'boolean') return String(val);
    if (typeof val === 'number') return Number.isFinite(val) ? numStr(val) : 'null';
    if (typeof val === 'string') return quoteJson(val);
    if (seen.includes(val)) js.throwError('TypeError', 'Converting circular structure to JSON');
    seen.push(val);
    const inner = ind + gap;
    const sep = gap ? `,\n${inner}` : ',';
    let out: string;
    if (val.arr) {
      const parts: string[] = [];
      for (let i = 0; i < val.arr.length; i++) parts.push((yield* ser(val, String(i), val.arr[i], inner)) ?? 'null');
      out = parts.length === 0 ? '[]' : gap ? `[\n${inner}${parts.join(sep)}\n${ind}]` : `[${parts.join(',')}]`;
    } else {
      const parts: string[] = [];
      for (const k of orderedKeys(val.props.keys())) {
        const x = val.props.get(k);
        if (val.hidden?.has(k) || (allow && !allow.has(k))) continue;
        const s = yield* ser(val, k, x, inner);
        if (s !== undefined) parts.push(`${quoteJson(k)}:${gap ? ' ' : ''}${s}`);
      }
      out = parts.length === 0 ? '{}' : gap ? `{\n${inner}${parts.join(sep)}\n${ind}}` : `{${parts.join(',')}}`;
    }
    seen.pop();
    return out;
  }
  const wrapper = js.newObject();
  wrapper.props.set('', v);
  return yield* ser(wrapper, '', v, '');
}

/** JSON.parse with V8's messages. */
export function jsonParse(js: Js, s: string): JsVal {
  let i = 0;
  const fail = (msg?: string): never => {
    if (i >= s.length) return js.throwError('SyntaxError', msg && !msg.startsWith('Unexpected token') ? `${msg} in JSON at position ${i}` : s.length === 0 || msg === undefined ? 'Unexpected end of JSON input' : `${msg} in JSON at position ${i}`);
    if (msg) return js.throwError('SyntaxError', `${msg} in JSON at position ${i}`);
    const ctx = s.length <= 10 ? `"${s}"` : `${i > 10 ? '...' : ''}"${s.slice(Math.max(0, i - 10), i + 10)}"${i + 10 < s.length ? '...' : ''}`;
    return js.throwError('SyntaxError', `Unexpected token '${s[i]}', ${ctx} is not valid JSON`);
  };
  const ws = () => { while (i < s.length && ' \t\n\r'.includes(s[i])) i++; };
  const value = (): JsVal => {
    ws();
    const c = s[i];
    if (c === undefined) return fail();
    if (c === '{') {
      i++;
      const o = js.newObject();
      ws();
      if (s[i] === '}') { i++; return o; }
      for (;;) {
        ws();
        if (s[i] !== '"') return fail(i < s.length ? (o.props.size ? "Expected double-quoted property name" : "Expected property name or '}'") : undefined);
        const k = str();
        ws();
        if (s[i] !== ':') return fail(i < s.length ? "Expected ':' after property name" : undefined);
        i++;
        o.props.set(k, value());
        ws();
        if (s[i] === '}') { i++; return o; }
        if (s[i] !== ',') return fail(i < s.length ? "Expected ',' or '}' after property value" : undefined);
        i++;
      }
    }
    if (c === '[') {
      i++;
      const items: JsVal[] = [];
      ws();
      if (s[i] === ']') { i++; return js.newArray(items); }
      for (;;) {
        items.push(value());
        ws();
        if (s[i] === ']') { i++; return js.newArray(items); }
        if (s[i] !== ',') return fail(i < s.length ? "Expected ',' or ']' after array element" : undefined);
        i++;
      }
    }
    if (c === '"') return str();
    for (const [lit, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (s.startsWith(lit, i)) { i += lit.length; return v; }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(s.slice(i));
    if (!m) {
      // A literal cut short (`tru`) or a stray character.
      for (const lit of ['true', 'false', 'null']) if (lit.startsWith(s.slice(i)) && i < s.length && s.slice(i).length < lit.length) { i = s.length; return fail(); }
      return fail();
    }
    i += m[0].length;
    return toNumber(js, m[0]);
  };
  const str = (): string => {
    i++;
    let out = '';
    for (;;) {
      const c = s[i];
      if (c === undefined) return fail('Unterminated string');
      if (c === '"') { i++; return out; }
      if (c < ' ') return fail('Bad control character in string literal');
      if (c === '\\') {
        const e = s[i + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) { out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16)); i += 6; continue; }
        if (map[e] === undefined) { i++; return fail('Bad escaped character'); }
        out += map[e];
        i += 2;
        continue;
      }
      out += c;
      i++;
    }
  };
  const v = value();
  ws();
  if (i < s.length) return js.throwError('SyntaxError', `Unexpected non-whitespace character after JSON at position ${i}`);
  return v;
}
