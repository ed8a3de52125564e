import { useEffect } from 'react';
import { Toolbar } from './Toolbar.tsx';
import { StatusBar } from './StatusBar.tsx';
import { Banners } from './Banners.tsx';
import { GraphCanvas } from './graph/GraphCanvas.tsx';
import { CutPanel } from './panel/CutPanel.tsx';
import { Legend } from './Legend.tsx';
import { useGlobalInput } from './useGlobalInput.ts';
import { openSample } from './commands.ts';
import { useModelStore } from './store/model.ts';

/** StrictMode runs effects twice in development; the sample is fetched once. */
let sampleRequested = false;

export function App() {
  useGlobalInput();
  const hasModel = useModelStore((s) => s.view != null);
  useEffect(() => {
    if (sampleRequested) return;
    sampleRequested = true;
    void openSample();
  }, []);
  return (
    <div className="app">
      <Toolbar />
      <Banners />
      <main className="workspace">
        <div className="canvas-wrap">
          <StatusBar />
          {hasModel ? <GraphCanvas /> : <p className="empty">Open an .onnx file or drop one here.</p>}
          <Legend />
        </div>
        <CutPanel />
      </main>
    </div>
  );
}
