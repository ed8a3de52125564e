/** The codec on every corpus model and on fixtures: byte-identical saves, exact int64, specific errors. */
import * as ortNode from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CutlineError, indexGraph, readModel, readTensorProto, writeModel } from '../src/index.js';
import { toBigInt } from '../src/onnx/proto.js';
import { TensorProtoType } from '../src/onnx/schema.js';
import { allModelFiles, corpus, modelPath } from './corpus.js';
import { onnxSummaries } from './onnx-python.js';
import { buildModel, FLOAT, INT64 } from './fixtures/builder.js';

const INT64_MAX = 9223372036854775807n;

describe('round trip on the corpus', () => {
  const files = allModelFiles();
  // What the onnx package itself reads from each file, to check the codec against.
  const reference = onnxSummaries(files);
  test(`every one of ${files.length} corpus models saves byte-identical and parses its nodes`, () => {
    for (const path of files) {
      const bytes = new Uint8Array(readFileSync(path));
      const model = readModel(bytes, basename(path));
      expect(Buffer.compare(Buffer.from(writeModel(model)), Buffer.from(bytes)), path).toBe(0);
      const ref = reference[path];
      expect(ref, path).toBeDefined();
      expect(
        model.graph.nodes.map((n) => n.proto.opType),
        path,
      ).toEqual(ref!.ops);
      expect(
        model.graph.initializers.map((t) => t.name),
        path,
      ).toEqual(ref!.initializers);
      expect(
        model.graph.inputs.map((v) => v.proto.name),
        path,
      ).toEqual(ref!.inputs);
      expect(Number(model.irVersion), path).toBe(ref!.ir);
      indexGraph(model);
    }
  });

  test('int64 attributes and initializers keep every bit', () => {
    let seen = 0;
    for (const path of files) {
      const model = readModel(new Uint8Array(readFileSync(path)));
      for (const { proto } of model.graph.nodes) {
        for (const a of proto.attribute) {
          for (const v of a.ints ?? []) {
            const big = toBigInt(v);
            expect(big >= -(2n ** 63n) && big < 2n ** 63n).toBe(true);
            if (big > 2n ** 53n || big < -(2n ** 53n)) seen++;
          }
        }
      }
    }
    // The corpus holds Slice ends and similar at the int64 limits.
    expect(seen).toBeGreaterThan(0);
  });
});

describe('int64 limits through a split', () => {
  test('Slice with ends = INT64_MAX survives parse and save, and runs', async () => {
    const bytes = buildModel({
      opset: 9,
      inputs: [{ name: 'x', elemType: FLOAT, shape: [2, 5] }],
      outputs: [{ name: 'y', elemType: FLOAT, shape: [2, 4] }],
      nodes: [
        {
          op: 'Slice',
          inputs: ['x'],
          outputs: ['y'],
          attributes: [
            { name: 'starts', type: 7, ints: ['1'] },
            { name: 'ends', type: 7, ints: [INT64_MAX.toString()] },
            { name: 'axes', type: 7, ints: ['1'] },
          ],
        },
      ],
    });
    const model = readModel(bytes);
    const ends = model.graph.nodes[0]!.proto.attribute.find((a) => a.name === 'ends')!;
    expect(toBigInt(ends.ints[0])).toBe(INT64_MAX);
    expect(Buffer.compare(Buffer.from(writeModel(model)), Buffer.from(bytes))).toBe(0);
    const session = await ortNode.InferenceSession.create(writeModel(model));
    const x = new ortNode.Tensor(
      'float32',
      Float32Array.from({ length: 10 }, (_, i) => i),
      [2, 5],
    );
    const { y } = await session.run({ x });
    expect(Array.from(y!.data as Float32Array)).toEqual([1, 2, 3, 4, 6, 7, 8, 9]);
  });

  test('int64 initializer values read exactly', () => {
    const bytes = buildModel({
      inputs: [{ name: 'x', elemType: INT64, shape: [2] }],
      outputs: [{ name: 'y', elemType: INT64, shape: [2] }],
      initializers: [{ name: 'w', dataType: INT64, dims: [2], int64s: [INT64_MAX, -(2n ** 63n)] }],
      nodes: [{ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }],
    });
    const model = readModel(bytes);
    const span = model.graph.initializers[0]!.span;
    const t = readTensorProto(bytes.subarray(span.dataStart, span.end));
    expect(Array.from(t.data as BigInt64Array)).toEqual([INT64_MAX, -(2n ** 63n)]);
  });

  test('raw_data at an odd offset is read little-endian', () => {
    for (const name of ['a', 'ab']) {
      const values = Float32Array.from([1.5, -2.25, 3e-8]);
      const encoded = TensorProtoType.encode({
        name,
        dataType: 1,
        dims: [3],
        rawData: new Uint8Array(values.buffer),
      }).finish();
      const padded = new Uint8Array(encoded.length + 1);
      padded.set(encoded, 1);
      const t = readTensorProto(padded.subarray(1));
      expect(Array.from(t.data as Float32Array)).toEqual(Array.from(values));
    }
  });
});

describe('bad files get specific errors', () => {
  const good = new Uint8Array(
    readFileSync(modelPath(corpus.cases.find((c) => c.id === 'models/mnist-8')!)),
  );
  const cases: [string, Uint8Array, string, RegExp][] = [
    [
      'text',
      new TextEncoder().encode('hello, this is not a model\n'),
      'not-onnx',
      /not an ONNX model: it looks like a text file/,
    ],
    ['json', new TextEncoder().encode('{"format": "x"}'), 'not-onnx', /JSON/],
    ['zip', Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0]), 'not-onnx', /zip archive/],
    ['empty', new Uint8Array(0), 'not-onnx', /empty/],
    ['truncated', good.subarray(0, Math.floor(good.length / 2)), 'truncated', /truncated/],
    [
      'garbage',
      Uint8Array.from({ length: 200 }, (_, i) => (i * 7919 + 13) % 256),
      'not-onnx',
      /not an ONNX model/,
    ],
    ['flipped length', corruptLength(good), 'truncated', /truncated/],
  ];
  test.each(cases)('%s', (_name, bytes, code, message) => {
    try {
      readModel(bytes, 'x.onnx');
      expect.unreachable('readModel accepted a bad file');
    } catch (e) {
      expect(e).toBeInstanceOf(CutlineError);
      expect((e as CutlineError).code).toBe(code);
      expect((e as Error).message).toMatch(message);
    }
  });

  test('every truncation of a real model is refused cleanly or parses a prefix, never crashes', () => {
    for (let cut = 1; cut < good.length; cut += 97) {
      try {
        readModel(good.subarray(0, cut));
      } catch (e) {
        expect(e, `cut at ${cut}`).toBeInstanceOf(CutlineError);
      }
    }
  });
});

/** The model with the graph field's length raised past the end of the file. */
function corruptLength(good: Uint8Array): Uint8Array {
  const copy = good.slice();
  const model = readModel(good);
  const graph = model.graph.span;
  // The length varint sits between the tag byte and dataStart; make its first byte larger.
  copy[graph.start + 1] = copy[graph.start + 1]! | 0x7f;
  return copy;
}
