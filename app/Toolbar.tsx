import { useRef } from 'react';
import { useModelStore } from './store/model.ts';
import { useUiStore } from './store/ui.ts';
import { usePlanStore } from './store/plan.ts';
import { openFile, setCuts } from './commands.ts';
import { formatBytes } from './lib/format.ts';

/** Open, the cut tool, and a summary of the open model. */
export function Toolbar() {
  const input = useRef<HTMLInputElement>(null);
  const tool = useUiStore((s) => s.tool);
  const toggleTool = useUiStore((s) => s.toggleTool);
  const fileName = useModelStore((s) => s.fileName);
  const byteLength = useModelStore((s) => s.byteLength);
  const view = useModelStore((s) => s.view);
  const cuts = usePlanStore((s) => s.cuts.length);

  return (
    <header className="toolbar">
      <strong className="brand">Cutline</strong>
      <button onClick={() => input.current?.click()} data-testid="open-button">Open…</button>
      <input
        ref={input}
        type="file"
        accept=".onnx,application/octet-stream"
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void openFile(f, f.name);
          e.target.value = '';
        }}
      />
      <button
        className={tool === 'cut' ? 'active' : ''}
        aria-pressed={tool === 'cut'}
        disabled={!view}
        onClick={toggleTool}
        data-testid="cut-tool"
        title="Cut tool (C); Esc to leave"
      >
        ✂ Cut
      </button>
      <button disabled={cuts === 0} onClick={() => void setCuts([])} data-testid="clear-cuts">Clear cuts</button>
      {view && (
        <span className="summary" data-testid="model-summary">
          {fileName} · {view.nodes.length} nodes · {formatBytes(view.totalWeightBytes)} weights ·{' '}
          {formatBytes(byteLength)} file
        </span>
      )}
      {tool === 'cut' && <span className="tool-hint">Drag a line across edges to cut · Esc to leave</span>}
    </header>
  );
}
