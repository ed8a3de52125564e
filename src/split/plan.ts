/**
 * From gestures to a plan (see shared DESIGN.md): cut sets C1..Ck put a node into part j for
 * the smallest j whose cumulative ancestor set Bj = A(C1) ∪ … ∪ A(Cj) holds it, else into
 * part k+1. Node assignments are checked for backward flow instead.
 */
import { CutlineError } from '../errors.js';
import { dtypeName, tensorBytes } from '../onnx/dtype.js';
import { ancestors, isWeight, type ModelGraph } from '../graph/graph.js';
import { subgraphValueNames } from '../graph/scopes.js';
import type { BoundaryValue, SplitPlan, TensorType } from '../types.js';

/** Checks that every name in the cuts is a value of the main graph that can be cut. */
export function validateCuts(graph: ModelGraph, cuts: string[][]): void {
  if (graph.nodes.length === 0) {
    throw new CutlineError('empty-plan', 'The model has no nodes: there is nothing to split.');
  }
  if (cuts.length === 0)
    throw new CutlineError('bad-cut', 'No cut given: name at least one value to cut at.');
  cuts.forEach((cut, i) => {
    if (cut.length === 0)
      throw new CutlineError(
        'bad-cut',
        `Cut ${i + 1} names no value: give at least one value name.`,
      );
    for (const name of cut) {
      if (graph.producer.has(name) || graph.modelInputs.includes(name)) continue;
      if (isWeight(graph, name)) {
        throw new CutlineError(
          'bad-cut',
          `"${name}" is a weight: weights are copied into every part that reads them, so there is nothing to cut. Cut at the output of a node that reads it instead.`,
        );
      }
      if (subgraphValueNames(graph).has(name)) {
        throw new CutlineError(
          'cut-in-subgraph',
          `"${name}" lives inside a subgraph body (If/Loop/Scan), which moves as one node. Cut before or after that node, or open the body as a model of its own (in the app, or \`cutline split --body <node>/<attribute>\`) and cut there.`,
        );
      }
      throw new CutlineError(
        'unknown-value',
        `No value named "${name}" in the main graph: check the spelling (names are case-sensitive).`,
      );
    }
  });
}

/** Applies cut sets in order and returns the plan with its boundaries. */
export function planFromCuts(
  graph: ModelGraph,
  cuts: string[][],
  types?: Map<string, TensorType>,
): SplitPlan {
  validateCuts(graph, cuts);
  // A value computed from weights alone is copied into each part that reads it, like a weight,
  // so cutting at it changes nothing: such names are set aside, with a note.
  const isConstant = (v: string) => {
    const p = graph.producer.get(v);
    return p !== undefined && graph.constant[p]!;
  };
  const ignored = cuts.flat().filter(isConstant);
  cuts = cuts.map((c) => c.filter((v) => !isConstant(v)));
  const n = graph.nodes.length;
  const partOf = new Array<number>(n).fill(cuts.length + 1);
  let assigned = new Set<number>();
  cuts.forEach((cut, j) => {
    const a = ancestors(graph, cut);
    for (const id of a) {
      if (!assigned.has(id)) partOf[id] = j + 1;
    }
    assigned = new Set([...assigned, ...a]);
  });
  const plan = planFromAssignment(graph, partOf, types, cuts);
  if (ignored.length > 0) {
    const names =
      ignored
        .slice(0, 3)
        .map((v) => `"${v}"`)
        .join(', ') + (ignored.length > 3 ? ', …' : '');
    plan.messages.unshift(
      `${names} ${ignored.length === 1 ? 'is' : 'are'} computed from weights alone and copied into each part that reads ${ignored.length === 1 ? 'it' : 'them'}, like a weight, so the cut there changes nothing.`,
    );
  }
  return plan;
}

/**
 * Builds a plan from a part number per node. Empty parts are dropped and the rest renumbered;
 * a value flowing from a later part to an earlier one is refused by name.
 */
export function planFromAssignment(
  graph: ModelGraph,
  assignment: number[],
  types: Map<string, TensorType> = graph.types,
  cuts: string[][] = [],
): SplitPlan {
  const messages: string[] = [];
  if (graph.nodes.length === 0) {
    throw new CutlineError('empty-plan', 'The model has no nodes: there is nothing to split.');
  }
  if (
    assignment.length !== graph.nodes.length ||
    assignment.some((p) => !Number.isInteger(p) || p < 1)
  ) {
    throw new CutlineError(
      'bad-input',
      `A plan needs a part number (1 or more) for each of the ${graph.nodes.length} nodes.`,
    );
  }
  assignment = homeConstants(graph, assignment);
  assignment = foldDeadParts(graph, assignment, messages);
  const used = [...new Set(assignment)].sort((a, b) => a - b);
  const renumber = new Map(used.map((p, i) => [p, i + 1]));
  const folded = messages.length;
  if (cuts.length > 0) {
    for (let p = 1; p <= cuts.length + 1; p++) {
      if (!renumber.has(p) && !messages.slice(0, folded).some((m) => m.startsWith(`Part ${p} `))) {
        messages.push(`Part ${p} would hold no node and was dropped.`);
      }
    }
  } else if (used.some((p, i) => p !== i + 1)) {
    messages.push(
      `Parts were renumbered 1 to ${used.length} in order, as some numbers held no node.`,
    );
  }
  const partOf = assignment.map((p) => renumber.get(p)!);
  for (const node of graph.nodes) {
    for (const v of node.reads) {
      const p = graph.producer.get(v);
      if (p === undefined || graph.constant[p]) continue; // constants are copied where read
      if (partOf[p]! > partOf[node.id]!) {
        throw new CutlineError(
          'backward-flow',
          `"${v}" would flow backwards, from part ${partOf[p]} to part ${partOf[node.id]}: move its producer into an earlier part or its reader into a later one.`,
        );
      }
    }
  }
  const parts = used.map((_, i) => ({
    id: i + 1,
    nodeIds: [] as number[],
    copies: [] as number[],
    weightBytes: 0,
  }));
  for (const id of graph.order) parts[partOf[id]! - 1]!.nodeIds.push(id);
  for (const part of parts) part.copies = constantCopies(graph, partOf, part.id, part.nodeIds);
  const readers = new Map<string, number>();
  for (const part of parts) {
    const weights = new Set<string>();
    for (const id of [...part.nodeIds, ...part.copies])
      for (const v of graph.nodes[id]!.reads) if (graph.initializers.has(v)) weights.add(v);
    part.weightBytes = [...weights].reduce((s, w) => s + graph.initializers.get(w)!.byteLength, 0);
    for (const w of weights) readers.set(w, (readers.get(w) ?? 0) + 1);
  }
  let duplicatedWeightBytes = 0;
  for (const [w, count] of readers)
    duplicatedWeightBytes += (count - 1) * graph.initializers.get(w)!.byteLength;
  const cutPart = cuts.map((_, i) => renumber.get(i + 1) ?? null);
  const boundaries = collectBoundaries(graph, partOf, parts.length, types, cuts, cutPart);
  return { partOf, parts, boundaries, messages, cutPart, duplicatedWeightBytes };
}

function collectBoundaries(
  graph: ModelGraph,
  partOf: number[],
  partCount: number,
  types: Map<string, TensorType>,
  cuts: string[][],
  cutPart: (number | null)[],
): BoundaryValue[][] {
  const crossing: { name: string; from: number; to: number[] }[] = [];
  for (const id of graph.order) {
    if (graph.constant[id]) continue; // copied into each part that reads it, never crossing
    for (const v of graph.nodes[id]!.writes) {
      const readers = graph.consumers.get(v) ?? [];
      const to = [...new Set(readers.map((r) => partOf[r]!).filter((p) => p > partOf[id]!))].sort(
        (a, b) => a - b,
      );
      if (to.length > 0) crossing.push({ name: v, from: partOf[id]!, to });
    }
  }
  const result: BoundaryValue[][] = [];
  for (let j = 1; j < partCount; j++) {
    // Values the user named in the cut that ends part j (and in cuts just before it whose
    // parts came out empty) are the cut's own; anything else crossing there is "also".
    const closing = cutPart.indexOf(j);
    const previous = j > 1 ? cutPart.indexOf(j - 1) : -1;
    const named = new Set(
      closing < 0 ? (cuts[j - 1] ?? []) : cuts.slice(previous + 1, closing + 1).flat(),
    );
    result.push(
      crossing
        .filter((c) => c.from <= j && c.to.some((t) => t > j))
        .map((c) => {
          const type = types.get(c.name) ?? null;
          return {
            name: c.name,
            type,
            bytes: type?.shape ? tensorBytes(type.elemType, type.shape) : null,
            fromPart: c.from,
            toParts: c.to,
            // With no cuts (parts assigned by hand) nothing was named, so nothing is "also".
            auto: cuts.length > 0 && !named.has(c.name),
            ...(graph.sequences.has(c.name)
              ? { kind: `sequence(${dtypeName(graph.sequences.get(c.name)!)})` }
              : {}),
          };
        }),
    );
  }
  return result;
}

/**
 * A part whose nodes feed nothing (no later part, no model output) would be a model without
 * outputs, which runtimes refuse. Its nodes join the part before it (the next, for part 1).
 */
function foldDeadParts(graph: ModelGraph, assignment: number[], messages: string[]): number[] {
  const outputs = new Set(graph.modelOutputs);
  const result = [...assignment];
  for (;;) {
    const parts = [...new Set(result)].sort((a, b) => a - b);
    if (parts.length < 2) return result;
    const dead = parts.find((p) =>
      graph.nodes.every(
        (n) =>
          result[n.id] !== p ||
          n.writes.every(
            (v) => !outputs.has(v) && (graph.consumers.get(v) ?? []).every((r) => result[r] === p),
          ),
      ),
    );
    if (dead === undefined) return result;
    const index = parts.indexOf(dead);
    const into = index > 0 ? parts[index - 1]! : parts[index + 1]!;
    const count = result.filter((p) => p === dead).length;
    messages.push(
      `Part ${dead} would hold only ${count} node${count === 1 ? '' : 's'} whose results nothing uses; they were kept in part ${into}.`,
    );
    for (let i = 0; i < result.length; i++) if (result[i] === dead) result[i] = into;
  }
}

/**
 * Nodes computed from weights alone live with their first reader (in topological order from
 * the end, so a chain of them follows its readers); a value they make never has to cross a cut.
 */
function homeConstants(graph: ModelGraph, assignment: number[]): number[] {
  const result = [...assignment];
  const outputs = new Set(graph.modelOutputs);
  for (let i = graph.order.length - 1; i >= 0; i--) {
    const id = graph.order[i]!;
    const node = graph.nodes[id]!;
    if (!graph.constant[id] || node.writes.some((v) => outputs.has(v))) continue;
    const readers = node.writes.flatMap((v) => graph.consumers.get(v) ?? []);
    if (readers.length > 0) result[id] = Math.min(...readers.map((r) => result[r]!));
  }
  return result;
}

/** Constant nodes homed elsewhere that this part's nodes read (with their constant inputs). */
function constantCopies(
  graph: ModelGraph,
  partOf: number[],
  part: number,
  nodeIds: number[],
): number[] {
  const copies = new Set<number>();
  const stack = [...nodeIds];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const v of graph.nodes[id]!.reads) {
      const p = graph.producer.get(v);
      if (p === undefined || !graph.constant[p] || partOf[p] === part || copies.has(p)) continue;
      copies.add(p);
      stack.push(p);
    }
  }
  return [...copies].sort((a, b) => graph.rank[a]! - graph.rank[b]!);
}
