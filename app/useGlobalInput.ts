import { useEffect } from 'react';
import { useUiStore, type Tool } from './store/ui.ts';
import { useModelStore } from './store/model.ts';
import { openFiles } from './commands.ts';
import { redo, undo } from './planCommands.ts';

const TOOL_KEYS: Record<string, Tool> = { h: 'pan', s: 'select', c: 'cut' };

function typing(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return (
    !!el &&
    (el.tagName === 'INPUT' ||
      el.tagName === 'TEXTAREA' ||
      el.tagName === 'SELECT' ||
      el.isContentEditable)
  );
}

/** Window-wide shortcuts (see HelpOverlay for the list) and file drop anywhere. */
export function useGlobalInput(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ui = useUiStore.getState();
      if (
        (e.ctrlKey || e.metaKey) &&
        !e.altKey &&
        (e.key === 'z' || e.key === 'Z' || e.key === 'y')
      ) {
        if (typing(e.target)) return; // let text fields undo their own text
        e.preventDefault();
        void (e.key === 'y' || e.shiftKey ? redo() : undo());
        return;
      }
      if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') {
        if (ui.helpOpen) ui.setHelp(false);
        else ui.setTool('pan');
      } else if (e.key === '?') {
        ui.setHelp(!ui.helpOpen);
      } else if (e.key === '/') {
        e.preventDefault();
        document.getElementById('search-input')?.focus();
      } else {
        const tool = TOOL_KEYS[e.key.toLowerCase()];
        if (tool && useModelStore.getState().view)
          ui.setTool(ui.tool === tool && tool !== 'pan' ? 'pan' : tool);
      }
    };
    const onDragOver = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }
    };
    const onDrop = (e: DragEvent) => {
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      e.preventDefault();
      void openFiles(files);
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
