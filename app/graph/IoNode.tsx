import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { IoNodeData } from './derive.ts';
import { partColor } from './kinds.ts';

/** A model input or output, drawn apart from op nodes. */
function IoNodeView({ data }: NodeProps<Node<IoNodeData, 'io'>>) {
  const input = data.role === 'input';
  return (
    <div
      className={`io-node io-${data.role}`}
      style={{ borderColor: partColor(data.part) }}
      data-testid={`model-${data.role}`}
      title={`${data.role}: ${data.name} ${data.type}`}
    >
      {!input && <Handle type="target" position={Position.Top} isConnectable={false} />}
      <div className="io-name">
        {input ? '▶ ' : '◀ '}
        {data.name}
      </div>
      <div className="io-type">{data.type || 'type unknown'}</div>
      {input && <Handle type="source" position={Position.Bottom} isConnectable={false} />}
    </div>
  );
}

export const IoNode = memo(IoNodeView);
