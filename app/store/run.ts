import { create } from 'zustand';
import type { CompareReport } from '../../src/types.ts';

export interface RunState {
  status: 'idle' | 'running' | 'done' | 'error';
  report: CompareReport | null;
  error: string | null;
  set: (s: Partial<Omit<RunState, 'set'>>) => void;
}

export const useRunStore = create<RunState>()((set) => ({
  status: 'idle',
  report: null,
  error: null,
  set: (s) => set(s),
}));
