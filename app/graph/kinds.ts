/** Groups ONNX op types into the kinds the graph colours by. */
export type OpKind = 'conv' | 'activation' | 'norm' | 'pool' | 'shape' | 'math' | 'control' | 'other';

const kinds: Record<Exclude<OpKind, 'other'>, string[]> = {
  conv: ['Conv', 'ConvTranspose', 'ConvInteger', 'QLinearConv', 'MatMul', 'MatMulInteger',
    'QLinearMatMul', 'Gemm', 'Einsum', 'Attention', 'FusedConv', 'FusedMatMul'],
  activation: ['Relu', 'LeakyRelu', 'PRelu', 'Sigmoid', 'HardSigmoid', 'Tanh', 'Softmax',
    'LogSoftmax', 'Elu', 'Selu', 'Celu', 'Gelu', 'Softplus', 'Softsign', 'HardSwish', 'Mish',
    'ThresholdedRelu', 'Hardmax', 'Clip', 'Exp', 'Log', 'Erf'],
  norm: ['BatchNormalization', 'LayerNormalization', 'InstanceNormalization', 'GroupNormalization',
    'LpNormalization', 'LRN', 'MeanVarianceNormalization', 'SkipLayerNormalization',
    'SimplifiedLayerNormalization', 'RMSNormalization'],
  pool: ['MaxPool', 'AveragePool', 'GlobalAveragePool', 'GlobalMaxPool', 'LpPool',
    'GlobalLpPool', 'MaxRoiPool', 'RoiAlign', 'MaxUnpool', 'ReduceMean', 'ReduceMax',
    'ReduceMin', 'ReduceSum', 'ReduceProd', 'ReduceL1', 'ReduceL2', 'ReduceLogSumExp'],
  shape: ['Reshape', 'Transpose', 'Flatten', 'Squeeze', 'Unsqueeze', 'Concat', 'Split', 'Slice',
    'Gather', 'GatherElements', 'GatherND', 'Shape', 'Size', 'Expand', 'Tile', 'Pad', 'Resize',
    'Upsample', 'ConstantOfShape', 'Constant', 'Cast', 'CastLike', 'Identity', 'DepthToSpace',
    'SpaceToDepth', 'ScatterND', 'ScatterElements', 'Range', 'NonZero', 'TopK', 'OneHot'],
  math: ['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Sqrt', 'Reciprocal', 'Neg', 'Abs', 'Sum', 'Mean',
    'Max', 'Min', 'Floor', 'Ceil', 'Round', 'Sign', 'Mod', 'Equal', 'Less', 'Greater',
    'LessOrEqual', 'GreaterOrEqual', 'And', 'Or', 'Xor', 'Not', 'Where', 'Sin', 'Cos',
    'CumSum', 'BitShift'],
  control: ['If', 'Loop', 'Scan', 'SequenceMap'],
};

const byOp = new Map<string, OpKind>();
for (const [kind, ops] of Object.entries(kinds)) for (const op of ops) byOp.set(op, kind as OpKind);

export function opKind(opType: string, subgraphs = 0): OpKind {
  if (subgraphs > 0) return 'control';
  return byOp.get(opType) ?? 'other';
}

/** Human names for the legend. */
export const kindLabels: Record<OpKind, string> = {
  conv: 'conv / matmul', activation: 'activation', norm: 'normalization', pool: 'pool / reduce',
  shape: 'shape / reshape', math: 'elementwise math', control: 'control flow', other: 'other',
};

/** Tints for parts 1..N (cycled). */
export const partColors = ['#dbeafe', '#fde68a', '#bbf7d0', '#fbcfe8', '#ddd6fe', '#fed7aa',
  '#a5f3fc', '#e5e7eb'];

export function partColor(part: number | undefined): string | undefined {
  if (!part) return undefined;
  return partColors[(part - 1) % partColors.length];
}
