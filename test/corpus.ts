/** The shared corpus (../shared/corpus): its cases, files and reference data. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/corpus');

export interface CorpusCase {
  id: string;
  nodes: number;
  ort: string;
  features: string[];
}

interface CorpusManifest {
  cases: CorpusCase[];
  files: { path: string }[];
}

export const corpus: CorpusManifest = JSON.parse(
  readFileSync(join(CORPUS, 'manifest.json'), 'utf8'),
);

/** The model file of a case (most are model.onnx; some carry their own name). */
export function modelPath(c: CorpusCase): string {
  const file = corpus.files.find((f) => f.path.startsWith(`${c.id}/`) && f.path.endsWith('.onnx'));
  if (!file) throw new Error(`no .onnx file listed for ${c.id}`);
  return join(CORPUS, file.path);
}

/** Every .onnx file in the corpus. */
export function allModelFiles(): string[] {
  return corpus.files.filter((f) => f.path.endsWith('.onnx')).map((f) => join(CORPUS, f.path));
}

/** Cases whose inputs and outputs onnxruntime's JavaScript API can feed and read. */
export function runnable(c: CorpusCase): boolean {
  return (
    c.ort.startsWith('loads; outputs match reference') ||
    c.ort.startsWith('loads; no reference data')
  );
}

/** Reference data sets: sorted input and output .pb paths. */
export function dataSets(c: CorpusCase): { inputs: string[]; outputs: string[] }[] {
  const dir = dirname(modelPath(c));
  return readdirSync(dir)
    .filter((d) => d.startsWith('test_data_set_') && existsSync(join(dir, d)))
    .sort()
    .map((d) => {
      const files = readdirSync(join(dir, d));
      const pick = (prefix: string) =>
        files
          .filter((f) => f.startsWith(prefix) && f.endsWith('.pb'))
          .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]))
          .map((f) => join(dir, d, f));
      return { inputs: pick('input_'), outputs: pick('output_') };
    });
}
