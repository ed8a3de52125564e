/**
 * Messages between the page and the model worker. The worker holds the open CutlineDocument
 * (bytes, parsed graph); the page only ever sees plain data derived from it.
 */
import type {
  CompareReport, ExportedFile, GraphView, Manifest, SplitPlan,
} from '../../src/types.ts';

/** Stages a long request walks through, in order. */
export type ModelStage = 'reading' | 'parsing' | 'planning' | 'exporting' | 'running';

export type ModelRequest =
  /** Open a model. On failure the previously open model stays open in the worker. */
  | { id: number; kind: 'open'; file: Blob; fileName: string }
  | { id: number; kind: 'plan'; cuts: string[][] }
  | { id: number; kind: 'split'; cuts: string[][] }
  | { id: number; kind: 'run'; cuts: string[][] };

export type ModelResponse =
  | { id: number; kind: 'opened'; fileName: string; byteLength: number; view: GraphView }
  | { id: number; kind: 'planned'; plan: SplitPlan }
  | { id: number; kind: 'split'; plan: SplitPlan; files: ExportedFile[]; manifest: Manifest }
  | { id: number; kind: 'ran'; report: CompareReport }
  | { id: number; kind: 'progress'; stage: ModelStage; message: string }
  | { id: number; kind: 'error'; code: string; message: string };

/** The response kinds that end a request. */
export type ModelResult = Exclude<ModelResponse, { kind: 'progress' }>;
