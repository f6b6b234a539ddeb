/**
 * Errors are data (STYLE.md): every problem the engine reports is a Diagnostic, never an exception
 * across the API. One catalogue of codes, so the UI can group and explain them.
 */

export const DIAGNOSTIC_CODES = {
  /** The text is not valid YAML. */
  yamlSyntax: 'yaml-syntax',
  /** A scenario file field has the wrong shape (`until: soon`, `actions: 3`). */
  scenarioShape: 'scenario-shape',
  /** A manifest document is not an object with apiVersion/kind/metadata. */
  manifestShape: 'manifest-shape',
  /** Unknown kind or apiVersion (kubectl's "no matches for kind"). */
  unknownKind: 'unknown-kind',
  /** The API server rejects the object (field validation, kubectl-exact message). */
  invalidObject: 'invalid-object',
  /** An object with that name already exists. */
  alreadyExists: 'already-exists',
  /** A kubectl command line the console or an action could not run. */
  badCommand: 'bad-command',
  /** A bad command-line argument to the CLI. */
  badArgument: 'bad-argument',
  /** The run stopped at a budget (time, steps, output, objects). */
  budget: 'budget',
  /** Input too large to take whole. */
  tooLarge: 'too-large',
  /** An unexpected internal error, caught at the API boundary (a bug, reported instead of thrown). */
  internal: 'internal',
} as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[keyof typeof DIAGNOSTIC_CODES];

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: 'error' | 'warning' | 'info';
  /** The message as a user sees it (kubectl-exact where kubectl has one). */
  readonly message: string;
  /** Field path inside the object (`spec.initContainers[0].name`), when there is one. */
  readonly path?: string;
  /** 1-based line and column in the editor text (the manifests), when known. */
  readonly line?: number;
  readonly column?: number;
  /** The object it concerns, as `pod/name`. */
  readonly object?: string;
}
