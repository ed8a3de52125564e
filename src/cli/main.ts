/**
 * `cutline info|split|compare`: the same core as the app, on files. Exit codes: 0 success,
 * 1 outputs differ (compare), 2 bad input or usage with a one-line message on stderr.
 */
import { mkdir, open, readFile, readdir, writeFile, copyFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CutlineDocument,
  CutlineError,
  compareSplit,
  formatType,
  parseSpec,
  readTensorProto,
} from '../index.js';
import type { HostTensor, Manifest, WeightSharing } from '../index.js';
import { externalLocations } from '../onnx/external.js';
import { readNpy } from '../run/npy.js';
import { lazyOrt, type ExternalDataFile, type OrtLike } from '../run/ort.js';
import { loadRuntime } from './runtime.js';

const USAGE = `usage:
  cutline info <model.onnx>
  cutline split <model.onnx> (--cut a,b [--cut c …] | --spec <spec.json>) --out <dir>
                [--body <node>/<attribute>[:<index>]] [--shared-weights copy|input] [--inline-external]
  cutline compare <dir>/manifest.json [--model <model.onnx>] [--inputs <dir>] [--runtime node|wasm]`;

class UsageError extends Error {}

/** Writes a file from a list of chunks (writev in batches of at most 1,024 buffers). */
async function writeChunks(path: string, chunks: Uint8Array[]): Promise<void> {
  const fh = await open(path, 'w');
  try {
    for (let i = 0; i < chunks.length; i += 1024) await fh.writev(chunks.slice(i, i + 1024));
  } finally {
    await fh.close();
  }
}

async function readModelFile(path: string): Promise<Uint8Array> {
  try {
    const b = await readFile(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (e) {
    throw new CutlineError(
      'bad-input',
      `${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
    );
  }
}

async function externalData(
  doc: CutlineDocument,
  modelPath: string,
): Promise<ExternalDataFile[] | undefined> {
  const locations = externalLocations(doc.model);
  if (locations.length === 0) return undefined;
  const dir = dirname(modelPath);
  return Promise.all(
    locations.map(async (path) => ({ path, data: await readModelFile(join(dir, path)) })),
  );
}

async function info(path: string): Promise<number> {
  const doc = CutlineDocument.open(await readModelFile(path), basename(path));
  const v = doc.view;
  const typeOf = (n: string) => formatType(v.values.find((x) => x.name === n)?.type);
  const ops = new Map<string, number>();
  for (const n of v.nodes) ops.set(n.opType, (ops.get(n.opType) ?? 0) + 1);
  const weights = doc.graph.initializers.size;
  const lines = [
    `model: ${basename(path)} (${doc.bytes.length} bytes, IR ${v.irVersion}, producer ${doc.model.producerName || '?'})`,
    `opsets: ${v.opsets.map((o) => `${o.domain || 'ai.onnx'}:${o.version}`).join(', ')}`,
    `graph: ${v.name || '(unnamed)'}: ${v.nodes.length} nodes, ${weights} weights (${v.totalWeightBytes} bytes)`,
    `inputs:`,
    ...v.inputs.map((n) => `  ${n}: ${typeOf(n)}`),
    `outputs:`,
    ...v.outputs.map((n) => `  ${n}: ${typeOf(n)}`),
    `ops: ${[...ops]
      .sort((a, b) => b[1] - a[1])
      .map(([op, c]) => `${op}×${c}`)
      .join(', ')}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

interface SplitArgs {
  cuts: string[];
  out: string | undefined;
  spec: string | undefined;
  body: string | undefined;
  sharing: WeightSharing;
  inline: boolean;
}

/** The node id for `name` or `#<id>`, as --body names it. */
function findNode(doc: CutlineDocument, key: string): number {
  const byId = /^#(\d+)$/.exec(key);
  const id = byId ? Number(byId[1]) : doc.view.nodes.findIndex((n) => n.name === key);
  if (id < 0 || id >= doc.view.nodes.length) {
    throw new CutlineError(
      'bad-input',
      `No top-level node named "${key}": give its name or #<index>.`,
    );
  }
  return id;
}

async function openBody(
  doc: CutlineDocument,
  body: string,
  ort: OrtLike,
  ext?: ExternalDataFile[],
): Promise<CutlineDocument> {
  const m = /^(.+)\/([^/:]+)(?::(\d+))?$/.exec(body);
  if (!m) throw new UsageError(`--body takes <node>/<attribute>[:<index>], not "${body}"`);
  return doc.openBodyTyped(findNode(doc, m[1]!), m[2]!, Number(m[3] ?? 0), ort, ext);
}

async function split(path: string, args: SplitArgs, ort: OrtLike): Promise<number> {
  const { out } = args;
  if (args.cuts.length === 0 && !args.spec && !args.body)
    throw new UsageError('split needs at least one --cut, or --spec');
  if (args.cuts.length > 0 && args.spec) throw new UsageError('give --cut or --spec, not both');
  if (!out) throw new UsageError('split needs --out <dir>');
  let doc = CutlineDocument.open(await readModelFile(path), basename(path));
  const ext = await externalData(doc, path);
  await mkdir(out, { recursive: true });
  if (args.body) {
    doc = await openBody(doc, args.body, ort, ext);
    if (args.cuts.length === 0 && !args.spec) {
      await writeFile(join(out, doc.fileName), doc.bytes);
      process.stdout.write(
        `wrote the body as ${join(out, doc.fileName)} (${doc.view.nodes.length} nodes, inputs ${doc.view.inputs.join(', ')})\n`,
      );
      return 0;
    }
  }
  const spec = args.spec
    ? parseSpec(new TextDecoder().decode(await readModelFile(args.spec)), args.spec)
    : null;
  const cuts = spec
    ? (spec.cuts ?? [])
    : args.cuts.map((c) =>
        c
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
  const plan = spec ? doc.planSpec(spec) : doc.plan(cuts);
  const sha256 = createHash('sha256').update(doc.bytes).digest('hex');
  const result = await doc.splitPlan(plan, ort, ext, cuts, {
    sharing: args.sharing,
    inlineExternal: args.inline,
    sha256,
  });
  for (const f of result.files) await writeChunks(join(out, f.name), f.chunks ?? [f.bytes]);
  // Parts refer to the same external data files as the source; put them beside the parts.
  for (const e of args.inline ? [] : (ext ?? [])) {
    if (resolve(dirname(path), e.path) !== resolve(out, e.path)) {
      await mkdir(dirname(join(out, e.path)), { recursive: true });
      await copyFile(join(dirname(path), e.path), join(out, e.path));
    }
  }
  for (const m of result.plan.messages) process.stdout.write(`note: ${m}\n`);
  for (const p of result.manifest.parts) {
    process.stdout.write(
      `${p.file}: ${p.nodes} nodes, ${p.weightBytes} weight bytes, ` +
        `inputs ${p.inputs.map((i) => i.name).join(', ')} → outputs ${p.outputs.map((o) => o.name).join(', ')}\n`,
    );
  }
  result.plan.boundaries.forEach((b, i) => {
    process.stdout.write(
      `cut ${i + 1}: ${b.map((x) => `${x.name} ${formatType(x.type)}${x.auto ? ' (also crosses)' : ''}`).join(', ')}\n`,
    );
  });
  const dup = result.manifest.duplicatedWeightBytes;
  const shared = result.manifest.sharedWeights;
  if (shared)
    process.stdout.write(
      `shared weights: ${shared.names.length} (${shared.bytes} bytes) in ${shared.file}\n`,
    );
  else if (dup > 0)
    process.stdout.write(
      `weights copied into several parts: ${dup} bytes duplicated (--shared-weights input stores them once)\n`,
    );
  process.stdout.write(`wrote ${result.files.length} files to ${out}\n`);
  return 0;
}

async function readInputs(dir: string, inputNames: string[]): Promise<Record<string, HostTensor>> {
  let entries: string[];
  try {
    entries = (await readdir(dir)).sort();
  } catch {
    throw new CutlineError('bad-input', `${dir}: cannot read the inputs folder.`);
  }
  const inputs: Record<string, HostTensor> = {};
  for (const file of entries) {
    const path = join(dir, file);
    const pb = /^input_(\d+)\.pb$/.exec(file);
    if (pb) {
      const t = readTensorProto(await readModelFile(path), path);
      const name = t.name && inputNames.includes(t.name) ? t.name : inputNames[Number(pb[1])];
      if (!name)
        throw new CutlineError('bad-input', `${path}: the model has no input number ${pb[1]}.`);
      inputs[name] = t;
    } else if (file.endsWith('.npy')) {
      const name = file.slice(0, -4);
      if (!inputNames.includes(name))
        throw new CutlineError('bad-input', `${path}: the model has no input named "${name}".`);
      inputs[name] = readNpy(await readModelFile(path), path);
    }
  }
  return inputs;
}

async function compare(
  manifestPath: string,
  modelArg: string | undefined,
  inputsDir: string | undefined,
  ort: OrtLike,
  runtime: string,
): Promise<number> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(await readModelFile(manifestPath))) as Manifest;
  } catch (e) {
    if (e instanceof CutlineError) throw e;
    throw new CutlineError(
      'bad-manifest',
      `${manifestPath}: not valid JSON (${(e as Error).message}).`,
    );
  }
  if (manifest.format !== 'cutline-manifest' || !Array.isArray(manifest.parts)) {
    throw new CutlineError(
      'bad-manifest',
      `${manifestPath}: not a Cutline manifest (format is not "cutline-manifest").`,
    );
  }
  const dir = dirname(manifestPath);
  const modelPath = modelArg ?? join(dir, manifest.source.file);
  const original = await readModelFile(modelPath);
  const doc = CutlineDocument.open(original, basename(modelPath));
  const parts = new Map<string, Uint8Array>();
  for (const p of manifest.parts) parts.set(p.file, await readModelFile(join(dir, p.file)));
  if (manifest.sharedWeights)
    parts.set(
      manifest.sharedWeights.file,
      await readModelFile(join(dir, manifest.sharedWeights.file)),
    );
  const inputs = inputsDir ? await readInputs(inputsDir, doc.view.inputs) : undefined;
  const ext = await externalData(doc, modelPath);
  const report = await compareSplit(ort, original, manifest, parts, {
    ...(inputs ? { inputs } : {}),
    ...(ext ? { externalData: ext } : {}),
    providers: [runtime === 'wasm' ? 'wasm' : 'cpu'],
  });
  for (const o of report.outputs) {
    process.stdout.write(
      `${o.name}\tmax abs ${o.maxAbsDiff.toExponential(3)}\tmax rel ${o.maxRelDiff.toExponential(3)}\t${o.verdict}${o.note ? ` (${o.note})` : ''}\n`,
    );
  }
  process.stdout.write(
    `original ${report.originalMs.toFixed(1)} ms; ${report.partMs.map((p) => `part ${p.id} ${p.ms.toFixed(1)} ms`).join('; ')}\n`,
  );
  return report.ok ? 0 : 1;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        cut: { type: 'string', multiple: true },
        out: { type: 'string' },
        model: { type: 'string' },
        inputs: { type: 'string' },
        runtime: { type: 'string', default: 'node' },
        spec: { type: 'string' },
        body: { type: 'string' },
        'shared-weights': { type: 'string', default: 'copy' },
        'inline-external': { type: 'boolean' },
      },
    });
  } catch (e) {
    process.stderr.write(`cutline: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const target = positionals[0];
  try {
    if (!command || !target || !['info', 'split', 'compare'].includes(command))
      throw new UsageError(
        command ? `unknown command or missing file: ${command}` : 'no command given',
      );
    if (values.runtime !== 'node' && values.runtime !== 'wasm')
      throw new UsageError(`--runtime must be node or wasm, not ${values.runtime}`);
    if (command === 'info') return await info(target);
    const runtime = values.runtime;
    const ort = lazyOrt(() => loadRuntime(runtime));
    const sharing = values['shared-weights'];
    if (sharing !== 'copy' && sharing !== 'input')
      throw new UsageError(`--shared-weights must be copy or input, not ${sharing}`);
    if (command === 'split') {
      const args = {
        cuts: values.cut ?? [],
        out: values.out,
        spec: values.spec,
        body: values.body,
        sharing: sharing as WeightSharing,
        inline: values['inline-external'] ?? false,
      };
      return await split(target, args, ort);
    }
    return await compare(target, values.model, values.inputs, ort, values.runtime);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`cutline: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof CutlineError) {
      process.stderr.write(`cutline: ${e.message.replace(/\s+/g, ' ')}\n`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
