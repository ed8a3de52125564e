/**
 * Loads onnxruntime-web on first use and points it at the WASM files this app serves itself.
 * Both the .mjs glue and the .wasm are set: with only the .wasm set, threaded sessions hang.
 *
 * Which pair: in 1.31 the package's default import (`dist/ort.bundle.min.mjs`) registers the
 * 'wasm', 'webgpu' and 'webnn' backends and loads `ort-wasm-simd-threaded.jsep.{mjs,wasm}`, the
 * JSEP build that runs both the WASM (CPU) and the WebGPU execution providers. The `./webgpu`
 * export would instead want the `.asyncify` pair; the plain pair has no WebGPU at all. So a part
 * placed on WebGPU and one on WASM share this one runtime.
 */
import wasmMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.mjs?url';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';

type Ort = typeof import('onnxruntime-web');

let loading: Promise<Ort> | null = null;

/** The onnxruntime-web module, configured once. */
export function loadOrt(): Promise<Ort> {
  loading ??= import('onnxruntime-web').then((ort) => {
    const base = self.location.href;
    ort.env.wasm.wasmPaths = {
      mjs: new URL(wasmMjsUrl, base).href,
      wasm: new URL(wasmUrl, base).href,
    };
    const isolated = (self as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
    ort.env.wasm.numThreads = isolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
    return ort;
  });
  return loading;
}
