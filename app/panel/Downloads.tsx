import { usePlanStore } from '../store/plan.ts';
import { download, writeParts } from '../commands.ts';
import { formatBytes } from '../lib/format.ts';

/** One button per exported file; the parts are written in the worker after each plan. */
export function Downloads() {
  const files = usePlanStore((s) => s.files);
  const exporting = usePlanStore((s) => s.exporting);
  if (!files) {
    return exporting ? <p className="hint">Writing parts…</p> : (
      <p className="hint">Parts not written yet. <button onClick={() => void writeParts()}>Write parts</button></p>
    );
  }
  return (
    <div className="downloads">
      <h2>Download</h2>
      {files.map((f) => {
        const part = /\.part(\d+)\.onnx$/.exec(f.name)?.[1];
        const testId = part ? `download-part-${part}` : f.name === 'manifest.json' ? 'download-manifest' : undefined;
        return (
          <button key={f.name} data-testid={testId} onClick={() => download(f.name, f.bytes,
            f.name.endsWith('.json') ? 'application/json' : 'application/octet-stream')}>
            {f.name} <small>{formatBytes(f.bytes.byteLength)}</small>
          </button>
        );
      })}
    </div>
  );
}
