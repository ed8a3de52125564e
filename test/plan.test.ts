/** The cut engine on small hand-made graphs, each proved by running the chained parts. */
import * as ortNode from 'onnxruntime-node';
import { describe, expect, test } from 'vitest';
import { asOrt, compareSplit, CutlineDocument, CutlineError } from '../src/index.js';
import type { SplitResult } from '../src/index.js';
import { buildModel, FLOAT, type FixtureNode } from './fixtures/builder.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS } from './corpus.js';

const ort = asOrt(ortNode);
const x = { name: 'x', elemType: FLOAT, shape: [2, 3] };
const y = { name: 'y', elemType: FLOAT, shape: [2, 3] };

function doc(nodes: FixtureNode[], outputs = [y]): CutlineDocument {
  return CutlineDocument.open(buildModel({ nodes, inputs: [x], outputs }), 'fixture.onnx');
}

async function splitAndProve(d: CutlineDocument, cuts: string[][]): Promise<SplitResult> {
  const result = await d.split(cuts, ort);
  const files = new Map(result.files.map((f) => [f.name, f.bytes]));
  const report = await compareSplit(ort, d.bytes, result.manifest, files);
  for (const o of report.outputs) expect(o.verdict).toBe('identical');
  return result;
}

const names = (r: SplitResult, part: number, side: 'inputs' | 'outputs') =>
  r.manifest.parts[part - 1]![side].map((v) => v.name);

describe('cut engine', () => {
  test('chain: one cut, two parts', async () => {
    const d = doc([
      { op: 'Relu', inputs: ['x'], outputs: ['a'] },
      { op: 'Neg', inputs: ['a'], outputs: ['b'] },
      { op: 'Abs', inputs: ['b'], outputs: ['y'] },
    ]);
    const r = await splitAndProve(d, [['a']]);
    expect(r.plan.parts.map((p) => p.nodeIds)).toEqual([[0], [1, 2]]);
    expect(
      r.plan.boundaries[0]!.map((b) => [b.name, b.auto, b.type?.dtype, b.type?.shape, b.bytes]),
    ).toEqual([['a', false, 'float32', [2, 3], 24]]);
    expect(names(r, 2, 'inputs')).toEqual(['a']);
  });

  test('residual block: the skip connection crosses too and is named', async () => {
    const d = doc([
      { op: 'Relu', inputs: ['x'], outputs: ['a'] },
      { op: 'Neg', inputs: ['a'], outputs: ['b'] },
      { op: 'Add', inputs: ['a', 'b'], outputs: ['y'] },
    ]);
    const r = await splitAndProve(d, [['b']]);
    expect(r.plan.boundaries[0]!.map((b) => [b.name, b.auto])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(names(r, 2, 'inputs')).toEqual(['a', 'b']);
  });

  test('two branches: the model input goes straight to the part that reads it', async () => {
    const d = doc([
      { op: 'Relu', inputs: ['x'], outputs: ['a'] },
      { op: 'Neg', inputs: ['x'], outputs: ['b'] },
      { op: 'Add', inputs: ['a', 'b'], outputs: ['y'] },
    ]);
    const r = await splitAndProve(d, [['a']]);
    expect(r.plan.parts.map((p) => p.nodeIds)).toEqual([[0], [1, 2]]);
    expect(r.manifest.parts[1]!.inputs.map((v) => [v.name, v.from])).toEqual([
      ['x', 'model'],
      ['a', 1],
    ]);
  });

  test('3-way with a skip over the middle part: part 1 feeds part 3 directly', async () => {
    const d = doc([
      { op: 'Relu', inputs: ['x'], outputs: ['a'] },
      { op: 'Neg', inputs: ['a'], outputs: ['b'] },
      { op: 'Abs', inputs: ['b'], outputs: ['c'] },
      { op: 'Add', inputs: ['a', 'c'], outputs: ['y'] },
    ]);
    const r = await splitAndProve(d, [['a'], ['b']]);
    expect(r.plan.parts.map((p) => p.nodeIds)).toEqual([[0], [1], [2, 3]]);
    expect(r.manifest.parts[0]!.outputs).toMatchObject([{ name: 'a', to: [2, 3] }]);
    expect(names(r, 2, 'inputs')).toEqual(['a']);
    expect(names(r, 2, 'outputs')).toEqual(['b']);
    expect(r.manifest.parts[2]!.inputs.map((v) => [v.name, v.from])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(r.plan.boundaries[1]!.map((b) => [b.name, b.auto])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });

  test('file order is not trusted: nodes listed backwards still split', async () => {
    const d = doc([
      { op: 'Abs', inputs: ['b'], outputs: ['y'] },
      { op: 'Neg', inputs: ['a'], outputs: ['b'] },
      { op: 'Relu', inputs: ['x'], outputs: ['a'] },
    ]);
    expect(d.view.order).toEqual([2, 1, 0]);
    await splitAndProve(d, [['a']]);
  });

  test('a value with no value info gets its type from onnxruntime, never element type 0', async () => {
    const d = doc([
      { op: 'Cast', inputs: ['x'], outputs: ['i'], attributes: [{ name: 'to', type: 2, i: 7 }] },
      { op: 'Cast', inputs: ['i'], outputs: ['y'], attributes: [{ name: 'to', type: 2, i: 1 }] },
    ]);
    const r = await splitAndProve(d, [['i']]);
    expect(r.manifest.parts[0]!.outputs[0]).toMatchObject({
      name: 'i',
      dtype: 'int64',
      shape: [2, 3],
    });
  });

  test('an empty part is dropped with a message', () => {
    const d = doc([{ op: 'Relu', inputs: ['x'], outputs: ['y'] }]);
    const plan = d.plan([['y']]);
    expect(plan.parts).toHaveLength(1);
    expect(plan.messages).toEqual(['Part 2 would hold no node and was dropped.']);
  });

  test.each([
    [['nope'], 'unknown-value', /No value named "nope"/],
    [[], 'bad-cut', /names no value/],
  ])('refuses cut %j with %s', (cut, code, message) => {
    const d = doc([{ op: 'Relu', inputs: ['x'], outputs: ['y'] }]);
    expect(() => d.plan([cut as string[]])).toThrow(CutlineError);
    try {
      d.plan([cut as string[]]);
    } catch (e) {
      expect((e as CutlineError).code).toBe(code);
      expect((e as Error).message).toMatch(message);
    }
  });

  test('node assignment with backward flow is refused by name', () => {
    const d = doc([
      { op: 'Relu', inputs: ['x'], outputs: ['a'] },
      { op: 'Neg', inputs: ['a'], outputs: ['y'] },
    ]);
    expect(() => d.planAssignment([2, 1])).toThrow(
      /"a" would flow backwards, from part 2 to part 1/,
    );
  });
});

describe('weights read by several parts', () => {
  const shared = () =>
    CutlineDocument.open(
      buildModel({
        inputs: [x],
        outputs: [y],
        initializers: [{ name: 'w', dataType: FLOAT, dims: [2, 3], floats: [1, 2, 3, 4, 5, 6] }],
        nodes: [
          { op: 'Mul', inputs: ['x', 'w'], outputs: ['a'] },
          { op: 'Relu', inputs: ['a'], outputs: ['b'] },
          { op: 'Add', inputs: ['b', 'w'], outputs: ['y'] },
        ],
      }),
      'shared.onnx',
    );

  test('are copied into each part by default, and the duplicate bytes are reported', async () => {
    const r = await splitAndProve(shared(), [['a']]);
    expect(r.manifest.duplicatedWeightBytes).toBe(24);
    expect(r.plan.duplicatedWeightBytes).toBe(24);
    expect(r.manifest.sharedWeights).toBeUndefined();
    expect(r.manifest.parts.map((p) => p.weightBytes)).toEqual([24, 24]);
  });

  test('become inputs fed from one weights file when asked', async () => {
    const d = shared();
    const r = await d.split([['a']], ort, undefined, { sharing: 'input' });
    expect(r.manifest.sharedWeights).toEqual({
      file: 'shared.weights.onnx',
      names: ['w'],
      bytes: 24,
    });
    expect(r.manifest.duplicatedWeightBytes).toBe(0);
    expect(r.manifest.parts[0]!.inputs.map((v) => [v.name, v.from])).toEqual([
      ['x', 'model'],
      ['w', 'weights'],
    ]);
    expect(r.manifest.parts[1]!.inputs.map((v) => [v.name, v.from])).toEqual([
      ['a', 1],
      ['w', 'weights'],
    ]);
    const files = new Map(r.files.map((f) => [f.name, f.bytes]));
    expect([...files.keys()].sort()).toEqual([
      'manifest.json',
      'shared.part1.onnx',
      'shared.part2.onnx',
      'shared.weights.onnx',
    ]);
    const report = await compareSplit(ort, d.bytes, r.manifest, files);
    expect(report.outputs.map((o) => o.verdict)).toEqual(['identical']);
  });
});

describe('sequences at a boundary', () => {
  test('are typed through the sequence ops, declared in the parts, and named in the plan', async () => {
    const path = join(CORPUS, 'backend-extra/test_sequence_model1/model.onnx');
    const d = CutlineDocument.open(new Uint8Array(readFileSync(path)), 'seq.onnx');
    const r = await d.split([['Seq_2']], ort);
    expect(r.plan.boundaries[0]!.map((b) => [b.name, b.kind])).toEqual([
      ['Seq_2', 'sequence(float32)'],
    ]);
    expect(r.manifest.parts[1]!.inputs.find((v) => v.name === 'Seq_2')?.dtype).toBe(
      'sequence(float32)',
    );
    for (const f of r.files.filter((x) => x.name.endsWith('.onnx'))) {
      await (await ortNode.InferenceSession.create(f.bytes)).release();
    }
    const files = new Map(r.files.map((f) => [f.name, f.bytes]));
    await expect(compareSplit(ort, d.bytes, r.manifest, files)).rejects.toThrow(
      /"Seq_2" is a sequence\(float32\) passed between parts/,
    );
  });
});
