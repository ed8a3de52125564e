/** The three commands. Each returns its exit code; failures throw CutlineError (exit 2). */
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { CutlineDocument, CutlineError, compareSplit, formatType, parseSpec } from '../index.js';
import type { WeightSharing } from '../index.js';
import { describeType } from '../graph/valuetype.js';
import { dtypeName } from '../onnx/dtype.js';
import type { ExternalDataFile, OrtLike } from '../run/ort.js';
import { parseManifest } from '../split/manifest.js';
import {
  copyBeside,
  externalData,
  outputFolder,
  readBytes,
  readInputs,
  writeChunks,
} from './files.js';

export class UsageError extends Error {}

const say = (line: string) => process.stdout.write(`${line}\n`);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function openModel(path: string): Promise<CutlineDocument> {
  return CutlineDocument.open(await readBytes(path), basename(path));
}

export async function info(path: string): Promise<number> {
  const doc = await openModel(path);
  const v = doc.view;
  const g = doc.model.graph;
  const typeOf = (n: string) => {
    const t = v.values.find((x) => x.name === n)?.type;
    if (t) return formatType(t);
    const declared = [...g.inputs, ...g.outputs].find((x) => x.proto.name === n)?.proto.type;
    return declared ? describeType(declared) : '?';
  };
  const ops = new Map<string, number>();
  for (const n of v.nodes) ops.set(n.opType, (ops.get(n.opType) ?? 0) + 1);
  say(
    `model: ${basename(path)} (${doc.bytes.length} bytes, IR ${v.irVersion}, producer ${doc.model.producerName || '?'})`,
  );
  say(`opsets: ${v.opsets.map((o) => `${o.domain || 'ai.onnx'}:${o.version}`).join(', ')}`);
  say(
    `graph: ${v.name || '(unnamed)'}: ${v.nodes.length} nodes, ${doc.graph.initializers.size} weights (${v.totalWeightBytes} bytes)`,
  );
  say('inputs:');
  for (const n of v.inputs) say(`  ${n}: ${typeOf(n)}`);
  say('outputs:');
  for (const n of v.outputs) say(`  ${n}: ${typeOf(n)}`);
  say(
    `ops: ${[...ops]
      .sort((a, b) => b[1] - a[1])
      .map(([op, c]) => `${op}×${c}`)
      .join(', ')}`,
  );
  return 0;
}

export interface SplitArgs {
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
) {
  const m = /^(.+)\/([^/:]+)(?::(\d+))?$/.exec(body);
  if (!m) throw new UsageError(`--body takes <node>/<attribute>[:<index>], not "${body}"`);
  return doc.openBodyTyped(findNode(doc, m[1]!), m[2]!, Number(m[3] ?? 0), ort, ext);
}

export async function split(path: string, args: SplitArgs, ort: OrtLike): Promise<number> {
  const { out } = args;
  if (args.cuts.length === 0 && !args.spec && !args.body)
    throw new UsageError('split needs at least one --cut, or --spec');
  if (args.cuts.length > 0 && args.spec) throw new UsageError('give --cut or --spec, not both');
  if (!out) throw new UsageError('split needs --out <dir>');
  let doc = await openModel(path);
  const ext = await externalData(doc, path);
  const spec = args.spec
    ? parseSpec(new TextDecoder().decode(await readBytes(args.spec)), args.spec)
    : null;
  await outputFolder(out);
  if (args.body) {
    doc = await openBody(doc, args.body, ort, ext);
    // The body is the source of the parts: it is written beside them, for `compare`.
    await writeChunks(join(out, doc.fileName), [doc.bytes]);
    say(
      `wrote the body as ${join(out, doc.fileName)} (${doc.view.nodes.length} nodes, inputs ${doc.view.inputs.join(', ')})`,
    );
    if (args.cuts.length === 0 && !spec) return 0;
  }
  const cuts = spec
    ? (spec.cuts ?? [])
    : args.cuts.map((c) =>
        c
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
  const plan = spec ? doc.planSpec(spec) : doc.plan(cuts);
  const result = await doc.splitPlan(plan, ort, ext, cuts, {
    sharing: args.sharing,
    inlineExternal: args.inline,
    sha256: sha256(doc.bytes),
  });
  for (const f of result.files) await writeChunks(join(out, f.name), f.chunks ?? [f.bytes]);
  // Parts refer to the same external data files as the source; put them beside the parts.
  if (!args.inline)
    for (const e of ext ?? []) await copyBeside(join(dirname(path), e.path), join(out, e.path));
  for (const m of result.plan.messages) say(`note: ${m}`);
  for (const p of result.manifest.parts) {
    say(
      `${p.file}: ${p.nodes} nodes, ${p.weightBytes} weight bytes, inputs ${p.inputs.map((i) => i.name).join(', ') || '(none)'}` +
        ` → outputs ${p.outputs.map((o) => o.name).join(', ')}`,
    );
  }
  result.plan.boundaries.forEach((b, i) => {
    const typeOf = (name: string, t: (typeof b)[number]['type']) => {
      const seq = doc.graph.sequences.get(name);
      return t ? formatType(t) : seq ? `sequence(${dtypeName(seq)})` : '?';
    };
    const values = b.map(
      (x) => `${x.name} ${typeOf(x.name, x.type)}${x.auto ? ' (also crosses)' : ''}`,
    );
    say(`between part ${i + 1} and later parts: ${values.join(', ') || '(nothing crosses)'}`);
  });
  const shared = result.manifest.sharedWeights;
  const dup = result.manifest.duplicatedWeightBytes;
  if (shared)
    say(`shared weights: ${shared.names.length} (${shared.bytes} bytes) in ${shared.file}`);
  else if (dup > 0)
    say(
      `weights copied into several parts: ${dup} bytes duplicated (--shared-weights input stores them once)`,
    );
  say(`wrote ${result.files.length} files to ${out}`);
  return 0;
}

export async function compare(
  manifestPath: string,
  opts: { model?: string; inputs?: string; runtime: string },
  ort: OrtLike,
) {
  const manifest = parseManifest(
    new TextDecoder().decode(await readBytes(manifestPath)),
    manifestPath,
  );
  const dir = dirname(manifestPath);
  const modelPath = opts.model ?? join(dir, manifest.source.file);
  const original = await readBytes(modelPath);
  if (manifest.source.sha256 && sha256(original) !== manifest.source.sha256) {
    process.stderr.write(
      `cutline: note: ${modelPath} is not the file these parts were cut from (its SHA-256 differs from the manifest's).\n`,
    );
  }
  const doc = CutlineDocument.open(original, basename(modelPath));
  const parts = new Map<string, Uint8Array>();
  for (const p of manifest.parts) parts.set(p.file, await readBytes(join(dir, p.file)));
  const weights = manifest.sharedWeights?.file;
  if (weights) parts.set(weights, await readBytes(join(dir, weights)));
  const inputs = opts.inputs ? await readInputs(opts.inputs, doc.view.inputs) : undefined;
  const ext = await externalData(doc, modelPath);
  const report = await compareSplit(ort, original, manifest, parts, {
    ...(inputs ? { inputs } : {}),
    ...(ext ? { externalData: ext } : {}),
    providers: [opts.runtime === 'wasm' ? 'wasm' : 'cpu'],
  });
  for (const o of report.outputs) {
    say(
      `${o.name}\tmax abs ${o.maxAbsDiff.toExponential(3)}\tmax rel ${o.maxRelDiff.toExponential(3)}\t${o.verdict}${o.note ? ` (${o.note})` : ''}`,
    );
  }
  say(
    `original ${report.originalMs.toFixed(1)} ms; ${report.partMs.map((p) => `part ${p.id} ${p.ms.toFixed(1)} ms`).join('; ')}`,
  );
  return report.ok ? 0 : 1;
}
