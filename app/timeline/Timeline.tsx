// The timeline: one lane per container, grouped by pod, coloured by state over virtual time, with
// the playhead. A read-only projection of the trace at the playhead.
import { memo, useMemo } from 'react';
import type { Trace } from '../../engine/index';
import { useAppStore, selectStale, selectT, selectTrace } from '../store/store';
import { useStrings } from '../i18n/strings';
import { deriveLanes, laneStateAt, podRowAt, tickStep, type Lane } from './deriveLanes';
import { LaneTrack } from './LaneTrack';

/**
 * The most pods the timeline draws. A Deployment of thousands of replicas would otherwise put hundreds of
 * thousands of elements on the page and freeze it; the rest are counted in a note.
 */
export const MAX_PODS_SHOWN = 100;

const pct = (t: number, until: number) => `${until > 0 ? (100 * t) / until : 0}%`;

const Axis = memo(function Axis({ until }: { until: number }) {
  const step = tickStep(until);
  const ticks: number[] = [];
  for (let t = 0; t <= until; t += step) ticks.push(t);
  return (
    <div className="axis" aria-hidden="true">
      {ticks.map((t) => <span key={t} className="tick" style={{ left: pct(t, until) }}>{t / 1000}s</span>)}
    </div>
  );
});

function LaneRow({ lane, t, until }: { lane: Lane; t: number; until: number }) {
  const s = useStrings();
  const at = laneStateAt(lane, t);
  return (
    <div className="lane" data-testid="lane" data-pod={lane.pod} data-container={lane.container} data-kind={lane.kind}
      data-state={at.state} data-reason={at.reason}>
      <div className="lane-label" title={`${lane.container} (${lane.image})`}>
        <span className="lane-title">
          <span className={`kind kind-${lane.kind}`}>{s.lane[lane.kind]}</span>
          {lane.line !== undefined
            ? <button type="button" className="lane-name lane-link" title={`${s.line} ${lane.line}`} onClick={() => useAppStore.getState().revealLine(lane.line!)}>{lane.container}</button>
            : <span className="lane-name">{lane.container}</span>}
        </span>
        <span className={`lane-now state-${at.state} ${at.reason ? `reason-${at.reason}` : ''}`}>{at.state}{at.reason ? ` · ${at.reason}` : ''}</span>
      </div>
      <LaneTrack lane={lane} until={until} />
    </div>
  );
}

function seek(e: React.MouseEvent<HTMLDivElement>, until: number) {
  const rect = e.currentTarget.getBoundingClientRect();
  const x = Math.min(Math.max(0, e.clientX - rect.left), rect.width);
  useAppStore.getState().setT((x / rect.width) * until);
}

function TimelineBody({ trace, t }: { trace: Trace; t: number }) {
  const s = useStrings();
  const groups = useMemo(() => deriveLanes(trace), [trace]);
  if (groups.length === 0) return <p className="empty">{s.noPods}</p>;
  const shown = groups.length > MAX_PODS_SHOWN ? groups.slice(0, MAX_PODS_SHOWN) : groups;
  return (
    <div className="lanes">
      <div className="lane axis-row"><div className="lane-label" /><div className="track-area" onClick={(e) => seek(e, trace.until)}><Axis until={trace.until} /></div></div>
      {shown.map((g) => {
        const row = podRowAt(g.rows, t);
        return (
          <section key={g.pod.uid} className="pod-group" aria-label={`Pod ${g.pod.name}`}>
            <header className="pod-header">
              <span className="pod-name">{g.pod.name}</span>
              <span className={`pod-status status-${row.status.replace(/[^A-Za-z]/g, '')}`} data-testid="pod-status" data-pod={g.pod.name}>{row.status}</span>
              {row.ready && <span className="pod-ready">READY {row.ready}</span>}
              {row.restarts > 0 && <span className="pod-restarts">RESTARTS {row.restarts}</span>}
            </header>
            {g.lanes.map((lane) => <LaneRow key={lane.container} lane={lane} t={t} until={trace.until} />)}
          </section>
        );
      })}
      {shown.length < groups.length && (
        <p className="more-pods" data-testid="more-pods">{s.morePods.replace('{shown}', String(shown.length)).replace('{total}', groups.length.toLocaleString(s.locale))}</p>
      )}
      <div className="playhead-layer" aria-hidden="true">
        <div className="lane-label" />
        <div className="playhead-track"><div className="playhead-line" style={{ left: pct(t, trace.until) }} /></div>
      </div>
    </div>
  );
}

export function Timeline() {
  const trace = useAppStore(selectTrace);
  const t = useAppStore(selectT);
  const stale = useAppStore(selectStale);
  const s = useStrings();
  return (
    <div className="timeline" data-testid="timeline" data-stale={stale ? 'true' : 'false'}>
      {stale && <div className="stale-banner" role="status">{s.stale}</div>}
      {trace ? <TimelineBody trace={trace} t={t} /> : <div className="spinner" role="status">{s.simulating}</div>}
    </div>
  );
}
