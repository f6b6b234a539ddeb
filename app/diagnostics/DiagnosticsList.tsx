// The problems list: every diagnostic with its line and column, in kubectl's words.
import { useAppStore, selectDiagnostics } from '../store/store';
import { useStrings } from '../i18n/strings';

export function DiagnosticsList() {
  const s = useStrings();
  const diagnostics = useAppStore(selectDiagnostics);
  const runError = useAppStore((st) => st.runError);
  const notice = useAppStore((st) => (st.trace?.truncated ? st.trace.notice : undefined));
  return (
    <div className="problems" aria-label={s.diagnostics}>
      {runError && <div className="run-notice" data-testid="run-notice" role="alert">{runError}</div>}
      {!runError && notice && <div className="run-notice" data-testid="run-notice" role="status">{notice}</div>}
      {diagnostics.length === 0 ? <p className="no-problems">{s.noProblems}</p> : (
        <ul>
          {diagnostics.map((d, i) => (
            <li key={i} className={`diagnostic sev-${d.severity}`}>
              {d.line !== undefined && <span className="where">{s.line} {d.line}:{d.column ?? 1}</span>}
              <pre className="msg" data-testid="diagnostic" data-line={d.line ?? ''} data-column={d.column ?? ''}>{d.message}</pre>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
