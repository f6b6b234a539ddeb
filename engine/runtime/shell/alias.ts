/* eslint-disable require-yield -- every builtin is a generator with one signature; unalias never blocks. */
/**
 * alias and unalias (ash.c aliascmd/unaliascmd): the table, its listing (`NAME='value'`, in the order of
 * ash's 39-bucket hash, each bucket in definition order; bash lists `alias NAME='value'` sorted) and the
 * `not found` diagnostics. The parser substitutes them (parseAlias.ts).
 */
import type { Block } from './kernel';
import type { Shell } from './shell';
import { writeFd } from './sys';
import { quoteValue } from './builtins2';

type B = (sh: Shell, argv: string[]) => Generator<Block, number, unknown>;

/** ash's hashalias: the first byte times 16 plus every byte, modulo 39. */
function bucket(name: string): number {
  let h = name.charCodeAt(0) << 4;
  for (let i = 0; i < name.length; i++) h += name.charCodeAt(i);
  return h % 39;
}

function table(sh: Shell): Map<string, string> {
  sh.d.aliases ??= new Map();
  return sh.d.aliases;
}

function line(sh: Shell, name: string, value: string): string {
  return `${sh.d.dialect.name === 'bash' ? 'alias ' : ''}${name}=${quoteValue(value)}\n`;
}

const alias: B = function* (sh, argv) {
  const t = table(sh);
  let out = '';
  let status = 0;
  if (argv.length === 1) {
    const names = [...t.keys()];
    if (sh.d.dialect.name === 'bash') names.sort();
    else names.sort((a, b) => bucket(a) - bucket(b));
    for (const n of names) out += line(sh, n, t.get(n)!);
  }
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=', 1);
    if (eq < 0) {
      const v = t.get(a);
      if (v === undefined) { sh.writeErrSync(`alias: ${a} not found\n`); status = 1; } else out += line(sh, a, v);
      continue;
    }
    // A redefinition keeps the entry's place in its bucket.
    t.set(a.slice(0, eq), a.slice(eq + 1));
  }
  if (out) yield* writeFd(sh.k, sh.p, 1, out);
  return status;
};

const unalias: B = function* (sh, argv) {
  const t = table(sh);
  if (argv[1] === '-a') { t.clear(); return 0; }
  let status = 0;
  for (const a of argv.slice(argv[1] === '--' ? 2 : 1)) {
    if (!t.delete(a)) { sh.writeErrSync(`unalias: ${a} not found\n`); status = 1; }
  }
  return status;
};

export const ALIAS_BUILTINS: [string, B][] = [['alias', alias], ['unalias', unalias]];
