/**
 * Runs the original model and the chained parts on the same inputs and compares every model
 * output: max absolute and relative difference and a verdict per output, time per part.
 */
import { CutlineError } from '../errors.js';
import type { CompareReport, Manifest, OutputComparison, Verdict } from '../types.js';
import {
  runtimeMessage,
  type ExternalDataFile,
  type OrtLike,
  type OrtSession,
  type OrtTensor,
} from './ort.js';
import { concreteDims, numberAt, randomTensor, seededRandom, type HostTensor } from './tensors.js';

/** |got − expected| ≤ abs + rel·|expected| counts as close (the corpus's own tolerance). */
export interface Tolerance {
  abs: number;
  rel: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { abs: 1e-4, rel: 1e-3 };

export interface CompareOptions {
  /** Inputs by name; missing ones are random. */
  inputs?: Record<string, HostTensor>;
  /** Execution provider per part (e.g. 'wasm', 'webgpu', 'cpu'); the original runs on the first. */
  providers?: string[];
  externalData?: ExternalDataFile[];
  tolerance?: Tolerance;
  seed?: number;
  onProgress?: (message: string) => void;
  signal?: AbortSignal;
  /** When given, receives the chained parts' model outputs (for checks against references). */
  collect?: Map<string, OrtTensor>;
}

const now = (): number => (globalThis.performance ? performance.now() : Date.now());

function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CutlineError('runtime', 'The run was cancelled.');
}

async function createSession(
  ort: OrtLike,
  bytes: Uint8Array,
  what: string,
  provider: string | undefined,
  externalData?: ExternalDataFile[],
): Promise<OrtSession> {
  try {
    return await ort.InferenceSession.create(bytes, {
      logSeverityLevel: 3,
      ...(provider ? { executionProviders: [provider] } : {}),
      ...(externalData ? { externalData } : {}),
    });
  } catch (e) {
    throw new CutlineError('runtime', `onnxruntime could not load ${what}: ${runtimeMessage(e)}`);
  }
}

async function run(session: OrtSession, feeds: Record<string, OrtTensor>, what: string) {
  try {
    return await session.run(feeds);
  } catch (e) {
    throw new CutlineError(
      'runtime',
      `onnxruntime failed while running ${what}: ${runtimeMessage(e)}`,
    );
  }
}

/** Random or given inputs for every input the original model declares. */
export function makeInputs(
  session: OrtSession,
  given: Record<string, HostTensor> = {},
  seed = 1,
): Record<string, HostTensor> {
  const random = seededRandom(seed);
  const feeds: Record<string, HostTensor> = {};
  for (const name of session.inputNames) {
    const meta = session.inputMetadata?.find((m) => m.name === name);
    if (given[name]) feeds[name] = given[name]!;
    else if (meta?.isTensor && meta.type)
      feeds[name] = randomTensor(meta.type, concreteDims(meta.shape ?? []), random);
    else
      throw new CutlineError(
        'bad-input',
        `Input "${name}" is not a plain tensor; random data cannot be made for it.`,
      );
  }
  return feeds;
}

export async function compareSplit(
  ort: OrtLike,
  original: Uint8Array,
  manifest: Manifest,
  partFiles: Map<string, Uint8Array>,
  options: CompareOptions = {},
): Promise<CompareReport> {
  const tol = options.tolerance ?? DEFAULT_TOLERANCE;
  const progress = options.onProgress ?? (() => {});
  const toOrt = (t: HostTensor): OrtTensor => new ort.Tensor(t.dtype, t.data, t.dims);

  // onnxruntime's JavaScript API cannot hand a sequence from one session to the next.
  const sequence = manifest.parts
    .flatMap((p) => p.inputs)
    .find((v) => v.from !== 'model' && v.dtype.startsWith('sequence'));
  if (sequence) {
    throw new CutlineError(
      'runtime',
      `"${sequence.name}" is a ${sequence.dtype} passed between parts, which onnxruntime's JavaScript API cannot carry; the parts are valid ONNX: run them with another onnxruntime binding, or cut at a tensor.`,
    );
  }
  progress('Loading the original model');
  const first = options.providers?.[0];
  const origSession = await createSession(
    ort,
    original,
    'the original model',
    first,
    options.externalData,
  );
  const inputs = makeInputs(origSession, options.inputs, options.seed);
  const feeds = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, toOrt(v)]));
  progress('Running the original model');
  let t0 = now();
  const expected = await run(origSession, feeds, 'the original model');
  const originalMs = now() - t0;
  await origSession.release();

  const values = new Map<string, OrtTensor>(Object.entries(feeds));
  const partMs: CompareReport['partMs'] = [];
  if (manifest.sharedWeights) {
    // The shared weights file is a node-less model: running it hands back every weight once.
    const file = manifest.sharedWeights.file;
    const bytes = partFiles.get(file);
    if (!bytes)
      throw new CutlineError(
        'bad-manifest',
        `The manifest names the weights file ${file}, which is missing.`,
      );
    const session = await createSession(
      ort,
      bytes,
      `the shared weights (${file})`,
      first,
      options.externalData,
    );
    for (const [k, v] of Object.entries(await run(session, {}, 'the shared weights')))
      values.set(k, v);
    await session.release();
  }
  for (const part of manifest.parts) {
    checkAbort(options.signal);
    const bytes = partFiles.get(part.file);
    if (!bytes)
      throw new CutlineError('bad-manifest', `The manifest names ${part.file}, which is missing.`);
    const provider = options.providers?.[part.id - 1] ?? first;
    progress(`Running part ${part.id} of ${manifest.parts.length}`);
    const session = await createSession(
      ort,
      bytes,
      `part ${part.id} (${part.file})`,
      provider,
      options.externalData,
    );
    const partFeeds: Record<string, OrtTensor> = {};
    for (const name of session.inputNames) {
      const v = values.get(name);
      if (!v)
        throw new CutlineError(
          'bad-manifest',
          `Part ${part.id} needs "${name}", which no earlier part or model input provides: are these the parts of this model?`,
        );
      partFeeds[name] = v;
    }
    t0 = now();
    const out = await run(session, partFeeds, `part ${part.id}`);
    partMs.push({ id: part.id, ms: now() - t0, provider: provider ?? 'default' });
    for (const [k, v] of Object.entries(out)) values.set(k, v);
    await session.release();
  }

  const outputs: OutputComparison[] = manifest.modelOutputs.map(({ name }) => {
    const exp = expected[name];
    const got = values.get(name);
    if (got) options.collect?.set(name, got);
    if (!exp || !got) {
      return {
        name,
        dtype: exp?.type ?? '?',
        shape: [...(exp?.dims ?? [])],
        maxAbsDiff: NaN,
        maxRelDiff: NaN,
        verdict: 'DIFFERENT' as Verdict,
        note: got ? 'the original did not return it' : 'the parts did not return it',
      };
    }
    return compareTensors(name, exp, got, tol);
  });
  return { outputs, originalMs, partMs, ok: outputs.every((o) => o.verdict !== 'DIFFERENT') };
}

const INTEGER = /^(u?int(8|16|32|64)|bool)$/;

/** Compares two tensors element by element. */
export function compareTensors(
  name: string,
  exp: OrtTensor,
  got: OrtTensor,
  tol: Tolerance = DEFAULT_TOLERANCE,
): OutputComparison {
  const base = { name, dtype: exp.type, shape: [...exp.dims] };
  if (exp.type !== got.type || exp.dims.join(',') !== got.dims.join(',')) {
    return {
      ...base,
      maxAbsDiff: NaN,
      maxRelDiff: NaN,
      verdict: 'DIFFERENT',
      note: `expected ${exp.type}[${exp.dims.join(',')}], got ${got.type}[${got.dims.join(',')}]`,
    };
  }
  if (exp.type === 'string') {
    const a = exp.data as string[];
    const b = got.data as string[];
    const same = a.every((s, i) => s === b[i]);
    return {
      ...base,
      maxAbsDiff: same ? 0 : NaN,
      maxRelDiff: same ? 0 : NaN,
      verdict: same ? 'identical' : 'DIFFERENT',
    };
  }
  const n = (exp.data as ArrayLike<unknown>).length;
  let maxAbs = 0;
  let maxRel = 0;
  let identical = true;
  let close = true;
  const exact = INTEGER.test(exp.type);
  for (let i = 0; i < n; i++) {
    const e = numberAt(exp, i);
    const g = numberAt(got, i);
    if (Object.is(e, g) || (Number.isNaN(e) && Number.isNaN(g))) continue;
    if (e === g) continue; // +0 and -0
    identical = false;
    const d = Math.abs(g - e);
    if (!(d <= maxAbs)) maxAbs = Number.isNaN(d) ? Infinity : Math.max(maxAbs, d);
    const rel = d / Math.max(Math.abs(e), Number.MIN_VALUE);
    if (Number.isFinite(rel)) maxRel = Math.max(maxRel, rel);
    else maxRel = Infinity;
    if (exact || !(d <= tol.abs + tol.rel * Math.abs(e))) close = false;
  }
  const verdict: Verdict = identical ? 'identical' : close ? 'close' : 'DIFFERENT';
  return { ...base, maxAbsDiff: maxAbs, maxRelDiff: maxRel, verdict };
}
