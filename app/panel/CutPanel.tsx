import { useRef } from 'react';
import { usePlanStore } from '../store/plan.ts';
import { useUiStore } from '../store/ui.ts';
import { loadSpec, redo, saveSpec, undo } from '../planCommands.ts';
import { CutList } from './CutList.tsx';
import { PartsList } from './PartsList.tsx';
import { Downloads } from './Downloads.tsx';
import { RunPanel } from './RunPanel.tsx';
import { Inspector } from './Inspector.tsx';

/** Undo, redo, the list of changes, and the spec as a file. */
function History() {
  const past = usePlanStore((s) => s.past);
  const future = usePlanStore((s) => s.future);
  const file = useRef<HTMLInputElement>(null);
  return (
    <section>
      <div className="row">
        <button
          onClick={() => void undo()}
          disabled={past.length === 0}
          data-testid="undo"
          title={past.length ? `Undo: ${past.at(-1)!.label} (Ctrl+Z)` : 'Nothing to undo'}
        >
          ↶ Undo
        </button>
        <button
          onClick={() => void redo()}
          disabled={future.length === 0}
          data-testid="redo"
          title={future.length ? `Redo: ${future[0]!.label} (Ctrl+Shift+Z)` : 'Nothing to redo'}
        >
          ↷ Redo
        </button>
        <button
          onClick={() => void saveSpec()}
          data-testid="save-spec"
          title="Save the plan as a split spec (JSON) the CLI replays with --spec"
        >
          Save spec
        </button>
        <button onClick={() => file.current?.click()} data-testid="load-spec-button">
          Load spec…
        </button>
        <input
          ref={file}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="spec-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void loadSpec(f, f.name);
            e.target.value = '';
          }}
        />
      </div>
      {past.length > 0 && (
        <details className="history">
          <summary>History ({past.length})</summary>
          <ol data-testid="history">
            {past.slice(-12).map((h, i) => (
              <li key={i}>{h.label}</li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

/** The side panel: the inspector, or the plan with its parts, downloads and the run. */
export function CutPanel() {
  const tab = useUiStore((s) => s.tab);
  const setTab = useUiStore((s) => s.setTab);
  const plan = usePlanStore((s) => s.plan);
  return (
    <aside className="side-panel">
      <div className="tabs" role="tablist">
        <button
          role="tab"
          aria-selected={tab === 'inspect'}
          className={tab === 'inspect' ? 'active' : ''}
          onClick={() => setTab('inspect')}
          data-testid="tab-inspect"
        >
          Inspect
        </button>
        <button
          role="tab"
          aria-selected={tab === 'plan'}
          className={tab === 'plan' ? 'active' : ''}
          onClick={() => setTab('plan')}
          data-testid="tab-plan"
        >
          Plan
        </button>
      </div>
      {tab === 'inspect' ? (
        <div data-testid="inspector">
          <Inspector />
        </div>
      ) : (
        <div data-testid="cut-panel">
          <History />
          <CutList />
          <PartsList />
          {plan && plan.parts.length > 1 && (
            <>
              <Downloads />
              <RunPanel />
            </>
          )}
        </div>
      )}
    </aside>
  );
}
