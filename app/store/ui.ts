import { create } from 'zustand';

export type Tool = 'pan' | 'cut';

export interface UiState {
  tool: Tool;
  /** One user-facing sentence, shown in the error banner until dismissed. */
  error: string | null;
  /** Messages that are not errors (e.g. empty parts dropped). */
  notice: string | null;
  /** The long step in progress, if any, with its latest message. */
  busy: { label: string; message: string } | null;
  setTool: (tool: Tool) => void;
  toggleTool: () => void;
  showError: (message: string | null) => void;
  showNotice: (message: string | null) => void;
  setBusy: (busy: UiState['busy']) => void;
}

export const useUiStore = create<UiState>()((set) => ({
  tool: 'pan',
  error: null,
  notice: null,
  busy: null,
  setTool: (tool) => set({ tool }),
  toggleTool: () => set((s) => ({ tool: s.tool === 'cut' ? 'pan' : 'cut' })),
  showError: (error) => set({ error }),
  showNotice: (notice) => set({ notice }),
  setBusy: (busy) => set({ busy }),
}));
