/**
 * Inferred types against onnxruntime's own inference: for every runnable corpus model, each
 * value Cutline types by inference must agree with onnxruntime on element type, and on every
 * dimension both know.
 */
import * as ortNode from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { indexGraph, readModel } from '../src/index.js';
import { elemTypeOf } from '../src/onnx/dtype.js';
import { writePart } from '../src/split/export.js';
import { corpus, modelPath, runnable, type CorpusCase } from './corpus.js';

const totals = { values: 0, typed: 0, shaped: 0, dims: 0 };

describe('type and shape inference agrees with onnxruntime', () => {
  const cases = corpus.cases
    .filter(runnable)
    .filter((c) => !c.features.some((f) => f.includes('external-data')));
  test.each(cases.map((c) => [c.id, c] as [string, CorpusCase]))('%s', async (_id, c) => {
    const model = readModel(new Uint8Array(readFileSync(modelPath(c))));
    const graph = indexGraph(model);
    const declared = new Set(
      [...model.graph.valueInfo, ...model.graph.inputs, ...model.graph.outputs]
        .filter((v) => v.proto.type?.tensorType?.elemType)
        .map((v) => v.proto.name),
    );
    const inferred = [...graph.producer.keys()].filter(
      (v) => !declared.has(v) && graph.types.get(v)?.elemType,
    );
    totals.values += graph.producer.size;
    if (inferred.length === 0) return;
    const probe = writePart(
      graph,
      {
        id: 0,
        nodeIds: graph.order,
        inputs: graph.modelInputs,
        outputs: [
          ...graph.modelOutputs,
          ...inferred.filter((v) => !graph.modelOutputs.includes(v)),
        ],
        initializers: [...graph.initializers.keys(), ...graph.sparseInitializers],
      },
      graph.types,
      { allowUntyped: true, keepGraphName: true, bareOutputs: new Set(inferred) },
    );
    const session = await ortNode.InferenceSession.create(probe);
    for (const meta of session.outputMetadata) {
      if (!inferred.includes(meta.name) || !meta.isTensor) continue;
      const ours = graph.types.get(meta.name)!;
      totals.typed++;
      expect(ours.elemType, `${meta.name} element type`).toBe(elemTypeOf(meta.type as string));
      if (ours.shape && meta.shape.length > 0) {
        totals.shaped++;
        expect(
          ours.shape.length,
          `${meta.name} rank: ours ${JSON.stringify(ours.shape)} ort ${JSON.stringify(meta.shape)}`,
        ).toBe(meta.shape.length);
        ours.shape.forEach((d, i) => {
          const theirs = meta.shape[i];
          if (typeof d === 'number' && typeof theirs === 'number' && theirs >= 0) {
            totals.dims++;
            expect(
              d,
              `${meta.name} dim ${i}: ours ${JSON.stringify(ours.shape)} ort ${JSON.stringify(meta.shape)}`,
            ).toBe(theirs);
          }
        });
      }
    }
    await session.release();
  });
});

afterAll(() => {
  process.stdout.write(
    `\ninference vs onnxruntime: ${totals.values} node outputs, ${totals.typed} typed by inference and checked, ` +
      `${totals.shaped} with shapes checked, ${totals.dims} numeric dims agreed\n`,
  );
});
