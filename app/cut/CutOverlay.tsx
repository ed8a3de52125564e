import { useEffect, useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Point } from '../workers/layoutProtocol.ts';
import { crossedValues, nearestValue } from './geometry.ts';

interface Props {
  /** Drawn edges with their polylines in flow coordinates. */
  edges: { value: string; points: Point[] }[];
  onCut: (values: string[]) => void;
  /** A click (no drag) near an edge: toggle that value in the active cut. */
  onToggle: (value: string) => void;
}

/**
 * While the cut tool is on, press-drag-release on the canvas draws a line; on release the line
 * is mapped to flow coordinates and intersected with the edges' polylines. The listeners sit on
 * the React Flow wrapper (panning by drag is off in this tool), so the wheel still zooms.
 */
export function CutOverlay({ edges, onCut, onToggle }: Props) {
  const flow = useReactFlow();
  const box = useRef<HTMLDivElement>(null);
  const [line, setLine] = useState<{ a: Point; b: Point } | null>(null);
  const latest = useRef({ edges, onCut, onToggle, flow });
  latest.current = { edges, onCut, onToggle, flow };

  useEffect(() => {
    const overlay = box.current;
    const host = overlay?.parentElement;
    if (!overlay || !host) return;
    let start: { client: Point; local: Point } | null = null;
    const local = (e: PointerEvent): Point => {
      const r = overlay.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const down = (e: PointerEvent) => {
      if (e.button !== 0 || (e.target as Element).closest('.react-flow__panel')) return;
      e.preventDefault();
      e.stopPropagation();
      host.setPointerCapture(e.pointerId);
      const p = local(e);
      start = { client: { x: e.clientX, y: e.clientY }, local: p };
      setLine({ a: p, b: p });
    };
    const move = (e: PointerEvent) => {
      if (start) setLine({ a: start.local, b: local(e) });
    };
    const up = (e: PointerEvent) => {
      const s = start;
      start = null;
      setLine(null);
      if (!s) return;
      const { flow: f, edges: es, onCut: cut, onToggle: toggle } = latest.current;
      const a = f.screenToFlowPosition(s.client, { snapToGrid: false });
      const b = f.screenToFlowPosition({ x: e.clientX, y: e.clientY }, { snapToGrid: false });
      if (Math.hypot(e.clientX - s.client.x, e.clientY - s.client.y) < 3) {
        // A click: 6 screen pixels of slack around the edge, whatever the zoom.
        const hit = nearestValue(b, es, 6 / f.getZoom());
        if (hit) toggle(hit);
        return;
      }
      cut(crossedValues(a, b, es));
    };
    host.addEventListener('pointerdown', down, true);
    host.addEventListener('pointermove', move);
    host.addEventListener('pointerup', up);
    host.addEventListener('pointercancel', up);
    return () => {
      host.removeEventListener('pointerdown', down, true);
      host.removeEventListener('pointermove', move);
      host.removeEventListener('pointerup', up);
      host.removeEventListener('pointercancel', up);
    };
  }, []);

  return (
    <div ref={box} className="cut-overlay" data-testid="cut-overlay">
      {line && (
        <svg className="cut-line">
          <line x1={line.a.x} y1={line.a.y} x2={line.b.x} y2={line.b.y} />
        </svg>
      )}
    </div>
  );
}
