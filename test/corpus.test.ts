/**
 * Every corpus case onnxruntime can run is split at a middle cut and at two cuts; every part
 * loads, and the chained outputs match the original's and the reference outputs.
 */
import * as ortNode from 'onnxruntime-node';
import { afterAll, describe, expect, test } from 'vitest';
import { compareSplit, compareTensors, CutlineDocument, CutlineError } from '../src/index.js';
import type { OrtTensor, SplitResult } from '../src/index.js';
import { corpus, runnable, type CorpusCase } from './corpus.js';
import { openCase, ort } from './split-harness.js';
const summary: string[] = [];

/** Cuts at the outputs of nodes at these fractions of the topological order, moving on when a value is not a tensor. */
async function splitAt(
  doc: CutlineDocument,
  fractions: number[],
  ext: { path: string; data: Uint8Array }[] | undefined,
) {
  // Cut where a person would: at values computed from the inputs (a cut at a constant changes
  // nothing, as constants are copied into each part that reads them).
  const live = doc.view.order.filter((id) => !doc.graph.constant[id]);
  const order = live.length > 0 ? live : doc.view.order;
  let lastError: unknown;
  for (let shift = 0; shift < Math.min(order.length, 8); shift++) {
    const cuts = fractions.map((f) => {
      const pos = Math.min(order.length - 1, Math.floor((order.length - 1) * f) + shift);
      return [doc.view.nodes[order[pos]!]!.outputs[0]!];
    });
    try {
      const result = await doc.split(cuts, ort, ext);
      // A sequence between parts cannot be chained through the JavaScript API: cut elsewhere.
      const sequence = result.manifest.parts.some((p) =>
        p.inputs.some((v) => v.from !== 'model' && v.dtype.startsWith('sequence(')),
      );
      if (!sequence) return { cuts, result };
      lastError = new Error(`every cut tried passes a sequence between parts`);
      continue;
    } catch (e) {
      if (!(e instanceof CutlineError) || e.code !== 'type-unknown') throw e;
      lastError = e;
    }
  }
  throw lastError;
}

const cases = corpus.cases.filter(runnable);

describe('corpus: split and chain', () => {
  test.each(cases.map((c) => [c.id, c] as [string, CorpusCase]))('%s', async (_id, c) => {
    const { bytes, doc, ext, inputs, references } = openCase(c);
    for (const fractions of [[0.5], [1 / 3, 2 / 3]]) {
      const { cuts, result } = await splitAt(doc, fractions, ext);
      const files = new Map(result.files.map((f) => [f.name, f.bytes]));
      for (const part of result.manifest.parts) {
        const session = await ortNode.InferenceSession.create(
          files.get(part.file)!,
          ext ? { externalData: ext } : {},
        );
        await session.release();
      }
      const collected = new Map<string, OrtTensor>();
      const report = await compareSplit(ort, bytes, result.manifest, files, {
        inputs,
        externalData: ext,
        collect: collected,
      });
      let reference = 'no reference data';
      if (references) {
        const refs = [...references].map(([name, exp]) =>
          compareTensors(name, exp, collected.get(name)!),
        );
        reference = refs.map((r) => r.verdict).join(',');
        for (const r of refs)
          expect(
            r.verdict,
            `${c.id} ${r.name} vs reference: ${r.note ?? ''} abs ${r.maxAbsDiff}`,
          ).not.toBe('DIFFERENT');
      }
      summary.push(
        `${c.id.padEnd(72)} cuts ${JSON.stringify(cuts)} → ${result.manifest.parts.length} parts; ` +
          `vs original: ${report.outputs.map((o) => o.verdict).join(',')}; vs reference: ${reference}`,
      );
      for (const o of report.outputs)
        expect(o.verdict, `${c.id} ${o.name}: ${o.note ?? ''}`).not.toBe('DIFFERENT');
      checkManifest(result);
    }
  });
});

function checkManifest(result: SplitResult): void {
  for (const p of result.manifest.parts) {
    for (const v of [...p.inputs, ...p.outputs])
      expect(v.dtype, `${p.file} ${v.name}`).not.toBe('unknown');
  }
}

afterAll(() => {
  process.stdout.write(
    `\ncorpus split results (${summary.length} splits of ${cases.length} cases):\n${summary.join('\n')}\n`,
  );
});
