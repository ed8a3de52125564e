/**
 * Types and shapes of every value of the main graph: the file's own value infos first, then
 * inference by operator in topological order (with small integer constants folded, so that
 * Reshape targets built from Shape/Gather/Concat resolve).
 */
import { tensorBytes } from '../../onnx/dtype.js';
import type { GraphProto, NodeProto } from '../../onnx/proto.js';
import { readTensorProto } from '../../run/tensors.js';
import type { Dim, TensorType } from '../../types.js';
import type { ModelGraph } from '../graph.js';
import { tensorType, typeFromValueInfo } from '../valuetype.js';
import { inferElemTypes } from './dtype.js';
import { inferShapes, type Shape } from './shape.js';
import { inferSequences, sequenceElemType } from './sequence.js';

const MAX_CONST = 64;

function initializerInts(graph: ModelGraph, name: string): number[] | null {
  const t = graph.initializers.get(name);
  if (!t || (t.dataType !== 7 && t.dataType !== 6) || t.external) return null;
  const count = t.dims.reduce((a, b) => a * b, 1);
  if (count > MAX_CONST) return null;
  const bytes = graph.model.bytes;
  const tensor = readTensorProto(bytes.subarray(t.span.dataStart, t.span.end));
  return Array.from(tensor.data as ArrayLike<number | bigint>, (v) => Number(v));
}

function constantNodeInts(node: NodeProto): number[] | null {
  for (const a of node.attribute) {
    if (a.name === 'value_int') return [Number(a.i ?? 0)];
    if (a.name === 'value_ints') return a.ints.map((v) => Number(v));
    if (a.name === 'value' && a.t && (a.t.dataType === 7 || a.t.dataType === 6)) {
      const count = a.t.dims.reduce<number>((n, d) => n * Number(d), 1);
      if (count > MAX_CONST) return null;
      if (a.t.rawData && a.t.rawData.length > 0) {
        const copy = a.t.rawData.slice();
        const arr =
          a.t.dataType === 7 ? new BigInt64Array(copy.buffer) : new Int32Array(copy.buffer);
        return Array.from(arr as ArrayLike<number | bigint>, (v) => Number(v));
      }
      const list = a.t.dataType === 7 ? a.t.int64Data : a.t.int32Data;
      return (list ?? []).map((v) => Number(v));
    }
  }
  return null;
}

/** Folds the integer ops that build shapes, when all their inputs are known. */
function foldInts(
  node: NodeProto,
  consts: (i: number) => number[] | null,
  shapes: Shape[],
): number[] | null {
  const attrInt = (n: string, d: number) => {
    const a = node.attribute.find((x) => x.name === n);
    return a ? Number(a.i ?? 0) : d;
  };
  switch (node.opType) {
    case 'Constant':
      return constantNodeInts(node);
    case 'Shape': {
      const s = shapes[0];
      if (!s || s.some((d) => typeof d !== 'number')) return null;
      const start = attrInt('start', 0);
      const endA = node.attribute.find((x) => x.name === 'end');
      return (s as number[]).slice(start, endA ? Number(endA.i) : undefined);
    }
    case 'Identity':
    case 'Cast':
    case 'Squeeze':
    case 'Unsqueeze':
      return consts(0);
    case 'Concat': {
      const parts = node.input.map((_, i) => consts(i));
      return parts.every((p) => p) ? (parts.flat() as number[]) : null;
    }
    case 'Gather': {
      const data = consts(0);
      const idx = consts(1);
      if (!data || !idx || attrInt('axis', 0) !== 0) return null;
      return idx.map((i) => data[i < 0 ? i + data.length : i]!).some((v) => v === undefined)
        ? null
        : idx.map((i) => data[i < 0 ? i + data.length : i]!);
    }
    default:
      return null;
  }
}

type ConstLookup = (name: string) => number[] | null;

/** Types of a body's outputs, inferred inside it with the enclosing scope's types visible. */
function inferBody(
  outerSeqs: Map<string, number>,
  g: GraphProto,
  outer: Map<string, TensorType>,
  inputTypes: (TensorType | null)[],
  constOf: ConstLookup,
  opset: number,
): (TensorType | null)[] {
  const local = new Map(outer);
  g.input.forEach((v, k) => {
    const t = typeFromValueInfo(v) ?? inputTypes[k] ?? null;
    if (t) local.set(v.name, t);
    else local.delete(v.name);
  });
  for (const t of g.initializer ?? [])
    local.set(
      t.name,
      tensorType(
        t.dataType,
        t.dims.map((d) => Number(d)),
      ),
    );
  for (const v of g.valueInfo ?? []) {
    const t = typeFromValueInfo(v);
    if (t) local.set(v.name, t);
  }
  const consts = new Map<string, number[]>();
  const localConst: ConstLookup = (name) =>
    consts.get(name) ?? (local.has(name) && !outer.has(name) ? null : constOf(name));
  const seqs = new Map(outerSeqs);
  for (const node of g.node ?? []) inferStep(node, local, localConst, opset, consts, seqs);
  return g.output.map((v) => typeFromValueInfo(v) ?? local.get(v.name) ?? null);
}

/** With a scan or loop output stacked over iterations: one more leading dimension, unknown. */
const stacked = (t: TensorType | null) =>
  t ? tensorType(t.elemType, t.shape ? [null, ...t.shape] : null) : null;

function bodyOutputTypes(
  seqsOf: Map<string, number>,
  node: NodeProto,
  types: Map<string, TensorType>,
  constOf: ConstLookup,
  opset: number,
): (TensorType | null)[] | null {
  const body = (name: string): GraphProto | undefined =>
    node.attribute.find((a) => a.name === name)?.g;
  const outer = (i: number) => (node.input[i] ? (types.get(node.input[i]!) ?? null) : null);
  switch (node.opType) {
    case 'If': {
      const then = body('then_branch');
      const other = body('else_branch');
      const a = then ? inferBody(seqsOf, then, types, [], constOf, opset) : null;
      const b = other ? inferBody(seqsOf, other, types, [], constOf, opset) : null;
      return (
        (a ?? b)?.map((t, k) => {
          const o = b?.[k];
          if (!t) return o ?? null;
          if (!o || JSON.stringify(o.shape) === JSON.stringify(t.shape)) return t;
          const sameRank = t.shape && o.shape && t.shape.length === o.shape.length;
          return tensorType(
            t.elemType,
            sameRank ? t.shape!.map((d, i) => (d === o.shape![i] ? d : null)) : null,
          );
        }) ?? null
      );
    }
    case 'Loop': {
      const g = body('body');
      if (!g) return null;
      const carried = node.input.length - 2;
      const ins = g.input.map((_, k) =>
        k === 0 ? tensorType(7, []) : k === 1 ? tensorType(9, []) : outer(k),
      );
      return inferBody(seqsOf, g, types, ins, constOf, opset)
        .slice(1)
        .map((t, k) => (k < carried ? t : stacked(t)));
    }
    case 'Scan': {
      const g = body('body');
      if (!g) return null;
      const stateCount =
        g.input.length - Number(node.attribute.find((a) => a.name === 'num_scan_inputs')?.i ?? 0);
      return inferBody(seqsOf, g, types, [], constOf, opset).map((t, k) =>
        k < stateCount ? t : stacked(t),
      );
    }
  }
  return null;
}

/** Infers one node's outputs into `types`, and folds small integer constants into `consts`. */
function inferStep(
  node: NodeProto,
  types: Map<string, TensorType>,
  constOf: ConstLookup,
  opset: number,
  consts: Map<string, number[]>,
  seqs: Map<string, number>,
): void {
  const inTypes = node.input.map((n) => (n ? (types.get(n) ?? null) : null));
  const fromSeq = inferSequences(node, (n) => types.get(n)?.elemType ?? 0, seqs);
  const elem = inferElemTypes(
    node,
    inTypes.map((t) => t?.elemType ?? 0),
    opset,
  );
  const shapes = inferShapes(node, {
    inputs: inTypes.map((t) => t?.shape ?? null),
    constInts: (i) => constOf(node.input[i] ?? ''),
    opset,
  });
  const fromBody = node.attribute.some((a) => a.g || a.graphs?.length)
    ? bodyOutputTypes(seqs, node, types, constOf, opset)
    : null;
  node.output.forEach((name, k) => {
    if (!name) return;
    const declared = types.get(name);
    const bodyType = fromBody?.[k] ?? null;
    const elemType = declared?.elemType || elem[k] || fromSeq[k] || bodyType?.elemType || 0;
    const shape: Dim[] | null = declared?.shape ?? shapes[k] ?? bodyType?.shape ?? null;
    if (elemType) types.set(name, tensorType(elemType, shape));
  });
  if (node.output.length === 1 && node.output[0]) {
    const folded = foldInts(
      node,
      (i) => constOf(node.input[i] ?? ''),
      inTypes.map((t) => t?.shape ?? null),
    );
    if (folded && folded.length <= MAX_CONST) consts.set(node.output[0], folded);
  }
}

export interface InferredTypes {
  types: Map<string, TensorType>;
  /** Sequence values and the element type of the tensors they hold. */
  sequences: Map<string, number>;
}

/** The file's types merged with inferred ones; the file wins where it states a shape. */
export function inferTypes(graph: ModelGraph): InferredTypes {
  const types = new Map(graph.types);
  const g = graph.model.graph;
  const seqs = new Map<string, number>();
  for (const v of [...g.inputs, ...g.outputs, ...g.valueInfo]) {
    const t = sequenceElemType(v.proto.type);
    if (t) seqs.set(v.proto.name, t);
  }
  const consts = new Map<string, number[]>();
  const opset = Number(
    graph.model.opsets.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version ?? 1n,
  );
  const constOf: ConstLookup = (name) => {
    if (!name) return null;
    const known = consts.get(name);
    if (known) return known;
    const fromInit = initializerInts(graph, name);
    if (fromInit) consts.set(name, fromInit);
    return fromInit;
  };
  for (const id of graph.order) {
    inferStep(graph.nodes[id]!.proto, types, constOf, opset, consts, seqs);
  }
  return { types, sequences: seqs };
}

/** Bytes of one instance of a value, when its type and shape are fully known. */
export function valueBytes(t: TensorType | null | undefined): number | null {
  return t?.shape ? tensorBytes(t.elemType, t.shape) : null;
}
