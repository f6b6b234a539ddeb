/* eslint-disable require-yield -- every builtin and applet is a generator with one signature; some never block. */
/** kill (busybox procps/kill.c). */
import { SIGNALS } from '../shell/kernel';
import { err, type Applet } from './lib';

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

