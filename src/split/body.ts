/**
 * A subgraph body (an If branch, a Loop or Scan body, any GRAPH attribute) as a model of its
 * own: the body's messages are kept byte for byte; its captures of outer values become typed
 * inputs (captured weights are copied in as weights), and untyped loop inputs get their types.
 */
import { CutlineError } from '../errors.js';
import { capturesOf, type ModelGraph } from '../graph/graph.js';
import { tensorType } from '../graph/valuetype.js';
import { GraphProtoType, ModelField, ValueInfoProtoType } from '../onnx/schema.js';
import type { GraphProto } from '../onnx/proto.js';
import { ChunkWriter, scanFields, type FieldSpan } from '../onnx/wire.js';
import type { TensorType } from '../types.js';

const text = new TextDecoder();

/** The raw bytes of the body graph inside the node's own bytes. */
function bodyBytes(
  graph: ModelGraph,
  nodeId: number,
  attribute: string,
  index: number,
): Uint8Array {
  const bytes = graph.model.bytes;
  const span = graph.model.graph.nodes[nodeId]!.span;
  for (const f of scanFields(bytes, span.dataStart, span.end)) {
    if (f.field !== 5) continue;
    const fields = scanFields(bytes, f.dataStart, f.end);
    const name = fields.find((x) => x.field === 1);
    if (!name || text.decode(bytes.subarray(name.dataStart, name.end)) !== attribute) continue;
    const graphs = fields.filter((x) => x.field === 6 || x.field === 11);
    const g = graphs[index];
    if (g) return bytes.subarray(g.dataStart, g.end);
  }
  throw new CutlineError(
    'bad-cut',
    `Node #${nodeId} has no body "${attribute}"${index ? ` #${index}` : ''}.`,
  );
}

/** Types for the body's own inputs, from the node's inputs where the body leaves them untyped. */
function loopInputTypes(
  graph: ModelGraph,
  nodeId: number,
  body: GraphProto,
): (TensorType | null)[] {
  const node = graph.nodes[nodeId]!.proto;
  const outer = (i: number) => (node.input[i] ? (graph.types.get(node.input[i]!) ?? null) : null);
  if (node.opType === 'Loop') {
    return body.input.map((_, k) =>
      k === 0 ? tensorType(7, []) : k === 1 ? tensorType(9, []) : outer(k),
    );
  }
  if (node.opType === 'Scan') {
    const scanCount = Number(node.attribute.find((a) => a.name === 'num_scan_inputs')?.i ?? 0);
    const stateCount = body.input.length - scanCount;
    return body.input.map((_, k) => {
      const t = outer(k);
      if (!t || k < stateCount) return t;
      // A scan input is sliced along its scan axis (0 unless stated).
      const axes = node.attribute.find((a) => a.name === 'scan_input_axes')?.ints.map(Number) ?? [];
      const axis = axes[k - stateCount] ?? 0;
      return t.shape
        ? tensorType(
            t.elemType,
            t.shape.filter((_, i) => i !== (axis < 0 ? axis + t.shape!.length : axis)),
          )
        : t;
    });
  }
  return body.input.map(() => null);
}

function encodeInput(name: string, t: TensorType | null): Uint8Array {
  if (!t) return ValueInfoProtoType.encode({ name }).finish();
  const dim = (t.shape ?? []).map((d) =>
    typeof d === 'number' ? { dimValue: d } : typeof d === 'string' ? { dimParam: d } : {},
  );
  return ValueInfoProtoType.encode({
    name,
    type: { tensorType: { elemType: t.elemType, ...(t.shape ? { shape: { dim } } : {}) } },
  }).finish();
}

/** Serialises the body as a model with the source's opsets, IR version, functions and metadata. */
export function extractBody(
  graph: ModelGraph,
  nodeId: number,
  attribute: string,
  index = 0,
  types: Map<string, TensorType> = graph.types,
): Uint8Array {
  const raw = bodyBytes(graph, nodeId, attribute, index);
  const body = GraphProtoType.decode(raw) as unknown as GraphProto;
  const spans = scanFields(raw, 0, raw.length);
  const captures = [...capturesOf(body)];
  const inputTypes = loopInputTypes(graph, nodeId, body);
  const bodyInputSpans = spans.filter((s) => s.field === 11);

  const gw = new ChunkWriter();
  const at = (s: FieldSpan) => raw.subarray(s.start, s.end);
  for (const s of spans) if (s.field !== 11 && s.field !== 2) gw.push(at(s));
  const node = graph.nodes[nodeId]!.proto;
  gw.pushString(
    2,
    `${graph.model.graph.name || 'graph'}.${node.name || `#${nodeId}`}.${attribute}${index ? index : ''}`,
  );
  body.input.forEach((v, k) => {
    const declared = v.type?.tensorType?.elemType || v.type?.sequenceType || v.type?.optionalType;
    gw.pushBytes(
      11,
      declared
        ? raw.subarray(bodyInputSpans[k]!.dataStart, bodyInputSpans[k]!.end)
        : encodeInput(v.name, inputTypes[k] ?? null),
    );
  });
  const bytes = graph.model.bytes;
  for (const name of captures) {
    const weight = graph.model.graph.initializers.find((t) => t.name === name);
    if (weight) gw.pushBytes(5, bytes.subarray(weight.span.dataStart, weight.span.end));
    else gw.pushBytes(11, encodeInput(name, types.get(name) ?? null));
  }
  const mw = new ChunkWriter();
  for (const s of graph.model.spans) {
    if (s.field === ModelField.graph) {
      if (s === graph.model.graph.span) mw.pushMessage(ModelField.graph, gw);
    } else if (s.field !== ModelField.trainingInfo) mw.push(bytes.subarray(s.start, s.end));
  }
  return mw.finish();
}

/** The captures of a body, for typing them before extraction. */
export function bodyCaptures(
  graph: ModelGraph,
  nodeId: number,
  attribute: string,
  index = 0,
): string[] {
  const body = GraphProtoType.decode(
    bodyBytes(graph, nodeId, attribute, index),
  ) as unknown as GraphProto;
  return [...capturesOf(body)];
}
