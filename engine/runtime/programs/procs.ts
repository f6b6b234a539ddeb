/* eslint-disable require-yield -- every builtin and applet is a generator with one signature; some never block. */
/** kill and expr (busybox procps/kill.c, coreutils/expr.c). */
import { SIGNALS } from '../shell/kernel';
import { err, errRaw, out, type Applet } from './lib';
import { wording } from './wording';

export const kill: Applet = function* (ctx) {
  let sig = 'TERM';
  let args = ctx.argv.slice(1);
  if (args[0] === '-s') { sig = args[1] ?? ''; args = args.slice(2); } else if (args[0]?.startsWith('-')) { sig = args[0].slice(1); args = args.slice(1); }
  if (/^[0-9]+$/.test(sig)) sig = Object.keys(SIGNALS).find((k) => SIGNALS[k] === Number(sig)) ?? sig;
  sig = sig.toUpperCase().replace(/^SIG/, '');
  if (!(sig in SIGNALS)) { err(ctx, `bad signal name '${sig}'`); return 1; }
  let status = 0;
  for (const a of args) {
    const p = ctx.k.procs.get(Number(a));
    if (!p || p.done) { err(ctx, `can't kill pid ${a}: No such process`); status = 1; continue; }
    ctx.k.signal(p, sig);
  }
  return status;
};

export const expr: Applet = function* (ctx) {
  const a = ctx.argv.slice(1);
  const none = a.length === 0 ? wording(ctx).noOperands('expr') : null;
  // GNU expr's usage errors exit 2, as its syntax errors do.
  if (none) { errRaw(ctx, none); return 2; }
  let i = 0;
  const isInt = (s: string) => /^-?[0-9]+$/.test(s);
  const bad = (): never => { throw new Error('syntax error'); };
  const prim = (): string => {
    const t = a[i++];
    if (t === undefined) bad();
    if (t === '(') { const v = orE(); if (a[i++] !== ')') bad(); return v; }
    if (t === 'length') return String((a[i++] ?? '').length);
    return t;
  };
  const match = (): string => {
    let l = prim();
    while (a[i] === ':') {
      i++;
      const r = prim();
      const m = new RegExp('^(?:' + r.replace(/\\\(/g, '(').replace(/\\\)/g, ')') + ')').exec(l);
      l = m ? (m[1] !== undefined ? m[1] : String(m[0].length)) : /\\\(/.test(r) ? '' : '0';
    }
    return l;
  };
  const mul = (): string => {
    let l = match();
    while (a[i] === '*' || a[i] === '/' || a[i] === '%') {
      const op = a[i++];
      const r = match();
      if (!isInt(l) || !isInt(r)) throw new Error(wording(ctx).exprNonInteger);
      if (op !== '*' && Number(r) === 0) throw new Error('division by zero');
      l = String(op === '*' ? Number(l) * Number(r) : op === '/' ? Math.trunc(Number(l) / Number(r)) : Number(l) % Number(r));
    }
    return l;
  };
  const add = (): string => {
    let l = mul();
    while (a[i] === '+' || a[i] === '-') {
      const op = a[i++];
      const r = mul();
      if (!isInt(l) || !isInt(r)) throw new Error(wording(ctx).exprNonInteger);
      l = String(op === '+' ? Number(l) + Number(r) : Number(l) - Number(r));
    }
    return l;
  };
  const cmpE = (): string => {
    let l = add();
    while (['=', '==', '!=', '<', '<=', '>', '>='].includes(a[i])) {
      const op = a[i++];
      const r = add();
      const c = isInt(l) && isInt(r) ? Number(l) - Number(r) : l < r ? -1 : l > r ? 1 : 0;
      l = (op === '=' || op === '==' ? c === 0 : op === '!=' ? c !== 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0) ? '1' : '0';
    }
    return l;
  };
  const andE = (): string => {
    let l = cmpE();
    while (a[i] === '&') { i++; const r = cmpE(); l = l !== '' && l !== '0' && r !== '' && r !== '0' ? l : '0'; }
    return l;
  };
  const orE = (): string => {
    let l = andE();
    while (a[i] === '|') { i++; const r = andE(); l = l !== '' && l !== '0' ? l : r !== '' && r !== '0' ? r : '0'; }
    return l;
  };
  let v: string;
  try {
    if (a.length === 0) throw new Error('syntax error');
    v = orE();
    if (i < a.length) throw new Error('syntax error');
  } catch (e) {
    err(ctx, (e as Error).message);
    return 2;
  }
  yield* out(ctx, v + '\n');
  return v === '' || v === '0' ? 1 : 0;
};
