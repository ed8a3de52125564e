/** Messages between the page and the layout worker (dagre, top to bottom). */

export interface LayoutNodeIn {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdgeIn {
  id: string;
  source: string;
  target: string;
}

export interface Point {
  x: number;
  y: number;
}

export interface LayoutResult {
  /** Top-left corner of each node, by node id. */
  positions: Record<string, Point>;
  /** Bend points of each edge (dagre's route, without the end points), by edge id. */
  bends: Record<string, Point[]>;
  width: number;
  height: number;
}

export type LayoutRequest = {
  id: number;
  kind: 'layout';
  nodes: LayoutNodeIn[];
  edges: LayoutEdgeIn[];
};

export type LayoutResponse =
  | { id: number; kind: 'laidOut'; result: LayoutResult }
  | { id: number; kind: 'progress'; message: string }
  | { id: number; kind: 'error'; code: string; message: string };
