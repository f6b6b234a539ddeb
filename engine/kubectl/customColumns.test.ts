import { describe, expect, it } from 'vitest';
import { parseCustomColumns, printCustomColumns } from './customColumns';

describe('custom-columns', () => {
  const pods = [
    { metadata: { name: 'web-1', labels: { app: 'web' } }, spec: { containers: [{ name: 'a' }, { name: 'b' }] }, status: { phase: 'Running', ratio: 0.5 } },
    { metadata: { name: 'db' }, spec: { containers: [{ name: 'pg' }] }, status: {} },
  ];
  const print = (spec: string, noHeaders = false): string => {
    const columns = parseCustomColumns(spec);
    if (!Array.isArray(columns)) return `ERR ${columns.error}`;
    const r = printCustomColumns(columns, pods, noHeaders);
    return 'error' in r ? `ERR ${r.error}` : r.text;
  };
  // Models cli-runtime CustomColumnsPrinter: headers as written, values by fmt.Sprint joined with commas, <none> when absent.
  it('prints a column per field, with the tabwriter\'s alignment', () => {
    expect(print('NAME:.metadata.name,CONTAINERS:.spec.containers[*].name,PHASE:{.status.phase},L:metadata.labels,R:.status.ratio')).toBe(
      'NAME    CONTAINERS   PHASE     L              R\n' +
      'web-1   a,b          Running   map[app:web]   0.5\n' +
      'db      pg           <none>    <none>         <none>\n');
    expect(print('NAME:.metadata.name', true)).toBe('web-1\ndb\n');
  });
  it('refuses a malformed spec as kubectl does', () => {
    expect(print('')).toBe('ERR custom-columns format specified but no custom columns given');
    expect(print('NAME:.metadata.name,PHASE')).toBe('ERR unexpected custom-columns spec: PHASE, expected <header>:<json-path-expr>');
    expect(print('NAME:{{.a}}')).toBe("ERR unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  });
});
