/**
 * The manifest: built from a plan's parts, and read back from a file someone hands in, whose
 * shape is checked before anything trusts it.
 */
import { CutlineError } from '../errors.js';
import type { ModelGraph } from '../graph/graph.js';
import { describeType } from '../graph/valuetype.js';
import { dtypeName } from '../onnx/dtype.js';
import type { TypeProto } from '../onnx/proto.js';
import type {
  Manifest,
  ManifestInput,
  ManifestOutput,
  ManifestPart,
  SplitPlan,
  TensorType,
} from '../types.js';
import type { PartInterface } from './export.js';

/** A part file name: a plain name beside the manifest, never a path elsewhere. */
function plainFile(name: unknown): name is string {
  return (
    typeof name === 'string' && name !== '' && !/[\\/]/.test(name) && name !== '.' && name !== '..'
  );
}

const isValueList = (v: unknown) =>
  Array.isArray(v) &&
  v.every((x) => x && typeof x === 'object' && typeof (x as { name?: unknown }).name === 'string');

export function parseManifest(text: string, fileName = 'the manifest'): Manifest {
  let m: Partial<Manifest>;
  try {
    m = JSON.parse(text) as Partial<Manifest>;
  } catch (e) {
    throw new CutlineError(
      'bad-manifest',
      `${fileName} is not valid JSON (${(e as Error).message}).`,
    );
  }
  const bad = (what: string) =>
    new CutlineError('bad-manifest', `${fileName} is not a usable Cutline manifest: ${what}.`);
  if (!m || typeof m !== 'object' || m.format !== 'cutline-manifest')
    throw bad('its "format" is not "cutline-manifest"');
  if (!Array.isArray(m.parts) || m.parts.length === 0) throw bad('it lists no parts');
  m.parts.forEach((p, i) => {
    if (!p || typeof p !== 'object') throw bad(`part ${i + 1} is not an object`);
    if (!plainFile(p.file))
      throw bad(`part ${i + 1} names its file as ${JSON.stringify(p.file)}, not a plain file name`);
    if (!isValueList(p.inputs) || !isValueList(p.outputs))
      throw bad(`part ${i + 1} lacks its inputs or outputs`);
    if (p.id !== i + 1) throw bad(`part ${i + 1} has id ${JSON.stringify(p.id)}`);
  });
  if (m.version !== 1) {
    throw bad(`its version is ${JSON.stringify(m.version)}; this Cutline reads version 1`);
  }
  if (!isValueList(m.modelOutputs) || (m.modelOutputs ?? []).length === 0) {
    throw bad('"modelOutputs" lists no output');
  }
  if (m.sharedWeights && !plainFile(m.sharedWeights.file))
    throw bad('the shared weights file is not a plain file name');
  // The source is looked for beside the manifest, like the parts: a plain name only.
  if (!m.source || typeof m.source !== 'object' || !plainFile(m.source.file)) {
    throw bad('"source.file" is not a plain file name');
  }
  return m as Manifest;
}

function manifestValue(
  name: string,
  types: Map<string, TensorType>,
  declared: Map<string, TypeProto>,
  sequences: Map<string, number>,
) {
  const t = types.get(name);
  if (t) return { name, dtype: t.dtype, shape: t.shape };
  const d = declared.get(name);
  if (d) return { name, dtype: describeType(d), shape: null };
  const seq = sequences.get(name);
  return { name, dtype: seq ? `sequence(${dtypeName(seq)})` : 'unknown', shape: null };
}

/** Builds the manifest that says how the parts chain. */
export function buildManifest(
  graph: ModelGraph,
  parts: PartInterface[],
  plan: SplitPlan,
  types: Map<string, TensorType>,
  source: { file: string; sha256: string; stem: string },
  shared: Set<string> = new Set(),
): Manifest {
  const g = graph.model.graph;
  const declared = new Map<string, TypeProto>();
  for (const v of [...g.inputs, ...g.outputs, ...g.valueInfo])
    if (v.proto.type) declared.set(v.proto.name, v.proto.type);
  const producerPart = (v: string): number | 'weights' | undefined => {
    if (shared.has(v)) return 'weights';
    const p = graph.producer.get(v);
    return p === undefined ? undefined : plan.partOf[p];
  };
  const modelOutputs = new Set(graph.modelOutputs);
  const manifestParts: ManifestPart[] = parts.map((p) => {
    const inputs: ManifestInput[] = p.inputs.map((v) => ({
      ...manifestValue(v, types, declared, graph.sequences),
      from: producerPart(v) ?? 'model',
    }));
    const outputs: ManifestOutput[] = p.outputs.map((v) => {
      // Later parts make constants themselves; only other values travel to them.
      const producer = graph.producer.get(v);
      const made = producer !== undefined && graph.constant[producer];
      const readers = (made ? [] : (graph.consumers.get(v) ?? []))
        .map((r) => plan.partOf[r]!)
        .filter((q) => q > p.id);
      const to: ('model' | number)[] = [...new Set(readers)].sort((a, b) => a - b);
      if (modelOutputs.has(v)) to.push('model');
      return { ...manifestValue(v, types, declared, graph.sequences), to };
    });
    return {
      id: p.id,
      file: `${source.stem}.part${p.id}.onnx`,
      nodes: p.nodeIds.length,
      // Bytes stored in this part's file (weights fed from a shared file are not).
      weightBytes: p.initializers.reduce(
        (n, w) => n + (graph.initializers.get(w)?.byteLength ?? 0),
        0,
      ),
      inputs,
      outputs,
    };
  });
  return {
    format: 'cutline-manifest',
    version: 1,
    source: {
      file: source.file,
      sha256: source.sha256,
      irVersion: Number(graph.model.irVersion),
      opsets: graph.model.opsets.map((o) => ({ domain: o.domain, version: Number(o.version) })),
    },
    parts: manifestParts,
    modelOutputs: graph.modelOutputs.map((name) => ({
      name,
      part: manifestParts.find((p) => p.outputs.some((o) => o.name === name))?.id ?? 1,
    })),
    duplicatedWeightBytes: shared.size > 0 ? 0 : plan.duplicatedWeightBytes,
    ...(shared.size > 0
      ? {
          sharedWeights: {
            file: `${source.stem}.weights.onnx`,
            names: [...shared],
            bytes: [...shared].reduce((n, w) => n + graph.initializers.get(w)!.byteLength, 0),
          },
        }
      : {}),
  };
}
