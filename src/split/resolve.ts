/**
 * Element types and shapes for values the file does not describe: onnxruntime is asked once,
 * with those values added as extra graph outputs, and its own inference answers.
 */
import { CutlineError } from '../errors.js';
import type { ModelGraph } from '../graph/graph.js';
import { tensorType } from '../graph/valuetype.js';
import { elemTypeOf } from '../onnx/dtype.js';
import type { ExternalDataFile, OrtLike } from '../run/ort.js';
import type { TensorType } from '../types.js';
import { writePart } from './export.js';

const PROBE_INLINE_BYTES = 4096;

/** Returns `graph.types` extended with types for `names` (those it lacked). */
export async function resolveTypes(
  graph: ModelGraph,
  names: Iterable<string>,
  ort: OrtLike,
  externalData?: ExternalDataFile[],
): Promise<Map<string, TensorType>> {
  const types = new Map(graph.types);
  const wanted = [...new Set(names)];
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
    session = await ort.InferenceSession.create(probe, externalData ? { externalData } : {});
  } catch (e) {
    if (missing.length === 0) return types; // only shapes were asked for; the types stand
    throw new CutlineError(
      'type-unknown',
      `The model does not say the type of ${quoteList(missing)}, and onnxruntime could not work it out: ${(e as Error).message}`,
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
            typeof d === 'number' && d >= 0 ? d : typeof d === 'string' && d ? d : null,
          )
        : null;
      if (ours?.elemType && !shape) continue;
      types.set(meta.name, tensorType(elemType, shape));
    }
  } finally {
    await session.release();
  }
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
