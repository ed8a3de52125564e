import { create } from 'zustand';
import type { GraphView } from '../../src/index.ts';
import type { LayoutResult } from '../workers/layoutProtocol.ts';
import type { PlanDoc } from '../plan/changes.ts';

/** Explicit load state; see LoadStatus for how each is shown. */
export type LoadStatus = 'idle' | 'reading' | 'parsing' | 'layout' | 'ready' | 'error';

/** A model shown on the canvas: the opened file, or a body opened inside it. */
export interface Level {
  /** Breadcrumb text: the file name, or "If_0 › then_branch". */
  label: string;
  fileName: string;
  byteLength: number;
  view: GraphView;
  layout: LayoutResult;
}

export interface ModelState {
  status: LoadStatus;
  /** The file being loaded (while not ready) or open (when ready). */
  loadingName: string | null;
  fileName: string | null;
  byteLength: number;
  view: GraphView | null;
  layout: LayoutResult | null;
  /** Breadcrumb text of the model shown. */
  label: string;
  /** Enclosing models when a body is shown (outermost first), each with the plan it had. */
  trail: (Level & { doc: PlanDoc })[];
  setStatus: (status: LoadStatus, loadingName?: string | null) => void;
  /** Installs a newly opened and laid-out model, replacing the trail. */
  setModel: (m: Level) => void;
  /** Shows a body; the model shown so far (with its plan) goes onto the trail. */
  pushBody: (body: Level, parentDoc: PlanDoc) => void;
  /** Back to the level at `depth` (0 = the file); returns the plan that level had. */
  popTo: (depth: number) => PlanDoc | null;
}

export const useModelStore = create<ModelState>()((set, get) => ({
  status: 'idle',
  loadingName: null,
  fileName: null,
  byteLength: 0,
  view: null,
  layout: null,
  label: '',
  trail: [],
  setStatus: (status, loadingName) =>
    set((s) => ({ status, loadingName: loadingName ?? s.loadingName })),
  setModel: (m) => set({ ...m, status: 'ready', loadingName: null, trail: [] }),
  pushBody: (body, parentDoc) =>
    set((s) => ({
      ...body,
      trail: [
        ...s.trail,
        {
          label: s.label,
          fileName: s.fileName!,
          byteLength: s.byteLength,
          view: s.view!,
          layout: s.layout!,
          doc: parentDoc,
        },
      ],
    })),
  popTo: (depth) => {
    const { trail } = get();
    const level = trail[depth];
    if (!level) return null;
    const { doc, ...shown } = level;
    set({ ...shown, trail: trail.slice(0, depth) });
    return doc;
  },
}));
