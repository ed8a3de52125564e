import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** onnxruntime-web's threaded WASM needs SharedArrayBuffer, which needs cross-origin isolation. */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  // Pre-bundling onnxruntime-web rewrites its dynamic import of the WASM glue; serve it as is.
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 2048 },
});
