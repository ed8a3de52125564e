import { memo } from 'react';
import type { Edge, EdgeProps } from '@xyflow/react';
import type { PolyEdgeData } from './derive.ts';

/**
 * Draws the edge exactly along the polyline stored in its data (layout route), so the cut tool
 * can intersect the very geometry the user sees.
 */
function PolyEdgeView({ data }: EdgeProps<Edge<PolyEdgeData, 'poly'>>) {
  if (!data) return null;
  const pts = data.points;
  const d = pts.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ');
  const mid = labelPoint(pts);
  return (
    <g className={data.boundary ? 'poly-edge boundary' : 'poly-edge'} data-value={data.value}>
      <path className="react-flow__edge-path" d={d} fill="none" data-cut-edge={data.value} />
      {/* Invisible and wide, so an edge is easy to click. */}
      <path className="edge-hit" d={d} fill="none" data-hit-edge={data.value} />
      {data.label && mid && (
        <text x={mid.x + 4} y={mid.y} className="edge-label">
          {data.label}
        </text>
      )}
    </g>
  );
}

function labelPoint(pts: { x: number; y: number }[]) {
  if (pts.length < 2) return pts[0];
  const a = pts[Math.floor((pts.length - 1) / 2)]!;
  const b = pts[Math.floor((pts.length - 1) / 2) + 1]!;
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

export const PolyEdge = memo(PolyEdgeView);
