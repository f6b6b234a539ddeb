// Side effects wired once with store.subscribe (STYLE.md): debounced re-simulation on every edit,
// and the local draft saved so a reload never loses what the learner typed.
import { useAppStore, type AppState } from '../store/store';
import { EngineClient } from './engineClient';
import { saveDraft } from './draft';

const DEBOUNCE_MS = 200;

export function wireEffects(client = new EngineClient()): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async () => {
    const { manifests, actions, untilMs, setResult, setRunError, setRunning } = useAppStore.getState();
    setRunning(true);
    const outcome = await client.simulate({ manifests, actions, ...(untilMs !== undefined ? { untilMs } : {}) });
    if (outcome.kind === 'superseded') return;
    if (outcome.kind === 'timeout') {
      setRunError('The simulation took too long in real time and was stopped; the engine was restarted.');
      return;
    }
    const r = outcome.response;
    if (r.type === 'trace') setResult(r.trace, r.readable);
    else setRunError(r.diagnostics[0]?.message ?? 'The engine failed.', r.diagnostics);
  };
  const schedule = (immediate: boolean) => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), immediate ? 0 : DEBOUNCE_MS);
  };
  const unsubscribe = useAppStore.subscribe((s: AppState, prev: AppState) => {
    if (s.manifests !== prev.manifests || s.actions !== prev.actions || s.untilMs !== prev.untilMs) {
      saveDraft({ manifests: s.manifests, actions: s.actions });
      schedule(false);
    }
  });
  schedule(true);
  return () => { clearTimeout(timer); unsubscribe(); };
}
