import { useModelStore } from './store/model.ts';
import { useUiStore } from './store/ui.ts';
import { cancel } from './commands.ts';

const stageText = {
  idle: 'No model open.',
  reading: 'Reading',
  parsing: 'Parsing',
  layout: 'Laying out',
  ready: '',
  error: 'No model open.',
} as const;

/** The one place load state and long-running steps are shown, with Cancel. */
export function StatusBar() {
  const status = useModelStore((s) => s.status);
  const loadingName = useModelStore((s) => s.loadingName);
  const busy = useUiStore((s) => s.busy);
  if (!busy && (status === 'ready' || status === 'idle')) return null;
  const stage =
    status !== 'ready' && loadingName ? `${stageText[status]} ${loadingName}…` : stageText[status];
  return (
    <div className="status-bar" data-testid="load-status" data-status={status} role="status">
      <span className="spinner" aria-hidden={!busy} />
      <span>{busy ? `${busy.label}: ${busy.message || stage}` : stage}</span>
      {busy && (
        <button onClick={() => void cancel()} data-testid="cancel-button">
          Cancel
        </button>
      )}
    </div>
  );
}
