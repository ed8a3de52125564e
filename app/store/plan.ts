import { create } from 'zustand';
import type { ExportedFile, Manifest, SplitPlan } from '../../src/types.ts';
import { EMPTY_PLAN, type Change, type PlanDoc } from '../plan/changes.ts';

export interface HistoryEntry {
  change: Change;
  label: string;
}

export interface PlanState {
  /** The user's plan: cut sets or a node assignment. */
  doc: PlanDoc;
  /** The core's plan for `doc` (null when `doc` splits nothing). */
  plan: SplitPlan | null;
  /** Exported parts and manifest.json for the current plan, once written. */
  files: ExportedFile[] | null;
  manifest: Manifest | null;
  exporting: boolean;
  /** Changes that can be undone (oldest first) and redone (next first). */
  past: HistoryEntry[];
  future: HistoryEntry[];
  /** Index of the cut that clicks on edges edit (past the end: the next click starts a cut). */
  activeCut: number;
  setPlan: (doc: PlanDoc, plan: SplitPlan | null) => void;
  /** Stores the written files; `plan` (when given) is the split's plan with resolved types. */
  setExport: (files: ExportedFile[] | null, manifest: Manifest | null, plan?: SplitPlan) => void;
  setExporting: (b: boolean) => void;
  setHistory: (past: HistoryEntry[], future: HistoryEntry[]) => void;
  setActiveCut: (i: number) => void;
  /** Forgets the plan and its history (a new model or body was opened). */
  reset: (doc?: PlanDoc) => void;
}

export const usePlanStore = create<PlanState>()((set) => ({
  doc: EMPTY_PLAN,
  plan: null,
  files: null,
  manifest: null,
  exporting: false,
  past: [],
  future: [],
  activeCut: 0,
  setPlan: (doc, plan) =>
    set((s) => ({
      doc,
      plan,
      files: null,
      manifest: null,
      activeCut: Math.min(s.activeCut, doc.cuts.length),
    })),
  setExport: (files, manifest, plan) =>
    set((s) => ({ files, manifest, exporting: false, plan: plan ?? s.plan })),
  setExporting: (exporting) => set({ exporting }),
  setHistory: (past, future) => set({ past, future }),
  setActiveCut: (activeCut) => set({ activeCut }),
  reset: (doc = EMPTY_PLAN) =>
    set({
      doc,
      plan: null,
      files: null,
      manifest: null,
      exporting: false,
      past: [],
      future: [],
      activeCut: 0,
    }),
}));
