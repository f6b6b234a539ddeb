/**
 * Node's util.inspect and util.format as console.log uses them (lib/internal/util/inspect.js):
 * quoting of strings inside containers, `{ a: 1 }` / `[ 1, 2 ]` on one line when they fit in 80
 * columns (and nest less than 3 deep), otherwise one entry per line; numeric arrays of more than 6
 * items grouped in columns; depth 2 then `[Object]`; functions `[Function: f]`, classes `[class A]`,
 * errors by their stack; `%s %d %i %f %j %o %O %c %%` in a leading format string.
 */
import type { Js } from './interp';
import { isCallable, isObj, numStr, orderedKeys, type JsObj, type JsVal } from './values';

interface Ctx { seen: JsObj[]; indentationLvl: number; currentDepth: number; depth: number }

const BREAK = 80;

export function quote(s: string): string {
  const q = !s.includes("'") ? "'" : !s.includes('"') ? '"' : !s.includes('`') && !s.includes('${') ? '`' : "'";
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
    else out += ch;
  }
  return q + out + q;
}

function keyStr(k: string): string {
  return /^[a-zA-Z_][a-zA-Z_0-9]*$/.test(k) ? k : quote(k);
}

function fnBase(js: Js, f: JsObj): string {
  const name = String(f.props.get('name') ?? '');
  if (f.isClass) {
    const base = f.proto && f.proto !== js.realm.FunctionProto ? ` extends ${String(f.proto.props.get('name') ?? '')}` : '';
    return `[class ${name || '(anonymous)'}${base}]`;
  }
  return name ? `[Function: ${name}]` : '[Function (anonymous)]';
}

function ctorName(js: Js, o: JsObj): string | null {
  if (o.proto === null) return null;
  const c = o.proto.props.get('constructor');
  return isObj(c) ? String(c.props.get('name') ?? '') : 'Object';
}

function isBelowBreakLength(output: string[], start: number, base: string): boolean {
  let total = output.length + start;
  if (total + output.length > BREAK) return false;
  for (const s of output) {
    total += s.length;
    if (total > BREAK) return false;
  }
  return base === '' || !base.includes('\n');
}

function groupArrayElements(ctx: Ctx, output: string[], value: JsVal[], more: boolean): string[] {
  let totalLength = 0;
  let maxLength = 0;
  const separatorSpace = 2;
  // The "... n more items" entry is not part of the grid.
  const outputLength = more ? output.length - 1 : output.length;
  const dataLen = output.slice(0, outputLength).map((s) => s.length);
  for (const len of dataLen) { totalLength += len + separatorSpace; if (maxLength < len) maxLength = len; }
  const actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl < BREAK && (totalLength / actualMax > 5 || maxLength <= 6)) {
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax), Math.floor((BREAK - ctx.indentationLvl) / actualMax), 3 * 4, 15);
    if (columns <= 1) return output;
    const maxLineLength: number[] = [];
    for (let i = 0; i < columns; i++) {
      let lineLength = 0;
      for (let j = i; j < outputLength; j += columns) if (dataLen[j] > lineLength) lineLength = dataLen[j];
      maxLineLength.push(lineLength + separatorSpace);
    }
    const numeric = value.every((v) => typeof v === 'number');
    const tmp: string[] = [];
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength);
      let str = '';
      let j = i;
      for (; j < max - 1; j++) str += numeric ? `${output[j]}, `.padStart(maxLineLength[j - i]) : `${output[j]}, `.padEnd(maxLineLength[j - i]);
      str += numeric ? output[j].padStart(maxLineLength[j - i] - separatorSpace) : output[j];
      tmp.push(str);
    }
    if (more) tmp.push(output[outputLength]);
    return tmp;
  }
  return output;
}

function reduceToSingleString(ctx: Ctx, output: string[], base: string, braces: [string, string], isArray: boolean, recurseTimes: number, value: JsVal[], more = false): string {
  const entries = output.length;
  if (isArray && entries > 6) output = groupArrayElements(ctx, output, value, more);
  if (ctx.currentDepth - recurseTimes < 3 && entries === output.length) {
    const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
    if (isBelowBreakLength(output, start, base)) {
      const joined = output.join(', ');
      if (!joined.includes('\n')) return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
    }
  }
  const ind = `\n${' '.repeat(ctx.indentationLvl)}`;
  return `${base ? `${base} ` : ''}${braces[0]}${ind}  ${output.join(`,${ind}  `)}${ind}${braces[1]}`;
}

function formatValue(js: Js, ctx: Ctx, v: JsVal, recurseTimes: number, inContainer: boolean): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return inContainer ? quote(v) : v;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : numStr(v);
  if (typeof v === 'boolean') return String(v);
  if (ctx.seen.includes(v)) return '[Circular *1]';
  return formatRaw(js, ctx, v, recurseTimes);
}

function formatRaw(js: Js, ctx: Ctx, o: JsObj, recurseTimes: number): string {
  const keys = orderedKeys(o.props.keys()).filter((k) => !o.hidden?.has(k));
  const isErr = o.hidden?.has('stack') ?? false;
  let base = '';
  let braces: [string, string] = ['{', '}'];
  const cname = ctorName(js, o);
  if (o.arr) {
    braces = [cname === 'Array' ? '[' : `${cname}(${o.arr.length}) [`, ']'];
    if (o.arr.length === 0 && keys.length === 0) return `${braces[0]}]`;
  } else if (isCallable(o)) {
    base = fnBase(js, o);
    if (keys.length === 0) return base;
  } else if (isErr) {
    // Nested errors indent their stack lines to the nesting level.
    base = String(o.props.get('stack') ?? js.toStr(o)).split('\n').join(`\n${' '.repeat(ctx.indentationLvl)}`);
    if (keys.length === 0 && !(o.props.has('cause') && o.hidden?.has('cause'))) return base;
  } else if (o.internal && (o.internal as { inspect?: () => string }).inspect) {
    return (o.internal as { inspect: () => string }).inspect();
  } else {
    if (cname === null) braces = ['[Object: null prototype] {', '}'];
    else if (cname !== 'Object') braces = [`${cname} {`, '}'];
    if (keys.length === 0) return `${braces[0]}}`;
  }
  if (recurseTimes > ctx.depth) return o.arr ? '[Array]' : `[${cname ?? 'Object'}]`;
  ctx.seen.push(o);
  ctx.currentDepth = recurseTimes;
  const output: string[] = [];
  const values: JsVal[] = [];
  if (o.arr) {
    let holes = 0;
    const flush = () => { if (holes) { output.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`); holes = 0; } };
    const shown = Math.min(o.arr.length, 100);
    for (let i = 0; i < shown; i++) {
      if (!(i in o.arr)) { holes++; continue; }
      flush();
      output.push(formatValue(js, ctx, o.arr[i], recurseTimes + 1, true));
      values.push(o.arr[i]);
    }
    flush();
    if (o.arr.length > 100) output.push(`... ${o.arr.length - 100} more item${o.arr.length - 100 > 1 ? 's' : ''}`);
  }
  if (isErr && o.props.has('cause') && o.hidden?.has('cause')) {
    ctx.indentationLvl += 2;
    output.push(`[cause]: ${formatValue(js, ctx, o.props.get('cause'), recurseTimes + 1, true)}`);
    ctx.indentationLvl -= 2;
  }
  for (const k of keys) {
    ctx.indentationLvl += 2;
    const v = o.props.get(k);
    const s = formatValue(js, ctx, v, recurseTimes + 1, true);
    ctx.indentationLvl -= 2;
    output.push(`${keyStr(k)}: ${s}`);
    values.push(v);
  }
  ctx.seen.pop();
  return reduceToSingleString(ctx, output, base, braces, !!o.arr && keys.length === 0, recurseTimes, values, !!o.arr && o.arr.length > 100);
}

export function inspect(js: Js, v: JsVal, depth = 2): string {
  return formatValue(js, { seen: [], indentationLvl: 0, currentDepth: 0, depth }, v, 0, false);
}

/** util.format: a leading string's %-directives consume arguments; the rest are inspected and joined by spaces. */
export function format(js: Js, args: JsVal[]): string {
  if (typeof args[0] === 'string' && args.length > 1 && args[0].includes('%')) {
    const fmt = args[0];
    let a = 1;
    const out = fmt.replace(/%([sdifjoOc%])/g, (m, d: string) => {
      if (d === '%') return '%';
      if (a >= args.length) return m;
      const v = args[a++];
      switch (d) {
        case 's': return typeof v === 'string' ? v : typeof v === 'number' ? (Object.is(v, -0) ? '-0' : numStr(v)) : isObj(v) && !isCallable(v) ? inspect(js, v, 1) : js.toStr(v);
        case 'd': case 'i': {
          if (isObj(v)) return 'NaN';
          const n = Number(v);
          return d === 'i' ? numStr(Math.trunc(n)) : numStr(n);
        }
        case 'f': return numStr(Number(v));
        case 'j': return jsonOrCircular(js, v);
        case 'o': case 'O': return formatValue(js, { seen: [], indentationLvl: 0, currentDepth: 0, depth: d === 'o' ? 4 : 2 }, v, 0, true);
        case 'c': return '';
      }
      return m;
    });
    return [out, ...args.slice(a).map((v) => inspectArg(js, v))].join(' ');
  }
  return args.map((v) => inspectArg(js, v)).join(' ');
}

function inspectArg(js: Js, v: JsVal): string {
  return typeof v === 'string' ? v : inspect(js, v);
}

function jsonOrCircular(js: Js, v: JsVal): string {
  const stringify = js.realm.global.props.get('JSON');
  const fn = isObj(stringify) ? stringify.props.get('stringify') : undefined;
  if (!isCallable(fn)) return 'undefined';
  return js.toStr(js.runSync(js.call(fn, undefined, [v])));
}

/** Map and Set bodies: `Map(2) { 'a' => 1, 'b' => 2 }`, `Set(0) {}`, broken over lines past 80 columns. */
export function inspectEntries(js: Js, prefix: string, entries: JsVal[][]): string {
  if (!entries.length) return `${prefix} {}`;
  const ctx: Ctx = { seen: [], indentationLvl: 2, currentDepth: 0, depth: 2 };
  const output = entries.map((e) => e.map((x) => formatValue(js, ctx, x, 1, true)).join(' => '));
  return reduceToSingleString({ ...ctx, indentationLvl: 0 }, output, '', [`${prefix} {`, '}'], false, 0, []);
}
