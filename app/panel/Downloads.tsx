import { usePlanStore } from '../store/plan.ts';
import { downloadZip, writeParts } from '../planCommands.ts';
import { download } from '../session.ts';
import { formatBytes } from '../lib/format.ts';

/** The .zip of everything, or one button per exported file; parts are written after each plan. */
export function Downloads() {
  const files = usePlanStore((s) => s.files);
  const exporting = usePlanStore((s) => s.exporting);
  if (!files) {
    return exporting ? (
      <p className="hint">Writing parts…</p>
    ) : (
      <p className="hint">
        Parts not written yet. <button onClick={() => void writeParts()}>Write parts</button>
      </p>
    );
  }
  return (
    <section className="downloads">
      <h2>Download</h2>
      <button
        className="primary"
        data-testid="download-zip"
        onClick={() => void downloadZip()}
        title="Every part, manifest.json and the spec in one .zip"
      >
        ⇩ All as .zip
      </button>
      <details>
        <summary>File by file</summary>
        {files.map((f) => {
          const part = /\.part(\d+)\.onnx$/.exec(f.name)?.[1];
          const testId = part
            ? `download-part-${part}`
            : f.name === 'manifest.json'
              ? 'download-manifest'
              : undefined;
          return (
            <button
              key={f.name}
              data-testid={testId}
              onClick={() =>
                download(
                  f.name,
                  f.bytes,
                  f.name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
                )
              }
            >
              {f.name} <small>{formatBytes(f.bytes.byteLength)}</small>
            </button>
          );
        })}
      </details>
    </section>
  );
}
