/* eslint-disable require-yield -- native functions share the generator signature of JS calls; many never block. */
/**
 * A minimal Buffer: what fs.readFileSync without an encoding and http's 'data' events hand a script.
 * Its bytes (UTF-8), `length`, `toString([utf8|base64|hex])`, `Buffer.from(string)`, `Buffer.isBuffer`,
 * and inspect's `<Buffer 68 69>` (at most 50 bytes shown).
 */
import type { Js } from './interp';
import { base64Encode } from '../encode';
import { utf8Bytes } from '../utf8';
import { isObj, type JsObj, type JsVal } from './values';


/** Decodes UTF-8 bytes, replacing malformed sequences with U+FFFD as Buffer#toString does. */
function fromUtf8(b: string): string {
  let out = '';
  for (let i = 0; i < b.length;) {
    const c = b.charCodeAt(i);
    const n = c < 0x80 ? 0 : c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : -1;
    let cp = n <= 0 ? c : c & (0x3f >> n);
    let ok = n >= 0 && i + n < b.length;
    for (let j = 1; ok && j <= n; j++) {
      const d = b.charCodeAt(i + j);
      if ((d & 0xc0) !== 0x80) ok = false;
      cp = (cp << 6) | (d & 63);
    }
    if (!ok) { out += '\ufffd'; i++; continue; }
    out += String.fromCodePoint(cp);
    i += n + 1;
  }
  return out;
}

export function bytesOf(v: JsVal): string | null {
  return isObj(v) && v.cls === 'Buffer' ? (v.internal as { bytes: string }).bytes : null;
}

export class Buffers {
  readonly proto: JsObj;

  constructor(private readonly js: Js) {
    this.proto = js.newObject();
    const def = (name: string, fn: (bytes: string, args: JsVal[]) => JsVal) => {
      this.proto.props.set(name, js.native(name, function* (self, args) { return fn(bytesOf(self) ?? '', args); }));
    };
    def('toString', (b, [enc]) => (enc === 'base64' ? base64Encode(b) : enc === 'hex' ? [...b].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('') : enc === 'latin1' || enc === 'binary' ? b : fromUtf8(b)));
    def('toJSON', (b) => {
      const o = js.newObject();
      o.props.set('type', 'Buffer');
      o.props.set('data', js.newArray([...b].map((c) => c.charCodeAt(0))));
      return o;
    });
    this.proto.hidden = new Set(['toString', 'toJSON']);
  }

  /** A Buffer holding `bytes` (one char per byte). */
  make(bytes: string): JsObj {
    const b = this.js.newObject(this.proto, 'Buffer');
    const shown = [...bytes.slice(0, 50)].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join(' ');
    b.internal = { bytes, inspect: () => `<Buffer${shown ? ' ' + shown : ''}${bytes.length > 50 ? ` ... ${bytes.length - 50} more bytes` : ''}>` };
    b.getters = new Map([['length', this.js.native('length', function* () { return bytes.length; })]]);
    return b;
  }

  fromString(s: string): JsObj {
    return this.make(utf8Bytes(s));
  }
}

/** The global Buffer: Buffer.from(string | array | Buffer), Buffer.isBuffer, Buffer.byteLength. */
export function bufferGlobal(js: Js, buffers: Buffers): JsObj {
  const B = js.native('Buffer', function* () { return js.throwError('TypeError', 'Buffer() is deprecated; use Buffer.from()'); });
  B.props.set('prototype', buffers.proto);
  B.props.set('from', js.native('from', function* (_s, [v]) {
    if (typeof v === 'string') return buffers.fromString(v);
    if (isObj(v) && v.arr) return buffers.make(v.arr.map((x) => String.fromCharCode(Number(x) & 255)).join(''));
    const b = bytesOf(v);
    return b !== null ? buffers.make(b) : js.throwError('TypeError', 'The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object.');
  }));
  B.props.set('isBuffer', js.native('isBuffer', function* (_s, [v]) { return bytesOf(v) !== null; }));
  B.props.set('byteLength', js.native('byteLength', function* (_s, [v]) { return utf8Bytes(js.toStr(v)).length; }));
  return B;
}
