/**
 * Crash-loop back-off per container (k8s-semantics §3.1).
 * Models client-go util/flowcontrol/backoff.go as kuberuntime_manager.go doBackOff uses it: the key is
 * pod+container, the reference time is the last instance's FinishedAt, 10 s initial, doubling, 300 s cap,
 * and an entry expires when an event comes more than 2×max after its last update.
 */

export interface BackoffEntry {
  /** Current back-off in ms. */
  backoffMs: number;
  /** Virtual ms of the last `next()` for this key. */
  lastUpdate: number;
}

export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

/** Models pkg/kubelet/kubelet.go backOffPeriod (10 s) and MaxContainerBackOff (300 s). */
export const CONTAINER_BACKOFF: BackoffPolicy = { initialMs: 10_000, maxMs: 300_000 };

export class Backoff {
  private readonly entries = new Map<string, BackoffEntry>();

  constructor(private readonly policy: BackoffPolicy) {}

  // Models flowcontrol hasExpired: "consider stable if it's ok for twice the maxDuration".
  private expired(eventTime: number, entry: BackoffEntry): boolean {
    return eventTime - entry.lastUpdate > 2 * this.policy.maxMs;
  }

  /** Models Backoff.IsInBackOffSince: true while `now - eventTime` is inside the current back-off. */
  inBackoffSince(key: string, eventTime: number, now: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.expired(eventTime, entry)) return false;
    return now - eventTime < entry.backoffMs;
  }

  /** Models Backoff.Next: a fresh entry (initial) or the doubled one, capped; stamped `now`. */
  next(key: string, eventTime: number, now: number, jitterMs = 0): void {
    const entry = this.entries.get(key);
    if (!entry || this.expired(eventTime, entry)) {
      this.entries.set(key, { backoffMs: this.policy.initialMs + jitterMs, lastUpdate: now });
    } else {
      entry.backoffMs = Math.min(entry.backoffMs * 2 + jitterMs, this.policy.maxMs);
      entry.lastUpdate = now;
    }
  }

  get(key: string): Readonly<BackoffEntry> | undefined {
    return this.entries.get(key);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

/** Go's time.Duration.String() for whole seconds and above, as the back-off message prints it (`1m20s`, `5m0s`). */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const totalSeconds = ms / 1000;
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds - h * 3600 - m * 60;
  const sec = Number.isInteger(s) ? String(s) : String(Number(s.toFixed(9)));
  if (h > 0) return `${h}h${m}m${sec}s`;
  if (m > 0) return `${m}m${sec}s`;
  return `${sec}s`;
}
