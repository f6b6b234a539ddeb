/**
 * A file as the CLI and the gallery receive it: plain manifests, or a scenario file (a mapping with
 * a `manifests:` string and optional title, description, until, settings, actions, expect).
 */
import { DIAGNOSTIC_CODES } from '../sim/diagnostics';
import type { Diagnostic } from '../sim/diagnostics';
import { parseDuration } from './duration';
import { MAX_MANIFEST_CHARS } from './parseManifests';
import { LineIndex, positionOf } from './positions';
import type { PositionMap, SourcePos } from './positions';
import { parseChunk, splitDocuments } from './yamlDocs';
import { isObj, type Obj } from './metaValidation';

/** Text in English and optionally Simplified Chinese. */
export type I18nText = string | { readonly en: string; readonly 'zh-CN'?: string };

/** Timing and model settings (DESIGN.md "Timing defaults"). Unknown keys are kept, with a warning. */
export interface ScenarioSettings {
  readonly kubernetesVersion?: string;
  /** Seconds an `Always` pull takes. */
  readonly imagePullSeconds?: number;
  /** Seconds from the kubelet's decision to Running. */
  readonly containerStartSeconds?: number;
  readonly jitter?: boolean;
  readonly seed?: number;
  readonly [key: string]: unknown;
}

/** A kubectl line run at a virtual time. */
export interface ScenarioAction {
  /** Virtual time in integer milliseconds. */
  readonly atMs: number;
  readonly run: string;
  readonly stdin?: string;
}

/** A scenario ready to simulate. */
export interface Scenario {
  readonly manifests: string;
  /** Where `manifests` starts in the file (1-based), so positions inside it map to file lines. */
  readonly manifestsOffset: SourcePos;
  /** Actions sorted by time; equal times keep file order. */
  readonly actions: ScenarioAction[];
  /** The run's end in ms, when the file sets one. */
  readonly untilMs?: number;
  readonly settings: ScenarioSettings;
  readonly title?: I18nText;
  readonly description?: I18nText;
  /** The `expect` block, uninterpreted (another module evaluates it). */
  readonly expect?: unknown;
}

const KNOWN_KEYS = new Set(['title', 'description', 'manifests', 'until', 'settings', 'actions', 'expect']);
const SETTINGS: Readonly<Record<string, 'string' | 'number' | 'boolean'>> = {
  kubernetesVersion: 'string', imagePullSeconds: 'number', containerStartSeconds: 'number', jitter: 'boolean', seed: 'number',
};

/**
 * Reads a file: a scenario file when its first document is a mapping with `manifests`, else plain
 * manifests (the whole text). Never throws.
 *
 * @param fileName used only in messages
 * @returns the scenario (null when the file is unusable) and diagnostics with 1-based file positions;
 *   manifest problems themselves are left to parseManifests/checkObject on `scenario.manifests`
 */
export function readScenario(text: string, fileName?: string): { scenario: Scenario | null; diagnostics: Diagnostic[] } {
  try {
    return readUnsafe(typeof text === 'string' ? text : String(text), fileName);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { scenario: null, diagnostics: [{ code: DIAGNOSTIC_CODES.internal, severity: 'error', message: `internal error while reading ${fileName ?? 'the file'}: ${detail}`, line: 1, column: 1 }] };
  }
}

function readUnsafe(text: string, fileName: string | undefined): { scenario: Scenario | null; diagnostics: Diagnostic[] } {
  const where = fileName ? `${fileName}: ` : '';
  if (text.length > MAX_MANIFEST_CHARS) {
    return { scenario: null, diagnostics: [{ code: DIAGNOSTIC_CODES.tooLarge, severity: 'error', message: `${where}the file is too large: ${text.length} characters, at most ${MAX_MANIFEST_CHARS} are read.`, line: 1, column: 1 }] };
  }
  const lines = new LineIndex(text);
  const chunks = splitDocuments(text, 1) ?? [];
  const first = chunks.length === 1 ? parseChunk(chunks[0] as { text: string; offset: number }, lines, { nodes: 1_000_000 }) : null;
  const doc = first?.docs[0];
  // A scenario is one mapping with a `manifests` key and no apiVersion/kind of its own.
  if (!first || first.error || first.docs.length !== 1 || !doc || !isObj(doc.value) || !('manifests' in doc.value) || 'kind' in doc.value) {
    return { scenario: plain(text), diagnostics: [] };
  }
  return fromFile(doc.value, doc.positions, text, where);
}

function plain(text: string): Scenario {
  return { manifests: text, manifestsOffset: { line: 1, column: 1 }, actions: [], settings: {} };
}

function fromFile(file: Obj, positions: PositionMap, text: string, where: string): { scenario: Scenario | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const at = (path: string): SourcePos => positionOf(positions, path);
  const problem = (path: string, message: string, severity: Diagnostic['severity'] = 'error'): void => {
    const p = at(path);
    diagnostics.push({ code: DIAGNOSTIC_CODES.scenarioShape, severity, message: `${where}${message}`, path, line: p.line, column: p.column });
  };
  for (const key of Object.keys(file)) if (!KNOWN_KEYS.has(key)) problem(key, `unknown scenario key "${key}" (ignored)`, 'warning');
  if (typeof file.manifests !== 'string') {
    problem('manifests', '`manifests` must be a string (use `manifests: |` and indent the YAML under it)');
    return { scenario: null, diagnostics };
  }
  const manifests = file.manifests;
  const title = i18n(file.title, 'title', problem);
  const description = i18n(file.description, 'description', problem);
  let untilMs: number | undefined;
  if (file.until !== undefined && file.until !== null) {
    const ms = typeof file.until === 'string' || typeof file.until === 'number' ? parseDuration(file.until) : null;
    if (ms === null) problem('until', `\`until\` must be a duration such as 90, 90s, 2m or 1m30s, not ${JSON.stringify(file.until)}`);
    else untilMs = ms;
  }
  const settings = readSettings(file.settings, problem);
  const actions = readActions(file.actions, problem);
  const scenario: { -readonly [K in keyof Scenario]: Scenario[K] } = {
    manifests,
    manifestsOffset: manifestsStart(positions, text),
    actions,
    settings,
  };
  if (untilMs !== undefined) scenario.untilMs = untilMs;
  if (title !== undefined) scenario.title = title;
  if (description !== undefined) scenario.description = description;
  if (file.expect !== undefined) scenario.expect = file.expect;
  return { scenario, diagnostics };
}

type Problem = (path: string, message: string, severity?: Diagnostic['severity']) => void;

function i18n(v: unknown, key: string, problem: Problem): I18nText | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (isObj(v) && typeof v.en === 'string') {
    if (v['zh-CN'] !== undefined && typeof v['zh-CN'] !== 'string') problem(`${key}.zh-CN`, `\`${key}.zh-CN\` must be a string`);
    return typeof v['zh-CN'] === 'string' ? { en: v.en, 'zh-CN': v['zh-CN'] } : { en: v.en };
  }
  problem(key, `\`${key}\` must be a string or {en, zh-CN}`);
  return undefined;
}

function readSettings(v: unknown, problem: Problem): ScenarioSettings {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) {
    problem('settings', '`settings` must be a mapping');
    return {};
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(v)) {
    const want = SETTINGS[key];
    if (!want) {
      problem(`settings.${key}`, `unknown setting "${key}" (kept, but nothing reads it)`, 'warning');
      out[key] = value;
      continue;
    }
    // A version written as 1.30 is read by YAML as the number 1.3; keep the text the user meant when possible.
    if (key === 'kubernetesVersion' && typeof value === 'number') out[key] = String(value);
    else if (typeof value !== want) problem(`settings.${key}`, `setting "${key}" must be a ${want}`);
    else if (want === 'number' && (!Number.isFinite(value) || (value as number) < 0)) problem(`settings.${key}`, `setting "${key}" must be a number ≥ 0`);
    else out[key] = value;
  }
  return out;
}

function readActions(v: unknown, problem: Problem): ScenarioAction[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    problem('actions', '`actions` must be a list of {at, run, stdin?}');
    return [];
  }
  const out: { action: ScenarioAction; i: number }[] = [];
  v.forEach((a, i) => {
    const path = `actions[${i}]`;
    if (!isObj(a)) return problem(path, `action ${i + 1} must be a mapping {at, run, stdin?}`);
    const atMs = typeof a.at === 'string' || typeof a.at === 'number' ? parseDuration(a.at) : null;
    if (atMs === null) return problem(`${path}.at`, `action ${i + 1}: \`at\` must be a duration such as 20s or 1m30s`);
    if (typeof a.run !== 'string' || a.run.trim() === '') return problem(`${path}.run`, `action ${i + 1}: \`run\` must be a kubectl command line`);
    if (a.stdin !== undefined && a.stdin !== null && typeof a.stdin !== 'string') return problem(`${path}.stdin`, `action ${i + 1}: \`stdin\` must be a string`);
    for (const key of Object.keys(a)) if (!['at', 'run', 'stdin'].includes(key)) problem(`${path}.${key}`, `action ${i + 1}: unknown key "${key}" (ignored)`, 'warning');
    out.push({ action: typeof a.stdin === 'string' ? { atMs, run: a.run, stdin: a.stdin } : { atMs, run: a.run }, i });
  });
  // Stable by time: Array.prototype.sort is stable, and the index breaks ties explicitly anyway.
  return out.sort((x, y) => x.action.atMs - y.action.atMs || x.i - y.i).map((x) => x.action);
}

/**
 * Where the manifests text begins: for a block scalar (`manifests: |`), the first content line at
 * its indentation; for an inline string, just after its opening quote (exact for the first line).
 */
function manifestsStart(positions: PositionMap, text: string): SourcePos {
  const pos = positions.get('manifests');
  const key = pos?.key ?? { line: 1, column: 1 };
  const lines = text.split('\n');
  // What follows `manifests:` on the key's line tells a block scalar from an inline one.
  const keyLine = lines[key.line - 1] ?? '';
  const colon = keyLine.indexOf(':', key.column - 1);
  const after = colon < 0 ? '' : keyLine.slice(colon + 1).trim();
  const block = /^(&\S+\s+)?(!\S*\s+)?[|>]([+-]?[1-9]?|[1-9][+-])(\s+#.*)?$/.exec(after);
  if (block) {
    const explicit = /[1-9]/.exec(block[3] ?? '');
    for (let l = key.line; l < lines.length; l++) {
      const t = lines[l] as string;
      if (t.trim() === '') continue;
      const indent = explicit ? Number(explicit[0]) + key.column - 1 : (/^ */.exec(t) as RegExpExecArray)[0].length;
      return { line: l + 1, column: indent + 1 };
    }
    return { line: key.line + 1, column: 1 };
  }
  const value = pos?.value ?? key;
  const quoted = ['"', "'"].includes((lines[value.line - 1] ?? '')[value.column - 1] ?? '');
  return { line: value.line, column: value.column + (quoted ? 1 : 0) };
}
