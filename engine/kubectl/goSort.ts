/**
 * Go's sort.Sort (pattern-defeating quicksort, not stable), reimplemented so that elements that
 * compare equal end up in the same order as in kubectl, which sorts describe events with it.
 */

type Less = (i: number, j: number) => boolean;
type Swap = (i: number, j: number) => void;

interface Data { readonly less: Less; readonly swap: Swap }

const MASK64 = (1n << 64n) - 1n;
const bitsLen = (n: number): number => (n === 0 ? 0 : Math.floor(Math.log2(n)) + 1);

function insertionSort(d: Data, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) for (let j = i; j > a && d.less(j, j - 1); j--) d.swap(j, j - 1);
}

function siftDown(d: Data, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && d.less(first + child, first + child + 1)) child++;
    if (!d.less(first + root, first + child)) return;
    d.swap(first + root, first + child);
    root = child;
  }
}

function heapSort(d: Data, a: number, b: number): void {
  const hi = b - a;
  for (let i = Math.floor((hi - 1) / 2); i >= 0; i--) siftDown(d, i, hi, a);
  for (let i = hi - 1; i >= 0; i--) { d.swap(a, a + i); siftDown(d, 0, i, a); }
}

function partition(d: Data, a: number, b: number, pivot: number): [number, boolean] {
  d.swap(a, pivot);
  let i = a + 1; let j = b - 1;
  while (i <= j && d.less(i, a)) i++;
  while (i <= j && !d.less(j, a)) j--;
  if (i > j) { d.swap(j, a); return [j, true]; }
  d.swap(i, j); i++; j--;
  for (;;) {
    while (i <= j && d.less(i, a)) i++;
    while (i <= j && !d.less(j, a)) j--;
    if (i > j) break;
    d.swap(i, j); i++; j--;
  }
  d.swap(j, a);
  return [j, false];
}

function partitionEqual(d: Data, a: number, b: number, pivot: number): number {
  d.swap(a, pivot);
  let i = a + 1; let j = b - 1;
  for (;;) {
    while (i <= j && !d.less(a, i)) i++;
    while (i <= j && d.less(a, j)) j--;
    if (i > j) break;
    d.swap(i, j); i++; j--;
  }
  return i;
}

function partialInsertionSort(d: Data, a: number, b: number): boolean {
  const maxSteps = 5; const shortestShifting = 50;
  let i = a + 1;
  for (let step = 0; step < maxSteps; step++) {
    while (i < b && !d.less(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < shortestShifting) return false;
    d.swap(i, i - 1);
    if (i - a >= 2) for (let j = i - 1; j >= 1; j--) { if (!d.less(j, j - 1)) break; d.swap(j, j - 1); }
    if (b - i >= 2) for (let j = i + 1; j < b; j++) { if (!d.less(j, j - 1)) break; d.swap(j, j - 1); }
  }
  return false;
}

function breakPatterns(d: Data, a: number, b: number): void {
  const length = b - a;
  if (length < 8) return;
  let r = BigInt(length);
  const modulus = 1 << bitsLen(length);
  for (let idx = a + Math.floor(length / 4) * 2 - 1; idx <= a + Math.floor(length / 4) * 2 + 1; idx++) {
    r ^= (r << 13n) & MASK64; r ^= r >> 7n; r ^= (r << 17n) & MASK64;
    let other = Number(r & BigInt(modulus - 1));
    if (other >= length) other -= length;
    d.swap(idx, a + other);
  }
}

type Hint = 'unknown' | 'increasing' | 'decreasing';

function choosePivot(d: Data, a: number, b: number): [number, Hint] {
  const l = b - a;
  let swaps = 0;
  const order2 = (x: number, y: number): [number, number] => (d.less(y, x) ? (swaps++, [y, x]) : [x, y]);
  const median = (x: number, y: number, z: number): number => {
    const [a1, b1] = order2(x, y);
    const [b2] = order2(b1, z);
    return order2(a1, b2)[1];
  };
  let i = a + Math.floor(l / 4); let j = a + Math.floor(l / 4) * 2; let k = a + Math.floor(l / 4) * 3;
  if (l >= 8) {
    if (l >= 50) { i = median(i - 1, i, i + 1); j = median(j - 1, j, j + 1); k = median(k - 1, k, k + 1); }
    j = median(i, j, k);
  }
  return [j, swaps === 0 ? 'increasing' : swaps === 12 ? 'decreasing' : 'unknown'];
}

function reverseRange(d: Data, a: number, b: number): void {
  for (let i = a, j = b - 1; i < j; i++, j--) d.swap(i, j);
}

function pdqsort(d: Data, a: number, b: number, limit: number): void {
  let wasBalanced = true; let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= 12) { insertionSort(d, a, b); return; }
    if (limit === 0) { heapSort(d, a, b); return; }
    if (!wasBalanced) { breakPatterns(d, a, b); limit--; }
    let [pivot, hint] = choosePivot(d, a, b);
    if (hint === 'decreasing') { reverseRange(d, a, b); pivot = b - 1 - (pivot - a); hint = 'increasing'; }
    if (wasBalanced && wasPartitioned && hint === 'increasing' && partialInsertionSort(d, a, b)) return;
    if (a > 0 && !d.less(a - 1, pivot)) { a = partitionEqual(d, a, b, pivot); continue; }
    const [mid, already] = partition(d, a, b, pivot);
    wasPartitioned = already;
    const leftLen = mid - a; const rightLen = b - mid; const threshold = Math.floor(length / 8);
    if (leftLen < rightLen) { wasBalanced = leftLen >= threshold; pdqsort(d, a, mid, limit); a = mid + 1; }
    else { wasBalanced = rightLen >= threshold; pdqsort(d, mid + 1, b, limit); b = mid; }
  }
}

/** Go's string comparison (strings.Compare), for sort.Strings and friends. */
export const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A sorted copy of `items`, ordered as Go's sort.Sort with `less` would leave them (not stable). */
// Models Go sort.Sort (pdqsort, insertion sort up to 12 elements).
export function goSort<T>(items: readonly T[], less: (x: T, y: T) => boolean): T[] {
  const arr = [...items];
  if (arr.length <= 1) return arr;
  const d: Data = {
    less: (i, j) => less(arr[i], arr[j]),
    swap: (i, j) => { const t = arr[i]; arr[i] = arr[j]; arr[j] = t; },
  };
  pdqsort(d, 0, arr.length, bitsLen(arr.length));
  return arr;
}
