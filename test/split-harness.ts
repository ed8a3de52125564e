/**
 * Shared by the sweep and the cross-check: opens a corpus case with its reference data, picks
 * cuts along the topological order, and runs split parts in a chain with onnxruntime-node,
 * one session per part.
 */
import * as ortNode from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { asOrt, CutlineDocument, CutlineError, makeInputs, readTensorProto } from '../src/index.js';
import type {
  ExternalDataFile,
  HostTensor,
  Manifest,
  OrtSession,
  OrtTensor,
  SplitResult,
} from '../src/index.js';
import { externalLocations } from '../src/onnx/external.js';
import { dataSets, modelPath, type CorpusCase } from './corpus.js';

export const ort = asOrt(ortNode);

export interface OpenCase {
  path: string;
  bytes: Uint8Array;
  doc: CutlineDocument;
  ext: ExternalDataFile[] | undefined;
  /** Reference inputs of test_data_set_0 by input name (empty when the case has none). */
  inputs: Record<string, HostTensor>;
  /** Reference outputs of test_data_set_0 by output name, or null when the case has none. */
  references: Map<string, OrtTensor> | null;
}

export function openCase(c: CorpusCase): OpenCase {
  const path = modelPath(c);
  const bytes = new Uint8Array(readFileSync(path));
  const doc = CutlineDocument.open(bytes, basename(path));
  const locations = externalLocations(doc.model);
  const ext = locations.length
    ? locations.map((p) => ({
        path: p,
        data: new Uint8Array(readFileSync(join(dirname(path), p))),
      }))
    : undefined;
  const set = dataSets(c)[0];
  const inputs: Record<string, HostTensor> = {};
  set?.inputs.forEach((file, i) => {
    const t = readTensorProto(new Uint8Array(readFileSync(file)), file);
    inputs[t.name && doc.view.inputs.includes(t.name) ? t.name : doc.view.inputs[i]!] = t;
  });
  let references: Map<string, OrtTensor> | null = null;
  if (set) {
    references = new Map();
    set.outputs.forEach((file, i) => {
      const t = readTensorProto(new Uint8Array(readFileSync(file)), file);
      const name = t.name && doc.view.outputs.includes(t.name) ? t.name : doc.view.outputs[i]!;
      references!.set(name, { type: t.dtype, dims: t.dims, data: t.data });
    });
  }
  return { path, bytes, doc, ext, inputs, references };
}

/** Node ids in topological order, without nodes that only fold weights and constants. */
export function liveOrder(doc: CutlineDocument): number[] {
  return doc.view.order.filter((id) => !doc.graph.constant[id]);
}

export function isTypeUnknown(e: unknown): e is CutlineError {
  return e instanceof CutlineError && e.code === 'type-unknown';
}

/**
 * Splits at the first output of live nodes at these fractions of the order (of all nodes when
 * every node folds constants), moving every cut one node on when a value is not a tensor, as
 * test/corpus.test.ts does.
 */
export async function splitAtFractions(
  open: OpenCase,
  fractions: number[],
): Promise<{ cuts: string[][]; result: SplitResult }> {
  const { doc, ext } = open;
  const live = liveOrder(doc);
  const order = live.length > 0 ? live : doc.view.order;
  let lastError: unknown;
  for (let shift = 0; shift < Math.min(order.length, 8); shift++) {
    const cuts = fractions.map((f) => {
      const pos = Math.min(order.length - 1, Math.floor((order.length - 1) * f) + shift);
      return [doc.view.nodes[order[pos]!]!.outputs[0]!];
    });
    try {
      return { cuts, result: await doc.split(cuts, ort, ext) };
    } catch (e) {
      if (!isTypeUnknown(e)) throw e;
      lastError = e;
    }
  }
  throw lastError;
}

/**
 * onnxruntime's graph optimizer fuses nodes across what becomes a part boundary, so a chain can
 * round differently from the whole model; with optimizations disabled both run the same kernels.
 */
export type OptimizationLevel = 'disabled' | 'basic' | 'extended' | 'all';

function sessionOptions(
  ext: ExternalDataFile[] | undefined,
  level?: OptimizationLevel,
): ortNode.InferenceSession.SessionOptions {
  return {
    ...(ext ? { externalData: ext } : {}),
    ...(level ? { graphOptimizationLevel: level } : {}),
  };
}

/** The original model's inputs (reference or seeded random) and outputs, from one session. */
export async function runOriginal(
  open: OpenCase,
  level?: OptimizationLevel,
): Promise<{
  feeds: Record<string, OrtTensor>;
  outputs: Record<string, OrtTensor>;
}> {
  const session = await ortNode.InferenceSession.create(
    open.bytes,
    sessionOptions(open.ext, level),
  );
  try {
    const inputs = makeInputs(session as unknown as OrtSession, open.inputs);
    const feeds = Object.fromEntries(
      Object.entries(inputs).map(([k, v]) => [
        k,
        new ortNode.Tensor(v.dtype as 'float32', v.data as Float32Array, v.dims),
      ]),
    );
    return { feeds, outputs: await session.run(feeds) };
  } finally {
    await session.release();
  }
}

export interface ChainResult {
  /** Every value the chain produced or was fed, by name. */
  values: Map<string, OrtTensor>;
  /** What went wrong, one sentence each; empty when every part loaded, matched and ran. */
  problems: string[];
}

const sameNames = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/**
 * Loads each part once and runs them in manifest order, feeding each from the model inputs and
 * earlier parts' outputs. Also checks that each session's inputs and outputs are the manifest's.
 */
export async function runChain(
  manifest: Manifest,
  files: Map<string, Uint8Array>,
  feeds: Record<string, OrtTensor>,
  ext: ExternalDataFile[] | undefined,
  level?: OptimizationLevel,
): Promise<ChainResult> {
  const values = new Map<string, OrtTensor>(Object.entries(feeds));
  const problems: string[] = [];
  for (const part of manifest.parts) {
    let session: ortNode.InferenceSession;
    try {
      session = await ortNode.InferenceSession.create(
        files.get(part.file)!,
        sessionOptions(ext, level),
      );
    } catch (e) {
      problems.push(`part ${part.id} does not load: ${oneLine(e)}`);
      return { values, problems };
    }
    try {
      const declaredIn = part.inputs.map((v) => v.name);
      const declaredOut = part.outputs.map((v) => v.name);
      if (!sameNames(session.inputNames, declaredIn)) {
        problems.push(
          `part ${part.id} inputs are [${session.inputNames}], manifest says [${declaredIn}]`,
        );
      }
      if (!sameNames(session.outputNames, declaredOut)) {
        problems.push(
          `part ${part.id} outputs are [${session.outputNames}], manifest says [${declaredOut}]`,
        );
      }
      const partFeeds: Record<string, ortNode.Tensor> = {};
      for (const name of session.inputNames) {
        const v = values.get(name);
        if (!v) {
          problems.push(`part ${part.id} needs "${name}", which nothing earlier provides`);
          return { values, problems };
        }
        partFeeds[name] = v as ortNode.Tensor;
      }
      let out: Record<string, OrtTensor>;
      try {
        out = await session.run(partFeeds);
      } catch (e) {
        problems.push(`part ${part.id} fails to run: ${oneLine(e)}`);
        return { values, problems };
      }
      for (const [k, v] of Object.entries(out)) values.set(k, v);
      for (const v of part.outputs) {
        const got = out[v.name];
        if (got && !shapeFits(v.shape, got.dims)) {
          problems.push(
            `part ${part.id} declares "${v.name}" as [${v.shape}] but it is [${got.dims}] at run time`,
          );
        }
      }
    } finally {
      await session.release();
    }
  }
  return { values, problems };
}

/** A declared shape fits run-time dims: same rank, and every numeric dimension equal. */
export function shapeFits(
  declared: readonly (number | string | null)[] | null,
  dims: readonly number[],
): boolean {
  if (declared === null) return true;
  return (
    declared.length === dims.length &&
    declared.every((d, i) => typeof d !== 'number' || d === dims[i])
  );
}

/** An onnxruntime message on one line; long ones keep their end, where the reason is. */
export function oneLine(e: unknown): string {
  const text = (e as Error).message.replace(/\s+/g, ' ').trim();
  return text.length > 320 ? `…${text.slice(-300)}` : text;
}
