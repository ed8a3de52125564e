import { create } from 'zustand';
import type { GraphView } from '../../src/types.ts';
import type { LayoutResult } from '../workers/layoutProtocol.ts';

/** Explicit load state; see LoadStatus for how each is shown. */
export type LoadStatus = 'idle' | 'reading' | 'parsing' | 'layout' | 'ready' | 'error';

export interface ModelState {
  status: LoadStatus;
  /** The file being loaded (while not ready) or open (when ready). */
  loadingName: string | null;
  fileName: string | null;
  byteLength: number;
  view: GraphView | null;
  layout: LayoutResult | null;
  setStatus: (status: LoadStatus, loadingName?: string | null) => void;
  /** Installs a newly opened and laid-out model. */
  setModel: (m: { fileName: string; byteLength: number; view: GraphView; layout: LayoutResult }) => void;
}

export const useModelStore = create<ModelState>()((set) => ({
  status: 'idle',
  loadingName: null,
  fileName: null,
  byteLength: 0,
  view: null,
  layout: null,
  setStatus: (status, loadingName) => set((s) => ({ status, loadingName: loadingName ?? s.loadingName })),
  setModel: (m) => set({ ...m, status: 'ready', loadingName: null }),
}));
