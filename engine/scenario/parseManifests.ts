/**
 * The editor text → manifest documents with field positions, and diagnostics for what could not
 * be read. Never throws: bad input becomes diagnostics.
 */
import { DIAGNOSTIC_CODES } from '../sim/diagnostics';
import type { Diagnostic } from '../sim/diagnostics';
import { LineIndex } from './positions';
import type { FieldPos, PositionMap, SourcePos } from './positions';
import { MAX_NODES, parseChunk, splitDocuments } from './yamlDocs';

/** Largest text accepted, in UTF-16 code units (~2 MB). Larger input gets one `too-large` diagnostic. */
export const MAX_MANIFEST_CHARS = 2_000_000;
/** Most documents accepted in one text. */
export const MAX_DOCUMENTS = 10_000;

/** One manifest object, as read from the text. */
export interface ManifestDoc {
  /** 0-based position among the objects read from the text (List items counted one by one). */
  readonly index: number;
  /** The object as plain JSON-like data (not yet defaulted or validated). */
  readonly object: unknown;
  /** Where the document's content starts. */
  readonly start: SourcePos;
  /** Field path (`spec.initContainers[0].name`) → key/value positions; `''` is the object itself. */
  readonly positions: PositionMap;
}

/** The result of reading manifests: the documents that could be read, and what went wrong. */
export interface ParsedManifests {
  readonly docs: ManifestDoc[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Reads multi-document YAML (`---` separated). Empty documents are skipped; a `kind: List` with
 * `items` expands into its items. A syntax error costs only its own document.
 *
 * @param text the manifests as the editor holds them
 * @returns documents in text order, and diagnostics (each with a 1-based line and column in `text`)
 */
export function parseManifests(text: string): ParsedManifests {
  try {
    return parseUnsafe(typeof text === 'string' ? text : String(text));
  } catch (e) {
    return { docs: [], diagnostics: [internalError(e)] };
  }
}

function parseUnsafe(text: string): ParsedManifests {
  const diagnostics: Diagnostic[] = [];
  if (text.length > MAX_MANIFEST_CHARS) {
    return { docs: [], diagnostics: [tooLarge(`The manifests are too large: ${text.length} characters, at most ${MAX_MANIFEST_CHARS} are read.`)] };
  }
  const chunks = splitDocuments(text, MAX_DOCUMENTS);
  if (!chunks) {
    return { docs: [], diagnostics: [tooLarge(`The manifests have more than ${MAX_DOCUMENTS} documents.`)] };
  }
  const lines = new LineIndex(text);
  const budget = { nodes: MAX_NODES };
  const docs: ManifestDoc[] = [];
  for (const chunk of chunks) {
    const { docs: raw, error } = parseChunk(chunk, lines, budget);
    for (const doc of raw) {
      if (doc.value === null || doc.value === undefined) continue; // empty document
      if (docs.length >= MAX_DOCUMENTS) {
        diagnostics.push(tooLarge(`The manifests have more than ${MAX_DOCUMENTS} documents.`));
        return { docs, diagnostics };
      }
      if (isObject(doc.value) && doc.value.kind === 'List' && Array.isArray(doc.value.items)) {
        doc.value.items.forEach((item, i) => {
          if (item === null || item === undefined) return;
          const positions = subPositions(doc.positions, `items[${i}]`);
          const start = positions.get('')?.value ?? doc.start;
          docs.push({ index: docs.length, object: item, start, positions });
        });
        continue;
      }
      docs.push({ index: docs.length, object: doc.value, start: doc.start, positions: doc.positions });
    }
    if (error) {
      diagnostics.push({
        code: DIAGNOSTIC_CODES.yamlSyntax,
        severity: 'error',
        message: `YAML syntax error: ${error.message}`,
        line: error.pos.line,
        column: error.pos.column,
      });
    }
    if (budget.nodes <= 0) break;
  }
  return { docs, diagnostics };
}

/** The positions under `prefix`, re-keyed relative to it. */
function subPositions(all: ReadonlyMap<string, FieldPos>, prefix: string): Map<string, FieldPos> {
  const out = new Map<string, FieldPos>();
  for (const [path, pos] of all) {
    if (path === prefix) out.set('', pos);
    else if (path.startsWith(prefix) && (path[prefix.length] === '.' || path[prefix.length] === '[')) {
      const rest = path.slice(prefix.length + (path[prefix.length] === '.' ? 1 : 0));
      out.set(rest, pos);
    }
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function tooLarge(message: string): Diagnostic {
  return { code: DIAGNOSTIC_CODES.tooLarge, severity: 'error', message, line: 1, column: 1 };
}

function internalError(e: unknown): Diagnostic {
  const detail = e instanceof Error ? e.message : String(e);
  return { code: DIAGNOSTIC_CODES.internal, severity: 'error', message: `internal error while reading the manifests: ${detail}`, line: 1, column: 1 };
}

