// One store built from slices of plain, serialisable data (STYLE.md "State"). No Worker, Monaco
// model or React Flow instance lives here; derived views are computed from the trace, never stored.
import { create } from 'zustand';
import type { ActionInput, Diagnostic, Trace } from '../../engine/index';

export interface SourceSlice {
  /** The editor text: multi-document manifests, valid for a real cluster. */
  manifests: string;
  /** User interventions (kubectl lines at virtual times). */
  actions: ActionInput[];
  untilMs?: number;
  setManifests: (text: string) => void;
}

export interface RunSlice {
  /** The last trace that simulated; kept while the current text does not. */
  trace: Trace | null;
  /** True while the page shows the last good run because the current text cannot be read. */
  stale: boolean;
  diagnostics: readonly Diagnostic[];
  /** Set when the engine could not answer (e.g. it ran too long in wall time). */
  runError: string | null;
  running: boolean;
  setResult: (trace: Trace, readable: boolean) => void;
  setRunError: (message: string, diagnostics?: readonly Diagnostic[]) => void;
  setRunning: (running: boolean) => void;
}

export interface PlaybackSlice {
  /** Playhead, virtual ms. */
  t: number;
  playing: boolean;
  /** Virtual seconds per real second. */
  speed: number;
  setT: (t: number) => void;
  setPlaying: (playing: boolean) => void;
  setSpeed: (speed: number) => void;
}

export interface UiSlice {
  lang: 'en' | 'zh-CN';
  setLang: (lang: 'en' | 'zh-CN') => void;
  /** A request for the editor to show a line (1-based); `seq` makes a repeated request for one line new. */
  reveal: { line: number; seq: number } | null;
  revealLine: (line: number) => void;
}

export type AppState = SourceSlice & RunSlice & PlaybackSlice & UiSlice;

export const useAppStore = create<AppState>()((set, get) => ({
  manifests: '',
  actions: [],
  setManifests: (manifests) => set({ manifests }),

  trace: null,
  stale: false,
  diagnostics: [],
  runError: null,
  running: false,
  setResult: (trace, readable) => {
    if (!readable && get().trace) {
      set({ stale: true, diagnostics: trace.diagnostics, runError: null, running: false });
      return;
    }
    // After an edit the playhead keeps its time, clamped to the new run (DESIGN.md test contract).
    set({ trace, stale: false, diagnostics: trace.diagnostics, runError: null, running: false, t: Math.min(get().t, trace.until) });
  },
  setRunError: (message, diagnostics = []) => set({ runError: message, stale: get().trace !== null, diagnostics, running: false }),
  setRunning: (running) => set({ running }),

  t: 0,
  playing: false,
  speed: 4,
  setT: (t) => set({ t: Math.max(0, Math.min(Math.round(t), get().trace?.until ?? 0)) }),
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed }),

  lang: 'en',
  setLang: (lang) => set({ lang }),
  reveal: null,
  revealLine: (line) => set({ reveal: { line, seq: (get().reveal?.seq ?? 0) + 1 } }),
}));

// Selectors at module scope (React Flow's store style).
export const selectTrace = (s: AppState) => s.trace;
export const selectT = (s: AppState) => s.t;
export const selectPlaying = (s: AppState) => s.playing;
export const selectStale = (s: AppState) => s.stale;
export const selectDiagnostics = (s: AppState) => s.diagnostics;
export const selectManifests = (s: AppState) => s.manifests;
export const selectLang = (s: AppState) => s.lang;
