import { create } from 'zustand';
import type { ExportedFile, Manifest, SplitPlan } from '../../src/types.ts';

export interface PlanState {
  /** Cut sets in order; each is a list of value names. */
  cuts: string[][];
  plan: SplitPlan | null;
  /** Exported parts and manifest.json for the current cuts, once written. */
  files: ExportedFile[] | null;
  manifest: Manifest | null;
  exporting: boolean;
  setPlan: (cuts: string[][], plan: SplitPlan | null) => void;
  /** Stores the written files; `plan` (when given) is the split's plan with resolved types. */
  setExport: (files: ExportedFile[] | null, manifest: Manifest | null, plan?: SplitPlan) => void;
  setExporting: (b: boolean) => void;
  reset: () => void;
}

export const usePlanStore = create<PlanState>()((set) => ({
  cuts: [],
  plan: null,
  files: null,
  manifest: null,
  exporting: false,
  setPlan: (cuts, plan) => set({ cuts, plan, files: null, manifest: null }),
  setExport: (files, manifest, plan) => set((s) => ({ files, manifest, exporting: false, plan: plan ?? s.plan })),
  setExporting: (exporting) => set({ exporting }),
  reset: () => set({ cuts: [], plan: null, files: null, manifest: null, exporting: false }),
}));
