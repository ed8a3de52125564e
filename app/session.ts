/** The two worker clients and the small helpers every command shares. */
import { LayoutClient, ModelClient } from './workers/client.ts';
import { useUiStore } from './store/ui.ts';

export const model = new ModelClient();
export const layout = new LayoutClient();

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function isCancel(err: unknown): boolean {
  return (err as { code?: string })?.code === 'cancelled';
}

export function busy(label: string, message = ''): void {
  useUiStore.getState().setBusy({ label, message });
}

export function idle(): void {
  useUiStore.getState().setBusy(null);
}

/** Shows one sentence in the error banner unless the step was cancelled. */
export function fail(err: unknown): void {
  if (!isCancel(err)) useUiStore.getState().showError(messageOf(err));
}

/** Saves bytes as a file through a temporary object URL. */
export function download(
  name: string,
  bytes: Uint8Array | string,
  type = 'application/octet-stream',
): void {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
