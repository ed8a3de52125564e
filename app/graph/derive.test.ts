import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CutlineDocument } from '../../src/index.ts';
import { flowElements, layoutInput, withPlan } from './derive.ts';
import type { LayoutResult } from '../workers/layoutProtocol.ts';

const bytes = new Uint8Array(
  readFileSync(new URL('../../public/samples/ultraface-rfb-320.onnx', import.meta.url)),
);
const doc = CutlineDocument.open(bytes, 'ultraface-rfb-320.onnx');

function fakeLayout(ids: string[]): LayoutResult {
  const positions = Object.fromEntries(ids.map((id, i) => [id, { x: 0, y: i * 100 }]));
  return { positions, bends: {}, width: 200, height: ids.length * 100 };
}

describe('graph derivation', () => {
  it('draws ops, model inputs and outputs as nodes, and one edge per value and reader', () => {
    const { nodes, edges } = layoutInput(doc.view);
    expect(nodes).toHaveLength(
      doc.view.nodes.length + doc.view.inputs.length + doc.view.outputs.length,
    );
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    const ids = new Set(nodes.map((n) => n.id));
    for (const e of edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    const weightNames = new Set(doc.view.nodes.flatMap((n) => n.weights.map((w) => w.name)));
    expect(edges.some((e) => weightNames.has(e.value))).toBe(false);
  });

  it('routes each edge from its source bottom to its target top and tints parts', () => {
    const input = layoutInput(doc.view);
    const { nodes, edges } = flowElements(doc.view, fakeLayout(input.nodes.map((n) => n.id)));
    for (const e of edges) expect(e.data!.points.length).toBeGreaterThanOrEqual(2);

    const middle = doc.view.order[Math.floor(doc.view.order.length / 2)]!;
    const value = doc.view.nodes[middle]!.outputs[0]!;
    const plan = doc.plan([[value]]);
    const drawn = withPlan(nodes, edges, doc.view, plan.partOf);
    const parts = new Set(drawn.nodes.map((n) => n.data.part));
    expect(parts.has(1) && parts.has(2)).toBe(true);
    expect(drawn.edges.some((e) => e.data!.boundary)).toBe(true);
  });
});
