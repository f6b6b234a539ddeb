// The Monaco editor bound to the store: one model with a stable URI; the engine's diagnostics go on
// it as markers under their own owner.
import { useEffect, useRef } from 'react';
import { monaco, MODEL_URI } from './monacoSetup';
import { useAppStore, selectDiagnostics } from '../store/store';

export default function MonacoEditor() {
  const host = useRef<HTMLDivElement>(null);
  const diagnostics = useAppStore(selectDiagnostics);
  const modelRef = useRef<monaco.editor.ITextModel | null>(null);

  useEffect(() => {
    const uri = monaco.Uri.parse(MODEL_URI);
    const initial = useAppStore.getState().manifests;
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(initial, 'yaml', uri);
    if (model.getValue() !== initial) model.setValue(initial);
    modelRef.current = model;
    const editor = monaco.editor.create(host.current!, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      tabSize: 2,
      scrollBeyondLastLine: false,
      // A paste is taken exactly as copied (DESIGN.md test contract).
      autoIndentOnPaste: false,
      formatOnPaste: false,
      ariaLabel: 'Kubernetes manifests (YAML)',
    });
    const sub = model.onDidChangeContent(() => useAppStore.getState().setManifests(model.getValue()));
    // The store can change the text too (gallery, share links): keep the model in step.
    const unsub = useAppStore.subscribe((s, prev) => {
      if (s.manifests !== prev.manifests && s.manifests !== model.getValue()) model.setValue(s.manifests);
      // A lane asked to show its container's YAML: select the line and bring it into view.
      if (s.reveal && s.reveal !== prev.reveal && s.reveal.line <= model.getLineCount()) {
        const line = s.reveal.line;
        editor.setSelection({ startLineNumber: line, startColumn: model.getLineFirstNonWhitespaceColumn(line), endLineNumber: line, endColumn: model.getLineMaxColumn(line) });
        editor.revealLineInCenter(line);
      }
    });
    // Read-only hook for end-to-end tests and tools: the exact text the editor holds.
    const hooks = window as unknown as { __playgroundText?: () => string; __playgroundMarkers?: () => string[]; __playgroundSelection?: () => number | null };
    hooks.__playgroundText = () => model.getValue();
    hooks.__playgroundSelection = () => editor.getSelection()?.startLineNumber ?? null;
    hooks.__playgroundMarkers = () => monaco.editor.getModelMarkers({ owner: 'engine' }).map((m) => `${m.startLineNumber}:${m.startColumn}: ${m.message}`);
    document.body.dataset.monacoReady = 'true';
    return () => {
      sub.dispose();
      unsub();
      editor.dispose();
      delete document.body.dataset.monacoReady;
    };
  }, []);

  useEffect(() => {
    const model = modelRef.current;
    if (!model) return;
    const markers = diagnostics.filter((d) => d.line !== undefined).map((d) => ({
      severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info,
      message: d.message,
      startLineNumber: d.line!,
      startColumn: d.column ?? 1,
      endLineNumber: d.line!,
      endColumn: model.getLineMaxColumn(Math.min(d.line!, model.getLineCount())),
    }));
    monaco.editor.setModelMarkers(model, 'engine', markers);
  }, [diagnostics]);

  return <div ref={host} className="monaco-host" />;
}
