/**
 * Byte fidelity of parts: every node, initializer and function a part keeps is byte-identical
 * to its source message, and fields the schema does not know survive.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CutlineDocument, readModel } from '../src/index.js';
import type { FieldSpan } from '../src/onnx/wire.js';
import { ChunkWriter, scanFields, varint } from '../src/onnx/wire.js';
import { exportParts } from '../src/split/export.js';
import { allModelFiles } from './corpus.js';
import { buildModel, FLOAT } from './fixtures/builder.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** Messages (payload bytes) of one repeated field of the graph, and of the model's functions. */
function messages(bytes: Uint8Array): {
  nodes: Set<string>;
  inits: Set<string>;
  functions: Set<string>;
} {
  const model = readModel(bytes);
  const pay = (s: FieldSpan) => hex(bytes.subarray(s.dataStart, s.end));
  return {
    nodes: new Set(model.graph.nodes.map((n) => pay(n.span))),
    inits: new Set(model.graph.initializers.map((t) => pay(t.span))),
    functions: new Set(model.functions.map((f) => pay(f.span))),
  };
}

function checkParts(source: Uint8Array, parts: Uint8Array[]): number {
  const src = messages(source);
  let count = 0;
  for (const part of parts) {
    const got = messages(part);
    for (const n of got.nodes) expect(src.nodes.has(n)).toBe(true);
    for (const t of got.inits) expect(src.inits.has(t)).toBe(true);
    for (const f of got.functions) expect(src.functions.has(f)).toBe(true);
    count += got.nodes.size + got.inits.size + got.functions.size;
  }
  return count;
}

describe('byte fidelity', () => {
  test('corpus: every kept node, weight and function is the source message, byte for byte', () => {
    let models = 0;
    let messagesChecked = 0;
    for (const path of allModelFiles()) {
      const bytes = new Uint8Array(readFileSync(path));
      const doc = CutlineDocument.open(bytes, 'model.onnx');
      const live = doc.view.order.filter((id) => !doc.graph.constant[id]);
      if (live.length < 2) continue;
      const cut = doc.view.nodes[live[Math.floor(live.length / 2)]!]!.outputs[0]!;
      const plan = doc.plan([[cut]]);
      try {
        const { files } = exportParts(doc.graph, plan, doc.graph.types, {
          file: 'model.onnx',
          sha256: '',
          stem: 'model',
        });
        messagesChecked += checkParts(
          bytes,
          files.filter((f) => f.name.endsWith('.onnx')).map((f) => f.bytes),
        );
        models++;
      } catch {
        // Types of this boundary are not in the file nor inferable without a run: covered by the corpus test.
      }
    }
    process.stdout.write(
      `\nbyte fidelity: ${models} corpus models split, ${messagesChecked} messages identical to source\n`,
    );
    expect(models).toBeGreaterThan(60);
  });

  test('fields the schema does not know survive in nodes, graph and model', () => {
    const base = buildModel({
      inputs: [{ name: 'x', elemType: FLOAT, shape: [2] }],
      outputs: [{ name: 'y', elemType: FLOAT, shape: [2] }],
      nodes: [
        { op: 'Relu', inputs: ['x'], outputs: ['a'] },
        { op: 'Neg', inputs: ['a'], outputs: ['y'] },
      ],
    });
    // Field 999 (varint 7) appended to each node, to the graph and to the model.
    const unknown = Uint8Array.from([...varint(999 * 8), 7]);
    const withUnknown = (payload: Uint8Array) => new ChunkWriter().push(payload).push(unknown);
    const model = new ChunkWriter();
    for (const f of scanFields(base, 0, base.length)) {
      if (f.field !== 7) {
        model.push(base.subarray(f.start, f.end));
        continue;
      }
      const graph = new ChunkWriter();
      for (const g of scanFields(base, f.dataStart, f.end)) {
        if (g.field === 1) graph.pushMessage(1, withUnknown(base.subarray(g.dataStart, g.end)));
        else graph.push(base.subarray(g.start, g.end));
      }
      graph.push(unknown);
      model.pushMessage(7, graph);
    }
    model.push(unknown);
    const bytes = model.finish();
    const doc = CutlineDocument.open(bytes, 'unknown.onnx');
    const { files } = exportParts(doc.graph, doc.plan([['a']]), doc.graph.types, {
      file: 'u.onnx',
      sha256: '',
      stem: 'u',
    });
    for (const f of files.filter((x) => x.name.endsWith('.onnx'))) {
      const part = readModel(f.bytes);
      expect(part.spans.some((s) => s.field === 999)).toBe(true);
      expect(part.graph.spans.some((s) => s.field === 999)).toBe(true);
      for (const n of part.graph.nodes) {
        expect(scanFields(f.bytes, n.span.dataStart, n.span.end).some((s) => s.field === 999)).toBe(
          true,
        );
      }
    }
    checkParts(
      bytes,
      files.filter((x) => x.name.endsWith('.onnx')).map((x) => x.bytes),
    );
  });
});
