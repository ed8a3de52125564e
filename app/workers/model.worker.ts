/// <reference lib="webworker" />
/**
 * Model worker: holds the open CutlineDocument (and the bodies opened inside it) and does
 * everything that touches bytes — parse, plan, split, zip, spec and the comparison run
 * (onnxruntime-web, loaded lazily).
 */
import {
  CutlineDocument,
  CutlineError,
  compareSplit,
  externalLocations,
  parseSpec,
} from '../../src/index.ts';
import type { ExternalDataFile, SplitResult, WeightSharing } from '../../src/index.ts';
import { lazyOrt } from '../../src/run/ort.ts';
import type { PlanDoc } from '../plan/changes.ts';
import type { ModelRequest, ModelResponse, ModelStage } from './modelProtocol.ts';
import { loadOrt } from './ort.ts';
import { zipFiles } from './zip.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** The opened file first, then each body opened inside the one before. */
let stack: CutlineDocument[] = [];
/** External data files opened with the model, by the location its weights name. */
let external: ExternalDataFile[] = [];
/** The last split, kept so a zip right after it costs no second export. */
let lastSplit: { key: string; doc: CutlineDocument; result: SplitResult } | null = null;

function post(msg: ModelResponse, transfer: Transferable[] = []): void {
  scope.postMessage(msg, transfer);
}

function progress(id: number, stage: ModelStage, message: string): void {
  post({ id, kind: 'progress', stage, message });
}

/** A copy that owns its whole buffer, so transferring it cannot detach the document's bytes. */
function ownBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

function current(): CutlineDocument {
  const d = stack.at(-1);
  if (!d)
    throw Object.assign(new Error('No model is open. Open an .onnx file first.'), {
      code: 'no-model',
    });
  return d;
}

function planOf(d: CutlineDocument, doc: PlanDoc) {
  if (doc.assignment) return d.planAssignment(doc.assignment);
  return doc.cuts.length > 0 ? d.plan(doc.cuts) : null;
}

async function split(
  id: number,
  doc: PlanDoc,
  sharing: WeightSharing = 'copy',
): Promise<SplitResult> {
  const d = current();
  const key = JSON.stringify({ doc, sharing });
  if (lastSplit && lastSplit.key === key && lastSplit.doc === d) return lastSplit.result;
  const plan = planOf(d, doc);
  if (!plan)
    throw Object.assign(
      new Error('The plan splits nothing yet: cut an edge or assign nodes to a second part.'),
      { code: 'empty-plan' },
    );
  progress(id, 'exporting', 'Writing parts…');
  // onnxruntime loads only if a type must be asked of it.
  const ort = lazyOrt(loadOrt);
  const ext = dataFor(stack[0]!, false);
  const result = doc.assignment
    ? await d.splitPlan(plan, ort, ext, [], { sharing })
    : await d.split(doc.cuts, ort, ext, { sharing });
  lastSplit = { key, doc: d, result };
  return result;
}

/** The external data the opened file needs, or undefined when it keeps its weights inside. */
function dataFor(d: CutlineDocument, required = true): ExternalDataFile[] | undefined {
  const needed = externalLocations(d.model);
  if (needed.length === 0) return undefined;
  const missing = needed.filter((loc) => !external.some((e) => e.path === loc));
  // Writing parts only refers to the data files; running needs their bytes.
  if (missing.length > 0 && !required) return undefined;
  if (missing.length > 0) {
    throw new CutlineError(
      'bad-input',
      `${d.fileName} keeps its weights in ${missing.map((m) => `"${m}"`).join(', ')}: ` +
        'open the model together with that file (select both, or drop both at once).',
    );
  }
  return external;
}

function specName(d: CutlineDocument): string {
  return `${d.fileName.replace(/\.onnx$/i, '')}.spec.json`;
}

async function specText(doc: PlanDoc): Promise<string> {
  const d = current();
  const spec = await d.toSpec(doc.assignment ? { assignment: doc.assignment } : { cuts: doc.cuts });
  return `${JSON.stringify(spec, null, 2)}\n`;
}

async function handle(req: ModelRequest): Promise<void> {
  switch (req.kind) {
    case 'open': {
      progress(req.id, 'reading', `Reading ${req.fileName}…`);
      const bytes = new Uint8Array(await req.file.arrayBuffer());
      progress(req.id, 'parsing', `Parsing ${req.fileName}…`);
      const next = CutlineDocument.open(bytes, req.fileName);
      const data = await Promise.all(
        (req.dataFiles ?? []).map(async (f) => ({
          path: f.name,
          data: new Uint8Array(await f.file.arrayBuffer()),
        })),
      );
      stack = [next]; // only replace the open model once the new one parsed
      external = data;
      post({
        id: req.id,
        kind: 'opened',
        fileName: req.fileName,
        byteLength: bytes.byteLength,
        view: next.view,
      });
      return;
    }
    case 'openBody': {
      const body = current().openBody(req.nodeId, req.attribute, req.index);
      stack.push(body);
      post({
        id: req.id,
        kind: 'opened',
        fileName: body.fileName,
        byteLength: body.bytes.byteLength,
        view: body.view,
      });
      return;
    }
    case 'closeBody':
      stack = stack.slice(0, Math.max(1, req.depth));
      post({ id: req.id, kind: 'closed', depth: stack.length });
      return;
    case 'details':
      post({ id: req.id, kind: 'details', details: current().nodeDetails(req.nodeId) });
      return;
    case 'plan':
      post({ id: req.id, kind: 'planned', plan: planOf(current(), req.doc) });
      return;
    case 'split': {
      const { plan, files, manifest } = await split(req.id, req.doc, req.sharing);
      const owned = files.map((f) => ({ name: f.name, bytes: ownBuffer(f.bytes) }));
      post(
        { id: req.id, kind: 'split', plan, files: owned, manifest },
        owned.map((f) => f.bytes.buffer),
      );
      return;
    }
    case 'spec':
      post({ id: req.id, kind: 'spec', name: specName(current()), text: await specText(req.doc) });
      return;
    case 'loadSpec': {
      const d = current();
      const spec = parseSpec(req.text, req.fileName);
      const plan = d.planSpec(spec);
      const doc: PlanDoc =
        spec.cuts && spec.cuts.length > 0
          ? { cuts: spec.cuts, assignment: null }
          : { cuts: [], assignment: plan.partOf };
      post({ id: req.id, kind: 'specLoaded', doc, plan });
      return;
    }
    case 'zip': {
      const { files } = await split(req.id, req.doc, req.sharing);
      const d = current();
      const spec = { name: specName(d), bytes: new TextEncoder().encode(await specText(req.doc)) };
      // Parts refer to the external data files of the source by name: they travel with them.
      const data = stack.length === 1 ? (dataFor(d, false) ?? []) : [];
      const all = [...files, spec, ...data.map((e) => ({ name: e.path, bytes: e.data }))];
      const bytes = await zipFiles(all, (done, name) =>
        progress(req.id, 'zipping', `Zipping ${name} (${done + 1}/${all.length})…`),
      );
      const name = `${d.fileName.replace(/\.onnx$/i, '')}.parts.zip`;
      post({ id: req.id, kind: 'zipped', name, bytes }, [bytes.buffer]);
      return;
    }
    case 'run': {
      const { files, manifest } = await split(req.id, req.doc, req.sharing);
      const ort = await loadOrt();
      const parts = new Map(files.map((f) => [f.name, f.bytes] as const));
      progress(req.id, 'running', 'Running the original and the parts…');
      const ext = dataFor(stack[0]!);
      const report = await compareSplit(ort, current().bytes, manifest, parts, {
        providers: req.providers,
        ...(ext ? { externalData: ext } : {}),
        onProgress: (message) => progress(req.id, 'running', message),
      });
      post({ id: req.id, kind: 'ran', report });
      return;
    }
  }
}

scope.onmessage = async (ev: MessageEvent<ModelRequest>) => {
  const req = ev.data;
  try {
    await handle(req);
  } catch (err) {
    const code = (err as { code?: unknown })?.code;
    const message = err instanceof Error ? err.message : String(err);
    post({
      id: req.id,
      kind: 'error',
      code: typeof code === 'string' ? code : 'internal',
      message,
    });
  }
};
