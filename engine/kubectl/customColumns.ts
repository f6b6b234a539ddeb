/**
 * `kubectl get -o custom-columns=HEADER:FIELD,…`: one column per field (a relaxed JSONPath), every value a
 * field has joined by commas, `<none>` when it has none.
 */
import { executeJsonPathValues, goText, parseJsonPath, type JsonPathTemplate } from './jsonpath';
import { relaxedJsonPath } from './sortBy';
import { tabwrite } from './table';

interface Column { readonly header: string; readonly nodes: JsonPathTemplate }

/** The columns of a spec, or the error kubectl gives for it. */
// Models cli-runtime printers.NewCustomColumnsPrinterFromSpec.
export function parseCustomColumns(spec: string): Column[] | { error: string } {
  if (spec === '') return { error: 'custom-columns format specified but no custom columns given' };
  const columns: Column[] = [];
  for (const part of spec.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) return { error: `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>` };
    const template = relaxedJsonPath(part.slice(colon + 1));
    if (typeof template !== 'string') return template;
    const nodes = parseJsonPath(template);
    if ('error' in nodes) return { error: `error parsing jsonpath ${template}, ${nodes.error}` };
    columns.push({ header: part.slice(0, colon), nodes });
  }
  return columns;
}

/** The header (unless `noHeaders`) and a row per object, aligned as kubectl's tabwriter aligns them. */
// Models cli-runtime CustomColumnsPrinter.PrintObj / printOneObject (fmt.Sprint of each value).
export function printCustomColumns(columns: readonly Column[], objects: readonly unknown[], noHeaders: boolean): { text: string } | { error: string } {
  const lines: string[][] = noHeaders ? [] : [columns.map((c) => c.header)];
  for (const o of objects) {
    const row: string[] = [];
    for (const c of columns) {
      const values = executeJsonPathValues(c.nodes, o);
      if ('error' in values) return values;
      row.push(values.length === 0 ? '<none>' : values.map(goText).join(','));
    }
    lines.push(row);
  }
  return { text: tabwrite(lines).text };
}
