import { useRunStore } from '../store/run.ts';
import { useUiStore } from '../store/ui.ts';
import { runCompare } from '../commands.ts';
import { formatNumber } from '../lib/format.ts';

/** Run the original against the chained parts and show how close they are. */
export function RunPanel() {
  const status = useRunStore((s) => s.status);
  const report = useRunStore((s) => s.report);
  const error = useRunStore((s) => s.error);
  const busy = useUiStore((s) => s.busy);

  return (
    <div className="run">
      <h2>Check</h2>
      <button data-testid="run-button" disabled={status === 'running' || busy != null}
        onClick={() => void runCompare()} title="Run the original and the parts on the same random inputs">
        Run original vs parts
      </button>
      {status === 'error' && <p className="run-error">{error}</p>}
      {report && (
        <div data-testid="run-results" className="run-results">
          <table>
            <thead>
              <tr><th>output</th><th>max abs</th><th>max rel</th><th>verdict</th></tr>
            </thead>
            <tbody>
              {report.outputs.map((o) => (
                <tr key={o.name} data-testid="run-output" data-verdict={o.verdict} title={o.note}>
                  <td className="v-name">{o.name}</td>
                  <td className="num">{formatNumber(o.maxAbsDiff)}</td>
                  <td className="num">{formatNumber(o.maxRelDiff)}</td>
                  <td className={`verdict verdict-${o.verdict}`}>{o.verdict}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="timings">
            original {report.originalMs.toFixed(1)} ms;{' '}
            {report.partMs.map((p) => `part ${p.id} ${p.ms.toFixed(1)} ms (${p.provider})`).join(', ')}
          </p>
        </div>
      )}
    </div>
  );
}
