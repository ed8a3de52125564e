import { tensorBytes as coreTensorBytes } from '../../src/onnx/dtype.ts';
import type { TensorType } from '../../src/types.ts';

/** "1.2 MB"-style sizes. */
export function formatBytes(n: number | null | undefined): string {
  if (n == null) return '?';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** "[1×3×240×320]"; symbolic dims by name, unknown ones as "?", an unknown rank as "[…]". */
export function formatShape(shape: (number | string | null)[] | null | undefined): string {
  if (!shape) return '[…]';
  return `[${shape.map((d) => (d == null ? '?' : String(d))).join('×')}]`;
}

/** "float32 [1×3×240×320]", or "" when nothing is known. */
export function formatType(t: TensorType | null | undefined): string {
  if (!t) return '';
  return `${t.dtype} ${formatShape(t.shape)}`;
}

export function formatNumber(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? x.toPrecision(4) : x.toExponential(2);
}

/** Bytes of one tensor of this type, or null when the shape is not fully known. */
export function tensorBytes(t: TensorType | null | undefined): number | null {
  return t?.shape ? coreTensorBytes(t.elemType, t.shape) : null;
}
