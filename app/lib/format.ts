import type { TensorType } from '../../src/types.ts';

/** "1.2 MB"-style sizes. */
export function formatBytes(n: number | null | undefined): string {
  if (n == null) return '?';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** "[1×3×240×320]"; symbolic dims by name, unknown ones as "?". */
export function formatShape(shape: (number | string | null)[] | null | undefined): string {
  if (!shape) return '[?]';
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

const ELEMENT_BYTES: Record<string, number> = {
  float32: 4,
  float64: 8,
  float16: 2,
  bfloat16: 2,
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  int64: 8,
  uint64: 8,
  bool: 1,
  float8e4m3fn: 1,
  float8e5m2: 1,
};

/** Bytes of one tensor of this type, or null when the shape is not fully known. */
export function tensorBytes(t: TensorType | null | undefined): number | null {
  if (!t?.shape) return null;
  const per = ELEMENT_BYTES[t.dtype];
  if (per == null) return null;
  let n = 1;
  for (const d of t.shape) {
    if (typeof d !== 'number') return null;
    n *= d;
  }
  return n * per;
}
