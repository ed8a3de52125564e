/**
 * `cutline info|split|compare`: the same core as the app, on files. Exit codes: 0 success,
 * 1 outputs differ (compare), 2 bad input or usage with a one-line message on stderr.
 */
import { parseArgs } from 'node:util';
import { CutlineError } from '../index.js';
import type { WeightSharing } from '../index.js';
import { lazyOrt } from '../run/ort.js';
import { compare, info, split, UsageError } from './commands.js';
import { loadRuntime } from './runtime.js';

const USAGE = `usage:
  cutline info <model.onnx>
  cutline split <model.onnx> (--cut a,b [--cut c …] | --spec <spec.json>) --out <dir>
                [--body <node>/<attribute>[:<index>]] [--shared-weights copy|input] [--inline-external]
  cutline compare <dir>/manifest.json [--model <model.onnx>] [--inputs <dir>] [--runtime node|wasm]`;

const OPTIONS = {
  cut: { type: 'string', multiple: true },
  out: { type: 'string' },
  model: { type: 'string' },
  inputs: { type: 'string' },
  runtime: { type: 'string', default: 'node' },
  spec: { type: 'string' },
  body: { type: 'string' },
  'shared-weights': { type: 'string', default: 'copy' },
  'inline-external': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** One line for the user: the file the command was given leads unless the sentence names it. */
function oneLine(message: string, target: string | undefined): string {
  const text = message.replace(/\s+/g, ' ').trim();
  const named = target && (text.includes(target) || text.includes(target.split('/').pop()!));
  return named || !target ? text : `${target}: ${text}`;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    process.stderr.write(`cutline: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const target = positionals[0];
  try {
    if (!['info', 'split', 'compare'].includes(command))
      throw new UsageError(`unknown command: ${command}`);
    if (!target) throw new UsageError(`${command} needs a file`);
    const runtime = values.runtime;
    if (runtime !== 'node' && runtime !== 'wasm')
      throw new UsageError(`--runtime must be node or wasm, not ${runtime}`);
    const sharing = values['shared-weights'];
    if (sharing !== 'copy' && sharing !== 'input')
      throw new UsageError(`--shared-weights must be copy or input, not ${sharing}`);
    if (command === 'info') return await info(target);
    const ort = lazyOrt(() => loadRuntime(runtime));
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
    return await compare(target, { model: values.model, inputs: values.inputs, runtime }, ort);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`cutline: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof CutlineError) {
      process.stderr.write(`cutline: ${oneLine(e.message, target)}\n`);
      return 2;
    }
    // Anything else is a fault of Cutline's own: one line, and the details for a report.
    process.stderr.write(`cutline: internal error: ${(e as Error).message}\n`);
    if (process.env.CUTLINE_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return 2;
  }
}

// Output piped into a reader that stops early (`| head`) ends the command quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2));
