/**
 * Commands that open models: a file, a sample, the model kept from the last visit, and bodies
 * of control-flow nodes. Plan edits live in planCommands.ts. Components call these and read the
 * stores, nothing else.
 */
import { layoutInput } from './graph/derive.ts';
import { useModelStore, type Level } from './store/model.ts';
import { usePlanStore } from './store/plan.ts';
import { useRunStore } from './store/run.ts';
import { useUiStore } from './store/ui.ts';
import { EMPTY_PLAN, type PlanDoc } from './plan/changes.ts';
import type { DataFile } from './workers/modelProtocol.ts';
import { loadModel, loadPlan, saveModel } from './lib/persist.ts';
import { logger } from './lib/log.ts';
import { busy, fail, idle, isCancel, layout, model } from './session.ts';
import { dropPending, install } from './planCommands.ts';
import type { GraphView, NodeDetails } from '../src/index.ts';

const log = logger('commands');

/** The samples offered in the Samples menu (files under public/samples, see its LICENSE.md). */
export const SAMPLES = [
  { file: 'ultraface-rfb-320.onnx', label: 'UltraFace RFB-320 (face detector, 126 nodes)' },
  { file: 'mnist-8.onnx', label: 'MNIST-8 (CNN, 12 nodes)' },
  { file: 'light-squeezenet.onnx', label: 'SqueezeNet 1.0, light (105 nodes)' },
  { file: 'if-subgraph-opset17.onnx', label: 'If with then/else bodies (5 nodes)' },
  { file: 'hummingbird-lgbm-classifier.onnx', label: 'LightGBM classifier as tensors (110 nodes)' },
] as const;

export const DEFAULT_SAMPLE = SAMPLES[0].file;

async function laidOut(
  label: string,
  fileName: string,
  byteLength: number,
  view: GraphView,
): Promise<Level> {
  useModelStore.getState().setStatus('layout');
  busy(`Opening ${label}`, `Laying out ${view.nodes.length} nodes…`);
  const laid = await layout.layout(layoutInput(view), (message) =>
    busy(`Opening ${label}`, message),
  );
  return { label, fileName, byteLength, view, layout: laid };
}

function resetViewState(): void {
  useRunStore.getState().set({ status: 'idle', report: null, error: null });
  useUiStore.getState().select(null);
  useUiStore.getState().setPicked([]);
}

/**
 * Opens a model file. If it cannot be read, the message is shown and the model that was open
 * stays open (with its plan). `restore` is the plan to put back (after a reload).
 */
export async function openFile(
  file: Blob,
  fileName: string,
  restore?: PlanDoc,
  dataFiles?: DataFile[],
): Promise<boolean> {
  const ms = useModelStore.getState();
  const hadModel = ms.view != null;
  const before = ms.status;
  ms.setStatus('reading', fileName);
  busy(`Opening ${fileName}`);
  try {
    const res = await model.request(
      { kind: 'open', file, fileName, ...(dataFiles?.length ? { dataFiles } : {}) },
      (message, stage) => {
        if (stage === 'reading' || stage === 'parsing') useModelStore.getState().setStatus(stage);
        busy(`Opening ${fileName}`, message);
      },
    );
    if (res.kind !== 'opened') return false;
    const level = await laidOut(res.fileName, res.fileName, res.byteLength, res.view);
    dropPending();
    usePlanStore.getState().reset();
    resetViewState();
    useModelStore.getState().setModel(level);
    useUiStore.getState().showError(null);
    useUiStore.getState().showNotice(null);
    void saveModel({ fileName, blob: file });
    if (restore) await install(restore);
    else await install(EMPTY_PLAN, null);
    return true;
  } catch (err) {
    if (!isCancel(err)) log.warn('open failed', err);
    useModelStore.getState().setStatus(hadModel ? 'ready' : isCancel(err) ? before : 'error', null);
    fail(err);
    return false;
  } finally {
    idle();
  }
}

/**
 * Opens what the user picked or dropped: the `.onnx` file, with any other files as the
 * external data its weights may live in.
 */
export async function openFiles(files: File[]): Promise<boolean> {
  const models = files.filter((f) => /\.onnx$/i.test(f.name));
  if (models.length > 1) {
    const names = models.map((f) => f.name).join(', ');
    useUiStore
      .getState()
      .showError(`Open one model at a time (with its data files): got ${names}.`);
    return false;
  }
  const model = models[0] ?? files[0];
  if (!model) return false;
  const data = files.filter((f) => f !== model).map((f) => ({ name: f.name, file: f as Blob }));
  return openFile(model, model.name, undefined, data);
}

/** Fetches and opens one of the bundled samples. */
export async function openSample(file: string = DEFAULT_SAMPLE): Promise<boolean> {
  try {
    const res = await fetch(`${import.meta.env.BASE_URL}samples/${file}`);
    if (!res.ok) throw new Error(`The sample ${file} could not be loaded (HTTP ${res.status}).`);
    return await openFile(await res.blob(), file);
  } catch (err) {
    if (!useModelStore.getState().view) useModelStore.getState().setStatus('error');
    fail(err);
    return false;
  }
}

/** On start: the model and plan of the last visit, else the default sample. */
export async function openStart(): Promise<void> {
  const saved = await loadModel();
  if (saved) {
    const plan = loadPlan();
    const same = plan && plan.fileName === saved.fileName && plan.byteLength === saved.blob.size;
    if (await openFile(saved.blob, saved.fileName, same ? plan.doc : undefined)) return;
  }
  await openSample();
}

/** Shows a subgraph body of a node as a model of its own; its plan starts empty. */
export async function openBody(nodeId: number, attribute: string, index: number): Promise<void> {
  const m = useModelStore.getState();
  const node = m.view?.nodes[nodeId];
  if (!node) return;
  const label = `${node.name || `${node.opType} #${nodeId}`} › ${attribute}${index ? ` ${index}` : ''}`;
  busy(`Opening ${label}`);
  try {
    const res = await model.request({ kind: 'openBody', nodeId, attribute, index });
    if (res.kind !== 'opened') return;
    const level = await laidOut(label, res.fileName, res.byteLength, res.view);
    const parentDoc = usePlanStore.getState().doc;
    dropPending();
    useModelStore.getState().pushBody(level, parentDoc);
    usePlanStore.getState().reset();
    resetViewState();
    await install(EMPTY_PLAN, null);
  } catch (err) {
    fail(err);
  } finally {
    useModelStore.getState().setStatus('ready');
    idle();
  }
}

/** Back to an enclosing model (`depth` 0 = the file), with the plan it had. */
export async function closeBody(depth: number): Promise<void> {
  try {
    await model.request({ kind: 'closeBody', depth: depth + 1 });
  } catch (err) {
    fail(err);
    return;
  }
  const doc = useModelStore.getState().popTo(depth);
  if (!doc) return;
  dropPending();
  usePlanStore.getState().reset();
  resetViewState();
  await install(doc);
}

/** Stops the long step in progress. The open model and the plan stay. */
export async function cancel(): Promise<void> {
  dropPending();
  layout.cancel();
  idle();
  await model.cancel();
}

/** Everything about one node of the model shown, for the inspector. */
export async function fetchDetails(nodeId: number): Promise<NodeDetails | null> {
  const res = await model.request({ kind: 'details', nodeId });
  return res.kind === 'details' ? res.details : null;
}
