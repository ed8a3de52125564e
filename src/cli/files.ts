/** File access for the CLI: every failure becomes a one-line CutlineError naming the path. */
import { chmod, copyFile, mkdir, open, readFile, readdir, stat, realpath } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { CutlineError, readTensorProto } from '../index.js';
import type { CutlineDocument, HostTensor } from '../index.js';
import { externalLocations } from '../onnx/external.js';
import { readNpy } from '../run/npy.js';
import type { ExternalDataFile } from '../run/ort.js';

const reason = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** The file's bytes, without a copy. */
export async function readBytes(path: string): Promise<Uint8Array> {
  try {
    const b = await readFile(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (e) {
    throw new CutlineError('bad-input', `${path}: cannot read the file (${reason(e)}).`);
  }
}

/** Makes sure `dir` is a folder that can be written to. */
export async function outputFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    if (!(await stat(dir)).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
  } catch (e) {
    throw new CutlineError(
      'bad-input',
      `${dir}: cannot use it as the output folder (${reason(e)}).`,
    );
  }
}

/** Writes a file from a list of chunks (writev in batches of at most 1,024 buffers). */
export async function writeChunks(path: string, chunks: Uint8Array[]): Promise<void> {
  try {
    const fh = await open(path, 'w');
    try {
      for (let i = 0; i < chunks.length; i += 1024) await fh.writev(chunks.slice(i, i + 1024));
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new CutlineError('bad-input', `${path}: cannot write the file (${reason(e)}).`);
  }
}

/** Copies a data file next to the parts; the copy is writable whatever the source's mode. */
export async function copyBeside(from: string, to: string): Promise<void> {
  if (resolve(from) === resolve(to)) return;
  try {
    await mkdir(dirname(to), { recursive: true });
    await copyFile(from, to);
    await chmod(to, 0o644);
  } catch (e) {
    throw new CutlineError(
      'bad-input',
      `${to}: cannot copy the external data there (${reason(e)}).`,
    );
  }
}

/** Refuses a data file that, links followed, lies outside the model's folder. */
async function insideFolder(dir: string, path: string): Promise<void> {
  let real: string;
  let base: string;
  try {
    [real, base] = await Promise.all([realpath(path), realpath(dir)]);
  } catch (e) {
    throw new CutlineError('bad-input', `${path}: cannot read the file (${reason(e)}).`);
  }
  if (real !== base && !real.startsWith(base + sep)) {
    throw new CutlineError(
      'bad-input',
      `${path} leads outside the model's folder (to ${real}); only files beside the model (or below it) are read.`,
    );
  }
}

/** The external data files a model names, read from beside it. */
export async function externalData(
  doc: CutlineDocument,
  modelPath: string,
): Promise<ExternalDataFile[] | undefined> {
  const locations = externalLocations(doc.model);
  if (locations.length === 0) return undefined;
  const dir = dirname(modelPath);
  return Promise.all(
    locations.map(async (path) => {
      await insideFolder(dir, join(dir, path));
      return { path, data: await readBytes(join(dir, path)) };
    }),
  );
}

/** Inputs from `input_<k>.pb` TensorProto files or `<name>.npy` files. */
export async function readInputs(
  dir: string,
  inputNames: string[],
): Promise<Record<string, HostTensor>> {
  let entries: string[];
  try {
    entries = (await readdir(dir)).sort();
  } catch (e) {
    throw new CutlineError('bad-input', `${dir}: cannot read the inputs folder (${reason(e)}).`);
  }
  const inputs: Record<string, HostTensor> = {};
  for (const file of entries) {
    const path = join(dir, file);
    const pb = /^input_(\d+)\.pb$/.exec(file);
    if (pb) {
      const t = readTensorProto(await readBytes(path), path);
      const name = t.name && inputNames.includes(t.name) ? t.name : inputNames[Number(pb[1])];
      if (!name)
        throw new CutlineError('bad-input', `${path}: the model has no input number ${pb[1]}.`);
      inputs[name] = t;
    } else if (file.endsWith('.npy')) {
      const name = file.slice(0, -4);
      if (!inputNames.includes(name)) {
        throw new CutlineError('bad-input', `${path}: the model has no input named "${name}".`);
      }
      inputs[name] = readNpy(await readBytes(path), path);
    }
  }
  if (Object.keys(inputs).length === 0) {
    throw new CutlineError('bad-input', `${dir}: no input_<k>.pb or <input name>.npy files in it.`);
  }
  return inputs;
}
