/**
 * The discrete-event queue: a binary min-heap ordered by (time, priority, sequence). The sequence
 * number makes ties deterministic, so nothing depends on Map iteration or sort stability.
 */

export interface QueueItem<T> {
  readonly t: number;
  readonly priority: number;
  readonly seq: number;
  readonly value: T;
}

function before<T>(a: QueueItem<T>, b: QueueItem<T>): boolean {
  if (a.t !== b.t) return a.t < b.t;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}

export class EventQueue<T> {
  private readonly heap: QueueItem<T>[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(t: number, priority: number, value: T): QueueItem<T> {
    const item: QueueItem<T> = { t, priority, seq: this.nextSeq++, value };
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, h[parent])) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = item;
    return item;
  }

  peek(): QueueItem<T> | undefined {
    return this.heap[0];
  }

  pop(): QueueItem<T> | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && before(h[r], h[l]) ? r : l;
        if (!before(h[c], last)) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}
