/**
 * The Node command line (DESIGN.md "The command line", a contract):
 *   npm run simulate -- FILE [--until DURATION] [--at "DURATION kubectl …"]… [--format watch|jsonl|trace] [--seed N] [--check]
 * Exit 0 when everything applied, 1 when any object was rejected (or a --check clause failed),
 * 2 for unreadable input or bad arguments.
 */
import { readFileSync } from 'node:fs';
import { parseDuration } from './scenario/duration';
import { readScenario } from './scenario/readScenario';
import { shiftPos } from './scenario/positions';
import { simulate, type ActionInput } from './sim/simulate';
import { formatJsonl, formatWatch } from './sim/format';
import { evaluateExpect, formatCheck } from './sim/expect';

interface Args {
  file?: string;
  untilMs?: number;
  at: ActionInput[];
  format: 'watch' | 'jsonl' | 'trace';
  seed?: number;
  check: boolean;
}

const USAGE = 'usage: npm run simulate -- FILE [--until DURATION] [--at "DURATION kubectl …"]… [--format watch|jsonl|trace] [--seed N] [--check]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { at: [], format: 'watch', check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) fail(`error: ${name} needs a value\n${USAGE}`);
      return v;
    };
    const flag = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (flag === '--until') {
      const ms = parseDuration(value('--until'));
      if (ms === null) fail(`error: --until: not a duration (use 90, 90s, 2m or 1m30s)`);
      args.untilMs = ms;
    } else if (flag === '--at') {
      const text = value('--at').trim();
      const space = text.indexOf(' ');
      const ms = space > 0 ? parseDuration(text.slice(0, space)) : null;
      if (ms === null) fail(`error: --at "${text}": expected "DURATION command", e.g. --at "30s kubectl get pods"`);
      args.at.push({ atMs: ms, run: text.slice(space + 1).trim() });
    } else if (flag === '--format') {
      const f = value('--format');
      if (f !== 'watch' && f !== 'jsonl' && f !== 'trace') fail(`error: --format must be watch, jsonl or trace, not "${f}"`);
      args.format = f;
    } else if (flag === '--seed') {
      const n = Number(value('--seed'));
      if (!Number.isInteger(n) || n < 0) fail('error: --seed must be a non-negative integer');
      args.seed = n;
    } else if (flag === '--check') {
      args.check = true;
    } else if (a === '-h' || a === '--help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a.startsWith('-')) {
      fail(`error: unknown flag ${a}\n${USAGE}`);
    } else if (args.file === undefined) {
      args.file = a;
    } else {
      fail(`error: only one FILE may be given (got ${args.file} and ${a})`);
    }
  }
  if (!args.file) fail(USAGE);
  return args;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  let text: string;
  try {
    text = readFileSync(args.file!, 'utf8');
  } catch (e) {
    fail(`error: cannot read ${args.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const read = readScenario(text, args.file);
  const fatal = read.diagnostics.filter((d) => d.severity === 'error');
  if (!read.scenario || fatal.some((d) => d.code === 'yaml-syntax' || d.code === 'scenario-shape' || d.code === 'too-large')) {
    const d = fatal[0] ?? read.diagnostics[0];
    fail(`${args.file}:${d?.line ?? 1}:${d?.column ?? 1}: ${d?.message ?? 'cannot read the file'}`);
  }
  for (const d of read.diagnostics) if (d.severity === 'warning') process.stderr.write(`${args.file}:${d.line ?? 1}:${d.column ?? 1}: warning: ${d.message}\n`);
  const sc = read.scenario;
  const actions = [...sc.actions, ...args.at];
  const trace = simulate(
    { manifests: sc.manifests, actions, ...(sc.untilMs !== undefined ? { untilMs: sc.untilMs } : {}), settings: sc.settings },
    { ...(args.seed !== undefined ? { seed: args.seed } : {}), ...(args.untilMs !== undefined ? { untilMs: args.untilMs } : {}) },
  );
  // Manifests that cannot be read at all are unreadable input (exit 2), located in the file.
  const unreadable = trace.diagnostics.find((d) => d.severity === 'error' && (d.code === 'yaml-syntax' || d.code === 'too-large'));
  if (unreadable) {
    const at = shiftPos({ line: unreadable.line ?? 1, column: unreadable.column ?? 1 }, sc.manifestsOffset);
    fail(`${args.file}:${at.line}:${at.column}: ${unreadable.message}`);
  }
  const rejected = trace.records.some((r) => r.type === 'rejected');
  if (args.check) {
    const result = evaluateExpect(sc.expect, trace, { exit: rejected ? 1 : 0, manifests: sc.manifests, actions, settings: sc.settings });
    process.stdout.write(formatCheck(result));
    process.exit(result.pass ? 0 : 1);
  }
  if (args.format === 'trace') process.stdout.write(`${JSON.stringify(trace)}\n`);
  else if (args.format === 'jsonl') process.stdout.write(formatJsonl(trace));
  else process.stdout.write(formatWatch(trace));
  process.exit(rejected ? 1 : 0);
}

main();
