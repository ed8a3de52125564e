import { useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Point } from '../workers/layoutProtocol.ts';
import { crossedValues } from './geometry.ts';

interface Props {
  /** Drawn edges with their polylines in flow coordinates. */
  edges: { value: string; points: Point[] }[];
  onCut: (values: string[]) => void;
}

/**
 * Captures press-drag-release while the cut tool is on and draws the line; on release the line
 * is mapped to flow coordinates and intersected with the edges' polylines.
 */
export function CutOverlay({ edges, onCut }: Props) {
  const flow = useReactFlow();
  const box = useRef<HTMLDivElement>(null);
  const [line, setLine] = useState<{ a: Point; b: Point } | null>(null);
  const start = useRef<{ client: Point; local: Point } | null>(null);

  const local = (e: React.PointerEvent): Point => {
    const r = box.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  return (
    <div
      ref={box}
      className="cut-overlay"
      data-testid="cut-overlay"
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        const p = local(e);
        start.current = { client: { x: e.clientX, y: e.clientY }, local: p };
        setLine({ a: p, b: p });
      }}
      onPointerMove={(e) => {
        if (start.current) setLine({ a: start.current.local, b: local(e) });
      }}
      onPointerUp={(e) => {
        const s = start.current;
        start.current = null;
        setLine(null);
        if (!s) return;
        const a = flow.screenToFlowPosition(s.client, { snapToGrid: false });
        const b = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }, { snapToGrid: false });
        if (Math.hypot(a.x - b.x, a.y - b.y) < 1) return;
        onCut(crossedValues(a, b, edges));
      }}
    >
      {line && (
        <svg className="cut-line">
          <line x1={line.a.x} y1={line.a.y} x2={line.b.x} y2={line.b.y} />
        </svg>
      )}
    </div>
  );
}
