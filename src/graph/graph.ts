/**
 * The graph index: who produces and who reads each value, a topological order that does not
 * trust the file's order, ancestors, and the captures of subgraphs at any depth.
 */
import { CutlineError } from '../errors.js';
import type { GraphProto, NodeProto } from '../onnx/proto.js';
import type { InitializerHeader, OnnxModel } from '../onnx/model.js';
import type { TensorType } from '../types.js';
import { tensorType, typeFromValueInfo } from './valuetype.js';
import { inferTypes } from './infer/index.js';

const RANDOM_OPS = new Set([
  'RandomNormal',
  'RandomUniform',
  'RandomNormalLike',
  'RandomUniformLike',
  'Multinomial',
  'Bernoulli',
]);

export interface IndexedNode {
  id: number;
  proto: NodeProto;
  /** Values read: non-empty inputs plus captures of its subgraphs, without duplicates. */
  reads: string[];
  /** Captures only (values read inside subgraphs from the main graph). */
  captures: string[];
  /** Non-empty outputs. */
  writes: string[];
  subgraphs: number;
}

export interface ModelGraph {
  model: OnnxModel;
  nodes: IndexedNode[];
  producer: Map<string, number>;
  consumers: Map<string, number[]>;
  initializers: Map<string, InitializerHeader>;
  sparseInitializers: Set<string>;
  /** Graph inputs that are not initializers: what a caller feeds. */
  modelInputs: string[];
  modelOutputs: string[];
  /** Node ids in a topological order (ties kept in file order). */
  order: number[];
  /** Position of each node in `order`. */
  rank: number[];
  /** Types from the file (inputs, outputs, value_info, initializers), completed by inference. */
  types: Map<string, TensorType>;
  /** Sequence values (declared or inferred) and the element type of the tensors they hold. */
  sequences: Map<string, number>;
  /**
   * Per node: true when nothing it computes depends on a model input (weights and constants
   * only, no random generator). Such nodes travel like weights: copied into each part reading them.
   */
  constant: boolean[];
}

/** The subgraph bodies a node carries (GRAPH and GRAPHS attributes). */
export function subgraphsOf(node: NodeProto): GraphProto[] {
  const out: GraphProto[] = [];
  for (const a of node.attribute ?? []) {
    if (a.g) out.push(a.g);
    for (const g of a.graphs ?? []) out.push(g);
  }
  return out;
}

/** Values a subgraph reads from enclosing scopes, recursively. */
export function capturesOf(graph: GraphProto): Set<string> {
  const defined = new Set<string>();
  for (const i of graph.input ?? []) defined.add(i.name);
  for (const t of graph.initializer ?? []) defined.add(t.name);
  for (const s of graph.sparseInitializer ?? []) if (s.values) defined.add(s.values.name);
  for (const n of graph.node ?? []) for (const o of n.output ?? []) if (o) defined.add(o);
  const captured = new Set<string>();
  for (const n of graph.node ?? []) {
    for (const i of n.input ?? []) if (i && !defined.has(i)) captured.add(i);
    for (const g of subgraphsOf(n))
      for (const c of capturesOf(g)) if (!defined.has(c)) captured.add(c);
  }
  return captured;
}

export function indexGraph(model: OnnxModel): ModelGraph {
  const g = model.graph;
  const initializers = new Map(g.initializers.map((t) => [t.name, t]));
  const sparseInitializers = new Set(g.sparseInitializers.map((s) => s.name));
  const nodes: IndexedNode[] = g.nodes.map(({ proto }, id) => {
    const subs = subgraphsOf(proto);
    const captures = new Set<string>();
    for (const s of subs) for (const c of capturesOf(s)) captures.add(c);
    const reads = [...new Set([...(proto.input ?? []).filter((x) => x !== ''), ...captures])];
    return {
      id,
      proto,
      reads,
      captures: [...captures],
      writes: (proto.output ?? []).filter((x) => x !== ''),
      subgraphs: subs.length,
    };
  });
  const producer = new Map<string, number>();
  const consumers = new Map<string, number[]>();
  for (const n of nodes) {
    for (const o of n.writes) {
      const other = producer.get(o);
      if (other !== undefined) {
        throw new CutlineError(
          'corrupt',
          `The value "${o}" is produced by two nodes (#${other} and #${n.id}); a valid ONNX graph assigns each value once.`,
        );
      }
      producer.set(o, n.id);
    }
    for (const i of n.reads) {
      const list = consumers.get(i);
      if (list) list.push(n.id);
      else consumers.set(i, [n.id]);
    }
  }
  const modelInputs = g.inputs.map((v) => v.proto.name).filter((n) => !initializers.has(n));
  const modelOutputs = g.outputs.map((v) => v.proto.name);
  const order = topologicalOrder(nodes, producer);
  const rank = new Array<number>(nodes.length);
  order.forEach((id, pos) => (rank[id] = pos));
  const types = new Map<string, TensorType>();
  for (const t of g.initializers) if (t.dataType) types.set(t.name, tensorType(t.dataType, t.dims));
  for (const list of [g.valueInfo, g.inputs, g.outputs]) {
    for (const { proto } of list) {
      const t = typeFromValueInfo(proto);
      if (t) types.set(proto.name, t);
    }
  }
  const inputSet = new Set(modelInputs);
  const constant = new Array<boolean>(nodes.length).fill(true);
  for (const id of order) {
    // A random generator gives other values each run: it is never a constant to copy.
    constant[id] =
      !RANDOM_OPS.has(nodes[id]!.proto.opType) &&
      nodes[id]!.reads.every((v) => {
        if (inputSet.has(v)) return false;
        const p = producer.get(v);
        return p === undefined || constant[p]!;
      });
  }
  const graph: ModelGraph = {
    model,
    nodes,
    constant,
    producer,
    consumers,
    initializers,
    sparseInitializers,
    modelInputs,
    modelOutputs,
    order,
    rank,
    types,
    sequences: new Map(),
  };
  const inferred = inferTypes(graph);
  graph.types = inferred.types;
  graph.sequences = inferred.sequences;
  return graph;
}

function topologicalOrder(nodes: IndexedNode[], producer: Map<string, number>): number[] {
  const pending = new Array<number>(nodes.length).fill(0);
  const dependents: number[][] = nodes.map(() => []);
  for (const n of nodes) {
    const deps = new Set<number>();
    for (const v of n.reads) {
      const p = producer.get(v);
      if (p !== undefined && p !== n.id) deps.add(p);
    }
    pending[n.id] = deps.size;
    for (const d of deps) dependents[d]!.push(n.id);
  }
  // Ready nodes leave in file order (a min-heap on the node id), so a file that is already
  // topologically sorted keeps its order exactly and others move as little as possible.
  const ready = new MinHeap();
  for (const n of nodes) if (pending[n.id] === 0) ready.push(n.id);
  const order: number[] = [];
  while (ready.size > 0) {
    const id = ready.pop();
    order.push(id);
    for (const d of dependents[id]!) {
      pending[d]!--;
      if (pending[d] === 0) ready.push(d);
    }
  }
  if (order.length !== nodes.length) {
    const stuck = nodes.find((n) => pending[n.id]! > 0)!;
    throw new CutlineError(
      'corrupt',
      `The graph has a cycle through node "${stuck.proto.name || stuck.proto.opType}" (#${stuck.id}): ONNX graphs must be acyclic.`,
    );
  }
  return order;
}

/** Every node needed to compute `values`: their producers and all their ancestors. */
export function ancestors(graph: ModelGraph, values: Iterable<string>): Set<number> {
  const seen = new Set<number>();
  const stack: number[] = [];
  for (const v of values) {
    const p = graph.producer.get(v);
    if (p !== undefined && !seen.has(p)) {
      seen.add(p);
      stack.push(p);
    }
  }
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const v of graph.nodes[id]!.reads) {
      const p = graph.producer.get(v);
      if (p !== undefined && !seen.has(p)) {
        seen.add(p);
        stack.push(p);
      }
    }
  }
  return seen;
}

/** True when the value is a weight (dense or sparse initializer) of the main graph. */
export function isWeight(graph: ModelGraph, name: string): boolean {
  return graph.initializers.has(name) || graph.sparseInitializers.has(name);
}

class MinHeap {
  private items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(v: number): void {
    const a = this.items;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= v) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = v;
  }

  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && a[r]! < a[l]! ? r : l;
        if (a[c]! >= last) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}
