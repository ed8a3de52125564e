/** Initializers whose bytes live in external data files. */
import { CutlineError } from '../errors.js';
import type { InitializerHeader, OnnxModel } from './model.js';
import { ChunkWriter, scanFields } from './wire.js';

/**
 * The distinct `location` paths the model's initializers name, in first-use order. A location
 * must stay inside the model's folder: absolute paths and `..` are refused, as onnx does.
 */
export function externalLocations(model: OnnxModel): string[] {
  const seen = new Set<string>();
  for (const t of model.graph.initializers) {
    const loc = t.external?.find((e) => e.key === 'location')?.value;
    if (loc === undefined) continue;
    const segments = loc.split(/[\\/]/);
    if (
      !loc ||
      loc.startsWith('/') ||
      loc.startsWith('\\') ||
      /^[A-Za-z]:/.test(loc) ||
      segments.includes('..')
    ) {
      throw new CutlineError(
        'bad-input',
        `The weight "${t.name}" names its data file as "${loc}", outside the model's folder; only files beside the model (or below it) are read.`,
      );
    }
    seen.add(loc);
  }
  return [...seen];
}

/** The bytes of an external weight inside the files given, or a sentence saying what is wrong. */
function externalBytes(header: InitializerHeader, files: Map<string, Uint8Array>): Uint8Array {
  const entry = (key: string) => header.external?.find((e) => e.key === key)?.value;
  const location = entry('location') ?? '';
  const file = files.get(location);
  if (!file) {
    throw new CutlineError(
      'bad-input',
      `The weight "${header.name}" lives in "${location}", which was not given: add that file beside the model.`,
    );
  }
  const offset = Number(entry('offset') ?? 0);
  const length = entry('length') !== undefined ? Number(entry('length')) : file.length - offset;
  if (!(offset >= 0 && length >= 0 && offset + length <= file.length)) {
    throw new CutlineError(
      'bad-input',
      `"${location}" is ${file.length} bytes, too short for the weight "${header.name}" (bytes ${offset}–${offset + length}).`,
    );
  }
  return file.subarray(offset, offset + length);
}

/** Checks that every external weight lies inside the data files given for it. */
export function checkExternalData(model: OnnxModel, files: Map<string, Uint8Array>): void {
  for (const t of model.graph.initializers) if (t.external) externalBytes(t, files);
}

/**
 * The initializer rewritten with its external bytes inlined as raw_data: every other field is
 * kept as it was; `external_data` and `data_location` are dropped.
 */
export function inlineTensor(
  bytes: Uint8Array,
  header: InitializerHeader,
  files: Map<string, Uint8Array>,
): Uint8Array {
  const data = externalBytes(header, files);
  const w = new ChunkWriter();
  for (const f of scanFields(bytes, header.span.dataStart, header.span.end)) {
    if (f.field === 13 || f.field === 14) continue;
    w.push(bytes.subarray(f.start, f.end));
  }
  w.pushBytes(9, data);
  return w.finish();
}
