/** Reads NumPy `.npy` files (format versions 1–3, C order) into host tensors. */
import { CutlineError } from '../errors.js';
import type { HostTensor, TensorData } from './tensors.js';

const descrs: Record<
  string,
  [string, new (b: ArrayBuffer, o: number, n: number) => Exclude<TensorData, string[]>]
> = {
  '<f4': ['float32', Float32Array],
  '<f8': ['float64', Float64Array],
  '<f2': ['float16', Uint16Array],
  '|i1': ['int8', Int8Array],
  '|u1': ['uint8', Uint8Array],
  '<i2': ['int16', Int16Array],
  '<u2': ['uint16', Uint16Array],
  '<i4': ['int32', Int32Array],
  '<u4': ['uint32', Uint32Array],
  '<i8': ['int64', BigInt64Array],
  '<u8': ['uint64', BigUint64Array],
  '|b1': ['bool', Uint8Array],
};

export function readNpy(bytes: Uint8Array, fileName: string): HostTensor {
  const magic = '\u0093NUMPY';
  if (![...magic].every((c, i) => bytes[i] === c.charCodeAt(0))) {
    throw new CutlineError('bad-input', `${fileName} is not a .npy file (no NUMPY signature).`);
  }
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*True/.test(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '';
  const dims = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const entry = descr ? descrs[descr] : undefined;
  if (!entry)
    throw new CutlineError(
      'bad-input',
      `${fileName} holds dtype ${descr ?? '?'}, which Cutline cannot read (use little-endian numbers or bool).`,
    );
  if (fortran && dims.length > 1)
    throw new CutlineError('bad-input', `${fileName} is in Fortran order; save it in C order.`);
  const [dtype, Ctor] = entry;
  const count = dims.reduce((a, b) => a * b, 1);
  const dataStart = start + headerLen;
  const copy = bytes.slice(dataStart); // aligned copy
  const need = count * new Ctor(new ArrayBuffer(8), 0, 0).BYTES_PER_ELEMENT;
  if (copy.byteLength < need)
    throw new CutlineError(
      'bad-input',
      `${fileName} is truncated: ${copy.byteLength} bytes of data, ${need} needed.`,
    );
  return { dtype, dims, data: new Ctor(copy.buffer, 0, count) };
}
