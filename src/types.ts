/**
 * Plain data shapes shared by the core, the CLI, the workers and the UI.
 * Everything here is structured-clone safe (no classes, no functions), so it crosses
 * worker boundaries unchanged.
 */

/** A dimension: a number when known, the symbolic name when symbolic, null when unknown. */
export type Dim = number | string | null;

/** Element type and shape of a tensor value. `shape` is null when the rank is unknown. */
export interface TensorType {
  /** ONNX TensorProto.DataType number, never 0 once resolved. */
  elemType: number;
  /** onnxruntime-web's name for the element type (`float32`, `int64`, `bool`, …). */
  dtype: string;
  shape: Dim[] | null;
}

/** A weight (initializer) summarised for display: no data. */
export interface WeightInfo {
  name: string;
  dtype: string;
  dims: number[];
  byteLength: number;
}

/** One top-level node as the UI and the plan see it. `id` is its index in the source graph. */
export interface NodeView {
  id: number;
  name: string;
  opType: string;
  domain: string;
  /** Value names read by the node, including captures of its subgraphs (empty optional inputs dropped). */
  inputs: string[];
  outputs: string[];
  /** Initializers the node (or its subgraphs) reads. */
  weights: WeightInfo[];
  /** Number of subgraph attributes (If/Loop/Scan bodies). */
  subgraphs: number;
}

/** A value flowing along an edge of the displayed graph. */
export interface ValueView {
  name: string;
  type: TensorType | null;
  /** Producer node id, or null for a model input. */
  producer: number | null;
  /** Consumer node ids. */
  consumers: number[];
  isModelInput: boolean;
  isModelOutput: boolean;
  /** For a value that is not a tensor, what it is (`sequence(float32)`); `type` is then null. */
  kind?: string;
}

/** The whole top-level graph, ready to lay out and draw. */
export interface GraphView {
  name: string;
  irVersion: number;
  opsets: { domain: string; version: number }[];
  nodes: NodeView[];
  /** Non-weight values only (weights are listed in their nodes). */
  values: ValueView[];
  inputs: string[];
  outputs: string[];
  /** Node ids in a topological order. */
  order: number[];
  totalWeightBytes: number;
}

/** A value that crosses from one part to a later one. */
export interface BoundaryValue {
  name: string;
  type: TensorType | null;
  /** Bytes of one instance, when the shape is fully known. */
  bytes: number | null;
  fromPart: number;
  toParts: number[];
  /** True when the user's cut did not name it but the plan needs it (a skip connection). */
  auto: boolean;
  /** For a value that is not a tensor, what it is (`sequence(float32)`); `type` is then null. */
  kind?: string;
}

export interface PartSummary {
  id: number;
  nodeIds: number[];
  /**
   * Constant nodes (computed from weights alone) homed in an earlier part and copied into this
   * one because it reads them, as a weight would be: they never cross a cut.
   */
  copies: number[];
  weightBytes: number;
}

/** How a weight read by several parts is exported. */
export type WeightSharing = 'copy' | 'input';

/** The result of applying cuts: every node in exactly one part, boundaries listed per cut. */
export interface SplitPlan {
  /** node id → part id (1-based). */
  partOf: number[];
  parts: PartSummary[];
  /** One entry per boundary between part j and later parts (index j-1). */
  boundaries: BoundaryValue[][];
  /** Informational messages (e.g. empty parts dropped). */
  messages: string[];
  /** For each cut (in order), the part it closes, or null when that part was empty and dropped. */
  cutPart: (number | null)[];
  /** Bytes of weights read by more than one part, counted once per extra part. */
  duplicatedWeightBytes: number;
}

export interface ManifestValue {
  name: string;
  dtype: string;
  shape: (number | string | null)[] | null;
}

export interface ManifestInput extends ManifestValue {
  /** `model` (an input of the original), a part id, or `weights` (the shared weights file). */
  from: 'model' | number | 'weights';
}

export interface ManifestOutput extends ManifestValue {
  to: ('model' | number)[];
}

export interface ManifestPart {
  id: number;
  file: string;
  nodes: number;
  weightBytes: number;
  inputs: ManifestInput[];
  outputs: ManifestOutput[];
}

/** manifest.json beside the parts; see shared DESIGN.md. */
export interface Manifest {
  format: 'cutline-manifest';
  version: 1;
  source: {
    file: string;
    sha256: string;
    irVersion: number;
    opsets: { domain: string; version: number }[];
  };
  parts: ManifestPart[];
  modelOutputs: { name: string; part: number }[];
  /** Weight bytes stored more than once across parts (copies beyond the first). */
  duplicatedWeightBytes: number;
  /** With shared weights as inputs: the file that holds them once, as outputs of a node-less model. */
  sharedWeights?: { file: string; names: string[]; bytes: number };
}

export interface ExportedFile {
  name: string;
  bytes: Uint8Array;
  /** The same bytes as a list of chunks, when the writer made them so (write them with writev). */
  chunks?: Uint8Array[];
}

export type Verdict = 'identical' | 'close' | 'DIFFERENT';

export interface OutputComparison {
  name: string;
  dtype: string;
  shape: number[];
  maxAbsDiff: number;
  maxRelDiff: number;
  verdict: Verdict;
  /** Set when the two runs disagree on shape or type. */
  note?: string;
}

export interface CompareReport {
  outputs: OutputComparison[];
  /** Milliseconds for the original model's run. */
  originalMs: number;
  /** Milliseconds per part, in part order. */
  partMs: { id: number; ms: number; provider: string }[];
  ok: boolean;
}
