/* eslint-disable require-yield -- native functions share the generator signature of Python calls; many never block. */
/**
 * The json module: dumps with indent/sort_keys/separators/ensure_ascii as Lib/json/encoder.py writes,
 * loads with Lib/json/decoder.py's JSONDecodeError messages (`Expecting value: line 1 column 1 (char 0)`).
 */
import { module } from './modules';
import { floatRepr, builtinClass, dict, hashKey, list, moduleClass, newExc, PyExc, raise, truthy, typeName, type PyClass, type PyModule, type PyVal } from './values';

function quote(s: string, ascii: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || (ascii && c > 0x7e)) {
      if (c > 0xffff) {
        const v = c - 0x10000;
        out += `\\u${(0xd800 + (v >> 10)).toString(16)}\\u${(0xdc00 + (v & 0x3ff)).toString(16)}`;
      } else out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return out + '"';
}

interface DumpOpts { indent: string | null; itemSep: string; keySep: string; sortKeys: boolean; ascii: boolean }

function dump(v: PyVal, o: DumpOpts, depth: number): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean': return v ? 'true' : 'false';
    case 'bigint': return v.toString();
    case 'number': return Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : floatRepr(v);
    case 'string': return quote(v, o.ascii);
  }
  const nl = o.indent === null ? '' : '\n' + o.indent.repeat(depth + 1);
  const close = o.indent === null ? '' : '\n' + o.indent.repeat(depth);
  if (v.kind === 'list' || v.kind === 'tuple') {
    if (!v.items.length) return '[]';
    return '[' + nl + v.items.map((x) => dump(x, o, depth + 1)).join(o.itemSep + nl) + close + ']';
  }
  if (v.kind === 'dict') {
    if (!v.map.size) return '{}';
    let entries = [...v.map.values()].map(([k, x]): [string, PyVal] => {
      if (typeof k === 'string') return [k, x];
      if (k === null || typeof k === 'boolean' || typeof k === 'bigint' || typeof k === 'number') return [dump(k, o, 0), x];
      return raise('TypeError', `keys must be str, int, float, bool or None, not ${typeName(k)}`);
    });
    if (o.sortKeys) entries = entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return '{' + nl + entries.map(([k, x]) => quote(k, o.ascii) + o.keySep + dump(x, o, depth + 1)).join(o.itemSep + nl) + close + '}';
  }
  return raise('TypeError', `Object of type ${typeName(v)} is not JSON serializable`);
}

class JsonParser {
  i = 0;
  constructor(readonly s: string, readonly err: PyClass) {}

  fail(msg: string, at = this.i): never {
    const before = this.s.slice(0, at);
    const line = before.split('\n').length;
    const col = at - before.lastIndexOf('\n');
    const e = newExc(this.err, `${msg}: line ${line} column ${col} (char ${at})`);
    throw new PyExc(e);
  }

  ws(): void { while (/[ \t\n\r]/.test(this.s[this.i] ?? '')) this.i++; }

  value(): PyVal {
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    for (const [lit, v] of [['null', null], ['true', true], ['false', false], ['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]] as const) {
      if (this.s.startsWith(lit, this.i)) { this.i += lit.length; return v; }
    }
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(this.s.slice(this.i));
    if (!m) return this.fail('Expecting value');
    this.i += m[0].length;
    return m[1] || m[2] ? Number(m[0]) : BigInt(m[0]);
  }

  string(): string {
    const start = this.i;
    this.i++;
    let out = '';
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) return this.fail('Unterminated string starting at', start);
      if (c === '"') { this.i++; return out; }
      if (c < ' ') return this.fail('Invalid control character at');
      if (c === '\\') {
        const e = this.s[this.i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u') {
          const hex = this.s.slice(this.i + 2, this.i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\uXXXX escape', this.i + 1);
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 6;
          continue;
        }
        if (simple[e] === undefined) this.fail('Invalid \\escape', this.i);
        out += simple[e];
        this.i += 2;
        continue;
      }
      out += c;
      this.i++;
    }
  }

  array(): PyVal {
    this.i++;
    const items: PyVal[] = [];
    this.ws();
    if (this.s[this.i] === ']') { this.i++; return list(items); }
    for (;;) {
      this.ws();
      items.push(this.value());
      this.ws();
      if (this.s[this.i] === ']') { this.i++; return list(items); }
      if (this.s[this.i] !== ',') this.fail("Expecting ',' delimiter");
      const comma = this.i++;
      this.ws();
      if (this.s[this.i] === ']') this.fail('Illegal trailing comma before end of array', comma);
    }
  }

  object(): PyVal {
    this.i++;
    const d = dict();
    this.ws();
    if (this.s[this.i] === '}') { this.i++; return d; }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('Expecting property name enclosed in double quotes');
      const k = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail("Expecting ':' delimiter");
      this.i++;
      this.ws();
      d.map.set(hashKey(k), [k, this.value()]);
      this.ws();
      if (this.s[this.i] === '}') { this.i++; return d; }
      if (this.s[this.i] !== ',') this.fail("Expecting ',' delimiter");
      const comma = this.i++;
      this.ws();
      if (this.s[this.i] === '}') this.fail('Illegal trailing comma before end of object', comma);
    }
  }
}

export function jsonModule(): PyModule {
  const err = moduleClass('JSONDecodeError', builtinClass('ValueError'), 'json.decoder');
  const loads = (text: PyVal): PyVal => {
    let s: string;
    if (typeof text === 'string') s = text;
    else if (text !== null && typeof text === 'object' && text.kind === 'bytes') s = text.data;
    else return raise('TypeError', `the JSON object must be str, bytes or bytearray, not ${typeName(text)}`);
    const p = new JsonParser(s, err);
    p.ws();
    const v = p.value();
    p.ws();
    if (p.i < s.length) p.fail('Extra data');
    return v;
  };
  const opts = (kw: Map<string, PyVal>): DumpOpts => {
    const ind = kw.get('indent') ?? null;
    const indent = ind === null ? null : typeof ind === 'string' ? ind : ' '.repeat(Number(ind));
    const seps = kw.get('separators') ?? null;
    const [itemSep, keySep] = seps !== null && typeof seps === 'object' && seps.kind === 'tuple' ? seps.items.map(String) : [indent === null ? ', ' : ',', ': '];
    return { indent, itemSep, keySep, sortKeys: truthy(kw.get('sort_keys') ?? false), ascii: truthy(kw.get('ensure_ascii') ?? true) };
  };
  return module('json', {
    JSONDecodeError: err,
    dumps: { kind: 'builtin', name: 'dumps', fn: function* (a, kw) { return dump(a[0], opts(kw), 0); } },
    loads: { kind: 'builtin', name: 'loads', fn: function* (a) { return loads(a[0]); } },
    dump: { kind: 'builtin', name: 'dump', fn: function* (a, kw) {
      const f = a[1];
      if (f === null || typeof f !== 'object' || f.kind !== 'inst') return raise('AttributeError', `'${typeName(f)}' object has no attribute 'write'`);
      const w = f.attrs.get('write');
      if (!w || typeof w !== 'object' || w.kind !== 'builtin') return raise('AttributeError', `'${typeName(f)}' object has no attribute 'write'`);
      yield* w.fn([dump(a[0], opts(kw), 0)], new Map());
      return null;
    } },
    load: { kind: 'builtin', name: 'load', fn: function* (a) {
      const f = a[0];
      const r = f !== null && typeof f === 'object' && f.kind === 'inst' ? f.attrs.get('read') : undefined;
      if (!r || typeof r !== 'object' || r.kind !== 'builtin') return raise('AttributeError', `'${typeName(f)}' object has no attribute 'read'`);
      return loads(yield* r.fn([], new Map()));
    } },
  });
}
