import { useCallback, useEffect, useMemo, useRef } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  SelectionMode,
  useReactFlow,
  type NodeChange,
  type ReactFlowInstance,
} from '@xyflow/react';
import { useModelStore } from '../store/model.ts';
import { usePlanStore } from '../store/plan.ts';
import { useUiStore } from '../store/ui.ts';
import { useSettingsStore } from '../store/settings.ts';
import { addCut, toggleEdge } from '../planCommands.ts';
import { CutOverlay } from '../cut/CutOverlay.tsx';
import { flowElements, withPlan, withSelection, type FlowEdge, type FlowNode } from './derive.ts';
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

/** Centres the view on whatever the search or the inspector asked for. */
function useFocus(nodes: FlowNode[] | undefined, edges: FlowEdge[] | undefined) {
  const flow = useReactFlow();
  const focus = useUiStore((s) => s.focus);
  useEffect(() => {
    if (!focus || !nodes || !edges) return;
    const sel = focus.selection;
    let at: { x: number; y: number } | null = null;
    if (sel.kind === 'node') {
      const n = nodes.find((m) => m.id === `n${sel.id}`);
      if (n) at = { x: n.position.x + (n.width ?? 0) / 2, y: n.position.y + (n.height ?? 0) / 2 };
    } else {
      const e = edges.find((m) => m.data!.value === sel.name);
      const pts = e?.data!.points;
      if (pts && pts.length) {
        const a = pts[0]!;
        const b = pts[pts.length - 1]!;
        at = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      }
    }
    if (at) void flow.setCenter(at.x, at.y, { zoom: Math.max(flow.getZoom(), 0.9), duration: 250 });
    // Only a new focus request moves the view, not a change of plan.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus]);
}

/** The model graph: derived from the store, pannable, zoomable, cuttable, inspectable. */
function Canvas() {
  const view = useModelStore((s) => s.view);
  const layout = useModelStore((s) => s.layout);
  const label = useModelStore((s) => s.label);
  const partOf = usePlanStore((s) => s.plan?.partOf ?? null);
  const tool = useUiStore((s) => s.tool);
  const selection = useUiStore((s) => s.selection);
  const picked = useUiStore((s) => s.picked);
  const theme = useSettingsStore((s) => s.theme);

  const base = useMemo(() => (view && layout ? flowElements(view, layout) : null), [view, layout]);
  const planned = useMemo(
    () => (base && view ? withPlan(base.nodes, base.edges, view, partOf) : null),
    [base, view, partOf],
  );
  const drawn = useMemo(
    () => (planned ? withSelection(planned.nodes, planned.edges, selection, picked) : null),
    [planned, selection, picked],
  );
  const cutEdges = useMemo(() => base?.edges.map((e) => e.data!) ?? [], [base]);
  const box = useRef<HTMLDivElement>(null);
  useFocus(base?.nodes, base?.edges);

  const onInit = useCallback(
    (flow: ReactFlowInstance<FlowNode, FlowEdge>) => {
      const el = box.current;
      if (!el || !layout) return;
      const { clientWidth: w, clientHeight: h } = el;
      const fit = Math.min(w / layout.width, h / layout.height) * 0.95;
      if (fit >= MIN_READABLE_ZOOM) {
        void flow.fitView({ padding: 0.05, maxZoom: 1 });
      } else {
        const top = topNode(layout);
        void flow.setViewport({
          x: w / 2 - top.x * START_ZOOM,
          y: 44 - top.y * START_ZOOM,
          zoom: START_ZOOM,
        });
      }
    },
    [layout],
  );

  /** The selection box reports node selection as changes; the picked ids live in our store. */
  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const ui = useUiStore.getState();
    const next = new Set(ui.picked);
    let touched = false;
    for (const c of changes) {
      if (c.type !== 'select' || !c.id.startsWith('n')) continue;
      touched = true;
      if (c.selected) next.add(Number(c.id.slice(1)));
      else next.delete(Number(c.id.slice(1)));
    }
    if (touched) ui.setPicked([...next].sort((a, b) => a - b));
  }, []);

  if (!drawn) return null;
  const ui = useUiStore.getState();
  return (
    <div className={`canvas tool-${tool}`} data-testid="graph-canvas" ref={box}>
      <ReactFlow
        key={`${label}:${view!.nodes.length}`}
        nodes={drawn.nodes}
        edges={drawn.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={tool === 'select'}
        selectionOnDrag={tool === 'select'}
        selectionMode={SelectionMode.Partial}
        onNodesChange={onNodesChange}
        onNodeClick={(_, n) => {
          if (n.type === 'op') ui.select({ kind: 'node', id: Number(n.id.slice(1)) });
          else ui.select({ kind: 'value', name: n.data.name });
        }}
        onEdgeClick={(e, edge) => {
          if (e.altKey) void toggleEdge(edge.data!.value);
          else ui.select({ kind: 'value', name: edge.data!.value });
        }}
        onPaneClick={() => {
          if (tool === 'select') ui.setPicked([]);
        }}
        onlyRenderVisibleElements
        colorMode={theme}
        panOnDrag={tool === 'pan'}
        onInit={onInit}
        minZoom={0.02}
        maxZoom={2.5}
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable nodeColor={miniColor} />
        {tool === 'cut' && (
          <CutOverlay
            edges={cutEdges}
            onCut={(v) => void addCut(v)}
            onToggle={(v) => void toggleEdge(v)}
          />
        )}
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
