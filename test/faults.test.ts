/**
 * One small model for each fault other splitters are known for. Each is split, every part
 * loads and the chain equals the original on onnxruntime; parts also pass onnx.checker.
 */
import * as ortNode from 'onnxruntime-node';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { asOrt, compareSplit, CutlineDocument, CutlineError } from '../src/index.js';
import type { ExternalDataFile, HostTensor, SplitResult } from '../src/index.js';
import { ChunkWriter, scanFields } from '../src/onnx/wire.js';
import { TensorAnnotationType } from '../src/onnx/schema.js';
import { runPython } from './onnx-python.js';
import { BOOL, buildModel, FLOAT, INT64, vi, type Fixture } from './fixtures/builder.js';

const ort = asOrt(ortNode);
const written: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'cutline-faults-'));
const x = { name: 'x', elemType: FLOAT, shape: [2, 3] };
const y = { name: 'y', elemType: FLOAT, shape: [2, 3] };
const floatData = (n: number) => Array.from({ length: n }, (_, i) => (i - 2) * 0.5);

async function prove(
  name: string,
  f: Fixture | Uint8Array,
  cuts: string[][],
  opts: {
    inputs?: Record<string, HostTensor>[];
    ext?: ExternalDataFile[];
  } = {},
): Promise<SplitResult> {
  const bytes = f instanceof Uint8Array ? f : buildModel(f);
  const doc = CutlineDocument.open(bytes, `${name}.onnx`);
  const result = await doc.split(cuts, ort, opts.ext);
  const files = new Map(result.files.map((file) => [file.name, file.bytes]));
  for (const file of result.files) {
    if (!file.name.endsWith('.onnx')) continue;
    const path = join(dir, file.name);
    writeFileSync(path, file.bytes);
    written.push(path);
  }
  for (const inputs of opts.inputs ?? [{}]) {
    const report = await compareSplit(ort, bytes, result.manifest, files, {
      inputs,
      ...(opts.ext ? { externalData: opts.ext } : {}),
    });
    for (const o of report.outputs)
      expect(o.verdict, `${name}: ${o.name} ${o.note ?? ''}`).toBe('identical');
  }
  for (const p of result.manifest.parts)
    for (const v of [...p.inputs, ...p.outputs]) expect(v.dtype).not.toBe('unknown');
  return result;
}

const localDouble = {
  name: 'Double',
  domain: 'local',
  input: ['X'],
  output: ['Y'],
  node: [{ opType: 'Add', input: ['X', 'X'], output: ['Y'], domain: '' }],
  opsetImport: [{ domain: '', version: 17 }],
};

describe('fault fixtures', () => {
  test('a cut value with no value info, right after a model-local function', async () => {
    const r = await prove(
      'function-output',
      {
        extraOpsets: [{ domain: 'local', version: 1 }],
        functions: [localDouble],
        inputs: [x],
        outputs: [y],
        nodes: [
          { op: 'Double', domain: 'local', inputs: ['x'], outputs: ['a'] },
          { op: 'Relu', inputs: ['a'], outputs: ['y'] },
        ],
      },
      [['a']],
    );
    expect(r.manifest.parts[0]!.outputs[0]).toMatchObject({
      name: 'a',
      dtype: 'float32',
      shape: [2, 3],
    });
  });

  test('a cut on a weight is refused with what to do instead', () => {
    const doc = CutlineDocument.open(
      buildModel({
        inputs: [x],
        outputs: [y],
        initializers: [{ name: 'w', dataType: FLOAT, dims: [2, 3], floats: floatData(6) }],
        nodes: [{ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }],
      }),
      'm.onnx',
    );
    expect(() => doc.plan([['w']])).toThrow(
      /"w" is a weight.*Cut at the output of a node that reads it/,
    );
  });

  test('a cut value that is also a model output leaves part 1 for part 2 and the model', async () => {
    const r = await prove(
      'output-cut',
      {
        inputs: [x],
        outputs: [{ name: 'a', elemType: FLOAT, shape: [2, 3] }, y],
        nodes: [
          { op: 'Relu', inputs: ['x'], outputs: ['a'] },
          { op: 'Neg', inputs: ['a'], outputs: ['y'] },
        ],
      },
      [['a']],
    );
    expect(r.manifest.parts[0]!.outputs).toMatchObject([{ name: 'a', to: [2, 'model'] }]);
    expect(r.manifest.modelOutputs).toEqual([
      { name: 'a', part: 1 },
      { name: 'y', part: 2 },
    ]);
  });

  const ifModel = (
    thenNodes: Record<string, unknown>[],
    extra: Partial<Fixture> = {},
  ): Fixture => ({
    inputs: [x, { name: 'cond', elemType: BOOL, shape: [] }],
    outputs: [y],
    initializers: [{ name: 'w', dataType: FLOAT, dims: [2, 3], floats: floatData(6) }],
    nodes: [
      { op: 'Relu', inputs: ['x'], outputs: ['r'] },
      {
        op: 'If',
        inputs: ['cond'],
        outputs: ['branch'],
        attributes: [
          {
            name: 'then_branch',
            type: 5,
            g: { name: 'then', node: thenNodes, output: [vi('t', FLOAT, [2, 3])] },
          },
          {
            name: 'else_branch',
            type: 5,
            g: {
              name: 'else',
              output: [vi('e', FLOAT, [2, 3])],
              node: [{ opType: 'Mul', input: ['r', 'w'], output: ['e'] }],
            },
          },
        ],
      },
      { op: 'Neg', inputs: ['branch'], outputs: ['y'] },
    ],
    ...extra,
  });
  const bothBranches = [true, false].map((c) => ({
    cond: { dtype: 'bool', dims: [], data: Uint8Array.of(c ? 1 : 0) },
  }));

  test('If-body captures of a weight and of a node output travel with the If', async () => {
    const fixture = ifModel([{ opType: 'Add', input: ['r', 'w'], output: ['t'] }]);
    const before = await prove('if-captures', fixture, [['r']], { inputs: bothBranches });
    expect(before.manifest.parts[1]!.inputs.map((v) => v.name)).toEqual(['cond', 'r']);
    expect(before.manifest.parts[1]!.weightBytes).toBe(24);
    const after = await prove('if-captures-after', fixture, [['branch']], { inputs: bothBranches });
    expect(after.plan.parts.map((p) => p.nodeIds)).toEqual([[0, 1], [2]]);
  });

  test('a function called only inside a branch is kept in the part holding the If', async () => {
    const r = await prove(
      'function-in-branch',
      ifModel([{ opType: 'Double', domain: 'local', input: ['r'], output: ['t'] }], {
        functions: [localDouble],
        extraOpsets: [{ domain: 'local', version: 1 }],
      }),
      [['r']],
      { inputs: bothBranches },
    );
    const part2 = CutlineDocument.open(r.files[1]!.bytes, 'p2.onnx');
    expect(part2.model.functions.map((f) => f.proto.name)).toEqual(['Double']);
    const part1 = CutlineDocument.open(r.files[0]!.bytes, 'p1.onnx');
    expect(part1.model.functions).toEqual([]);
  });

  test('IR version 7 is kept', async () => {
    const r = await prove(
      'ir7',
      {
        irVersion: 7,
        opset: 12,
        inputs: [x],
        outputs: [y],
        nodes: [
          { op: 'Relu', inputs: ['x'], outputs: ['a'] },
          { op: 'Neg', inputs: ['a'], outputs: ['y'] },
        ],
      },
      [['a']],
    );
    expect(r.manifest.source.irVersion).toBe(7);
    for (const f of r.files.filter((f) => f.name.endsWith('.onnx')))
      expect(Number(CutlineDocument.open(f.bytes, f.name).model.irVersion)).toBe(7);
  });

  test('int64 and bool boundaries', async () => {
    const r = await prove(
      'int64-bool',
      {
        inputs: [x],
        outputs: [y],
        initializers: [{ name: 'zero', dataType: FLOAT, dims: [], floats: [0] }],
        nodes: [
          {
            op: 'Cast',
            inputs: ['x'],
            outputs: ['i'],
            attributes: [{ name: 'to', type: 2, i: INT64 }],
          },
          { op: 'Greater', inputs: ['x', 'zero'], outputs: ['b'] },
          {
            op: 'Cast',
            inputs: ['i'],
            outputs: ['f'],
            attributes: [{ name: 'to', type: 2, i: FLOAT }],
          },
          { op: 'Where', inputs: ['b', 'x', 'f'], outputs: ['y'] },
        ],
      },
      [['i', 'b']],
    );
    expect(r.plan.boundaries[0]!.map((b) => [b.name, b.type?.dtype])).toEqual([
      ['i', 'int64'],
      ['b', 'bool'],
    ]);
  });

  test('an initializer whose bytes start at an odd offset', async () => {
    for (const name of ['w', 'ww']) {
      const raw = new Uint8Array(Float32Array.from(floatData(6)).buffer);
      const bytes = buildModel({
        inputs: [x],
        outputs: [y],
        rawInitializers: [{ name, dataType: FLOAT, dims: [2, 3], rawData: raw }],
        nodes: [
          { op: 'Add', inputs: ['x', name], outputs: ['a'] },
          { op: 'Relu', inputs: ['a'], outputs: ['y'] },
        ],
      });
      const doc = CutlineDocument.open(bytes, 'odd.onnx');
      const span = doc.model.graph.initializers[0]!.span;
      const rawField = scanFields(bytes, span.dataStart, span.end).find((f) => f.field === 9)!;
      if (rawField.dataStart % 2 === 0) continue;
      await prove('odd-offset', bytes, [['a']]);
      return;
    }
    expect.unreachable('no fixture put the weight at an odd offset');
  });

  test('a sparse initializer goes with the part that reads it', async () => {
    const r = await prove(
      'sparse',
      {
        inputs: [x],
        outputs: [y],
        sparseInitializers: [
          {
            values: { name: 'sw', dataType: FLOAT, dims: [2], floatData: [1.5, -2] },
            indices: { name: 'sw_idx', dataType: INT64, dims: [2], int64Data: ['1', '4'] },
            dims: ['2', '3'],
          },
        ],
        nodes: [
          { op: 'Relu', inputs: ['x'], outputs: ['a'] },
          { op: 'Add', inputs: ['a', 'sw'], outputs: ['y'] },
        ],
      },
      [['a']],
    );
    const part2 = CutlineDocument.open(r.files[1]!.bytes, 'p2.onnx');
    expect(part2.model.graph.sparseInitializers.map((s) => s.name)).toEqual(['sw']);
  });

  test('external data: parts refer to the same data file, or inline it when asked', async () => {
    const data = new Uint8Array(new Float32Array(floatData(8)).buffer);
    const fixture: Fixture = {
      inputs: [x],
      outputs: [y],
      rawInitializers: [
        {
          name: 'w',
          dataType: FLOAT,
          dims: [2, 3],
          dataLocation: 1,
          externalData: [
            { key: 'location', value: 'w.bin' },
            { key: 'offset', value: '8' },
            { key: 'length', value: '24' },
          ],
        },
      ],
      nodes: [
        { op: 'Relu', inputs: ['x'], outputs: ['a'] },
        { op: 'Add', inputs: ['a', 'w'], outputs: ['y'] },
      ],
    };
    const ext = [{ path: 'w.bin', data }];
    writeFileSync(join(dir, 'w.bin'), data); // beside the parts, as the CLI writes it
    const r = await prove('external', fixture, [['a']], { ext });
    expect(r.manifest.parts[1]!.weightBytes).toBe(24);
    const doc = CutlineDocument.open(buildModel(fixture), 'external.onnx');
    const inlined = await doc.split([['a']], ort, ext, { inlineExternal: true });
    const part2 = CutlineDocument.open(inlined.files[1]!.bytes, 'p2.onnx');
    expect(part2.model.graph.initializers[0]!.external).toBeNull();
    const session = await ortNode.InferenceSession.create(inlined.files[1]!.bytes);
    expect(session.inputNames).toEqual(['a']);
  });

  test('a value read by nodes in three different parts goes to each straight from its producer', async () => {
    const r = await prove(
      'three-readers',
      {
        inputs: [x],
        outputs: [y],
        nodes: [
          { op: 'Relu', inputs: ['x'], outputs: ['v'] },
          { op: 'Neg', inputs: ['v'], outputs: ['a'] },
          { op: 'Add', inputs: ['a', 'v'], outputs: ['b'] },
          { op: 'Mul', inputs: ['b', 'v'], outputs: ['y'] },
        ],
      },
      [['v'], ['a'], ['b']],
    );
    expect(r.manifest.parts[0]!.outputs).toMatchObject([{ name: 'v', to: [2, 3, 4] }]);
    for (const p of [2, 3, 4])
      expect(r.manifest.parts[p - 1]!.inputs.find((v) => v.name === 'v')).toMatchObject({
        from: 1,
      });
  });

  test('a value that is both a model input and a model output', async () => {
    const r = await prove(
      'input-output',
      {
        inputs: [x],
        outputs: [x, y],
        nodes: [
          { op: 'Relu', inputs: ['x'], outputs: ['a'] },
          { op: 'Neg', inputs: ['a'], outputs: ['y'] },
        ],
      },
      [['a']],
    );
    expect(r.manifest.modelOutputs).toEqual([
      { name: 'x', part: 1 },
      { name: 'y', part: 2 },
    ]);
    expect(r.manifest.parts[1]!.inputs.map((v) => v.name)).toEqual(['a']);
  });

  test('metadata, doc strings and quantization annotations are kept', async () => {
    const bytes = buildModel({
      inputs: [x],
      outputs: [y],
      metadata: [{ key: 'author', value: 'cutline-fixture' }],
      nodes: [
        { op: 'Relu', inputs: ['x'], outputs: ['a'] },
        { op: 'Neg', inputs: ['a'], outputs: ['y'] },
      ],
    });
    // Add a quantization annotation on `a` and a doc string to the graph, as raw fields.
    const doc = CutlineDocument.open(bytes, 'm.onnx');
    const annotation = TensorAnnotationType.encode({
      tensorName: 'a',
      quantParameterTensorNames: [{ key: 'SCALE_TENSOR', value: 'a_scale' }],
    }).finish();
    const graph = new ChunkWriter().push(
      bytes.subarray(doc.model.graph.span.dataStart, doc.model.graph.span.end),
    );
    graph.pushBytes(14, annotation).pushString(10, 'graph notes');
    const model = new ChunkWriter();
    for (const s of doc.model.spans) {
      if (s === doc.model.graph.span) model.pushMessage(7, graph);
      else model.push(bytes.subarray(s.start, s.end));
    }
    const r = await prove('annotated', model.finish(), [['a']]);
    for (const f of r.files.filter((f) => f.name.endsWith('.onnx'))) {
      const part = CutlineDocument.open(f.bytes, f.name).model;
      expect(part.graph.quantAnnotations.map((a) => a.tensorName)).toEqual(['a']);
      expect(part.spans.some((s) => s.field === 14)).toBe(true); // metadata_props
      expect(part.graph.spans.some((s) => s.field === 10)).toBe(true); // doc_string
    }
  });

  test('a constant read on both sides of a cut is copied like a weight, never a boundary', async () => {
    const fixture: Fixture = {
      inputs: [x],
      outputs: [y],
      nodes: [
        {
          op: 'Constant',
          inputs: [],
          outputs: ['k'],
          attributes: [
            { name: 'value', type: 4, t: { dataType: FLOAT, dims: [3], floatData: [0.5, -1, 2] } },
          ],
        },
        { op: 'Mul', inputs: ['x', 'k'], outputs: ['a'] },
        { op: 'Relu', inputs: ['a'], outputs: ['b'] },
        { op: 'Add', inputs: ['b', 'k'], outputs: ['y'] },
      ],
    };
    const r = await prove('constant-copied', fixture, [['a']]);
    expect(r.plan.boundaries[0]!.map((b) => b.name)).toEqual(['a']);
    expect(r.plan.parts.map((p) => [p.nodeIds, p.copies])).toEqual([
      [[0, 1], []],
      [[2, 3], [0]],
    ]);
    expect(r.manifest.parts.map((p) => p.nodes)).toEqual([2, 3]);
    expect(r.manifest.parts[1]!.inputs.map((v) => v.name)).toEqual(['a']);
    // A cut at the constant itself changes nothing, and says so.
    const plan = CutlineDocument.open(buildModel(fixture), 'c.onnx').plan([['k']]);
    expect(plan.parts).toHaveLength(1);
    expect(plan.messages[0]).toMatch(/"k" is computed from weights alone/);
    // After that empty first cut, the second cut's own value is still its own, not "also".
    const two = CutlineDocument.open(buildModel(fixture), 'c.onnx').plan([['k'], ['a']]);
    expect(two.cutPart).toEqual([null, 1]);
    expect(two.boundaries[0]!.map((b) => [b.name, b.auto])).toEqual([['a', false]]);
  });

  test('a cut inside a body is refused, naming the way out', () => {
    const doc = CutlineDocument.open(
      buildModel(ifModel([{ opType: 'Add', input: ['r', 'w'], output: ['t'] }])),
      'm.onnx',
    );
    try {
      doc.plan([['t']]);
      expect.unreachable();
    } catch (e) {
      expect((e as CutlineError).code).toBe('cut-in-subgraph');
      expect((e as Error).message).toMatch(/"t" lives inside a subgraph body.*--body/);
    }
  });
});

afterAll(() => {
  // Every part must also satisfy onnx's own checker (Debian's python3-onnx).
  const bad = runPython<string[]>(
    `
import json, sys, onnx
bad = []
for p in json.load(sys.stdin):
    try:
        onnx.checker.check_model(p)
    except Exception as e:
        bad.append(p + ': ' + str(e).splitlines()[0])
print(json.dumps(bad))
`,
    written,
  );
  process.stdout.write(
    `\nonnx.checker on ${written.length} fixture parts: ${written.length - bad.length} pass\n`,
  );
  expect(bad).toEqual([]);
});
