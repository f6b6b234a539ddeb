/**
 * How sigs.k8s.io/yaml (a go-yaml v2 fork) writes one string: the style it picks (plain, single-
 * or double-quoted, literal block) and the folding of long lines at column 80.
 */

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

const BEST_WIDTH = 80;

const BOOL_NULL = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<']);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

// Go strconv.ParseInt/ParseUint with base 0 (after go-yaml strips '_').
function goParsesInt(s: string): boolean {
  return /^[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]*|[1-9][0-9]*)$/.test(s);
}

// go-yaml v2 parseTimestamp: 4 digits then '-' and one of its layouts.
function looksLikeTimestamp(s: string): boolean {
  return /^\d{4}-\d{1,2}-\d{1,2}(([Tt]|[ \t]+)\d{1,2}:\d{1,2}:\d{1,2}(\.\d*)?(Z|[-+]\d{1,2}(:\d{2})?)?)?$/.test(s);
}

/** Whether go-yaml v2 `resolve` would read `s`, written plain, as something other than a string. */
// Models go-yaml v2 resolve.go resolve() (hint table, resolveMap, int/float/timestamp parsing).
export function resolvesToNonString(s: string): boolean {
  if (BOOL_NULL.has(s)) return true;
  const c = s[0];
  if (c === '.') return YAML_FLOAT.test(s) || /^\.\d/.test(s) && !Number.isNaN(Number(s));
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    if (looksLikeTimestamp(s)) return true;
    const plain = s.replace(/_/g, '');
    if (goParsesInt(plain)) return true;
    if (YAML_FLOAT.test(plain)) return true;
    if (/^-?0b[01]+$/.test(plain)) return true;
  }
  return false;
}

// go-yaml v2 is_printable, on code points (4-byte UTF-8 sequences count as not printable).
function isPrintable(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}
const isBreak = (ch: string | undefined): boolean => ch === '\n' || ch === '\r' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029';
const isBlank = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';

interface Analysis { blockPlain: boolean; singleQuoted: boolean; block: boolean }

// Models go-yaml v2 emitterc.go yaml_emitter_analyze_scalar (block context).
function analyze(s: string): Analysis {
  if (s === '') return { blockPlain: true, singleQuoted: true, block: false };
  const ch = [...s];
  let blockIndicators = s.startsWith('---') || s.startsWith('...');
  let leadingSpace = false; let leadingBreak = false; let trailingSpace = false; let trailingBreak = false;
  let breakSpace = false; let spaceBreak = false; let previousSpace = false; let previousBreak = false;
  let lineBreaks = false; let special = false;
  let precededByWhitespace = true;
  for (let i = 0; i < ch.length; i++) {
    const c = ch[i];
    const followedByWhitespace = i + 1 >= ch.length || isBlank(ch[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':') && followedByWhitespace) blockIndicators = true;
      else if (c === '-' && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) blockIndicators = true;
    else if (c === '#' && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(c.codePointAt(0) ?? 0)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === ch.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true; previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === ch.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false; previousBreak = true;
    } else {
      previousSpace = false; previousBreak = false;
    }
    precededByWhitespace = isBlank(c) || isBreak(c);
  }
  let blockPlain = true; let singleQuoted = true; let block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) { blockPlain = false; singleQuoted = false; }
  if (spaceBreak || special) { blockPlain = false; singleQuoted = false; block = false; }
  if (lineBreaks || blockIndicators) blockPlain = false;
  return { blockPlain, singleQuoted, block };
}

/** The style go-yaml v2 ends up with for a string value (`key` true for mapping keys). */
// Models go-yaml v2 encode.go stringv + emitterc.go yaml_emitter_select_scalar_style.
export function scalarStyle(s: string, key: boolean): ScalarStyle {
  const canUsePlain = !resolvesToNonString(s) && !BASE60_FLOAT.test(s);
  let style: ScalarStyle = s.includes('\n') ? 'literal' : canUsePlain ? 'plain' : 'double';
  const a = analyze(s);
  if (style === 'plain' && (!a.blockPlain || (s === '' && key))) style = 'single';
  if (style === 'single' && !a.singleQuoted) style = 'double';
  if (style === 'literal' && (!a.block || key)) style = 'double';
  return style;
}

const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e',
  '"': '"', '\\': '\\', '\u0085': 'N', '\u00a0': '_', '\u2028': 'L', '\u2029': 'P',
};

function escapeChar(c: string): string {
  if (ESCAPES[c] !== undefined) return '\\' + ESCAPES[c];
  const v = c.codePointAt(0) ?? 0;
  const [p, w] = v <= 0xff ? ['x', 2] : v <= 0xffff ? ['u', 4] : ['U', 8];
  return '\\' + p + v.toString(16).toUpperCase().padStart(w, '0');
}

/**
 * Writes `s` in `style` starting at output column `column`, with continuation lines (folds, literal
 * lines) indented by `indent` spaces. Returns the text without the trailing newline.
 */
// Models go-yaml v2 emitterc.go yaml_emitter_write_{plain,single_quoted,double_quoted,literal}_scalar.
export function writeScalar(s: string, style: ScalarStyle, column: number, indent: number, allowBreaks: boolean): string {
  const ch = [...s];
  const pad = ' '.repeat(indent);
  let out = '';
  let col = column;
  const put = (t: string): void => { out += t; col += [...t].length; };
  const newline = (): void => { out += '\n' + pad; col = indent; };
  if (style === 'literal') {
    let hints = '|';
    if (ch[0] === ' ' || isBreak(ch[0])) hints += '2';
    const last = ch.length - 1;
    if (!isBreak(ch[last])) hints += '-';
    else if (last === 0 || isBreak(ch[last - 1])) hints += '+';
    out = hints + '\n';
    let breaks = true;
    for (const c of ch) {
      if (isBreak(c)) { out += '\n'; breaks = true; continue; }
      if (breaks) { out += pad; breaks = false; }
      out += c;
    }
    return out;
  }
  if (style === 'plain') {
    let spaces = false;
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i];
      if (c === ' ') {
        if (allowBreaks && !spaces && col > BEST_WIDTH && ch[i + 1] !== ' ') newline(); else put(c);
        spaces = true;
      } else { put(c); spaces = false; }
    }
    return out;
  }
  if (style === 'single') {
    put("'");
    let spaces = false;
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i];
      if (c === ' ') {
        if (allowBreaks && !spaces && col > BEST_WIDTH && i > 0 && i < ch.length - 1 && ch[i + 1] !== ' ') newline(); else put(c);
        spaces = true;
      } else { put(c === "'" ? "''" : c); spaces = false; }
    }
    put("'");
    return out;
  }
  put('"');
  let spaces = false;
  for (let i = 0; i < ch.length; i++) {
    const c = ch[i];
    const cp = c.codePointAt(0) ?? 0;
    if (!isPrintable(cp) || cp === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
      put(escapeChar(c));
      spaces = false;
    } else if (c === ' ') {
      if (allowBreaks && !spaces && col > BEST_WIDTH && i !== 0 && i !== ch.length - 1) {
        newline();
        if (ch[i + 1] === ' ') put('\\');
      } else put(c);
      spaces = true;
    } else { put(c); spaces = false; }
  }
  put('"');
  return out;
}
