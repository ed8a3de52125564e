/**
 * The sweep (issue #3): every corpus case onnxruntime can run is cut at every single value
 * (models under 60 top-level nodes) or at 25 values spread along the topological order, and
 * split three and four ways. Every part must load and the chained outputs must equal the
 * original's (to 1e-5 relative) and the reference outputs (to the corpus tolerance).
 */
import * as ortNode from 'onnxruntime-node';
import { afterAll, describe, expect, test } from 'vitest';
import { compareTensors, CutlineDocument, DEFAULT_TOLERANCE } from '../src/index.js';
import type { OrtTensor, SplitResult } from '../src/index.js';
import { corpus, runnable, type CorpusCase } from './corpus.js';
import { buildModel, FLOAT } from './fixtures/builder.js';
import {
  isTypeUnknown,
  liveOrder,
  openCase,
  ort,
  runChain,
  runOriginal,
  splitAtFractions,
  type OpenCase,
} from './split-harness.js';

/** Chained parts against the original: the same runtime on the same data, so nearly exact. */
const VS_ORIGINAL = { abs: 0, rel: 1e-5 };
const EVERY_VALUE_BELOW = 60;
const SPREAD = 25;

/**
 * Cuts known to fail because of a reported Cutline defect, by `<case> <cut>` → the report.
 * A listed cut that passes fails the test, so the list shrinks as fixes land.
 */
const EXPECTED_FAILURES: Record<string, string> = {};

const counts = {
  cases: 0,
  cutsTried: 0,
  splitsPassed: 0,
  splitsFailed: 0,
  expectedFailures: 0,
  skippedNotTensor: 0,
  sequenceBoundaries: 0,
  multiwaySkippedTooFewNodes: 0,
  parts: 0,
  optimizerOnly: 0,
};
const optimizerOnly: string[] = [];
const withoutLiveNodes: string[] = [];
const skipped: string[] = [];
const failures: string[] = [];

interface Job {
  label: string;
  cuts?: string[][];
  fractions?: number[];
}

/** The single-value cuts of a case: every output of every live node, or 25 spread along the order. */
function singleCuts(open: OpenCase): Job[] {
  const { doc } = open;
  const live = liveOrder(doc);
  if (doc.view.nodes.length < EVERY_VALUE_BELOW) {
    return live.flatMap((id) =>
      doc.view.nodes[id]!.outputs.map((v) => ({ label: v, cuts: [[v]] })),
    );
  }
  const picked = new Set<number>();
  for (let i = 0; i < SPREAD; i++)
    picked.add(live[Math.floor(((live.length - 1) * (i + 0.5)) / SPREAD)]!);
  return [...picked].map((id) => {
    const v = doc.view.nodes[id]!.outputs[0]!;
    return { label: v, cuts: [[v]] };
  });
}

/** Problems with the chain's model outputs: against the original run, and everything else. */
function compareOutputs(
  open: OpenCase,
  result: SplitResult,
  expected: Record<string, OrtTensor>,
  values: Map<string, OrtTensor>,
): { vsOriginal: string[]; other: string[] } {
  const vsOriginal: string[] = [];
  const other: string[] = [];
  for (const name of open.doc.view.outputs) {
    const got = values.get(name);
    if (!got) {
      other.push(`model output "${name}" is not produced by the parts`);
      continue;
    }
    const cmp = compareTensors(name, expected[name]!, got, VS_ORIGINAL);
    if (cmp.verdict === 'DIFFERENT') {
      vsOriginal.push(
        `"${name}" differs from the original: ${cmp.note ?? `max abs ${cmp.maxAbsDiff}, rel ${cmp.maxRelDiff}`}`,
      );
    }
    const ref = open.references?.get(name);
    if (ref) {
      const vsRef = compareTensors(name, ref, got, DEFAULT_TOLERANCE);
      if (vsRef.verdict === 'DIFFERENT')
        other.push(
          `"${name}" differs from the reference: ${vsRef.note ?? `max abs ${vsRef.maxAbsDiff}`}`,
        );
    }
  }
  if (result.manifest.modelOutputs.length !== open.doc.view.outputs.length) {
    other.push(
      `manifest lists ${result.manifest.modelOutputs.length} model outputs, the model has ${open.doc.view.outputs.length}`,
    );
  }
  for (const p of result.manifest.parts) {
    for (const v of [...p.inputs, ...p.outputs])
      if (v.dtype === 'unknown') other.push(`part ${p.id} declares "${v.name}" without a type`);
  }
  return { vsOriginal, other };
}

const cases = corpus.cases.filter(runnable);

describe('corpus sweep: every cut chains to the original and the references', () => {
  test.each(cases.map((c) => [c.id, c] as [string, CorpusCase]))('%s', async (id, c) => {
    counts.cases++;
    const open = openCase(c);
    const original = await runOriginal(open);
    const live = liveOrder(open.doc);
    if (live.length === 0) withoutLiveNodes.push(id);
    const jobs: Job[] = singleCuts(open);
    for (const k of [3, 4]) {
      if (live.length < k) counts.multiwaySkippedTooFewNodes++;
      else
        jobs.push({
          label: `${k}-way`,
          fractions: Array.from({ length: k - 1 }, (_, i) => (i + 1) / k),
        });
    }
    let unoptimized: Awaited<ReturnType<typeof runOriginal>> | undefined;
    const unexpected: string[] = [];
    const stillListed = new Set(
      Object.keys(EXPECTED_FAILURES).filter((key) => key.startsWith(`${id} `)),
    );
    for (const job of jobs) {
      counts.cutsTried++;
      let result: SplitResult;
      let label = job.label;
      try {
        if (job.cuts) result = await open.doc.split(job.cuts, ort, open.ext);
        else {
          const r = await splitAtFractions(open, job.fractions!);
          result = r.result;
          label = `${job.label} ${JSON.stringify(r.cuts)}`;
        }
      } catch (e) {
        if (isTypeUnknown(e)) {
          counts.skippedNotTensor++;
          skipped.push(`${id} ${label}: ${e.message}`);
          continue;
        }
        record(
          id,
          job.label,
          label,
          [`split throws: ${(e as Error).message}`],
          unexpected,
          stillListed,
        );
        continue;
      }
      counts.parts += result.manifest.parts.length;
      const files = new Map(result.files.map((f) => [f.name, f.bytes]));
      // A sequence between parts cannot cross onnxruntime's JavaScript API: each part must
      // still load (and the checker sees them in the cross-check), but the chain cannot run.
      const sequences = result.manifest.parts
        .flatMap((p) => p.inputs)
        .filter((v) => v.from !== 'model' && v.dtype.startsWith('sequence('));
      if (sequences.length > 0) {
        const problems: string[] = [];
        for (const p of result.manifest.parts) {
          try {
            await (await ortNode.InferenceSession.create(files.get(p.file)!)).release();
          } catch (e) {
            problems.push(`${p.file} does not load: ${(e as Error).message}`);
          }
        }
        if (problems.length === 0) counts.sequenceBoundaries++;
        record(id, job.label, label, problems, unexpected, stillListed);
        continue;
      }
      const chain = await runChain(result.manifest, files, original.feeds, open.ext);
      let problems = chain.problems;
      if (problems.length === 0) {
        const { vsOriginal, other } = compareOutputs(open, result, original.outputs, chain.values);
        problems = [...vsOriginal, ...other];
        if (vsOriginal.length > 0 && other.length === 0) {
          // Fusions across the boundary round differently; the same kernels must agree exactly.
          unoptimized ??= await runOriginal(open, 'disabled');
          const plain = await runChain(
            result.manifest,
            files,
            unoptimized.feeds,
            open.ext,
            'disabled',
          );
          const again =
            plain.problems.length > 0
              ? plain.problems
              : compareOutputs(open, result, unoptimized.outputs, plain.values).vsOriginal;
          if (again.length === 0) {
            counts.optimizerOnly++;
            optimizerOnly.push(`${id} cut ${label}: ${vsOriginal.join('; ')}`);
            problems = [];
          }
        }
      }
      record(id, job.label, label, problems, unexpected, stillListed);
    }
    expect(unexpected, `${id}: unexpected failures`).toEqual([]);
    expect(
      [...stillListed],
      `${id}: listed as failing but passed; remove from EXPECTED_FAILURES`,
    ).toEqual([]);
  });
});

/** Counts one split; a failure is unexpected unless EXPECTED_FAILURES lists `<case> <key>`. */
describe('reported defects (minimal reproducers)', () => {
  // Nodes whose outputs nothing reads belong to no cut's ancestors, so they land in the last
  // part. When only such nodes are left, that part has no inputs and no outputs and onnxruntime
  // refuses it ("OrtValue indexes should have been populated").
  test('a node that nothing reads does not make a part of its own', async () => {
    const bytes = buildModel({
      nodes: [
        { op: 'Relu', inputs: ['x'], outputs: ['y'] },
        {
          op: 'Constant',
          inputs: [],
          outputs: ['unused'],
          attributes: [
            { name: 'value', type: 4, t: { dataType: FLOAT, dims: [1], floatData: [2] } },
          ],
        },
      ],
      inputs: [{ name: 'x', elemType: FLOAT, shape: [2] }],
      outputs: [{ name: 'y', elemType: FLOAT, shape: [2] }],
    });
    const result = await CutlineDocument.open(bytes, 'dead.onnx').split([['y']], ort);
    for (const part of result.manifest.parts)
      expect(part.outputs.length, `${part.file} has no outputs`).toBeGreaterThan(0);
    for (const f of result.files.filter((f) => f.name.endsWith('.onnx')))
      await (await ortNode.InferenceSession.create(f.bytes)).release();
  });
});

function record(
  id: string,
  key: string,
  shown: string,
  problems: string[],
  unexpected: string[],
  stillListed: Set<string>,
): void {
  const listed = `${id} ${key}`;
  if (problems.length === 0) {
    counts.splitsPassed++;
    return;
  }
  failures.push(`${id} cut ${shown}: ${problems.join('; ')}`);
  if (EXPECTED_FAILURES[listed]) {
    counts.expectedFailures++;
    stillListed.delete(listed);
  } else {
    counts.splitsFailed++;
    unexpected.push(`cut ${shown}: ${problems.join('; ')}`);
  }
}

afterAll(() => {
  const lines = [
    `\ncorpus sweep: ${counts.cases} cases, ${counts.cutsTried} cuts tried, ${counts.parts} parts written`,
    `  splits passed: ${counts.splitsPassed}`,
    `  splits failed: ${counts.splitsFailed} unexpected, ${counts.expectedFailures} expected (reported)`,
    `  of which differ from the original beyond 1e-5 only with onnxruntime's graph optimizations on: ${counts.optimizerOnly}`,
    `  skipped, value is not a tensor (type-unknown): ${counts.skippedNotTensor}`,
    `  of the passed, sequence boundaries (parts load; the JS API cannot chain them): ${counts.sequenceBoundaries}`,
    `  3-/4-way splits skipped, too few live nodes: ${counts.multiwaySkippedTooFewNodes}`,
    `  cases whose nodes all fold constants (no cut tried): ${withoutLiveNodes.length} ${withoutLiveNodes.join(', ')}`,
    ...skipped.map((s) => `  skip: ${s}`),
    ...optimizerOnly.map((s) => `  optimizer-only difference: ${s}`),
    ...failures.map((f) => `  FAIL: ${f}`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
});
