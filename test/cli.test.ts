/** The CLI as a user runs it: real files in, files and exit codes out. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import * as ortNode from 'onnxruntime-node';
import { CORPUS } from './corpus.js';
import { buildModel, FLOAT } from './fixtures/builder.js';

const BIN = join(import.meta.dirname, '../bin/cutline.mjs');
const MNIST = join(CORPUS, 'models/mnist-8/model.onnx');

function cutline(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cutline CLI', () => {
  test('--help prints the usage and exits 0', () => {
    const r = cutline('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/cutline split <model.onnx>/);
  });

  test('--body with a cut writes the body beside its parts, and compare proves them', () => {
    const out = mkdtempSync(join(tmpdir(), 'cutline-'));
    const model = join(CORPUS, 'backend-node/test_loop11/model.onnx');
    const split = cutline('split', model, '--body', '#0/body', '--cut', 'cond_out', '--out', out);
    expect(split.code, split.err).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(readFileSync(join(out, manifest.source.file)).length).toBeGreaterThan(0);
    const cmp = cutline('compare', join(out, 'manifest.json'));
    expect(cmp.code, cmp.out + cmp.err).toBe(0);
  });

  test('info summarises inputs, outputs and ops', () => {
    const r = cutline('info', MNIST);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Input3: float32[1,1,28,28]');
    expect(r.out).toContain('Plus214_Output_0: float32[1,10]');
    expect(r.out).toMatch(/Conv×2/);
  });

  test('split writes loadable parts and a manifest; compare agrees on reference inputs and on wasm', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cutline-'));
    const split = cutline('split', MNIST, '--cut', 'Pooling66_Output_0', '--out', out);
    expect(split.code, split.err).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.parts.map((p: { file: string }) => p.file)).toEqual([
      'model.part1.onnx',
      'model.part2.onnx',
    ]);
    for (const p of manifest.parts)
      await ortNode.InferenceSession.create(readFileSync(join(out, p.file)));
    const cmp = cutline(
      'compare',
      join(out, 'manifest.json'),
      '--model',
      MNIST,
      '--inputs',
      join(CORPUS, 'models/mnist-8/test_data_set_0'),
    );
    expect(cmp.code, cmp.err).toBe(0);
    expect(cmp.out).toMatch(/Plus214_Output_0\s.*identical/);
    const wasm = cutline(
      'compare',
      join(out, 'manifest.json'),
      '--model',
      MNIST,
      '--runtime',
      'wasm',
    );
    expect(wasm.code, wasm.err).toBe(0);
  });

  test('compare exits 1 when the parts compute something else than the original', () => {
    const out = mkdtempSync(join(tmpdir(), 'cutline-'));
    expect(cutline('split', MNIST, '--cut', 'Pooling66_Output_0', '--out', out).code).toBe(0);
    // The same graph with other weights: the parts (from the real weights) must now disagree.
    const shifted = join(out, 'shifted.onnx');
    writeFileSync(shifted, perturbWeights(readFileSync(MNIST)));
    const bad = cutline('compare', join(out, 'manifest.json'), '--model', shifted);
    expect(bad.code, bad.out + bad.err).toBe(1);
    expect(bad.out).toMatch(/Plus214_Output_0\s.*DIFFERENT/);
  });

  test.each([
    [['split', MNIST, '--out', '/tmp/x'], /needs at least one --cut/],
    [['split', MNIST, '--cut', 'nope', '--out', '/tmp/x'], /No value named "nope"/],
    [['info', join(CORPUS, 'MANIFEST.md')], /MANIFEST.md is not an ONNX model/],
    [['info', '/no/such/file.onnx'], /cannot read the file/],
    [['frobnicate', MNIST], /unknown command/],
    [['compare', MNIST], /not valid JSON|not a Cutline manifest/],
    [
      ['split', MNIST, '--cut', 'Pooling66_Output_0', '--out', MNIST],
      /cannot use it as the output folder/,
    ],
    [
      ['compare', fixture('bad-manifest.json', '{"format":"cutline-manifest","parts":[null]}')],
      /part 1 is not an object/,
    ],
    [
      ['compare', fixture('escape.json', JSON.stringify(escapingManifest()))],
      /not a plain file name/,
    ],
    [
      ['split', fixture('escape.onnx', escapingModel()), '--cut', 'y', '--out', '/tmp/x'],
      /outside the model's folder/,
    ],
    [
      ['split', MNIST, '--spec', fixture('huge.json', hugeSpec()), '--out', '/tmp/x'],
      /at most 12 parts/,
    ],
    [['info', fixture('twice.onnx', twiceModel())], /"a" is produced by two nodes/],
  ])('usage and input errors exit 2 with one line: %j', (args, message) => {
    const r = cutline(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toMatch(message);
  });
});

const scratch = mkdtempSync(join(tmpdir(), 'cutline-cli-'));

/** A file in a scratch folder, for inputs a test makes up. */
function fixture(name: string, content: string | Uint8Array): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

function escapingManifest() {
  const part = {
    id: 1,
    file: '../../etc/passwd',
    nodes: 1,
    weightBytes: 0,
    inputs: [],
    outputs: [],
  };
  return {
    format: 'cutline-manifest',
    version: 1,
    source: { file: 'm.onnx', sha256: '' },
    parts: [part],
    modelOutputs: [],
  };
}

/** A model whose weight claims to live two folders up. */
function escapingModel(): Uint8Array {
  return buildModel({
    inputs: [{ name: 'x', elemType: FLOAT, shape: [2] }],
    outputs: [{ name: 'y', elemType: FLOAT, shape: [2] }],
    rawInitializers: [
      {
        name: 'w',
        dataType: FLOAT,
        dims: [2],
        dataLocation: 1,
        externalData: [{ key: 'location', value: '../../secret.data' }],
      },
    ],
    nodes: [{ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }],
  });
}

function twiceModel(): Uint8Array {
  return buildModel({
    inputs: [{ name: 'x', elemType: FLOAT, shape: [2] }],
    outputs: [{ name: 'a', elemType: FLOAT, shape: [2] }],
    nodes: [
      { op: 'Relu', inputs: ['x'], outputs: ['a'] },
      { op: 'Neg', inputs: ['x'], outputs: ['a'] },
    ],
  });
}

function hugeSpec(): string {
  const assignment = Array.from({ length: 12 }, (_, i) => ({
    node: `#${i}`,
    part: i === 11 ? 1_000_000_000 : 1,
  }));
  return JSON.stringify({
    format: 'cutline-spec',
    version: 1,
    source: { file: 'model.onnx', sha256: '' },
    assignment,
  });
}

/** mnist-8 with the high bytes of many weights of its last layer changed. */
function perturbWeights(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  const from = Math.floor(copy.length * 0.6);
  for (let at = from; at < from + 4000; at += 4) copy[at] = copy[at]! ^ 0x20;
  return copy;
}
