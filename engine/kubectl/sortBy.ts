/**
 * `kubectl get --sort-by=FIELD`: the field as a relaxed JSONPath (`.metadata.name`, `{.status.phase}`),
 * values compared as kubectl's sorter compares them (numbers as numbers, quantities as quantities, other
 * strings in natural order), with Go's unstable sort.
 */
import { executeJsonPathValues, parseJsonPath } from './jsonpath';
import { goSort } from './goSort';
import { quantityValue } from '../scenario/quantity';

/** `name1.name2`, `.name1.name2`, `{name1.name2}` or `{.name1.name2}` as the template `{.name1.name2}`. */
// Models kubectl get/sorter.go RelaxedJSONPathExpression.
export function relaxedJsonPath(field: string): string | { error: string } {
  if (field === '') return field;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(field);
  if (!m) return { error: "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'" };
  return `{.${m[1] ?? m[2]}}`;
}

/**
 * Natural order: runs of digits compare as numbers (fewer leading zeros first on a tie), everything else
 * byte by byte, digits before other characters, a prefix before what extends it.
 */
// Models github.com/fvbommel/sortorder NaturalLess, which kubectl's sorter uses for strings.
export function naturalLess(a: string, b: string): boolean {
  const digit = (s: string, i: number): boolean => i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    const da = digit(a, i), db = digit(b, j);
    if (da !== db) return da;
    if (!da) {
      if (a[i] !== b[j]) return a.charCodeAt(i) < b.charCodeAt(j);
      i++; j++;
      continue;
    }
    while (i < a.length && a[i] === '0') i++;
    while (j < b.length && b[j] === '0') j++;
    const nzA = i, nzB = j;
    while (digit(a, i)) i++;
    while (digit(b, j)) j++;
    if (i - nzA !== j - nzB) return i - nzA < j - nzB;
    const na = a.slice(nzA, i), nb = b.slice(nzB, j);
    if (na !== nb) return na < nb;
    if (nzA !== nzB) return nzA < nzB;
  }
  return a.length < b.length;
}

// Models sorter.go isLess for the values of unstructured objects: int64 and float64 by value, strings as
// quantities when both parse as one, else in natural order.
function isLess(x: unknown, y: unknown): boolean {
  if (x === null || x === undefined) return y !== null && y !== undefined;
  if (y === null || y === undefined) return false;
  if (typeof x === 'number' && typeof y === 'number') return x < y;
  if (typeof x === 'string' && typeof y === 'string') {
    const qx = quantityValue(x), qy = quantityValue(y);
    return qx !== null && qy !== null ? qx < qy : naturalLess(x, y);
  }
  return false;
}

/** `items` ordered by the template's first value in each (items without one first). */
// Models sorter.go TableSorter.Less over the rows' objects, sorted with sort.Sort.
export function sortByField<T>(items: readonly T[], template: string, wire: (item: T) => unknown): T[] | { error: string } {
  const nodes = parseJsonPath(template);
  if ('error' in nodes) return nodes;
  const keyed: { item: T; key: unknown[] }[] = [];
  for (const item of items) {
    const values = executeJsonPathValues(nodes, wire(item));
    if ('error' in values) return values;
    keyed.push({ item, key: values });
  }
  return goSort(keyed, (a, b) => {
    if (a.key.length === 0) return true;
    if (b.key.length === 0) return false;
    return isLess(a.key[0], b.key[0]);
  }).map((k) => k.item);
}
