import { describe, expect, it } from 'vitest';
import { crossedValues, crossesPolyline, segmentsIntersect } from './geometry.ts';

const p = (x: number, y: number) => ({ x, y });

describe('cut geometry', () => {
  it('finds proper crossings and touching ends, and rejects misses', () => {
    expect(segmentsIntersect(p(0, 0), p(10, 10), p(0, 10), p(10, 0))).toBe(true);
    expect(segmentsIntersect(p(0, 0), p(10, 0), p(10, 0), p(10, 5))).toBe(true);
    expect(segmentsIntersect(p(0, 0), p(10, 0), p(0, 1), p(10, 1))).toBe(false);
    expect(segmentsIntersect(p(0, 0), p(4, 0), p(5, -1), p(5, 1))).toBe(false);
  });

  it('intersects a line with every piece of a bent edge', () => {
    const bent = [p(0, 0), p(0, 10), p(20, 10), p(20, 20)];
    expect(crossesPolyline(p(15, 5), p(15, 15), bent)).toBe(true);
    expect(crossesPolyline(p(5, 0), p(15, 0), bent)).toBe(false);
  });

  it('names each crossed value once, in the order the edges are listed', () => {
    const edges = [
      { value: 'a', points: [p(0, 0), p(0, 10)] },
      { value: 'b', points: [p(5, 0), p(5, 10)] },
      { value: 'a', points: [p(8, 0), p(8, 10)] },
      { value: 'c', points: [p(50, 0), p(50, 10)] },
    ];
    expect(crossedValues(p(-1, 5), p(9, 5), edges)).toEqual(['a', 'b']);
  });
});
