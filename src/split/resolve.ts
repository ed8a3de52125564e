/**
 * Element types and shapes for values the file does not describe: onnxruntime is asked once,
 * with those values added as extra graph outputs, and its own inference answers.
 */
import { CutlineError } from '../errors.js';
import type { ModelGraph } from '../graph/graph.js';
import { tensorType } from '../graph/valuetype.js';
import { elemTypeOf } from '../onnx/dtype.js';
import { runtimeMessage, type ExternalDataFile, type OrtLike } from '../run/ort.js';
import type { TensorType } from '../types.js';
import { writePart } from './export.js';
import { makeInputs } from '../run/compare.js';

const PROBE_INLINE_BYTES = 4096;
/** Probes may fail by design; onnxruntime's own log of it would only confuse. */
const QUIET = { logSeverityLevel: 4 } as const;
/** onnxruntime-node reports an unknown dimension as -1, onnxruntime-web as 2^32 − 1. */
const UNKNOWN_DIM = 0xffffffff;

/** Returns `graph.types` extended with types for `names` (those it lacked). */
export async function resolveTypes(
  graph: ModelGraph,
  names: Iterable<string>,
  ort: OrtLike,
  externalData?: ExternalDataFile[],
): Promise<Map<string, TensorType>> {
  const types = new Map(graph.types);
  // Values the file declares as sequences, maps or optionals are described by the file itself.
  const nonTensor = declaredNonTensor(graph);
  const wanted = [...new Set(names)].filter((n) => !nonTensor.has(n) && !graph.sequences.has(n));
  const missing = wanted.filter((n) => !types.get(n)?.elemType);
  // Values typed by inference but of unknown rank are asked too; onnxruntime may know the rank.
  const rankless = wanted.filter((n) => types.get(n)?.elemType && !types.get(n)?.shape);
  if (missing.length === 0 && rankless.length === 0) return types;
  const asked = [...missing, ...rankless];
  const outputs = [...graph.modelOutputs, ...asked.filter((n) => !graph.modelOutputs.includes(n))];
  // Large weights only matter to inference through their type, so the probe declares them as
  // typed inputs instead of carrying their bytes; small ones stay, as shapes may be read from them.
  const weights = [...graph.initializers.values()];
  const small = weights.filter(
    (t) => t.storedBytes <= PROBE_INLINE_BYTES || !types.get(t.name)?.shape,
  );
  const large = weights.filter((t) => !small.includes(t)).map((t) => t.name);
  const probe = writePart(
    graph,
    {
      id: 0,
      nodeIds: graph.order,
      inputs: [...graph.modelInputs, ...large],
      outputs,
      initializers: [...small.map((t) => t.name), ...graph.sparseInitializers],
    },
    types,
    { allowUntyped: true, keepGraphName: true },
  );
  let session;
  try {
    session = await ort.InferenceSession.create(probe, {
      ...QUIET,
      ...(externalData ? { externalData } : {}),
    });
  } catch (e) {
    if (missing.length === 0) return types; // only shapes were asked for; the types stand
    throw new CutlineError(
      'type-unknown',
      `The model does not say the type of ${quoteList(missing)}, and onnxruntime could not work it out: ${runtimeMessage(e)}`,
    );
  }
  try {
    for (const meta of session.outputMetadata ?? []) {
      if (!asked.includes(meta.name)) continue;
      if (!meta.isTensor || !meta.type) continue;
      const elemType = elemTypeOf(meta.type);
      if (!elemType) continue;
      const ours = types.get(meta.name);
      if (ours?.elemType && ours.elemType !== elemType) continue; // disagreement: keep the file's or inference's word
      // onnxruntime reports an unknown shape as rank 0; a scalar declared that way would be a
      // lie, so rank 0 is left undeclared (onnxruntime accepts any rank then).
      const known = meta.shape && meta.shape.length > 0;
      const shape = known
        ? meta.shape!.map((d) =>
            typeof d === 'number' && d >= 0 && d < UNKNOWN_DIM
              ? d
              : typeof d === 'string' && d
                ? d
                : null,
          )
        : null;
      if (ours?.elemType && !shape) continue;
      // A rank with no known dimension is onnxruntime's guess (seen wrong after ReduceSum with
      // axes as an input); for a value already typed, a run tells the rank for sure.
      if (ours?.elemType && shape!.every((d) => d === null)) continue;
      types.set(meta.name, tensorType(elemType, shape));
    }
  } finally {
    await session.release();
  }
  const stillRankless = asked.filter((n) => types.get(n)?.elemType && !types.get(n)?.shape);
  if (stillRankless.length > 0) await rankFromRun(graph, stillRankless, types, ort, externalData);
  const still = missing.filter((n) => !types.get(n)?.elemType);
  if (still.length > 0) {
    throw new CutlineError(
      'type-unknown',
      `The element type of ${quoteList(still)} is unknown: it is not a plain tensor, or onnxruntime cannot say. Cut at a tensor value instead.`,
    );
  }
  return types;
}

function quoteList(names: string[]): string {
  const shown = names
    .slice(0, 3)
    .map((n) => `"${n}"`)
    .join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

function declaredNonTensor(graph: ModelGraph): Set<string> {
  const g = graph.model.graph;
  const names = new Set<string>();
  for (const v of [...g.inputs, ...g.outputs, ...g.valueInfo]) {
    const t = v.proto.type;
    if (t && (t.sequenceType || t.mapType || t.optionalType)) names.add(v.proto.name);
  }
  return names;
}

/**
 * The last resort for a rank that neither the file nor any inference gives: one run on random
 * inputs, reading each value's rank (its dimensions are left unknown). A run that fails leaves
 * the values rankless.
 */
async function rankFromRun(
  graph: ModelGraph,
  names: string[],
  types: Map<string, TensorType>,
  ort: OrtLike,
  externalData?: ExternalDataFile[],
): Promise<void> {
  const model = writePart(
    graph,
    {
      id: 0,
      nodeIds: graph.order,
      inputs: graph.modelInputs,
      outputs: names,
      initializers: [...graph.initializers.keys(), ...graph.sparseInitializers],
    },
    types,
    { allowUntyped: true, keepGraphName: true, bareOutputs: new Set(names) },
  );
  try {
    const session = await ort.InferenceSession.create(model, {
      ...QUIET,
      ...(externalData ? { externalData } : {}),
    });
    try {
      const inputs = makeInputs(session);
      const feeds = Object.fromEntries(
        Object.entries(inputs).map(([k, t]) => [k, new ort.Tensor(t.dtype, t.data, t.dims)]),
      );
      const out = await session.run(feeds);
      for (const name of names) {
        const t = out[name];
        const ours = types.get(name);
        if (t && ours)
          types.set(
            name,
            tensorType(
              ours.elemType,
              t.dims.map(() => null),
            ),
          );
      }
    } finally {
      await session.release();
    }
  } catch {
    // Random inputs do not suit every model (a loop count, an index); the rank stays unknown.
  }
}
