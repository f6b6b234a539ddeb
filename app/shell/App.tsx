// The application shell: header, editor with its problems, and the timeline with playback.
import { EditorPane } from '../editor/EditorPane';
import { DiagnosticsList } from '../diagnostics/DiagnosticsList';
import { Timeline } from '../timeline/Timeline';
import { PlaybackBar } from '../playback/PlaybackBar';
import { usePlaybackKeys, usePlayLoop } from '../playback/usePlayback';
import { useStrings } from '../i18n/strings';
import { useAppStore } from '../store/store';
import { useEffect } from 'react';

export function App() {
  const s = useStrings();
  const lang = useAppStore((st) => st.lang);
  usePlaybackKeys();
  usePlayLoop();
  // Screen readers and fonts follow the page's language.
  useEffect(() => { document.documentElement.lang = lang; }, [lang]);
  return (
    <div className="app" lang={lang}>
      <header className="app-header">
        <h1>{s.product}</h1>
        <p className="tagline">{s.tagline}</p>
        <button type="button" className="lang" onClick={() => useAppStore.getState().setLang(lang === 'en' ? 'zh-CN' : 'en')}>{s.language}</button>
      </header>
      <main className="workspace">
        <section className="pane pane-timeline" aria-label={s.timeline}>
          <PlaybackBar />
          <Timeline />
          <p className="keys-hint">{s.keys}</p>
        </section>
        <section className="pane pane-editor" aria-label={s.editor}>
          <EditorPane />
          <DiagnosticsList />
        </section>
      </main>
    </div>
  );
}
