/// <reference lib="webworker" />
/**
 * Layout worker: dagre's layered layout, top to bottom. dagre is loaded on the first request
 * so the page never pays for it and a 1,700-node layout never blocks the main thread.
 */
import type { LayoutRequest, LayoutResponse, LayoutResult, Point } from './layoutProtocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(msg: LayoutResponse): void {
  scope.postMessage(msg);
}

async function layout(req: LayoutRequest): Promise<LayoutResult> {
  const dagre = (await import('@dagrejs/dagre')).default;
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 48, edgesep: 8, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of req.nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of req.edges) g.setEdge(e.source, e.target, {}, e.id);
  post({ id: req.id, kind: 'progress', message: `Laying out ${req.nodes.length} nodes…` });
  dagre.layout(g);

  const positions: Record<string, Point> = {};
  for (const n of req.nodes) {
    const p = g.node(n.id) as { x: number; y: number };
    positions[n.id] = { x: p.x - n.width / 2, y: p.y - n.height / 2 };
  }
  const bends: Record<string, Point[]> = {};
  for (const e of req.edges) {
    const label = g.edge({ v: e.source, w: e.target, name: e.id }) as { points?: Point[] };
    const pts = label?.points ?? [];
    bends[e.id] = pts.slice(1, -1).map((p) => ({ x: p.x, y: p.y }));
  }
  const graph = g.graph() as { width?: number; height?: number };
  return { positions, bends, width: graph.width ?? 0, height: graph.height ?? 0 };
}

scope.onmessage = async (ev: MessageEvent<LayoutRequest>) => {
  const req = ev.data;
  try {
    post({ id: req.id, kind: 'laidOut', result: await layout(req) });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    post({
      id: req.id,
      kind: 'error',
      code: 'layout-failed',
      message: `Layout failed: ${message}`,
    });
  }
};
