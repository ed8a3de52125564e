/** ONNX element types: TensorProto.DataType numbers, onnxruntime-web names and bit widths. */

interface ElemInfo {
  onnx: string;
  dtype: string;
  /** Bits per element; 0 for variable-length (string). */
  bits: number;
}

const table: Record<number, ElemInfo> = {
  1: { onnx: 'FLOAT', dtype: 'float32', bits: 32 },
  2: { onnx: 'UINT8', dtype: 'uint8', bits: 8 },
  3: { onnx: 'INT8', dtype: 'int8', bits: 8 },
  4: { onnx: 'UINT16', dtype: 'uint16', bits: 16 },
  5: { onnx: 'INT16', dtype: 'int16', bits: 16 },
  6: { onnx: 'INT32', dtype: 'int32', bits: 32 },
  7: { onnx: 'INT64', dtype: 'int64', bits: 64 },
  8: { onnx: 'STRING', dtype: 'string', bits: 0 },
  9: { onnx: 'BOOL', dtype: 'bool', bits: 8 },
  10: { onnx: 'FLOAT16', dtype: 'float16', bits: 16 },
  11: { onnx: 'DOUBLE', dtype: 'float64', bits: 64 },
  12: { onnx: 'UINT32', dtype: 'uint32', bits: 32 },
  13: { onnx: 'UINT64', dtype: 'uint64', bits: 64 },
  14: { onnx: 'COMPLEX64', dtype: 'complex64', bits: 64 },
  15: { onnx: 'COMPLEX128', dtype: 'complex128', bits: 128 },
  16: { onnx: 'BFLOAT16', dtype: 'bfloat16', bits: 16 },
  17: { onnx: 'FLOAT8E4M3FN', dtype: 'float8e4m3fn', bits: 8 },
  18: { onnx: 'FLOAT8E4M3FNUZ', dtype: 'float8e4m3fnuz', bits: 8 },
  19: { onnx: 'FLOAT8E5M2', dtype: 'float8e5m2', bits: 8 },
  20: { onnx: 'FLOAT8E5M2FNUZ', dtype: 'float8e5m2fnuz', bits: 8 },
  21: { onnx: 'UINT4', dtype: 'uint4', bits: 4 },
  22: { onnx: 'INT4', dtype: 'int4', bits: 4 },
  23: { onnx: 'FLOAT4E2M1', dtype: 'float4e2m1', bits: 4 },
  24: { onnx: 'FLOAT8E8M0', dtype: 'float8e8m0', bits: 8 },
};

const byName = new Map<string, number>(Object.entries(table).map(([k, v]) => [v.dtype, Number(k)]));

/** onnxruntime-web's name for an ONNX element type, or `type<N>` for one this table lacks. */
export function dtypeName(elemType: number): string {
  return table[elemType]?.dtype ?? `type${elemType}`;
}

export function elemTypeOf(dtype: string): number {
  return byName.get(dtype) ?? 0;
}

/** Bits per element, 0 when variable (strings) or unknown. */
export function elemBits(elemType: number): number {
  return table[elemType]?.bits ?? 0;
}

/** Bytes of a dense tensor with these dims, or null when a dim or the width is unknown. */
export function tensorBytes(
  elemType: number,
  dims: readonly (number | string | null)[],
): number | null {
  const bits = elemBits(elemType);
  if (bits === 0) return null;
  let count = 1;
  for (const d of dims) {
    if (typeof d !== 'number') return null;
    count *= d;
  }
  return Math.ceil((count * bits) / 8);
}
