import { useMemo } from 'react';
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useModelStore } from '../store/model.ts';
import { usePlanStore } from '../store/plan.ts';
import { useUiStore } from '../store/ui.ts';
import { addCut } from '../commands.ts';
import { CutOverlay } from '../cut/CutOverlay.tsx';
import { flowElements, withPlan, type FlowNode } from './derive.ts';
import { OpNode } from './OpNode.tsx';
import { IoNode } from './IoNode.tsx';
import { PolyEdge } from './PolyEdge.tsx';
import { partColor } from './kinds.ts';

const nodeTypes = { op: OpNode, io: IoNode };
const edgeTypes = { poly: PolyEdge };

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

  if (!drawn) return null;
  return (
    <div className={`canvas tool-${tool}`} data-testid="graph-canvas">
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
        fitView
        fitViewOptions={{ padding: 0.05, maxZoom: 1 }}
        minZoom={0.02}
        maxZoom={2.5}
        proOptions={{ hideAttribution: true }}
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
