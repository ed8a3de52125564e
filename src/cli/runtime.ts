/** onnxruntime for the CLI: the native CPU build, or the WebAssembly build the browser uses. */
import { asOrt, type OrtLike } from '../run/ort.js';

export async function loadRuntime(kind: 'node' | 'wasm'): Promise<OrtLike> {
  if (kind === 'wasm') {
    const web = await import('onnxruntime-web');
    // One thread keeps Node's worker pool out of the way of a short command.
    web.env.wasm.numThreads = 1;
    return asOrt(web);
  }
  return asOrt(await import('onnxruntime-node'));
}
