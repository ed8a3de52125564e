import { useEffect } from 'react';
import { Toolbar } from './Toolbar.tsx';
import { StatusBar } from './StatusBar.tsx';
import { Banners } from './Banners.tsx';
import { Breadcrumb } from './Breadcrumb.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';
import { GraphCanvas } from './graph/GraphCanvas.tsx';
import { CutPanel } from './panel/CutPanel.tsx';
import { Legend } from './Legend.tsx';
import { useGlobalInput } from './useGlobalInput.ts';
import { openStart } from './commands.ts';
import { useModelStore } from './store/model.ts';
import { useSettingsStore } from './store/settings.ts';
import { loadSettings, saveSettings } from './lib/persist.ts';
import { detectGpu } from './lib/gpu.ts';

/** StrictMode runs effects twice in development; the start model is opened once. */
let started = false;

function useSettings(): void {
  const theme = useSettingsStore((s) => s.theme);
  useEffect(() => {
    useSettingsStore.getState().load(loadSettings() ?? {});
    void detectGpu().then((gpu) => useSettingsStore.getState().setGpu(gpu));
    return useSettingsStore.subscribe((s) =>
      saveSettings({ theme: s.theme, providers: s.providers, sharing: s.sharing }),
    );
  }, []);
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
}

export function App() {
  useGlobalInput();
  useSettings();
  const hasModel = useModelStore((s) => s.view != null);
  const loading = useModelStore((s) =>
    // At start the app opens the last model or the sample at once, so idle means loading too.
    ['idle', 'reading', 'parsing', 'layout'].includes(s.status)
      ? (s.loadingName ?? 'the model')
      : null,
  );
  useEffect(() => {
    if (started) return;
    started = true;
    void openStart();
  }, []);
  return (
    <div className="app">
      <Toolbar />
      <Banners />
      <main className="workspace">
        <div className="canvas-wrap">
          <Breadcrumb />
          <StatusBar />
          {hasModel ? (
            <GraphCanvas />
          ) : (
            <p className="empty" data-testid="empty-state">
              {loading
                ? `Opening ${loading}…`
                : 'Open an .onnx file, pick a sample, or drop a file here.'}
            </p>
          )}
          <Legend />
        </div>
        <CutPanel />
      </main>
      <HelpOverlay />
    </div>
  );
}
