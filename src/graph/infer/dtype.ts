/**
 * Element types of node outputs, by operator, for the default and ai.onnx.ml domains.
 * Each rule sees the element types of the node's inputs (0 when unknown) and its attributes,
 * and answers one element type per output (0 when it cannot tell).
 */
import type { AttributeProto, NodeProto } from '../../onnx/proto.js';
import { toNumber } from '../../onnx/proto.js';

const FLOAT = 1;
const UINT8 = 2;
const INT32 = 6;
const INT64 = 7;
const STRING = 8;
const BOOL = 9;

type Rule = (
  inputs: number[],
  node: NodeProto,
  attr: (name: string) => AttributeProto | undefined,
  opset: number,
) => number[];

const same =
  (i: number): Rule =>
  (ins, node) =>
    node.output.map(() => ins[i] ?? 0);
const fixed =
  (...types: number[]): Rule =>
  (_ins, node) =>
    node.output.map((_, k) => types[Math.min(k, types.length - 1)]!);
/** Output 0 like input 0, the other outputs fixed. */
const firstSame =
  (...rest: number[]): Rule =>
  (ins, node) =>
    node.output.map((_, k) =>
      k === 0 ? (ins[0] ?? 0) : (rest[Math.min(k - 1, rest.length - 1)] ?? 0),
    );
const attrInt =
  (name: string, fallback: (ins: number[]) => number): Rule =>
  (ins, node, attr) => {
    const a = attr(name);
    const t = a ? toNumber(a.i) : 0;
    return node.output.map(() => t || fallback(ins));
  };

const SAME_AS_FIRST = [
  // math and activations
  'Abs',
  'Acos',
  'Acosh',
  'Add',
  'Asin',
  'Asinh',
  'Atan',
  'Atanh',
  'Ceil',
  'Celu',
  'Clip',
  'Cos',
  'Cosh',
  'CumSum',
  'Div',
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
  'Max',
  'Mean',
  'Min',
  'Mish',
  'Mod',
  'Mul',
  'Neg',
  'PRelu',
  'Pow',
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
  'Sub',
  'Sum',
  'Tan',
  'Tanh',
  'ThresholdedRelu',
  'BitShift',
  'BitwiseAnd',
  'BitwiseNot',
  'BitwiseOr',
  'BitwiseXor',
  'Det',
  'Einsum',
  'MatMul',
  'Gemm',
  'Conv',
  'ConvTranspose',
  'DeformConv',
  // normalisation and pooling
  'BatchNormalization',
  'InstanceNormalization',
  'LpNormalization',
  'LRN',
  'MeanVarianceNormalization',
  'GroupNormalization',
  'RMSNormalization',
  'AveragePool',
  'GlobalAveragePool',
  'GlobalLpPool',
  'GlobalMaxPool',
  'LpPool',
  'MaxRoiPool',
  'RoiAlign',
  'MaxUnpool',
  'GridSample',
  'AffineGrid',
  'Col2Im',
  'CenterCropPad',
  // reductions
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
  // data movement
  'Concat',
  'DepthToSpace',
  'Expand',
  'Flatten',
  'Gather',
  'GatherElements',
  'GatherND',
  'Identity',
  'Pad',
  'Reshape',
  'ReverseSequence',
  'Resize',
  'Scatter',
  'ScatterElements',
  'ScatterND',
  'Slice',
  'SpaceToDepth',
  'Split',
  'Squeeze',
  'Tile',
  'Transpose',
  'Unsqueeze',
  'Upsample',
  'Compress',
  'Trilu',
  'Range',
  'Dropout',
  'Attention',
  'RotaryEmbedding',
  'DFT',
  'STFT',
  'Crop',
  'ImageScaler',
  'StringConcat',
  'StringNormalizer',
  // ai.onnx.ml
  'ArrayFeatureExtractor',
  'Binarizer',
  'Imputer',
  'TreeEnsemble',
];

const rules = new Map<string, Rule>();
for (const op of SAME_AS_FIRST) rules.set(op, same(0));

for (const op of [
  'Equal',
  'Greater',
  'GreaterOrEqual',
  'Less',
  'LessOrEqual',
  'And',
  'Or',
  'Xor',
  'Not',
  'IsNaN',
  'IsInf',
  'RegexFullMatch',
  'OptionalHasElement',
]) {
  rules.set(op, fixed(BOOL));
}
for (const op of [
  'Shape',
  'Size',
  'ArgMax',
  'ArgMin',
  'NonZero',
  'NonMaxSuppression',
  'StringLength',
]) {
  rules.set(op, fixed(INT64));
}
for (const op of ['MatMulInteger', 'ConvInteger']) rules.set(op, fixed(INT32));

rules.set('Where', same(1));
rules.set('CastLike', same(1));
rules.set('OneHot', same(2));
// The mask of Dropout before opset 10 has the input's type; from 10 on it is bool.
rules.set('Dropout', (ins, node, _attr, opset) =>
  node.output.map((_, k) => (k === 0 || opset < 10 ? (ins[0] ?? 0) : BOOL)),
);
rules.set('TopK', firstSame(INT64));
rules.set('MaxPool', firstSame(INT64));
rules.set('Unique', firstSame(INT64));
rules.set('LayerNormalization', (ins, node, attr) => {
  const stash = attr('stash_type');
  return node.output.map((_, k) => (k === 0 ? (ins[0] ?? 0) : stash ? toNumber(stash.i) : FLOAT));
});
rules.set(
  'Cast',
  attrInt('to', () => 0),
);
rules.set(
  'EyeLike',
  attrInt('dtype', (ins) => ins[0] ?? 0),
);
rules.set(
  'RandomNormal',
  attrInt('dtype', () => FLOAT),
);
rules.set(
  'RandomUniform',
  attrInt('dtype', () => FLOAT),
);
rules.set(
  'RandomNormalLike',
  attrInt('dtype', (ins) => ins[0] ?? 0),
);
rules.set(
  'RandomUniformLike',
  attrInt('dtype', (ins) => ins[0] ?? 0),
);
rules.set(
  'Bernoulli',
  attrInt('dtype', (ins) => ins[0] ?? 0),
);
rules.set(
  'Multinomial',
  attrInt('dtype', () => INT32),
);
rules.set('QuantizeLinear', (ins, node, attr) => {
  const out = attr('output_dtype');
  return node.output.map(() => ins[2] || (out ? toNumber(out.i) : 0) || UINT8);
});
rules.set('DequantizeLinear', (ins, node) => node.output.map(() => ins[1] || FLOAT));
rules.set('DynamicQuantizeLinear', fixed(UINT8, FLOAT, UINT8));
rules.set('QLinearConv', (ins, node) => node.output.map(() => ins[7] ?? 0));
rules.set('QLinearMatMul', (ins, node) => node.output.map(() => ins[7] ?? 0));
rules.set('Constant', (_ins, node) => node.output.map(() => constantType(node)));
rules.set('ConstantOfShape', (_ins, node, attr) =>
  node.output.map(() => attr('value')?.t?.dataType || FLOAT),
);
rules.set(
  'BlackmanWindow',
  attrInt('output_datatype', () => FLOAT),
);
rules.set(
  'HannWindow',
  attrInt('output_datatype', () => FLOAT),
);
rules.set(
  'HammingWindow',
  attrInt('output_datatype', () => FLOAT),
);
rules.set(
  'MelWeightMatrix',
  attrInt('output_datatype', () => FLOAT),
);
rules.set('TfIdfVectorizer', fixed(FLOAT));
rules.set('ImageDecoder', fixed(UINT8));

// ai.onnx.ml
const labelType: Rule = (_ins, node, attr) =>
  node.output.map((_, k) =>
    k === 0 ? ((attr('classlabels_strings')?.strings.length ?? 0) > 0 ? STRING : INT64) : FLOAT,
  );
for (const op of ['LinearClassifier', 'SVMClassifier', 'TreeEnsembleClassifier'])
  rules.set(op, labelType);
for (const op of [
  'LinearRegressor',
  'SVMRegressor',
  'TreeEnsembleRegressor',
  'Normalizer',
  'Scaler',
  'OneHotEncoder',
  'FeatureVectorizer',
  'DictVectorizer',
]) {
  rules.set(op, fixed(FLOAT));
}
rules.set('CategoryMapper', (ins, node) =>
  node.output.map(() => (ins[0] === STRING ? INT64 : ins[0] ? STRING : 0)),
);
rules.set('LabelEncoder', (_ins, node, attr) => {
  const t = attr('values_tensor')?.t?.dataType;
  const kind = t
    ? t
    : (attr('values_strings')?.strings.length ?? 0) > 0
      ? STRING
      : (attr('values_int64s')?.ints.length ?? 0) > 0
        ? INT64
        : (attr('values_floats')?.floats.length ?? 0) > 0
          ? FLOAT
          : 0;
  return node.output.map(() => kind);
});

function constantType(node: NodeProto): number {
  for (const a of node.attribute) {
    switch (a.name) {
      case 'value':
        return a.t?.dataType ?? 0;
      case 'sparse_value':
        return a.sparseTensor?.values?.dataType ?? 0;
      case 'value_float':
      case 'value_floats':
        return FLOAT;
      case 'value_int':
      case 'value_ints':
        return INT64;
      case 'value_string':
      case 'value_strings':
        return STRING;
    }
  }
  return 0;
}

/** Element types of a node's outputs (0 where unknown). */
export function inferElemTypes(node: NodeProto, inputTypes: number[], opset: number): number[] {
  const domain = node.domain ?? '';
  if (domain !== '' && domain !== 'ai.onnx' && domain !== 'ai.onnx.ml')
    return node.output.map(() => 0);
  const rule = rules.get(node.opType);
  if (!rule) return node.output.map(() => 0);
  const attr = (name: string) => node.attribute.find((a) => a.name === name);
  return rule(inputTypes, node, attr, opset);
}
