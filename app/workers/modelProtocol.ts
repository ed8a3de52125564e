/**
 * Messages between the page and the model worker. The worker holds the open CutlineDocument
 * (bytes, parsed graph) and a stack of opened subgraph bodies; the page only ever sees plain
 * data derived from them, and always talks about the innermost one.
 */
import type {
  CompareReport,
  ExportedFile,
  GraphView,
  Manifest,
  NodeDetails,
  SplitPlan,
  WeightSharing,
} from '../../src/index.ts';
import type { PlanDoc } from '../plan/changes.ts';

/** A file opened beside the model: external data its weights live in. */
export interface DataFile {
  name: string;
  file: Blob;
}

/** Stages a long request walks through, in order. */
export type ModelStage = 'reading' | 'parsing' | 'planning' | 'exporting' | 'zipping' | 'running';

/** Execution provider for one part. */
export type Provider = 'wasm' | 'webgpu';

export type ModelRequest =
  /** Open a model. On failure the previously open model stays open in the worker. */
  | { id: number; kind: 'open'; file: Blob; fileName: string; dataFiles?: DataFile[] }
  | { id: number; kind: 'plan'; doc: PlanDoc }
  | { id: number; kind: 'split'; doc: PlanDoc; sharing?: WeightSharing }
  /** One `.zip` with every part, manifest.json and the spec. */
  | { id: number; kind: 'zip'; doc: PlanDoc; sharing?: WeightSharing }
  | { id: number; kind: 'spec'; doc: PlanDoc }
  /** Parse a spec and return the plan it describes, as the editable PlanDoc. */
  | { id: number; kind: 'loadSpec'; text: string; fileName: string }
  | { id: number; kind: 'run'; doc: PlanDoc; providers: Provider[]; sharing?: WeightSharing }
  | { id: number; kind: 'details'; nodeId: number }
  /** Push a subgraph body of a node of the innermost model as the new innermost model. */
  | { id: number; kind: 'openBody'; nodeId: number; attribute: string; index: number }
  /** Pop back to `depth` models (1 = the file itself). */
  | { id: number; kind: 'closeBody'; depth: number };

export type ModelResponse =
  | { id: number; kind: 'opened'; fileName: string; byteLength: number; view: GraphView }
  | { id: number; kind: 'planned'; plan: SplitPlan | null }
  | { id: number; kind: 'split'; plan: SplitPlan; files: ExportedFile[]; manifest: Manifest }
  | { id: number; kind: 'zipped'; name: string; bytes: Uint8Array }
  | { id: number; kind: 'spec'; name: string; text: string }
  | { id: number; kind: 'specLoaded'; doc: PlanDoc; plan: SplitPlan }
  | { id: number; kind: 'ran'; report: CompareReport }
  | { id: number; kind: 'details'; details: NodeDetails }
  | { id: number; kind: 'closed'; depth: number }
  | { id: number; kind: 'progress'; stage: ModelStage; message: string }
  | { id: number; kind: 'error'; code: string; message: string };

/** The response kinds that end a request. */
export type ModelResult = Exclude<ModelResponse, { kind: 'progress' }>;
