/**
 * TypeScript views of the decoded protobuf messages (as protobufjs hands them out, with
 * 64-bit integers as `Long`). Only the fields the core reads are typed here; the decoded
 * objects carry every field of the schema.
 */
import type Long from 'long';

export type Int64 = Long | number;

export interface StringStringEntry {
  key: string;
  value: string;
}

export interface Dimension {
  dimValue?: Int64;
  dimParam?: string;
  denotation?: string;
}

export interface TypeProto {
  tensorType?: { elemType?: number; shape?: { dim?: Dimension[] } };
  sparseTensorType?: { elemType?: number; shape?: { dim?: Dimension[] } };
  sequenceType?: { elemType?: TypeProto };
  mapType?: { keyType?: number; valueType?: TypeProto };
  optionalType?: { elemType?: TypeProto };
  opaqueType?: { domain?: string; name?: string };
  denotation?: string;
}

export interface ValueInfoProto {
  name: string;
  type?: TypeProto;
  docString?: string;
}

export interface TensorProto {
  dims: Int64[];
  dataType: number;
  name: string;
  rawData?: Uint8Array;
  floatData: number[];
  int32Data: number[];
  int64Data: Int64[];
  doubleData: number[];
  uint64Data: Int64[];
  stringData: Uint8Array[];
  dataLocation?: number;
  externalData: StringStringEntry[];
}

export interface SparseTensorProto {
  values?: TensorProto;
  indices?: TensorProto;
  dims: Int64[];
}

export interface AttributeProto {
  name: string;
  refAttrName?: string;
  type: number;
  f?: number;
  i?: Int64;
  s?: Uint8Array;
  t?: TensorProto;
  g?: GraphProto;
  sparseTensor?: SparseTensorProto;
  tp?: TypeProto;
  floats: number[];
  ints: Int64[];
  strings: Uint8Array[];
  tensors: TensorProto[];
  graphs: GraphProto[];
}

export interface NodeProto {
  input: string[];
  output: string[];
  name: string;
  opType: string;
  domain: string;
  overload?: string;
  attribute: AttributeProto[];
}

export interface GraphProto {
  node: NodeProto[];
  name: string;
  initializer: TensorProto[];
  sparseInitializer: SparseTensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
  valueInfo: ValueInfoProto[];
}

export interface OperatorSetId {
  domain: string;
  version: Int64;
}

export interface FunctionProto {
  name: string;
  domain: string;
  overload?: string;
  input: string[];
  output: string[];
  node: NodeProto[];
  opsetImport: OperatorSetId[];
}

/** A 64-bit protobuf integer as a JS number (exact up to 2^53) . */
export function toNumber(v: Int64 | undefined | null): number {
  if (v === undefined || v === null) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}

/** A 64-bit protobuf integer as an exact bigint. */
export function toBigInt(v: Int64 | undefined | null): bigint {
  if (v === undefined || v === null) return 0n;
  return typeof v === 'number' ? BigInt(v) : BigInt(v.toString());
}
