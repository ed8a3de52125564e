/**
 * The part of onnxruntime's JavaScript API the core uses. onnxruntime-node and
 * onnxruntime-web both fit it, so the same runner serves the CLI, tests and the browser.
 */
export interface OrtTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
  dispose?(): void;
}

export interface OrtValueMetadata {
  name: string;
  isTensor: boolean;
  type?: string;
  shape?: readonly (number | string)[];
}

export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata?: readonly OrtValueMetadata[];
  readonly outputMetadata?: readonly OrtValueMetadata[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}

export interface ExternalDataFile {
  path: string;
  data: Uint8Array;
}

export interface OrtSessionOptions {
  executionProviders?: string[];
  externalData?: ExternalDataFile[];
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  /** 0 verbose … 4 fatal; Cutline reports failures itself, in one sentence. */
  logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
}

export interface OrtLike {
  InferenceSession: {
    create(model: Uint8Array, options?: OrtSessionOptions): Promise<OrtSession>;
  };
  Tensor: new (type: string, data: unknown, dims?: readonly number[]) => OrtTensor;
}

/** Adapts an imported onnxruntime module (node or web) to the core's view of it. */
export function asOrt(module: unknown): OrtLike {
  return module as OrtLike;
}

/**
 * An onnxruntime that loads on first use: a split whose types are all known never pays for
 * loading the runtime. `Tensor` is only needed after a session exists, so it is loaded by then.
 */
export function lazyOrt(load: () => Promise<OrtLike>): OrtLike {
  let loaded: OrtLike | null = null;
  let pending: Promise<OrtLike> | null = null;
  const get = async (): Promise<OrtLike> => (loaded ??= await (pending ??= load()));
  const TensorProxy = function (
    this: unknown,
    type: string,
    data: unknown,
    dims?: readonly number[],
  ) {
    if (!loaded) throw new Error('onnxruntime is not loaded yet: create a session first.');
    return new loaded.Tensor(type, data, dims);
  } as unknown as OrtLike['Tensor'];
  return {
    InferenceSession: {
      create: async (model, options) => (await get()).InferenceSession.create(model, options),
    },
    Tensor: TensorProxy,
  };
}

/**
 * onnxruntime's message without the C++ source locations and signatures it sometimes carries
 * (`/onnxruntime_src/…/x.cc:266 onnxruntime::Status onnxruntime::f(…) `), which mean nothing
 * to the user.
 */
export function runtimeMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text
    .replace(/\/onnxruntime_src\/\S+:\d+\s+(?:[\w:<>,&*\s]+\([^)]*(?:\([^)]*\)[^)]*)*\)\s*)?/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
