/** One node in full, for the inspector: attributes with readable values, typed inputs and outputs. */
import { dtypeName } from '../onnx/dtype.js';
import type { AttributeProto, TensorProto } from '../onnx/proto.js';
import { toNumber } from '../onnx/proto.js';
import { TensorProtoType } from '../onnx/schema.js';
import { readTensorProto } from '../run/tensors.js';
import type { TensorType } from '../types.js';
import type { ModelGraph } from './graph.js';
import { formatType } from './valuetype.js';

export interface TensorSummary {
  dtype: string;
  dims: number[];
  first: (number | string)[];
  min?: number;
  max?: number;
}

export interface AttributeView {
  name: string;
  /** `float`, `int`, `string`, `tensor`, `graph`, `floats`, `ints`, `strings`, `tensors`, `graphs`, … */
  kind: string;
  text: string;
  tensor?: TensorSummary;
}

export interface NodeDetails {
  id: number;
  name: string;
  opType: string;
  domain: string;
  docString: string;
  attributes: AttributeView[];
  inputs: { name: string; type: TensorType | null }[];
  outputs: { name: string; type: TensorType | null }[];
  bodies: { attribute: string; index: number; nodes: number }[];
}

const KINDS: Record<number, string> = {
  1: 'float',
  2: 'int',
  3: 'string',
  4: 'tensor',
  5: 'graph',
  6: 'floats',
  7: 'ints',
  8: 'strings',
  9: 'tensors',
  10: 'graphs',
  11: 'sparse_tensor',
  12: 'sparse_tensors',
  13: 'type_proto',
  14: 'type_protos',
};
const SHOWN = 8;
const text = new TextDecoder();

export function summariseTensor(t: TensorProto): TensorSummary {
  const dims = (t.dims ?? []).map((d) => toNumber(d));
  const summary: TensorSummary = { dtype: dtypeName(t.dataType), dims, first: [] };
  if (t.dataLocation === 1) return summary;
  try {
    const host = readTensorProto(TensorProtoType.encode(t as never).finish());
    const data = host.data as ArrayLike<number | bigint | string>;
    summary.first = Array.from({ length: Math.min(SHOWN, data.length) }, (_, i) => {
      const v = data[i]!;
      return typeof v === 'bigint' ? Number(v) : v;
    });
    if (host.dtype !== 'string' && host.dtype !== 'float16' && data.length > 0) {
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < data.length; i++) {
        const v = Number(data[i]);
        if (v < min) min = v;
        if (v > max) max = v;
      }
      summary.min = min;
      summary.max = max;
    }
  } catch {
    // A tensor of a type the JavaScript runtime cannot hold: dtype and dims are still shown.
  }
  return summary;
}

function list<T>(values: T[], show: (v: T) => string): string {
  const head = values
    .slice(0, SHOWN * 2)
    .map(show)
    .join(', ');
  return values.length > SHOWN * 2 ? `[${head}, … (${values.length})]` : `[${head}]`;
}

function attributeView(a: AttributeProto): AttributeView {
  const kind = KINDS[a.type] ?? `type ${a.type}`;
  const base = { name: a.name, kind };
  if (a.refAttrName) return { ...base, text: `→ ${a.refAttrName}` };
  switch (a.type) {
    case 1:
      return { ...base, text: String(a.f ?? 0) };
    case 2:
      return { ...base, text: String(a.i ?? 0) };
    case 3:
      return { ...base, text: JSON.stringify(text.decode(a.s ?? new Uint8Array())) };
    case 4: {
      const t = summariseTensor(a.t!);
      return { ...base, tensor: t, text: `${t.dtype}[${t.dims.join(',')}]` };
    }
    case 5:
      return { ...base, text: `graph "${a.g?.name ?? ''}" (${a.g?.node.length ?? 0} nodes)` };
    case 6:
      return { ...base, text: list(a.floats, String) };
    case 7:
      return { ...base, text: list(a.ints, (v) => String(v)) };
    case 8:
      return { ...base, text: list(a.strings, (s) => JSON.stringify(text.decode(s))) };
    case 9:
      return { ...base, text: `${a.tensors.length} tensors` };
    case 10:
      return { ...base, text: `${a.graphs.length} graphs` };
    default:
      return { ...base, text: kind };
  }
}

export function nodeDetails(graph: ModelGraph, id: number): NodeDetails {
  const node = graph.nodes[id];
  if (!node) throw new RangeError(`no node #${id}`);
  const p = node.proto;
  const typed = (name: string) => ({ name, type: graph.types.get(name) ?? null });
  const bodies: NodeDetails['bodies'] = [];
  for (const a of p.attribute) {
    if (a.g) bodies.push({ attribute: a.name, index: 0, nodes: a.g.node.length });
    a.graphs?.forEach((g, index) =>
      bodies.push({ attribute: a.name, index, nodes: g.node.length }),
    );
  }
  return {
    id,
    name: p.name ?? '',
    opType: p.opType,
    domain: p.domain ?? '',
    docString: (p as { docString?: string }).docString ?? '',
    attributes: p.attribute.map(attributeView),
    inputs: p.input.filter(Boolean).concat(node.captures).map(typed),
    outputs: node.writes.map(typed),
    bodies,
  };
}

export { formatType };
