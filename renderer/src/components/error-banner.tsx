/** Shows an ApiError the way every error is shown: what happened, what to do, and the stable code. */
import type { ApiError } from '../../../app/api/errors';

/** An alert with message, hint, code and (folded) details; `onDismiss` adds a close button. */
export function ErrorBanner({ error, onDismiss }: { error: ApiError; onDismiss?: () => void }) {
  const details = error.details ? Object.entries(error.details) : [];
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-error-code={error.code}>
      <div className="error-banner-icon" aria-hidden="true">!</div>
      <div className="error-banner-body">
        <div className="error-banner-head">
          <span className="error-banner-message" data-testid="error-message">{error.message}</span>
          <code className="error-banner-code" data-testid="error-code" title="Error code">{error.code}</code>
        </div>
        {error.hint ? <p className="error-banner-hint" data-testid="error-hint">{error.hint}</p> : null}
        {details.length > 0 ? (
          <details className="error-banner-details">
            <summary>Details</summary>
            <dl>
              {details.map(([key, value]) => (
                <div key={key} className="error-banner-detail">
                  <dt>{key}</dt>
                  <dd>{typeof value === 'string' ? value : JSON.stringify(value, null, 2)}</dd>
                </div>
              ))}
            </dl>
          </details>
        ) : null}
      </div>
      {onDismiss ? (
        <button type="button" className="error-banner-close" onClick={onDismiss} aria-label="Dismiss error">
          ×
        </button>
      ) : null}
    </div>
  );
}
