/**
 * Cutline's parts judged by onnx's own tools (Debian's python3-onnx), all in one Python process:
 * `onnx.checker.check_model` on each part whose source passes it, and `onnx.utils.extract_model`
 * with the part's inputs and outputs, whose node list is compared with the part's.
 */
import { runPython } from './onnx-python.js';

export interface CrosscheckJob {
  source: string;
  part: string;
  inputs: string[];
  outputs: string[];
  /** Where extract_model writes its model; null to leave extract_model out for this part. */
  extracted: string | null;
}

export interface SourceVerdict {
  /** null when the source passes the checker. */
  error: string | null;
  /** The source declares an IR version or opset newer than this onnx knows. */
  newer: boolean;
  ir: number;
  opsets: [string, number][];
}

export interface CrosscheckResult {
  /** null: passed; a string: the checker's message; absent when the source fails the checker. */
  check?: string | null;
  /** The error extract_model raised before writing its model, if it did. */
  extractError?: string;
  /** The checker's complaint about extract_model's own model (raised after writing it). */
  extractOutputRejected?: string;
  /** Inputs and outputs declared without a shape, with the shape onnx's inference gives the source's value (null: none). */
  noShape?: [string, (number | string | null)[] | null][];
  /** Nodes (op type and outputs) in Cutline's part but not in extract_model's, and the reverse. */
  onlyCutline?: string[];
  onlyExtract?: string[];
  /** Seconds extract_model took. */
  seconds: number;
}

export interface CrosscheckReport {
  onnxVersion: string;
  sources: Record<string, SourceVerdict>;
  results: CrosscheckResult[];
}

const SCRIPT = `
import collections, json, os, signal, sys, time
import onnx, onnx.checker, onnx.defs, onnx.utils

sys.setrecursionlimit(20000)
KNOWN = {"": onnx.defs.onnx_opset_version(), "ai.onnx": onnx.defs.onnx_opset_version(), "ai.onnx.ml": 3}

def first_line(e):
    text = (str(e) or type(e).__name__).strip().splitlines()
    return (type(e).__name__ + ": " + (text[0] if text else "")).strip()

def nodes(model):
    return collections.Counter(n.op_type + " -> " + ",".join(n.output) for n in model.graph.node)

class Timeout(Exception):
    pass

def on_alarm(signum, frame):
    raise Timeout("extract_model took longer than %d s" % LIMIT)

LIMIT = 60
signal.signal(signal.SIGALRM, on_alarm)
jobs = json.load(sys.stdin)
sources = {}
shapes = {}
results = []
for job in jobs:
    src = job["source"]
    if src not in sources:
        m = onnx.load(src, load_external_data=False)
        opsets = [(o.domain, o.version) for o in m.opset_import]
        newer = m.ir_version > onnx.IR_VERSION or any(v > KNOWN.get(d, v) for d, v in opsets)
        try:
            onnx.checker.check_model(m, full_check=False)
            error = None
        except Exception as e:
            error = first_line(e)
        inferred = {}
        if error is None:
            try:
                g = onnx.shape_inference.infer_shapes(m).graph
                for v in list(g.input) + list(g.output) + list(g.value_info):
                    t = v.type.tensor_type
                    if v.type.HasField("tensor_type") and t.HasField("shape"):
                        inferred[v.name] = [d.dim_param or (d.dim_value if d.HasField("dim_value") else None) for d in t.shape.dim]
            except Exception:
                pass
        sources[src] = {"error": error, "newer": newer, "ir": m.ir_version, "opsets": opsets}
        shapes[src] = inferred
    r = {}
    part = onnx.load(job["part"], load_external_data=False)
    if sources[src]["error"] is None:
        try:
            onnx.checker.check_model(part, full_check=False)
            r["check"] = None
        except Exception as e:
            r["check"] = first_line(e)
        bare = [v.name for v in list(part.graph.input) + list(part.graph.output)
                if v.type.HasField("tensor_type") and not v.type.tensor_type.HasField("shape")]
        if bare:
            r["noShape"] = [[n, shapes[src].get(n)] for n in dict.fromkeys(bare)]
    started = time.time()
    out = job["extracted"]
    if out is not None:
        if os.path.exists(out):
            os.remove(out)
        signal.alarm(LIMIT)
        try:
            onnx.utils.extract_model(src, out, job["inputs"], job["outputs"])
        except BaseException as e:
            # extract_model checks its own model after saving it; a complaint there still
            # leaves a node list to compare.
            if os.path.exists(out):
                r["extractOutputRejected"] = first_line(e)
            else:
                r["extractError"] = first_line(e)
        finally:
            signal.alarm(0)
        if os.path.exists(out):
            got = nodes(onnx.load(out, load_external_data=False))
            mine = nodes(part)
            r["onlyCutline"] = sorted((mine - got).elements())
            r["onlyExtract"] = sorted((got - mine).elements())
    r["seconds"] = round(time.time() - started, 3)
    results.append(r)
json.dump({"onnxVersion": onnx.__version__, "sources": sources, "results": results}, sys.stdout)
`;

/** Runs every job in one Python process; results come back in job order. */
export function crosscheck(jobs: CrosscheckJob[]): CrosscheckReport {
  return runPython<CrosscheckReport>(SCRIPT, jobs);
}
