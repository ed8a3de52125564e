import { describe, expect, it } from 'vitest';
import {
  EMPTY_PLAN,
  apply,
  assignNodes,
  invert,
  toggleValue,
  type Change,
  type PlanDoc,
} from './changes.ts';

const doc: PlanDoc = { cuts: [['a'], ['b', 'c']], assignment: null };

const changes: Change[] = [
  { kind: 'insertCut', index: 1, values: ['x'] },
  { kind: 'removeCut', index: 0, values: ['a'] },
  { kind: 'setCut', index: 1, before: ['b', 'c'], after: ['b'] },
  { kind: 'moveCut', from: 1, to: 0 },
  { kind: 'replace', before: doc, after: EMPTY_PLAN },
  assignNodes(doc, [2, 3], 2, [1, 1, 1, 2], 4),
];

describe('plan changes', () => {
  it.each(changes.map((c) => [c.kind, c] as const))('%s is undone by its inverse', (_, c) => {
    const after = apply(doc, c);
    expect(after).not.toEqual(doc);
    expect(apply(after, invert(c))).toEqual(doc);
    expect(invert(invert(c))).toEqual(c);
  });

  it('toggles a value in, out, and removes a cut left empty', () => {
    const added = apply(doc, toggleValue(doc, 0, 'z'));
    expect(added.cuts[0]).toEqual(['a', 'z']);
    expect(apply(added, toggleValue(added, 0, 'z'))).toEqual(doc);
    const gone = apply(doc, toggleValue(doc, 0, 'a'));
    expect(gone.cuts).toEqual([['b', 'c']]);
    expect(apply(doc, toggleValue(doc, 5, 'n')).cuts).toEqual([['a'], ['b', 'c'], ['n']]);
  });

  it('turns a cut plan into the equivalent assignment before assigning', () => {
    const next = apply(doc, assignNodes(doc, [0], 3, [1, 2, 2], 3));
    expect(next).toEqual({ cuts: [], assignment: [3, 2, 2] });
  });
});
