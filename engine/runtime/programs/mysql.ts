/**
 * The mysql client of the mysql images, for what an init container does with it: connect as mysqladmin does
 * (same options, socket for localhost) and run `-e` statements (or stdin's) in batch mode, as it runs
 * without a tty: tab-separated with a header line (-N drops it). Failures print `ERROR CODE (SQLSTATE):
 * message` and exit 1. Of SQL only `SELECT <integer>` is answered; other statements say the playground does
 * not model them (exit 1, nothing was run).
 */
import { errRaw, out, type Applet } from './lib';
import { readAll } from '../shell/sys';
import { connect, defaultOpts, defaultUser, parse } from './mysqladmin';

export const mysql: Applet = function* (ctx) {
  const o = defaultOpts();
  const bad = parse(ctx, ctx.argv, o, 'mysql');
  if (bad) { errRaw(ctx, `mysql: [ERROR] ${bad}\n`); return bad.startsWith('unknown') ? 7 : 4; }
  defaultUser(ctx, o);
  let statements = o.execute;
  const fail = yield* connect(ctx, o);
  if (fail) {
    const state = fail.code === 1045 ? '28000' : 'HY000';
    errRaw(ctx, `ERROR ${fail.code} (${state}): ${fail.message}\n`);
    return 1;
  }
  if (!statements.length) {
    const stdin = ctx.p.fds[0];
    statements = (stdin ? yield* readAll(ctx.k, stdin) : '').split(';');
  }
  for (const statement of statements.flatMap((s) => s.split(';'))) {
    const sql = statement.trim();
    if (sql === '') continue;
    const m = /^select\s+(-?\d+)$/i.exec(sql);
    if (!m) {
      errRaw(ctx, `playground: mysql: only SELECT <integer> is modelled; "${sql}" was not run\n`);
      return 1;
    }
    yield* out(ctx, o.skipNames ? `${Number(m[1])}\n` : `${m[1]}\n${Number(m[1])}\n`);
  }
  return 0;
};
