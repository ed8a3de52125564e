/**
 * The split spec: a plan saved as JSON, by value and node names, so the app and the CLI
 * (`cutline split --spec`) replay the same cut on the same model.
 */
import { CutlineError } from '../errors.js';
import type { ModelGraph } from '../graph/graph.js';

export interface SplitSpec {
  format: 'cutline-spec';
  version: 1;
  source: { file: string; sha256: string };
  /** Cut sets in order (value names). */
  cuts?: string[][];
  /** Or a part per node: node name, or `#<id>` for an unnamed node. */
  assignment?: { node: string; part: number }[];
}

const nodeKey = (graph: ModelGraph, id: number): string => {
  const name = graph.nodes[id]!.proto.name;
  // Names must be unique to identify a node; fall back to the index otherwise.
  const unique = name && graph.nodes.filter((n) => n.proto.name === name).length === 1;
  return unique ? name : `#${id}`;
};

export function toSpec(
  graph: ModelGraph,
  source: { file: string; sha256: string },
  plan: { cuts?: string[][]; assignment?: number[] },
): SplitSpec {
  const spec: SplitSpec = { format: 'cutline-spec', version: 1, source };
  if (plan.cuts) spec.cuts = plan.cuts.map((c) => [...c]);
  if (plan.assignment)
    spec.assignment = plan.assignment.map((part, id) => ({ node: nodeKey(graph, id), part }));
  return spec;
}

export function parseSpec(textOrObject: string | unknown, fileName = 'the spec'): SplitSpec {
  let spec: unknown = textOrObject;
  if (typeof textOrObject === 'string') {
    try {
      spec = JSON.parse(textOrObject);
    } catch (e) {
      throw new CutlineError(
        'bad-input',
        `${fileName} is not valid JSON (${(e as Error).message}).`,
      );
    }
  }
  const s = spec as Partial<SplitSpec>;
  if (!s || typeof s !== 'object' || s.format !== 'cutline-spec') {
    throw new CutlineError(
      'bad-input',
      `${fileName} is not a Cutline split spec (its "format" is not "cutline-spec").`,
    );
  }
  if (s.version !== 1)
    throw new CutlineError(
      'bad-input',
      `${fileName} has spec version ${String(s.version)}; this Cutline reads version 1.`,
    );
  const cutsOk =
    s.cuts === undefined ||
    (Array.isArray(s.cuts) &&
      s.cuts.every((c) => Array.isArray(c) && c.every((v) => typeof v === 'string')));
  const assignOk = s.assignment === undefined || Array.isArray(s.assignment);
  for (const a of Array.isArray(s.assignment) ? s.assignment : []) {
    if (typeof a?.node !== 'string' || !Number.isInteger(a?.part) || a.part < 1) {
      throw new CutlineError(
        'bad-input',
        `${fileName} assigns ${JSON.stringify(a?.node)} to part ${JSON.stringify(a?.part)}: each entry needs a node name and a whole part number from 1.`,
      );
    }
  }
  const hasCuts = Array.isArray(s.cuts) && s.cuts.length > 0;
  const hasAssignment = Array.isArray(s.assignment) && s.assignment.length > 0;
  if (hasCuts && hasAssignment) {
    throw new CutlineError(
      'bad-input',
      `${fileName} has both "cuts" and "assignment": keep one of them.`,
    );
  }
  if (!cutsOk || !assignOk || (!hasCuts && !hasAssignment)) {
    throw new CutlineError(
      'bad-input',
      `${fileName} needs "cuts" (lists of value names) or "assignment" (node and part pairs).`,
    );
  }
  return s as SplitSpec;
}

/** The part per node id that a spec's assignment gives; every node must be named once. */
export function assignmentOf(graph: ModelGraph, spec: SplitSpec): number[] {
  const byKey = new Map<string, number>();
  graph.nodes.forEach((_, id) => byKey.set(nodeKey(graph, id), id));
  const parts = new Array<number>(graph.nodes.length).fill(0);
  for (const a of spec.assignment ?? []) {
    if (a.part > graph.nodes.length) {
      throw new CutlineError(
        'bad-input',
        `The spec puts node "${a.node}" in part ${a.part}, but ${graph.nodes.length} nodes make at most ${graph.nodes.length} parts.`,
      );
    }
    const id = byKey.get(a.node) ?? (/^#\d+$/.test(a.node) ? Number(a.node.slice(1)) : undefined);
    if (id === undefined || id >= graph.nodes.length) {
      throw new CutlineError(
        'bad-input',
        `The spec assigns node "${a.node}", which this model does not have.`,
      );
    }
    if (parts[id] !== 0)
      throw new CutlineError('bad-input', `The spec assigns node "${a.node}" twice.`);
    parts[id] = a.part;
  }
  const missing = parts.findIndex((p) => p === 0);
  if (missing >= 0)
    throw new CutlineError(
      'bad-input',
      `The spec does not assign node "${nodeKey(graph, missing)}" to a part.`,
    );
  return parts;
}
