/**
 * Derives what React Flow draws from our GraphView and its layout. React Flow's nodes and edges
 * are never the source of truth; they are rebuilt from the view, the layout and the plan.
 */
import type { Edge, Node } from '@xyflow/react';
import type { GraphView, NodeView, TensorType, WeightInfo } from '../../src/types.ts';
import type { LayoutEdgeIn, LayoutNodeIn, LayoutResult, Point } from '../workers/layoutProtocol.ts';
import { formatType } from '../lib/format.ts';
import { opKind, type OpKind } from './kinds.ts';

export const OP_WIDTH = 180;
export const IO_WIDTH = 170;
export const IO_HEIGHT = 40;
const WEIGHT_ROWS = 3;

export type OpNodeData = {
  opType: string;
  name: string;
  kind: OpKind;
  weights: WeightInfo[];
  part?: number;
};
export type IoNodeData = { role: 'input' | 'output'; name: string; type: string; part?: number };
export type FlowNode = Node<OpNodeData, 'op'> | Node<IoNodeData, 'io'>;
export type PolyEdgeData = { value: string; label: string; points: Point[]; boundary?: boolean };
export type FlowEdge = Edge<PolyEdgeData, 'poly'>;

export interface GraphEdge extends LayoutEdgeIn {
  value: string;
}

export const opId = (id: number) => `n${id}`;
export const inputId = (name: string) => `in:${name}`;
export const outputId = (name: string) => `out:${name}`;

export function opHeight(n: NodeView): number {
  const rows = Math.min(n.weights.length, WEIGHT_ROWS) + (n.weights.length > WEIGHT_ROWS ? 1 : 0);
  return 42 + rows * 15 + (rows ? 4 : 0);
}

/** Nodes with sizes and one edge per (value, consumer), ready for the layout worker. */
export function layoutInput(view: GraphView): { nodes: LayoutNodeIn[]; edges: GraphEdge[] } {
  const nodes: LayoutNodeIn[] = [];
  for (const name of view.inputs)
    nodes.push({ id: inputId(name), width: IO_WIDTH, height: IO_HEIGHT });
  for (const n of view.nodes) nodes.push({ id: opId(n.id), width: OP_WIDTH, height: opHeight(n) });
  for (const name of view.outputs)
    nodes.push({ id: outputId(name), width: IO_WIDTH, height: IO_HEIGHT });

  const edges: GraphEdge[] = [];
  view.values.forEach((v, i) => {
    const source = v.producer != null ? opId(v.producer) : v.isModelInput ? inputId(v.name) : null;
    if (source == null) return;
    for (const c of new Set(v.consumers)) {
      edges.push({ id: `e${i}:${c}`, source, target: opId(c), value: v.name });
    }
    if (v.isModelOutput)
      edges.push({ id: `e${i}:out`, source, target: outputId(v.name), value: v.name });
  });
  return { nodes, edges };
}

/** React Flow nodes and edges at their laid-out places; edges carry their full drawn polyline. */
export function flowElements(view: GraphView, layout: LayoutResult) {
  const { nodes: sized, edges: graphEdges } = layoutInput(view);
  const size = new Map(sized.map((n) => [n.id, n]));
  const types = new Map<string, TensorType | null>(view.values.map((v) => [v.name, v.type]));
  const kinds = new Map(view.values.map((v) => [v.name, v.kind ?? '']));
  const at = (id: string) => layout.positions[id] ?? { x: 0, y: 0 };

  const nodes: FlowNode[] = [];
  for (const name of view.inputs) {
    nodes.push(
      ioNode(inputId(name), 'input', name, formatType(types.get(name)), at(inputId(name))),
    );
  }
  for (const n of view.nodes) {
    const id = opId(n.id);
    const s = size.get(id)!;
    nodes.push({
      id,
      type: 'op',
      position: at(id),
      width: s.width,
      height: s.height,
      data: {
        opType: n.opType,
        name: n.name,
        kind: opKind(n.opType, n.subgraphs),
        weights: n.weights,
      },
    });
  }
  for (const name of view.outputs) {
    nodes.push(
      ioNode(outputId(name), 'output', name, formatType(types.get(name)), at(outputId(name))),
    );
  }

  const edges: FlowEdge[] = graphEdges.map((e) => {
    const s = size.get(e.source)!;
    const t = size.get(e.target)!;
    const sp = at(e.source);
    const tp = at(e.target);
    const points = [
      { x: sp.x + s.width / 2, y: sp.y + s.height },
      ...(layout.bends[e.id] ?? []),
      { x: tp.x + t.width / 2, y: tp.y },
    ];
    return {
      id: e.id,
      type: 'poly',
      source: e.source,
      target: e.target,
      data: {
        value: e.value,
        label: formatType(types.get(e.value)) || (kinds.get(e.value) ?? ''),
        points,
      },
    };
  });
  return { nodes, edges };
}

function ioNode(
  id: string,
  role: 'input' | 'output',
  name: string,
  type: string,
  position: Point,
): FlowNode {
  return {
    id,
    type: 'io',
    position,
    width: IO_WIDTH,
    height: IO_HEIGHT,
    data: { role, name, type },
  };
}

/** Tints nodes by part and marks boundary edges; returns new arrays, reusing unchanged objects. */
export function withPlan(
  nodes: FlowNode[],
  edges: FlowEdge[],
  view: GraphView,
  partOf: number[] | null,
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  if (!partOf) return { nodes, edges };
  const firstReader = new Map<string, number>();
  const lastWriter = new Map<string, number>();
  for (const v of view.values) {
    if (v.isModelInput) {
      const parts = v.consumers.map((c) => partOf[c] ?? 1);
      firstReader.set(v.name, parts.length ? Math.min(...parts) : 1);
    }
    if (v.isModelOutput && v.producer != null) lastWriter.set(v.name, partOf[v.producer] ?? 1);
  }
  const tinted = nodes.map((n) => {
    let part: number | undefined;
    if (n.type === 'op') part = partOf[Number(n.id.slice(1))];
    else
      part = n.data.role === 'input' ? firstReader.get(n.data.name) : lastWriter.get(n.data.name);
    return part === n.data.part ? n : ({ ...n, data: { ...n.data, part } } as FlowNode);
  });
  const marked = edges.map((e) => {
    const from = e.source.startsWith('n') ? partOf[Number(e.source.slice(1))] : undefined;
    const to = e.target.startsWith('n') ? partOf[Number(e.target.slice(1))] : undefined;
    const b = from != null && to != null && from !== to;
    return b === !!e.data!.boundary ? e : { ...e, data: { ...e.data!, boundary: b } };
  });
  return { nodes: tinted, edges: marked };
}

/** Marks the inspected node or value and the picked nodes; reuses every untouched object. */
export function withSelection(
  nodes: FlowNode[],
  edges: FlowEdge[],
  selection: { kind: 'node'; id: number } | { kind: 'value'; name: string } | null,
  picked: number[],
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  if (!selection && picked.length === 0) return { nodes, edges };
  const pickedIds = new Set(picked.map(opId));
  const nodeId = selection?.kind === 'node' ? opId(selection.id) : null;
  const value = selection?.kind === 'value' ? selection.name : null;
  const marked = nodes.map((n) => {
    const inspected = n.id === nodeId;
    const selected = pickedIds.has(n.id);
    if (!inspected && !selected) return n;
    return { ...n, selected, className: inspected ? 'inspected' : undefined } as FlowNode;
  });
  const lit =
    value == null
      ? edges
      : edges.map((e) => (e.data!.value === value ? { ...e, className: 'inspected' } : e));
  return { nodes: marked, edges: lit };
}
