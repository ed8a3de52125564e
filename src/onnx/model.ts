/**
 * Reading an ONNX file into an indexable model that remembers where every top-level message
 * came from. Weights are never copied: initializers are summarised from their headers and
 * their bytes stay in the source buffer.
 */
import { CutlineError } from '../errors.js';
import { tensorBytes } from './dtype.js';
import {
  FunctionProtoType,
  GraphField,
  ModelField,
  NodeProtoType,
  OperatorSetIdProtoType,
  StringStringEntryProtoType,
  TensorAnnotationType,
  ValueInfoProtoType,
} from './schema.js';
import type { FunctionProto, NodeProto, StringStringEntry, ValueInfoProto } from './proto.js';
import { toBigInt, toNumber } from './proto.js';
import { readVarint, scanFields, scanPrefix, WireError, type FieldSpan } from './wire.js';
import { sniffFormat } from './sniff.js';

export interface Located<T> {
  proto: T;
  span: FieldSpan;
}

/** An initializer's header: everything but its data. */
export interface InitializerHeader {
  name: string;
  dataType: number;
  dims: number[];
  /** Bytes of data held in the file (0 for external data). */
  storedBytes: number;
  /** Bytes of the tensor once loaded, when computable. */
  byteLength: number;
  external: StringStringEntry[] | null;
  span: FieldSpan;
}

export interface SparseInitializerHeader {
  name: string;
  dataType: number;
  dims: number[];
  span: FieldSpan;
}

export interface OnnxGraph {
  name: string;
  /** Span of the graph field inside the model; `spans` are its own fields. */
  span: FieldSpan;
  spans: FieldSpan[];
  nodes: Located<NodeProto>[];
  initializers: InitializerHeader[];
  sparseInitializers: SparseInitializerHeader[];
  inputs: Located<ValueInfoProto>[];
  outputs: Located<ValueInfoProto>[];
  valueInfo: Located<ValueInfoProto>[];
  quantAnnotations: { tensorName: string; span: FieldSpan }[];
}

export interface OnnxModel {
  /** The file's bytes; spans index into it. */
  bytes: Uint8Array;
  spans: FieldSpan[];
  irVersion: bigint;
  opsets: { domain: string; version: bigint }[];
  producerName: string;
  graph: OnnxGraph;
  functions: Located<FunctionProto>[];
}

const decoder = new TextDecoder();

function payload(bytes: Uint8Array, span: FieldSpan): Uint8Array {
  return bytes.subarray(span.dataStart, span.end);
}

function decodeAt<T>(
  type: { decode(b: Uint8Array): unknown },
  bytes: Uint8Array,
  span: FieldSpan,
  what: string,
): T {
  try {
    return type.decode(payload(bytes, span)) as T;
  } catch (e) {
    throw new CutlineError(
      'corrupt',
      `The ${what} at byte ${span.start} cannot be decoded (${(e as Error).message}); the file is damaged.`,
    );
  }
}

/** Reads the header of a TensorProto without touching its data. */
export function readTensorHeader(bytes: Uint8Array, span: FieldSpan): InitializerHeader {
  const fields = scanFields(bytes, span.dataStart, span.end);
  let name = '';
  let dataType = 0;
  const dims: number[] = [];
  let storedBytes = 0;
  let location = 0;
  const external: StringStringEntry[] = [];
  for (const fs of fields) {
    switch (fs.field) {
      case 1:
        if (fs.wire === 0) dims.push(readVarintSigned(bytes, fs.dataStart, fs.end));
        else
          for (let p = fs.dataStart; p < fs.end;) {
            const [v, next] = readVarint(bytes, p, fs.end);
            dims.push(v);
            p = next;
          }
        break;
      case 2:
        dataType = readVarint(bytes, fs.dataStart, fs.end)[0];
        break;
      case 8:
        name = decoder.decode(payload(bytes, fs));
        break;
      case 13:
        external.push(
          StringStringEntryProtoType.decode(payload(bytes, fs)) as unknown as StringStringEntry,
        );
        break;
      case 14:
        location = readVarint(bytes, fs.dataStart, fs.end)[0];
        break;
      case 4:
      case 5:
      case 6:
      case 7:
      case 9:
      case 10:
      case 11:
        storedBytes += fs.end - fs.dataStart;
        break;
    }
  }
  const byteLength = tensorBytes(dataType, dims) ?? storedBytes;
  return {
    name,
    dataType,
    dims,
    storedBytes,
    byteLength,
    external: location === 1 ? external : null,
    span,
  };
}

function readVarintSigned(bytes: Uint8Array, pos: number, end: number): number {
  const [v] = readVarint(bytes, pos, end);
  // Negative int64 varints are 10 bytes and read back above 2^63; dims are never negative
  // in valid files, so such a value is reported as -1.
  return v >= 2 ** 63 ? -1 : v;
}

function readGraph(bytes: Uint8Array, span: FieldSpan): OnnxGraph {
  const spans = scanFields(bytes, span.dataStart, span.end);
  const graph: OnnxGraph = {
    name: '',
    span,
    spans,
    nodes: [],
    initializers: [],
    sparseInitializers: [],
    inputs: [],
    outputs: [],
    valueInfo: [],
    quantAnnotations: [],
  };
  for (const fs of spans) {
    switch (fs.field) {
      case GraphField.node:
        graph.nodes.push({
          proto: decodeAt<NodeProto>(NodeProtoType, bytes, fs, `node #${graph.nodes.length}`),
          span: fs,
        });
        break;
      case GraphField.name:
        graph.name = decoder.decode(payload(bytes, fs));
        break;
      case GraphField.initializer:
        graph.initializers.push(readTensorHeader(bytes, fs));
        break;
      case GraphField.sparseInitializer:
        graph.sparseInitializers.push(readSparseHeader(bytes, fs));
        break;
      case GraphField.input:
      case GraphField.output:
      case GraphField.valueInfo: {
        const list =
          fs.field === GraphField.input
            ? graph.inputs
            : fs.field === GraphField.output
              ? graph.outputs
              : graph.valueInfo;
        list.push({
          proto: decodeAt<ValueInfoProto>(ValueInfoProtoType, bytes, fs, 'value info'),
          span: fs,
        });
        break;
      }
      case GraphField.quantizationAnnotation: {
        const a = decodeAt<{ tensorName: string }>(
          TensorAnnotationType,
          bytes,
          fs,
          'quantization annotation',
        );
        graph.quantAnnotations.push({ tensorName: a.tensorName, span: fs });
        break;
      }
    }
  }
  return graph;
}

function readSparseHeader(bytes: Uint8Array, span: FieldSpan): SparseInitializerHeader {
  let values: InitializerHeader | null = null;
  const dims: number[] = [];
  for (const fs of scanFields(bytes, span.dataStart, span.end)) {
    if (fs.field === 1) values = readTensorHeader(bytes, fs);
    if (fs.field === 3) {
      if (fs.wire === 0) dims.push(readVarint(bytes, fs.dataStart, fs.end)[0]);
      else
        for (let p = fs.dataStart; p < fs.end;) {
          const [v, next] = readVarint(bytes, p, fs.end);
          dims.push(v);
          p = next;
        }
    }
  }
  return { name: values?.name ?? '', dataType: values?.dataType ?? 0, dims, span };
}

/**
 * Parses an ONNX model. Cost grows with the number of nodes and attributes, not with the
 * bytes of weights. Throws CutlineError with a specific sentence for files that are not ONNX,
 * are truncated, or are damaged.
 */
export function readModel(bytes: Uint8Array, fileName = 'the file'): OnnxModel {
  const other = sniffFormat(bytes);
  if (other) {
    throw new CutlineError('not-onnx', `${fileName} is not an ONNX model: it looks like ${other}.`);
  }
  const scan = scanPrefix(bytes, 0, bytes.length);
  const spans = scan.spans;
  if (scan.error) {
    const e = scan.error;
    // Before the graph field, a fault means these bytes were never ONNX; after it, damage.
    const sawGraph = spans.some((s) => s.field === ModelField.graph && s.wire === 2);
    if (!sawGraph && !(e.kind === 'truncated' && looksLikeModelStart(spans)))
      throw notOnnx(fileName);
    throw new CutlineError(
      e.kind,
      e.kind === 'truncated'
        ? `${fileName} is truncated: the data stops at byte ${bytes.length} inside a field that starts at byte ${e.offset}. Download or export it again.`
        : `${fileName} is damaged at byte ${e.offset} (${e.message}).`,
    );
  }
  checkModelShape(spans, fileName);
  const graphSpan = [...spans].reverse().find((s) => s.field === ModelField.graph);
  if (!graphSpan) {
    throw new CutlineError(
      'no-graph',
      `${fileName} has no graph: it is not an ONNX model, or an empty one.`,
    );
  }
  let graph: OnnxGraph;
  try {
    graph = readGraph(bytes, graphSpan);
  } catch (e) {
    if (e instanceof WireError) {
      throw new CutlineError(
        'corrupt',
        `${fileName} is damaged: the graph's field at byte ${e.offset} is invalid (${e.message}).`,
      );
    }
    throw e;
  }
  const model: OnnxModel = {
    bytes,
    spans,
    irVersion: 0n,
    opsets: [],
    producerName: '',
    graph,
    functions: [],
  };
  for (const fs of spans) {
    if (fs.field === ModelField.irVersion && fs.wire === 0) {
      model.irVersion = BigInt(readVarint(bytes, fs.dataStart, fs.end)[0]);
    } else if (fs.field === ModelField.opsetImport) {
      const o = decodeAt<{ domain: string; version: number }>(
        OperatorSetIdProtoType,
        bytes,
        fs,
        'opset import',
      );
      model.opsets.push({ domain: o.domain ?? '', version: toBigInt(o.version) });
    } else if (fs.field === ModelField.producerName) {
      model.producerName = decoder.decode(payload(bytes, fs));
    } else if (fs.field === ModelField.functions) {
      model.functions.push({
        proto: decodeAt<FunctionProto>(FunctionProtoType, bytes, fs, 'function'),
        span: fs,
      });
    }
  }
  return model;
}

/** A truncated file still starts like a model: ir_version first, then known header fields. */
function looksLikeModelStart(spans: FieldSpan[]): boolean {
  const first = spans[0];
  return first !== undefined && first.field === ModelField.irVersion && first.wire === 0;
}

function notOnnx(fileName: string): CutlineError {
  return new CutlineError(
    'not-onnx',
    `${fileName} is not an ONNX model: its bytes are not a ModelProto.`,
  );
}

/** Known ModelProto fields must carry their wire type; a mismatch means this is not ONNX. */
function checkModelShape(spans: FieldSpan[], fileName: string): void {
  const expected: Record<number, number> = {
    1: 0,
    2: 2,
    3: 2,
    4: 2,
    5: 0,
    6: 2,
    7: 2,
    8: 2,
    14: 2,
    20: 2,
    25: 2,
    26: 2,
  };
  for (const s of spans) {
    const want = expected[s.field];
    if (want !== undefined && want !== s.wire) throw notOnnx(fileName);
  }
  if (spans.length === 0) {
    throw new CutlineError('not-onnx', `${fileName} is empty: an ONNX model has at least a graph.`);
  }
}

/** Serialises a model that was not edited: byte-identical to the file it was read from. */
export function writeModel(model: OnnxModel): Uint8Array {
  const out = new Uint8Array(model.spans.reduce((n, s) => n + s.end - s.start, 0));
  let at = 0;
  for (const s of model.spans) {
    out.set(model.bytes.subarray(s.start, s.end), at);
    at += s.end - s.start;
  }
  return out;
}

export { toNumber };
