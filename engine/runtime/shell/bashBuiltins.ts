/* eslint-disable require-yield -- every builtin is a generator with one signature; some never block. */
/**
 * Builtins only bash has: `declare`/`typeset` (attributes -a -i -r -x, local inside a function
 * unless -g) and `mapfile`/`readarray` (lines of standard input into an array). ash and dash list
 * them in their dialect's `lacks`, so $PATH is searched for them there.
 */
import type { Block } from './kernel';
import type { Shell } from './shell';
import { readLineOf } from './sys';
import { setArray } from './bashEval';

type B = (sh: Shell, argv: string[]) => Generator<Block, number, unknown>;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Apply declare/local attribute letters to `name` (and a value when `=` was given). */
export function declareName(sh: Shell, arg: string, flags: string, local: boolean): void {
  const eq = arg.indexOf('=');
  const name = eq < 0 ? arg : arg.slice(0, eq);
  if (!NAME.test(name)) sh.builtinError(sh.d.dialect.msg.badName(arg));
  const frame = local ? sh.d.frames[sh.d.frames.length - 1] : undefined;
  const old = sh.d.vars.map.get(name);
  if (frame && !frame.has(name)) frame.set(name, old ? { ...old, arr: old.arr && new Map(old.arr) } : undefined);
  let v = sh.d.vars.own.get(name);
  if (!v) { v = { v: undefined, exp: false, ro: false }; sh.d.vars.own.set(name, v); }
  if (flags.includes('i')) v.int = true;
  if (flags.includes('a') && !v.arr) { v.arr = new Map(v.v !== undefined ? [[0, v.v]] : []); }
  if (eq >= 0) sh.assign(name, arg.slice(eq + 1));
  if (flags.includes('x')) v.exp = true;
  if (flags.includes('r')) v.ro = true;
}

/** The option letters at the front of argv (`-ra -x`), and where the names start. */
export function declFlags(argv: readonly string[]): [string, number] {
  let flags = '';
  let i = 1;
  for (; i < argv.length && /^[-+][A-Za-z]+$/.test(argv[i]); i++) if (argv[i][0] === '-') flags += argv[i].slice(1);
  return [flags, i];
}

const declare: B = function* (sh, argv) {
  const [flags, i] = declFlags(argv);
  const local = sh.d.frames.length > 0 && !flags.includes('g');
  for (const a of argv.slice(i)) declareName(sh, a, flags, local);
  return 0;
};

const mapfile: B = function* (sh, argv) {
  let strip = false;
  let i = 1;
  for (; i < argv.length && argv[i][0] === '-'; i++) if (argv[i] === '-t') strip = true;
  const name = argv[i] ?? 'MAPFILE';
  const of = sh.p.fds[0];
  const lines: string[] = [];
  if (of) {
    for (;;) {
      const r = yield* readLineOf(sh.k, of);
      if (r === null) break;
      lines.push(r[1] && !strip ? r[0] + '\n' : r[0]);
    }
  }
  setArray(sh, name, lines);
  return 0;
};

export const BASH_BUILTINS: [string, B][] = [['declare', declare], ['typeset', declare], ['mapfile', mapfile], ['readarray', mapfile]];
/** Their names (the other dialects lack them). */
export const BASH_ONLY: readonly string[] = BASH_BUILTINS.map(([n]) => n);
