/** Reading a manifest someone hands in: its shape is checked before anything trusts it. */
import { CutlineError } from '../errors.js';
import type { Manifest } from '../types.js';

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
