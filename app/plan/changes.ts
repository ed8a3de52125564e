/**
 * The editable plan and the changes that edit it. Every change declares its inverse, so the
 * history holds changes (not snapshots) and undo is "apply the inverse".
 */

/** What the user has decided: cut sets in order, or a part per node id. Never both. */
export interface PlanDoc {
  cuts: string[][];
  /** Part number per top-level node id, when the user assigned nodes to parts. */
  assignment: number[] | null;
}

export const EMPTY_PLAN: PlanDoc = { cuts: [], assignment: null };

export type Change =
  | { kind: 'insertCut'; index: number; values: string[] }
  | { kind: 'removeCut'; index: number; values: string[] }
  | { kind: 'setCut'; index: number; before: string[]; after: string[] }
  | { kind: 'moveCut'; from: number; to: number }
  | { kind: 'assign'; ids: number[]; before: number[]; after: number[] }
  /** Switches between a cut plan and an assignment plan, or loads a spec: both sides stated. */
  | { kind: 'replace'; before: PlanDoc; after: PlanDoc }
  | { kind: 'batch'; changes: Change[] };

/** The change that undoes `c`. */
export function invert(c: Change): Change {
  switch (c.kind) {
    case 'insertCut':
      return { kind: 'removeCut', index: c.index, values: c.values };
    case 'removeCut':
      return { kind: 'insertCut', index: c.index, values: c.values };
    case 'setCut':
      return { kind: 'setCut', index: c.index, before: c.after, after: c.before };
    case 'moveCut':
      return { kind: 'moveCut', from: c.to, to: c.from };
    case 'assign':
      return { kind: 'assign', ids: c.ids, before: c.after, after: c.before };
    case 'replace':
      return { kind: 'replace', before: c.after, after: c.before };
    case 'batch':
      return { kind: 'batch', changes: c.changes.map(invert).reverse() };
  }
}

/** Applies a change; returns a new PlanDoc and never mutates its argument. */
export function apply(doc: PlanDoc, c: Change): PlanDoc {
  switch (c.kind) {
    case 'insertCut': {
      const cuts = [...doc.cuts];
      cuts.splice(c.index, 0, c.values);
      return { ...doc, cuts };
    }
    case 'removeCut':
      return { ...doc, cuts: doc.cuts.filter((_, i) => i !== c.index) };
    case 'setCut':
      return { ...doc, cuts: doc.cuts.map((cut, i) => (i === c.index ? c.after : cut)) };
    case 'moveCut': {
      const cuts = [...doc.cuts];
      const [moved] = cuts.splice(c.from, 1);
      if (moved) cuts.splice(c.to, 0, moved);
      return { ...doc, cuts };
    }
    case 'assign': {
      const assignment = [...(doc.assignment ?? [])];
      c.ids.forEach((id, k) => {
        assignment[id] = c.after[k]!;
      });
      return { ...doc, assignment };
    }
    case 'replace':
      return c.after;
    case 'batch':
      return c.changes.reduce(apply, doc);
  }
}

/** A short label for the history list, e.g. "Toggle value conv1". */
export function describe(c: Change): string {
  switch (c.kind) {
    case 'insertCut':
      return `Add cut (${c.values.length} value${c.values.length === 1 ? '' : 's'})`;
    case 'removeCut':
      return `Remove cut ${c.index + 1}`;
    case 'setCut': {
      const added = c.after.filter((v) => !c.before.includes(v));
      const removed = c.before.filter((v) => !c.after.includes(v));
      return added.length
        ? `Add ${added.join(', ')} to cut ${c.index + 1}`
        : `Take ${removed.join(', ')} out of cut ${c.index + 1}`;
    }
    case 'moveCut':
      return `Move cut ${c.from + 1} to position ${c.to + 1}`;
    case 'assign':
      return `Assign ${c.ids.length} node${c.ids.length === 1 ? '' : 's'} to part ${c.after[0]}`;
    case 'replace':
      return c.after.cuts.length === 0 && !c.after.assignment
        ? 'Clear the plan'
        : 'Replace the plan';
    case 'batch':
      return c.changes.map(describe).at(-1) ?? 'No change';
  }
}

/**
 * The change that toggles `value` in cut `index`: adds it, takes it out, removes the cut when it
 * was the cut's last value, or starts a new cut when `index` is past the end.
 */
export function toggleValue(doc: PlanDoc, index: number, value: string): Change {
  const cut = doc.cuts[index];
  if (!cut) return { kind: 'insertCut', index: doc.cuts.length, values: [value] };
  if (!cut.includes(value)) return { kind: 'setCut', index, before: cut, after: [...cut, value] };
  if (cut.length === 1) return { kind: 'removeCut', index, values: cut };
  return { kind: 'setCut', index, before: cut, after: cut.filter((v) => v !== value) };
}

/**
 * The change that puts `ids` into `part`. A cut plan is first turned into the equivalent
 * assignment (`partOf` of its current plan, or all nodes in part 1).
 */
export function assignNodes(
  doc: PlanDoc,
  ids: number[],
  part: number,
  partOf: number[] | null,
  nodeCount: number,
): Change {
  const changes: Change[] = [];
  let base = doc.assignment;
  if (!base) {
    base = partOf ? [...partOf] : new Array<number>(nodeCount).fill(1);
    changes.push({ kind: 'replace', before: doc, after: { cuts: [], assignment: base } });
  }
  const from = base;
  changes.push({
    kind: 'assign',
    ids,
    before: ids.map((id) => from[id] ?? 1),
    after: ids.map(() => part),
  });
  return changes.length === 1 ? changes[0]! : { kind: 'batch', changes };
}

/** True when the plan would split nothing. */
export function isEmpty(doc: PlanDoc): boolean {
  return (
    doc.cuts.length === 0 &&
    (!doc.assignment || doc.assignment.every((p) => p === doc.assignment![0]))
  );
}
