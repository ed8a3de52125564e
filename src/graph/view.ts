/** The graph as plain data for drawing: nodes with their weights, values with their types. */
import { dtypeName } from '../onnx/dtype.js';
import type { GraphView, ValueView, WeightInfo } from '../types.js';
import { isWeight, type ModelGraph } from './graph.js';

export function toGraphView(graph: ModelGraph): GraphView {
  const weightInfo = (name: string): WeightInfo | null => {
    const t = graph.initializers.get(name);
    if (t) return { name, dtype: dtypeName(t.dataType), dims: t.dims, byteLength: t.byteLength };
    if (graph.sparseInitializers.has(name))
      return { name, dtype: 'sparse', dims: [], byteLength: 0 };
    return null;
  };
  const nodes = graph.nodes.map((n) => ({
    id: n.id,
    name: n.proto.name ?? '',
    opType: n.proto.opType,
    domain: n.proto.domain ?? '',
    inputs: n.reads,
    outputs: n.writes,
    weights: n.reads.map(weightInfo).filter((w): w is WeightInfo => w !== null),
    subgraphs: n.subgraphs,
  }));
  const outputs = new Set(graph.modelOutputs);
  const inputs = new Set(graph.modelInputs);
  const names = new Set<string>([
    ...graph.modelInputs,
    ...graph.producer.keys(),
    ...graph.modelOutputs,
  ]);
  const values: ValueView[] = [];
  for (const name of names) {
    if (isWeight(graph, name)) continue;
    values.push({
      name,
      type: graph.types.get(name) ?? null,
      producer: graph.producer.get(name) ?? null,
      consumers: graph.consumers.get(name) ?? [],
      isModelInput: inputs.has(name),
      isModelOutput: outputs.has(name),
      ...(graph.sequences.has(name)
        ? { kind: `sequence(${dtypeName(graph.sequences.get(name)!)})` }
        : {}),
    });
  }
  const totalWeightBytes = [...graph.initializers.values()].reduce((s, t) => s + t.byteLength, 0);
  return {
    name: graph.model.graph.name,
    irVersion: Number(graph.model.irVersion),
    opsets: graph.model.opsets.map((o) => ({ domain: o.domain, version: Number(o.version) })),
    nodes,
    values,
    inputs: graph.modelInputs,
    outputs: graph.modelOutputs,
    order: graph.order,
    totalWeightBytes,
  };
}
