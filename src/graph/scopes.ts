/** Names defined inside subgraph bodies, and model-local functions a set of nodes needs. */
import type { GraphProto, NodeProto } from '../onnx/proto.js';
import { subgraphsOf, type ModelGraph } from './graph.js';

const innerNames = new WeakMap<ModelGraph, Set<string>>();

function collect(graph: GraphProto, into: Set<string>): void {
  for (const i of graph.input ?? []) into.add(i.name);
  for (const t of graph.initializer ?? []) into.add(t.name);
  for (const n of graph.node ?? []) {
    for (const o of n.output ?? []) if (o) into.add(o);
    for (const b of subgraphsOf(n)) collect(b, into);
  }
}

/** Every value name defined inside a subgraph body of the main graph, at any depth. */
export function subgraphValueNames(graph: ModelGraph): Set<string> {
  let names = innerNames.get(graph);
  if (!names) {
    names = new Set();
    for (const n of graph.nodes) for (const b of subgraphsOf(n.proto)) collect(b, names);
    innerNames.set(graph, names);
  }
  return names;
}

function functionKey(domain: string, name: string, overload = ''): string {
  return `${domain}\u0000${name}\u0000${overload}`;
}

/**
 * Indices into `model.functions` of the model-local functions these nodes call, directly,
 * inside their subgraphs, or through other functions.
 */
export function functionsNeeded(graph: ModelGraph, nodeIds: Iterable<number>): number[] {
  const fns = graph.model.functions;
  if (fns.length === 0) return [];
  const byKey = new Map(
    fns.map((f, i) => [functionKey(f.proto.domain ?? '', f.proto.name, f.proto.overload ?? ''), i]),
  );
  const needed = new Set<number>();
  const visitNode = (n: NodeProto): void => {
    const i = byKey.get(functionKey(n.domain ?? '', n.opType, n.overload ?? ''));
    if (i !== undefined && !needed.has(i)) {
      needed.add(i);
      for (const inner of fns[i]!.proto.node ?? []) visitNode(inner);
    }
    for (const b of subgraphsOf(n)) for (const inner of b.node ?? []) visitNode(inner);
  };
  for (const id of nodeIds) visitNode(graph.nodes[id]!.proto);
  return [...needed].sort((a, b) => a - b);
}
