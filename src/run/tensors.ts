/**
 * Tensor data for runs: random inputs by dtype and shape, TensorProto `.pb` files, and
 * element access that treats every numeric dtype (float16 and int64 included) alike.
 */
import { CutlineError } from '../errors.js';
import { dtypeName } from '../onnx/dtype.js';
import type { TensorProto } from '../onnx/proto.js';
import { toBigInt } from '../onnx/proto.js';
import { TensorProtoType } from '../onnx/schema.js';
import type { Dim } from '../types.js';

export type TensorData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | string[];

/** A plain tensor: what crosses worker boundaries and what the runners turn into ort.Tensor. */
export interface HostTensor {
  dtype: string;
  dims: number[];
  data: TensorData;
}

const arrayFor: Record<string, new (n: number) => Exclude<TensorData, string[]>> = {
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  float16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
  bool: Uint8Array,
};

/** Concrete dims: symbolic and unknown dimensions become 1. */
export function concreteDims(shape: readonly Dim[] | null | undefined): number[] {
  return (shape ?? []).map((d) => (typeof d === 'number' && d >= 0 ? d : 1));
}

/** A small deterministic generator, so a run can be repeated. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** float → IEEE half bits. */
export function toHalfBits(value: number): number {
  const f32 = new Float32Array([value]);
  const x = new Uint32Array(f32.buffer)[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = ((x >>> 23) & 0xff) - 127 + 15;
  const mant = x & 0x7fffff;
  if (exp <= 0) return sign;
  if (exp >= 31) return sign | 0x7c00;
  return sign | (exp << 10) | (mant >>> 13);
}

export function fromHalfBits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (mant / 1024);
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + mant / 1024);
}

/**
 * Random data for a dtype: floats in [-1, 1), integers in [0, 4) (small, so they are valid
 * indices and counts in most models), booleans at random, strings short words.
 */
export function randomTensor(dtype: string, dims: number[], random: () => number): HostTensor {
  const size = dims.reduce((a, b) => a * b, 1);
  if (dtype === 'string') {
    return {
      dtype,
      dims,
      data: Array.from({ length: size }, () => `s${Math.floor(random() * 100)}`),
    };
  }
  const Ctor = arrayFor[dtype];
  if (!Ctor)
    throw new CutlineError(
      'bad-input',
      `Random inputs of type ${dtype} are not supported; give input files instead.`,
    );
  const data = new Ctor(size);
  for (let i = 0; i < size; i++) {
    const r = random();
    if (data instanceof BigInt64Array || data instanceof BigUint64Array)
      data[i] = BigInt(Math.floor(r * 4));
    else if (dtype === 'float16') data[i] = toHalfBits(r * 2 - 1);
    else if (dtype === 'bool') data[i] = r < 0.5 ? 0 : 1;
    else if (data instanceof Float32Array || data instanceof Float64Array) data[i] = r * 2 - 1;
    else data[i] = Math.floor(r * 4);
  }
  return { dtype, dims, data };
}

/** Reads a serialized TensorProto (`input_0.pb`) into a host tensor. */
export function readTensorProto(
  bytes: Uint8Array,
  fileName = 'the tensor file',
): HostTensor & { name: string } {
  let t: TensorProto;
  try {
    t = TensorProtoType.decode(bytes) as unknown as TensorProto;
  } catch (e) {
    throw new CutlineError(
      'bad-input',
      `${fileName} is not a TensorProto: ${(e as Error).message}.`,
    );
  }
  if (!t.dataType) {
    throw new CutlineError(
      'bad-input',
      `${fileName} holds no tensor (no data type): is it a TensorProto file?`,
    );
  }
  const dtype = dtypeName(t.dataType);
  const dims = (t.dims ?? []).map((d) => Number(toBigInt(d)));
  const size = dims.reduce((a, b) => a * b, 1);
  if (dtype === 'string') {
    const dec = new TextDecoder();
    return { name: t.name, dtype, dims, data: (t.stringData ?? []).map((s) => dec.decode(s)) };
  }
  const Ctor = arrayFor[dtype];
  if (!Ctor)
    throw new CutlineError(
      'bad-input',
      `${fileName} holds ${dtype} data, which onnxruntime's JavaScript API cannot take.`,
    );
  const data = new Ctor(size);
  if (t.rawData && t.rawData.length > 0) {
    // raw_data is little-endian and may start at any offset: copy into an aligned buffer.
    const aligned = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (t.rawData.length !== aligned.length) {
      throw new CutlineError(
        'bad-input',
        `${fileName} has ${t.rawData.length} bytes of data; dims ${JSON.stringify(dims)} of ${dtype} need ${aligned.length}.`,
      );
    }
    aligned.set(t.rawData);
  } else {
    const source: ArrayLike<unknown> = t.floatData?.length
      ? t.floatData
      : t.doubleData?.length
        ? t.doubleData
        : t.int64Data?.length
          ? t.int64Data
          : t.uint64Data?.length
            ? t.uint64Data
            : (t.int32Data ?? []);
    for (let i = 0; i < size; i++) {
      const v = source[i];
      if (data instanceof BigInt64Array || data instanceof BigUint64Array)
        data[i] = toBigInt(v as never);
      else data[i] = typeof v === 'number' ? v : Number(toBigInt(v as never));
    }
  }
  return { name: t.name, dtype, dims, data };
}

/** Element i as a number, decoding float16 bits. */
export function numberAt(t: { type: string; data: unknown }, i: number): number {
  const v = (t.data as ArrayLike<number | bigint>)[i]!;
  if (t.type === 'float16' && !(t.data instanceof Float32Array)) return fromHalfBits(v as number);
  return typeof v === 'bigint' ? Number(v) : v;
}
