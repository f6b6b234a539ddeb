/**
 * The format specification mini-language (`format(v, spec)`, f-string `{v:spec}`, str.format):
 * [[fill]align][sign][#][0][width][,|_][.precision][type] for int, float and str, as
 * Python/formatter_unicode.c applies it, and str.format's `{}`/`{0}`/`{name}` fields.
 */
import { formatFloat, repr, str, type InstHook } from './ops';
import { raise, typeName, type PyVal } from './values';

const SPEC = /^(?:(.)?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/s;

function group(digits: string, sep: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

export function formatValue(v: PyVal, spec: string, hook?: InstHook): string {
  if (v !== null && typeof v === 'object' && v.kind === 'inst') {
    const r = hook?.(v, '__format__', [spec]);
    if (typeof r === 'string') return r;
  }
  if (spec === '') return str(v, hook);
  const m = SPEC.exec(spec);
  if (!m) return raise('ValueError', 'Invalid format specifier');
  const [, fillCh, alignCh, sign = '-', , alt, zero, widthS, sep, precS, typeCh] = m;
  let fill = fillCh ?? ' ';
  let align = alignCh;
  if (zero && !alignCh) { fill = '0'; align = '='; }
  const width = widthS ? Number(widthS) : 0;
  let body: string;
  let neg = false;
  const isNumber = typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean';
  if (typeof v === 'string' || (!isNumber && (typeCh === undefined || typeCh === 's'))) {
    if (typeCh && typeCh !== 's') raise('ValueError', `Unknown format code '${typeCh}' for object of type '${typeName(v)}'`);
    if (sign !== '-' && spec.includes(sign)) raise('ValueError', 'Sign not allowed in string format specifier');
    body = str(v, hook);
    if (precS !== undefined) body = body.slice(0, Number(precS));
    align = align ?? '<';
  } else if (!isNumber) {
    return raise('TypeError', `unsupported format string passed to ${typeName(v)}.__format__`);
  } else {
    const intLike = typeof v !== 'number';
    const t = typeCh ?? (intLike ? 'd' : '');
    if (intLike && 'bcdoxXn'.includes(t)) {
      if (precS !== undefined) raise('ValueError', 'Precision not allowed in integer format specifier');
      let n = typeof v === 'boolean' ? (v ? 1n : 0n) : v as bigint;
      neg = n < 0n;
      if (neg) n = -n;
      const base = t === 'b' ? 2 : t === 'o' ? 8 : t === 'x' || t === 'X' ? 16 : 10;
      body = t === 'c' ? String.fromCodePoint(Number(n)) : n.toString(base);
      if (t === 'X') body = body.toUpperCase();
      if (sep) body = group(body, sep);
      if (alt && base !== 10) body = `0${t}`.replace('0d', '') + body;
    } else {
      if (!'eEfFgG%'.includes(t) && t !== '') raise('ValueError', `Unknown format code '${t}' for object of type '${typeName(v)}'`);
      let x = typeof v === 'number' ? v : Number(typeof v === 'boolean' ? (v ? 1 : 0) : v);
      neg = x < 0 || Object.is(x, -0);
      x = Math.abs(x);
      const prec = precS === undefined ? 6 : Number(precS);
      if (t === '%') body = formatFloat(x * 100, 'f', prec) + '%';
      else if (t === '') body = precS === undefined ? repr(x) : formatFloat(x, 'g', prec).replace(/^(\d+)$/, '$1');
      else body = formatFloat(x, t, prec);
      if (sep) { const [ip, fp] = body.split('.'); body = group(ip, sep) + (fp !== undefined ? '.' + fp : ''); }
    }
    align = align ?? '>';
  }
  const signStr = neg ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '';
  if (align === '=') {
    const pad = Math.max(0, width - signStr.length - body.length);
    return signStr + fill.repeat(pad) + body;
  }
  const full = signStr + body;
  const pad = Math.max(0, width - full.length);
  if (align === '<') return full + fill.repeat(pad);
  if (align === '^') return fill.repeat(Math.floor(pad / 2)) + full + fill.repeat(pad - Math.floor(pad / 2));
  return fill.repeat(pad) + full;
}

/** str.format: `{}` auto-numbered, `{0}` positional, `{name}` keyword fields, `!r`/`!s` and a spec. */
export function strFormat(fmt: string, args: PyVal[], kw: Map<string, PyVal>, hook?: InstHook): string {
  let auto = 0;
  return fmt.replace(/\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g, (m, field: string | undefined, conv: string | undefined, spec: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const name = field ?? '';
    const [head, ...attrs] = name.split(/(?=\[)/);
    let v: PyVal;
    if (head === '') {
      if (auto >= args.length) raise('IndexError', `Replacement index ${auto} out of range for positional args tuple`);
      v = args[auto++];
    } else if (/^\d+$/.test(head)) {
      if (Number(head) >= args.length) raise('IndexError', `Replacement index ${head} out of range for positional args tuple`);
      v = args[Number(head)];
    } else {
      if (!kw.has(head)) raise('KeyError', head);
      v = kw.get(head)!;
    }
    if (attrs.length) raise('ValueError', 'the playground does not model indexing inside str.format fields');
    const s = conv === 'r' ? repr(v, hook) : conv === 's' ? str(v, hook) : v;
    return formatValue(s, spec ?? '', hook);
  });
}
