/**
 * A small pflag: long (`--name value`, `--name=value`) and short (`-n value`, `-nvalue`, `-n=value`,
 * grouped booleans `-wA`) flags interspersed with positional arguments, `--` ending flags, and
 * cobra/kubectl's error texts.
 */

/** One flag a command accepts. */
export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  readonly type: 'bool' | 'string' | 'int' | 'strings';
}

/** Parsed flags (last value wins; `strings` flags accumulate comma-split values) and positionals. */
export interface ParsedFlags {
  readonly values: Readonly<Record<string, string | boolean | number | readonly string[]>>;
  readonly args: readonly string[];
  /** Arguments after `--`. */
  readonly rest: readonly string[];
  readonly changed: ReadonlySet<string>;
}

// Real kubectl flags the playground does not model: refused honestly instead of "unknown flag".
const KNOWN_UNSUPPORTED = new Set(['sort-by', 'field-selector', 'watch-only', 'output-watch-events', 'show-kind', 'chunk-size', 'raw', 'template',
  'kustomize', 'recursive', 'server-print', 'show-managed-fields', 'subresource', 'timestamps', 'since', 'since-time', 'all-containers', 'prefix',
  'limit-bytes', 'max-log-requests', 'pod-running-timeout', 'ignore-errors', 'dry-run', 'save-config', 'validate', 'field-manager', 'cascade',
  'timeout', 'context', 'kubeconfig', 'cluster', 'user', 'server', 'token', 'v', 'allow-missing-template-keys', 'selector', 'overwrite', 'record']);

const BOOL_VALUES: Record<string, boolean> = { '1': true, t: true, T: true, true: true, TRUE: true, True: true, '0': false, f: false, F: false, false: false, FALSE: false, False: false };

/**
 * Parses `argv` against `specs` for command `path` (e.g. "kubectl get"); an error string as kubectl
 * prints it (with the `See '… --help' for usage.` hint) for unknown flags or missing values.
 */
// Models spf13/pflag FlagSet.Parse and kubectl templater.FlagErrorFunc.
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[], path: string): ParsedFlags | { error: string } {
  const values: Record<string, string | boolean | number | readonly string[]> = {};
  const args: string[] = [];
  const changed = new Set<string>();
  const hint = `\nSee '${path} --help' for usage.`;
  const set = (spec: FlagSpec, raw: string, shown: string): string | undefined => {
    changed.add(spec.name);
    if (spec.type === 'bool') {
      const b = BOOL_VALUES[raw];
      if (b === undefined) return `invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`;
      values[spec.name] = b;
    } else if (spec.type === 'int') {
      if (!/^[-+]?\d+$/.test(raw)) return `invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`;
      values[spec.name] = Number(raw);
    } else if (spec.type === 'strings') {
      values[spec.name] = [...((values[spec.name] as string[] | undefined) ?? []), ...(raw === '' ? [] : raw.split(','))];
    } else values[spec.name] = raw;
    return undefined;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return { values, args, rest: argv.slice(i + 1), changed };
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const spec = specs.find((s) => s.name === name);
      if (!spec && KNOWN_UNSUPPORTED.has(name)) return { error: `--${name} is not supported in this playground` };
      if (!spec) return { error: `unknown flag: --${name}${hint}` };
      let raw: string;
      if (eq >= 0) raw = a.slice(eq + 1);
      else if (spec.type === 'bool') raw = 'true';
      else if (i + 1 < argv.length) raw = argv[++i];
      else return { error: `flag needs an argument: --${name}${hint}` };
      const err = set(spec, raw, `--${name}`);
      if (err) return { error: err + hint };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        const spec = specs.find((s) => s.short === ch);
        if (!spec) return { error: `unknown shorthand flag: '${ch}' in ${a}${hint}` };
        const shown = `-${ch}, --${spec.name}`;
        if (spec.type === 'bool') {
          const err = a[j + 1] === '=' ? set(spec, a.slice(j + 2), shown) : set(spec, 'true', shown);
          if (err) return { error: err + hint };
          if (a[j + 1] === '=') break;
          continue;
        }
        let raw: string;
        if (j + 1 < a.length) raw = a[j + 1] === '=' ? a.slice(j + 2) : a.slice(j + 1);
        else if (i + 1 < argv.length) raw = argv[++i];
        else return { error: `flag needs an argument: '${ch}' in ${a}${hint}` };
        const err = set(spec, raw, shown);
        if (err) return { error: err + hint };
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { values, args, rest: [], changed };
}
