import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { Node } from '@xyflow/react';
import type { OpNodeData } from './derive.ts';
import { partColor } from './kinds.ts';

const SHOWN = 3;

/** One ONNX node: op type, name, and the weights it reads (weights are not drawn as nodes). */
function OpNodeView({ data }: NodeProps<Node<OpNodeData, 'op'>>) {
  const more = data.weights.length - SHOWN;
  return (
    <div
      className={`op-node kind-${data.kind}`}
      style={{ background: partColor(data.part) }}
      data-testid="op-node"
      data-part={data.part ?? ''}
      title={data.name}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="op-type">{data.opType}</div>
      <div className="op-name">{data.name || '\u00a0'}</div>
      {data.weights.length > 0 && (
        <ul className="op-weights">
          {data.weights.slice(0, SHOWN).map((w) => (
            <li key={w.name} title={`${w.name} ${w.dtype} [${w.dims.join('×')}]`}>
              <span className="w-name">{w.name}</span>{' '}
              <span className="w-dims">{w.dims.join('×') || 'scalar'}</span>
            </li>
          ))}
          {more > 0 && <li className="w-more">+{more} more</li>}
        </ul>
      )}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

export const OpNode = memo(OpNodeView);
