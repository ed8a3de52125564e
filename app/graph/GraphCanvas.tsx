import { useCallback, useMemo, useRef } from 'react';
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, type ReactFlowInstance } from '@xyflow/react';
import { useModelStore } from '../store/model.ts';
import { usePlanStore } from '../store/plan.ts';
import { useUiStore } from '../store/ui.ts';
import { addCut } from '../commands.ts';
import { CutOverlay } from '../cut/CutOverlay.tsx';
import { flowElements, withPlan, type FlowEdge, type FlowNode } from './derive.ts';
import { OpNode } from './OpNode.tsx';
import { IoNode } from './IoNode.tsx';
import { PolyEdge } from './PolyEdge.tsx';
import { partColor } from './kinds.ts';
import type { LayoutResult } from '../workers/layoutProtocol.ts';

const nodeTypes = { op: OpNode, io: IoNode };
const edgeTypes = { poly: PolyEdge };

/** Below this zoom a whole-graph fit is unreadable; start at the top at a readable zoom instead. */
const MIN_READABLE_ZOOM = 0.45;
const START_ZOOM = 0.7;

/** Centre-top of the highest node: where reading the graph starts. */
function topNode(layout: LayoutResult): { x: number; y: number } {
  let best = { x: layout.width / 2, y: Infinity };
  for (const p of Object.values(layout.positions)) if (p.y < best.y) best = { x: p.x + 90, y: p.y };
  return Number.isFinite(best.y) ? best : { x: layout.width / 2, y: 0 };
}

function miniColor(n: FlowNode): string {
  return partColor(n.data.part) ?? (n.type === 'io' ? '#64748b' : '#94a3b8');
}

/** The model graph: derived from the store, pannable, zoomable, cuttable. */
function Canvas() {
  const view = useModelStore((s) => s.view);
  const layout = useModelStore((s) => s.layout);
  const partOf = usePlanStore((s) => s.plan?.partOf ?? null);
  const tool = useUiStore((s) => s.tool);

  const base = useMemo(() => (view && layout ? flowElements(view, layout) : null), [view, layout]);
  const drawn = useMemo(
    () => (base && view ? withPlan(base.nodes, base.edges, view, partOf) : null),
    [base, view, partOf],
  );
  const cutEdges = useMemo(() => base?.edges.map((e) => e.data!) ?? [], [base]);
  const box = useRef<HTMLDivElement>(null);

  const onInit = useCallback((flow: ReactFlowInstance<FlowNode, FlowEdge>) => {
    const el = box.current;
    if (!el || !layout) return;
    const { clientWidth: w, clientHeight: h } = el;
    const fit = Math.min(w / layout.width, h / layout.height) * 0.95;
    if (fit >= MIN_READABLE_ZOOM) {
      void flow.fitView({ padding: 0.05, maxZoom: 1 });
    } else {
      const top = topNode(layout);
      void flow.setViewport({ x: w / 2 - top.x * START_ZOOM, y: 8 - top.y * START_ZOOM, zoom: START_ZOOM });
    }
  }, [layout]);

  if (!drawn) return null;
  return (
    <div className={`canvas tool-${tool}`} data-testid="graph-canvas" ref={box}>
      <ReactFlow
        key={`${view!.name}:${view!.nodes.length}:${useModelStore.getState().fileName}`}
        nodes={drawn.nodes}
        edges={drawn.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        onlyRenderVisibleElements
        panOnDrag={tool !== 'cut'}
        onInit={onInit}
        minZoom={0.02}
        maxZoom={2.5}
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable nodeColor={miniColor} />
        {tool === 'cut' && <CutOverlay edges={cutEdges} onCut={(v) => void addCut(v)} />}
      </ReactFlow>
    </div>
  );
}

export function GraphCanvas() {
  return (
    <ReactFlowProvider>
      <Canvas />
    </ReactFlowProvider>
  );
}
