/**
 * Streams files into one .zip with fflate's Zip class: each file is deflated in chunks as it is
 * pushed, and the archive's chunks are collected as they come out, so no second copy of every
 * file is built up front. Runs inside the model worker.
 */
import { Zip, ZipDeflate } from 'fflate';
import type { ExportedFile } from '../../src/index.ts';

const CHUNK = 1 << 20;

/** Yields to the worker's event loop so a Cancel (terminate) is never held up for long. */
const tick = () => new Promise<void>((r) => setTimeout(r, 0));

export async function zipFiles(
  files: ExportedFile[],
  onFile?: (index: number, name: string) => void,
): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const done = new Promise<void>((resolve) => {
    const zip = new Zip((err, chunk, final) => {
      if (err) failure = err;
      else chunks.push(chunk);
      if (err || final) resolve();
    });
    void (async () => {
      for (const [i, f] of files.entries()) {
        onFile?.(i, f.name);
        const entry = new ZipDeflate(f.name, { level: f.name.endsWith('.onnx') ? 1 : 6 });
        zip.add(entry);
        for (let off = 0; off < f.bytes.byteLength || off === 0; off += CHUNK) {
          const end = Math.min(off + CHUNK, f.bytes.byteLength);
          entry.push(f.bytes.subarray(off, end), end >= f.bytes.byteLength);
          await tick();
          if (end >= f.bytes.byteLength) break;
        }
      }
      zip.end();
    })();
  });
  await done;
  if (failure) throw failure;
  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
