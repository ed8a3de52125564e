/**
 * Cutline's core: open an ONNX model, plan cuts, write the parts and their manifest, and prove
 * the chained parts against the original. Framework-free: runs in workers, Node and tests.
 */
import { ancestors, indexGraph, type ModelGraph } from './graph/graph.js';
import { toGraphView } from './graph/view.js';
import { readModel, type OnnxModel } from './onnx/model.js';
import type { ExternalDataFile, OrtLike } from './run/ort.js';
import { exportParts, partInterfaces, writePart } from './split/export.js';
import { planFromAssignment, planFromCuts } from './split/plan.js';
import { resolveTypes } from './split/resolve.js';
import type { ExportedFile, GraphView, Manifest, SplitPlan, WeightSharing } from './types.js';
import { nodeDetails, type NodeDetails } from './graph/details.js';
import { bodyCaptures, extractBody } from './split/body.js';
import { assignmentOf, parseSpec, toSpec, type SplitSpec } from './split/spec.js';

export * from './types.js';
export { CutlineError, errorMessage } from './errors.js';
export { compareSplit, compareTensors, makeInputs, DEFAULT_TOLERANCE } from './run/compare.js';
export type { CompareOptions, Tolerance } from './run/compare.js';
export { readTensorProto, randomTensor } from './run/tensors.js';
export type { HostTensor } from './run/tensors.js';
export type { OrtLike, OrtSession, OrtTensor, ExternalDataFile } from './run/ort.js';
export { asOrt } from './run/ort.js';
export { formatType } from './graph/valuetype.js';
export { tensorBytes, dtypeName } from './onnx/dtype.js';
export { readModel, writeModel } from './onnx/model.js';
export { externalLocations } from './onnx/external.js';
import { checkExternalData } from './onnx/external.js';
export { indexGraph, ancestors, parseSpec };
export type { NodeDetails, SplitSpec };
export type { AttributeView, TensorSummary } from './graph/details.js';
export type { ModelGraph, OnnxModel };

export interface SplitOptions {
  /** Weights read by several parts: copied into each (default) or fed once from a weights file. */
  sharing?: WeightSharing;
  /** Write external-data weights into the parts instead of referring to the same data files. */
  inlineExternal?: boolean;
  /** The source's SHA-256 when the caller has it already (Node hashes without copying the file). */
  sha256?: string;
}

export interface SplitResult {
  plan: SplitPlan;
  files: ExportedFile[];
  manifest: Manifest;
}

/** An opened model: parsed once, then planned and split as often as the user likes. */
export class CutlineDocument {
  readonly view: GraphView;

  private constructor(
    readonly fileName: string,
    readonly bytes: Uint8Array,
    readonly model: OnnxModel,
    readonly graph: ModelGraph,
  ) {
    this.view = toGraphView(graph);
  }

  /** Parses the bytes; throws CutlineError with a specific sentence when they are not a usable model. */
  static open(bytes: Uint8Array, fileName: string): CutlineDocument {
    const model = readModel(bytes, fileName);
    return new CutlineDocument(fileName, bytes, model, indexGraph(model));
  }

  /** The plan for these cut sets, with boundary types where the file states them. */
  plan(cuts: string[][]): SplitPlan {
    return planFromCuts(this.graph, cuts);
  }

  /** Everything about one node, for the inspector. */
  nodeDetails(id: number): NodeDetails {
    return nodeDetails(this.graph, id);
  }

  /** An If/Loop/Scan body (or any graph attribute) of a top-level node as a model of its own. */
  openBody(nodeId: number, attribute: string, index = 0): CutlineDocument {
    const bytes = extractBody(this.graph, nodeId, attribute, index);
    return CutlineDocument.open(bytes, this.bodyFileName(nodeId, attribute, index));
  }

  /**
   * Like openBody, with captures and outputs the file leaves untyped typed (by inference, else
   * onnxruntime), so the body model loads, runs and passes onnx's checker on its own.
   */
  async openBodyTyped(
    nodeId: number,
    attribute: string,
    index: number,
    ort: OrtLike,
    externalData?: ExternalDataFile[],
  ): Promise<CutlineDocument> {
    const captures = bodyCaptures(this.graph, nodeId, attribute, index).filter(
      (c) => !this.graph.initializers.has(c),
    );
    const types = await resolveTypes(this.graph, captures, ort, externalData);
    const name = this.bodyFileName(nodeId, attribute, index);
    const body = CutlineDocument.open(
      extractBody(this.graph, nodeId, attribute, index, types),
      name,
    );
    // Outputs the body leaves untyped get their types too, so the model stands on its own.
    return CutlineDocument.open(await body.typedModel(ort, externalData), name);
  }

  private bodyFileName(nodeId: number, attribute: string, index: number): string {
    const node = this.graph.nodes[nodeId]!.proto;
    const stem = this.fileName.replace(/\.onnx$/i, '');
    return `${stem}.${node.name || `node${nodeId}`}.${attribute}${index ? index : ''}.onnx`;
  }

  /**
   * The whole model with every graph input and output typed (the body models Cutline writes
   * leave outputs untyped where the file did); nodes and weights are kept byte for byte.
   */
  async typedModel(ort: OrtLike, externalData?: ExternalDataFile[]): Promise<Uint8Array> {
    const io = [...this.graph.modelInputs, ...this.graph.modelOutputs];
    const types = await resolveTypes(this.graph, io, ort, externalData);
    const part = {
      id: 0,
      nodeIds: this.graph.order,
      inputs: this.graph.modelInputs,
      outputs: this.graph.modelOutputs,
      initializers: [...this.graph.initializers.keys(), ...this.graph.sparseInitializers],
    };
    return writePart(this.graph, part, types, { keepGraphName: true });
  }

  /** The plan a split spec describes (cuts, or a part per node). */
  planSpec(spec: SplitSpec): SplitPlan {
    if (spec.cuts && spec.cuts.length > 0) return this.plan(spec.cuts);
    return this.planAssignment(assignmentOf(this.graph, spec));
  }

  /** A split spec for cuts or a part per node, naming this model. */
  async toSpec(plan: { cuts?: string[][]; assignment?: number[] }): Promise<SplitSpec> {
    return toSpec(this.graph, { file: this.fileName, sha256: await sha256Hex(this.bytes) }, plan);
  }

  /** The plan for a part number per node id; refuses backward flow by name. */
  planAssignment(partOf: number[]): SplitPlan {
    return planFromAssignment(this.graph, partOf);
  }

  /**
   * Writes the parts and manifest.json. Values whose type the file does not state are typed by
   * onnxruntime's own inference (one session, no run).
   */
  async split(
    cuts: string[][],
    ort: OrtLike,
    externalData?: ExternalDataFile[],
    options: SplitOptions = {},
  ): Promise<SplitResult> {
    return this.splitPlan(this.plan(cuts), ort, externalData, cuts, options);
  }

  async splitPlan(
    plan: SplitPlan,
    ort: OrtLike,
    externalData?: ExternalDataFile[],
    cuts: string[][] = [],
    options: SplitOptions = {},
  ): Promise<SplitResult> {
    const sharing = options.sharing ?? 'copy';
    if (externalData)
      checkExternalData(this.model, new Map(externalData.map((e) => [e.path, e.data])));
    const interfaces = partInterfaces(this.graph, plan, sharing);
    const io = interfaces.flatMap((p) => [...p.inputs, ...p.outputs]);
    const types = await resolveTypes(this.graph, io, ort, externalData);
    const typedPlan =
      cuts.length > 0
        ? planFromCuts(this.graph, cuts, types)
        : planFromAssignment(this.graph, plan.partOf, types);
    const stem = this.fileName.replace(/\.onnx$/i, '').replace(/[\\/]/g, '_') || 'model';
    const sha256 = options.sha256 ?? (await sha256Hex(this.bytes));
    const inline =
      options.inlineExternal && externalData
        ? new Map(externalData.map((e) => [e.path, e.data]))
        : undefined;
    const source = { file: this.fileName, sha256, stem };
    const { files, manifest } = exportParts(this.graph, typedPlan, types, source, sharing, inline);
    return { plan: typedPlan, files, manifest };
  }
}

/** Hex SHA-256 with the platform's Web Crypto (browsers, workers and Node 20 alike). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
