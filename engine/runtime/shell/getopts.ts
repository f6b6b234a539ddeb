/* eslint-disable require-yield -- every builtin is a generator with one signature; this one never blocks. */
/**
 * `getopts OPTSTRING NAME [ARG…]`: POSIX option parsing over the arguments (default: the positional
 * parameters), one option per call, with OPTIND/OPTARG as the shells keep them. Models dash's and
 * ash's getoptscmd (`Illegal option -x`, `No arg for -x option`, OPTARG set to '' after a plain
 * option) and bash's (`illegal option -- x`, OPTARG unset); a leading `:` in OPTSTRING silences them.
 */
import type { Block } from './kernel';
import type { Shell } from './shell';

type G<T> = Generator<Block, T, unknown>;

export function* getopts(sh: Shell, argv: string[]): G<number> {
  if (argv.length < 3) sh.builtinError('usage: getopts optstring var [arg]');
  const spec = argv[1];
  const name = argv[2];
  const args = argv.length > 3 ? argv.slice(3) : sh.d.pos;
  const silent = spec[0] === ':';
  const g = sh.d.dialect.getopts;
  let ind = Number(sh.d.vars.get('OPTIND') ?? '1') || 1;
  // The offset inside a bundled argument (-ab) survives only while OPTIND is what we left it at.
  let off = sh.optState && sh.optState.ind === ind ? sh.optState.off : 1;
  const finish = (opt: string, status: number): number => {
    sh.assign(name, opt);
    sh.assign('OPTIND', String(ind));
    sh.optState = { ind, off };
    return status;
  };
  const arg = args[ind - 1];
  if (off === 1) {
    if (arg === undefined || arg[0] !== '-' || arg === '-') return finish('?', 1);
    if (arg === '--') { ind++; return finish('?', 1); }
  }
  const c = arg[off++];
  const advance = () => { if (off >= arg.length) { ind++; off = 1; } };
  const at = c === ':' ? -1 : spec.indexOf(c, silent ? 1 : 0);
  if (at < 0) {
    if (silent) sh.assign('OPTARG', c);
    else { sh.writeErrSync(g.illegal(sh.d.arg0, c) + '\n'); unsetOptarg(sh); }
    advance();
    return finish('?', 0);
  }
  if (spec[at + 1] !== ':') {
    if (g.clearsOptarg) sh.assign('OPTARG', '');
    else unsetOptarg(sh);
    advance();
    return finish(c, 0);
  }
  if (off < arg.length) { sh.assign('OPTARG', arg.slice(off)); ind++; off = 1; return finish(c, 0); }
  if (args[ind] !== undefined) { sh.assign('OPTARG', args[ind]); ind += 2; off = 1; return finish(c, 0); }
  ind++;
  off = 1;
  if (silent) { sh.assign('OPTARG', c); return finish(':', 0); }
  sh.writeErrSync(g.noArg(sh.d.arg0, c) + '\n');
  unsetOptarg(sh);
  return finish('?', 0);
}

function unsetOptarg(sh: Shell): void {
  if (sh.d.vars.map.has('OPTARG')) sh.d.vars.own.delete('OPTARG');
}
