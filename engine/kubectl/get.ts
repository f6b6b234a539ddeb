/**
 * `kubectl get`: picks objects as the API server would list them (namespace, names, label
 * selector; sorted by namespace then name) and prints them as a table, `-o wide|name|yaml|json`.
 */
import type { ResourceInfo, ResourceName } from './resources';
import type { KubectlCommand } from './commands';
import { kindPrefix, notFoundError, resourceInfo } from './resources';
import { cellsFor, headerFor, nameColumn } from './getPrinters';
import { cellText, tabwrite, watchTable } from './table';
import { formatLabels, matchesSelector, parseSelector } from './selector';
import { toJson, toYaml } from './yaml';
import { byteOrder } from './goSort';
import { matchFields, parseFieldSelector, type FieldRequirement } from './fieldSelector';
import { executeJsonPath, goQuote, goSyntax, parseJsonPath } from './jsonpath';
import { sortByField } from './sortBy';
import { parseCustomColumns, printCustomColumns } from './customColumns';

/** Models the API server's deprecation warning for core/v1 Endpoints (v1.33+), printed by kubectl. */
const ENDPOINTS_WARNING = 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n';

/** What kubectl prints: stdout, stderr (each "" or newline-terminated) and the exit code. */
export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  /**
   * How many characters at the start of stderr kubectl wrote before its output (warnings from the server,
   * notes such as `Defaulted container …`); the rest of stderr (errors) comes after it. Absent: none.
   */
  readonly stderrFirst?: number;
}

/** Minimal object shape the printers need; real values are kubernetes-types objects. */
export interface ApiObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly labels?: Readonly<Record<string, string>>; readonly managedFields?: unknown };
}

/** Every object in the (simulated) API server, by resource. Missing resources are empty. */
export type ObjectStore = Partial<Readonly<Record<ResourceName, readonly ApiObject[]>>>;

/** Output formats of `kubectl get -o`. */
export type GetOutput = 'table' | 'wide' | 'name' | 'yaml' | 'json' | 'jsonpath' | 'jsonpath-as-json' | 'custom-columns';

/** A parsed `kubectl get`. */
export interface GetOptions {
  readonly resources: readonly ResourceName[];
  /** Names asked for, for every resource in `resources` (empty: list them). */
  readonly names: readonly string[];
  /** Per-resource names (`get pod/a svc/b`); overrides `names` for the resources it lists. */
  readonly namesByResource?: Partial<Readonly<Record<ResourceName, readonly string[]>>>;
  /** The request namespace (`-n`, default `default`). */
  readonly namespace: string;
  readonly allNamespaces: boolean;
  readonly selector?: string;
  /** `--field-selector`: fields the API server filters the list on. */
  readonly fieldSelector?: string;
  readonly output: GetOutput;
  /** The template of `-o jsonpath=…` (already checked to parse). */
  readonly template?: string;
  /** `--sort-by`, as the template `{.a.b}` (already checked to parse). */
  readonly sortBy?: string;
  readonly noHeaders: boolean;
  /** `--show-labels`: a LABELS column at the end. */
  readonly showLabels?: boolean;
  /** `-L key,…`: one column per label key (header: the key's last path segment, upper-cased). */
  readonly labelColumns?: readonly string[];
}

// Models cli-runtime tableprinter.go decorateTable / formatLabelHeaders / labelValues.
function labelHeaders(opts: GetOptions): string[] {
  return [...(opts.labelColumns ?? []).map((k) => (k.split('/').pop() ?? k).toUpperCase()), ...(opts.showLabels ? ['LABELS'] : [])];
}
function labelCells(o: ApiObject, opts: GetOptions): string[] {
  const l = o.metadata?.labels ?? {};
  return [...(opts.labelColumns ?? []).map((k) => l[k] ?? ''), ...(opts.showLabels ? [formatLabels(l)] : [])];
}

// Models the API server's list order (etcd key order: namespace, then name).
function listOrder(a: ApiObject, b: ApiObject): number {
  return byteOrder(a.metadata?.namespace ?? '', b.metadata?.namespace ?? '') || byteOrder(a.metadata?.name ?? '', b.metadata?.name ?? '');
}

/** The wire form kubectl prints for -o yaml/json: apiVersion/kind filled in, managedFields hidden. */
// Models kubectl get --show-managed-fields=false (the default) and unstructured list items carrying their GVK.
export function wireObject(r: ResourceInfo, o: ApiObject): Record<string, unknown> {
  const { metadata, ...rest } = o as ApiObject & Record<string, unknown>;
  const meta = metadata ? { ...metadata } : undefined;
  if (meta) delete (meta as { managedFields?: unknown }).managedFields;
  return { ...rest, apiVersion: o.apiVersion ?? r.apiVersion, kind: o.kind ?? r.kind, ...(meta ? { metadata: meta } : {}) };
}

interface Found { readonly r: ResourceInfo; readonly objs: ApiObject[] }

/** The jsonpath printer's output for one object (or List), or kubectl's error with its debugging dump. */
// Models cli-runtime printers/jsonpath.go JSONPathPrinter.PrintObj.
function printJsonPath(template: string, doc: unknown, asJson: boolean): { text: string } | { error: string } {
  const nodes = parseJsonPath(template);
  if ('error' in nodes) return { error: `error: error parsing jsonpath ${template}, ${nodes.error}\n` };
  const r = executeJsonPath(nodes, doc, { asJson });
  if ('text' in r) return r;
  return { error: `error: error executing jsonpath ${goQuote(template)}: Error executing template: ${r.error}. Printing more information for debugging the template:\n` +
    `\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${goSyntax(doc)}\n\n` };
}

/** The `--field-selector` test for one resource's list, or the error the list request gets. */
export function fieldFilter(r: ResourceInfo, reqs: FieldRequirement[] | { error: string }, opts: { selector?: string; fieldSelector?: string }): ((o: object) => boolean) | { error: string } {
  const unable = `Error from server (BadRequest): Unable to find "${r.group}/${r.apiVersion.split('/').pop()}, Resource=${r.resource}" that match label selector "${opts.selector ?? ''}", field selector "${opts.fieldSelector ?? ''}"`;
  if (!Array.isArray(reqs)) return { error: `${unable}: ${reqs.error}` };
  const m = matchFields(r, reqs);
  return typeof m === 'function' ? m : { error: `${unable}: ${m.error}` };
}

/** Runs `kubectl get` against `store` at `nowMs`. */
// Models kubectl pkg/cmd/get/get.go Run (human-readable path) and printGeneric (-o yaml|json|name).
export function runGet(store: ObjectStore, opts: GetOptions, nowMs: number): CommandOutput {
  const namesOf = (r: ResourceName): readonly string[] => opts.namesByResource?.[r] ?? opts.names;
  const anyNames = opts.resources.some((r) => namesOf(r).length > 0);
  if (anyNames && opts.allNamespaces) {
    return { stdout: '', stderr: 'error: a resource cannot be retrieved by name across all namespaces\n', exitCode: 1 };
  }
  if (anyNames && (opts.selector !== undefined || opts.fieldSelector !== undefined)) {
    return { stdout: '', stderr: 'error: name cannot be provided when a selector is specified\n', exitCode: 1 };
  }
  const reqs = opts.selector === undefined ? [] : parseSelector(opts.selector);
  if (!Array.isArray(reqs)) return { stdout: '', stderr: `error: ${reqs.error}\n`, exitCode: 1 };
  const fieldReqs = parseFieldSelector(opts.fieldSelector ?? '');

  let stderr = '';
  const groups: Found[] = [];
  for (const name of opts.resources) {
    const r = resourceInfo(name);
    const inScope = (store[name] ?? []).filter((o) => !r.namespaced || opts.allNamespaces || (o.metadata?.namespace ?? 'default') === opts.namespace);
    if (namesOf(name).length > 0) {
      const objs: ApiObject[] = [];
      for (const n of namesOf(name)) {
        const o = inScope.find((x) => x.metadata?.name === n);
        if (o) objs.push(o); else stderr += notFoundError(r, n) + '\n';
      }
      groups.push({ r, objs });
    } else {
      const fields = fieldFilter(r, fieldReqs, opts);
      if (typeof fields !== 'function') { stderr += `${fields.error}\n`; continue; }
      const listed = inScope.filter((o) => matchesSelector(o.metadata?.labels, reqs) && fields(o)).sort(listOrder);
      const sorted = opts.sortBy ? sortByField(listed, opts.sortBy, (o) => wireObject(r, o)) : listed;
      if (!Array.isArray(sorted)) return { stdout: '', stderr: `error: ${sorted.error}\n`, exitCode: 1 };
      groups.push({ r, objs: sorted });
    }
  }
  const warning = opts.resources.includes('endpoints') ? ENDPOINTS_WARNING : '';
  stderr = warning + stderr;
  // The server's warning reaches the terminal before kubectl prints anything.
  const lead = warning ? { stderrFirst: warning.length } : {};
  const exitCode = stderr.includes('Error from server') ? 1 : 0;
  const found = groups.filter((g) => g.objs.length > 0);
  const total = found.reduce((n, g) => n + g.objs.length, 0);

  if (opts.output === 'yaml' || opts.output === 'json' || opts.output === 'jsonpath' || opts.output === 'jsonpath-as-json' || opts.output === 'custom-columns') {
    const singleItem = opts.resources.length === 1 && namesOf(opts.resources[0]).length === 1;
    const items = found.flatMap((g) => g.objs.map((o) => wireObject(g.r, o)));
    if (singleItem && items.length === 0) return { stdout: '', stderr, exitCode, ...lead };
    const doc = singleItem ? items[0] : { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
    if (opts.output === 'yaml' || opts.output === 'json') return { stdout: opts.output === 'yaml' ? toYaml(doc as never) : toJson(doc), stderr, exitCode, ...lead };
    if (opts.output === 'custom-columns') {
      const columns = parseCustomColumns(opts.template ?? '');
      const printed = Array.isArray(columns) ? printCustomColumns(columns, singleItem ? [doc] : items, opts.noHeaders) : columns;
      return 'error' in printed ? { stdout: '', stderr: `${stderr}error: ${printed.error}\n`, exitCode: 1, ...lead } : { stdout: printed.text, stderr, exitCode, ...lead };
    }
    const printed = printJsonPath(opts.template ?? '', doc, opts.output === 'jsonpath-as-json');
    return 'error' in printed ? { stdout: '', stderr: stderr + printed.error, exitCode: 1, ...lead } : { stdout: printed.text, stderr, exitCode, ...lead };
  }
  if (opts.output === 'name') {
    return { stdout: found.flatMap((g) => g.objs.map((o) => `${kindPrefix(g.r)}/${o.metadata?.name ?? ''}\n`)).join(''), stderr, exitCode, ...lead };
  }

  const wide = opts.output === 'wide';
  // Models get.go multipleGVKsRequested: names get a kind/ prefix once objects of two kinds are printed.
  const withKind = found.length > 1;
  let stdout = '';
  for (const g of found) {
    const withNs = opts.allNamespaces && g.r.namespaced;
    const header = [...(withNs ? ['NAMESPACE'] : []), ...headerFor(g.r.resource, wide), ...labelHeaders(opts)];
    const nameCol = nameColumn(g.r.resource, wide);
    const rows = g.objs.map((o) => {
      const cells = cellsFor(g.r.resource, o, nowMs, wide);
      if (withKind && nameCol >= 0) cells[nameCol] = `${kindPrefix(g.r)}/${cells[nameCol]}`;
      return [...(withNs ? [o.metadata?.namespace ?? ''] : []), ...cells, ...labelCells(o, opts)].map(cellText);
    });
    // Models get.go separatorWriterWrapper: a blank line between resource groups (with headers).
    if (stdout !== '' && !opts.noHeaders) stdout += '\n';
    stdout += tabwrite(opts.noHeaders ? rows : [header, ...rows]).text;
  }
  if (total === 0 && exitCode === 0) {
    const allNamespaced = !opts.allNamespaces && opts.resources.every((n) => resourceInfo(n).namespaced);
    stderr += allNamespaced ? `No resources found in ${opts.namespace} namespace.\n` : 'No resources found\n';
  }
  return { stdout, stderr, exitCode, ...lead };
}

/** One watch notification: the object as it was after the change, and when it happened. */
export interface WatchEvent {
  readonly object: ApiObject;
  readonly atMs: number;
}

/**
 * `kubectl get RESOURCE -w`: the list at `startMs` (header and rows), then one row per event (every
 * ADDED/MODIFIED/DELETED notification prints the object's row, even when its cells did not change).
 * Only the first of `opts.resources` is watched, as kubectl allows one type.
 */
// Models kubectl get.go watch (list, then PrintObj per watch event on one RememberWidths tabwriter).
export function runGetWatch(store: ObjectStore, opts: GetOptions, startMs: number, events: readonly WatchEvent[]): CommandOutput {
  const initial = runGet(store, { ...opts, output: 'name', resources: opts.resources.slice(0, 1) }, startMs);
  if (initial.exitCode !== 0) return { stdout: '', stderr: initial.stderr, exitCode: initial.exitCode };
  const r = resourceInfo(opts.resources[0]);
  const namesOf = (res: ResourceName): readonly string[] => opts.namesByResource?.[res] ?? opts.names;
  const wide = opts.output === 'wide';
  const withNs = opts.allNamespaces && r.namespaced;
  const reqs = opts.selector === undefined ? [] : parseSelector(opts.selector);
  const fields = fieldFilter(r, parseFieldSelector(opts.fieldSelector ?? ''), opts);
  const selected = (o: ApiObject): boolean => Array.isArray(reqs) && matchesSelector(o.metadata?.labels, reqs) && (typeof fields !== 'function' || fields(o))
    && (namesOf(r.resource).length === 0 || namesOf(r.resource).includes(o.metadata?.name ?? ''))
    && (!r.namespaced || opts.allNamespaces || (o.metadata?.namespace ?? 'default') === opts.namespace);
  const row = (o: ApiObject, at: number): string[] => [...(withNs ? [o.metadata?.namespace ?? ''] : []), ...cellsFor(r.resource, o, at, wide), ...labelCells(o, opts)];
  const warning = r.resource === 'endpoints' ? ENDPOINTS_WARNING : '';
  const lead = warning ? { stderrFirst: warning.length } : {};
  const listed = (store[r.resource] ?? []).filter(selected).sort(listOrder);
  const changed = events.filter((e) => selected(e.object));
  if (opts.output !== 'table' && opts.output !== 'wide') {
    // Models get.go watch with a non-table printer: each listed object, then each event's object, printed on its
    // own by the same printer (the YAML printer puts `---` before every object after the first).
    let stdout = '';
    let stderr = warning;
    let printed = 0;
    for (const o of [...listed, ...changed.map((e) => e.object)]) {
      // The custom-columns printer writes its header once, for the first object of its type.
      const noHeaders = opts.noHeaders || (opts.output === 'custom-columns' && stdout !== '');
      const one = runGet({ [r.resource]: [o] }, { ...opts, names: [o.metadata?.name ?? ''], namesByResource: undefined, resources: [r.resource], allNamespaces: false,
        namespace: o.metadata?.namespace ?? opts.namespace, selector: undefined, fieldSelector: undefined, noHeaders }, startMs);
      if (one.exitCode !== 0) { stderr += one.stderr; return { stdout, stderr, exitCode: 1, ...lead }; }
      stdout += (opts.output === 'yaml' && printed++ > 0 ? '---\n' : '') + one.stdout;
    }
    return { stdout, stderr, exitCode: 0, ...lead };
  }
  const first = listed.map((o) => row(o, startMs));
  const batches = [first, ...changed.map((e) => [row(e.object, e.atMs)])];
  const header = [...(withNs ? ['NAMESPACE'] : []), ...headerFor(r.resource, wide), ...labelHeaders(opts)];
  return { stdout: watchTable(header, batches, opts.noHeaders), stderr: warning, exitCode: 0, ...lead };
}

/** GetOptions for a parsed `kubectl get` command (targets keep their own names). */
export function getOptionsFor(cmd: Extract<KubectlCommand, { type: 'get' }>): GetOptions {
  const namesByResource: Partial<Record<ResourceName, readonly string[]>> = {};
  for (const t of cmd.targets) namesByResource[t.resource] = t.names;
  return { resources: cmd.targets.map((t) => t.resource), names: [], namesByResource, namespace: cmd.namespace, allNamespaces: cmd.allNamespaces,
    ...(cmd.selector !== undefined ? { selector: cmd.selector } : {}), ...(cmd.fieldSelector !== undefined ? { fieldSelector: cmd.fieldSelector } : {}),
    ...(cmd.template !== undefined ? { template: cmd.template } : {}), ...(cmd.sortBy !== undefined ? { sortBy: cmd.sortBy } : {}), output: cmd.output, noHeaders: cmd.noHeaders, showLabels: cmd.showLabels, labelColumns: cmd.labelColumns };
}
