import { useMemo, useState } from 'react';
import { useModelStore } from './store/model.ts';
import { useUiStore, type Selection } from './store/ui.ts';

interface Hit {
  key: string;
  label: string;
  detail: string;
  target: NonNullable<Selection>;
}

const LIMIT = 20;

/** Finds nodes (by name or op type) and values (by name); picking one centres the view on it. */
export function Search() {
  const view = useModelStore((s) => s.view);
  const focusOn = useUiStore((s) => s.focusOn);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [cursor, setCursor] = useState(0);

  const hits = useMemo<Hit[]>(() => {
    const q = text.trim().toLowerCase();
    if (!view || !q) return [];
    const out: Hit[] = [];
    for (const v of view.values) {
      if (out.length >= LIMIT) break;
      if (v.name.toLowerCase().includes(q)) {
        out.push({
          key: `v:${v.name}`,
          label: v.name,
          detail: 'value',
          target: { kind: 'value', name: v.name },
        });
      }
    }
    for (const n of view.nodes) {
      if (out.length >= LIMIT * 2) break;
      if (n.name.toLowerCase().includes(q) || n.opType.toLowerCase().includes(q)) {
        out.push({
          key: `n:${n.id}`,
          label: n.name || `#${n.id}`,
          detail: n.opType,
          target: { kind: 'node', id: n.id },
        });
      }
    }
    // Exact matches first, then the rest in graph order.
    return out
      .sort((a, b) => Number(b.label.toLowerCase() === q) - Number(a.label.toLowerCase() === q))
      .slice(0, LIMIT);
  }, [view, text]);

  const pick = (h: Hit | undefined) => {
    if (!h) return;
    focusOn(h.target);
    setOpen(false);
  };

  return (
    <div className="search" role="search">
      <input
        id="search-input"
        type="search"
        placeholder="Search nodes, ops, values  /"
        value={text}
        aria-label="Search nodes and values"
        data-testid="search-input"
        disabled={!view}
        autoComplete="off"
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setCursor(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setCursor((c) => Math.min(c + 1, hits.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setCursor((c) => Math.max(c - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            pick(hits[cursor]);
          } else if (e.key === 'Escape') {
            setOpen(false);
            (e.target as HTMLInputElement).blur();
          }
        }}
      />
      {open && hits.length > 0 && (
        <ul className="search-results" role="listbox" data-testid="search-results">
          {hits.map((h, i) => (
            <li
              key={h.key}
              role="option"
              aria-selected={i === cursor}
              className={i === cursor ? 'current' : ''}
              data-testid="search-result"
              onMouseDown={(e) => {
                e.preventDefault();
                pick(h);
              }}
            >
              <span className="mono">{h.label}</span> <small>{h.detail}</small>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
