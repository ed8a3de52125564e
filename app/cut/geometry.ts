/** Plane geometry for the cut tool: which drawn edge polylines a cut line crosses. */
import type { Point } from '../workers/layoutProtocol.ts';

function cross(o: Point, a: Point, b: Point): number {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/** True when segments p1–p2 and q1–q2 intersect (touching counts). */
export function segmentsIntersect(p1: Point, p2: Point, q1: Point, q2: Point): boolean {
  const d1 = cross(q1, q2, p1);
  const d2 = cross(q1, q2, p2);
  const d3 = cross(p1, p2, q1);
  const d4 = cross(p1, p2, q2);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    return true;
  }
  const on = (a: Point, b: Point, c: Point) =>
    Math.min(a.x, b.x) <= c.x &&
    c.x <= Math.max(a.x, b.x) &&
    Math.min(a.y, b.y) <= c.y &&
    c.y <= Math.max(a.y, b.y);
  return (
    (d1 === 0 && on(q1, q2, p1)) ||
    (d2 === 0 && on(q1, q2, p2)) ||
    (d3 === 0 && on(p1, p2, q1)) ||
    (d4 === 0 && on(p1, p2, q2))
  );
}

/** True when the segment a–b crosses any piece of the polyline. */
export function crossesPolyline(a: Point, b: Point, polyline: Point[]): boolean {
  for (let i = 1; i < polyline.length; i++) {
    if (segmentsIntersect(a, b, polyline[i - 1]!, polyline[i]!)) return true;
  }
  return false;
}

/** Values whose edges the segment a–b crosses, in first-seen order, without repeats. */
export function crossedValues(
  a: Point,
  b: Point,
  edges: { value: string; points: Point[] }[],
): string[] {
  const seen = new Set<string>();
  for (const e of edges) {
    if (!seen.has(e.value) && crossesPolyline(a, b, e.points)) seen.add(e.value);
  }
  return [...seen];
}

/** Distance from p to the segment a–b. */
export function segmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** The value whose drawn edge passes nearest p, within `tolerance`; null when none is that close. */
export function nearestValue(
  p: Point,
  edges: { value: string; points: Point[] }[],
  tolerance: number,
): string | null {
  let best: string | null = null;
  let bestD = tolerance;
  for (const e of edges) {
    for (let i = 1; i < e.points.length; i++) {
      const d = segmentDistance(p, e.points[i - 1]!, e.points[i]!);
      if (d <= bestD) {
        bestD = d;
        best = e.value;
      }
    }
  }
  return best;
}
