/**
 * The ONNX protobuf format (IR versions 1–11) as a protobufjs reflection descriptor.
 * Field numbers and types follow the published format; every message and field is listed
 * so that decoding keeps everything, and unknown fields never reach here (parts are written
 * from the source bytes, see ./spans.ts).
 */
import protobuf from 'protobufjs/light.js';
import Long from 'long';

// Keep 64-bit integers exact in every environment (bundlers cannot always find `long` by themselves).
protobuf.util.Long = Long;
protobuf.configure();

type FieldDef = { type: string; id: number; rule?: 'repeated'; options?: { packed?: boolean } };
type Fields = Record<string, FieldDef>;

const f = (type: string, id: number): FieldDef => ({ type, id });
const r = (type: string, id: number): FieldDef => ({ type, id, rule: 'repeated' });
const packed = (type: string, id: number): FieldDef => ({
  type,
  id,
  rule: 'repeated',
  options: { packed: true },
});

const messages: Record<string, { fields: Fields; nested?: Record<string, unknown> }> = {
  StringStringEntryProto: { fields: { key: f('string', 1), value: f('string', 2) } },
  OperatorSetIdProto: { fields: { domain: f('string', 1), version: f('int64', 2) } },
  TensorAnnotation: {
    fields: {
      tensorName: f('string', 1),
      quantParameterTensorNames: r('StringStringEntryProto', 2),
    },
  },
  TensorShapeProto: {
    fields: { dim: r('Dimension', 1) },
    nested: {
      Dimension: {
        oneofs: { value: { oneof: ['dimValue', 'dimParam'] } },
        fields: { dimValue: f('int64', 1), dimParam: f('string', 2), denotation: f('string', 3) },
      },
    },
  },
  TypeProto: {
    fields: {
      tensorType: f('TypeProto.Tensor', 1),
      sequenceType: f('TypeProto.Sequence', 4),
      mapType: f('TypeProto.Map', 5),
      optionalType: f('TypeProto.Optional', 9),
      sparseTensorType: f('TypeProto.SparseTensor', 8),
      opaqueType: f('TypeProto.Opaque', 7),
      denotation: f('string', 6),
    },
    nested: {
      Tensor: { fields: { elemType: f('int32', 1), shape: f('TensorShapeProto', 2) } },
      Sequence: { fields: { elemType: f('TypeProto', 1) } },
      Map: { fields: { keyType: f('int32', 1), valueType: f('TypeProto', 2) } },
      Optional: { fields: { elemType: f('TypeProto', 1) } },
      SparseTensor: { fields: { elemType: f('int32', 1), shape: f('TensorShapeProto', 2) } },
      Opaque: { fields: { domain: f('string', 1), name: f('string', 2) } },
    },
  },
  ValueInfoProto: {
    fields: {
      name: f('string', 1),
      type: f('TypeProto', 2),
      docString: f('string', 3),
      metadataProps: r('StringStringEntryProto', 4),
    },
  },
  TensorProto: {
    fields: {
      dims: r('int64', 1),
      dataType: f('int32', 2),
      segment: f('TensorProto.Segment', 3),
      floatData: packed('float', 4),
      int32Data: packed('int32', 5),
      stringData: r('bytes', 6),
      int64Data: packed('int64', 7),
      name: f('string', 8),
      docString: f('string', 12),
      rawData: f('bytes', 9),
      externalData: r('StringStringEntryProto', 13),
      dataLocation: f('int32', 14),
      doubleData: packed('double', 10),
      uint64Data: packed('uint64', 11),
      metadataProps: r('StringStringEntryProto', 16),
    },
    nested: { Segment: { fields: { begin: f('int64', 1), end: f('int64', 2) } } },
  },
  SparseTensorProto: {
    fields: { values: f('TensorProto', 1), indices: f('TensorProto', 2), dims: r('int64', 3) },
  },
  AttributeProto: {
    fields: {
      name: f('string', 1),
      refAttrName: f('string', 21),
      docString: f('string', 13),
      type: f('int32', 20),
      f: f('float', 2),
      i: f('int64', 3),
      s: f('bytes', 4),
      t: f('TensorProto', 5),
      g: f('GraphProto', 6),
      sparseTensor: f('SparseTensorProto', 22),
      tp: f('TypeProto', 14),
      floats: r('float', 7),
      ints: r('int64', 8),
      strings: r('bytes', 9),
      tensors: r('TensorProto', 10),
      graphs: r('GraphProto', 11),
      sparseTensors: r('SparseTensorProto', 23),
      typeProtos: r('TypeProto', 15),
    },
  },
  SimpleShardedDimProto: {
    fields: { dimValue: f('int64', 1), dimParam: f('string', 2), numShards: f('int64', 3) },
  },
  ShardedDimProto: {
    fields: { axis: f('int64', 1), simpleSharding: r('SimpleShardedDimProto', 2) },
  },
  IntIntListEntryProto: { fields: { key: f('int64', 1), value: r('int64', 2) } },
  ShardingSpecProto: {
    fields: {
      tensorName: f('string', 1),
      device: r('int64', 2),
      indexToDeviceGroupMap: r('IntIntListEntryProto', 3),
      shardedDim: r('ShardedDimProto', 4),
    },
  },
  NodeDeviceConfigurationProto: {
    fields: {
      configurationId: f('string', 1),
      shardingSpec: r('ShardingSpecProto', 2),
      pipelineStage: f('int32', 3),
    },
  },
  DeviceConfigurationProto: {
    fields: { name: f('string', 1), numDevices: f('int32', 2), device: r('string', 3) },
  },
  NodeProto: {
    fields: {
      input: r('string', 1),
      output: r('string', 2),
      name: f('string', 3),
      opType: f('string', 4),
      domain: f('string', 7),
      overload: f('string', 8),
      attribute: r('AttributeProto', 5),
      docString: f('string', 6),
      metadataProps: r('StringStringEntryProto', 9),
      deviceConfigurations: r('NodeDeviceConfigurationProto', 10),
    },
  },
  GraphProto: {
    fields: {
      node: r('NodeProto', 1),
      name: f('string', 2),
      initializer: r('TensorProto', 5),
      sparseInitializer: r('SparseTensorProto', 15),
      docString: f('string', 10),
      input: r('ValueInfoProto', 11),
      output: r('ValueInfoProto', 12),
      valueInfo: r('ValueInfoProto', 13),
      quantizationAnnotation: r('TensorAnnotation', 14),
      metadataProps: r('StringStringEntryProto', 16),
    },
  },
  TrainingInfoProto: {
    fields: {
      initialization: f('GraphProto', 1),
      algorithm: f('GraphProto', 2),
      initializationBinding: r('StringStringEntryProto', 3),
      updateBinding: r('StringStringEntryProto', 4),
    },
  },
  FunctionProto: {
    fields: {
      name: f('string', 1),
      input: r('string', 4),
      output: r('string', 5),
      attribute: r('string', 6),
      attributeProto: r('AttributeProto', 11),
      node: r('NodeProto', 7),
      docString: f('string', 8),
      opsetImport: r('OperatorSetIdProto', 9),
      domain: f('string', 10),
      overload: f('string', 13),
      valueInfo: r('ValueInfoProto', 12),
      metadataProps: r('StringStringEntryProto', 14),
    },
  },
  ModelProto: {
    fields: {
      irVersion: f('int64', 1),
      opsetImport: r('OperatorSetIdProto', 8),
      producerName: f('string', 2),
      producerVersion: f('string', 3),
      domain: f('string', 4),
      modelVersion: f('int64', 5),
      docString: f('string', 6),
      graph: f('GraphProto', 7),
      metadataProps: r('StringStringEntryProto', 14),
      trainingInfo: r('TrainingInfoProto', 20),
      functions: r('FunctionProto', 25),
      configuration: r('DeviceConfigurationProto', 26),
    },
  },
};

const root = protobuf.Root.fromJSON({
  nested: { onnx: { nested: messages } },
} as protobuf.INamespace);

const type = (name: string): protobuf.Type => root.lookupType(`onnx.${name}`);

export const NodeProtoType = type('NodeProto');
export const TensorProtoType = type('TensorProto');
export const SparseTensorProtoType = type('SparseTensorProto');
export const ValueInfoProtoType = type('ValueInfoProto');
export const FunctionProtoType = type('FunctionProto');
export const OperatorSetIdProtoType = type('OperatorSetIdProto');
export const StringStringEntryProtoType = type('StringStringEntryProto');
export const TensorAnnotationType = type('TensorAnnotation');
export const GraphProtoType = type('GraphProto');
export const ModelProtoType = type('ModelProto');

/** Field numbers used when walking raw bytes. */
export const ModelField = {
  irVersion: 1,
  producerName: 2,
  producerVersion: 3,
  domain: 4,
  modelVersion: 5,
  docString: 6,
  graph: 7,
  opsetImport: 8,
  metadataProps: 14,
  trainingInfo: 20,
  functions: 25,
  configuration: 26,
} as const;

export const GraphField = {
  node: 1,
  name: 2,
  initializer: 5,
  docString: 10,
  input: 11,
  output: 12,
  valueInfo: 13,
  quantizationAnnotation: 14,
  sparseInitializer: 15,
  metadataProps: 16,
} as const;

export const AttributeType = {
  UNDEFINED: 0,
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  GRAPH: 5,
  SPARSE_TENSOR: 11,
  TYPE_PROTO: 13,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
  TENSORS: 9,
  GRAPHS: 10,
  SPARSE_TENSORS: 12,
  TYPE_PROTOS: 14,
} as const;
