/**
 * Output shapes of common operators. A dimension is a number, a symbolic name (carried
 * through, and combined as `N*4` or `N+M` where arithmetic needs it), or null when unknown.
 * Rules answer null (rank unknown) whenever they are not sure: a wrong shape is worse than none.
 */
import type { AttributeProto, NodeProto } from '../../onnx/proto.js';
import { toNumber } from '../../onnx/proto.js';
import type { Dim } from '../../types.js';

export type Shape = Dim[] | null;

export interface ShapeContext {
  inputs: Shape[];
  /** Integer contents of input i when it is a known constant (initializer or Constant). */
  constInts(i: number): number[] | null;
  opset: number;
}

type Rule = (
  node: NodeProto,
  ctx: ShapeContext,
  attr: (n: string) => AttributeProto | undefined,
) => Shape[];

const ints = (a: AttributeProto | undefined): number[] | null =>
  a ? a.ints.map((v) => toNumber(v)) : null;
const int = (a: AttributeProto | undefined, fallback: number): number =>
  a ? toNumber(a.i) : fallback;

function mulDims(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  if (a === 1) return b;
  if (b === 1) return a;
  if (a === null || b === null) return null;
  return `${a}*${b}`;
}

function addDims(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (a === 0) return b;
  if (b === 0) return a;
  if (a === null || b === null) return null;
  return `${a}+${b}`;
}

/** Numpy broadcasting of several shapes. */
export function broadcast(shapes: Shape[]): Shape {
  if (shapes.some((s) => s === null)) return null;
  const rank = Math.max(0, ...shapes.map((s) => s!.length));
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    let dim: Dim = 1;
    for (const s of shapes) {
      const d = s![s!.length - rank + i];
      if (d === undefined || d === 1) continue;
      if (dim === 1) dim = d;
      else if (dim !== d) {
        if (typeof dim === 'number' && typeof d === 'number') return null; // not broadcastable
        dim = typeof d === 'number' ? d : typeof dim === 'number' ? dim : null;
      }
    }
    out.push(dim);
  }
  return out;
}

const norm = (axis: number, rank: number) => (axis < 0 ? axis + rank : axis);

const sameAsFirst: Rule = (node, ctx) =>
  node.output.map((_, k) => (k === 0 ? (ctx.inputs[0] ?? null) : null));
const broadcastAll: Rule = (node, ctx) => [
  broadcast(ctx.inputs.filter((_, i) => node.input[i] !== '')),
];

function convLike(
  node: NodeProto,
  ctx: ShapeContext,
  attr: (n: string) => AttributeProto | undefined,
  channels: Dim,
): Shape {
  const x = ctx.inputs[0];
  if (!x || x.length < 3) return null;
  const spatial = x.length - 2;
  const kernel =
    ints(attr('kernel_shape')) ??
    (node.opType === 'Conv'
      ? (ctx.inputs[1]?.slice(2).map((d) => (typeof d === 'number' ? d : NaN)) ?? null)
      : null);
  if (!kernel || kernel.length !== spatial || kernel.some((k) => Number.isNaN(k))) return null;
  const strides = ints(attr('strides')) ?? kernel.map(() => 1);
  const dilations = ints(attr('dilations')) ?? kernel.map(() => 1);
  const pads = ints(attr('pads')) ?? kernel.flatMap(() => [0, 0]).slice(0, 2 * spatial);
  const autoPad = attr('auto_pad')?.s ? new TextDecoder().decode(attr('auto_pad')!.s) : 'NOTSET';
  const ceil = int(attr('ceil_mode'), 0) === 1;
  const out: Dim[] = [x[0] ?? null, channels];
  for (let i = 0; i < spatial; i++) {
    const d = x[i + 2];
    if (typeof d !== 'number') {
      out.push(null);
      continue;
    }
    const k = (kernel[i]! - 1) * dilations[i]! + 1;
    const s = strides[i]!;
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') out.push(Math.ceil(d / s));
    else if (autoPad === 'VALID') out.push(Math.floor((d - k) / s) + 1);
    else {
      const total = d + pads[i]! + pads[i + spatial]! - k;
      out.push((ceil ? Math.ceil(total / s) : Math.floor(total / s)) + 1);
    }
  }
  return out;
}

function reduce(x: Shape, axes: number[] | null, keep: boolean, noopEmpty = false): Shape {
  if (!x) return null;
  if (!axes || axes.length === 0) {
    if (noopEmpty && axes) return x;
    return keep ? x.map(() => 1) : [];
  }
  const set = new Set(axes.map((a) => norm(a, x.length)));
  return keep ? x.map((d, i) => (set.has(i) ? 1 : d)) : x.filter((_, i) => !set.has(i));
}

const rules = new Map<string, Rule>();
for (const op of [
  'Abs',
  'Acos',
  'Acosh',
  'Asin',
  'Asinh',
  'Atan',
  'Atanh',
  'Ceil',
  'Celu',
  'Clip',
  'Cos',
  'Cosh',
  'Elu',
  'Erf',
  'Exp',
  'Floor',
  'Gelu',
  'HardSigmoid',
  'HardSwish',
  'Hardmax',
  'LeakyRelu',
  'Log',
  'LogSoftmax',
  'Mish',
  'Neg',
  'Not',
  'Reciprocal',
  'Relu',
  'Round',
  'Selu',
  'Shrink',
  'Sigmoid',
  'Sign',
  'Sin',
  'Sinh',
  'Softmax',
  'Softplus',
  'Softsign',
  'Sqrt',
  'Tan',
  'Tanh',
  'ThresholdedRelu',
  'Cast',
  'CastLike',
  'Identity',
  'IsNaN',
  'IsInf',
  'BitwiseNot',
  'BatchNormalization',
  'InstanceNormalization',
  'LpNormalization',
  'LRN',
  'MeanVarianceNormalization',
  'GroupNormalization',
  'RMSNormalization',
  'CumSum',
  'Dropout',
  'Trilu',
  'LayerNormalization',
  'ReverseSequence',
  'ScatterElements',
  'ScatterND',
  'Scatter',
])
  rules.set(op, sameAsFirst);
rules.set('Dropout', (node, ctx) => node.output.map(() => ctx.inputs[0] ?? null));
for (const op of [
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Pow',
  'Mod',
  'PRelu',
  'BitShift',
  'BitwiseAnd',
  'BitwiseOr',
  'BitwiseXor',
  'Equal',
  'Greater',
  'GreaterOrEqual',
  'Less',
  'LessOrEqual',
  'And',
  'Or',
  'Xor',
  'Where',
  'Max',
  'Min',
  'Mean',
  'Sum',
])
  rules.set(op, broadcastAll);

rules.set('Conv', (node, ctx, attr) => [convLike(node, ctx, attr, ctx.inputs[1]?.[0] ?? null)]);
for (const op of ['MaxPool', 'AveragePool', 'LpPool']) {
  rules.set(op, (node, ctx, attr) => {
    const s = convLike(node, ctx, attr, ctx.inputs[0]?.[1] ?? null);
    return node.output.map(() => s);
  });
}
for (const op of ['GlobalAveragePool', 'GlobalMaxPool', 'GlobalLpPool']) {
  rules.set(op, (_n, ctx) => [ctx.inputs[0] ? ctx.inputs[0].map((d, i) => (i < 2 ? d : 1)) : null]);
}
rules.set('MatMul', (_n, ctx) => {
  const [a, b] = ctx.inputs;
  if (!a || !b || a.length === 0 || b.length === 0) return [null];
  const a2 = a.length === 1 ? [1, a[0]!] : a;
  const b2 = b.length === 1 ? [b[0]!, 1] : b;
  const batch = broadcast([a2.slice(0, -2), b2.slice(0, -2)]);
  if (!batch) return [null];
  const out = [...batch, a2[a2.length - 2]!, b2[b2.length - 1]!];
  if (a.length === 1) out.splice(out.length - 2, 1);
  if (b.length === 1) out.splice(out.length - 1, 1);
  return [out];
});
rules.set('Gemm', (_n, ctx, attr) => {
  const [a, b] = ctx.inputs;
  if (!a || !b || a.length !== 2 || b.length !== 2) return [null];
  const m = int(attr('transA'), 0) ? a[1]! : a[0]!;
  const n = int(attr('transB'), 0) ? b[0]! : b[1]!;
  return [[m, n]];
});
rules.set('Flatten', (_n, ctx, attr) => {
  const x = ctx.inputs[0];
  if (!x) return [null];
  const axis = norm(int(attr('axis'), 1), x.length);
  return [[x.slice(0, axis).reduce<Dim>(mulDims, 1), x.slice(axis).reduce<Dim>(mulDims, 1)]];
});
rules.set('Transpose', (_n, ctx, attr) => {
  const x = ctx.inputs[0];
  if (!x) return [null];
  const perm = ints(attr('perm')) ?? x.map((_, i) => x.length - 1 - i);
  return [perm.map((p) => x[p] ?? null)];
});
rules.set('Concat', (_n, ctx, attr) => {
  const shapes = ctx.inputs;
  const first = shapes[0];
  if (!first || shapes.some((s) => !s || s.length !== first.length)) return [null];
  const axis = norm(int(attr('axis'), 0), first.length);
  return [
    first.map((d, i) => (i === axis ? shapes.map((s) => s![i]!).reduce<Dim>(addDims, 0) : d)),
  ];
});
rules.set('Shape', (_n, ctx, attr) => {
  const x = ctx.inputs[0];
  if (!x) return [null];
  const start = norm(int(attr('start'), 0), x.length);
  const endAttr = attr('end');
  const end = endAttr ? norm(toNumber(endAttr.i), x.length) : x.length;
  return [[Math.max(0, Math.min(x.length, end) - Math.max(0, start))]];
});
rules.set('Size', () => [[]]);
rules.set('SequenceLength', () => [[]]);
rules.set('Reshape', (_n, ctx, attr) => {
  const target = ctx.constInts(1);
  const x = ctx.inputs[0];
  if (!target) return [null];
  const allowZero = int(attr('allowzero'), 0) === 1;
  const out: Dim[] = target.map((t, i) =>
    t === 0 && !allowZero ? (x?.[i] ?? null) : t === -1 ? null : t,
  );
  const minus = target.indexOf(-1);
  if (
    minus >= 0 &&
    x &&
    x.every((d) => typeof d === 'number') &&
    out.every((d, i) => i === minus || typeof d === 'number')
  ) {
    const total = (x as number[]).reduce((a, b) => a * b, 1);
    const known = (out.filter((_, i) => i !== minus) as number[]).reduce((a, b) => a * b, 1);
    out[minus] = known === 0 ? 0 : total / known;
  }
  return [out];
});
rules.set('Unsqueeze', (node, ctx, attr) => {
  const x = ctx.inputs[0];
  const axes = ctx.opset >= 13 ? ctx.constInts(1) : ints(attr('axes'));
  if (!x || !axes) return [null];
  const rank = x.length + axes.length;
  const set = new Set(axes.map((a) => norm(a, rank)));
  const out: Dim[] = [];
  let j = 0;
  for (let i = 0; i < rank; i++) out.push(set.has(i) ? 1 : (x[j++] ?? null));
  return node.output.map(() => out);
});
rules.set('Squeeze', (_n, ctx, attr) => {
  const x = ctx.inputs[0];
  const axes = ctx.opset >= 13 ? (_n.input[1] ? ctx.constInts(1) : []) : (ints(attr('axes')) ?? []);
  if (!x || !axes) return [null];
  if (axes.length === 0)
    return x.some((d) => typeof d !== 'number') ? [null] : [x.filter((d) => d !== 1)];
  const set = new Set(axes.map((a) => norm(a, x.length)));
  return [x.filter((_, i) => !set.has(i))];
});
rules.set('Gather', (_n, ctx, attr) => {
  const [x, idx] = ctx.inputs;
  if (!x || !idx) return [null];
  const axis = norm(int(attr('axis'), 0), x.length);
  return [[...x.slice(0, axis), ...idx, ...x.slice(axis + 1)]];
});
for (const op of [
  'ReduceL1',
  'ReduceL2',
  'ReduceLogSum',
  'ReduceLogSumExp',
  'ReduceMax',
  'ReduceMean',
  'ReduceMin',
  'ReduceProd',
  'ReduceSum',
  'ReduceSumSquare',
]) {
  rules.set(op, (node, ctx, attr) => {
    const keep = int(attr('keepdims'), 1) === 1;
    const fromInput = op === 'ReduceSum' ? ctx.opset >= 13 : ctx.opset >= 18;
    if (fromInput && node.input[1]) {
      const axes = ctx.constInts(1);
      const x = ctx.inputs[0] ?? null;
      // Axes known only at run time: with keepdims the rank still stands; without, the number
      // of axes (the length of the axes input) tells how many dimensions go.
      if (!axes) {
        if (!x) return [null];
        if (keep) return [x.map(() => null)];
        const count = ctx.inputs[1]?.[0];
        const noop = int(attr('noop_with_empty_axes'), 0) === 1;
        if (typeof count === 'number' && count > 0 && !noop)
          return [new Array(Math.max(0, x.length - count)).fill(null)];
        return [null];
      }
      return [reduce(x, axes, keep, int(attr('noop_with_empty_axes'), 0) === 1)];
    }
    return [reduce(ctx.inputs[0] ?? null, fromInput ? [] : ints(attr('axes')), keep, false)];
  });
}
for (const op of ['ArgMax', 'ArgMin']) {
  rules.set(op, (_n, ctx, attr) => [
    reduce(ctx.inputs[0] ?? null, [int(attr('axis'), 0)], int(attr('keepdims'), 1) === 1),
  ]);
}
rules.set('Slice', (node, ctx, attr) => {
  const x = ctx.inputs[0];
  if (!x) return [null];
  const fromInputs = ctx.opset >= 10;
  const starts = fromInputs ? ctx.constInts(1) : ints(attr('starts'));
  const ends = fromInputs ? ctx.constInts(2) : ints(attr('ends'));
  const axes = fromInputs
    ? node.input[3]
      ? ctx.constInts(3)
      : (starts?.map((_, i) => i) ?? null)
    : (ints(attr('axes')) ?? starts?.map((_, i) => i) ?? null);
  const steps = fromInputs && node.input[4] ? ctx.constInts(4) : (starts?.map(() => 1) ?? null);
  if (!starts || !ends || !axes || !steps) return [null];
  const out = [...x];
  axes.forEach((a, k) => {
    const axis = norm(a, x.length);
    const d = x[axis];
    if (typeof d !== 'number') {
      out[axis] = null;
      return;
    }
    const step = steps[k]!;
    const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
    let s = starts[k]!;
    let e = ends[k]!;
    s = s < 0 ? s + d : s;
    e = e < 0 ? e + d : e;
    if (step > 0) {
      s = clamp(s, 0, d);
      e = clamp(e, 0, d);
      out[axis] = Math.max(0, Math.ceil((e - s) / step));
    } else {
      s = clamp(s, 0, d - 1);
      e = clamp(e, -1, d - 1);
      out[axis] = Math.max(0, Math.ceil((e - s) / step));
    }
  });
  return [out];
});
rules.set('Split', (node, ctx, attr) => {
  const x = ctx.inputs[0];
  if (!x) return node.output.map(() => null);
  const axis = norm(int(attr('axis'), 0), x.length);
  const given = ctx.opset >= 13 ? Boolean(node.input[1]) : Boolean(attr('split'));
  const sizes = ctx.opset >= 13 ? (node.input[1] ? ctx.constInts(1) : null) : ints(attr('split'));
  const d = x[axis];
  const n = node.output.length;
  // Without explicit sizes the split is even (the last part smaller when it does not divide).
  const even = typeof d === 'number' && d % n === 0 ? new Array(n).fill(d / n) : null;
  const parts = given ? sizes : even;
  return node.output.map((_, k) =>
    parts ? x.map((v, i) => (i === axis ? (parts[k] ?? null) : v)) : null,
  );
});
rules.set('Constant', (node) => {
  for (const a of node.attribute) {
    if (a.name === 'value' && a.t) return [a.t.dims.map((d) => toNumber(d))];
    if (a.name === 'value_float' || a.name === 'value_int' || a.name === 'value_string')
      return [[]];
    if (a.name === 'value_floats') return [[a.floats.length]];
    if (a.name === 'value_ints') return [[a.ints.length]];
    if (a.name === 'value_strings') return [[a.strings.length]];
  }
  return [null];
});
rules.set('ConstantOfShape', (_n, ctx) => [ctx.constInts(0)]);
rules.set('Expand', (_n, ctx) => {
  const shape = ctx.constInts(1);
  return [shape ? broadcast([ctx.inputs[0] ?? null, shape]) : null];
});
rules.set('Tile', (_n, ctx) => {
  const x = ctx.inputs[0];
  const reps = ctx.constInts(1);
  return [x && reps && reps.length === x.length ? x.map((d, i) => mulDims(d, reps[i]!)) : null];
});
rules.set('TopK', (node, ctx, attr) => {
  const x = ctx.inputs[0];
  const k = ctx.opset >= 10 ? ctx.constInts(1)?.[0] : int(attr('k'), NaN);
  if (!x || k === undefined || Number.isNaN(k)) return node.output.map(() => null);
  const axis = norm(int(attr('axis'), -1), x.length);
  const s = x.map((d, i) => (i === axis ? k : d));
  return node.output.map(() => s);
});

/** Output shapes of a node, or null entries where unknown. */
export function inferShapes(node: NodeProto, ctx: ShapeContext): Shape[] {
  const domain = node.domain ?? '';
  const rule = domain === '' || domain === 'ai.onnx' ? rules.get(node.opType) : undefined;
  if (!rule) return node.output.map(() => null);
  try {
    const out = rule(node, ctx, (n) => node.attribute.find((a) => a.name === n));
    return node.output.map((_, k) => out[k] ?? null);
  } catch {
    // A malformed attribute is the checker's business; the shape is simply unknown.
    return node.output.map(() => null);
  }
}
