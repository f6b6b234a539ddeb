/**
 * GNU long options (getopt_long) of the tools the Debian userland has: each is rewritten to the short
 * option the shared applet parses (`--parents` → `-p`, `--lines=5` → `-n 5`), and an unknown one fails
 * as getopt_long says (`ls: unrecognized option '--foo'`, with the `Try … --help` line and usage status).
 * `--help` and `--version` are not modelled and pass through unchanged.
 */
import { errRaw, prog, type Applet } from './lib';
import { wording } from './wording';

/** Long option → short letter; a trailing `=` marks one that takes a value. */
const LONG: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ls: { all: 'a', 'almost-all': 'A', recursive: 'R', reverse: 'r', directory: 'd', classify: 'F', 'human-readable': 'h', 'numeric-uid-gid': 'n', inode: 'i' },
  mkdir: { parents: 'p', 'mode=': 'm', verbose: 'v' },
  rm: { recursive: 'r', force: 'f', verbose: 'v' },
  rmdir: { parents: 'p' },
  cp: { recursive: 'r', archive: 'a', force: 'f', 'no-clobber': 'n', preserve: 'p' },
  mv: { force: 'f', 'no-clobber': 'n' },
  cat: { number: 'n', 'number-nonblank': 'b', 'show-all': 'A', 'squeeze-blank': 's' },
  head: { 'lines=': 'n', 'bytes=': 'c', quiet: 'q', silent: 'q', verbose: 'v' },
  tail: { 'lines=': 'n', 'bytes=': 'c', quiet: 'q', silent: 'q', verbose: 'v', follow: 'f' },
  wc: { lines: 'l', words: 'w', bytes: 'c', chars: 'm', 'max-line-length': 'L' },
  sort: { 'numeric-sort': 'n', reverse: 'r', unique: 'u', 'key=': 'k', 'field-separator=': 't', 'ignore-case': 'f' },
  uniq: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' },
  grep: { count: 'c', quiet: 'q', silent: 'q', 'invert-match': 'v', 'ignore-case': 'i', 'line-number': 'n', 'only-matching': 'o',
    'extended-regexp': 'E', 'fixed-strings': 'F', recursive: 'r', 'word-regexp': 'w', 'files-with-matches': 'l', 'regexp=': 'e', 'max-count=': 'm' },
  cut: { 'delimiter=': 'd', 'fields=': 'f', 'characters=': 'c', 'bytes=': 'b', 'only-delimited': 's' },
  tr: { delete: 'd', 'squeeze-repeats': 's', complement: 'c' },
  touch: { 'no-create': 'c', 'date=': 'd', 'reference=': 'r' },
  ln: { symbolic: 's', force: 'f', 'no-dereference': 'n', verbose: 'v' },
  tee: { append: 'a', 'ignore-interrupts': 'i' },
  date: { utc: 'u', universal: 'u', 'date=': 'd', 'reference=': 'r' },
  id: { user: 'u', group: 'g', name: 'n', groups: 'G', real: 'r' },
  env: { 'ignore-environment': 'i', 'unset=': 'u' },
  sed: { quiet: 'n', silent: 'n', 'expression=': 'e', 'in-place': 'i', 'regexp-extended': 'E', 'file=': 'f' },
  seq: { 'separator=': 's', 'equal-width': 'w' },
  chmod: { recursive: 'R' },
  chown: { recursive: 'R' },
  stat: { dereference: 'L', 'format=': 'c', terse: 't' },
  timeout: { 'signal=': 's', 'kill-after=': 'k' },
};

/** argv with long options made short; a string is getopt_long's error instead. */
function shorten(name: string, argv: readonly string[]): string[] | string {
  return shortenLong(LONG[name] ?? {}, argv, true);
}

/**
 * getopt_long's lookup of `--opt` (the text after `--`, up to any `=`) in `table`: an exact name, else the one
 * option it abbreviates. Names it abbreviates that stand for the same short letter and argument are one option
 * (glibc's rule: `--rel` is --release, not ambiguous with --kernel-release, both -r). `arg` is the argument as
 * typed, for the messages; a string is the error, without the program's name.
 */
export function lookupLong(table: Readonly<Record<string, string>>, opt: string, arg: string): { name: string; short: string; takes: boolean } | string {
  const names = Object.keys(table).map((k) => k.replace(/=$/, ''));
  const entry = (n: string) => ({ name: n, short: table[`${n}=`] ?? table[n], takes: `${n}=` in table });
  if (names.includes(opt)) return entry(opt);
  const hits = names.filter((k) => k.startsWith(opt));
  if (hits.length === 0) return `unrecognized option '${arg}'`;
  const first = entry(hits[0]);
  if (hits.some((h) => { const e = entry(h); return e.short !== first.short || e.takes !== first.takes; })) {
    return `option '${arg}' is ambiguous; possibilities:${hits.map((h) => ` '--${h}'`).join('')}`;
  }
  return first;
}

/**
 * argv with the long options of `table` (long → short letter, `=` marking one that takes a value) made
 * short, as getopt_long reads them (an unambiguous prefix will do); a string is its error, without the
 * program's name. `passHelp`: `--help` and `--version` go through unchanged (the GNU tools).
 */
export function shortenLong(table: Readonly<Record<string, string>>, argv: readonly string[], passHelp: boolean): string[] | string {
  const out = [argv[0]];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { out.push(...argv.slice(i)); break; }
    if (!a.startsWith('--') || (passHelp && (a === '--help' || a === '--version'))) { out.push(a); continue; }
    const eq = a.indexOf('=');
    const found = lookupLong(table, a.slice(2, eq < 0 ? undefined : eq), a);
    if (typeof found === 'string') return found;
    if (!found.takes) {
      if (eq >= 0) return `option '--${found.name}' doesn't allow an argument`;
      out.push(`-${found.short}`);
      continue;
    }
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) return `option '--${found.name}' requires an argument`;
    out.push(`-${found.short}`, value);
  }
  return out;
}

/** Whether the GNU tool `name` has long options modelled here. */
export function hasLongOptions(name: string): boolean {
  return name in LONG;
}

/** `applet` taking GNU long options too. */
export function withLongOptions(name: string, applet: Applet): Applet {
  return function* (ctx) {
    if (!ctx.argv.some((a) => a.startsWith('--') && a.length > 2)) return yield* applet(ctx);
    const r = shorten(name, ctx.argv);
    if (typeof r === 'string') {
      const [text, status] = wording(ctx).badOption(prog(ctx), '');
      errRaw(ctx, text.replace(/invalid option -- ''/, r));
      return status;
    }
    return yield* applet({ ...ctx, argv: r });
  };
}
