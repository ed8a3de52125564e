import { useUiStore } from './store/ui.ts';

/** The error banner (one sentence) and a quieter notice line. */
export function Banners() {
  const error = useUiStore((s) => s.error);
  const notice = useUiStore((s) => s.notice);
  const showError = useUiStore((s) => s.showError);
  const showNotice = useUiStore((s) => s.showNotice);
  return (
    <>
      {error && (
        <div className="banner error" role="alert" data-testid="error-banner">
          <span>{error}</span>
          <button className="link" onClick={() => showError(null)} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
      {notice && (
        <div className="banner notice" data-testid="notice-banner">
          <span>{notice}</span>
          <button className="link" onClick={() => showNotice(null)} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
    </>
  );
}
