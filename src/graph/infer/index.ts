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
        const arr = a.t.dataType === 7 ? new BigInt64Array(copy.buffer) : new Int32Array(copy.buffer);
        return Array.from(arr as ArrayLike<number | bigint>, (v) => Number(v));
      }
      const list = a.t.dataType === 7 ? a.t.int64Data : a.t.int32Data;
      return (list ?? []).map((v) => Number(v));
    }
  }
  return null;
}

/** Folds the integer ops that build shapes, when all their inputs are known. */
function foldInts(node: NodeProto, consts: (i: number) => number[] | null, shapes: Shape[]): number[] | null {
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
    case 'Identity': case 'Cast': case 'Squeeze': case 'Unsqueeze':
      return consts(0);
    case 'Concat': {
      const parts = node.input.map((_, i) => consts(i));
      return parts.every((p) => p) ? parts.flat() as number[] : null;
    }
    case 'Gather': {
      const data = consts(0);
      const idx = consts(1);
      if (!data || !idx || attrInt('axis', 0) !== 0) return null;
      return idx.map((i) => data[i < 0 ? i + data.length : i]!).some((v) => v === undefined) ? null : idx.map((i) => data[i < 0 ? i + data.length : i]!);
    }
    default:
      return null;
  }
}

function bodyOutputTypes(node: NodeProto): (TensorType | null)[] | null {
  const body = (name: string): GraphProto | undefined => node.attribute.find((a) => a.name === name)?.g;
  const types = (g: GraphProto | undefined) => (g ? g.output.map(typeFromValueInfo) : null);
  switch (node.opType) {
    case 'If': {
      const a = types(body('then_branch'));
      const b = types(body('else_branch'));
      return (a ?? b)?.map((t, k) => {
        const other = b?.[k];
        if (!t) return other ?? null;
        if (!other || JSON.stringify(other.shape) === JSON.stringify(t.shape)) return t;
        return tensorType(t.elemType, t.shape && other.shape && t.shape.length === other.shape.length ? t.shape.map((d, i) => (d === other.shape![i] ? d : null)) : null);
      }) ?? null;
    }
    case 'Loop': {
      const g = body('body');
      if (!g) return null;
      const carried = node.input.length - 2;
      return g.output.slice(1).map((v, k) => {
        const t = typeFromValueInfo(v);
        if (!t) return null;
        return k < carried ? t : tensorType(t.elemType, t.shape ? [null, ...t.shape] : null);
      });
    }
    case 'Scan': {
      const g = body('body');
      if (!g) return null;
      const stateCount = g.input.length - Number(node.attribute.find((a) => a.name === 'num_scan_inputs')?.i ?? 0);
      return g.output.map((v, k) => {
        const t = typeFromValueInfo(v);
        if (!t) return null;
        return k < stateCount ? t : tensorType(t.elemType, t.shape ? [null, ...t.shape] : null);
      });
    }
  }
  return null;
}

/** The file's types merged with inferred ones; the file wins where it states a shape. */
export function inferTypes(graph: ModelGraph): Map<string, TensorType> {
  const types = new Map(graph.types);
  const consts = new Map<string, number[]>();
  const defaultOpset = Number(graph.model.opsets.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version ?? 1n);
  const constOf = (name: string): number[] | null => {
    if (!name) return null;
    const known = consts.get(name);
    if (known) return known;
    const fromInit = initializerInts(graph, name);
    if (fromInit) consts.set(name, fromInit);
    return fromInit;
  };
  for (const id of graph.order) {
    const node = graph.nodes[id]!.proto;
    const inTypes = node.input.map((n) => (n ? types.get(n) ?? null : null));
    const elem = inferElemTypes(node, inTypes.map((t) => t?.elemType ?? 0), defaultOpset);
    const shapes = inferShapes(node, {
      inputs: inTypes.map((t) => t?.shape ?? null),
      constInts: (i) => constOf(node.input[i] ?? ''),
      opset: defaultOpset,
    });
    const fromBody = bodyOutputTypes(node);
    node.output.forEach((name, k) => {
      if (!name) return;
      const declared = types.get(name);
      const bodyType = fromBody?.[k] ?? null;
      const elemType = declared?.elemType || elem[k] || bodyType?.elemType || 0;
      const shape: Dim[] | null = declared?.shape ?? shapes[k] ?? bodyType?.shape ?? null;
      if (elemType) types.set(name, tensorType(elemType, shape));
    });
    if (node.output.length === 1 && node.output[0]) {
      const folded = foldInts(node, (i) => constOf(node.input[i] ?? ''), inTypes.map((t) => t?.shape ?? null));
      if (folded && folded.length <= MAX_CONST) consts.set(node.output[0], folded);
    }
  }
  return types;
}

/** Bytes of one instance of a value, when its type and shape are fully known. */
export function valueBytes(t: TensorType | null | undefined): number | null {
  return t?.shape ? tensorBytes(t.elemType, t.shape) : null;
}
