import { useRef } from 'react';
import { useModelStore } from './store/model.ts';
import { useUiStore, type Tool } from './store/ui.ts';
import { useSettingsStore, type Theme } from './store/settings.ts';
import { SAMPLES, openFiles, openSample } from './commands.ts';
import { Search } from './Search.tsx';

const TOOLS: { tool: Tool; label: string; key: string; hint: string }[] = [
  { tool: 'pan', label: 'Pan', key: 'H', hint: 'Drag to pan, click to inspect' },
  {
    tool: 'select',
    label: 'Select',
    key: 'S',
    hint: 'Drag a box around nodes to assign them to a part',
  },
  {
    tool: 'cut',
    label: '✂ Cut',
    key: 'C',
    hint: 'Drag a line across edges, or click an edge to toggle it',
  },
];

const NEXT_THEME: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };

/** Open, samples, the tools, search, theme and help. */
export function Toolbar() {
  const input = useRef<HTMLInputElement>(null);
  const tool = useUiStore((s) => s.tool);
  const setTool = useUiStore((s) => s.setTool);
  const setHelp = useUiStore((s) => s.setHelp);
  const theme = useSettingsStore((s) => s.theme);
  const setTheme = useSettingsStore((s) => s.setTheme);
  const hasModel = useModelStore((s) => s.view != null);

  return (
    <header className="toolbar">
      <strong className="brand">Cutline</strong>
      <button onClick={() => input.current?.click()} data-testid="open-button">
        Open…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          if (files.length > 0) void openFiles(files);
          e.target.value = '';
        }}
      />
      <select
        aria-label="Open a sample model"
        data-testid="samples"
        value=""
        onChange={(e) => {
          if (e.target.value) void openSample(e.target.value);
        }}
      >
        <option value="">Samples…</option>
        {SAMPLES.map((s) => (
          <option key={s.file} value={s.file}>
            {s.label}
          </option>
        ))}
      </select>
      <div className="tool-group" role="group" aria-label="Tools">
        {TOOLS.map((t) => (
          <button
            key={t.tool}
            className={tool === t.tool ? 'active' : ''}
            aria-pressed={tool === t.tool}
            disabled={!hasModel}
            onClick={() => setTool(tool === t.tool && t.tool !== 'pan' ? 'pan' : t.tool)}
            data-testid={`${t.tool}-tool`}
            title={`${t.hint} (${t.key})`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <Search />
      <span className="spacer" />
      <button
        onClick={() => setTheme(NEXT_THEME[theme])}
        data-testid="theme-toggle"
        title="Theme: system, light or dark"
        aria-label={`Theme: ${theme}`}
      >
        {theme === 'dark' ? '☾ Dark' : theme === 'light' ? '☀ Light' : '◐ Auto'}
      </button>
      <button
        onClick={() => setHelp(true)}
        data-testid="help-button"
        title="Keyboard shortcuts (?)"
        aria-label="Help"
      >
        ?
      </button>
    </header>
  );
}
