import { useRunStore } from '../store/run.ts';
import { useUiStore } from '../store/ui.ts';
import { usePlanStore } from '../store/plan.ts';
import { useSettingsStore } from '../store/settings.ts';
import { runCompare } from '../planCommands.ts';
import { formatBytes, formatNumber } from '../lib/format.ts';
import type { Provider } from '../workers/modelProtocol.ts';

/** Where each part runs, then the original against the chained parts. */
export function RunPanel() {
  const status = useRunStore((s) => s.status);
  const report = useRunStore((s) => s.report);
  const error = useRunStore((s) => s.error);
  const busy = useUiStore((s) => s.busy);
  const plan = usePlanStore((s) => s.plan);
  const providers = useSettingsStore((s) => s.providers);
  const gpu = useSettingsStore((s) => s.gpu);
  const setProvider = useSettingsStore((s) => s.setProvider);
  if (!plan) return null;
  const timing = new Map(report?.partMs.map((p) => [p.id, p] as const));

  return (
    <section className="run">
      <h2>Run</h2>
      <table data-testid="placement">
        <thead>
          <tr>
            <th>part</th>
            <th>runs on</th>
            <th className="num">time</th>
            <th className="num">hands on</th>
          </tr>
        </thead>
        <tbody>
          {plan.parts.map((p, j) => {
            const chosen: Provider = gpu && providers[j] === 'webgpu' ? 'webgpu' : 'wasm';
            const t = timing.get(p.id);
            const bytes = (plan.boundaries[j] ?? []).reduce((n, v) => n + (v.bytes ?? 0), 0);
            return (
              <tr key={p.id} data-testid={`placement-${p.id}`}>
                <td>Part {p.id}</td>
                <td>
                  <select
                    value={chosen}
                    aria-label={`Execution provider for part ${p.id}`}
                    data-testid={`provider-${p.id}`}
                    onChange={(e) => setProvider(p.id, e.target.value as Provider)}
                  >
                    <option value="wasm">WASM (CPU)</option>
                    {gpu && <option value="webgpu">WebGPU</option>}
                  </select>
                </td>
                <td className="num" data-testid={`part-ms-${p.id}`}>
                  {t ? `${t.ms.toFixed(1)} ms · ${t.provider}` : '—'}
                </td>
                <td className="num">{j < plan.parts.length - 1 ? formatBytes(bytes) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!gpu && <p className="hint">WebGPU is offered when this browser gives a GPU adapter.</p>}
      <button
        data-testid="run-button"
        disabled={status === 'running' || busy != null}
        onClick={() => void runCompare()}
        title="Run the original and the parts on the same random inputs"
      >
        ▶ Run original vs parts
      </button>
      {status === 'error' && (
        <p className="run-error" data-testid="run-error">
          {error}
        </p>
      )}
      {report && (
        <div data-testid="run-results" className="run-results">
          <table>
            <thead>
              <tr>
                <th>output</th>
                <th>max abs</th>
                <th>max rel</th>
                <th>verdict</th>
              </tr>
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
          <p className="timings">original {report.originalMs.toFixed(1)} ms</p>
        </div>
      )}
    </section>
  );
}
