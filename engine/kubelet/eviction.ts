/**
 * The eviction manager's local-storage check (pkg/kubelet/eviction/eviction_manager.go synchronize →
 * localStorageEviction → emptyDirLimitEviction): a pod whose emptyDir uses more than its sizeLimit is
 * evicted. The check ignores the medium: a Memory emptyDir is evicted too when its tmpfs can hold more than
 * the sizeLimit (before SizeMemoryBackedVolumes, or a sizeLimit that is no whole number of pages).
 *
 * Timing: the manager synchronizes every 10 s (kubelet.go evictionMonitoringPeriod), but it reads volume
 * usage from the stats cache, which each pod's volumeStatCalculator refreshes every VolumeStatsAggPeriod
 * (1 m by default; wait.JitterUntil with factor 1.0 makes it 1–2 m, and the playground uses the nominal
 * 1 m). So an over-full emptyDir is seen at the next minute boundary of the stats cycle, not at the write.
 */
import { PRIORITY } from '../sim/scheduler';
import { diskUsage } from './diskUsage';
import { tmpfsUsage, type Tree } from '../runtime/fs/index';
import type { PodWorker } from './podWorker';
import type { Scheduler } from '../sim/scheduler';
import type { LimitedVolume } from './volumes';

/** VolumeStatsAggPeriod's default (pkg/kubelet/apis/config/v1beta1/defaults.go). */
export const VOLUME_STATS_AGG_PERIOD_MS = 60_000;

/** eviction helpers.go emptyDirMessageFmt, trailing space included. */
export function emptyDirEvictionMessage(volume: string, limit: string): string {
  return `Usage of EmptyDir volume "${volume}" exceeds the limit "${limit}". `;
}

/**
 * A volume's usage as MetricsDu measures it: on the node's disk, allocated ext4 blocks (diskUsage); on a tmpfs
 * (a Memory emptyDir), the pages its files hold (a tmpfs directory has no blocks).
 */
export function volumeUsage(tree: Tree): number {
  return tree.space ? tmpfsUsage(tree) : diskUsage(tree);
}

/** The first volume (spec order) whose usage exceeds its limit (used.Cmp(size) > 0), as the check walks them. */
export function overLimit(volumes: readonly LimitedVolume[]): LimitedVolume | undefined {
  return volumes.find((v) => volumeUsage(v.tree) > v.limitBytes);
}

/** The next volume-stats refresh after `now` (they fall on whole periods of the kubelet's clock). */
export function nextStatsRefresh(now: number): number {
  return (Math.floor(now / VOLUME_STATS_AGG_PERIOD_MS) + 1) * VOLUME_STATS_AGG_PERIOD_MS;
}

/**
 * Watches one pod's limited emptyDirs from the stats cycle after its volumes are set up, until it is
 * evicted or gone.
 */
export function watchEmptyDirLimits(scheduler: Scheduler, worker: PodWorker, volumes: readonly LimitedVolume[]): void {
  if (volumes.length === 0) return;
  const check = (): void => {
    if (worker.gone || worker.rt.terminal) return;
    const v = overLimit(volumes);
    if (v) { worker.evict(emptyDirEvictionMessage(v.name, v.limitText)); return; }
    scheduler.at(scheduler.now() + VOLUME_STATS_AGG_PERIOD_MS, PRIORITY.kubelet, check);
  };
  scheduler.at(nextStatsRefresh(scheduler.now()), PRIORITY.kubelet, check);
}
