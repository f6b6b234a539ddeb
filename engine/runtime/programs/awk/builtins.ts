/** awk's builtin functions (busybox editors/awk.c exec_builtin and friends). */
import type { Expr } from './parse';
import { AwkRuntimeError, FIELD_BYTES, type AwkArray, type Interp } from './interp';
import { sprintf, StrNum, toNum, type Value } from './values';

export function callBuiltin(it: Interp, name: string, args: readonly Expr[]): Value {
  const s = (i: number): string => it.str(it.eval(args[i]));
  const n = (i: number): number => toNum(it.eval(args[i]));
  switch (name) {
    case 'length':
      if (args.length === 0) return it.fields[0].length;
      if (args[0].k === 'var' && it.getVar(args[0].name) instanceof Map) return (it.getVar(args[0].name) as AwkArray).size;
      return s(0).length;
    case 'substr': {
      // busybox awk.c: start and length truncate to int; a start below 1 does not shorten the length.
      const str = s(0);
      let i = Math.trunc(n(1)) - 1;
      if (i > str.length) i = str.length;
      if (i < 0) i = 0;
      let len = args.length > 2 ? Math.trunc(n(2)) : str.length - i;
      if (len < 0) len = 0;
      return str.substr(i, len);
    }
    case 'index': return s(0).indexOf(s(1)) + 1;
    case 'split': {
      const str = s(0);
      if (args[1].k !== 'var') throw new AwkRuntimeError('split: not an array');
      const arr = it.array(args[1].name);
      arr.clear();
      const parts = args.length > 2
        ? (args[2].k === 're' ? (str === '' ? [] : str.split(it.regex(args[2].v))) : it.splitText(str, it.eval(args[2])))
        : it.splitText(str, it.scalar('FS'));
      it.hold(parts.length * FIELD_BYTES);
      parts.forEach((p, i) => arr.set(String(i + 1), new StrNum(p)));
      return parts.length;
    }
    case 'sub': case 'gsub': {
      const re = it.reOf(args[0]);
      const rep = s(1);
      const target: Expr = args[2] ?? { k: 'field', e: { k: 'num', v: 0 } };
      const [text, count] = substitute(it.str(it.eval(target)), re, rep, name === 'gsub', it);
      if (count) it.assignTo(target, text);
      return count;
    }
    case 'match': {
      const m = it.reOf(args[1]).exec(s(0));
      it.setVar('RSTART', m ? m.index + 1 : 0);
      it.setVar('RLENGTH', m ? m[0].length : -1);
      return m ? m.index + 1 : 0;
    }
    case 'sprintf': {
      if (args.length === 0) throw new AwkRuntimeError('Too few arguments for builtin');
      const vals = args.map((a) => it.eval(a));
      return sprintf(it.str(vals[0]), vals.slice(1), it.convfmt);
    }
    case 'tolower': return s(0).toLowerCase();
    case 'toupper': return s(0).toUpperCase();
    case 'int': return Math.trunc(n(0));
    case 'sqrt': return Math.sqrt(n(0));
    case 'exp': return Math.exp(n(0));
    case 'log': return Math.log(n(0));
    case 'sin': return Math.sin(n(0));
    case 'cos': return Math.cos(n(0));
    case 'atan2': return Math.atan2(n(0), n(1));
    case 'rand': {
      // A fixed-seed LCG: deterministic runs (real awk seeds from the clock in srand()).
      it.seed = (Math.imul(it.seed, 1103515245) + 12345) >>> 0;
      return (it.seed >>> 1) / 2147483648;
    }
    case 'srand': {
      const prev = it.prevSeed;
      it.prevSeed = args.length ? Math.trunc(n(0)) : 0;
      it.seed = it.prevSeed >>> 0;
      return prev;
    }
    case 'close': {
      const name2 = s(0);
      if (it.pipes.has(name2)) return it.closePipe(name2);
      const had = it.files.delete(name2) || it.opened.delete(name2);
      return had ? 0 : -1;
    }
    case 'fflush': return 0;
    case 'system':
      it.flushOut();
      it.io.stderr(`awk: system() is not available in the playground\n`);
      return -1;
  }
  throw new AwkRuntimeError(`unknown builtin ${name}`);
}

/** sub/gsub: `&` is the match, `\&` a literal ampersand. Empty matches advance one character. */
function substitute(s: string, re: RegExp, rep: string, global: boolean, it: Interp): [string, number] {
  const g = new RegExp(re.source, 'g');
  // A replacement without & or \ is the same text at every match.
  const plain = !/[\\&]/.test(rep);
  let out = '';
  let last = 0;
  let count = 0;
  let m: RegExpExecArray | null;
  while ((m = g.exec(s)) !== null) {
    const text = m[0];
    out += s.slice(last, m.index);
    out += plain ? rep : rep.replace(/\\\\|\\&|&/g, (x) => (x === '&' ? text : x === '\\&' ? '&' : '\\'));
    count++;
    // The result is memory awk holds as it grows (gsub(/x*/, "-") in a loop doubles the record each time), and
    // each match is work like a line's.
    if ((count & 4095) === 0) { it.hold(out.length); it.work(4096); }
    if (text === '') {
      if (m.index < s.length) out += s[m.index];
      last = m.index + 1;
      g.lastIndex = m.index + 1;
    } else last = m.index + text.length;
    if (!global) break;
    if (last > s.length) break;
  }
  if (last <= s.length) out += s.slice(last);
  return [out, count];
}

