// Play/pause, step to the previous/next change, speed, and a scrubber over the run.
import { useAppStore, selectPlaying, selectT, selectTrace } from '../store/store';
import { useStrings } from '../i18n/strings';
import { tLabel } from '../../engine/index';
import { stepToChange } from './usePlayback';
import { Icon } from './Icon';

const SPEEDS = [1, 2, 4, 8, 16];

export function PlaybackBar() {
  const s = useStrings();
  const t = useAppStore(selectT);
  const playing = useAppStore(selectPlaying);
  const trace = useAppStore(selectTrace);
  const speed = useAppStore((st) => st.speed);
  const until = trace?.until ?? 0;
  const st = useAppStore.getState;
  return (
    <div className="playback" data-testid="playhead" data-t={String(t)} data-playing={playing ? 'true' : 'false'}>
      <button type="button" onClick={() => st().setT(0)} title={s.toStart} aria-label={s.toStart}><Icon name="start" /></button>
      <button type="button" onClick={() => stepToChange(-1)} title={s.prevChange} aria-label={s.prevChange}><Icon name="prev" /></button>
      <button type="button" className="play" onClick={() => { if (t >= until) st().setT(0); st().setPlaying(!playing); }}
        aria-label={playing ? s.pause : s.play}><Icon name={playing ? 'pause' : 'play'} /></button>
      <button type="button" onClick={() => stepToChange(1)} title={s.nextChange} aria-label={s.nextChange}><Icon name="next" /></button>
      <button type="button" onClick={() => st().setT(until)} title={s.toEnd} aria-label={s.toEnd}><Icon name="end" /></button>
      <span className="clock" aria-live="off">{tLabel(Math.round(t))}</span>
      <input className="scrub" type="range" min={0} max={until} step={100} value={t} aria-label="Playhead"
        onChange={(e) => st().setT(Number(e.target.value))} />
      <label className="speed">{s.speed}
        <select value={speed} onChange={(e) => st().setSpeed(Number(e.target.value))}>
          {SPEEDS.map((x) => <option key={x} value={x}>{x}×</option>)}
        </select>
      </label>
    </div>
  );
}
