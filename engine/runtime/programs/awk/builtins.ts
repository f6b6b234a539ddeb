/** awk's builtin functions (busybox editors/awk.c exec_builtin and friends). */
import type { Expr } from './parse';
import type { Regex } from '../regex/index';
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
        ? (args[2].k === 're' ? it.splitRegex(str, it.literal(args[2].v)) : it.splitText(str, it.eval(args[2])))
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
      const m = it.reOf(args[1]).extent(s(0));
      it.setVar('RSTART', m ? m[0] + 1 : 0);
      it.setVar('RLENGTH', m ? m[1] - m[0] : -1);
      return m ? m[0] + 1 : 0;
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
      if (it.cmdIn.has(name2)) { const st = it.cmdIn.get(name2)!.status; it.cmdIn.delete(name2); return st; }
      const had = it.files.delete(name2) || it.opened.delete(name2);
      return had ? 0 : -1;
    }
    case 'fflush': return 0;
    case 'system': {
      // The command's output follows what awk printed before it (system() flushes stdout first).
      const cmd = s(0);
      it.flushOut();
      const r = it.io.run(cmd, '');
      it.out.push(r.out);
      it.flushOut();
      if (r.err) it.io.stderr(r.err);
      return r.status;
    }
  }
  throw new AwkRuntimeError(`unknown builtin ${name}`);
}

/**
 * sub/gsub as busybox's awk_sub: each search runs on the rest of the text (REG_NOTBOL after the first);
 * after an empty match one character is copied. In the replacement, `&` is the match; a run of n
 * backslashes before it keeps n/2 of them and, when n is odd, makes the & literal; other backslashes stay.
 */
function substitute(s: string, re: Regex, rep: string, global: boolean, it: Interp): [string, number] {
  let out = '';
  let sp = 0;
  let count = 0;
  re.work = 0;
  for (let m = re.extent(s, 0); m !== null; m = re.extent(s, sp, true)) {
    const [so, eo] = [m[0], m[1]];
    out += s.slice(sp, so) + expand(rep, s.slice(so, eo));
    count++;
    // The result is memory awk holds as it grows (gsub(/x*/, "-") in a loop doubles the record each time), and
    // each match is work like a line's.
    if ((count & 4095) === 0) { it.hold(out.length); it.work(4096); }
    sp = eo;
    if (!global) break;
    if (so === eo) {
      if (sp >= s.length) return [out, count];
      out += s[sp++];
    }
  }
  it.work(re.work >> 8);
  return [out + s.slice(sp), count];
}

function expand(rep: string, match: string): string {
  if (!/[\\&]/.test(rep)) return rep;
  let out = '';
  let nbs = 0;
  for (const c of rep) {
    if (c === '\\') { nbs++; out += c; continue; }
    if (c === '&') {
      out = out.slice(0, out.length - ((nbs + 1) >> 1));
      out += nbs % 2 ? '&' : match;
    } else out += c;
    nbs = 0;
  }
  return out;
}

