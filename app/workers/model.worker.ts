/// <reference lib="webworker" />
/**
 * Model worker: holds the open CutlineDocument and does everything that touches its bytes —
 * parse, plan, split/export and the comparison run (onnxruntime-web, loaded lazily).
 */
import { CutlineDocument, compareSplit } from '../../src/index.ts';
import type { ModelRequest, ModelResponse, ModelStage } from './modelProtocol.ts';
import { loadOrt } from './ort.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let doc: CutlineDocument | null = null;

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

function requireDoc(): CutlineDocument {
  if (!doc) throw Object.assign(new Error('No model is open. Open an .onnx file first.'), { code: 'no-model' });
  return doc;
}

async function handle(req: ModelRequest): Promise<void> {
  switch (req.kind) {
    case 'open': {
      progress(req.id, 'reading', `Reading ${req.fileName}…`);
      const bytes = new Uint8Array(await req.file.arrayBuffer());
      progress(req.id, 'parsing', `Parsing ${req.fileName}…`);
      const next = CutlineDocument.open(bytes, req.fileName);
      doc = next; // only replace the open model once the new one parsed
      post({ id: req.id, kind: 'opened', fileName: req.fileName, byteLength: bytes.byteLength, view: next.view });
      return;
    }
    case 'plan': {
      post({ id: req.id, kind: 'planned', plan: requireDoc().plan(req.cuts) });
      return;
    }
    case 'split': {
      const d = requireDoc();
      progress(req.id, 'exporting', 'Writing parts…');
      const ort = await loadOrt();
      const { plan, files, manifest } = await d.split(req.cuts, ort);
      const owned = files.map((f) => ({ name: f.name, bytes: ownBuffer(f.bytes) }));
      post({ id: req.id, kind: 'split', plan, files: owned, manifest }, owned.map((f) => f.bytes.buffer));
      return;
    }
    case 'run': {
      const d = requireDoc();
      progress(req.id, 'exporting', 'Writing parts…');
      const ort = await loadOrt();
      const { files, manifest } = await d.split(req.cuts, ort);
      const parts = new Map(files.map((f) => [f.name, f.bytes] as const));
      progress(req.id, 'running', 'Running the original and the parts…');
      const report = await compareSplit(ort, d.bytes, manifest, parts, {
        providers: ['wasm'],
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
    post({ id: req.id, kind: 'error', code: typeof code === 'string' ? code : 'internal', message });
  }
};
