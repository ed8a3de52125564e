import { useModelStore } from './store/model.ts';
import { closeBody } from './commands.ts';
import { formatBytes } from './lib/format.ts';

/** Where the canvas is: the file, then each body opened inside it; earlier levels are links back. */
export function Breadcrumb() {
  const trail = useModelStore((s) => s.trail);
  const label = useModelStore((s) => s.label);
  const view = useModelStore((s) => s.view);
  const byteLength = useModelStore((s) => s.byteLength);
  if (!view) return null;
  return (
    <nav className="crumbs" aria-label="Model path" data-testid="breadcrumb">
      {trail.map((t, i) => (
        <span key={i}>
          <button className="link" onClick={() => void closeBody(i)} data-testid={`crumb-${i}`}>
            {t.label}
          </button>
          <span aria-hidden> › </span>
        </span>
      ))}
      <span className="summary" data-testid="model-summary">
        <strong>{label}</strong> · {view.nodes.length} nodes · {formatBytes(view.totalWeightBytes)}{' '}
        weights · {formatBytes(byteLength)} file
      </span>
    </nav>
  );
}
