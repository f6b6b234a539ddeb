// One lane's track: state segments over virtual time and restart markers. Memoised: it only changes
// with the trace, not with the playhead.
import { memo } from 'react';
import type { Lane, Segment } from './deriveLanes';

function segmentClass(s: Segment): string {
  if (s.state === 'running') return 'seg seg-running';
  if (s.state === 'terminated') return s.exitCode === 0 ? 'seg seg-completed' : 'seg seg-error';
  if (/BackOff|ErrImage|Error/.test(s.reason)) return 'seg seg-backoff';
  return 'seg seg-waiting';
}

export const LaneTrack = memo(function LaneTrack({ lane, until }: { lane: Lane; until: number }) {
  const pct = (t: number) => `${until > 0 ? (100 * t) / until : 0}%`;
  return (
    <div className="track-area">
      <div className="track">
        {lane.segments.map((s, i) => (
          <div key={i} className={segmentClass(s)} style={{ left: pct(s.from), width: pct(s.to - s.from) }}
            title={`${s.state}${s.reason ? ` (${s.reason})` : ''}: ${s.from / 1000}s – ${s.to / 1000}s`}>
            {s.to - s.from >= until / 12 && <span className="seg-label">{s.reason || s.state}</span>}
          </div>
        ))}
        {lane.restarts.map((t) => <div key={t} className="restart-marker" style={{ left: pct(t) }} title={`restart at ${t / 1000}s`} />)}
      </div>
    </div>
  );
});
