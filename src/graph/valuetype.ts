/** Tensor types as the core carries them, read from ValueInfoProto or initializer headers. */
import { dtypeName } from '../onnx/dtype.js';
import type { Dimension, TypeProto, ValueInfoProto } from '../onnx/proto.js';
import { toNumber } from '../onnx/proto.js';
import type { Dim, TensorType } from '../types.js';

function dimOf(d: Dimension): Dim {
  if (d.dimParam) return d.dimParam;
  // Decoded messages hold set fields as own properties; unset ones fall back to defaults.
  if (Object.prototype.hasOwnProperty.call(d, 'dimValue')) return toNumber(d.dimValue);
  return null;
}

/** The tensor type of a value info, or null when it carries no tensor element type. */
export function typeFromValueInfo(v: ValueInfoProto): TensorType | null {
  const t = v.type?.tensorType ?? v.type?.sparseTensorType;
  if (!t || !t.elemType) return null;
  const shape = t.shape ? (t.shape.dim ?? []).map(dimOf) : null;
  return { elemType: t.elemType, dtype: dtypeName(t.elemType), shape };
}

export function tensorType(elemType: number, shape: Dim[] | null): TensorType {
  return { elemType, dtype: dtypeName(elemType), shape };
}

/** `float32[1,3,224,224]`, `int64[N,?]`, `bool[]` (scalar), `float32[?…]` (rank unknown). */
export function formatType(t: TensorType | null | undefined): string {
  if (!t) return '?';
  if (!t.shape) return `${t.dtype}[…]`;
  return `${t.dtype}[${t.shape.map((d) => (d === null ? '?' : String(d))).join(',')}]`;
}

/** A declared type in words: `float32`, `sequence(float32)`, `optional(sequence(int64))`, `map(int64,float32)`. */
export function describeType(t: TypeProto): string {
  if (t.tensorType?.elemType) return dtypeName(t.tensorType.elemType);
  if (t.sparseTensorType?.elemType) return `sparse(${dtypeName(t.sparseTensorType.elemType)})`;
  if (t.sequenceType)
    return `sequence(${t.sequenceType.elemType ? describeType(t.sequenceType.elemType) : '?'})`;
  if (t.optionalType)
    return `optional(${t.optionalType.elemType ? describeType(t.optionalType.elemType) : '?'})`;
  if (t.mapType)
    return `map(${dtypeName(t.mapType.keyType ?? 0)},${t.mapType.valueType ? describeType(t.mapType.valueType) : '?'})`;
  return 'unknown';
}
