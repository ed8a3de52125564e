import { useState } from 'react';
import { usePlanStore } from '../store/plan.ts';
import { useModelStore } from '../store/model.ts';
import { useUiStore } from '../store/ui.ts';
import { addCut, commit, moveCut, removeCut } from '../planCommands.ts';
import { toggleValue } from '../plan/changes.ts';

/** Types value names into the active cut, with the model's value names as suggestions. */
function CutInput() {
  const [text, setText] = useState('');
  const values = useModelStore((s) => s.view?.values);
  const add = () => {
    const names = text
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    if (names.length === 0) return;
    const { doc, activeCut } = usePlanStore.getState();
    const cut = doc.assignment ? undefined : doc.cuts[activeCut];
    setText('');
    if (!cut) {
      void addCut(names);
      return;
    }
    const fresh = names.filter((n) => !cut.includes(n));
    if (fresh.length)
      void commit({ kind: 'setCut', index: activeCut, before: cut, after: [...cut, ...fresh] });
  };
  return (
    <form
      className="cut-input"
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <input
        list="value-names"
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="cut-input"
        placeholder="value name(s), comma-separated"
        aria-label="Value names to cut"
      />
      <datalist id="value-names">
        {values?.slice(0, 5000).map((v) => (
          <option key={v.name} value={v.name} />
        ))}
      </datalist>
      <button type="submit" data-testid="cut-input-add">
        Add
      </button>
    </form>
  );
}

/** The cut sets in order: each editable, movable and removable; one is active for clicks. */
export function CutList() {
  const doc = usePlanStore((s) => s.doc);
  const plan = usePlanStore((s) => s.plan);
  const activeCut = usePlanStore((s) => s.activeCut);
  const setActiveCut = usePlanStore((s) => s.setActiveCut);
  const focusOn = useUiStore((s) => s.focusOn);
  const cuts = doc.assignment ? [] : doc.cuts;
  return (
    <section data-testid="cut-list">
      <h2>Cuts</h2>
      {doc.assignment && (
        <p className="hint">Parts are assigned node by node. A cut starts a new cut plan.</p>
      )}
      {!doc.assignment && cuts.length === 0 && (
        <p className="hint">
          Press <kbd>C</kbd> and drag a line across edges, click edges, or type value names below.
        </p>
      )}
      {cuts.map((values, i) => {
        const part = plan?.cutPart?.[i];
        return (
          <div
            key={i}
            className={`cut ${i === activeCut ? 'active-cut' : ''}`}
            data-testid={`cut-${i + 1}`}
          >
            <header>
              <label title="Clicks on edges add to or take from the active cut">
                <input
                  type="radio"
                  name="active-cut"
                  checked={i === activeCut}
                  onChange={() => setActiveCut(i)}
                />{' '}
                Cut {i + 1}
                {part != null
                  ? ` · ends part ${part}`
                  : part === null
                    ? ' · its part was empty'
                    : ''}
              </label>
              <span className="cut-actions">
                <button
                  className="link"
                  disabled={i === 0}
                  onClick={() => void moveCut(i, i - 1)}
                  aria-label={`Move cut ${i + 1} up`}
                  data-testid={`move-up-${i + 1}`}
                >
                  ↑
                </button>
                <button
                  className="link"
                  disabled={i === cuts.length - 1}
                  onClick={() => void moveCut(i, i + 1)}
                  aria-label={`Move cut ${i + 1} down`}
                  data-testid={`move-down-${i + 1}`}
                >
                  ↓
                </button>
                <button
                  className="link"
                  onClick={() => void removeCut(i)}
                  data-testid={`remove-cut-${i + 1}`}
                  title="Remove this cut"
                >
                  Remove
                </button>
              </span>
            </header>
            <ul className="chips">
              {values.map((v) => (
                <li key={v} data-testid="cut-value" data-value={v}>
                  <button className="link mono" onClick={() => focusOn({ kind: 'value', name: v })}>
                    {v}
                  </button>
                  <button
                    className="link"
                    aria-label={`Take ${v} out of cut ${i + 1}`}
                    onClick={() => void commit(toggleValue(doc, i, v))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      <div className="row">
        <button
          onClick={() => setActiveCut(cuts.length)}
          disabled={activeCut >= cuts.length}
          data-testid="new-cut"
          title="The next edge you click starts a new cut"
        >
          + New cut
        </button>
        {activeCut >= cuts.length && (
          <span className="hint">next click starts cut {cuts.length + 1}</span>
        )}
      </div>
      <CutInput />
    </section>
  );
}
