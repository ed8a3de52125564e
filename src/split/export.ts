/**
 * Writes each part of a plan as an ONNX model built from the source's own bytes: new framing
 * (graph name, inputs, outputs) around the original bytes of every node, initializer,
 * function and value info the part keeps. Also writes the manifest that chains the parts.
 */
import { CutlineError } from '../errors.js';
import type { ModelGraph } from '../graph/graph.js';
import { functionsNeeded } from '../graph/scopes.js';
import { GraphField, ModelField, ValueInfoProtoType } from '../onnx/schema.js';
import { ChunkWriter, type FieldSpan } from '../onnx/wire.js';
import { inlineTensor } from '../onnx/external.js';
import { buildManifest } from './manifest.js';
import type {
  ExportedFile,
  Manifest,
  SplitPlan,
  TensorType,
  WeightSharing,
} from '../types.js';

/** What one part reads and writes, in a stable order. */
export interface PartInterface {
  id: number;
  nodeIds: number[];
  inputs: string[];
  outputs: string[];
  initializers: string[];
}

/**
 * Works out each part's inputs, outputs and weights from a plan. With `sharing` = 'input', a
 * weight read by several parts becomes an input of each instead of a copy.
 */
export function partInterfaces(
  graph: ModelGraph,
  plan: SplitPlan,
  sharing: WeightSharing = 'copy',
): PartInterface[] {
  const shared = sharing === 'input' ? sharedWeightNames(graph, plan) : new Set<string>();
  const modelOutputs = new Set(graph.modelOutputs);
  const inputOrder = new Map(graph.modelInputs.map((n, i) => [n, i]));
  return plan.parts.map((part) => {
    // The part's own nodes and the constant nodes copied in, in topological order.
    const nodeIds = [...part.nodeIds, ...(part.copies ?? [])].sort(
      (a, b) => graph.rank[a]! - graph.rank[b]!,
    );
    const produced = new Set<string>();
    const reads: string[] = [];
    const seenRead = new Set<string>();
    for (const id of nodeIds) {
      const node = graph.nodes[id]!;
      for (const v of node.reads) {
        if (!seenRead.has(v)) {
          seenRead.add(v);
          reads.push(v);
        }
      }
      for (const v of node.writes) produced.add(v);
    }
    const initializers = reads.filter(
      (v) => (graph.initializers.has(v) || graph.sparseInitializers.has(v)) && !shared.has(v),
    );
    const inputs = reads.filter(
      (v) =>
        !produced.has(v) &&
        ((!graph.initializers.has(v) && !graph.sparseInitializers.has(v)) || shared.has(v)),
    );
    // Model inputs first in their declared order, then boundary values in the order they are made.
    const key = (v: string): number => {
      const i = inputOrder.get(v);
      if (i !== undefined) return i;
      const p = graph.producer.get(v);
      return inputOrder.size + (p === undefined ? graph.nodes.length : graph.rank[p]!);
    };
    inputs.sort((a, b) => key(a) - key(b));
    const outputs: string[] = [];
    for (const id of part.nodeIds) {
      for (const v of graph.nodes[id]!.writes) {
        // Later parts make constants themselves; only a model output leaves as one.
        const later =
          !graph.constant[id] &&
          (graph.consumers.get(v) ?? []).some((r) => plan.partOf[r]! > part.id);
        if (later || modelOutputs.has(v)) outputs.push(v);
      }
    }
    // A model output that no node produces (a pass-through input, or a weight) leaves from part 1.
    if (part.id === 1) {
      for (const v of graph.modelOutputs) {
        if (graph.producer.has(v) || outputs.includes(v)) continue;
        if (graph.initializers.has(v)) {
          if (!initializers.includes(v)) initializers.push(v);
        } else if (!inputs.includes(v)) inputs.push(v);
        outputs.push(v);
      }
    }
    return { id: part.id, nodeIds, inputs, outputs, initializers };
  });
}

/** Dense weights read by more than one part. */
export function sharedWeightNames(graph: ModelGraph, plan: SplitPlan): Set<string> {
  const count = new Map<string, number>();
  for (const part of plan.parts) {
    const seen = new Set<string>();
    for (const id of [...part.nodeIds, ...(part.copies ?? [])])
      for (const v of graph.nodes[id]!.reads) if (graph.initializers.has(v)) seen.add(v);
    for (const v of seen) count.set(v, (count.get(v) ?? 0) + 1);
  }
  return new Set([...count].filter(([, n]) => n > 1).map(([v]) => v));
}

function encodeValueInfo(name: string, type: TensorType): Uint8Array {
  const dim = (type.shape ?? []).map((d) =>
    typeof d === 'number' ? { dimValue: d } : typeof d === 'string' ? { dimParam: d } : {},
  );
  const tensorType = { elemType: type.elemType, ...(type.shape ? { shape: { dim } } : {}) };
  return ValueInfoProtoType.encode({ name, type: { tensorType } }).finish();
}

/** Index of the ValueInfoProto spans the file already has, by value name (typed ones only). */
function declaredValueInfo(graph: ModelGraph): Map<string, FieldSpan> {
  const g = graph.model.graph;
  const map = new Map<string, FieldSpan>();
  for (const list of [g.valueInfo, g.outputs, g.inputs]) {
    for (const v of list) {
      if (
        v.proto.type?.tensorType?.elemType ||
        v.proto.type?.sequenceType ||
        v.proto.type?.optionalType ||
        v.proto.type?.mapType ||
        v.proto.type?.sparseTensorType?.elemType
      ) {
        map.set(v.proto.name, v.span);
      }
    }
  }
  return map;
}

export interface WriteOptions {
  /** Declare values of unknown type by name alone (only for onnxruntime's own inference). */
  allowUntyped?: boolean;
  /** Keep the source graph's name instead of `<name>_part<j>`. */
  keepGraphName?: boolean;
  /** Declare these by name alone, whatever is known of them (to ask onnxruntime afresh). */
  bareOutputs?: Set<string>;
  /** The graph name to write (default `<name>_part<j>`). */
  graphName?: string;
  /** External data files by location: weights stored there are written into the part instead. */
  inlineExternal?: Map<string, Uint8Array>;
}

/** Serialises one part into one buffer. */
export function writePart(
  graph: ModelGraph,
  part: PartInterface,
  types: Map<string, TensorType>,
  options: WriteOptions = {},
): Uint8Array {
  return concatChunks(writePartChunks(graph, part, types, options));
}

function concatChunks(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A file given as chunks; `bytes` joins them on first use. */
function chunkedFile(name: string, chunks: Uint8Array[]): ExportedFile {
  let joined: Uint8Array | undefined;
  return {
    name,
    chunks,
    get bytes() {
      return (joined ??= concatChunks(chunks));
    },
  };
}

/** Serialises one part as chunks. `types` must hold a type for every input and output without one in the file. */
export function writePartChunks(
  graph: ModelGraph,
  part: PartInterface,
  types: Map<string, TensorType>,
  options: WriteOptions = {},
): Uint8Array[] {
  const model = graph.model;
  const bytes = model.bytes;
  const g = model.graph;
  const declared = declaredValueInfo(graph);
  const raw = (s: FieldSpan) => bytes.subarray(s.dataStart, s.end);

  const valueInfoBytes = (name: string): Uint8Array => {
    if (options.bareOutputs?.has(name)) return ValueInfoProtoType.encode({ name }).finish();
    const span = declared.get(name);
    if (span) return raw(span);
    const t = types.get(name);
    const seq = graph.sequences.get(name);
    if (!t?.elemType && seq) {
      const elemType = { tensorType: { elemType: seq } };
      return ValueInfoProtoType.encode({ name, type: { sequenceType: { elemType } } }).finish();
    }
    if ((!t || !t.elemType) && options.allowUntyped)
      return ValueInfoProtoType.encode({ name }).finish();
    if (!t || !t.elemType) {
      throw new CutlineError(
        'type-unknown',
        `The element type of "${name}" is unknown, so part ${part.id} cannot declare it.`,
      );
    }
    return encodeValueInfo(name, t);
  };

  const gw = new ChunkWriter();
  for (const id of part.nodeIds) gw.pushBytes(GraphField.node, raw(g.nodes[id]!.span));
  gw.pushString(
    GraphField.name,
    options.graphName ?? (options.keepGraphName ? g.name : `${g.name || 'graph'}_part${part.id}`),
  );
  const keepInit = new Set(part.initializers);
  for (const t of g.initializers) {
    if (!keepInit.has(t.name)) continue;
    const inline = t.external && options.inlineExternal;
    gw.pushBytes(
      GraphField.initializer,
      inline ? inlineTensor(bytes, t, options.inlineExternal!) : raw(t.span),
    );
  }
  for (const s of g.sparseInitializers)
    if (keepInit.has(s.name)) gw.pushBytes(GraphField.sparseInitializer, raw(s.span));
  for (const name of part.inputs) gw.pushBytes(GraphField.input, valueInfoBytes(name));
  // Files before IR 4 list every initializer among the graph inputs; parts keep that habit.
  if (model.irVersion < 4n) {
    for (const v of g.inputs)
      if (keepInit.has(v.proto.name)) gw.pushBytes(GraphField.input, raw(v.span));
  }
  for (const name of part.outputs) gw.pushBytes(GraphField.output, valueInfoBytes(name));
  const produced = new Set(part.nodeIds.flatMap((id) => graph.nodes[id]!.writes));
  const io = new Set([...part.inputs, ...part.outputs]);
  for (const v of g.valueInfo) {
    if (produced.has(v.proto.name) && !io.has(v.proto.name))
      gw.pushBytes(GraphField.valueInfo, raw(v.span));
  }
  const touched = new Set([...produced, ...part.inputs, ...part.initializers]);
  for (const a of g.quantAnnotations)
    if (touched.has(a.tensorName)) gw.pushBytes(GraphField.quantizationAnnotation, raw(a.span));
  const rebuilt = new Set<number>([
    GraphField.node,
    GraphField.name,
    GraphField.initializer,
    GraphField.sparseInitializer,
    GraphField.input,
    GraphField.output,
    GraphField.valueInfo,
    GraphField.quantizationAnnotation,
  ]);
  // Doc string, metadata and any field the schema does not know are kept as they were.
  for (const s of g.spans) if (!rebuilt.has(s.field)) gw.push(bytes.subarray(s.start, s.end));

  const functions = new Set(
    functionsNeeded(graph, part.nodeIds).map((i) => model.functions[i]!.span.start),
  );
  const mw = new ChunkWriter();
  for (const s of model.spans) {
    if (s.field === ModelField.graph) {
      if (s === g.span) mw.pushMessage(ModelField.graph, gw);
    } else if (s.field === ModelField.functions) {
      if (functions.has(s.start)) mw.push(bytes.subarray(s.start, s.end));
    } else if (s.field !== ModelField.trainingInfo) {
      // Training info refers to the whole graph's weights; a part is an inference model.
      mw.push(bytes.subarray(s.start, s.end));
    }
  }
  return mw.chunkList();
}

/** Writes every part and the manifest (and the shared weights file when weights are inputs). */
export function exportParts(
  graph: ModelGraph,
  plan: SplitPlan,
  types: Map<string, TensorType>,
  source: { file: string; sha256: string; stem: string },
  sharing: WeightSharing = 'copy',
  inlineExternal?: Map<string, Uint8Array>,
): { files: ExportedFile[]; manifest: Manifest } {
  const parts = partInterfaces(graph, plan, sharing);
  const files: ExportedFile[] = parts.map((p) =>
    chunkedFile(
      `${source.stem}.part${p.id}.onnx`,
      writePartChunks(graph, p, types, inlineExternal ? { inlineExternal } : {}),
    ),
  );
  const shared = sharing === 'input' ? sharedWeightNames(graph, plan) : new Set<string>();
  const manifest = buildManifest(graph, parts, plan, types, source, shared);
  if (manifest.sharedWeights) {
    // A node-less model whose outputs are the weights: any ONNX tool can read it back.
    const names = manifest.sharedWeights.names;
    files.push({
      name: manifest.sharedWeights.file,
      bytes: writePart(
        graph,
        { id: 0, nodeIds: [], inputs: [], outputs: names, initializers: names },
        types,
        {
          graphName: `${graph.model.graph.name || 'graph'}_weights`,
          ...(inlineExternal ? { inlineExternal } : {}),
        },
      ),
    });
  }
  files.push({
    name: 'manifest.json',
    bytes: new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n'),
  });
  return { files, manifest };
}
