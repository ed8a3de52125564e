import { useEffect, useState } from 'react';
import type { AttributeView, NodeDetails } from '../../src/index.ts';
import { useModelStore } from '../store/model.ts';
import { useUiStore } from '../store/ui.ts';
import { fetchDetails, openBody } from '../commands.ts';
import { toggleEdge } from '../planCommands.ts';
import { formatBytes, formatType, tensorBytes } from '../lib/format.ts';
import { messageOf } from '../session.ts';

/** A value name that jumps to the value when clicked. */
function ValueLink({ name }: { name: string }) {
  const focusOn = useUiStore((s) => s.focusOn);
  return (
    <button
      className="link mono"
      title={`Show ${name}`}
      onClick={() => focusOn({ kind: 'value', name })}
    >
      {name}
    </button>
  );
}

function NodeLink({ id }: { id: number }) {
  const node = useModelStore((s) => s.view?.nodes[id]);
  const focusOn = useUiStore((s) => s.focusOn);
  if (!node) return null;
  return (
    <button className="link" onClick={() => focusOn({ kind: 'node', id })}>
      {node.opType} <span className="mono">{node.name || `#${id}`}</span>
    </button>
  );
}

function Attribute({ a }: { a: AttributeView }) {
  const t = a.tensor;
  return (
    <tr data-testid="attribute" data-name={a.name}>
      <th className="mono">{a.name}</th>
      <td>
        <span className="kind">{a.kind}</span>{' '}
        {t ? (
          <span>
            {t.dtype} [{t.dims.join('×') || 'scalar'}]
            {t.first.length > 0 && (
              <>
                {' '}
                · {t.first.join(', ')}
                {t.first.length < t.dims.reduce((x, y) => x * y, 1) ? ', …' : ''}
              </>
            )}
            {t.min != null && (
              <>
                {' '}
                · min {t.min} · max {t.max}
              </>
            )}
          </span>
        ) : (
          <span className="mono attr-text">{a.text}</span>
        )}
      </td>
    </tr>
  );
}

function NodeInspector({ id }: { id: number }) {
  const [details, setDetails] = useState<NodeDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const view = useModelStore((s) => s.view);
  useEffect(() => {
    let live = true;
    setDetails(null);
    setError(null);
    fetchDetails(id).then(
      (d) => {
        if (live) setDetails(d);
      },
      (e) => {
        if (live) setError(messageOf(e));
      },
    );
    return () => {
      live = false;
    };
  }, [id, view]);
  if (error) return <p className="run-error">{error}</p>;
  if (!details) return <p className="hint">Reading node…</p>;
  const io = (list: NodeDetails['inputs'], testId: string) => (
    <table className="values">
      <tbody>
        {list.map((v, i) => (
          <tr key={`${v.name}:${i}`} data-testid={testId}>
            <td className="v-name">{v.name ? <ValueLink name={v.name} /> : <i>(none)</i>}</td>
            <td>{formatType(v.type) || 'type unknown'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div data-testid="node-inspector">
      <h3 className="mono" data-testid="inspect-title">
        {details.opType} {details.name && <small>{details.name}</small>}
      </h3>
      <p className="meta">
        domain <span className="mono">{details.domain || 'ai.onnx'}</span> · node #{details.id}
      </p>
      {details.docString && <p className="doc">{details.docString}</p>}
      {details.bodies.length > 0 && (
        <div className="bodies">
          {details.bodies.map((b) => (
            <button
              key={`${b.attribute}:${b.index}`}
              data-testid="open-body"
              data-attribute={b.attribute}
              onClick={() => void openBody(details.id, b.attribute, b.index)}
            >
              Open {b.attribute}
              {b.index ? ` ${b.index}` : ''} ({b.nodes} nodes)
            </button>
          ))}
        </div>
      )}
      <h4>Attributes</h4>
      {details.attributes.length === 0 ? (
        <p className="hint">None.</p>
      ) : (
        <table className="attrs">
          <tbody>
            {details.attributes.map((a) => (
              <Attribute key={a.name} a={a} />
            ))}
          </tbody>
        </table>
      )}
      <h4>Inputs</h4>
      {io(details.inputs, 'node-input')}
      <h4>Outputs</h4>
      {io(details.outputs, 'node-output')}
    </div>
  );
}

function ValueInspector({ name }: { name: string }) {
  const value = useModelStore((s) => s.view?.values.find((v) => v.name === name));
  if (!value) return <p className="hint">{name} is a weight or not a value of this model.</p>;
  return (
    <div data-testid="value-inspector">
      <h3 className="mono" data-testid="inspect-title">
        {value.name}
      </h3>
      <table className="attrs">
        <tbody>
          <tr>
            <th>type</th>
            <td>{formatType(value.type) || value.kind || 'type unknown'}</td>
          </tr>
          <tr>
            <th>bytes</th>
            <td data-testid="value-bytes">{formatBytes(tensorBytes(value.type))}</td>
          </tr>
          <tr>
            <th>producer</th>
            <td>{value.producer != null ? <NodeLink id={value.producer} /> : 'model input'}</td>
          </tr>
          <tr>
            <th>consumers</th>
            <td>
              {value.consumers.length === 0 && (value.isModelOutput ? 'model output' : 'none')}
              {value.consumers.map((c) => (
                <div key={c}>
                  <NodeLink id={c} />
                </div>
              ))}
              {value.isModelOutput && value.consumers.length > 0 && <div>model output</div>}
            </td>
          </tr>
        </tbody>
      </table>
      <button
        data-testid="toggle-value"
        onClick={() => void toggleEdge(value.name)}
        title="Add this value to the active cut, or take it out (Alt+click on an edge does the same)"
      >
        ✂ Toggle in the active cut
      </button>
    </div>
  );
}

/** The inspector: the clicked or found node or value. */
export function Inspector() {
  const selection = useUiStore((s) => s.selection);
  if (!selection)
    return (
      <p className="hint">
        Click a node or an edge, or search (<kbd>/</kbd>), to inspect it.
      </p>
    );
  return selection.kind === 'node' ? (
    <NodeInspector id={selection.id} />
  ) : (
    <ValueInspector name={selection.name} />
  );
}
