import { useState } from 'react';
import { usePlanStore } from '../store/plan.ts';
import { useUiStore } from '../store/ui.ts';
import { assignPicked, writeParts } from '../planCommands.ts';
import { useSettingsStore } from '../store/settings.ts';
import { formatBytes, formatType } from '../lib/format.ts';
import { partColor } from '../graph/kinds.ts';

/** Assigns the nodes picked with the selection box to a part. */
function AssignBox() {
  const picked = useUiStore((s) => s.picked);
  const parts = usePlanStore((s) => s.plan?.parts.length ?? 1);
  const [part, setPart] = useState(2);
  if (picked.length === 0) {
    return (
      <p className="hint">
        Press <kbd>S</kbd> and drag a box around nodes to assign them to a part.
      </p>
    );
  }
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        void assignPicked(part);
      }}
      data-testid="assign-box"
    >
      <span>
        {picked.length} node{picked.length === 1 ? '' : 's'} picked → part
      </span>
      <input
        type="number"
        min={1}
        max={parts + 1}
        value={part}
        aria-label="Part number"
        onChange={(e) => setPart(Math.max(1, Number(e.target.value) || 1))}
        data-testid="assign-part"
      />
      <button type="submit" data-testid="assign-button">
        Assign
      </button>
    </form>
  );
}

/**
 * Weights read by several parts are copied into each by default; the user can store them once
 * instead, as inputs fed from a weights file. Either way the duplicated bytes are reported.
 */
function SharedWeights() {
  const plan = usePlanStore((s) => s.plan);
  const manifest = usePlanStore((s) => s.manifest);
  const sharing = useSettingsStore((s) => s.sharing);
  const duplicated = plan?.duplicatedWeightBytes ?? 0;
  if (!plan || (duplicated === 0 && !manifest?.sharedWeights)) return null;
  return (
    <div className="shared-weights" data-testid="shared-weights">
      <p>
        {sharing === 'input' && manifest?.sharedWeights
          ? `${manifest.sharedWeights.names.length} weights (${formatBytes(manifest.sharedWeights.bytes)}) are stored once, in ${manifest.sharedWeights.file}.`
          : `Weights read by several parts: ${formatBytes(duplicated)} copied more than once.`}
      </p>
      <label>
        <input
          type="checkbox"
          checked={sharing === 'input'}
          data-testid="share-weights"
          onChange={(e) => {
            useSettingsStore.getState().setSharing(e.target.checked ? 'input' : 'copy');
            void writeParts();
          }}
        />{' '}
        Store them once, fed to each part as inputs
      </label>
    </div>
  );
}

/** Parts with their sizes and the values each hands to later parts. */
export function PartsList() {
  const plan = usePlanStore((s) => s.plan);
  const manifest = usePlanStore((s) => s.manifest);
  return (
    <section>
      <h2>Parts</h2>
      <AssignBox />
      {plan?.messages.map((m) => (
        <p key={m} className="hint" data-testid="plan-message">
          {m}
        </p>
      ))}
      <SharedWeights />
      {plan &&
        plan.parts.map((p, j) => {
          const out = plan.boundaries[j] ?? [];
          const bytes = out.reduce((n, v) => n + (v.bytes ?? 0), 0);
          // What the part's file holds: its nodes with the constants copied in, and its weights
          // (none of the shared ones, when those are stored once).
          const nodes = p.nodeIds.length + (p.copies?.length ?? 0);
          const weights = manifest?.parts[j]?.weightBytes ?? p.weightBytes;
          return (
            <div key={p.id} className="part" data-testid={`part-${p.id}`}>
              <header>
                <span className="swatch" style={{ background: partColor(p.id) }} />
                Part {p.id}: {nodes} node{nodes === 1 ? '' : 's'}, {formatBytes(weights)} weights
                {out.length > 0 && <span className="meta"> · hands on {formatBytes(bytes)}</span>}
              </header>
              {out.length > 0 && (
                <table className="values">
                  <tbody>
                    {out.map((v) => (
                      <tr key={v.name} data-testid="boundary-value" data-value={v.name}>
                        <td className="v-name" title={v.name}>
                          {v.name}
                          {v.auto && (
                            <span
                              className="also"
                              title="Not cut by you, but needed by a later part"
                            >
                              also crosses
                            </span>
                          )}
                        </td>
                        <td>{formatType(v.type) || v.kind || 'type unknown'}</td>
                        <td className="num">{formatBytes(v.bytes)}</td>
                        <td className="num" title="to parts">
                          →{v.toParts.join(',')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          );
        })}
    </section>
  );
}
