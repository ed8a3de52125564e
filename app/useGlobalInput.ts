import { useEffect } from 'react';
import { useUiStore } from './store/ui.ts';
import { useModelStore } from './store/model.ts';
import { openFile } from './commands.ts';

/** Window-wide shortcuts (C toggles the cut tool, Esc leaves it) and file drop anywhere. */
export function useGlobalInput(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const ui = useUiStore.getState();
      if ((e.key === 'c' || e.key === 'C') && useModelStore.getState().view) ui.toggleTool();
      else if (e.key === 'Escape') ui.setTool('pan');
    };
    const onDragOver = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }
    };
    const onDrop = (e: DragEvent) => {
      const f = e.dataTransfer?.files?.[0];
      if (!f) return;
      e.preventDefault();
      void openFile(f, f.name);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
}
