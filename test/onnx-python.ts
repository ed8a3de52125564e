/** Facts read by the onnx Python package (Debian's python3-onnx), to check Cutline against. */
import { spawnSync } from 'node:child_process';

export interface OnnxSummary {
  ir: number;
  ops: string[];
  initializers: string[];
  inputs: string[];
}

const PYTHON = process.env.CUTLINE_PYTHON ?? '/usr/bin/python3';

const SCRIPT = `
import json, sys, onnx
out = {}
for path in json.load(sys.stdin):
    m = onnx.load(path, load_external_data=False)
    g = m.graph
    out[path] = {"ir": m.ir_version, "ops": [n.op_type for n in g.node],
                 "initializers": [t.name for t in g.initializer], "inputs": [v.name for v in g.input]}
json.dump(out, sys.stdout)
`;

/** Runs a Python script with `input` as JSON on stdin and returns the JSON it prints. */
export function runPython<T>(script: string, input: unknown): T {
  const r = spawnSync(PYTHON, ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) {
    throw new Error(
      `python3-onnx is needed for this check (apt-get install -y python3-onnx): ${r.stderr}`,
    );
  }
  return JSON.parse(r.stdout) as T;
}

export function onnxSummaries(paths: string[]): Record<string, OnnxSummary> {
  return runPython(SCRIPT, paths);
}
