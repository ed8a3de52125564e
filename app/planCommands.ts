/**
 * Commands that edit the plan, with undo and redo, and the steps that follow a plan: writing
 * the parts, the zip, the spec and the comparison run. Edits are serialised, planned in the
 * worker first, and only then installed; a refused edit leaves the plan as it was.
 */
import type { SplitPlan } from '../src/index.ts';
import {
  EMPTY_PLAN,
  apply,
  assignNodes,
  describe,
  invert,
  isEmpty,
  toggleValue,
  type Change,
  type PlanDoc,
} from './plan/changes.ts';
import { useModelStore } from './store/model.ts';
import { usePlanStore } from './store/plan.ts';
import { useRunStore } from './store/run.ts';
import { useUiStore } from './store/ui.ts';
import { providersFor, useSettingsStore } from './store/settings.ts';
import { savePlan } from './lib/persist.ts';
import { busy, download, fail, idle, isCancel, messageOf, model } from './session.ts';

/** Bumped whenever the plan changes, so late results for an older plan are dropped. */
let generation = 0;
let queue: Promise<unknown> = Promise.resolve();

function serial<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

/** Keeps the plan of the opened file (not of a body) for the next visit. */
function persist(doc: PlanDoc): void {
  const m = useModelStore.getState();
  if (m.trail.length === 0 && m.fileName)
    savePlan({ fileName: m.fileName, byteLength: m.byteLength, doc });
}

/**
 * Plans `doc` (unless `known` is given), installs it and starts writing the parts.
 * Returns false, with the reason in the error banner, when the worker refuses the plan.
 */
export async function install(doc: PlanDoc, known?: SplitPlan | null): Promise<boolean> {
  const gen = ++generation;
  let plan: SplitPlan | null;
  try {
    if (known !== undefined) plan = known;
    else if (isEmpty(doc) && !doc.assignment) plan = null;
    else {
      const res = await model.request({ kind: 'plan', doc });
      plan = res.kind === 'planned' ? res.plan : null;
    }
  } catch (err) {
    if (gen === generation) fail(err);
    return false;
  }
  if (gen !== generation) return false;
  usePlanStore.getState().setPlan(doc, plan);
  useRunStore.getState().set({ status: 'idle', report: null, error: null });
  useUiStore.getState().showNotice(plan?.messages.join(' ') || null);
  useUiStore.getState().showError(null);
  persist(doc);
  if (plan) void exportParts(gen);
  return true;
}

/** Applies a change to the plan and records it for undo. */
export function commit(change: Change, known?: SplitPlan | null): Promise<boolean> {
  return serial(async () => {
    const { doc } = usePlanStore.getState();
    if (!(await install(apply(doc, change), known))) return false;
    const { past } = usePlanStore.getState();
    usePlanStore.getState().setHistory([...past, { change, label: describe(change) }], []);
    return true;
  });
}

export function undo(): Promise<boolean> {
  return serial(async () => {
    const { doc, past, future } = usePlanStore.getState();
    const last = past.at(-1);
    if (!last || !(await install(apply(doc, invert(last.change))))) return false;
    usePlanStore.getState().setHistory(past.slice(0, -1), [last, ...future]);
    return true;
  });
}

export function redo(): Promise<boolean> {
  return serial(async () => {
    const { doc, past, future } = usePlanStore.getState();
    const next = future[0];
    if (!next || !(await install(apply(doc, next.change)))) return false;
    usePlanStore.getState().setHistory([...past, next], future.slice(1));
    return true;
  });
}

/** Leaves an assignment plan for a cut plan when the user starts cutting edges. */
function fromCuts(doc: PlanDoc, change: Change): Change {
  if (!doc.assignment) return change;
  return { kind: 'batch', changes: [{ kind: 'replace', before: doc, after: EMPTY_PLAN }, change] };
}

/** Adds one cut set at the end (the values a drawn line crossed, or typed names). */
export function addCut(values: string[]): Promise<boolean> {
  if (values.length === 0) {
    useUiStore.getState().showNotice('The line crossed no edge; draw it across the edges to cut.');
    return Promise.resolve(false);
  }
  const { doc } = usePlanStore.getState();
  const index = doc.assignment ? 0 : doc.cuts.length;
  usePlanStore.getState().setActiveCut(index);
  return commit(fromCuts(doc, { kind: 'insertCut', index, values }));
}

/** Adds or removes a value in the active cut (a click on an edge). */
export function toggleEdge(value: string): Promise<boolean> {
  const { doc, activeCut } = usePlanStore.getState();
  const base = doc.assignment ? EMPTY_PLAN : doc;
  const change = toggleValue(base, activeCut, value);
  if (change.kind === 'insertCut') usePlanStore.getState().setActiveCut(change.index);
  return commit(fromCuts(doc, change));
}

export function removeCut(index: number): Promise<boolean> {
  const values = usePlanStore.getState().doc.cuts[index];
  return values ? commit({ kind: 'removeCut', index, values }) : Promise.resolve(false);
}

export function moveCut(from: number, to: number): Promise<boolean> {
  const n = usePlanStore.getState().doc.cuts.length;
  if (to < 0 || to >= n || from === to) return Promise.resolve(false);
  return commit({ kind: 'moveCut', from, to });
}

/** Puts the picked nodes into `part` (turning a cut plan into an assignment first). */
export function assignPicked(part: number): Promise<boolean> {
  const ids = useUiStore.getState().picked;
  const view = useModelStore.getState().view;
  if (ids.length === 0 || !view) return Promise.resolve(false);
  const { doc, plan } = usePlanStore.getState();
  return commit(assignNodes(doc, ids, part, plan?.partOf ?? null, view.nodes.length));
}

export function clearPlan(): Promise<boolean> {
  const { doc } = usePlanStore.getState();
  return commit({ kind: 'replace', before: doc, after: EMPTY_PLAN });
}

/** Writes the parts for the current plan (again, e.g. after a cancel). */
export function writeParts(): Promise<void> {
  return exportParts(generation);
}

async function exportParts(gen: number): Promise<void> {
  const { doc, setExporting, setExport } = usePlanStore.getState();
  setExporting(true);
  try {
    const { sharing } = useSettingsStore.getState();
    const res = await model.request({ kind: 'split', doc, sharing }, (message) =>
      busy('Exporting parts', message),
    );
    if (gen !== generation || res.kind !== 'split') return;
    setExport(res.files, res.manifest, res.plan);
  } catch (err) {
    if (gen !== generation) return;
    setExport(null, null);
    fail(err);
  } finally {
    if (gen === generation) usePlanStore.getState().setExporting(false);
    idle();
  }
}

/** Downloads every part, manifest.json and the spec in one .zip, built in the worker. */
export async function downloadZip(): Promise<void> {
  const { doc } = usePlanStore.getState();
  busy('Zipping', 'Writing parts…');
  try {
    const { sharing } = useSettingsStore.getState();
    const res = await model.request({ kind: 'zip', doc, sharing }, (message) =>
      busy('Zipping', message),
    );
    if (res.kind === 'zipped') download(res.name, res.bytes, 'application/zip');
  } catch (err) {
    fail(err);
  } finally {
    idle();
  }
}

/** Downloads the plan as a split spec (JSON) that the CLI replays with `--spec`. */
export async function saveSpec(): Promise<void> {
  try {
    const res = await model.request({ kind: 'spec', doc: usePlanStore.getState().doc });
    if (res.kind === 'spec') download(res.name, res.text, 'application/json');
  } catch (err) {
    fail(err);
  }
}

/** Replaces the plan with the one a spec file describes (undoable). */
export async function loadSpec(file: Blob, fileName: string): Promise<boolean> {
  try {
    const res = await model.request({ kind: 'loadSpec', text: await file.text(), fileName });
    if (res.kind !== 'specLoaded') return false;
    const { doc } = usePlanStore.getState();
    usePlanStore.getState().setActiveCut(res.doc.cuts.length);
    return await commit({ kind: 'replace', before: doc, after: res.doc }, res.plan);
  } catch (err) {
    fail(err);
    return false;
  }
}

/** Runs the original model and the chained parts on the same random inputs, in the worker. */
export async function runCompare(): Promise<void> {
  const { doc, plan } = usePlanStore.getState();
  const providers = providersFor(plan?.parts.length ?? 1);
  const run = useRunStore.getState();
  run.set({ status: 'running', report: null, error: null });
  busy('Running', 'Loading onnxruntime…');
  try {
    const { sharing } = useSettingsStore.getState();
    const res = await model.request({ kind: 'run', doc, providers, sharing }, (message) =>
      busy('Running', message),
    );
    if (res.kind === 'ran') useRunStore.getState().set({ status: 'done', report: res.report });
  } catch (err) {
    useRunStore.getState().set({ status: isCancel(err) ? 'idle' : 'error', error: messageOf(err) });
  } finally {
    idle();
  }
}

/** Bumps the generation so results for the plan in flight are dropped (used by cancel). */
export function dropPending(): void {
  generation++;
  usePlanStore.getState().setExporting(false);
}
