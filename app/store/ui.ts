import { create } from 'zustand';

/** pan: drag pans, click inspects; select: drag draws a selection box; cut: drag cuts, click toggles. */
export type Tool = 'pan' | 'select' | 'cut';

export type Selection = { kind: 'node'; id: number } | { kind: 'value'; name: string } | null;

export interface UiState {
  tool: Tool;
  /** One user-facing sentence, shown in the error banner until dismissed. */
  error: string | null;
  /** Messages that are not errors (e.g. empty parts dropped). */
  notice: string | null;
  /** The long step in progress, if any, with its latest message. */
  busy: { label: string; message: string } | null;
  /** What the inspector shows. */
  selection: Selection;
  /** Node ids picked with the selection box, for assigning to a part. */
  picked: number[];
  /** A request to centre the canvas on something; `seq` makes repeats distinct. */
  focus: { selection: NonNullable<Selection>; seq: number } | null;
  helpOpen: boolean;
  /** Which side-panel tab is shown. */
  tab: 'inspect' | 'plan';
  setTab: (tab: 'inspect' | 'plan') => void;
  setTool: (tool: Tool) => void;
  showError: (message: string | null) => void;
  showNotice: (message: string | null) => void;
  setBusy: (busy: UiState['busy']) => void;
  select: (s: Selection) => void;
  setPicked: (ids: number[]) => void;
  focusOn: (s: NonNullable<Selection>) => void;
  setHelp: (open: boolean) => void;
}

export const useUiStore = create<UiState>()((set) => ({
  tool: 'pan',
  error: null,
  notice: null,
  busy: null,
  selection: null,
  picked: [],
  focus: null,
  helpOpen: false,
  tab: 'plan',
  setTab: (tab) => set({ tab }),
  setTool: (tool) => set({ tool }),
  showError: (error) => set({ error }),
  showNotice: (notice) => set({ notice }),
  setBusy: (busy) => set({ busy }),
  select: (selection) => set((s) => ({ selection, tab: selection ? 'inspect' : s.tab })),
  setPicked: (picked) => set({ picked }),
  focusOn: (selection) =>
    set((s) => ({ selection, tab: 'inspect', focus: { selection, seq: (s.focus?.seq ?? 0) + 1 } })),
  setHelp: (helpOpen) => set({ helpOpen }),
}));
