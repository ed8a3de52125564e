import { usePlanStore } from '../store/plan.ts';
import { removeCut } from '../commands.ts';
import { formatBytes, formatType } from '../lib/format.ts';
import { partColor } from '../graph/kinds.ts';
import { Downloads } from './Downloads.tsx';
import { RunPanel } from './RunPanel.tsx';

/** Cuts with their boundary values, parts with their sizes, downloads and the run. */
export function CutPanel() {
  const cuts = usePlanStore((s) => s.cuts);
  const plan = usePlanStore((s) => s.plan);

  return (
    <aside className="side-panel" data-testid="cut-panel">
      <h2>Cuts</h2>
      {cuts.length === 0 && (
        <p className="hint">Press <kbd>C</kbd> or the Cut button, then drag a line across edges.</p>
      )}
      {plan && plan.boundaries.map((values, i) => (
        <section key={i} className="cut" data-testid={`cut-${i + 1}`}>
          <header>
            <span>Cut {i + 1}: part {i + 1} → later</span>
            {i < cuts.length && (
              <button className="link" onClick={() => void removeCut(i)} data-testid={`remove-cut-${i + 1}`}
                title="Remove this cut">Remove</button>
            )}
          </header>
          <table className="values">
            <tbody>
              {values.map((v) => (
                <tr key={v.name} data-testid="boundary-value" data-value={v.name}>
                  <td className="v-name" title={v.name}>
                    {v.name}
                    {v.auto && <span className="also" title="Not crossed by the line, but needed by a later part">also crosses</span>}
                  </td>
                  <td>{formatType(v.type) || 'type unknown'}</td>
                  <td className="num">{formatBytes(v.bytes)}</td>
                  <td className="num" title="to parts">→{v.toParts.join(',')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {plan && (
        <>
          <h2>Parts</h2>
          <ul className="parts">
            {plan.parts.map((p) => (
              <li key={p.id} data-testid={`part-${p.id}`}>
                <span className="swatch" style={{ background: partColor(p.id) }} />
                Part {p.id}: {p.nodeIds.length} nodes, {formatBytes(p.weightBytes)} weights
              </li>
            ))}
          </ul>
          <Downloads />
          <RunPanel />
        </>
      )}
    </aside>
  );
}
