/**
 * User actions as named commands. Each talks to the workers and writes the stores; components
 * call these and read the stores, nothing else.
 */
import { LayoutClient, ModelClient } from './workers/client.ts';
import { layoutInput } from './graph/derive.ts';
import { useModelStore } from './store/model.ts';
import { usePlanStore } from './store/plan.ts';
import { useRunStore } from './store/run.ts';
import { useUiStore } from './store/ui.ts';
import { logger } from './lib/log.ts';

const log = logger('commands');
const model = new ModelClient();
const layout = new LayoutClient();
/** Bumped whenever the cuts change, so late export results for old cuts are dropped. */
let planGeneration = 0;

export const SAMPLE_URL = `${import.meta.env.BASE_URL}samples/ultraface-rfb-320.onnx`;

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isCancel(err: unknown): boolean {
  return (err as { code?: string })?.code === 'cancelled';
}

function busy(label: string, message = '') {
  useUiStore.getState().setBusy({ label, message });
}

function idle() {
  useUiStore.getState().setBusy(null);
}

/**
 * Opens a model file. If it cannot be read, the message is shown and the model that was open
 * stays open.
 */
export async function openFile(file: Blob, fileName: string): Promise<void> {
  const ms = useModelStore.getState();
  const hadModel = ms.view != null;
  const before = ms.status;
  ms.setStatus('reading', fileName);
  busy(`Opening ${fileName}`);
  try {
    const res = await model.request({ kind: 'open', file, fileName }, (message, stage) => {
      if (stage === 'reading' || stage === 'parsing') useModelStore.getState().setStatus(stage);
      busy(`Opening ${fileName}`, message);
    });
    if (res.kind !== 'opened') return;
    useModelStore.getState().setStatus('layout');
    busy(`Opening ${fileName}`, `Laying out ${res.view.nodes.length} nodes…`);
    const input = layoutInput(res.view);
    const laid = await layout.layout(input, (message) => busy(`Opening ${fileName}`, message));
    usePlanStore.getState().reset();
    useRunStore.getState().set({ status: 'idle', report: null, error: null });
    useModelStore.getState().setModel({ fileName: res.fileName, byteLength: res.byteLength, view: res.view, layout: laid });
    useUiStore.getState().showError(null);
    useUiStore.getState().showNotice(null);
    planGeneration++;
  } catch (err) {
    if (!isCancel(err)) log.warn('open failed', err);
    useModelStore.getState().setStatus(hadModel ? 'ready' : isCancel(err) ? before : 'error', null);
    if (!isCancel(err)) useUiStore.getState().showError(messageOf(err));
  } finally {
    idle();
  }
}

/** Fetches and opens the bundled sample model. */
export async function openSample(): Promise<void> {
  try {
    const res = await fetch(SAMPLE_URL);
    if (!res.ok) throw new Error(`The sample model could not be loaded (HTTP ${res.status}).`);
    await openFile(await res.blob(), 'ultraface-rfb-320.onnx');
  } catch (err) {
    useModelStore.getState().setStatus('error');
    useUiStore.getState().showError(messageOf(err));
  }
}

/** Replaces the cut list, re-plans, and writes the parts in the background. */
export async function setCuts(cuts: string[][]): Promise<void> {
  const gen = ++planGeneration;
  const plan = usePlanStore.getState();
  if (cuts.length === 0) {
    plan.reset();
    useRunStore.getState().set({ status: 'idle', report: null, error: null });
    return;
  }
  try {
    const res = await model.request({ kind: 'plan', cuts });
    if (gen !== planGeneration || res.kind !== 'planned') return;
    usePlanStore.getState().setPlan(cuts, res.plan);
    useRunStore.getState().set({ status: 'idle', report: null, error: null });
    useUiStore.getState().showNotice(res.plan.messages.join(' ') || null);
    useUiStore.getState().showError(null);
  } catch (err) {
    if (!isCancel(err)) useUiStore.getState().showError(messageOf(err));
    return;
  }
  await exportParts(gen);
}

/** Writes the parts for the current cuts (again, e.g. after a cancel). */
export function writeParts(): Promise<void> {
  return exportParts(planGeneration);
}

async function exportParts(gen: number): Promise<void> {
  const { cuts, setExporting, setExport } = usePlanStore.getState();
  setExporting(true);
  try {
    const res = await model.request({ kind: 'split', cuts }, (message) => busy('Exporting parts', message));
    if (gen !== planGeneration || res.kind !== 'split') return;
    setExport(res.files, res.manifest, res.plan);
  } catch (err) {
    if (gen !== planGeneration) return;
    setExport(null, null);
    if (!isCancel(err)) useUiStore.getState().showError(messageOf(err));
  } finally {
    if (gen === planGeneration) usePlanStore.getState().setExporting(false);
    idle();
  }
}

/** Adds one cut set (the values a drawn line crossed). */
export function addCut(values: string[]): Promise<void> {
  if (values.length === 0) {
    useUiStore.getState().showNotice('The line crossed no edge; draw it across the edges to cut.');
    return Promise.resolve();
  }
  return setCuts([...usePlanStore.getState().cuts, values]);
}

export function removeCut(index: number): Promise<void> {
  return setCuts(usePlanStore.getState().cuts.filter((_, i) => i !== index));
}

/** Runs the original model and the chained parts on the same random inputs, in the worker. */
export async function runCompare(): Promise<void> {
  const { cuts } = usePlanStore.getState();
  const run = useRunStore.getState();
  run.set({ status: 'running', report: null, error: null });
  busy('Running', 'Loading onnxruntime…');
  try {
    const res = await model.request({ kind: 'run', cuts }, (message) => busy('Running', message));
    if (res.kind === 'ran') useRunStore.getState().set({ status: 'done', report: res.report });
  } catch (err) {
    useRunStore.getState().set({ status: isCancel(err) ? 'idle' : 'error', error: messageOf(err) });
  } finally {
    idle();
  }
}

/** Stops the long step in progress. The open model stays open. */
export async function cancel(): Promise<void> {
  planGeneration++;
  layout.cancel();
  usePlanStore.getState().setExporting(false);
  idle();
  await model.cancel();
}

/** Saves bytes as a file through a temporary object URL. */
export function download(name: string, bytes: Uint8Array | string, type = 'application/octet-stream') {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
