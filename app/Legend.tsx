import { kindLabels, type OpKind } from './graph/kinds.ts';

/** Colour key for op kinds. */
export function Legend() {
  return (
    <ul className="legend" aria-label="Node colours">
      {(Object.keys(kindLabels) as OpKind[]).map((k) => (
        <li key={k}>
          <span className={`swatch kind-${k}`} />
          {kindLabels[k]}
        </li>
      ))}
    </ul>
  );
}
