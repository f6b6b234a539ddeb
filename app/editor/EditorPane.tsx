// The editor feature: Monaco is a lazily loaded chunk behind a spinner; if it cannot load, a plain
// textarea takes over so the learner can still edit.
import { Component, lazy, Suspense, type ReactNode } from 'react';
import { useAppStore, selectManifests } from '../store/store';
import { useStrings } from '../i18n/strings';

const MonacoEditor = lazy(() => import('./MonacoEditor'));

function TextareaEditor() {
  const text = useAppStore(selectManifests);
  return (
    <textarea className="textarea-editor" spellCheck={false} value={text} aria-label="Kubernetes manifests (YAML)"
      onChange={(e) => useAppStore.getState().setManifests(e.target.value)} />
  );
}

class FallbackOnError extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <TextareaEditor /> : this.props.children;
  }
}

export function EditorPane() {
  const s = useStrings();
  return (
    <div className="editor" data-testid="editor">
      <FallbackOnError>
        <Suspense fallback={<div className="spinner" role="status">{s.loadingEditor}</div>}>
          <MonacoEditor />
        </Suspense>
      </FallbackOnError>
    </div>
  );
}
