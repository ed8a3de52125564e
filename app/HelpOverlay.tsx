import { useEffect, useRef } from 'react';
import { useUiStore } from './store/ui.ts';

const SHORTCUTS: [string, string][] = [
  ['H', 'Pan tool: drag to pan, click a node or edge to inspect it'],
  ['S', 'Select tool: drag a box around nodes, then assign them to a part (Plan tab)'],
  [
    'C',
    'Cut tool: drag a line across edges to add a cut; click an edge to toggle it in the active cut',
  ],
  ['Alt + click', 'On an edge, in any tool: toggle its value in the active cut'],
  ['Esc', 'Back to the pan tool; close this help'],
  ['/', 'Search nodes, op types and values; Enter centres on the first hit'],
  ['Ctrl + Z', 'Undo the last change of the plan'],
  ['Ctrl + Shift + Z, Ctrl + Y', 'Redo'],
  ['?', 'Show or hide this help'],
];

/** Keyboard shortcuts and mouse gestures, opened with `?`. */
export function HelpOverlay() {
  const open = useUiStore((s) => s.helpOpen);
  const setHelp = useUiStore((s) => s.setHelp);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) close.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-labelledby="help-title"
      data-testid="help-overlay"
      onClick={(e) => {
        if (e.target === e.currentTarget) setHelp(false);
      }}
    >
      <div className="dialog">
        <h2 id="help-title">Keyboard and mouse</h2>
        <table className="shortcuts">
          <tbody>
            {SHORTCUTS.map(([k, what]) => (
              <tr key={k}>
                <th>
                  {k.split(', ').map((x) => (
                    <kbd key={x}>{x}</kbd>
                  ))}
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">
          Cuts apply in order: cut 1 ends part 1, cut 2 ends part 2, and so on. The model, the plan
          and the settings are kept in this browser and come back after a reload.
        </p>
        <button ref={close} onClick={() => setHelp(false)} data-testid="help-close">
          Close
        </button>
      </div>
    </div>
  );
}
