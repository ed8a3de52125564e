import { defineConfig } from 'vitest/config';

// Unit and corpus tests run in Node against the real onnxruntime-node and the shared corpus.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'app/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
